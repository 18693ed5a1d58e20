import type { ParseProblem, SourceFile } from "../../source/source-file.js";
import type { RedisArg, RedisConfig, RedisDirective } from "./ast.js";

/**
 * redis.conf as Redis 7 reads it (loadServerConfigFromString in config.c):
 * every line is trimmed of " \t\r\n", empty lines and lines whose first
 * character is `#` are skipped, and the rest is split with sdssplitargs().
 * A `#` anywhere else is an ordinary argument, which is why
 * `maxmemory 256mb # limit` is fatal for Redis; the args keep it so rules can say so.
 *
 * Never throws; every offset points into `file.text`; linear in the input.
 */

export const REDIS_MESSAGES = {
  /** Redis' own wording; the server exits with "FATAL CONFIG FILE ERROR". */
  unbalancedQuotes: "Unbalanced quotes in configuration line",
} as const;

export function parseRedisConf(file: SourceFile): RedisConfig {
  const text = file.text;
  const out: RedisConfig = { directives: [], comments: [], problems: [] };
  const starts = file.lineStarts;
  for (let i = 0; i < starts.length; i++) {
    const lineStart = starts[i] ?? text.length;
    let end = starts[i + 1] ?? text.length;
    if (end > lineStart && text.charCodeAt(end - 1) === 10) end--;
    if (end > lineStart && text.charCodeAt(end - 1) === 13) end--;
    let s = lineStart;
    let e = end;
    while (s < e && isTrimChar(text.charCodeAt(s))) s++;
    while (e > s && isTrimChar(text.charCodeAt(e - 1))) e--;
    if (s === e) continue;
    if (text.charCodeAt(s) === 0x23 /* # */) {
      out.comments.push({ start: s, end: e });
      continue;
    }
    const split = splitArgs(text, s, e);
    if ("error" in split) {
      out.problems.push({ start: split.error, end: e, message: REDIS_MESSAGES.unbalancedQuotes } satisfies ParseProblem);
      continue;
    }
    const [first, ...args] = split.args;
    // A line of only \v / \f: sdssplitargs returns no argument and Redis skips it.
    if (!first) continue;
    const directive: RedisDirective = {
      // sdstrim() leaves \v and \f in place, so the name can start after them.
      start: first.start,
      end: e,
      name: asciiLower(first.value),
      nameRange: { start: first.start, end: first.end },
      args,
    };
    out.directives.push(directive);
  }
  return out;
}

/** sdstrim(line, " \t\r\n") */
function isTrimChar(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

/** C isspace() in the C locale: bytes >= 0x80 (all non-ASCII text) are never space. */
function isCSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function hexVal(c: number): number {
  return c <= 57 ? c - 48 : c <= 70 ? c - 55 : c - 87;
}

/** sdstolower() lowers bytes with tolower() in the C locale: ASCII letters only. */
function asciiLower(s: string): string {
  let upper = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      upper = true;
      break;
    }
  }
  if (!upper) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : (s[i] ?? "");
  }
  return out;
}

/**
 * sdssplitargs() over [s, e). The C code works on a NUL-terminated string, so a
 * NUL character ends the line for it. Returns the offset of the token that
 * made the split fail (sdssplitargs returns NULL: unterminated quotes, or a
 * closing quote followed by something other than whitespace).
 */
function splitArgs(text: string, s: number, lineEnd: number): { args: RedisArg[] } | { error: number } {
  let e = lineEnd;
  for (let i = s; i < lineEnd; i++) {
    if (text.charCodeAt(i) === 0) {
      e = i;
      break;
    }
  }
  const args: RedisArg[] = [];
  let p = s;
  for (;;) {
    while (p < e && isCSpace(text.charCodeAt(p))) p++;
    if (p >= e) return { args };
    const tokStart = p;
    let inq = false;
    let insq = false;
    let quoted = false;
    let value = "";
    let tokEnd = -1;
    while (tokEnd < 0) {
      const c = p < e ? text.charCodeAt(p) : 0;
      if (inq) {
        if (p >= e) return { error: tokStart };
        if (c === 0x5c && p + 3 < e && text.charCodeAt(p + 1) === 0x78 && isHex(text.charCodeAt(p + 2)) && isHex(text.charCodeAt(p + 3))) {
          value += String.fromCharCode(hexVal(text.charCodeAt(p + 2)) * 16 + hexVal(text.charCodeAt(p + 3)));
          p += 3;
        } else if (c === 0x5c && p + 1 < e) {
          p++;
          const n = text.charCodeAt(p);
          switch (n) {
            case 0x6e:
              value += "\n";
              break;
            case 0x72:
              value += "\r";
              break;
            case 0x74:
              value += "\t";
              break;
            case 0x62:
              value += "\b";
              break;
            case 0x61:
              value += "\x07";
              break;
            default:
              value += text[p] ?? "";
          }
        } else if (c === 0x22) {
          // The closing quote must be followed by whitespace or the end of the line.
          if (p + 1 < e && !isCSpace(text.charCodeAt(p + 1))) return { error: tokStart };
          tokEnd = p + 1;
        } else {
          value += text[p] ?? "";
        }
      } else if (insq) {
        if (p >= e) return { error: tokStart };
        if (c === 0x5c && p + 1 < e && text.charCodeAt(p + 1) === 0x27) {
          p++;
          value += "'";
        } else if (c === 0x27) {
          if (p + 1 < e && !isCSpace(text.charCodeAt(p + 1))) return { error: tokStart };
          tokEnd = p + 1;
        } else {
          value += text[p] ?? "";
        }
      } else if (p >= e || c === 32 || c === 10 || c === 13 || c === 9) {
        tokEnd = p;
      } else if (c === 0x22) {
        // A quote in the middle of a bare word starts quoting too: foo"bar baz" is one argument.
        inq = true;
        quoted = true;
      } else if (c === 0x27) {
        insq = true;
        quoted = true;
      } else {
        value += text[p] ?? "";
      }
      if (p < e) p++;
    }
    const arg: RedisArg = { start: tokStart, end: tokEnd, value, raw: text.slice(tokStart, tokEnd), quoted };
    args.push(arg);
  }
}
