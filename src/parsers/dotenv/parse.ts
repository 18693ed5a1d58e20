import type { ParseProblem, SourceFile } from "../../source/source-file.js";
import type { EnvEntry, EnvFile } from "./ast.js";

/**
 * A `.env` file as docker compose v2 reads it (compose-go/v2 dotenv/parser.go).
 * compose-go does not work line by line: it scans a statement start, a key up to
 * `=`, `:` or a newline, then a value; so `A="x" B=1` is two statements and a
 * quoted value may span lines. The parser below follows that scan step by step.
 *
 * Where compose stops at the first error, this parser records a problem and
 * goes on with the next line. Values are kept BEFORE `${VAR}` interpolation,
 * in compose's interpolation syntax (so a double-quoted `\$` becomes `$$`,
 * exactly what compose hands to its interpolator).
 *
 * Never throws; every offset points into `file.text`; linear in the input.
 */

export const DOTENV_MESSAGES = {
  unexpectedCharacter: (ch: string): string => `unexpected character ${JSON.stringify(ch)} in variable name`,
  keySpace: "key cannot contain a space",
  digitStart: "variable name starts with a digit: docker compose ignores it",
  unterminated: "unterminated quoted value",
} as const;

export function parseDotenv(file: SourceFile): EnvFile {
  const p = new DotenvParser(file.text);
  p.run();
  return p.out;
}

/** compose-go's isSpace(): blanks that are not a line break. */
function isLineSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 13 || c === 0x85 || c === 0xa0;
}

/** Go's unicode.IsSpace(). */
function isGoSpace(c: number): boolean {
  if (c <= 0xff) return c === 32 || (c >= 9 && c <= 13) || c === 0x85 || c === 0xa0;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** RE2's `\s` ([\t\n\f\r ]), used by compose-go's `^export\s+`. */
function isRe2Space(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
}

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

/** `[A-Za-z0-9_.-]` plus `[`/`]` and any Unicode letter or number (unicode.IsLetter / IsNumber). */
function isValidKeyRune(cp: number): boolean {
  if (cp < 0x80) {
    return (
      (cp >= 0x30 && cp <= 0x39) ||
      (cp >= 0x41 && cp <= 0x5a) ||
      (cp >= 0x61 && cp <= 0x7a) ||
      cp === 0x5f ||
      cp === 0x2e ||
      cp === 0x2d ||
      cp === 0x5b ||
      cp === 0x5d
    );
  }
  return LETTER_OR_NUMBER.test(String.fromCodePoint(cp));
}

class DotenvParser {
  readonly out: EnvFile = { entries: [], comments: [], problems: [] };
  private readonly n: number;

  constructor(private readonly text: string) {
    this.n = text.length;
  }

  run(): void {
    const text = this.text;
    let pos = 0;
    while (pos < this.n) {
      // getStatementStart(): skip any whitespace (newlines included) and `#` lines.
      while (pos < this.n && isGoSpace(text.charCodeAt(pos))) pos++;
      if (pos >= this.n) break;
      if (text.charCodeAt(pos) === 0x23) {
        const le = this.lineEnd(pos);
        this.out.comments.push({ start: pos, end: this.trimRight(pos, le) });
        pos = le;
        continue;
      }
      const next = this.statement(pos);
      // Always make progress, whatever the statement consumed.
      pos = next > pos ? next : pos + 1;
    }
  }

  private lineEnd(from: number): number {
    const nl = this.text.indexOf("\n", from);
    return nl < 0 ? this.n : nl;
  }

  private trimRight(start: number, end: number): number {
    let e = end;
    while (e > start && isGoSpace(this.text.charCodeAt(e - 1))) e--;
    return e;
  }

  private problem(start: number, end: number, message: string): void {
    this.out.problems.push({ start, end, message } satisfies ParseProblem);
  }

  /** One `KEY=value` / `KEY` statement starting at `stmt`; returns where scanning resumes. */
  private statement(stmt: number): number {
    const text = this.text;
    const n = this.n;
    let k = stmt;
    let exported = false;
    if (text.startsWith("export", k) && k + 6 < n && isRe2Space(text.charCodeAt(k + 6))) {
      exported = true;
      k += 6;
      while (k < n && isLineSpace(text.charCodeAt(k))) k++;
    }
    const keyStart = k;

    // locateKeyName(): blanks are skipped (and end up inside the key), the key ends at
    // `=`, `:` (the yaml-like form compose also accepts) or a newline (inherited).
    let term = -1;
    let bad = -1;
    let badEnd = -1;
    let badChar = "";
    let i = k;
    while (i < n) {
      const cp = text.codePointAt(i) ?? 0;
      const w = cp > 0xffff ? 2 : 1;
      if (!isLineSpace(cp)) {
        if (cp === 0x3d || cp === 0x3a || cp === 0x0a) {
          term = i;
          break;
        }
        if (bad < 0 && !isValidKeyRune(cp)) {
          // compose stops here; we look on for the separator so the value (maybe a
          // multi-line quoted one) is still consumed as a value.
          bad = i;
          badEnd = i + w;
          badChar = String.fromCodePoint(cp);
        }
      }
      i += w;
    }
    const keyEnd = this.trimRight(keyStart, term < 0 ? n : term);
    const key = text.slice(keyStart, keyEnd);
    const keyRange = { start: keyStart, end: keyEnd };
    let blocking = false;
    if (bad >= 0) {
      this.problem(keyStart, Math.max(keyEnd, badEnd), DOTENV_MESSAGES.unexpectedCharacter(badChar));
      blocking = true;
    } else if (key.includes(" ")) {
      this.problem(keyStart, keyEnd, DOTENV_MESSAGES.keySpace);
      blocking = true;
    } else if (key.length > 0 && key.charCodeAt(0) >= 0x30 && key.charCodeAt(0) <= 0x39) {
      // compose reads it, then drops keys matching `^\s*\d` (godotenv.go, startsWithDigitRegex).
      this.problem(keyStart, keyEnd, DOTENV_MESSAGES.digitStart);
    }

    if (term < 0 || text.charCodeAt(term) === 0x0a) {
      // `KEY` alone: compose takes the value from the environment. An empty key here
      // (`export` alone on a line) is a no-op for compose.
      if (!blocking && key.length > 0) {
        this.out.entries.push({
          start: stmt,
          end: keyEnd,
          key,
          keyRange,
          value: "",
          valueRange: { start: keyEnd, end: keyEnd },
          quote: null,
          exported,
          hasValue: false,
        } satisfies EnvEntry);
      }
      return term < 0 ? n : term + 1;
    }

    let v = term + 1;
    while (v < n && isLineSpace(text.charCodeAt(v))) v++;
    const q = v < n ? text.charCodeAt(v) : 0;
    if (q === 0x22 || q === 0x27) return this.quoted(stmt, exported, key, keyRange, v, q);

    // Unquoted: up to the newline, cut at the first " #" (a space, not a tab, then
    // `#`), trailing whitespace (a CR included) removed.
    const le = this.lineEnd(v);
    let cut = -1;
    for (let j = v; j + 1 < le; j++) {
      if (text.charCodeAt(j) === 32 && text.charCodeAt(j + 1) === 0x23) {
        cut = j;
        break;
      }
    }
    const ve = this.trimRight(v, cut < 0 ? le : cut);
    const lineEnd = this.trimRight(v, le);
    if (cut >= 0) this.out.comments.push({ start: cut + 1, end: lineEnd });
    this.out.entries.push({
      start: stmt,
      end: Math.max(lineEnd, term + 1),
      key,
      keyRange,
      value: text.slice(v, ve),
      valueRange: ve > v ? { start: v, end: ve } : { start: term + 1, end: term + 1 },
      quote: null,
      exported,
      hasValue: true,
    } satisfies EnvEntry);
    return le;
  }

  private quoted(stmt: number, exported: boolean, key: string, keyRange: EnvEntry["keyRange"], v: number, q: number): number {
    const text = this.text;
    const n = this.n;
    // extractQuotedValue(): a backslash before the quote character drops the backslash;
    // before anything else it is kept (double quotes resolve escapes afterwards).
    let escape = false;
    let raw = "";
    let segStart = v + 1;
    for (let j = v + 1; j < n; j++) {
      const c = text.charCodeAt(j);
      if (escape) {
        escape = false;
        if (c === q) {
          raw += text.slice(segStart, j - 1);
          segStart = j;
        }
        continue;
      }
      if (c === 0x5c) {
        escape = true;
      } else if (c === q) {
        raw += text.slice(segStart, j);
        const quote = q === 0x22 ? '"' : "'";
        this.out.entries.push({
          start: stmt,
          end: j + 1,
          key,
          keyRange,
          value: quote === '"' ? expandEscapes(raw) : raw,
          valueRange: { start: v, end: j + 1 },
          quote,
          exported,
          hasValue: true,
        } satisfies EnvEntry);
        return j + 1;
      }
    }
    // compose fails the whole file; we resume on the line after the opening quote.
    const le = this.lineEnd(v);
    this.problem(v, this.trimRight(v, le), DOTENV_MESSAGES.unterminated);
    return le;
  }
}

/**
 * compose-go expandEscapes() on a double-quoted value: `\a \b \f \n \r \t \v \\ \"`
 * become their characters, `\$` becomes `$$` (compose's escaped dollar), `\0ooo`
 * is an octal byte; anything else (`\x41`, `\u00e9`, `\'`) stays as written.
 */
function expandEscapes(s: string): string {
  if (!s.includes("\\")) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? "";
    if (c !== "\\" || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const next = s[i + 1] ?? "";
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i++;
      continue;
    }
    if (next === "0") {
      // The regex takes `\0` plus up to three digits; Go's UnquoteChar then needs
      // exactly three octal digits worth at most 255, or the text is kept.
      let j = i + 2;
      while (j < s.length && j < i + 5 && isAsciiDigit(s.charCodeAt(j))) j++;
      const digits = s.slice(i + 2, j);
      const value = digits.length === 3 && isOctal(digits) ? parseInt(digits, 8) : 256;
      out += value <= 255 ? String.fromCharCode(value) : s.slice(i, j);
      i = j - 1;
      continue;
    }
    out += c;
  }
  return out;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  '"': '"',
  $: "$$",
};

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isOctal(digits: string): boolean {
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 55) return false;
  }
  return true;
}
