/**
 * Dockerfile parser with exact offsets, following what BuildKit's Dockerfile
 * frontend really does (frontend/dockerfile/parser and instructions): the
 * same line joining, comment and directive rules, the same exec-form test
 * and the same heredoc detection, so that every rule sees the instruction
 * Docker will run, not a guess.
 */
import { editDistance } from "../../knowledge/closest-name.js";
import { positionAt, type ParseProblem, type Range, type SourceFile } from "../../source/source-file.js";
import type {
  DockerComment,
  DockerExecArg,
  DockerFlag,
  DockerInstruction,
  DockerStage,
  Dockerfile,
} from "./ast.js";

const INSTRUCTIONS = [
  "ADD",
  "ARG",
  "CMD",
  "COPY",
  "ENTRYPOINT",
  "ENV",
  "EXPOSE",
  "FROM",
  "HEALTHCHECK",
  "LABEL",
  "MAINTAINER",
  "ONBUILD",
  "RUN",
  "SHELL",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
] as const;
const KNOWN = new Set<string>(INSTRUCTIONS);
/** Instructions whose leading `--name[=value]` words are build flags. */
const FLAG_KEYWORDS = new Set(["FROM", "COPY", "ADD", "RUN", "HEALTHCHECK"]);
/** Instructions Docker runs through parseMaybeJSON / parseMaybeJSONToList. */
const FORM_KEYWORDS = new Set(["RUN", "CMD", "ENTRYPOINT", "SHELL", "COPY", "ADD", "VOLUME"]);
/** BuildKit only reads heredoc bodies for these (and for them behind ONBUILD). */
const HEREDOC_KEYWORDS = new Set(["RUN", "COPY", "ADD"]);
const AT_LEAST_ONE = new Set(["ENV", "LABEL", "EXPOSE", "VOLUME", "ARG", "ONBUILD", "HEALTHCHECK", "SHELL"]);
const EXACTLY_ONE = new Set(["MAINTAINER", "WORKDIR", "USER", "STOPSIGNAL"]);
/** BuildKit predefines these in the global scope; their values depend on the build, so they stay unknown. */
const PLATFORM_ARGS = [
  "BUILDPLATFORM",
  "BUILDOS",
  "BUILDARCH",
  "BUILDVARIANT",
  "TARGETPLATFORM",
  "TARGETOS",
  "TARGETARCH",
  "TARGETVARIANT",
];
const MAX_EXPANSION_DEPTH = 32;

interface Line {
  start: number;
  /** End of the line without trailing CR/LF (BuildKit's trimNewline). */
  contentEnd: number;
  /** Offset just after the `\n` (or text length). */
  next: number;
}

/** Docker splits lines on `\n` only (bufio.Scanner); a lone `\r` stays inside the line. */
function readLine(text: string, pos: number): Line {
  const nl = text.indexOf("\n", pos);
  const end = nl === -1 ? text.length : nl;
  let contentEnd = end;
  while (contentEnd > pos && text.charCodeAt(contentEnd - 1) === 13) contentEnd--;
  return { start: pos, contentEnd, next: nl === -1 ? text.length : nl + 1 };
}

/** Go's unicode.IsSpace, which BuildKit uses for trimming. */
function isSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** BuildKit's reWhitespace `[\t\v\f\r ]`, used to split the keyword and FROM words. */
function isSplitSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 13;
}

function skipSpace(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Offset of the escape char that continues this line, or -1. Mirrors
 * BuildKit's `([^E])E[ \t]*$|^E[ \t]*$`: trailing blanks after the escape
 * are allowed, a doubled escape (`\\`) is a literal and does not continue.
 */
function continuationEscape(text: string, segStart: number, contentEnd: number, esc: number): number {
  let k = contentEnd;
  while (k > segStart) {
    const c = text.charCodeAt(k - 1);
    if (c !== 32 && c !== 9) break;
    k--;
  }
  if (k === segStart || text.charCodeAt(k - 1) !== esc) return -1;
  const at = k - 1;
  if (at > segStart && text.charCodeAt(at - 1) === esc) return -1;
  return at;
}

interface Segment {
  /** Source offset of the segment. */
  src: number;
  /** Offset of the segment in the joined logical line. */
  j: number;
  len: number;
}

/**
 * The instruction as Docker sees it: continuation lines joined, skipped
 * lines dropped. Every character maps back to one source offset.
 */
class LogicalLine {
  constructor(
    readonly text: string,
    private readonly segs: readonly Segment[],
  ) {}

  toSrc(j: number): number {
    const segs = this.segs;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((segs[mid]?.j ?? 0) <= j) lo = mid;
      else hi = mid - 1;
    }
    const seg = segs[lo];
    return seg === undefined ? 0 : seg.src + (j - seg.j);
  }

  /** Source offset just after the logical character jEnd - 1. */
  srcEnd(jEnd: number): number {
    return jEnd <= 0 ? this.toSrc(0) : this.toSrc(jEnd - 1) + 1;
  }

  range(js: number, je: number): Range {
    return je > js ? { start: this.toSrc(js), end: this.srcEnd(je) } : { start: this.toSrc(js), end: this.toSrc(js) };
  }
}

/** Source text of `range` with everything Docker skipped (continuations, comment lines) turned into spaces. */
function blankedText(text: string, segs: readonly Segment[], range: Range): string {
  const parts: string[] = [];
  let pos = range.start;
  for (const seg of segs) {
    const from = Math.max(range.start, seg.src);
    const to = Math.min(range.end, seg.src + seg.len);
    if (to <= from) continue;
    if (from > pos) parts.push(" ".repeat(from - pos));
    parts.push(text.slice(from, to));
    pos = to;
  }
  if (range.end > pos) parts.push(" ".repeat(range.end - pos));
  return parts.join("");
}

interface Word {
  text: string;
  js: number;
  je: number;
}

/** Words separated by reWhitespace, no quoting (parseStringsWhitespaceDelimited). */
function splitWhitespace(s: string, from: number, to: number): Word[] {
  const words: Word[] = [];
  let i = from;
  while (i < to) {
    while (i < to && isSplitSpace(s.charCodeAt(i))) i++;
    if (i >= to) break;
    const st = i;
    while (i < to && !isSplitSpace(s.charCodeAt(i))) i++;
    words.push({ text: s.slice(st, i), js: st, je: i });
  }
  return words;
}

/**
 * BuildKit's parseWords (ENV, LABEL, ARG): quotes group words and are kept
 * in the word text (the evaluator strips them later), the escape token keeps
 * the next character in the word.
 */
function parseWords(s: string, from: number, to: number, esc: string): Word[] {
  const words: Word[] = [];
  let i = from;
  while (i < to) {
    while (i < to && isSpace(s.charCodeAt(i))) i++;
    if (i >= to) break;
    const st = i;
    let quote = "";
    let out = "";
    for (; i < to; i++) {
      const ch = s.charAt(i);
      if (quote === "") {
        if (isSpace(s.charCodeAt(i))) break;
        if (ch === "'" || ch === '"') quote = ch;
        if (ch === esc) {
          if (i + 1 === to) continue;
          out += ch;
          i++;
          out += s.charAt(i);
          continue;
        }
        out += ch;
      } else {
        if (ch === quote) quote = "";
        else if (ch === esc && quote !== "'") {
          if (i + 1 === to) continue;
          out += ch;
          i++;
          out += s.charAt(i);
          continue;
        }
        out += ch;
      }
    }
    words.push({ text: out, js: st, je: i });
  }
  return words;
}

/** Shell-like words with quotes kept (BuildKit lexes the line this way to find heredoc markers). */
function rawShellWords(s: string, from: number, to: number): Word[] {
  const words: Word[] = [];
  let i = from;
  while (i < to) {
    while (i < to && isSpace(s.charCodeAt(i))) i++;
    if (i >= to) break;
    const st = i;
    while (i < to && !isSpace(s.charCodeAt(i))) {
      const c = s.charCodeAt(i);
      if (c === 92) {
        i += 2;
      } else if (c === 39 || c === 34) {
        const close = s.indexOf(s.charAt(i), i + 1);
        i = close === -1 || close >= to ? to : close + 1;
      } else i++;
    }
    words.push({ text: s.slice(st, Math.min(i, to)), js: st, je: Math.min(i, to) });
  }
  return words;
}

/** Quote removal as BuildKit's shell lexer does for a heredoc name. */
function unquoteWord(w: string): string {
  let out = "";
  for (let i = 0; i < w.length; i++) {
    const ch = w.charAt(i);
    if (ch === "'") {
      const close = w.indexOf("'", i + 1);
      const end = close === -1 ? w.length : close;
      out += w.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      let k = i + 1;
      for (; k < w.length && w.charAt(k) !== '"'; k++) {
        if (w.charAt(k) === "\\" && k + 1 < w.length) k++;
        out += w.charAt(k);
      }
      i = k;
    } else if (ch === "\\" && i + 1 < w.length) {
      i++;
      out += w.charAt(i);
    } else out += ch;
  }
  return out;
}

interface FlagWord {
  name: string;
  value: string | undefined;
  js: number;
  je: number;
}

/** BuildKit's extractBuilderFlags: `--x[=v]` words up to the first other word; a bare `--` ends them. */
function extractFlags(s: string, from: number): { flags: FlagWord[]; rest: number; lastEnd: number } {
  const flags: FlagWord[] = [];
  const n = s.length;
  let i = from;
  let lastEnd = from;
  for (;;) {
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (i >= n) return { flags, rest: n, lastEnd };
    if (!(s.charCodeAt(i) === 45 && s.charCodeAt(i + 1) === 45)) return { flags, rest: i, lastEnd };
    const st = i;
    let word = "";
    while (i < n && !isSpace(s.charCodeAt(i))) {
      const ch = s.charAt(i);
      if (ch === "'" || ch === '"') {
        i++;
        while (i < n && s.charAt(i) !== ch) {
          if (s.charAt(i) === "\\" && i + 1 < n) i++;
          word += s.charAt(i);
          i++;
        }
        i++;
      } else if (ch === "\\") {
        if (i + 1 < n) word += s.charAt(i + 1);
        i += 2;
      } else {
        word += ch;
        i++;
      }
    }
    i = Math.min(i, n);
    lastEnd = i;
    if (word === "--") {
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      return { flags, rest: i, lastEnd };
    }
    const body = word.slice(2);
    const eq = body.indexOf("=");
    flags.push({
      name: eq === -1 ? body : body.slice(0, eq),
      value: eq === -1 ? undefined : body.slice(eq + 1),
      js: st,
      je: i,
    });
  }
}

type JsonResult = { ok: true; values: { value: string; js: number; je: number }[] } | { ok: false };

function isJsonSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * A JSON array of strings occupying exactly s[from, to) (json.Unmarshal
 * rejects trailing text), with the position of every string.
 */
function parseJsonStringArray(s: string, from: number, to: number): JsonResult {
  let i = from;
  const skip = (): void => {
    while (i < to && isJsonSpace(s.charCodeAt(i))) i++;
  };
  skip();
  if (s.charCodeAt(i) !== 91) return { ok: false };
  i++;
  skip();
  const values: { value: string; js: number; je: number }[] = [];
  if (s.charCodeAt(i) === 93) {
    i++;
    skip();
    return i === to ? { ok: true, values } : { ok: false };
  }
  for (;;) {
    skip();
    if (i >= to || s.charCodeAt(i) !== 34) return { ok: false };
    const st = i;
    i++;
    let value = "";
    let runStart = i;
    for (;;) {
      if (i >= to) return { ok: false };
      const c = s.charCodeAt(i);
      if (c === 34) break;
      if (c < 0x20) return { ok: false };
      if (c === 92) {
        value += s.slice(runStart, i);
        const e = s.charAt(i + 1);
        if (i + 1 >= to) return { ok: false };
        if (e === "u") {
          const hex = s.slice(i + 2, i + 6);
          if (i + 6 > to || !HEX4_RE.test(hex)) return { ok: false };
          value += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          const map: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
          const m = map[e];
          if (m === undefined) return { ok: false };
          value += m;
          i += 2;
        }
        runStart = i;
        continue;
      }
      i++;
    }
    value += s.slice(runStart, i);
    i++;
    values.push({ value, js: st, je: i });
    skip();
    const c = s.charCodeAt(i);
    if (c === 44) {
      i++;
      continue;
    }
    if (c === 93) {
      i++;
      skip();
      return i === to ? { ok: true, values } : { ok: false };
    }
    return { ok: false };
  }
}

/** True when s[from,to) is valid JSON, an array, but not all strings: Docker refuses that outright. */
function isNonStringJsonArray(s: string, from: number, to: number): boolean {
  try {
    const parsed: unknown = JSON.parse(s.slice(from, to));
    return Array.isArray(parsed);
  } catch {
    return false;
  }
}

/** Meta ARGs before the first FROM: value, or undefined when declared without a (known) default. */
type ArgScope = Map<string, string | undefined>;

interface Expanded {
  value: string;
  /** False when a referenced ARG has no default: the real value is only known at build time. */
  resolved: boolean;
}

/**
 * Variable expansion as BuildKit's shell lexer applies it to FROM and ARG
 * values: quotes removed, `$X`, `${X}`, `${X:-w}`, `${X-w}`, `${X:+w}`,
 * `${X+w}`; undeclared variables expand to "".
 */
function expandWord(s: string, scope: ArgScope, esc: string, depth = 0): Expanded {
  if (depth > MAX_EXPANSION_DEPTH) return { value: s, resolved: false };
  let out = "";
  let resolved = true;
  const n = s.length;
  let i = 0;
  const lookup = (name: string): string | undefined => {
    if (!scope.has(name)) return "";
    const v = scope.get(name);
    if (v === undefined) resolved = false;
    return v;
  };
  const dollar = (): void => {
    // s[i] === "$"
    const next = s.charAt(i + 1);
    if (next === "{") {
      let k = i + 2;
      while (k < n && isNameChar(s.charCodeAt(k))) k++;
      const name = s.slice(i + 2, k);
      if (s.charAt(k) === "}") {
        out += lookup(name) ?? "";
        i = k + 1;
        return;
      }
      const opMatch = EXPANSION_OP_RE.exec(s.slice(k, k + 2));
      // find the matching close brace, counting nested ${
      let level = 1;
      let m = k;
      while (m < n && level > 0) {
        const ch = s.charAt(m);
        if (ch === esc) m++;
        else if (ch === "$" && s.charAt(m + 1) === "{") {
          level++;
          m++;
        } else if (ch === "}") level--;
        if (level > 0) m++;
      }
      if (name === "" || opMatch === null || m >= n) {
        // something BuildKit may or may not accept: keep it as written, unknown
        resolved = false;
        out += s.slice(i, Math.min(m + 1, n));
        i = Math.min(m + 1, n);
        return;
      }
      const op = opMatch[1] ?? "";
      const word = s.slice(k + op.length, m);
      i = m + 1;
      const declared = scope.has(name);
      const value = declared ? scope.get(name) : "";
      if (value === undefined) {
        resolved = false;
        return;
      }
      const colon = op.startsWith(":");
      const set = declared && (!colon || value !== "");
      const kind = op.slice(-1);
      if (kind === "-") {
        if (set) out += value;
        else {
          const sub = expandWord(word, scope, esc, depth + 1);
          if (!sub.resolved) resolved = false;
          out += sub.value;
        }
      } else if (kind === "+") {
        if (set) {
          const sub = expandWord(word, scope, esc, depth + 1);
          if (!sub.resolved) resolved = false;
          out += sub.value;
        }
      } else {
        // `?`: an error when unset; the value when set
        if (set) out += value;
        else resolved = false;
      }
      return;
    }
    if (isNameStart(s.charCodeAt(i + 1))) {
      let k = i + 2;
      while (k < n && isNameChar(s.charCodeAt(k))) k++;
      out += lookup(s.slice(i + 1, k)) ?? "";
      i = k;
      return;
    }
    out += "$";
    i++;
  };
  while (i < n) {
    const ch = s.charAt(i);
    if (ch === "'") {
      const close = s.indexOf("'", i + 1);
      const end = close === -1 ? n : close;
      out += s.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '"') {
      i++;
      while (i < n && s.charAt(i) !== '"') {
        const c = s.charAt(i);
        if (c === esc && i + 1 < n) {
          out += s.charAt(i + 1);
          i += 2;
        } else if (c === "$") dollar();
        else {
          out += c;
          i++;
        }
      }
      i++;
    } else if (ch === esc) {
      if (i + 1 < n) out += s.charAt(i + 1);
      i += 2;
    } else if (ch === "$") dollar();
    else {
      out += ch;
      i++;
    }
  }
  return { value: out, resolved };
}

/** Trim RE2's `\s` ([\t\n\f\r ]) on both ends, in linear time. */
function trimGoSpace(v: string): string {
  const ws = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
  let a = 0;
  let b = v.length;
  while (a < b && ws(v.charCodeAt(a))) a++;
  while (b > a && ws(v.charCodeAt(b - 1))) b--;
  return v.slice(a, b);
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}


function suggestInstruction(keyword: string): string | undefined {
  if (keyword.length < 3 || keyword.length > 16) return undefined;
  let best: string | undefined;
  let bestDist = 3;
  for (const name of INSTRUCTIONS) {
    const d = editDistance(keyword, name);
    if (d < bestDist) {
      bestDist = d;
      best = name;
    }
  }
  return best;
}

/** BuildKit's `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`, with the value trimmed by hand (no backtracking). */
const DIRECTIVE_RE = /^#[ \t\f\r\n]*([a-zA-Z][a-zA-Z0-9]*)[ \t\f\r\n]*=(.*)$/s;
const HEX4_RE = /^[0-9a-fA-F]{4}$/;
const EXPANSION_OP_RE = /^(:?[-+?])/;
const VALID_DIRECTIVES = new Set(["escape", "syntax", "check"]);
const HEREDOC_RE = /^(\d*)<<(-?)([^<]*)$/;
const STAGE_NAME_RE = /^[a-z][a-z0-9-_.]*$/;

interface HeredocMarker {
  name: string;
  chomp: boolean;
  range: Range;
}

export function parseDockerfile(file: SourceFile): Dockerfile {
  const text = file.text;
  const n = text.length;
  const problems: ParseProblem[] = [];
  const comments: DockerComment[] = [];
  const instructions: DockerInstruction[] = [];
  /** Stage scope for FROM lines: ARGs declared before the first FROM. */
  const metaArgs: ArgScope = new Map(PLATFORM_ARGS.map((name) => [name, undefined]));
  let escapeChar: "\\" | "`" = "\\";
  let directivesDone = false;
  const seenDirectives = new Set<string>();
  // Words of FROM and ARG lines, kept for the stage pass below.
  const fromWordsCache = new Map<DockerInstruction, { words: Word[]; L: LogicalLine }>();
  const argWordsCache = new Map<DockerInstruction, Word[]>();

  const addComment = (hash: number, end: number): void => {
    comments.push({ start: hash, end, text: text.slice(hash + 1, end).trim() });
  };

  // BuildKit strips a UTF-8 BOM on the first line; the decoder normally did already.
  let pos = n > 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (pos < n) {
    const line = readLine(text, pos);
    pos = line.next;
    const s = skipSpace(text, line.start, line.contentEnd);

    if (!directivesDone) {
      // Directives only count before the first instruction, blank line or ordinary comment.
      const m = DIRECTIVE_RE.exec(text.slice(s, line.contentEnd));
      const key = m?.[1]?.toLowerCase();
      if (m === null || key === undefined || !VALID_DIRECTIVES.has(key)) {
        directivesDone = true;
      } else if (seenDirectives.has(key)) {
        problems.push({ start: s, end: line.contentEnd, message: `only one ${key} parser directive can be used` });
      } else {
        seenDirectives.add(key);
        const value = trimGoSpace(m[2] ?? "");
        if (key === "escape") {
          if (value === "\\" || value === "`") escapeChar = value;
          else
            problems.push({
              start: s,
              end: line.contentEnd,
              message: `invalid escape token '${value}' does not match \` or \\`,
            });
        }
      }
    }

    if (s === line.contentEnd) continue;
    if (text.charCodeAt(s) === 35) {
      addComment(s, line.contentEnd);
      continue;
    }

    // Join continuation lines the way Docker does.
    const escCode = escapeChar.charCodeAt(0);
    const segs: Segment[] = [];
    const parts: string[] = [];
    let jLen = 0;
    let segStart = s;
    let cur = line;
    let lastContentEnd = line.contentEnd;
    for (;;) {
      const escAt = continuationEscape(text, segStart, cur.contentEnd, escCode);
      const keepEnd = escAt >= 0 ? escAt : cur.contentEnd;
      if (keepEnd > segStart) {
        segs.push({ src: segStart, j: jLen, len: keepEnd - segStart });
        parts.push(text.slice(segStart, keepEnd));
        jLen += keepEnd - segStart;
      }
      lastContentEnd = cur.contentEnd;
      if (escAt < 0) break;
      let next: Line | undefined;
      while (pos < n) {
        const l = readLine(text, pos);
        pos = l.next;
        const ls = skipSpace(text, l.start, l.contentEnd);
        // Docker drops empty lines and comment lines inside a continued instruction.
        if (ls === l.contentEnd) continue;
        if (text.charCodeAt(ls) === 35) {
          addComment(ls, l.contentEnd);
          continue;
        }
        next = l;
        break;
      }
      if (next === undefined) {
        problems.push({
          start: escAt,
          end: escAt + 1,
          message: `line continuation "${escapeChar}" at end of file: the instruction continues into nothing`,
        });
        break;
      }
      cur = next;
      segStart = next.start;
    }

    const J = parts.join("");
    let j0 = 0;
    while (j0 < J.length && isSpace(J.charCodeAt(j0))) j0++;
    if (j0 >= J.length) continue;
    const L = new LogicalLine(J, segs);

    let kwEnd = j0;
    while (kwEnd < J.length && !isSplitSpace(J.charCodeAt(kwEnd))) kwEnd++;
    const keyword = J.slice(j0, kwEnd).toUpperCase();
    const keywordRange = L.range(j0, kwEnd);

    let flagWords: FlagWord[] = [];
    let argsJ: number;
    let lastTokenEnd = kwEnd;
    if (FLAG_KEYWORDS.has(keyword)) {
      const ex = extractFlags(J, kwEnd);
      flagWords = ex.flags;
      argsJ = ex.rest;
      lastTokenEnd = Math.max(kwEnd, ex.lastEnd);
    } else {
      argsJ = kwEnd;
      while (argsJ < J.length && isSpace(J.charCodeAt(argsJ))) argsJ++;
    }
    let argsJEnd = J.length;
    while (argsJEnd > argsJ && isSpace(J.charCodeAt(argsJEnd - 1))) argsJEnd--;
    const argsRange: Range =
      argsJEnd > argsJ
        ? L.range(argsJ, argsJEnd)
        : { start: L.srcEnd(lastTokenEnd), end: L.srcEnd(lastTokenEnd) };
    const args = blankedText(text, segs, argsRange);
    const flags: DockerFlag[] = flagWords.map((f) => ({ ...L.range(f.js, f.je), name: f.name, value: f.value }));

    // Exec form: a strict JSON array of strings, anything else is shell form.
    let form: "exec" | "shell" | undefined;
    let execArgs: DockerExecArg[] | undefined;
    let formFrom = argsJ;
    let healthType: string | undefined;
    if (keyword === "HEALTHCHECK" && argsJEnd > argsJ) {
      let t = argsJ;
      while (t < argsJEnd && !isSpace(J.charCodeAt(t))) t++;
      healthType = J.slice(argsJ, t).toUpperCase();
      formFrom = t;
      while (formFrom < argsJEnd && isSpace(J.charCodeAt(formFrom))) formFrom++;
    }
    const wantsForm = FORM_KEYWORDS.has(keyword) || (healthType === "CMD" && formFrom < argsJEnd);
    let jsonNotStrings = false;
    if (wantsForm && argsJEnd > formFrom) {
      const res = parseJsonStringArray(J, formFrom, argsJEnd);
      if (res.ok) {
        form = "exec";
        execArgs = res.values.map((v) => ({ ...L.range(v.js, v.je), value: v.value }));
      } else if (J.charCodeAt(formFrom) === 91 && isNonStringJsonArray(J, formFrom, argsJEnd)) {
        jsonNotStrings = true;
      } else {
        form = "shell";
      }
    }

    // Heredocs: BuildKit reads their bodies right after the instruction's last line.
    const heredocs: DockerInstruction["heredocs"] = [];
    let end = lastContentEnd;
    let heredocWords: Word[] = [];
    if (form !== "exec" && !jsonNotStrings && HEREDOC_KEYWORDS.has(keyword)) {
      heredocWords = rawShellWords(J, j0, J.length);
    } else if (keyword === "ONBUILD") {
      const sub = splitWhitespace(J, argsJ, argsJEnd)[0];
      if (sub !== undefined && HEREDOC_KEYWORDS.has(sub.text.toUpperCase())) {
        let subArgs = sub.je;
        while (subArgs < argsJEnd && isSpace(J.charCodeAt(subArgs))) subArgs++;
        if (!parseJsonStringArray(J, subArgs, argsJEnd).ok) heredocWords = rawShellWords(J, j0, J.length);
      }
    }
    const markers: HeredocMarker[] = [];
    for (const w of heredocWords) {
      const m = HEREDOC_RE.exec(w.text);
      const rest = m?.[3];
      if (m === null || rest === undefined || rest === "") continue;
      markers.push({ name: unquoteWord(rest), chomp: m[2] === "-", range: L.range(w.js, w.je) });
    }
    for (const h of markers) {
      const bodyStart = pos;
      let bodyEnd = n;
      let terminated = false;
      let lastLineEnd = end;
      while (pos < n) {
        const l = readLine(text, pos);
        let cs = l.start;
        if (h.chomp) while (cs < l.contentEnd && text.charCodeAt(cs) === 9) cs++;
        pos = l.next;
        if (l.contentEnd - cs === h.name.length && text.startsWith(h.name, cs)) {
          bodyEnd = l.start;
          lastLineEnd = l.contentEnd;
          terminated = true;
          break;
        }
        lastLineEnd = l.contentEnd;
      }
      end = lastLineEnd;
      if (!terminated) {
        problems.push({ ...h.range, message: `unterminated heredoc: no line "${h.name}" ends it` });
      }
      heredocs.push({ delimiter: h.name, body: text.slice(bodyStart, bodyEnd), bodyRange: { start: bodyStart, end: bodyEnd } });
    }

    const start = L.toSrc(j0);
    const inst: DockerInstruction = {
      start,
      end,
      keyword,
      keywordRange,
      flags,
      argsRange,
      args,
      form,
      execArgs,
      heredocs,
      startLine: positionAt(file, start).line,
      endLine: positionAt(file, end).line,
    };
    instructions.push(inst);

    // Errors BuildKit raises while turning the node into an instruction.
    const argProblem = (message: string): void => {
      const at = argsJEnd > argsJ ? argsRange : keywordRange;
      problems.push({ start: at.start, end: at.end, message });
    };
    if (!KNOWN.has(keyword)) {
      const suggestion = suggestInstruction(keyword);
      problems.push({
        ...keywordRange,
        message: `unknown instruction: "${keyword}"` + (suggestion !== undefined ? ` (did you mean "${suggestion}"?)` : ""),
      });
      continue;
    }
    if (jsonNotStrings) {
      argProblem("when using JSON array syntax, arrays must be comprised of strings only");
      continue;
    }
    const empty = argsJEnd <= argsJ;
    if (empty && AT_LEAST_ONE.has(keyword)) argProblem(`${keyword} requires at least one argument`);
    else if (empty && EXACTLY_ONE.has(keyword)) argProblem(`${keyword} requires exactly one argument`);
    else if (keyword === "COPY" || keyword === "ADD") {
      const count = execArgs !== undefined ? execArgs.length : splitWhitespace(J, argsJ, argsJEnd).length;
      if (count < 2)
        argProblem(
          `${keyword} requires at least two arguments, but only one was provided. Destination could not be determined`,
        );
    } else if (keyword === "SHELL" && form === "shell") {
      argProblem("SHELL requires the arguments to be in JSON form");
    } else if (keyword === "SHELL" && execArgs?.length === 0) {
      argProblem("SHELL requires at least one argument");
    } else if ((keyword === "ENV" || keyword === "LABEL") && !empty) {
      const words = parseWords(J, argsJ, argsJEnd, escapeChar);
      const first = words[0];
      if (first !== undefined && !first.text.includes("=")) {
        if (words.length < 2) argProblem(`${keyword} must have two arguments`);
      } else {
        for (const w of words) {
          if (!w.text.includes("=")) {
            problems.push({
              ...L.range(w.js, w.je),
              message: `Syntax error - can't find = in "${w.text}". Must be of the form: name=value`,
            });
          } else if (w.text.startsWith("=")) {
            problems.push({ ...L.range(w.js, w.je), message: `${keyword} names can not be blank` });
          }
        }
      }
    } else if (keyword === "ARG" && !empty) {
      for (const w of parseWords(J, argsJ, argsJEnd, escapeChar)) {
        if (w.text.startsWith("=")) problems.push({ ...L.range(w.js, w.je), message: "ARG names can not be blank" });
      }
    } else if (keyword === "HEALTHCHECK" && healthType !== undefined) {
      if (healthType === "NONE") {
        if (formFrom < argsJEnd) argProblem("HEALTHCHECK NONE takes no arguments");
      } else if (healthType !== "CMD") {
        argProblem(`Unknown type "${healthType}" in HEALTHCHECK (try CMD)`);
      } else if (formFrom >= argsJEnd || execArgs?.length === 0) {
        argProblem("Missing command after HEALTHCHECK CMD");
      }
    } else if (keyword === "ONBUILD" && !empty) {
      const trigger = splitWhitespace(J, argsJ, argsJEnd)[0]?.text.toUpperCase();
      if (trigger === "ONBUILD") argProblem("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
      else if (trigger === "MAINTAINER" || trigger === "FROM") argProblem(`${trigger} isn't allowed as an ONBUILD trigger`);
    }

    if (keyword === "FROM") fromWordsCache.set(inst, { words: splitWhitespace(J, argsJ, argsJEnd), L });
    else if (keyword === "ARG") argWordsCache.set(inst, parseWords(J, argsJ, argsJEnd, escapeChar));
  }

  // Stages: each FROM opens one; ARGs before the first FROM feed FROM lines.
  const stages: DockerStage[] = [];
  let current: DockerStage | undefined;
  let reportedNoFrom = false;
  for (const inst of instructions) {
    if (inst.keyword === "FROM") {
      const cached = fromWordsCache.get(inst);
      const words = cached?.words ?? [];
      const first = words[0];
      let image = "";
      let imageRange: Range = { start: inst.argsRange.start, end: inst.argsRange.start };
      if (first !== undefined && cached !== undefined) {
        imageRange = cached.L.range(first.js, first.je);
        const ex = expandWord(first.text, metaArgs, escapeChar);
        image = ex.resolved ? ex.value : first.text;
      }
      let alias: string | undefined;
      const asWord = words[1];
      const nameWord = words[2];
      if (words.length === 3 && asWord !== undefined && nameWord !== undefined && asWord.text.toLowerCase() === "as") {
        alias = nameWord.text.toLowerCase();
        if (!STAGE_NAME_RE.test(alias) && cached !== undefined) {
          problems.push({
            ...cached.L.range(nameWord.js, nameWord.je),
            message: `invalid name for build stage: "${nameWord.text}", name can't start with a number or contain symbols`,
          });
        }
      } else if (words.length !== 1) {
        problems.push({
          ...(words.length === 0 ? inst.keywordRange : inst.argsRange),
          message: "FROM requires either one or three arguments",
        });
      }
      current = { from: inst, image, imageRange, alias, instructions: [] };
      stages.push(current);
      continue;
    }
    if (current !== undefined) {
      current.instructions.push(inst);
      continue;
    }
    if (inst.keyword === "ARG") {
      for (const w of argWordsCache.get(inst) ?? []) {
        const eq = w.text.indexOf("=");
        if (eq <= 0) {
          if (eq < 0 && !metaArgs.has(w.text)) metaArgs.set(w.text, undefined);
          continue;
        }
        const ex = expandWord(w.text.slice(eq + 1), metaArgs, escapeChar);
        metaArgs.set(w.text.slice(0, eq), ex.resolved ? ex.value : undefined);
      }
      continue;
    }
    if (!reportedNoFrom && KNOWN.has(inst.keyword)) {
      reportedNoFrom = true;
      problems.push({
        ...inst.keywordRange,
        message: `no FROM before ${inst.keyword}: Docker needs a FROM first ("no build stage in current context")`,
      });
    }
  }
  if (instructions.length === 0) {
    problems.push({ start: 0, end: 0, message: "no instructions: the Dockerfile is empty" });
  } else if (stages.length === 0 && !reportedNoFrom) {
    const first = instructions[0];
    problems.push({
      start: first?.keywordRange.start ?? 0,
      end: first?.keywordRange.end ?? 0,
      message: "no FROM instruction: the Dockerfile contains no stages to build",
    });
  }

  problems.sort((x, y) => x.start - y.start);
  return { instructions, stages, escapeChar, comments, problems };
}
