import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../rules/index.js";
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
