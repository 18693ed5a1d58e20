import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../rules/index.js";
import { main } from "../src/cli/main.js";
import { findingLines, lintDir } from "./helpers/lint-dir.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures");

function cases(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory()).sort();
}

/**
 * The strict harness: every `bad` case lists, in expected.txt, exactly the
 * `file:line:col rule-id` findings of its rule; every `good` case must give
 * no finding of its rule. Other rules may fire on a fixture; they have their own.
 */
describe.each(RULES.map((r) => r.meta.id))("fixtures/%s", (ruleId) => {
  const root = join(FIXTURES, ruleId);

  it("has at least one bad and one good case", () => {
    expect(cases(join(root, "bad")).length).toBeGreaterThan(0);
    expect(cases(join(root, "good")).length).toBeGreaterThan(0);
  });

  for (const name of cases(join(root, "bad"))) {
    it(`bad/${name} reports exactly expected.txt`, () => {
      const dir = join(root, "bad", name);
      const expected = readFileSync(join(dir, "expected.txt"), "utf8")
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith("#"))
        .sort();
      expect(expected.length).toBeGreaterThan(0);
      expect(findingLines(lintDir(dir), ruleId)).toEqual(expected);
    });
  }

  for (const name of cases(join(root, "good"))) {
    it(`good/${name} stays silent`, () => {
      expect(findingLines(lintDir(join(root, "good", name)), ruleId)).toEqual([]);
    });
  }
});

/**
 * `fix` cases: copy input/ to a temp dir, run `stacklint --fix` through the CLI
 * entry, and compare every file byte for byte with expected/. A second run
 * must change nothing (fixes are idempotent), and file modes are kept.
 */
describe.each(RULES.filter((r) => r.meta.fixable).map((r) => r.meta.id))("fixtures/%s/fix", (ruleId) => {
  const root = join(FIXTURES, ruleId, "fix");
  it("has at least one fix case", () => {
    expect(cases(root).length).toBeGreaterThan(0);
  });
  for (const name of cases(root)) {
    it(`fix/${name} produces expected/`, () => {
      const work = mkdtempSync(join(tmpdir(), "stacklint-fix-"));
      try {
        cpSync(join(root, name, "input"), work, { recursive: true });
        const io = { cwd: work, env: {}, stdout: () => {}, stderr: () => {}, isTTY: false };
        main(["--fix", "--no-config", "."], io);
        const expectedDir = join(root, name, "expected");
        for (const file of listFiles(expectedDir)) {
          expect(readFileSync(join(work, file)).toString("latin1"), file).toEqual(readFileSync(join(expectedDir, file)).toString("latin1"));
          expect(statSync(join(work, file)).mode, `${file} mode`).toEqual(statSync(join(root, name, "input", file)).mode);
        }
        const before = listFiles(work).map((f) => readFileSync(join(work, f)).toString("latin1"));
        main(["--fix", "--no-config", "."], io);
        expect(listFiles(work).map((f) => readFileSync(join(work, f)).toString("latin1"))).toEqual(before);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    });
  }
});

function listFiles(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p, join(prefix, name)));
    else out.push(join(prefix, name));
  }
  return out;
}
