import type { ParseProblem, Range } from "../../source/source-file.js";

/**
 * A Python tokenizer good enough for configuration modules. It follows
 * CPython's rules where they decide how text is split (strings, implicit line
 * joining in brackets, backslash continuations, INDENT/DEDENT), and recovers
 * where CPython would stop: this runs on files people are in the middle of
 * breaking, and one stray quote must not hide every setting below it.
 */
export type PyTokenKind = "name" | "num" | "str" | "op" | "newline" | "indent" | "dedent" | "eof";

export interface PyToken {
  kind: PyTokenKind;
  start: number;
  end: number;
  /** name / op / num: source text. str: decoded value (escapes applied unless raw). */
  value: string;
  /** str only: f-string or t-string, so `value` is the template, not the runtime value. */
  formatted: boolean;
}

export interface PyTokens {
  tokens: PyToken[];
  comments: Range[];
  problems: ParseProblem[];
}

export function tokenizePython(text: string): PyTokens {
  const first = scan(text, false);
  if (!first.bracketTrouble) return first;
  // Only a file with unbalanced brackets gets the column-0 heuristic: on
  // valid code a `NAME=` at column 0 inside a call is a legal keyword argument.
  // Any imbalance counts, not just brackets open at EOF: a later stray closer
  // can "close" a bracket left open many statements earlier.
  return scan(text, true);
}

const OPS3 = new Set(["**=", "//=", ">>=", "<<=", "..."]);
const OPS2 = new Set(["->", ":=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "<>", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="]);
const OPS1 = "+-*/%@&|^~<>()[]{},:;.=!";
const OPENER_OF: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

const NAME_RE = /[\p{ID_Start}_][\p{ID_Continue}]*/uy;
const NUMBER_RE =
  /0[xX](?:_?[0-9a-fA-F])+[lL]?|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?[jJlL]?/y;
const STRING_PREFIXES = new Set(["r", "u", "b", "f", "t", "br", "rb", "fr", "rf", "tr", "rt", "ur"]);
/**
 * Lines that, at column 0 inside an unclosed bracket, almost certainly start
 * a new statement: an assignment or a statement keyword.
 */
const RECOVERY_RE =
  /(?:[A-Za-z_][A-Za-z0-9_]*[ \t]*(?:\[[^\]\r\n]*\][ \t]*)*(?::[^=\r\n]*)?(?:\*\*|\/\/|>>|<<|[-+*/%&|^@])?=(?!=)|(?:import|from|def|class|if|try|for|while|with|async)\b|@)/y;

/** f-strings nest (`f"{f'{x}'}"`); beyond this the rest is taken as plain text rather than recursing. */
const MAX_FSTRING_NESTING = 64;

interface ScanResult extends PyTokens {
  bracketTrouble: boolean;
}

function isNewline(c: number): boolean {
  return c === 10 || c === 13;
}

function scan(text: string, recovery: boolean): ScanResult {
  const n = text.length;
  const tokens: PyToken[] = [];
  const comments: Range[] = [];
  const problems: ParseProblem[] = [];
  const indents: number[] = [0];
  const open: { ch: string; start: number }[] = [];
  // How many of each opener are on `open`, so a stray closer is known to be
  // stray without walking the whole stack (100000 `(` then 100000 `]`).
  const openCount: Record<string, number> = { "(": 0, "[": 0, "{": 0 };
  const truncateOpen = (length: number): void => {
    for (let k = length; k < open.length; k++) {
      const ch = open[k]?.ch ?? "";
      openCount[ch] = (openCount[ch] ?? 1) - 1;
    }
    open.length = length;
  };
  const noTripleEnd: TripleMemo = new Map();
  let lineHasTokens = false;
  let atLineStart = true;
  let bracketTrouble = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const emit = (kind: PyTokenKind, start: number, end: number, value: string, formatted = false): void => {
    tokens.push({ kind, start, end, value, formatted });
    if (kind !== "newline" && kind !== "indent" && kind !== "dedent") lineHasTokens = true;
  };
  const problem = (start: number, end: number, message: string): void => {
    problems.push({ start, end: Math.min(Math.max(end, start), n), message });
  };
  // One problem per run of unclosed brackets: 100000 `[` are one mistake, not 100000.
  const unclosed = (list: readonly { ch: string; start: number }[]): void => {
    const outer = list[0];
    if (!outer) return;
    bracketTrouble = true;
    const more = list.length > 1 ? ` (with ${list.length - 1} more unclosed inside it)` : "";
    problem(outer.start, outer.start + 1, `'${outer.ch}' was never closed${more}`);
  };
  const endLogicalLine = (start: number, end: number): void => {
    if (lineHasTokens) emit("newline", start, end, "");
    lineHasTokens = false;
    atLineStart = true;
  };

  while (i < n) {
    if (atLineStart) {
      const lineStart = i;
      let col = 0;
      let j = i;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (c === 32) col++;
        else if (c === 9) col = col - (col % 8) + 8;
        else if (c === 12) col = 0;
        else break;
      }
      i = j;
      if (j >= n) break;
      const c = text.charCodeAt(j);
      // Blank and comment-only lines do not take part in indentation.
      if (c === 35) {
        let e = j;
        while (e < n && !isNewline(text.charCodeAt(e))) e++;
        comments.push({ start: j, end: e });
        i = e;
      }
      if (i < n && isNewline(text.charCodeAt(i))) {
        i += text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
        continue;
      }
      if (i >= n) break;
      const top = indents[indents.length - 1] ?? 0;
      if (col > top) {
        indents.push(col);
        emit("indent", j, j, "");
      } else if (col < top) {
        while (indents.length > 1 && (indents[indents.length - 1] ?? 0) > col) {
          indents.pop();
          emit("dedent", j, j, "");
        }
        if ((indents[indents.length - 1] ?? 0) !== col) problem(lineStart, j, "unindent does not match any outer indentation level");
      }
      atLineStart = false;
      continue;
    }

    const c = text.charCodeAt(i);
    if (isNewline(c)) {
      const len = c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      if (open.length === 0) {
        endLogicalLine(i, i + len);
        i += len;
        continue;
      }
      i += len;
      if (recovery) {
        RECOVERY_RE.lastIndex = i;
        if (RECOVERY_RE.test(text)) {
          unclosed(open);
          truncateOpen(0);
          endLogicalLine(i - len, i);
        }
      }
      continue;
    }
    if (c === 32 || c === 9 || c === 12) {
      i++;
      continue;
    }
    if (c === 35) {
      let e = i;
      while (e < n && !isNewline(text.charCodeAt(e))) e++;
      comments.push({ start: i, end: e });
      i = e;
      continue;
    }
    if (c === 92) {
      const d = text.charCodeAt(i + 1);
      if (d === 10) i += 2;
      else if (d === 13) i += text.charCodeAt(i + 2) === 10 ? 3 : 2;
      else {
        problem(i, i + 1, i + 1 >= n ? "unexpected end of file after line continuation" : "unexpected character after line continuation");
        i++;
      }
      continue;
    }
    if (c === 34 || c === 39) {
      i = scanString(i, i);
      continue;
    }
    if ((c >= 48 && c <= 57) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      NUMBER_RE.lastIndex = i;
      const m = NUMBER_RE.exec(text);
      const end = m ? i + m[0].length : i + 1;
      emit("num", i, end, text.slice(i, end));
      i = end;
      continue;
    }
    NAME_RE.lastIndex = i;
    const name = NAME_RE.exec(text);
    if (name) {
      const end = i + name[0].length;
      const q = text.charCodeAt(end);
      if ((q === 34 || q === 39) && STRING_PREFIXES.has(name[0].toLowerCase())) {
        i = scanString(i, end);
        continue;
      }
      emit("name", i, end, name[0]);
      i = end;
      continue;
    }
    const op = OPS3.has(text.slice(i, i + 3)) ? text.slice(i, i + 3) : OPS2.has(text.slice(i, i + 2)) ? text.slice(i, i + 2) : OPS1.includes(text[i] ?? "") ? (text[i] ?? "") : "";
    if (op !== "") {
      if (op === "(" || op === "[" || op === "{") {
        open.push({ ch: op, start: i });
        openCount[op] = (openCount[op] ?? 0) + 1;
        emit("op", i, i + 1, op);
      } else if (op === ")" || op === "]" || op === "}") {
        const opener = OPENER_OF[op] ?? "";
        let k = (openCount[opener] ?? 0) > 0 ? open.length - 1 : -1;
        while (k >= 0 && open[k]?.ch !== opener) k--;
        if (k < 0) {
          // A stray closer is dropped so it cannot end a bracket it never opened.
          problem(i, i + 1, `unmatched '${op}'`);
          bracketTrouble = true;
        } else {
          unclosed(open.slice(k + 1));
          truncateOpen(k);
          emit("op", i, i + 1, op);
        }
      } else emit("op", i, i + op.length, op);
      i += op.length;
      continue;
    }
    const cp = text.codePointAt(i) ?? c;
    const width = cp > 0xffff ? 2 : 1;
    problem(i, i + width, `invalid character '${String.fromCodePoint(cp)}' (U+${cp.toString(16).toUpperCase().padStart(4, "0")})`);
    i += width;
  }

  unclosed(open);
  if (lineHasTokens) emit("newline", n, n, "");
  for (let k = indents.length - 1; k > 0; k--) emit("dedent", n, n, "");
  tokens.push({ kind: "eof", start: n, end: n, value: "", formatted: false });
  return { tokens, comments, problems, bracketTrouble };

  /** Scans the string literal whose prefix starts at `start` and opening quote is at `qpos`; returns the offset after it. */
  function scanString(start: number, qpos: number): number {
    const prefix = text.slice(start, qpos).toLowerCase();
    const raw = prefix.includes("r");
    const fmt = prefix.includes("f") || prefix.includes("t");
    const q = text.charCodeAt(qpos);
    const triple = text.charCodeAt(qpos + 1) === q && text.charCodeAt(qpos + 2) === q;
    const qlen = triple ? 3 : 1;
    const body = scanStringBody(text, qpos, fmt, 0, noTripleEnd);
    if (body.terminated) {
      emit("str", start, body.end, decodeValue(text.slice(qpos + qlen, body.end - qlen), raw), fmt);
      return body.end;
    }
    problem(qpos, qpos + qlen, triple ? "unterminated triple-quoted string literal" : "unterminated string literal");
    // Recover at the next line: everything after it is read as code again.
    let end: number;
    if (!triple) end = body.end;
    else {
      end = qpos + qlen;
      while (end < n && !isNewline(text.charCodeAt(end))) end++;
    }
    emit("str", start, end, decodeValue(text.slice(Math.min(qpos + qlen, end), end), raw), fmt);
    return end;
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

interface StringBody {
  /** Offset after the closing quote; when unterminated, where scanning stopped (a newline or EOF). */
  end: number;
  terminated: boolean;
}

/**
 * Where a triple-quoted scan (by quote and f-ness) already ran to EOF. A scan
 * starting later will not find an end either (short of backslash-alignment
 * corner cases in already-broken files), so it is not repeated: otherwise
 * many unterminated openers would each rescan to EOF, in quadratic time.
 */
type TripleMemo = Map<string, number>;

function scanStringBody(text: string, qpos: number, fmt: boolean, level: number, memo: TripleMemo): StringBody {
  const n = text.length;
  const q = text.charCodeAt(qpos);
  const triple = text.charCodeAt(qpos + 1) === q && text.charCodeAt(qpos + 2) === q;
  const memoKey = `${q}:${fmt ? "f" : ""}`;
  const failedFrom = memo.get(memoKey);
  if (triple && failedFrom !== undefined && qpos >= failedFrom) return { end: n, terminated: false };
  let j = qpos + (triple ? 3 : 1);
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 92) {
      // Even in raw strings a backslash keeps the next quote from closing the literal.
      j += text.charCodeAt(j + 1) === 13 && text.charCodeAt(j + 2) === 10 ? 3 : 2;
      continue;
    }
    if (c === q) {
      if (!triple) return { end: j + 1, terminated: true };
      if (text.charCodeAt(j + 1) === q && text.charCodeAt(j + 2) === q) return { end: j + 3, terminated: true };
      j++;
      continue;
    }
    if (!triple && isNewline(c)) return { end: j, terminated: false };
    if (fmt && c === 123) {
      if (text.charCodeAt(j + 1) === 123) j += 2;
      else j = scanField(text, j + 1, q, triple, level + 1, memo);
      continue;
    }
    j++;
  }
  if (triple) memo.set(memoKey, Math.min(failedFrom ?? qpos, qpos));
  return { end: Math.min(j, n), terminated: false };
}

/**
 * Skips an f-string replacement field starting after its `{`. Since Python
 * 3.12 a field may contain any string, even one using the outer quote, so
 * quotes here start nested literals. Returns the offset after the closing `}`,
 * or where the outer literal must decide (a newline or its own quote).
 */
function scanField(text: string, start: number, q: number, triple: boolean, level: number, memo: TripleMemo): number {
  const n = text.length;
  if (level > MAX_FSTRING_NESTING) return start;
  let depth = 0;
  let j = start;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (!triple && isNewline(c)) return j;
    if (c === 34 || c === 39) {
      let p = j;
      while (p > start && j - p < 2 && /[rRbBuUfFtT]/.test(text[p - 1] ?? "")) p--;
      const pre = text.slice(p, j).toLowerCase();
      const sub = scanStringBody(text, j, pre.includes("f") || pre.includes("t"), level + 1, memo);
      if (!sub.terminated) return sub.end;
      j = sub.end;
      continue;
    }
    if (c === 92) {
      j += 2;
      continue;
    }
    if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93) {
      if (depth > 0) depth--;
    } else if (c === 125) {
      if (depth === 0) return j + 1;
      depth--;
    } else if (c === 58 && depth === 0) {
      // Format spec: literal text (quotes included) with nested `{fields}`.
      j++;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 125) return j + 1;
        if (d === q || (!triple && isNewline(d))) return j;
        if (d === 123) {
          j = scanField(text, j + 1, q, triple, level + 1, memo);
          continue;
        }
        j += d === 92 ? 2 : 1;
      }
      return Math.min(j, n);
    }
    j++;
  }
  return Math.min(j, n);
}

function decodeValue(content: string, raw: boolean): string {
  // Python reads source newlines as \n whatever the file uses.
  const normalized = content.includes("\r") ? content.replace(/\r\n?/g, "\n") : content;
  return raw ? normalized : decodeEscapes(normalized);
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

export function decodeEscapes(s: string): string {
  if (!s.includes("\\")) return s;
  let out = "";
  let i = 0;
  while (i < s.length) {
    const k = s.indexOf("\\", i);
    if (k < 0) {
      out += s.slice(i);
      break;
    }
    out += s.slice(i, k);
    const d = s[k + 1];
    if (d === undefined) {
      out += "\\";
      i = k + 1;
      continue;
    }
    if (d === "\n") {
      i = k + 2;
      continue;
    }
    const simple = SIMPLE_ESCAPES[d];
    if (simple !== undefined) {
      out += simple;
      i = k + 2;
      continue;
    }
    const hexLen = d === "x" ? 2 : d === "u" ? 4 : d === "U" ? 8 : 0;
    if (hexLen > 0) {
      const hex = s.slice(k + 2, k + 2 + hexLen);
      const cp = hex.length === hexLen && /^[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : -1;
      if (cp >= 0 && cp <= 0x10ffff) {
        out += String.fromCodePoint(cp);
        i = k + 2 + hexLen;
      } else {
        out += "\\" + d;
        i = k + 2;
      }
      continue;
    }
    if (d >= "0" && d <= "7") {
      let e = k + 1;
      while (e < s.length && e < k + 4 && (s[e] ?? "") >= "0" && (s[e] ?? "") <= "7") e++;
      out += String.fromCodePoint(parseInt(s.slice(k + 1, e), 8));
      i = e;
      continue;
    }
    // Unknown escapes (and \N{...}, which needs the Unicode name table) stay as written.
    out += "\\" + d;
    i = k + 2;
  }
  return out;
}
