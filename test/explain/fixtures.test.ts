/**
 * The explain fixture harness: for every fixtures-explain/<signature>[--case]/, explain log.txt
 * with --project project/ (run from inside project/) and compare the config locations of that
 * signature with expected.txt — exactly.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runExplainCommand } from "../../src/cli/explain-command.js";
import { SIGNATURES } from "../../src/explain/signatures.js";

const ROOT = join(import.meta.dirname, "..", "..", "fixtures-explain");
const CASES = readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

interface JsonReport {
  findings: { signature: string; count: number; config: { file: string; line: number; column: number; message: string }[] }[];
}

function explainCase(name: string): { code: number; report: JsonReport } {
  let out = "";
  const code = runExplainCommand(["../log.txt", "--project", ".", "--format", "json"], {
    cwd: join(ROOT, name, "project"), env: {}, isTTY: false, stdout: (t) => (out += t), stderr: () => undefined,
  });
  return { code, report: JSON.parse(out) as JsonReport };
}

describe("fixtures-explain", () => {
  it("has a fixture for every signature with a config cause", () => {
    const covered = new Set(CASES.map((c) => c.split("--")[0]));
    expect(SIGNATURES.filter((s) => s.locate !== undefined && !covered.has(s.id)).map((s) => s.id)).toEqual([]);
    for (const c of CASES) expect(SIGNATURES.map((s) => s.id), c).toContain(c.split("--")[0]);
  });
  for (const name of CASES) {
    it(name, () => {
      const signature = name.split("--")[0]!;
      const expected = readFileSync(join(ROOT, name, "expected.txt"), "utf8").split("\n").filter((l) => l.trim() !== "");
      const { code, report } = explainCase(name);
      expect(code).toBe(1);
      expect(report.findings.map((f) => f.signature)).toEqual(report.findings.map(() => signature));
      const got = [...new Set(report.findings.flatMap((f) => f.config.map((c) => `${c.file}:${c.line}`)))].sort();
      expect(got).toEqual([...expected].sort());
      for (const f of report.findings) for (const c of f.config) {
        expect(existsSync(join(ROOT, name, "project", c.file)), c.file).toBe(true);
        expect(c.column).toBeGreaterThan(0);
        expect(c.message.length).toBeGreaterThan(5);
      }
    });
  }
});
