/**
 * Seeds and mutations for the fuzz suites: real files (../shared/examples, ../shared/corpus and
 * fixtures/, read at test time, never copied into the repo) by kind, and fast-check arbitraries
 * that damage them the ways real files are damaged (random bytes, truncation, deep nesting, huge
 * lines, NUL bytes, invalid UTF-8, UTF-16 with BOM, GBK). Every input stays bounded in size, so
 * no single case can take long; there are no timing assertions.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { kindFromContent, kindFromName } from "../../src/discover/classify.js";
import type { FileKind } from "../../src/parsers/index.js";

const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(HERE, "../..");
export const SHARED = resolve(REPO, "../shared");

/** Runs per property: FUZZ_RUNS scales every suite (e.g. FUZZ_RUNS=2000 for a long local session). */
export function runs(base: number): number {
  const scale = Number(process.env["FUZZ_RUNS"] ?? "");
  return Number.isFinite(scale) && scale > 0 ? Math.max(1, Math.round((base * scale) / 100)) : base;
}

/** A test's time limit, scaled like its runs (a long FUZZ_RUNS session must not time out). */
export function timeLimit(ms: number): number {
  const scale = Number(process.env["FUZZ_RUNS"] ?? "");
  return Number.isFinite(scale) && scale > 100 ? Math.round((ms * scale) / 100) : ms;
}

/** fast-check parameters: a fixed seed unless FUZZ_SEED is set, so CI is reproducible. */
export function params(numRuns: number): fc.Parameters<unknown> {
  const seed = Number(process.env["FUZZ_SEED"] ?? "20261123");
  return { numRuns: runs(numRuns), seed, endOnFailure: true };
}

export interface Seed {
  /** Path relative to its root, for messages. */
  name: string;
  kind: FileKind;
  bytes: Buffer;
}

const MAX_SEED_BYTES = 64 * 1024;

function* filesUnder(root: string, depth = 0): Generator<string> {
  if (depth > 12) return;
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return;
  }
  for (const name of entries.sort()) {
    if (name === "node_modules" || name === ".git") continue;
    const path = join(root, name);
    let st;
    try {
      st = statSync(path);
    } catch {
      continue;
    }
    if (st.isDirectory()) yield* filesUnder(path, depth + 1);
    else if (st.isFile() && st.size <= MAX_SEED_BYTES) yield path;
  }
}

let cached: Seed[] | undefined;

/** Every seed file whose kind stacklint reads, from the shared examples/corpus and the fixtures. */
export function seeds(): Seed[] {
  if (cached) return cached;
  const out: Seed[] = [];
  for (const root of [join(SHARED, "examples"), join(SHARED, "corpus"), join(REPO, "fixtures"), join(REPO, "examples")]) {
    for (const path of filesUnder(root)) {
      const rel = relative(root, path).split("\\").join("/");
      const byName = kindFromName(rel);
      if (!byName) continue;
      const bytes = readFileSync(path);
      const kind = byName === "sniff" ? kindFromContent(rel, bytes.toString("utf8")) : byName;
      if (kind) out.push({ name: `${relative(REPO, root)}/${rel}`, kind, bytes });
    }
  }
  cached = out;
  return out;
}

/** Seeds of one kind (ini dialects share seeds: any ini-like file is a fine seed for another dialect). */
export function seedsOf(kind: FileKind): Seed[] {
  const all = seeds();
  const ini: FileKind[] = ["uwsgi", "supervisor", "mysql"];
  const own = all.filter((s) => s.kind === kind || (ini.includes(kind) && ini.includes(s.kind)));
  return own.length > 0 ? own : all.slice(0, 20);
}

// ------------------------------------------------------------------ mutations

/** GBK bytes of a few common words (注释 配置 服务器 数据库), as Chinese tutorials' files hold them. */
const GBK_WORDS = [
  Buffer.from([0xd7, 0xa2, 0xca, 0xcd]),
  Buffer.from([0xc5, 0xe4, 0xd6, 0xc3]),
  Buffer.from([0xb7, 0xfe, 0xce, 0xf1, 0xc6, 0xf7]),
  Buffer.from([0xca, 0xfd, 0xbe, 0xdd, 0xbf, 0xe2]),
];

type Mutation = (input: Buffer) => Buffer;

/** Keep every input bounded (2 MiB at most) whatever the mutations did. */
const MAX_INPUT = 2 * 1024 * 1024;

const at = (input: Buffer, ratio: number): number => Math.floor(ratio * (input.length + 1));
const splice = (input: Buffer, pos: number, del: number, insert: Buffer): Buffer =>
  Buffer.concat([input.subarray(0, pos), insert, input.subarray(Math.min(input.length, pos + del))]);

const ratio = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

/** One damaging edit; several are chained by `mutated`. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // random bytes over a random span
  fc.tuple(ratio, fc.nat({ max: 16 }), fc.uint8Array({ minLength: 0, maxLength: 64 })).map(([r, del, bytes]) => (i: Buffer) => splice(i, at(i, r), del, Buffer.from(bytes))),
  // truncation
  ratio.map((r) => (i: Buffer) => i.subarray(0, at(i, r))),
  // deep nesting in every syntax's own brackets
  fc.tuple(ratio, fc.constantFrom("{", "[", "(", "{\n", "server {\n", "- ", "  ", "$(", "${", "\"", "'", "`", "\\\n", "<<: *a\n"), fc.integer({ min: 100, max: 5000 })).map(
    ([r, open, n]) => (i: Buffer) => splice(i, at(i, r), 0, Buffer.from(open.repeat(n))),
  ),
  // a huge line
  fc.tuple(ratio, fc.constantFrom("a", " ", "#", ";", "=", "\\", "x:", "$"), fc.integer({ min: 10_000, max: 200_000 })).map(
    ([r, unit, n]) => (i: Buffer) => splice(i, at(i, r), 0, Buffer.from(unit.repeat(Math.ceil(n / unit.length)))),
  ),
  // NUL bytes
  fc.tuple(ratio, fc.integer({ min: 1, max: 8 })).map(([r, n]) => (i: Buffer) => splice(i, at(i, r), 0, Buffer.alloc(n, 0))),
  // invalid UTF-8 (lone continuation bytes, truncated sequences, overlongs, 0xff)
  fc.tuple(ratio, fc.constantFrom([0xff], [0xc3], [0x80, 0x80], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xfe, 0xfe])).map(
    ([r, bytes]) => (i: Buffer) => splice(i, at(i, r), 0, Buffer.from(bytes)),
  ),
  // GBK words (and a lone lead byte)
  fc.tuple(ratio, fc.constantFrom(...GBK_WORDS, Buffer.from([0x81]))).map(([r, bytes]) => (i: Buffer) => splice(i, at(i, r), 0, bytes)),
  // line endings swapped
  fc.constantFrom("\r\n", "\r", "\n\r", "\u2028").map((eol) => (i: Buffer) => Buffer.from(i.toString("latin1").replace(/\n/g, eol), "latin1")),
  // a line duplicated many times
  fc.tuple(ratio, fc.integer({ min: 2, max: 2000 })).map(([r, n]) => (i: Buffer) => {
    const text = i.toString("latin1");
    const lines = text.split("\n");
    const k = Math.floor(r * lines.length);
    const line = lines[k] ?? "";
    const copies = Math.min(n, Math.floor(MAX_INPUT / (line.length + 1)));
    lines.splice(k, 0, ...Array.from({ length: copies }, () => line));
    return Buffer.from(lines.join("\n"), "latin1");
  }),
);

/** Re-encode the whole (already mutated) text: as it is, UTF-8 BOM, UTF-16 LE/BE with BOM. */
export const encoding: fc.Arbitrary<(input: Buffer) => Buffer> = fc.constantFrom(
  (i: Buffer) => i,
  (i: Buffer) => i,
  (i: Buffer) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), i]),
  (i: Buffer) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(i.toString("utf8"), "utf16le")]),
  (i: Buffer) => {
    const le = Buffer.from(i.toString("utf8"), "utf16le");
    for (let k = 0; k + 1 < le.length; k += 2) [le[k], le[k + 1]] = [le[k + 1]!, le[k]!];
    return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
  },
);


/** A seed of the given list, damaged by 1–4 mutations and maybe re-encoded. */
export function mutated(list: readonly Seed[]): fc.Arbitrary<{ seed: Seed; bytes: Buffer }> {
  return fc
    .tuple(fc.constantFrom(...list), fc.array(mutation, { minLength: 1, maxLength: 4 }), encoding)
    .map(([seed, edits, encode]) => {
      let bytes = seed.bytes;
      for (const edit of edits) {
        bytes = edit(bytes);
        if (bytes.length > MAX_INPUT) bytes = bytes.subarray(0, MAX_INPUT);
      }
      return { seed, bytes: encode(bytes) };
    });
}

/** Pure random bytes (no seed), for the "garbage in" case. */
export const garbage: fc.Arbitrary<Buffer> = fc.uint8Array({ maxLength: 4096 }).map((a) => Buffer.from(a));

/** Check that every `{start, end}` (and yaml `range`) in an AST lies within the text; returns the first violation. */
export function outOfBounds(ast: unknown, length: number): string | undefined {
  const seen = new Set<object>();
  const stack: { value: unknown; path: string }[] = [{ value: ast, path: "ast" }];
  let visited = 0;
  while (stack.length > 0 && visited < 2_000_000) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== "object" || seen.has(value)) continue;
    seen.add(value);
    visited++;
    const o = value as Record<string, unknown>;
    if (typeof o["start"] === "number" && typeof o["end"] === "number") {
      const s = o["start"];
      const e = o["end"];
      if (!(Number.isInteger(s) && Number.isInteger(e) && s >= 0 && s <= e && e <= length)) return `${path}: [${s}, ${e}) outside [0, ${length}]`;
    }
    for (const [k, v] of Object.entries(o)) {
      // yaml's Document keeps schema/options objects and parent links: only its nodes' ranges matter
      if (k === "schema" || k === "options" || k === "parent" || k === "source" && typeof v === "object") continue;
      if (v && typeof v === "object") stack.push({ value: v, path: path.length < 200 ? `${path}.${k}` : path });
    }
  }
  return undefined;
}

export { fc };
