/**
 * The matcher: feeds normalised log lines through the signatures and
 * collapses repeated findings (count, first/last line, services seen).
 * Memory is bounded whatever the log size: a capped number of distinct
 * findings per signature and of unrecognised line shapes.
 */
import type { LogLine } from "./read-log.js";
import { serviceName } from "./read-log.js";
import type { Signature } from "./signatures.js";

/** One log line shown with a finding. */
export interface LogRef {
  line: number;
  text: string;
}

export interface Finding {
  signature: Signature;
  /** Named groups of the first occurrence (plus context and follower lines). */
  facts: Record<string, string>;
  count: number;
  firstLine: number;
  lastLine: number;
  /** Lines of the first occurrence: context line, the matching line, follower lines. */
  log: LogRef[];
  /** The last occurrence's matching line, when it is another line. */
  last: LogRef | undefined;
  /** Compose services the lines came from (prefixes, or named in the line). */
  services: string[];
}

/** An error-looking line no signature knows, collapsed by shape (digits and hex ids ignored). */
export interface Unrecognised {
  line: number;
  text: string;
  count: number;
}

export interface MatchResult {
  findings: Finding[];
  unrecognised: Unrecognised[];
  /** Distinct unrecognised shapes beyond the cap (not listed). */
  unrecognisedOverflow: number;
  lines: number;
}

/** Lines that look like errors, for `--verbose`. */
export const ERROR_LOOKING = /error|fatal|failed|denied|refused|exception|traceback/i;

const MAX_FINDINGS_PER_SIGNATURE = 20;
const MAX_UNRECOGNISED = 200;
/** A follower line may come this many lines (of the same service) after the match. */
const FOLLOWER_WINDOW = 8;
const MAX_FOLLOWERS = 8;

interface CompiledPattern {
  re: RegExp;
  /** A literal every match contains: lines without it are skipped cheaply. */
  needle: string | undefined;
  ignoreCase: boolean;
}

interface Pending {
  finding: Finding;
  /** True when the occurrence is the finding's first (only then are lines and facts added). */
  first: boolean;
  patterns: readonly RegExp[];
  next: number;
  window: number;
  taken: number;
}

export class Matcher {
  private readonly compiled: { signature: Signature; patterns: CompiledPattern[] }[];
  private readonly byKey = new Map<string, Finding>();
  private readonly perSignature = new Map<string, number>();
  private readonly findings: Finding[] = [];
  private readonly pending = new Map<string, Pending>();
  /** Per service (or ""): last line matching a signature's `after`/`context` regex. */
  private readonly primers = new Map<string, Map<string, { ref: LogRef; facts: Record<string, string> }>>();
  private readonly unknown = new Map<string, Unrecognised>();
  private overflow = 0;
  private lines = 0;

  constructor(private readonly signatures: readonly Signature[], private readonly collectUnrecognised = false) {
    this.compiled = signatures.map((signature) => ({
      signature,
      patterns: signature.patterns.map((re) => ({ re, needle: requiredLiteral(re), ignoreCase: re.flags.includes("i") })),
    }));
  }

  push(line: LogLine): void {
    this.lines = Math.max(this.lines, line.number);
    const stream = line.service ?? "";
    if (this.follow(stream, line)) return;
    this.prime(stream, line);
    let lower: string | undefined;
    for (const { signature, patterns } of this.compiled) {
      for (const p of patterns) {
        if (p.needle !== undefined) {
          if (p.ignoreCase) {
            lower ??= line.text.toLowerCase();
            if (!lower.includes(p.needle)) continue;
          } else if (!line.text.includes(p.needle)) continue;
        }
        const m = p.re.exec(line.text);
        if (!m) continue;
        const facts = groupsOf(m);
        const named = facts["service"] !== undefined ? serviceName(facts["service"]) : undefined;
        if (named !== undefined) facts["service"] = named;
        const where = line.service ?? named ?? "";
        let primer: { ref: LogRef; facts: Record<string, string> } | undefined;
        if (signature.after || signature.context) {
          primer = this.primers.get(where)?.get(signature.id) ?? (where !== "" ? this.primers.get("")?.get(signature.id) : undefined);
          if (signature.after && !primer) continue;
        }
        this.record(signature, { ...(primer?.facts ?? {}), ...facts }, { line: line.number, text: line.text }, primer?.ref, [line.service, named], stream);
        return;
      }
    }
    if (this.collectUnrecognised && ERROR_LOOKING.test(line.text)) this.noteUnknown(line);
  }

  finish(): MatchResult {
    const unrecognised = [...this.unknown.values()].sort((a, b) => a.line - b.line);
    return { findings: [...this.findings].sort((a, b) => a.firstLine - b.firstLine), unrecognised, unrecognisedOverflow: this.overflow, lines: this.lines };
  }

  private record(signature: Signature, facts: Record<string, string>, ref: LogRef, primer: LogRef | undefined, services: (string | undefined)[], stream: string): void {
    const keyValues = (signature.key ?? []).map((k) => facts[k] ?? "");
    let key = `${signature.id}\0${keyValues.join("\0")}`;
    let finding = this.byKey.get(key);
    if (!finding) {
      const n = this.perSignature.get(signature.id) ?? 0;
      if (n >= MAX_FINDINGS_PER_SIGNATURE) {
        // Too many distinct values: fold the rest into one finding of this signature.
        key = `${signature.id}\0…`;
        finding = this.byKey.get(key);
      }
      if (!finding) {
        this.perSignature.set(signature.id, n + 1);
        finding = { signature, facts, count: 0, firstLine: ref.line, lastLine: ref.line, log: primer ? [primer, ref] : [ref], last: undefined, services: [] };
        this.byKey.set(key, finding);
        this.findings.push(finding);
      }
    }
    const first = finding.count === 0;
    finding.count++;
    finding.lastLine = ref.line;
    if (!first) finding.last = ref;
    for (const s of services) if (s !== undefined && s !== "" && !finding.services.includes(s) && finding.services.length < 20) finding.services.push(s);
    if (signature.followers && signature.followers.length > 0) {
      this.pending.set(stream, { finding, first, patterns: signature.followers, next: 0, window: FOLLOWER_WINDOW, taken: 0 });
    }
  }

  /** Lines following a match that belong to it (redis' `>>> 'line'`, uWSGI's HARAKIRI report). */
  private follow(stream: string, line: LogLine): boolean {
    const p = this.pending.get(stream);
    if (!p) return false;
    for (let i = p.next; i < p.patterns.length; i++) {
      const m = p.patterns[i]!.exec(line.text);
      if (!m) continue;
      p.next = i + 1;
      p.taken++;
      if (p.first) {
        for (const [k, v] of Object.entries(groupsOf(m))) if (p.finding.facts[k] === undefined || p.finding.facts[k] === "") p.finding.facts[k] = v;
        if (p.finding.log.length < 12) p.finding.log.push({ line: line.number, text: line.text });
      }
      if (p.taken >= MAX_FOLLOWERS || p.next >= p.patterns.length) this.pending.delete(stream);
      return true;
    }
    if (--p.window <= 0) this.pending.delete(stream);
    return false;
  }

  private prime(stream: string, line: LogLine): void {
    for (const s of this.signatures) {
      const re = s.after ?? s.context;
      if (!re) continue;
      const m = re.exec(line.text);
      if (!m) continue;
      let map = this.primers.get(stream);
      if (!map) {
        map = new Map();
        this.primers.set(stream, map);
      }
      map.set(s.id, { ref: { line: line.number, text: line.text }, facts: groupsOf(m) });
    }
  }

  private noteUnknown(line: LogLine): void {
    const shape = line.text.replace(/\b[0-9a-f]{8,}\b/gi, "#").replace(/\d+/g, "0");
    const known = this.unknown.get(shape);
    if (known) {
      known.count++;
      return;
    }
    if (this.unknown.size >= MAX_UNRECOGNISED) {
      this.overflow++;
      return;
    }
    this.unknown.set(shape, { line: line.number, text: line.text, count: 1 });
  }
}

function groupsOf(m: RegExpExecArray): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) out[k] = v;
  return out;
}

/**
 * The longest literal run a regular expression requires at its top level
 * (outside groups, classes and alternations), lower-cased for `i`; undefined
 * when there is none of at least 3 characters or the pattern alternates at
 * its top level. Used as a cheap pre-filter before running the expression.
 */
export function requiredLiteral(re: RegExp): string | undefined {
  const src = re.source;
  let depth = 0;
  let cur = "";
  let best = "";
  const flush = (): void => {
    if (cur.length > best.length) best = cur;
    cur = "";
  };
  /** Was the last atom a literal character added to `cur`? */
  let lastLiteral = false;
  for (let i = 0; i < src.length; ) {
    const c = src[i]!;
    if (c === "\\") {
      const n = src[i + 1] ?? "";
      if (/[dDwWsSbBnrtfv0-9]/.test(n)) {
        flush();
        lastLiteral = false;
        i += 2;
      } else if (n === "x") {
        flush();
        lastLiteral = false;
        i += 4;
      } else if (n === "u") {
        flush();
        lastLiteral = false;
        i += src[i + 2] === "{" ? src.indexOf("}", i) + 1 - i : 6;
      } else if (n === "p" || n === "P" || n === "k" || n === "c") {
        flush();
        lastLiteral = false;
        const close = src.indexOf(n === "k" ? ">" : "}", i);
        i = n === "c" ? i + 3 : close < 0 ? src.length : close + 1;
      } else {
        if (depth === 0) {
          cur += n;
          lastLiteral = true;
        } else lastLiteral = false;
        i += 2;
      }
      continue;
    }
    if (c === "(") {
      flush();
      depth++;
      lastLiteral = false;
      i++;
      continue;
    }
    if (c === ")") {
      depth--;
      lastLiteral = false;
      i++;
      continue;
    }
    if (c === "[") {
      flush();
      lastLiteral = false;
      i++;
      while (i < src.length && src[i] !== "]") i += src[i] === "\\" ? 2 : 1;
      i++;
      continue;
    }
    if (c === "|") {
      if (depth === 0) return undefined;
      i++;
      continue;
    }
    if (c === "*" || c === "?" || c === "{") {
      // The previous atom is optional (or repeated): it cannot be part of a required run.
      if (depth === 0 && lastLiteral && cur.length > 0) cur = cur.slice(0, -1);
      flush();
      lastLiteral = false;
      if (c === "{") while (i < src.length && src[i] !== "}") i++;
      i++;
      if (src[i] === "?") i++;
      continue;
    }
    if (c === "+") {
      flush();
      lastLiteral = false;
      i++;
      if (src[i] === "?") i++;
      continue;
    }
    if (c === "." || c === "^" || c === "$") {
      flush();
      lastLiteral = false;
      i++;
      continue;
    }
    if (depth === 0) {
      cur += c;
      lastLiteral = true;
    } else lastLiteral = false;
    i++;
  }
  flush();
  if (best.length < 3) return undefined;
  return re.flags.includes("i") ? best.toLowerCase() : best;
}
