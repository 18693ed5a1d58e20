import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HELP } from "../../src/cli/args.js";
import { REPOSITORY_URL } from "../../src/formatters/links.js";
import { VERSION } from "../../src/version.js";

const root = join(import.meta.dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Record<string, unknown>;
const dist = (file: string): string => join(root, "dist", file);

function requireBuild(): void {
  for (const f of ["cli.js", "package.json", "index.mjs", "index.d.mts"]) {
    if (!existsSync(dist(f))) throw new Error(`dist/${f} is missing: run \`npm run build\` before these tests`);
  }
}

describe("package.json is ready to publish", () => {
  it("names, bin, exports with types, files, engines, repository", () => {
    expect(pkg).toMatchObject({
      name: "stacklint",
      version: VERSION,
      license: "MIT",
      type: "module",
      bin: { stacklint: "dist/cli.js" },
      types: "./dist/index.d.mts",
      engines: { node: ">=20" },
      repository: { type: "git", url: `git+${REPOSITORY_URL}.git` },
      homepage: `${REPOSITORY_URL}#readme`,
      bugs: { url: `${REPOSITORY_URL}/issues` },
    });
    expect((pkg["exports"] as Record<string, unknown>)["."]).toEqual({ types: "./dist/index.d.mts", default: "./dist/index.mjs" });
    expect(typeof pkg["description"]).toBe("string");
    expect((pkg["keywords"] as string[]).length).toBeGreaterThan(5);
  });

  it("has no runtime dependencies (everything is bundled)", () => {
    expect(Object.keys((pkg["dependencies"] as Record<string, string> | undefined) ?? {})).toEqual([]);
    expect(pkg["peerDependencies"]).toBeUndefined();
    expect(pkg["optionalDependencies"]).toBeUndefined();
  });

  it("prepack builds, so `npm pack`/`npm publish` (and pre-commit installing from a clone) ship a fresh dist/", () => {
    expect((pkg["scripts"] as Record<string, string>)["prepack"]).toBe("npm run build");
    expect((pkg["scripts"] as Record<string, string>)["build"]).toMatch(/^node scripts\/generate-rule-index\.mjs && /);
    // pre-commit reads the tarball name from `npm pack`'s stdout: lifecycle output must stay off it.
    expect(readFileSync(join(root, ".npmrc"), "utf8")).toMatch(/^foreground-scripts=false$/m);
  });
});

describe("npm pack", () => {
  it("contains the bundles, types, schema, matcher and README only, at a reasonable size", () => {
    requireBuild();
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const [info] = JSON.parse(out) as { files: { path: string; size: number }[]; size: number; unpackedSize: number; entryCount: number }[];
    const files = info!.files.map((f) => f.path).sort();
    expect(files).toEqual(["LICENSE", "README.md", "dist/cli.js", "dist/index.d.mts", "dist/index.mjs", "dist/package.json", "package.json", "schema/stacklint.config.schema.json", "vscode/problem-matcher.json"]);
    expect(files.some((f) => /^(test|fixtures|src|rules|examples|scripts)\//.test(f))).toBe(false);
    expect(info!.size).toBeLessThan(1024 * 1024);
    expect(info!.unpackedSize).toBeLessThan(4 * 1024 * 1024);
    const cli = readFileSync(dist("cli.js"), "utf8");
    expect(cli.startsWith("#!/usr/bin/env node\n")).toBe(true);
  });
});

describe("CLI --help", () => {
  it("documents every option the parser knows", () => {
    const source = readFileSync(join(root, "src", "cli", "args.ts"), "utf8");
    const flags = [...source.matchAll(/case "(--?[a-z][\w-]*)":/g)].map((m) => m[1]!);
    expect(flags.length).toBeGreaterThan(10);
    for (const flag of flags) expect(HELP, flag).toMatch(new RegExp(`(^|[\\s,/])${flag.replace(/-/g, "\\-")}\\b`, "m"));
    for (const format of ["stylish", "json", "compact", "sarif", "github"]) expect(HELP).toContain(format);
  });

  it("the bundled CLI prints it", () => {
    requireBuild();
    const r = spawnSync(process.execPath, [dist("cli.js"), "--help"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(HELP);
  });
});

describe("programmatic API (import from \"stacklint\")", () => {
  let consumer = "";
  beforeAll(() => {
    requireBuild();
    consumer = mkdtempSync(join(tmpdir(), "stacklint-consumer-"));
    mkdirSync(join(consumer, "node_modules"));
    symlinkSync(root, join(consumer, "node_modules", "stacklint"), "dir");
    writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", type: "module", private: true }));
    mkdirSync(join(consumer, "project"));
    writeFileSync(join(consumer, "project", "docker-compose.yml"), "services:\n  redis:\n    image: redis:7.2\n    command: redis-server /etc/redis.conf\n    volumes:\n      - ./redis.conf:/etc/redis.conf\n  web:\n    image: example/web:1.0\n    environment:\n      REDIS_URL: redis://redis:6379/0\n");
    writeFileSync(join(consumer, "project", "redis.conf"), "bind 127.0.0.1\n");
  });
  afterAll(() => {
    if (consumer) rmSync(consumer, { recursive: true, force: true });
  });

  const program = `
import { format, init, lint, rules, StacklintError, version, type Diagnostic, type LintReport } from "stacklint";
const report: LintReport = lint(["project"], { cwd: process.cwd(), config: false });
const first: Diagnostic | undefined = report.diagnostics[0];
const quiet = lint("project", { rules: { "listener-loopback-only": "off" }, config: false });
let usage = "";
try { lint(["nope"]); } catch (e) { if (e instanceof StacklintError) usage = e.code; }
const sarif = JSON.parse(format(report, "sarif")) as { version: string };
console.log(JSON.stringify({
  version, rules: rules.length, errors: report.summary.errors, first: first?.ruleId, file: first?.file,
  quiet: quiet.diagnostics.length, usage, sarif: sarif.version, github: format(report, "github").startsWith("::error "),
  init: typeof init,
}));
`;

  it("runs: lint(paths, options) → { diagnostics, summary }, format(), errors as StacklintError", () => {
    writeFileSync(join(consumer, "main.mjs"), ts.transpileModule(program, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText);
    const r = spawnSync(process.execPath, ["main.mjs"], { cwd: consumer, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({
      version: VERSION, rules: expect.any(Number) as number, errors: 1, first: "listener-loopback-only", file: "project/redis.conf",
      quiet: 0, usage: "usage", sarif: "2.1.0", github: true, init: "function",
    });
  });

  it("type-checks against dist/index.d.mts through the exports map (strict, NodeNext)", () => {
    writeFileSync(join(consumer, "main.ts"), `${program}\n// @ts-expect-error: not a format\nformat(report, "xml");\n`);
    writeFileSync(join(consumer, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", types: [], lib: ["ES2022"], noUncheckedIndexedAccess: true } , files: ["main.ts", "env.d.ts"] }));
    writeFileSync(join(consumer, "env.d.ts"), "declare const process: { cwd(): string };\ndeclare const console: { log(text: string): void };\n");
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    const r = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: consumer, encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("dist/index.d.mts is the declaration of src/api.ts (rebuilt: in sync) and imports nothing", () => {
    const dts = readFileSync(dist("index.d.mts"), "utf8");
    const fresh = ts.transpileDeclaration(readFileSync(join(root, "src", "api.ts"), "utf8"), {
      fileName: "src/api.ts",
      compilerOptions: { module: ts.ModuleKind.NodeNext, target: ts.ScriptTarget.ES2022, declaration: true, isolatedDeclarations: true },
    }).outputText;
    expect(dts).toBe(`// Generated from src/api.ts by scripts/build.mjs. Do not edit.\n${fresh}`);
    expect(dts).not.toMatch(/^\s*import\b/m);
    expect(dts).toMatch(/export declare function lint\(paths\?: string \| readonly string\[\], options\?: LintOptions\): LintReport;/);
  });
});
