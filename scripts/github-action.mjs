// The step behind action.yml (a composite action): reads the action's inputs from INPUT_* variables,
// runs the stacklint CLI and sets the step's outputs. Plain JavaScript run by the runner's node, so
// the action needs no build step of its own. Which stacklint: the bundled dist/cli.js when the
// action's checkout has one (a workflow that built it, `uses: ./`), else the npm package of the
// action's own version through npx (no dist/ has to be committed for action users).
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const env = process.env;
const input = (name) => (env[`INPUT_${name.replace(/-/g, "_").toUpperCase()}`] ?? "").trim();
const actionPath = env.GITHUB_ACTION_PATH ?? join(import.meta.dirname, "..");

function fail(message) {
  process.stdout.write(`::error title=stacklint action::${message.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A")}\n`);
  process.exit(2);
}

const FORMATS = ["github", "stylish", "compact", "json", "sarif"];
const format = input("format") || "github";
if (!FORMATS.includes(format)) fail(`format must be one of ${FORMATS.join(", ")}, got "${format}"`);
const failLevel = input("fail-level") || "error";
if (!["error", "warning", "never"].includes(failLevel)) fail(`fail-level must be error, warning or never, got "${failLevel}"`);
const maxWarnings = input("max-warnings");
if (maxWarnings !== "" && !/^\d+$/.test(maxWarnings)) fail(`max-warnings must be a non-negative integer, got "${maxWarnings}"`);
const paths = input("paths").split(/\s+/).filter(Boolean);
const config = input("config");
const sarifFile = input("sarif-file");

const localCli = join(actionPath, "dist", "cli.js");
let command;
if (existsSync(localCli)) {
  command = [process.execPath, localCli];
} else {
  const version = input("version") || JSON.parse(readFileSync(join(actionPath, "package.json"), "utf8")).version;
  command = ["npx", "--yes", `stacklint@${version}`];
}

const common = [...paths, ...(config ? ["--config", config] : [])];
const run = (args, stdio) => {
  const r = spawnSync(command[0], [...command.slice(1), ...args], { stdio, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (r.error) fail(`cannot run stacklint: ${r.error.message}`);
  return r;
};

// 1. Counts for the outputs (JSON contract), without the step summary.
const tmp = mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), "stacklint-"));
const jsonFile = join(tmp, "report.json");
const first = run([...common, "--format", "json", "--output-file", jsonFile], ["ignore", "ignore", "pipe"]);
const report = first.status !== 2 && existsSync(jsonFile) ? readFileSync(jsonFile, "utf8") : undefined;
rmSync(tmp, { recursive: true, force: true });
if (report === undefined) fail(`stacklint failed (exit code ${first.status}): ${first.stderr.trim()}`);
const counts = JSON.parse(report).summary;

// 2. SARIF for code scanning, when asked.
if (sarifFile) {
  const r = run([...common, "--format", "sarif", "--output-file", sarifFile], ["ignore", "ignore", "pipe"]);
  if (r.status === 2) fail(`stacklint failed writing SARIF: ${r.stderr.trim()}`);
}

// 3. The report itself (annotations and job summary with the default `github` format); its exit code decides.
const limit = maxWarnings !== "" ? ["--max-warnings", maxWarnings] : failLevel === "warning" ? ["--max-warnings", "0"] : [];
const main = run([...common, "--format", format, ...limit], ["ignore", "inherit", "inherit"]);
const code = main.status ?? 2;

if (env.GITHUB_OUTPUT) {
  const outputs = { "exit-code": code, errors: counts.errors, warnings: counts.warnings, infos: counts.infos, "sarif-file": sarifFile ? resolve(sarifFile) : "" };
  appendFileSync(env.GITHUB_OUTPUT, Object.entries(outputs).map(([k, v]) => `${k}=${v}\n`).join(""));
}
if (code === 2) process.exit(2);
process.exit(failLevel === "never" ? 0 : code);
