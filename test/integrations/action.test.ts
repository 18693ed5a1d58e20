import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { tempProject } from "../helpers/temp-project.js";
import { REPOSITORY_URL } from "../../src/formatters/links.js";
import { VERSION } from "../../src/version.js";
import { validateSarif } from "./schemas.js";

const root = join(import.meta.dirname, "..", "..");

interface ActionYml {
  name: string;
  description: string;
  branding: { icon: string; color: string };
  inputs: Record<string, { description: string; required: boolean; default: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: { id: string; shell: string; "working-directory": string; env: Record<string, string>; run: string }[] };
}

const action = parse(readFileSync(join(root, "action.yml"), "utf8")) as ActionYml;

const BAD = {
  "docker-compose.yml": "services:\n  redis:\n    image: redis:7.2\n    command: redis-server /etc/redis.conf\n    volumes:\n      - ./redis.conf:/etc/redis.conf\n  web:\n    image: example/web:1.0\n    links: [redis]\n    environment:\n      REDIS_URL: redis://redis:6379/0\n",
  "redis.conf": "bind 127.0.0.1\n",
};
const WARNINGS_ONLY = { "docker-compose.yml": "services:\n  db:\n    image: mysql:8.0\n  web:\n    image: example/web:1.0\n    links: [db]\n" };

/**
 * Run the composite action's step the way the runner does: `${{ inputs.x }}` expressions filled
 * from the given inputs or the defaults, GITHUB_ACTION_PATH / GITHUB_OUTPUT / GITHUB_STEP_SUMMARY
 * set, `bash --noprofile --norc -eo pipefail` on the step's script in its working directory.
 */
function runAction(workspace: string, inputs: Record<string, string>, extra: { actionPath?: string; path?: string } = {}) {
  const value = (name: string): string => inputs[name] ?? action.inputs[name]?.default ?? "";
  const expand = (text: string): string =>
    text.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_m, name: string) => {
      if (!(name in action.inputs)) throw new Error(`action.yml uses undeclared input ${name}`);
      return value(name);
    });
  const step = action.runs.steps[0]!;
  const output = join(workspace, ".gh-output");
  const summary = join(workspace, ".gh-summary.md");
  const script = join(workspace, ".gh-step.sh");
  writeFileSync(output, "");
  writeFileSync(script, expand(step.run));
  const env: NodeJS.ProcessEnv = {
    PATH: extra.path ?? process.env["PATH"],
    HOME: process.env["HOME"],
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: workspace,
    GITHUB_ACTION_PATH: extra.actionPath ?? root,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: workspace,
  };
  for (const [k, v] of Object.entries(step.env)) env[k] = expand(v);
  const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], { cwd: resolve(workspace, expand(step["working-directory"])), env, encoding: "utf8" });
  const outputs = Object.fromEntries(readFileSync(output, "utf8").split("\n").filter(Boolean).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, outputs, summary: existsSync(summary) ? readFileSync(summary, "utf8") : "" };
}

describe("action.yml", () => {
  it("declares the inputs, outputs and a composite step that passes every input on", () => {
    expect(action.name).toBe("stacklint");
    expect(action.description.length).toBeGreaterThan(20);
    expect(action.branding).toEqual({ icon: "layers", color: "blue" });
    expect(Object.keys(action.inputs)).toEqual(["paths", "format", "fail-level", "max-warnings", "sarif-file", "config", "working-directory", "version"]);
    expect(action.inputs["format"]!.default).toBe("github");
    expect(action.inputs["paths"]!.default).toBe(".");
    expect(action.inputs["fail-level"]!.default).toBe("error");
    for (const input of Object.values(action.inputs)) {
      expect(input.required).toBe(false);
      expect(input.description.length).toBeGreaterThan(10);
    }
    expect(Object.keys(action.outputs)).toEqual(["exit-code", "errors", "warnings", "infos", "sarif-file"]);
    for (const [name, out] of Object.entries(action.outputs)) expect(out.value).toBe(`\${{ steps.stacklint.outputs.${name} }}`);
    expect(action.runs.using).toBe("composite");
    const [step] = action.runs.steps;
    expect(action.runs.steps).toHaveLength(1);
    expect(step).toMatchObject({ id: "stacklint", shell: "bash", "working-directory": "${{ inputs.working-directory }}", run: 'node "$GITHUB_ACTION_PATH/scripts/github-action.mjs"' });
    const passed = Object.entries(step!.env).map(([k, v]) => [k, v]);
    const expected = Object.keys(action.inputs).filter((n) => n !== "working-directory").map((n) => [`INPUT_${n.replace(/-/g, "_").toUpperCase()}`, `\${{ inputs.${n} }}`]);
    expect(passed).toEqual(expected);
  });

  it("defaults: annotations, job summary, outputs, exit code 1 on errors", () => {
    const dir = tempProject(BAD);
    const r = runAction(dir, {});
    expect(r.code).toBe(1);
    const commands = r.stdout.split("\n").filter((l) => l.startsWith("::"));
    expect(commands).toEqual([
      expect.stringMatching(/^::warning file=docker-compose\.yml,line=9,endLine=9,col=13,endColumn=18,title=links-legacy::/),
      expect.stringMatching(/^::error file=redis\.conf,line=1,endLine=1,col=1,endColumn=15,title=listener-loopback-only::/),
    ]);
    expect(r.outputs).toEqual({ "exit-code": "1", errors: "1", warnings: "1", infos: "0", "sarif-file": "" });
    expect(r.summary).toContain("| ❌ error | `redis.conf:1:1` | `listener-loopback-only` |");
    expect(r.summary.match(/^## stacklint$/gm)).toHaveLength(1);
  });

  it("sarif-file writes valid SARIF; fail-level never keeps the step green", () => {
    const dir = tempProject(BAD);
    const r = runAction(dir, { "sarif-file": "out/stacklint.sarif", "fail-level": "never" }, {});
    expect(r.code).toBe(2); // out/ does not exist: a usage error fails the step whatever fail-level says
    expect(r.stdout).toContain("::error title=stacklint action::stacklint failed writing SARIF");
    mkdirSync(join(dir, "out"));
    const ok = runAction(dir, { "sarif-file": "out/stacklint.sarif", "fail-level": "never" });
    expect(ok.code).toBe(0);
    expect(ok.outputs["exit-code"]).toBe("1");
    expect(ok.outputs["sarif-file"]).toBe(join(dir, "out", "stacklint.sarif"));
    const sarif = JSON.parse(readFileSync(join(dir, "out", "stacklint.sarif"), "utf8")) as { runs: { results: unknown[] }[] };
    expect(validateSarif(sarif)).toEqual([]);
    expect(sarif.runs[0]!.results).toHaveLength(2);
  });

  it("fail-level warning and max-warnings", () => {
    const dir = tempProject(WARNINGS_ONLY);
    expect(runAction(dir, {}).code).toBe(0);
    expect(runAction(dir, { "fail-level": "warning" }).code).toBe(1);
    expect(runAction(dir, { "fail-level": "warning", "max-warnings": "1" }).code).toBe(0);
    expect(runAction(dir, { "max-warnings": "0" }).code).toBe(1);
  });

  it("paths, config, working-directory and format inputs reach the CLI", () => {
    const dir = tempProject({ "stack/a/docker-compose.yml": WARNINGS_ONLY["docker-compose.yml"], "stack/b/docker-compose.yml": WARNINGS_ONLY["docker-compose.yml"], "stack/strict.json": JSON.stringify({ rules: { "links-legacy": "error" } }) });
    const r = runAction(dir, { "working-directory": "stack", paths: "a\nb", config: "strict.json", format: "compact" });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("a/docker-compose.yml: line 6, col 13, Error - ");
    expect(r.stdout).toContain("b/docker-compose.yml: line 6, col 13, Error - ");
    expect(r.outputs["errors"]).toBe("2");
    expect(r.summary).toBe("");
  });

  it("rejects bad inputs with an annotation and exit code 2", () => {
    const dir = tempProject(BAD);
    const cases: Record<string, string>[] = [{ format: "xml" }, { "fail-level": "sometimes" }, { "max-warnings": "many" }, { config: "missing.json" }];
    for (const inputs of cases) {
      const r = runAction(dir, inputs);
      expect(r.code, JSON.stringify(inputs)).toBe(2);
      expect(r.stdout).toMatch(/^::error title=stacklint action::/m);
    }
  });

  it("without a built dist/cli.js it runs the npm package of the action's version through npx", () => {
    // An action checkout as `uses: stacklint/stacklint@v9.8.7` gets it: the repository without dist/.
    const dir = tempProject({
      ...BAD,
      "action/package.json": JSON.stringify({ version: "9.8.7" }),
      "action/scripts/github-action.mjs": readFileSync(join(root, "scripts", "github-action.mjs"), "utf8"),
      // Stands in for npx: records the call, then runs this checkout's build as the "downloaded" package.
      "bin/npx": `#!/bin/sh\necho "npx $*" >> "$GITHUB_WORKSPACE/npx.log"\nshift 2\nexec "${process.execPath}" "${join(root, "dist", "cli.js")}" "$@"\n`,
    });
    chmodSync(join(dir, "bin", "npx"), 0o755);
    const r = runAction(dir, {}, { actionPath: join(dir, "action"), path: `${join(dir, "bin")}:${process.env["PATH"] ?? ""}` });
    const calls = readFileSync(join(dir, "npx.log"), "utf8").trim().split("\n");
    expect(calls[0]).toMatch(/^npx --yes stacklint@9\.8\.7 \. --format json --output-file /);
    expect(calls.at(-1)).toBe("npx --yes stacklint@9.8.7 . --format github");
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ "exit-code": "1", errors: "1" });
    const pinned = runAction(dir, { version: "1.2.3" }, { actionPath: join(dir, "action"), path: `${join(dir, "bin")}:${process.env["PATH"] ?? ""}` });
    expect(pinned.code).toBe(1);
    expect(readFileSync(join(dir, "npx.log"), "utf8").trim().split("\n").at(-1)).toBe("npx --yes stacklint@1.2.3 . --format github");
  });

  it("the README's workflow uses the action with declared inputs and uploads the SARIF to code scanning", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const block = /```yaml\n(# \.github\/workflows\/stacklint\.yml\n[\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const workflow = parse(block![1]!) as { permissions: Record<string, string>; jobs: Record<string, { steps: { uses?: string; id?: string; with?: Record<string, string> }[] }> };
    expect(workflow.permissions["security-events"]).toBe("write");
    const steps = Object.values(workflow.jobs)[0]!.steps;
    const ours = steps.find((s) => s.uses?.startsWith(`${REPOSITORY_URL.replace("https://github.com/", "")}@`))!;
    expect(ours.uses).toBe(`stacklint/stacklint@v${VERSION}`);
    for (const key of Object.keys(ours.with ?? {})) expect(action.inputs, key).toHaveProperty(key);
    const upload = steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"))!;
    expect(upload.with?.["sarif_file"]).toBe(ours.with?.["sarif-file"]);
  });
});
