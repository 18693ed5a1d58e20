/**
 * Inputs the fuzz suites found, kept as plain tests (minimised by hand from the counterexamples).
 */
import { describe, expect, it } from "vitest";
import { MAX_YAML_DEPTH, parseCompose } from "../../src/parsers/compose/parse.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { runCli } from "../helpers/run-cli.js";
import { tempProject } from "../helpers/temp-project.js";

describe("fuzz regressions", () => {
  // cli.fuzz (seed 11, run 118): `- ` repeated thousands of times in a compose file overflowed
  // yaml's recursive parser ("Maximum call stack size exceeded", exit 2); at 20000 levels a
  // RegExp compile near the stack's end aborted the whole process (V8 fatal OOM).
  for (const [name, text] of [
    ["a block sequence 20000 levels deep", "- ".repeat(20000) + "x\n"],
    ["deep `- ` inside a service", "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      " + "- ".repeat(6000) + "x\n"],
    ["a flow sequence 6000 levels deep", "services:\n  web:\n    command: " + "[".repeat(6000) + "\n"],
    ["a flow map 300 levels deep", "x: " + "{a: ".repeat(300) + "\n"],
  ] as const) {
    it(`compose: ${name} is a parse-error, not a crash`, () => {
      const ast = parseCompose(createSourceFile("/x/docker-compose.yml", text));
      expect(ast.root).toBeUndefined();
      expect(ast.problems.map((p) => p.message).join("\n")).toMatch(/nested/);
      const dir = tempProject({ "docker-compose.yml": text });
      const r = runCli(dir, ["--format", "json", "--no-config"]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout).diagnostics).toEqual([expect.objectContaining({ ruleId: "parse-error", file: "docker-compose.yml" })]);
    });
  }

  // parsers.fuzz (seed 7): yaml reports an unclosed quote or bracket at [length, length + 1)
  for (const text of ["'\u00fc\u00ac^\u00f4\u0016\u00cd)", "'", "{a", "[", "{".repeat(200)]) {
    it(`compose: problem ranges stay inside the text (${JSON.stringify(text.slice(0, 12))})`, () => {
      for (const p of parseCompose(createSourceFile("/x/docker-compose.yml", text)).problems) {
        expect(p.start).toBeGreaterThanOrEqual(0);
        expect(p.end).toBeLessThanOrEqual(text.length);
        expect(p.start).toBeLessThanOrEqual(p.end);
      }
    });
  }

  it(`compose: real files stay far below the nesting limit (${MAX_YAML_DEPTH})`, () => {
    const text = "x-common: &common\n  environment:\n    A: [1, {b: [2, {c: 3}]}]\nservices:\n  web:\n    <<: *common\n    image: nginx:1.27\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost/\"]\n";
    expect(parseCompose(createSourceFile("/x/docker-compose.yml", text)).problems).toEqual([]);
  });
});
