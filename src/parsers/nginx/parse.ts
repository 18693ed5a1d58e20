/**
 * Position-keeping nginx config parser.
 *
 * The tokenizer follows ngx_conf_read_token() (src/core/ngx_conf_file.c,
 * nginx 1.22) character for character, so that what we call an argument is
 * exactly what nginx would hand to the directive. Where nginx would stop with
 * an error we record a ParseProblem at the place the user has to edit (which
 * for a missing `;` is often a line earlier than nginx's report) and keep going.
 *
 * Linear time: one pass with charCodeAt, an explicit stack for blocks, and
 * no regular expressions on the hot path.
 */
import { NGINX_DIRECTIVES, nginxArgCountOk } from "../../knowledge/nginx-directives.js";
import type { ParseProblem, SourceFile } from "../../source/source-file.js";
import { positionAt } from "../../source/source-file.js";
import type { NginxArg, NginxComment, NginxConfig, NginxDirective } from "./ast.js";
import {
  BLOCK_ONLY_DIRECTIVES,
  COMMON_SIMPLE_DIRECTIVES,
  DATA_BLOCKS,
  MULTILINE_DIRECTIVES,
} from "./known-directives.js";

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const DQUOTE = 34;
const HASH = 35;
const DOLLAR = 36;
const SQUOTE = 39;
const RPAREN = 41;
const SEMICOLON = 59;
const BACKSLASH = 92;
const LBRACE = 123;
const RBRACE = 125;

/**
 * nginx reads the config through a 4096-byte buffer and fails with
 * `too long parameter "..." started` when one token (plus the character that
 * ends it) does not fit.
 */
const NGINX_CONF_BUFFER = 4096;

/**
 * Beyond this depth, blocks stop extending `context` (they share their
 * parent's array). Building a fresh context array per block is O(depth), so
 * unbounded depth would make hostile input quadratic; real configs nest < 10.
 */
export const MAX_CONTEXT_DEPTH = 256;

/** How a directive's token list ended. */
const END_SEMICOLON = 0;
const END_BRACE_CLOSE = 1;
const END_EOF = 2;
type DirectiveEnd = typeof END_SEMICOLON | typeof END_BRACE_CLOSE | typeof END_EOF;

interface Frame {
  /** undefined for the file level and for a `{` that had no directive name. */
  directive: NginxDirective | undefined;
  /** The directive whose block `children` is (a nameless `{` adds to its enclosing block). */
  owner: NginxDirective | undefined;
  children: NginxDirective[];
  /** Shared by every child of this block. */
  context: string[];
  /** Entries of map/types/geo are data, not directives. */
  data: boolean;
  depth: number;
}

export function parseNginx(file: SourceFile): NginxConfig {
  return new NginxParser(file).parse();
}

class NginxParser {
  private readonly text: string;
  private readonly file: SourceFile;
  private readonly directives: NginxDirective[] = [];
  private readonly comments: NginxComment[] = [];
  private readonly problems: ParseProblem[] = [];
  private readonly stack: Frame[];
  private top: Frame;

  /** Tokens of the directive being read (name first), as nginx's cf->args. */
  private readonly tokens: NginxArg[] = [];
  /** Pending tokens are tokens[0, count); the arrays are reused (no per-directive allocation). */
  private count = 0;
  /** tokenNewline[i]: a line break separates tokens[i] from what came before it. */
  private readonly tokenNewline: boolean[] = [];
  /** Some pending token after the first starts a line (else nothing can be glued: see glueCuts). */
  private multiline = false;
  /**
   * Directive names, one string per name: a config repeats a few dozen names thousands of times.
   * A shared string costs no memory per use, and its hash is computed once for all the Map/Set
   * lookups the rules make. (Interning arguments too was measured slower: most are not repeated.)
   */
  private readonly names = new Map<string, string>();
  /** Context arrays are shared: every `server` inside `http` gets the same ["http", "server"]. */
  private readonly childContexts = new Map<string[], Map<string, string[]>>();
  /** tokenComment[i]: a `#` comment after tokens[i] on the same line (used when that token ends a directive missing its `;`). */
  private readonly tokenComment: (NginxComment | undefined)[] = [];
  /** The pending directive holds an unterminated quote; its other errors are consequences. */
  private unterminated = false;

  /** A line break was seen since the last token or terminator. */
  private newline = false;
  /** Directive whose `;` or `{` was the last thing on the current line: owner of a following `#` comment. */
  private trailingOwner: NginxDirective | undefined = undefined;
  private lastContentEnd = 0;
  /**
   * For each quote kind, the earliest opening quote known to have no closing
   * quote before EOF. Any later opening quote of that kind cannot close
   * either (the first scan ran over it), so we skip a second full scan —
   * this keeps files with several stray quotes linear.
   */
  private unclosedDouble = -1;
  private unclosedSingle = -1;
  private depthReported = false;

  constructor(file: SourceFile) {
    this.file = file;
    this.text = file.text;
    const root: Frame = { directive: undefined, owner: undefined, children: this.directives, context: [], data: false, depth: 0 };
    this.stack = [root];
    this.top = root;
  }

  parse(): NginxConfig {
    const text = this.text;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      // Only these four separate tokens in nginx; any other byte (NUL, NBSP, form feed) is part of a token.
      if (c === SPACE || c === TAB) {
        i++;
        continue;
      }
      if (c === LF || c === CR) {
        this.newline = true;
        this.trailingOwner = undefined;
        i++;
        continue;
      }
      switch (c) {
        case HASH:
          i = this.readComment(i);
          break;
        case SEMICOLON:
          this.onSemicolon(i);
          i++;
          break;
        case LBRACE:
          this.onOpenBrace(i);
          i++;
          break;
        case RBRACE:
          this.onCloseBrace(i);
          i++;
          break;
        case DQUOTE:
        case SQUOTE:
          i = this.readQuoted(i, c);
          break;
        default:
          i = this.readWord(i);
      }
    }
    this.onEndOfFile();
    this.problems.sort((a, b) => a.start - b.start);
    return { directives: this.directives, comments: this.comments, problems: this.problems };
  }

  // ---- tokens -------------------------------------------------------------

  /** `#` starts a comment only where a token could start; it runs to LF (nginx ignores a lone CR here). */
  private readComment(start: number): number {
    const text = this.text;
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    let contentEnd = end;
    if (contentEnd > start + 1 && text.charCodeAt(contentEnd - 1) === CR) contentEnd--;
    const comment: NginxComment = { start, end: contentEnd, text: text.slice(start + 1, contentEnd) };
    this.comments.push(comment);
    if (this.trailingOwner !== undefined) {
      this.trailingOwner.trailingComment = comment;
      this.trailingOwner = undefined;
    } else if (this.count > 0 && !this.newline) {
      this.tokenComment[this.count - 1] = comment;
    }
    // nginx keeps the whole comment line in its read buffer (token start stays at `#`),
    // so a comment line that does not fit with its LF fails like a long token.
    if (end < text.length && (end - start + 1) * 3 > NGINX_CONF_BUFFER) {
      if (utf8Length(text, start, end) + 1 > NGINX_CONF_BUFFER) {
        this.problem(
          start,
          contentEnd,
          `too long comment line: nginx reads at most ${NGINX_CONF_BUFFER - 1} bytes per line of comment and fails with "too long parameter"`,
        );
      }
    }
    this.lastContentEnd = contentEnd;
    return end;
  }

  /** An unquoted token: ends at whitespace, `;` or `{` (but `${` continues it); `\` protects the next char. `}` and `#` inside are ordinary characters. */
  private readWord(start: number): number {
    const text = this.text;
    const n = text.length;
    let j = start;
    let variable = false;
    let escaped = false;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === LBRACE) {
        if (variable) {
          // nginx does not clear `variable` here, so `${{` also continues.
          j++;
          continue;
        }
        break;
      }
      variable = false;
      if (c === BACKSLASH) {
        escaped = true;
        j += 2;
        continue;
      }
      if (c === DOLLAR) {
        variable = true;
        j++;
        continue;
      }
      if (c === SPACE || c === TAB || c === LF || c === CR || c === SEMICOLON) break;
      j++;
    }
    if (j > n) j = n;
    const raw = text.slice(start, j);
    const value = escaped ? unescapeNginx(text, start, j) : raw;
    this.pushToken({ start, end: j, value, raw, quote: null });
    if ((j - start) * 3 >= NGINX_CONF_BUFFER && utf8Length(text, start, j) + 1 > NGINX_CONF_BUFFER) {
      this.tooLong(start, j, value);
    }
    return j;
  }

  private readQuoted(start: number, quote: number): number {
    const text = this.text;
    const n = text.length;
    const quoteChar = quote === DQUOTE ? '"' : "'";
    const knownUnclosed = quote === DQUOTE ? this.unclosedDouble : this.unclosedSingle;
    let close = -1;
    if (knownUnclosed < 0 || start < knownUnclosed) {
      let from = start + 1;
      for (;;) {
        const k = text.indexOf(quoteChar, from);
        if (k < 0) break;
        // Escapes pair left to right, so the quote is escaped iff an odd run of `\` precedes it.
        let b = k - 1;
        while (b > start && text.charCodeAt(b) === BACKSLASH) b--;
        if (((k - 1 - b) & 1) === 0) {
          close = k;
          break;
        }
        from = k + 1;
      }
      if (close < 0) {
        if (quote === DQUOTE) this.unclosedDouble = start;
        else this.unclosedSingle = start;
      }
    }

    if (close < 0) {
      // nginx swallows the rest of the file into this string and reports
      // "unexpected end of file" at the last line. We point at the quote and,
      // to keep parsing, end the string at the first `;` or line end.
      this.problem(start, start + 1, `unterminated quoted string: no closing ${quoteChar} before end of file`);
      let stop = start + 1;
      while (stop < n) {
        const c = text.charCodeAt(stop);
        if (c === SEMICOLON || c === LF) break;
        stop++;
      }
      if (stop < n && text.charCodeAt(stop) === LF && stop > start + 1 && text.charCodeAt(stop - 1) === CR) stop--;
      this.pushToken({
        start,
        end: stop,
        value: unescapeNginx(text, start + 1, stop),
        raw: text.slice(start, stop),
        quote: quote === DQUOTE ? '"' : "'",
      });
      this.unterminated = true;
      return stop;
    }

    const end = close + 1;
    const raw = text.slice(start, end);
    const value = raw.indexOf("\\") >= 0 ? unescapeNginx(text, start + 1, close) : raw.slice(1, -1);
    this.pushToken({ start, end, value, raw, quote: quote === DQUOTE ? '"' : "'" });

    // The content, the closing quote and the following character must fit nginx's buffer together.
    if ((close - start) * 3 >= NGINX_CONF_BUFFER - 2 && utf8Length(text, start + 1, close) + 2 > NGINX_CONF_BUFFER) {
      this.tooLong(start, end, value);
    }

    // nginx's need_space: after a closing quote only whitespace, `;`, `{` or
    // `)` (for `if ($a = "b")`) may follow; anything else is `unexpected "x"`.
    // `}` is left to the missing-`;` report, which says more.
    if (end < n) {
      const c = text.charCodeAt(end);
      if (
        c !== SPACE &&
        c !== TAB &&
        c !== LF &&
        c !== CR &&
        c !== SEMICOLON &&
        c !== LBRACE &&
        c !== RPAREN &&
        c !== RBRACE
      ) {
        const cp = text.codePointAt(end) ?? c;
        const width = cp > 0xffff ? 2 : 1;
        this.problem(
          end,
          end + width,
          `unexpected "${printable(String.fromCodePoint(cp))}" after quoted string: nginx needs a space here`,
        );
      }
    }
    return end;
  }

  private pushToken(arg: NginxArg): void {
    const k = this.count++;
    this.tokens[k] = arg;
    this.tokenNewline[k] = this.newline;
    if (k > 0 && this.newline) this.multiline = true;
    this.tokenComment[k] = undefined;
    this.newline = false;
    this.trailingOwner = undefined;
    this.lastContentEnd = arg.end;
  }

  private tooLong(start: number, end: number, value: string): void {
    this.problem(
      start,
      end,
      `too long parameter "${printable(value.slice(0, 10))}...": nginx accepts at most ${NGINX_CONF_BUFFER - 1} bytes per token`,
    );
  }

  // ---- structure ------------------------------------------------------------

  private onSemicolon(at: number): void {
    this.lastContentEnd = at + 1;
    if (this.count === 0) {
      this.problem(at, at + 1, 'unexpected ";": no directive name before it');
      this.newline = false;
      return;
    }
    this.endDirective(END_SEMICOLON, at);
  }

  private onOpenBrace(at: number): void {
    this.lastContentEnd = at + 1;
    const parent = this.top;
    if (this.count === 0) {
      this.problem(at, at + 1, 'unexpected "{": no directive name before it');
      // Keep the braces balanced so the matching `}` is not reported too; the
      // block's directives are kept, as siblings in the enclosing block.
      this.pushFrame({ ...parent, directive: undefined });
      this.newline = false;
      this.trailingOwner = undefined;
      return;
    }
    const from = this.splitBeforeBlock(at);
    const directive = this.makeDirective(from, this.count, at + 1, undefined);
    const name = directive.name;
    directive.block = [];
    directive.blockRange = { start: at, end: at + 1 };
    parent.children.push(directive);
    this.resetPending();

    let context = parent.context;
    if (parent.depth < MAX_CONTEXT_DEPTH) {
      let children = this.childContexts.get(parent.context);
      if (children === undefined) this.childContexts.set(parent.context, (children = new Map()));
      context = children.get(name) ?? parent.context.concat(name);
      children.set(name, context);
    } else if (!this.depthReported) {
      this.depthReported = true;
      this.problem(
        directive.nameRange.start,
        directive.nameRange.end,
        `blocks nested more than ${MAX_CONTEXT_DEPTH} levels deep; context is not tracked below this level`,
      );
    }
    this.pushFrame({
      directive,
      owner: directive,
      children: directive.block,
      context,
      data: DATA_BLOCKS.has(name),
      depth: parent.depth + 1,
    });
    this.trailingOwner = directive;
  }

  private onCloseBrace(at: number): void {
    if (this.count > 0) this.endDirective(END_BRACE_CLOSE, at);
    this.lastContentEnd = at + 1;
    this.newline = false;
    this.trailingOwner = undefined;
    if (this.stack.length <= 1) {
      this.problem(at, at + 1, 'unexpected "}": no block is open here');
      return;
    }
    const frame = this.stack.pop();
    this.top = this.stack[this.stack.length - 1] ?? this.top;
    const directive = frame?.directive;
    if (directive !== undefined && directive.blockRange !== undefined) {
      directive.end = at + 1;
      directive.blockRange.end = at + 1;
    }
  }

  private onEndOfFile(): void {
    if (this.count > 0) this.endDirective(END_EOF, this.text.length);
    for (let s = this.stack.length - 1; s >= 1; s--) {
      const directive = this.stack[s]?.directive;
      // A nameless `{` was already reported where it stands.
      if (directive === undefined || directive.blockRange === undefined) continue;
      const brace = directive.blockRange.start;
      const end = Math.max(directive.blockRange.end, this.lastContentEnd);
      directive.end = end;
      directive.blockRange.end = end;
      const line = positionAt(this.file, directive.start).line;
      this.problem(
        brace,
        brace + 1,
        `unexpected end of file, expecting "}": the "{" of "${printable(directive.name)}" on line ${line} is never closed`,
      );
    }
  }

  private pushFrame(frame: Frame): void {
    this.stack.push(frame);
    this.top = frame;
  }

  /**
   * Start indices (ascending) of the directives hiding in tokens[0, end) after the first one,
   * when a missing `;` glued the next line's directive onto it: a line-start token that is a
   * well-known simple directive (see known-directives.ts), or — where nginx would certainly
   * refuse the list with `invalid number of arguments` (a directive nginx knows, with an argument
   * count none of its forms accepts) — the first line-start directive name that leaves it a
   * count it accepts.
   */
  private glueCuts(end: number, semicolonAloneOnLine: boolean): number[] {
    const tokens = this.tokens;
    const first = tokens[0];
    const cuts: number[] = [];
    // every strategy below cuts only where a token starts a line
    if (first === undefined || this.unterminated || !this.multiline) return cuts;
    if (this.top.data) {
      // A map entry is `source value` (or `hostnames` / `volatile` alone): nginx refuses any
      // other count with `invalid number of the map parameters`; split where a line starts.
      if (this.top.directive?.name !== "map") return cuts;
      let start = 0;
      while (end - start > 2) {
        const word = tokens[start];
        const single = word !== undefined && word.quote === null && (word.value === "hostnames" || word.value === "volatile");
        const next = start + (single ? 1 : 2);
        if (this.tokenNewline[next] !== true) break;
        cuts.push(next);
        start = next;
      }
      return cuts;
    }
    if (first.quote !== null) return cuts;
    if (
      !MULTILINE_DIRECTIVES.has(first.value) &&
      !BLOCK_ONLY_DIRECTIVES.has(first.value) &&
      // A `;` alone on a later line is an odd layout, not a sign of a glued directive.
      !semicolonAloneOnLine
    ) {
      let segmentEnd = end;
      for (;;) {
        let k = segmentEnd - 1;
        while (k >= 1 && this.tokenNewline[k] !== true) k--;
        // The candidate must start a line and have at least one argument on that line.
        if (k < 1 || k > segmentEnd - 2) break;
        const candidate = tokens[k];
        if (candidate === undefined || candidate.quote !== null || candidate.raw !== candidate.value) break;
        if (!COMMON_SIMPLE_DIRECTIVES.has(candidate.value)) break;
        cuts.push(k);
        segmentEnd = k;
      }
      if (cuts.length > 0) return cuts.reverse();
    }
    // Token lists nginx refuses for certain (an argument count no form of the directive
    // accepts, or a parameter `listen` / upstream `server` does not know), cut at the first
    // line-start directive name that leaves an acceptable list. Linear: each scan starts where
    // the last cut was.
    // For listen / upstream server: the first argument after the address that is no parameter.
    const params = PARAMETER_DIRECTIVES.get(first.value);
    let firstBadParameter = Number.POSITIVE_INFINITY;
    if (params !== undefined && (first.value === "listen" || this.top.directive?.name === "upstream")) {
      for (let a = 2; a < end; a++) {
        if (!isParameter(params, tokens[a]?.value ?? "")) {
          firstBadParameter = a;
          break;
        }
      }
    }
    let start = 0;
    for (;;) {
      const name = tokens[start];
      if (name === undefined || name.quote !== null) break;
      const refused = (to: number): boolean | undefined => {
        const countOk = simpleArgCountOk(name.value, to - start - 1);
        if (countOk === false) return true;
        // arguments after the address must be parameters the directive knows
        if (start === 0 && firstBadParameter < to) return true;
        return countOk === undefined ? undefined : false;
      };
      if (refused(end) !== true) break;
      let cut = -1;
      for (let k = start + 1; k < end; k++) {
        if (this.tokenNewline[k] !== true) continue;
        const candidate = tokens[k];
        if (candidate === undefined || candidate.quote !== null || candidate.raw !== candidate.value || !NGINX_DIRECTIVES.has(candidate.value)) continue;
        if (refused(k) === false) {
          cut = k;
          break;
        }
      }
      if (cut < 0) break;
      cuts.push(cut);
      start = cut;
    }
    return cuts;
  }

  /**
   * A `{` after a directive nginx knows as a simple one: nginx stops with `directive "X" is not
   * terminated by ";"`. Usually the `;` is missing before a block directive (`location`, `if`,
   * ...) that starts a later line: push the directives before it (each missing its `;`) and
   * return the index of the block directive's name; else report the `{` and return 0.
   */
  private splitBeforeBlock(at: number): number {
    const tokens = this.tokens;
    const first = tokens[0];
    if (first === undefined || this.unterminated || this.top.data || first.quote !== null || !knownSimpleOnly(first.value)) return 0;
    let k = this.count - 1;
    for (; k >= 1; k--) {
      const t = tokens[k];
      if (this.tokenNewline[k] === true && t !== undefined && t.quote === null && t.raw === t.value && knownBlock(t.value)) break;
    }
    if (k < 1) {
      const name = printable(first.value);
      this.problem(at, at + 1, `unexpected "{": "${name}" does not take a block (nginx: directive "${name}" is not terminated by ";")`);
      return 0;
    }
    const parent = this.top;
    let from = 0;
    for (const to of [...this.glueCuts(k, false), k]) {
      parent.children.push(this.missingSemicolon(from, to, false));
      from = to;
    }
    return k;
  }

  /**
   * Turn the pending tokens into one directive — or several, when a missing
   * `;` glued the next line's directive onto this one (see glueCuts).
   */
  private endDirective(how: DirectiveEnd, at: number): void {
    const total = this.count;
    if (total === 0 || this.tokens[0] === undefined) return;

    // Start indices of the directives hiding in this token list, after the first.
    const cuts = this.glueCuts(total, how === END_SEMICOLON && this.newline);
    const parent = this.top;
    let from = 0;
    for (const to of cuts) {
      parent.children.push(this.missingSemicolon(from, to, false));
      from = to;
    }

    if (how === END_SEMICOLON) {
      const directive = this.makeDirective(from, total, at + 1, at);
      parent.children.push(directive);
      this.trailingOwner = directive;
    } else {
      parent.children.push(this.missingSemicolon(from, total, how === END_EOF));
    }
    this.resetPending();
  }

  /** A directive whose `;` is missing: it ends at its last token, and the problem sits where the `;` belongs. */
  private missingSemicolon(from: number, to: number, atEof: boolean): NginxDirective {
    const last = this.tokens[to - 1];
    const end = last?.end ?? 0;
    const directive = this.makeDirective(from, to, end, undefined);
    directive.trailingComment = this.tokenComment[to - 1];
    // With an unterminated quote we cannot know where the directive ends; the quote problem says enough.
    if (!this.unterminated) {
      const name = printable(directive.name);
      this.problems.push({
        start: end,
        end,
        message: atEof ? `unexpected end of file: missing ";" after "${name}" directive` : `missing ";" after "${name}" directive`,
        // the `;` belongs right after the last argument: inserting it is exactly what nginx needs
        fix: { start: end, end, text: ";" },
      });
    }
    return directive;
  }

  private makeDirective(from: number, to: number, end: number, semicolon: number | undefined): NginxDirective {
    const nameToken = this.tokens[from];
    const start = nameToken?.start ?? 0;
    return {
      start,
      end,
      name: this.intern(nameToken?.value ?? ""),
      nameRange: { start, end: nameToken?.end ?? start },
      args: this.tokens.slice(from + 1, to),
      block: undefined,
      parent: this.top.owner,
      blockRange: undefined,
      semicolon,
      context: this.top.context,
      trailingComment: undefined,
    };
  }

  private intern(name: string): string {
    const known = this.names.get(name);
    if (known !== undefined) return known;
    this.names.set(name, name);
    return name;
  }

  private resetPending(): void {
    this.count = 0;
    this.multiline = false;
    this.unterminated = false;
    this.newline = false;
  }

  private problem(start: number, end: number, message: string): void {
    this.problems.push({ start, end, message });
  }
}

/**
 * Directives whose arguments after the address are named parameters nginx checks
 * (`invalid parameter "x"`): bare flags and `name=` prefixes (nginx 1.22 docs and
 * ngx_http_core_module.c / ngx_http_upstream.c / ngx_stream_core_module.c).
 */
const PARAMETER_DIRECTIVES: ReadonlyMap<string, { flags: ReadonlySet<string>; keys: readonly string[] }> = new Map([
  [
    "listen",
    {
      flags: new Set(["default_server", "default", "ssl", "http2", "spdy", "quic", "proxy_protocol", "deferred", "bind", "reuseport", "udp"]),
      keys: ["setfib=", "fastopen=", "backlog=", "rcvbuf=", "sndbuf=", "accept_filter=", "ipv6only=", "so_keepalive="],
    },
  ],
  ["server", { flags: new Set(["backup", "down", "resolve", "drain"]), keys: ["weight=", "max_conns=", "max_fails=", "fail_timeout=", "slow_start=", "route=", "service="] }],
]);

function isParameter(params: { flags: ReadonlySet<string>; keys: readonly string[] }, value: string): boolean {
  return params.flags.has(value) || params.keys.some((k) => value.startsWith(k));
}

/** Every form nginx 1.22 knows of `name` is a simple (non-block) directive. */
function knownSimpleOnly(name: string): boolean {
  const defs = NGINX_DIRECTIVES.get(name);
  return defs !== undefined && defs.every((d) => !d.args.block);
}

/** Some form of `name` opens a block (`location`, `if`, `server`, `upstream`, ...). */
function knownBlock(name: string): boolean {
  return NGINX_DIRECTIVES.get(name)?.some((d) => d.args.block) === true;
}

/**
 * Whether some simple form of `name` accepts `n` arguments; undefined when nginx 1.22 does not
 * know `name` as a simple directive (a module it lacks, a newer nginx, a block directive).
 */
function simpleArgCountOk(name: string, n: number): boolean | undefined {
  let defs = SIMPLE_FORMS.get(name);
  if (defs === undefined) SIMPLE_FORMS.set(name, (defs = NGINX_DIRECTIVES.get(name)?.filter((d) => !d.args.block) ?? []));
  if (defs.length === 0) return undefined;
  return defs.some((d) => nginxArgCountOk(d.args, n));
}
/** Asked for every directive of every file: the simple forms of each name, filtered once. */
const SIMPLE_FORMS = new Map<string, NonNullable<ReturnType<typeof NGINX_DIRECTIVES.get>>>();

/**
 * nginx's unescaping of a token (applied to quoted and bare tokens alike):
 * `\"` `\'` `\\` lose the backslash, `\t` `\r` `\n` become control
 * characters, and any other backslash is kept together with its character.
 */
export function unescapeNginx(text: string, from: number, to: number): string {
  let out = "";
  let last = from;
  for (let k = from; k < to; k++) {
    if (text.charCodeAt(k) !== BACKSLASH || k + 1 >= to) continue;
    const next = text.charCodeAt(k + 1);
    if (next === DQUOTE || next === SQUOTE || next === BACKSLASH) {
      out += text.slice(last, k);
      last = k + 1;
    } else if (next === 116 /* t */) {
      out += text.slice(last, k) + "\t";
      last = k + 2;
    } else if (next === 114 /* r */) {
      out += text.slice(last, k) + "\r";
      last = k + 2;
    } else if (next === 110 /* n */) {
      out += text.slice(last, k) + "\n";
      last = k + 2;
    }
    k++;
  }
  return out + text.slice(last, to);
}

/** nginx's limits are in bytes of the file, which is UTF-8. */
function utf8Length(text: string, from: number, to: number): number {
  let bytes = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && k + 1 < to) {
      const d = text.charCodeAt(k + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        k++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Keep messages one line and short whatever bytes the token holds. */
function printable(s: string): string {
  let out = "";
  for (let k = 0; k < s.length && k < 60; k++) {
    const c = s.charCodeAt(k);
    out += c < 0x20 || c === 0x7f ? "\\x" + c.toString(16).padStart(2, "0") : s.charAt(k);
  }
  return s.length > 60 ? out + "..." : out;
}
