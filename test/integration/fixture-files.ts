/**
 * The rule fixtures (fixtures/<rule>/{bad,good}/<case>/ and fixtures/<rule>/fix/<case>/{input,expected}/)
 * as the real-server tests sweep them: every file of one kind, picked the way stacklint's own
 * discovery picks it (kindFromName, then kindFromContent for `.conf`/`.ini`/`.template`/`.yml`),
 * with its path relative to its case directory (the project stacklint would lint).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { kindFromContent, kindFromName } from "../../src/discover/classify.js";
import type { FileKind } from "../../src/parsers/index.js";
import { readSource } from "../../src/source/read-source.js";
import type { SourceFile } from "../../src/source/source-file.js";
import { REPO_ROOT } from "./harness.js";

export const FIXTURES = join(REPO_ROOT, "fixtures");

export interface FixtureFile {
  /** Absolute path. */
  path: string;
  /** Path relative to fixtures/, POSIX separators (e.g. `redis-protected-mode/bad/bind-all-no-password/redis.conf`). */
  id: string;
  /** The rule directory the fixture belongs to. */
  rule: string;
  /** "bad", "good" or "fix". */
  group: string;
  /** The project directory stacklint lints for this case (for fix cases: `input/` or `expected/`). */
  caseDir: string;
  /** Path relative to caseDir, POSIX separators: what stacklint prints. */
  rel: string;
  source: SourceFile;
  /** The file's bytes, unchanged (to copy a fixture exactly). */
  bytes: Buffer;
}

function* walkFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walkFiles(path);
    else yield path;
  }
}

function toPosix(p: string): string {
  return sep === "/" ? p : p.split(sep).join("/");
}

/** The case directory of a fixture file: 3 levels below fixtures/ (4 for fix cases: input/expected). */
function caseDirOf(path: string): string | undefined {
  const parts = toPosix(relative(FIXTURES, path)).split("/");
  const depth = parts[1] === "fix" ? 4 : 3;
  if (parts.length <= depth) return undefined;
  return join(FIXTURES, ...parts.slice(0, depth));
}

let cache: FixtureFile[] | undefined;
const kinds = new Map<string, FileKind>();

/** Every fixture file stacklint would classify, with its kind. */
function allFixtureFiles(): FixtureFile[] {
  if (cache !== undefined) return cache;
  const out: FixtureFile[] = [];
  for (const path of walkFiles(FIXTURES)) {
    const caseDir = caseDirOf(path);
    if (caseDir === undefined) continue;
    const rel = toPosix(relative(caseDir, path));
    const byName = kindFromName(rel);
    if (byName === undefined) continue;
    const read = readSource(path);
    if (!read.ok) continue;
    const kind = byName === "sniff" ? kindFromContent(rel, read.file.text) : byName;
    if (kind === undefined) continue;
    const id = toPosix(relative(FIXTURES, path));
    const [rule = "", group = ""] = id.split("/");
    out.push({ path, id, rule, group, caseDir, rel, source: read.file, bytes: readFileSync(path) });
    kinds.set(path, kind);
  }
  cache = out;
  return out;
}

/** Fixture files of one kind, sorted by id. */
export function fixtureFiles(kind: FileKind): FixtureFile[] {
  return allFixtureFiles().filter((f) => kinds.get(f.path) === kind);
}

/** Lines of a case's expected.txt (`file:line:col rule`), without comments; [] when absent. */
export function expectedFindings(caseDir: string): string[] {
  let text: string;
  try {
    text = readFileSync(join(caseDir, "expected.txt"), "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"))
    .sort();
}

/** 1-based line of a 0-based offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
