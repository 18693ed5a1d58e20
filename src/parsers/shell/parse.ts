/**
 * A pragmatic POSIX sh / bash parser for container entrypoints, Dockerfile
 * RUN/CMD shell form, compose `command:` strings and supervisor `command=`.
 *
 * It follows bash where it matters for those files: `\r` is an ordinary word
 * character (so a CRLF script's words end in `\r`, exactly what makes bash
 * fail), reserved words only count at the start of a command, heredoc bodies
 * are skipped, `$(...)` stays inside its word. Everything is iterative with
 * explicit stacks: hostile input (100 000 nested parentheses, NUL bytes,
 * unbalanced quotes) can neither overflow the call stack nor hang it.
 */
import type { ParseProblem, Range, SourceFile } from "../../source/source-file.js";
import type { ShellCommand, ShellScript, ShellWord } from "./ast.js";

type Terminator = ShellCommand["terminator"];

/** Nesting contexts of the `$(`/`${`/backquote scanner. */
const PAREN = 1;
const BRACE = 2;
const DQ = 3;
const BT = 4;

/** Deeper nesting is still tracked (depth stays exact) but `enclosing` keeps only the outermost entries. */
const MAX_ENCLOSING = 64;

/**
 * A word token is the ShellWord itself: scripts hold millions of words and
 * a wrapper object per word doubles the garbage. `kind` lives on the
 * prototype, so the AST objects carry only the ShellWord fields.
 */
class WordTok implements ShellWord {
  constructor(
    public start: number,
    public end: number,
    public raw: string,
    public value: string,
    public quoted: boolean,
    public hasExpansion: boolean,
  ) {}
  get kind(): "word" {
    return "word";
  }
}
interface OpTok {
  kind: "op" | "redir" | "newline" | "eof";
  start: number;
  end: number;
  text: string;
}
type Tok = WordTok | OpTok;

interface PendingHeredoc {
  delimiter: string;
  stripTabs: boolean;
  at: Range;
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
/** Characters that end an unquoted word in sh: blanks, newline and the operator characters. */
function isMeta(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 59 || c === 38 || c === 124 || c === 40 || c === 41 || c === 60 || c === 62;
}
/** Inside `[[ ... ]]` bash reads `&&`, `||`, `<`, `>`, `(`, `)` as part of the expression. */
function isMetaInDoubleBracket(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 59;
}

const ASSIGNMENT_RE = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;
const ARRAY_ASSIGN_PREFIX_RE = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=$/;
const FD_DUP_OP_RE = /[<>]&$/;
const FD_OR_CLOSE_RE = /^(\d+|-)$/;
const HEREDOC_OP_RE = /^\d*<<-?$/;

function decodeAnsiC(s: string): string {
  const map: Record<string, string> = {
    n: "\n",
    t: "\t",
    r: "\r",
    a: "\x07",
    b: "\b",
    e: "\x1b",
    E: "\x1b",
    f: "\f",
    v: "\v",
    "\\": "\\",
    "'": "'",
    '"': '"',
    "?": "?",
  };
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s.charAt(i);
    if (ch !== "\\" || i + 1 >= s.length) {
      out += ch;
      continue;
    }
    const e = s.charAt(i + 1);
    const m = map[e];
    if (m !== undefined) {
      out += m;
      i++;
      continue;
    }
    const hex = /^x([0-9a-fA-F]{1,2})/.exec(s.slice(i + 1, i + 4));
    if (hex?.[1] !== undefined) {
      out += String.fromCharCode(parseInt(hex[1], 16));
      i += hex[0].length;
      continue;
    }
    const oct = /^[0-7]{1,3}/.exec(s.slice(i + 1, i + 4));
    if (oct !== null) {
      out += String.fromCharCode(parseInt(oct[0], 8) & 0xff);
      i += oct[0].length;
      continue;
    }
    out += ch;
  }
  return out;
}

class Lexer {
  pos = 0;
  /** Inside `[[ ... ]]`. */
  doubleBracket = false;
  readonly heredocs: PendingHeredoc[] = [];
  /** A failed `((` arithmetic scan reached here; `((` before it are subshells (keeps lexing linear). */
  private arithFailUntil = -1;
  /** Set by scanDollar: the `$` started an expansion. */
  private lastWasExpansion = false;
  private readonly n: number;

  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly problems: ParseProblem[],
    private readonly comments: Range[],
  ) {
    this.n = text.length;
  }

  private problem(start: number, end: number, message: string): void {
    this.problems.push({ start: this.base + start, end: this.base + end, message });
  }

  private op(kind: OpTok["kind"], start: number, end: number): OpTok {
    return { kind, start: this.base + start, end: this.base + end, text: this.text.slice(start, end) };
  }

  /** `arith`: a `((` here may open an arithmetic command (command start, C-style for). */
  next(arith: boolean): Tok {
    const t = this.text;
    const n = this.n;
    for (;;) {
      const i = this.pos;
      if (i >= n) {
        this.flushHeredocsAtEof();
        return { kind: "eof", start: this.base + n, end: this.base + n, text: "" };
      }
      const c = t.charCodeAt(i);
      if (c === 32 || c === 9) {
        this.pos++;
        continue;
      }
      if (c === 92 && t.charCodeAt(i + 1) === 10) {
        // backslash-newline is removed before tokenizing
        this.pos += 2;
        continue;
      }
      if (c === 35) {
        const nl = t.indexOf("\n", i);
        const end = nl === -1 ? n : nl;
        this.comments.push({ start: this.base + i, end: this.base + end });
        this.pos = end;
        continue;
      }
      if (c === 10) {
        this.pos = i + 1;
        this.doubleBracket = false;
        const tok = this.op("newline", i, i + 1);
        this.readHeredocBodies();
        return tok;
      }
      if (this.doubleBracket && c !== 59) return this.word(i);
      if (c === 59) {
        this.doubleBracket = false;
        let e = i + 1;
        if (t.charCodeAt(e) === 59) {
          e++;
          if (t.charCodeAt(e) === 38) e++;
        } else if (t.charCodeAt(e) === 38) e++;
        this.pos = e;
        return this.op("op", i, e);
      }
      if (c === 38) {
        const d = t.charCodeAt(i + 1);
        if (d === 38) return this.opAt(i, 2);
        if (d === 62) {
          const len = t.charCodeAt(i + 2) === 62 ? 3 : 2;
          this.pos = i + len;
          return this.op("redir", i, i + len);
        }
        return this.opAt(i, 1);
      }
      if (c === 124) {
        const d = t.charCodeAt(i + 1);
        return this.opAt(i, d === 124 || d === 38 ? 2 : 1);
      }
      if (c === 40) {
        if (arith && t.charCodeAt(i + 1) === 40 && i >= this.arithFailUntil) {
          // `((` is arithmetic when its first paren closes right after a second `)`
          const end = this.scanNested(i + 1, PAREN, i, false, false);
          if (end > 0 && t.charCodeAt(end - 2) === 41) {
            this.pos = end;
            const raw = t.slice(i, end);
            return new WordTok(this.base + i, this.base + end, raw, raw, false, false);
          }
          this.arithFailUntil = end < 0 ? n : end;
        }
        return this.opAt(i, 1);
      }
      if (c === 41) return this.opAt(i, 1);
      if (c === 60 || c === 62) {
        if (t.charCodeAt(i + 1) === 40) return this.word(i);
        return this.redirect(i, i);
      }
      if (isDigit(c)) {
        let k = i + 1;
        while (k < n && isDigit(t.charCodeAt(k))) k++;
        const d = t.charCodeAt(k);
        if ((d === 60 || d === 62) && t.charCodeAt(k + 1) !== 40) return this.redirect(i, k);
      }
      return this.word(i);
    }
  }

  private opAt(i: number, len: number): OpTok {
    this.pos = i + len;
    return this.op("op", i, i + len);
  }

  /** Redirection operator starting at `opStart` (after optional fd digits from `start`). */
  private redirect(start: number, opStart: number): OpTok {
    const t = this.text;
    const c = t.charCodeAt(opStart);
    const d = t.charCodeAt(opStart + 1);
    let len = 1;
    if (c === 60) {
      if (d === 60) {
        const e = t.charCodeAt(opStart + 2);
        len = e === 60 || e === 45 ? 3 : 2;
      } else if (d === 62 || d === 38) len = 2;
    } else if (d === 62 || d === 124 || d === 38) len = 2;
    this.pos = opStart + len;
    return this.op("redir", start, opStart + len);
  }

  private word(start: number): WordTok {
    const t = this.text;
    const n = this.n;
    const meta = this.doubleBracket ? isMetaInDoubleBracket : isMeta;
    // value is only built when quoting or escapes make it differ from raw
    let acc = "";
    let changed = false;
    let quoted = false;
    let hasExpansion = false;
    let i = start;
    let lit = i;
    const c0 = t.charCodeAt(i);
    if ((c0 === 60 || c0 === 62) && t.charCodeAt(i + 1) === 40) {
      // process substitution <(...) / >(...)
      hasExpansion = true;
      const end = this.scanNested(i + 2, PAREN, i, false, true);
      i = end < 0 ? n : end;
    }
    while (i < n) {
      const c = t.charCodeAt(i);
      if (meta(c)) {
        if (c === 40 && !this.doubleBracket && ARRAY_ASSIGN_PREFIX_RE.test(t.slice(start, i))) {
          // bash array assignment: NAME=(a b c) is one word
          const end = this.scanNested(i + 1, PAREN, i, false, true);
          i = end < 0 ? n : end;
          continue;
        }
        break;
      }
      if (c === 92) {
        if (i + 1 >= n) {
          i++;
          continue;
        }
        if (i > lit) acc += t.slice(lit, i);
        changed = true;
        if (t.charCodeAt(i + 1) === 10) {
          i += 2;
          lit = i;
          continue;
        }
        quoted = true;
        acc += t.charAt(i + 1);
        i += 2;
        lit = i;
        continue;
      }
      if (c === 39) {
        if (i > lit) acc += t.slice(lit, i);
        changed = true;
        quoted = true;
        const close = t.indexOf("'", i + 1);
        if (close === -1) {
          this.problem(i, i + 1, "unterminated single quote");
          acc += t.slice(i + 1);
          i = n;
          lit = n;
          break;
        }
        acc += t.slice(i + 1, close);
        i = close + 1;
        lit = i;
        continue;
      }
      if (c === 34) {
        if (i > lit) acc += t.slice(lit, i);
        changed = true;
        quoted = true;
        const open = i;
        let j = i + 1;
        let run = j;
        let closed = false;
        while (j < n) {
          const d = t.charCodeAt(j);
          if (d === 34) {
            closed = true;
            break;
          }
          if (d === 92) {
            const e = t.charCodeAt(j + 1);
            if (e === 36 || e === 96 || e === 34 || e === 92 || e === 10) {
              if (j > run) acc += t.slice(run, j);
              if (e !== 10) acc += t.charAt(j + 1);
              j += 2;
              run = j;
              continue;
            }
            j++;
            continue;
          }
          if (d === 36) {
            const e = this.scanDollar(j, true);
            if (this.lastWasExpansion) hasExpansion = true;
            j = e;
            continue;
          }
          if (d === 96) {
            hasExpansion = true;
            const e = this.scanNested(j + 1, BT, j, true, true);
            j = e < 0 ? n : e;
            continue;
          }
          j++;
        }
        if (!closed) {
          if (!this.reportedAt(open)) this.problem(open, open + 1, "unterminated double quote");
          acc += t.slice(run, n);
          i = n;
          lit = n;
          break;
        }
        if (j > run) acc += t.slice(run, j);
        i = j + 1;
        lit = i;
        continue;
      }
      if (c === 36) {
        const d = t.charCodeAt(i + 1);
        if (d === 39) {
          // $'...' ANSI-C quoting
          if (i > lit) acc += t.slice(lit, i);
          changed = true;
          quoted = true;
          let j = i + 2;
          while (j < n && t.charCodeAt(j) !== 39) j += t.charCodeAt(j) === 92 ? 2 : 1;
          if (j >= n) {
            this.problem(i, i + 2, "unterminated $' quote");
            acc += decodeAnsiC(t.slice(i + 2));
            i = n;
            lit = n;
            break;
          }
          acc += decodeAnsiC(t.slice(i + 2, j));
          i = j + 1;
          lit = i;
          continue;
        }
        if (d === 34) {
          // $"..." (locale translation) reads like "..."
          if (i > lit) acc += t.slice(lit, i);
          changed = true;
          i++;
          lit = i;
          continue;
        }
        const e = this.scanDollar(i, false);
        if (this.lastWasExpansion) hasExpansion = true;
        i = e;
        continue;
      }
      if (c === 96) {
        hasExpansion = true;
        const e = this.scanNested(i + 1, BT, i, false, true);
        i = e < 0 ? n : e;
        continue;
      }
      i++;
    }
    if (i === start) i = start + 1; // never stall
    this.pos = i;
    const raw = t.slice(start, i);
    const value = changed ? (i > lit ? acc + t.slice(lit, i) : acc) : raw;
    if (this.doubleBracket && raw === "]]") this.doubleBracket = false;
    return new WordTok(this.base + start, this.base + i, raw, value, quoted, hasExpansion);
  }

  private readonly reported = new Set<number>();
  /** Nested scanners and the word loop may both hit the same unterminated quote; report it once. */
  private reportedAt(offset: number): boolean {
    if (this.reported.has(offset)) return true;
    this.reported.add(offset);
    return false;
  }

  /** `$` at i: returns the end of `$NAME`, `${...}`, `$(...)`, `$((...))`, or i + 1 for a lone `$`. */
  private scanDollar(i: number, inDq: boolean): number {
    const t = this.text;
    const d = t.charCodeAt(i + 1);
    this.lastWasExpansion = true;
    if (d === 40) {
      const e = this.scanNested(i + 2, PAREN, i, inDq, true);
      return e < 0 ? this.n : e;
    }
    if (d === 123) {
      const e = this.scanNested(i + 2, BRACE, i, inDq, true);
      return e < 0 ? this.n : e;
    }
    if (isNameStart(d)) {
      let k = i + 2;
      while (k < this.n && isNameChar(t.charCodeAt(k))) k++;
      return k;
    }
    // $1 $@ $* $# $? $$ $! $- $0
    if (isDigit(d) || d === 64 || d === 42 || d === 35 || d === 63 || d === 36 || d === 33 || d === 45) return i + 2;
    this.lastWasExpansion = false;
    return i + 1;
  }

  /**
   * Find the end of a nested construct whose opener ends just before `from`
   * (`$(`, `${`, backquote, `<(`, `((`). Quotes and further nesting inside
   * are honoured with an explicit stack. Returns the offset after the closer,
   * or -1 (with a problem at `openAt` when `report`) when the input ends first.
   * `inDq`: the construct sits inside double quotes, where `'` is literal in `${...}`.
   */
  private scanNested(from: number, kind: number, openAt: number, inDq: boolean, report: boolean): number {
    const t = this.text;
    const n = this.n;
    const bottom = inDq ? 1 : 0;
    const stack: number[] = inDq ? [DQ, kind] : [kind];
    // open `case` commands per PAREN level: their `pattern)` closers do not end the `$(`
    const cases: number[] = inDq ? [0, 0] : [0];
    let j = from;
    while (j < n) {
      const top = stack[stack.length - 1] ?? PAREN;
      const c = t.charCodeAt(j);
      if (top === BT) {
        if (c === 92) j += 2;
        else if (c === 96) {
          stack.pop();
          cases.pop();
          j++;
          if (stack.length === bottom) return j;
        } else j++;
        continue;
      }
      if (top === DQ) {
        if (c === 92) j += 2;
        else if (c === 34) {
          stack.pop();
          cases.pop();
          j++;
          if (stack.length === bottom) return j;
        } else if (c === 36 && t.charCodeAt(j + 1) === 40) {
          stack.push(PAREN);
          cases.push(0);
          j += 2;
        } else if (c === 36 && t.charCodeAt(j + 1) === 123) {
          stack.push(BRACE);
          cases.push(0);
          j += 2;
        } else if (c === 96) {
          stack.push(BT);
          cases.push(0);
          j++;
        } else j++;
        continue;
      }
      // PAREN or BRACE
      if (c === 92) {
        j += 2;
        continue;
      }
      if (c === 39 && (top === PAREN || stack[stack.length - 2] !== DQ)) {
        const close = t.indexOf("'", j + 1);
        if (close === -1) {
          j = n;
          break;
        }
        j = close + 1;
        continue;
      }
      if (c === 34) {
        stack.push(DQ);
        cases.push(0);
        j++;
        continue;
      }
      if (c === 96) {
        stack.push(BT);
        cases.push(0);
        j++;
        continue;
      }
      if (c === 36 && t.charCodeAt(j + 1) === 40) {
        stack.push(PAREN);
        cases.push(0);
        j += 2;
        continue;
      }
      if (c === 36 && t.charCodeAt(j + 1) === 123) {
        stack.push(BRACE);
        cases.push(0);
        j += 2;
        continue;
      }
      if (top === PAREN) {
        if (c === 40) {
          stack.push(PAREN);
          cases.push(0);
          j++;
          continue;
        }
        if (c === 41) {
          const level = cases.length - 1;
          if ((cases[level] ?? 0) > 0) {
            j++;
            continue;
          }
          stack.pop();
          cases.pop();
          j++;
          if (stack.length === bottom) return j;
          continue;
        }
        if ((c === 99 || c === 101) && this.isWordAt(j, from)) {
          const level = cases.length - 1;
          if (t.startsWith("case", j)) cases[level] = (cases[level] ?? 0) + 1;
          else if (t.startsWith("esac", j) && (cases[level] ?? 0) > 0) cases[level] = (cases[level] ?? 0) - 1;
        }
        if (c === 35) {
          const p = j === from ? 32 : t.charCodeAt(j - 1);
          if (p === 32 || p === 9 || p === 10 || p === 59 || p === 124 || p === 38 || p === 40) {
            const nl = t.indexOf("\n", j);
            j = nl === -1 ? n : nl;
            continue;
          }
        }
      } else if (c === 125) {
        stack.pop();
        cases.pop();
        j++;
        if (stack.length === bottom) return j;
        continue;
      }
      j++;
    }
    if (report && !this.reportedAt(openAt)) {
      const opener =
        kind === BT ? "`" : kind === BRACE ? "${" : t.charCodeAt(openAt) === 36 ? (t.charCodeAt(openAt + 2) === 40 ? "$((" : "$(") : t.slice(openAt, from);
      this.problem(openAt, from, `unterminated "${opener}"`);
    }
    return -1;
  }

  /** A 4-letter reserved word (`case`/`esac`) standing alone at j inside `$(...)`. */
  private isWordAt(j: number, from: number): boolean {
    const t = this.text;
    const p = j === from ? 32 : t.charCodeAt(j - 1);
    const q = j + 4 >= this.n ? 32 : t.charCodeAt(j + 4);
    const before = p === 32 || p === 9 || p === 10 || p === 59 || p === 124 || p === 38 || p === 40;
    const after = q === 32 || q === 9 || q === 10 || q === 59 || q === 41;
    return before && after;
  }

  /** Called right after a newline token: the bodies of pending heredocs follow, line by line. */
  private readHeredocBodies(): void {
    if (this.heredocs.length === 0) return;
    const t = this.text;
    const n = this.n;
    for (const h of this.heredocs) {
      let found = false;
      while (this.pos < n) {
        const ls = this.pos;
        const nl = t.indexOf("\n", ls);
        const le = nl === -1 ? n : nl;
        this.pos = nl === -1 ? n : nl + 1;
        let cs = ls;
        if (h.stripTabs) while (cs < le && t.charCodeAt(cs) === 9) cs++;
        if (le - cs === h.delimiter.length && t.startsWith(h.delimiter, cs)) {
          found = true;
          break;
        }
      }
      if (!found) this.heredocAtEof(h);
    }
    this.heredocs.length = 0;
  }

  private flushHeredocsAtEof(): void {
    for (const h of this.heredocs) this.heredocAtEof(h);
    this.heredocs.length = 0;
  }

  private heredocAtEof(h: PendingHeredoc): void {
    // bash only warns, but the rest of the script has become heredoc text
    this.problems.push({
      start: h.at.start,
      end: h.at.end,
      message: `here-document delimited by end of file (wanted "${h.delimiter}")`,
    });
  }
}

type Phase =
  | "cond" // if/elif condition, while/until condition
  | "body"
  | "list" // { } ( ) function bodies
  | "name" // for: loop variable
  | "afterName"
  | "words" // for ... in WORDS
  | "expectDo"
  | "subject" // case WORD
  | "in" // case WORD in
  | "pattern"; // case patterns

interface Frame {
  kind: string;
  closer: string;
  phase: Phase;
  open: Range;
  enclosing: string[];
  inFunction: boolean;
  /** case: a pattern has been started since the last `)`/`;;`. */
  patternStarted: boolean;
}

const OPENERS = new Set(["if", "while", "until", "for", "select", "case", "{", "function", "!"]);
const RESERVED = new Set([...OPENERS, "then", "elif", "else", "fi", "do", "done", "esac", "}"]);
/** Bash accepts these right after a compound command closes (`fi fi`, `(true) then`). */
const AFTER_COMPOUND = new Set(["then", "elif", "else", "fi", "do", "done", "esac", "}"]);

class Parser {
  private readonly lex: Lexer;
  readonly commands: ShellCommand[] = [];
  private readonly frames: Frame[] = [];
  /** The simple command being read; pushed to `commands` when its terminator arrives. */
  private cmd: ShellCommand | undefined;
  /** A compound command just closed: only redirections and operators may follow. */
  private afterCompound = false;
  /** `&&`, `||` or `|` waiting for its right-hand command (newlines allowed in between). */
  private pendingOp: OpTok | undefined;
  /** Function definition in progress: after `function`, after its name, or waiting for the body. */
  private funcState: "name" | "afterName" | "body" | undefined;
  private funcOpen: Range = { start: 0, end: 0 };
  private reprocess: Tok | undefined;

  constructor(
    text: string,
    base: number,
    private readonly problems: ParseProblem[],
    comments: Range[],
  ) {
    this.lex = new Lexer(text, base, problems, comments);
  }

  private problem(at: Range, message: string): void {
    this.problems.push({ start: at.start, end: at.end, message });
  }

  private unexpected(tok: Tok): void {
    const shown = tok.kind === "word" ? tok.raw : tok.kind === "newline" ? "newline" : tok.text;
    this.problem(tok, `syntax error near unexpected token "${shown}"`);
  }

  private top(): Frame | undefined {
    return this.frames[this.frames.length - 1];
  }

  private wantsArith(): boolean {
    const top = this.top();
    if (top !== undefined && top.kind === "for" && top.phase === "name") return true;
    if (top !== undefined && (top.phase === "subject" || top.phase === "in" || top.phase === "pattern")) return false;
    if (top !== undefined && (top.phase === "afterName" || top.phase === "words" || top.phase === "expectDo")) return false;
    return this.cmd === undefined && !this.afterCompound && this.funcState !== "name" && this.funcState !== "afterName";
  }

  run(): void {
    for (;;) {
      const tok = this.reprocess ?? this.lex.next(this.wantsArith());
      this.reprocess = undefined;
      if (tok.kind === "eof") {
        this.finishAtEof();
        return;
      }
      this.step(tok);
    }
  }

  private step(tok: Tok): void {
    const top = this.top();
    if (top !== undefined && top.kind === "case" && (top.phase === "subject" || top.phase === "in" || top.phase === "pattern")) {
      this.caseHeader(top, tok);
      return;
    }
    if (top !== undefined && top.kind === "for" && (top.phase === "name" || top.phase === "afterName" || top.phase === "words" || top.phase === "expectDo")) {
      this.forHeader(top, tok);
      return;
    }
    if (this.funcState === "name" || this.funcState === "afterName") {
      this.functionHeader(tok);
      return;
    }
    switch (tok.kind) {
      case "word":
        this.onWord(tok);
        return;
      case "redir":
        this.onRedirect(tok);
        return;
      case "newline":
        this.onNewline(tok);
        return;
      case "op":
        this.onOperator(tok);
        return;
      case "eof":
        return;
    }
  }

  private onWord(tok: WordTok): void {
    const w = tok;
    if (this.cmd === undefined) {
      const reserved = !w.quoted && !w.hasExpansion && RESERVED.has(w.raw);
      if (this.afterCompound) {
        if (reserved && AFTER_COMPOUND.has(w.raw)) {
          this.keyword(tok);
          return;
        }
        this.unexpected(tok);
        this.afterCompound = false;
      } else if (reserved) {
        this.keyword(tok);
        return;
      }
      if (this.funcState === "body") {
        // a function body must be a compound command
        this.unexpected(tok);
        this.funcState = undefined;
      }
      this.cmd = this.startCommand(w.start, w.end);
      this.pendingOp = undefined;
    }
    const cmd = this.cmd;
    if (cmd.words.length === 0 && ASSIGNMENT_RE.test(w.raw)) cmd.assignments.push(w);
    else {
      cmd.words.push(w);
      if (cmd.words.length === 1 && w.raw === "[[") this.lex.doubleBracket = true;
    }
    cmd.end = w.end;
  }

  private keyword(tok: WordTok): void {
    const kw = tok.raw;
    const top = this.top();
    if (this.pendingOp !== undefined && !OPENERS.has(kw)) {
      this.unexpected(tok);
      this.pendingOp = undefined;
    }
    if (this.funcState === "body" && !OPENERS.has(kw)) {
      this.unexpected(tok);
      this.funcState = undefined;
    }
    this.afterCompound = false;
    switch (kw) {
      case "!":
        return;
      case "if":
        this.push("if", "fi", "cond", tok);
        return;
      case "while":
      case "until":
        this.push(kw, "done", "cond", tok);
        return;
      case "for":
      case "select":
        this.push("for", "done", "name", tok);
        return;
      case "case":
        this.push("case", "esac", "subject", tok);
        return;
      case "{":
        this.push("group", "}", "list", tok);
        return;
      case "function":
        this.funcState = "name";
        this.funcOpen = { start: tok.start, end: tok.end };
        this.pendingOp = undefined;
        return;
      case "then":
        if (top?.kind === "if" && top.phase === "cond") top.phase = "body";
        else this.unexpected(tok);
        return;
      case "elif":
        if (top?.kind === "if" && top.phase === "body") top.phase = "cond";
        else this.unexpected(tok);
        return;
      case "else":
        if (top?.kind === "if" && top.phase === "body") top.phase = "list";
        else this.unexpected(tok);
        return;
      case "do":
        if ((top?.kind === "while" || top?.kind === "until") && top.phase === "cond") top.phase = "body";
        else this.unexpected(tok);
        return;
      case "fi":
      case "done":
      case "esac":
      case "}":
        this.close(kw, tok);
        return;
    }
  }

  private push(kind: string, closer: string, phase: Phase, at: Range): void {
    const parent = this.top();
    let k = kind;
    let inFunction = parent?.inFunction ?? false;
    if (this.funcState === "body") {
      inFunction = true;
      if (kind === "group" || kind === "subshell") k = "function";
      this.funcState = undefined;
    }
    const outer = parent?.enclosing ?? [];
    const enclosing = outer.length < MAX_ENCLOSING ? [...outer, k] : outer;
    this.frames.push({
      kind: k,
      closer,
      phase,
      open: { start: at.start, end: at.end },
      enclosing,
      inFunction,
      patternStarted: false,
    });
    this.pendingOp = undefined;
  }

  /** Close the innermost frame ending with `closer`; frames left open inside it are reported. */
  private close(closer: string, tok: Tok): void {
    let k = this.frames.length - 1;
    while (k >= 0 && this.frames[k]?.closer !== closer) k--;
    if (k < 0) {
      this.problem(tok, `unmatched "${closer}"`);
      return;
    }
    for (let m = this.frames.length - 1; m > k; m--) {
      const f = this.frames[m];
      if (f !== undefined) this.problem(f.open, `"${this.openerName(f)}" without matching "${f.closer}"`);
    }
    const f = this.frames[k];
    if (f !== undefined) {
      if (f.kind === "if" && f.phase === "cond") this.problem(tok, `syntax error near unexpected token "${closer}" ("if" without "then")`);
      if ((f.kind === "while" || f.kind === "until" || f.kind === "for") && f.phase !== "body")
        this.problem(tok, `syntax error near unexpected token "${closer}" ("${f.kind}" without "do")`);
    }
    this.frames.length = k;
    this.afterCompound = true;
  }

  private openerName(f: Frame): string {
    if (f.kind === "group") return "{";
    if (f.kind === "subshell") return "(";
    if (f.kind === "function") return f.closer === "}" ? "{" : "(";
    return f.kind;
  }

  private onRedirect(tok: OpTok): void {
    let op = tok.text;
    let end = tok.end;
    let target: ShellWord | undefined;
    const nt = this.lex.next(false);
    if (nt.kind === "word") {
      target = nt;
      end = nt.end;
      if (FD_DUP_OP_RE.test(op) && FD_OR_CLOSE_RE.test(nt.raw)) {
        // `2>&1`, `>&2`, `2>&-`: fd duplication, not a file
        op += nt.raw;
        target = undefined;
      } else if (HEREDOC_OP_RE.test(op)) {
        this.lex.heredocs.push({ delimiter: nt.value, stripTabs: op.endsWith("-"), at: { start: tok.start, end: nt.end } });
      }
    } else {
      this.unexpected(nt);
      this.reprocess = nt;
    }
    if (this.afterCompound) return; // `done < file`: belongs to the compound command
    if (this.cmd === undefined) {
      if (this.funcState === "body") {
        this.unexpected(tok);
        this.funcState = undefined;
      }
      this.cmd = this.startCommand(tok.start, end);
      this.pendingOp = undefined;
    }
    this.cmd.redirects.push({ start: tok.start, end, op, target });
    this.cmd.end = end;
  }

  private onNewline(tok: OpTok): void {
    if (this.cmd !== undefined) this.finish("newline", tok);
    this.afterCompound = false;
  }

  private onOperator(tok: OpTok): void {
    const op = tok.text;
    switch (op) {
      case "&&":
      case "||":
      case "|":
      case "|&":
        if (this.cmd !== undefined) this.finish(op === "|&" ? "|" : op, tok);
        else if (!this.afterCompound) this.unexpected(tok);
        this.afterCompound = false;
        this.pendingOp = tok;
        return;
      case ";":
      case "&":
        if (this.cmd !== undefined) this.finish(op, tok);
        else if (!this.afterCompound) this.unexpected(tok);
        this.afterCompound = false;
        return;
      case ";;":
      case ";&":
      case ";;&": {
        if (this.cmd !== undefined) this.finish(";", tok);
        const top = this.top();
        if (top?.kind === "case" && top.phase === "body") {
          top.phase = "pattern";
          top.patternStarted = false;
        } else this.unexpected(tok);
        this.afterCompound = false;
        this.pendingOp = undefined;
        return;
      }
      case "(": {
        const cmd = this.cmd;
        if (cmd !== undefined) {
          if (cmd.words.length === 1 && cmd.assignments.length === 0 && cmd.redirects.length === 0) {
            // `name()`: a function definition, the name is not a command
            const nt = this.lex.next(false);
            if (nt.kind !== "op" || nt.text !== ")") {
              this.unexpected(nt);
              this.reprocess = nt;
            }
            this.funcOpen = { start: cmd.start, end: nt.end };
            this.cmd = undefined;
            this.funcState = "body";
            return;
          }
          this.unexpected(tok);
          return;
        }
        if (this.afterCompound) {
          this.unexpected(tok);
          this.afterCompound = false;
        }
        this.push("subshell", ")", "list", tok);
        return;
      }
      case ")":
        if (this.cmd !== undefined) this.finish("end", undefined);
        if (this.pendingOp !== undefined) {
          this.unexpected(tok);
          this.pendingOp = undefined;
        }
        this.close(")", tok);
        return;
      default:
        this.unexpected(tok);
    }
  }

  private forHeader(top: Frame, tok: Tok): void {
    switch (top.phase) {
      case "name":
        if (tok.kind === "word") top.phase = "afterName";
        else {
          this.unexpected(tok);
          top.phase = "body";
          if (tok.kind !== "newline") this.reprocess = tok;
        }
        return;
      case "afterName":
        if (tok.kind === "newline") return;
        if (tok.kind === "word" && tok.raw === "in") top.phase = "words";
        else if (tok.kind === "word" && tok.raw === "do") top.phase = "body";
        else if (tok.kind === "op" && tok.text === ";") top.phase = "expectDo";
        else {
          this.unexpected(tok);
          top.phase = "body";
          this.reprocess = tok;
        }
        return;
      case "words":
        if (tok.kind === "word") return;
        if (tok.kind === "newline" || (tok.kind === "op" && tok.text === ";")) top.phase = "expectDo";
        else {
          this.unexpected(tok);
          top.phase = "body";
          this.reprocess = tok;
        }
        return;
      default:
        // expectDo
        if (tok.kind === "newline") return;
        if (tok.kind === "word" && tok.raw === "do") {
          top.phase = "body";
          return;
        }
        this.problem(tok, `expected "do" after the "for" list`);
        top.phase = "body";
        this.reprocess = tok;
    }
  }

  private caseHeader(top: Frame, tok: Tok): void {
    if (top.phase === "subject") {
      if (tok.kind === "newline") return;
      if (tok.kind === "word") top.phase = "in";
      else {
        this.unexpected(tok);
        top.phase = "pattern";
      }
      return;
    }
    if (top.phase === "in") {
      if (tok.kind === "newline") return;
      if (tok.kind === "word" && tok.raw === "in") {
        top.phase = "pattern";
        return;
      }
      this.problem(tok, `expected "in" after the "case" word`);
      top.phase = "pattern";
      if (!(tok.kind === "word")) this.reprocess = tok;
      return;
    }
    // pattern list: `a|b)` — patterns are words, not commands
    if (tok.kind === "newline") return;
    if (tok.kind === "word") {
      if (!top.patternStarted && !tok.quoted && tok.raw === "esac") {
        this.close("esac", tok);
        return;
      }
      top.patternStarted = true;
      return;
    }
    if (tok.kind === "op") {
      if (tok.text === "(" && !top.patternStarted) return;
      if (tok.text === "|" && top.patternStarted) return;
      if (tok.text === ")" && top.patternStarted) {
        top.phase = "body";
        top.patternStarted = false;
        return;
      }
    }
    this.unexpected(tok);
    if (tok.kind === "op" && tok.text === ")") {
      top.phase = "body";
      top.patternStarted = false;
    }
  }

  private functionHeader(tok: Tok): void {
    if (this.funcState === "name") {
      if (tok.kind === "word") {
        this.funcState = "afterName";
        return;
      }
      this.unexpected(tok);
      this.funcState = undefined;
      if (tok.kind !== "newline") this.reprocess = tok;
      return;
    }
    // afterName: optional `()`, then the body
    if (tok.kind === "op" && tok.text === "(") {
      const nt = this.lex.next(false);
      if (nt.kind !== "op" || nt.text !== ")") {
        this.unexpected(nt);
        this.reprocess = nt;
      }
      this.funcState = "body";
      return;
    }
    this.funcState = "body";
    if (tok.kind !== "newline") this.reprocess = tok;
  }

  private startCommand(start: number, end: number): ShellCommand {
    const top = this.top();
    return {
      start,
      end,
      assignments: [],
      words: [],
      redirects: [],
      terminator: "end",
      terminatorRange: undefined,
      depth: this.frames.length,
      inFunction: top?.inFunction ?? false,
      enclosing: top === undefined ? [] : top.enclosing.slice(),
    };
  }

  private finish(terminator: Terminator, tok: OpTok | undefined): void {
    const cmd = this.cmd;
    if (cmd === undefined) return;
    this.cmd = undefined;
    this.lex.doubleBracket = false;
    cmd.terminator = terminator;
    if (tok !== undefined) cmd.terminatorRange = { start: tok.start, end: tok.end };
    this.commands.push(cmd);
  }


  private finishAtEof(): void {
    if (this.cmd !== undefined) this.finish("end", undefined);
    if (this.pendingOp !== undefined) {
      this.problem(this.pendingOp, `syntax error: unexpected end of file after "${this.pendingOp.text}"`);
    }
    if (this.funcState !== undefined) this.problem(this.funcOpen, "function definition without a body");
    for (let k = this.frames.length - 1; k >= 0; k--) {
      const f = this.frames[k];
      if (f !== undefined) this.problem(f.open, `"${this.openerName(f)}" without matching "${f.closer}"`);
    }
  }
}

/** Parse shell text embedded elsewhere; every range is `baseOffset + index in text`. */
export function parseShellCommands(text: string, baseOffset: number): { commands: ShellCommand[]; problems: ParseProblem[] } {
  const problems: ParseProblem[] = [];
  const parser = new Parser(text, baseOffset, problems, []);
  parser.run();
  problems.sort((x, y) => x.start - y.start);
  return { commands: parser.commands, problems };
}

export function parseShell(file: SourceFile): ShellScript {
  const text = file.text;
  let shebang: ShellScript["shebang"];
  if (text.startsWith("#!")) {
    // The kernel reads the interpreter up to `\n`: a CR stays part of it (`/bin/bash\r`).
    const nl = text.indexOf("\n");
    const end = nl === -1 ? text.length : nl;
    const parts = text
      .slice(2, end)
      .replace(/^[ \t]+/, "")
      .split(/[ \t]+/)
      .filter((p) => p !== "");
    shebang = { interpreter: parts[0] ?? "", args: parts.slice(1), range: { start: 0, end } };
  }
  const problems: ParseProblem[] = [];
  const comments: Range[] = [];
  const parser = new Parser(text, 0, problems, comments);
  parser.run();
  problems.sort((x, y) => x.start - y.start);
  return { shebang, commands: parser.commands, comments, problems };
}
