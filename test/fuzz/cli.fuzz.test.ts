/**
 * The whole CLI on damaged copies of real projects (../shared/examples, ../shared/corpus and
 * examples/, read at test time): every run ends with findings or clean output in the asked
 * format, exit code 0 or 1, nothing on stderr (an internal error would be exit 2 + stderr), and
 * every reported position inside its file.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { sourceFromBytes } from "../../src/source/read-source.js";
import { runCli } from "../helpers/run-cli.js";
import { fc, mutation, params, REPO, SHARED, encoding, timeLimit } from "./seeds.js";

interface ProjectSeed {
  name: string;
  files: { rel: string; bytes: Buffer }[];
}

function projectSeeds(): ProjectSeed[] {
  const out: ProjectSeed[] = [];
  const roots = [join(SHARED, "examples"), join(SHARED, "corpus"), join(REPO, "examples")];
  for (const root of roots) {
    let dirs: string[] = [];
    try {
      dirs = readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory()).sort();
    } catch {
      continue;
    }
    for (const d of dirs) {
      const files: ProjectSeed["files"] = [];
      const stack = [join(root, d)];
      while (stack.length > 0 && files.length < 200) {
        const dir = stack.pop()!;
        for (const name of readdirSync(dir).sort()) {
          if (name === ".git" || name === "node_modules") continue;
          const path = join(dir, name);
          const st = statSync(path);
          if (st.isDirectory()) stack.push(path);
          else if (st.isFile() && st.size <= 64 * 1024) files.push({ rel: relative(join(root, d), path), bytes: readFileSync(path) });
        }
      }
      if (files.length > 0) out.push({ name: `${relative(REPO, root)}/${d}`, files });
    }
  }
  return out;
}

const PROJECTS = projectSeeds();

interface JsonOut {
  diagnostics: { file: string; line: number; column: number; endLine: number; endColumn: number; ruleId: string }[];
}

describe("fuzz: the CLI on damaged real projects", () => {
  it.skipIf(PROJECTS.length === 0)("findings or clean output, never a crash; positions inside the files", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROJECTS),
        fc.array(fc.tuple(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), encoding), { minLength: 1, maxLength: 3 }),
        fc.constantFrom("json", "json", "stylish", "compact", "sarif", "github"),
        (project, edits, format) => {
          const dir = mkdtempSync(join(tmpdir(), "stacklint-fuzz-"));
          try {
            const files = new Map(project.files.map((f) => [f.rel, f.bytes]));
            const names = [...files.keys()];
            for (const [pick, mutations, encode] of edits) {
              const rel = names[pick % names.length]!;
              let bytes = files.get(rel)!;
              for (const m of mutations) bytes = m(bytes).subarray(0, 2 * 1024 * 1024);
              files.set(rel, encode(bytes));
            }
            for (const [rel, bytes] of files) {
              mkdirSync(dirname(join(dir, rel)), { recursive: true });
              writeFileSync(join(dir, rel), bytes);
            }
            const r = runCli(dir, ["--format", format, "--no-config"]);
            expect(r.stderr).toBe("");
            expect([0, 1]).toContain(r.code);
            if (format !== "json") return;
            const out = JSON.parse(r.stdout) as JsonOut;
            for (const d of out.diagnostics) {
              expect(d.line).toBeGreaterThanOrEqual(1);
              expect(d.column).toBeGreaterThanOrEqual(1);
              expect(d.endLine).toBeGreaterThanOrEqual(d.line);
              const bytes = files.get(d.file);
              if (!bytes) continue;
              const read = sourceFromBytes(d.file, bytes);
              if (!read.ok) continue;
              expect(d.endLine).toBeLessThanOrEqual(read.file.lineStarts.length);
            }
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        },
      ),
      params(30),
    );
  }, timeLimit(300_000));
});
