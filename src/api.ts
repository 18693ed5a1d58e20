/**
 * stacklint's programmatic API: the package's "exports" entry (dist/index.mjs,
 * types in dist/index.d.mts, generated from this file by scripts/build.mjs).
 *
 *   import { lint, format } from "stacklint";
 *   const report = lint(["."], { cwd: "/path/to/project" });
 *   if (report.summary.errors > 0) console.log(format(report, "stylish"));
 *
 * The public types are declared here on their own (the declaration file must
 * not reach into internal modules); compile-time checks below keep them
 * identical to the engine's.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { RULES } from "../rules/index.js";
import { ConfigError, parseRuleOption } from "./engine/config.js";
import type { LintResult, ResolvedDiagnostic } from "./engine/diagnostic.js";
import { BUILTIN_IDS, lint as lintRun, type LintRun } from "./engine/lint.js";
import { formatCompact } from "./formatters/compact.js";
import { formatGithub } from "./formatters/github.js";
import { formatJson } from "./formatters/json.js";
import { configSchemaUrl, CONFIG_SCHEMA_FILE, ruleHelpUri } from "./formatters/links.js";
import { sarifSourceOf } from "./formatters/run-source.js";
import { formatSarif } from "./formatters/sarif.js";
import { formatStylish } from "./formatters/stylish.js";
import { VERSION } from "./version.js";

export type Severity = "error" | "warning" | "info";
export type RuleLevel = Severity | "off";

/** 1-based line and column (UTF-16 code units, like editors); `file` relative to `cwd`, forward slashes. */
export interface Location {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Diagnostic extends Location {
  ruleId: string;
  severity: Severity;
  /** Secrets found in the project are already replaced by `***`. */
  message: string;
  /** The other ends of a cross-file finding. */
  related: (Location & { message: string })[];
  /** Edits `--fix` would apply (offsets into the decoded file text). */
  fix: { safe: boolean; edits: { file: string; start: number; end: number; text: string }[] } | undefined;
}

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  fixable: number;
}

export interface LintReport {
  version: string;
  diagnostics: Diagnostic[];
  summary: Summary;
}

export interface LintOptions {
  /** Directory paths are resolved against and shown relative to (default: process.cwd()). */
  cwd?: string;
  /** Config file; `false`: none; default: stacklint.config.json, .stacklintrc.json or "stacklint" in package.json, searched upward from cwd. */
  config?: string | false;
  /** Rule levels on top of the config, like `--rule id:level`. */
  rules?: Record<string, RuleLevel>;
  /** Errors only, like `--quiet` (the summary still counts everything). */
  quiet?: boolean;
}

export type FormatName = "stylish" | "json" | "compact" | "sarif" | "github";

export interface FormatOptions {
  /** For stylish (absolute file headers) and SARIF (%SRCROOT%); default: the cwd of the lint() call, else process.cwd(). */
  cwd?: string;
  /** Stylish only; default false. */
  color?: boolean;
}

export interface RuleInfo {
  id: string;
  description: string;
  severity: Severity;
  category: string;
  /** File kinds the rule reads. */
  files: string[];
  fixable: boolean;
  /** The rule's README. */
  docs: string;
}

/** A usage problem (missing path, unknown rule id or level) or an invalid config file. */
export class StacklintError extends Error {
  readonly code: "usage" | "config";
  constructor(message: string, code: "usage" | "config") {
    super(message);
    this.name = "StacklintError";
    this.code = code;
  }
}

export const version: string = VERSION;

export const rules: readonly RuleInfo[] = RULES.map((r) => ({
  id: r.meta.id,
  description: r.meta.description,
  severity: r.meta.severity,
  category: r.meta.category,
  files: [...r.meta.files],
  fixable: r.meta.fixable,
  docs: ruleHelpUri(r.meta.id),
}));

const runs = new WeakMap<LintReport, { run: LintRun; cwd: string }>();

/** Lint paths (files or directories, default "."), as `stacklint [paths]` would. Synchronous. */
export function lint(paths: string | readonly string[] = ".", options: LintOptions = {}): LintReport {
  const cwd = resolve(options.cwd ?? process.cwd());
  const list = typeof paths === "string" ? [paths] : paths.length > 0 ? [...paths] : ["."];
  for (const path of list) {
    if (!existsSync(resolve(cwd, path))) throw new StacklintError(`no such file or directory: ${path}`, "usage");
  }
  const known = new Set([...RULES.map((r) => r.meta.id), ...BUILTIN_IDS]);
  let run: LintRun;
  try {
    const ruleOverrides = Object.entries(options.rules ?? {}).map(([id, level]) => parseRuleOption(`${id}:${level}`, known));
    run = lintRun({ paths: list, cwd, rules: RULES, configPath: options.config, ruleOverrides });
  } catch (error) {
    if (error instanceof ConfigError) throw new StacklintError(error.message, "config");
    throw error;
  }
  const result = run.result;
  const report: LintReport = options.quiet ? { ...result, diagnostics: result.diagnostics.filter((d) => d.severity === "error") } : result;
  runs.set(report, { run, cwd });
  return report;
}

/** Render a report in one of the CLI's formats (`--format`). */
export function format(report: LintReport, name: FormatName, options: FormatOptions = {}): string {
  const origin = runs.get(report);
  const cwd = resolve(options.cwd ?? origin?.cwd ?? process.cwd());
  switch (name) {
    case "json":
      return formatJson(report);
    case "compact":
      return formatCompact(report);
    case "github":
      return formatGithub(report);
    case "sarif":
      return formatSarif(report, { rules: RULES.map((r) => r.meta), cwd, ...(origin ? { source: sarifSourceOf(origin.run, origin.cwd) } : {}) });
    case "stylish":
      return formatStylish(report, { color: options.color ?? false, cwd });
    default:
      throw new StacklintError(`unknown format "${String(name)}"`, "usage");
  }
}

export interface InitResult {
  /** The config file written, or the one that is already there. */
  path: string;
  created: boolean;
}

/** Config file names that `lint` finds in a directory, in the order it looks. */
const CONFIG_FILES = ["stacklint.config.json", ".stacklintrc.json"];

/**
 * Write a starter stacklint.config.json into `cwd` (what `stacklint --init`
 * does). Never overwrites: when the directory already has a stacklint config,
 * nothing is written and `created` is false.
 */
export function init(options: { cwd?: string } = {}): InitResult {
  const cwd = resolve(options.cwd ?? process.cwd());
  for (const name of CONFIG_FILES) {
    const path = join(cwd, name);
    if (existsSync(path)) return { path, created: false };
  }
  const pkg = join(cwd, "package.json");
  if (existsSync(pkg) && hasStacklintKey(pkg)) return { path: pkg, created: false };
  const path = join(cwd, CONFIG_FILES[0]!);
  writeFileSync(path, starterConfig(cwd), { flag: "wx" });
  return { path, created: true };
}

function hasStacklintKey(packageJson: string): boolean {
  try {
    const json: unknown = JSON.parse(readFileSync(packageJson, "utf8"));
    return typeof json === "object" && json !== null && "stacklint" in json;
  } catch {
    return false;
  }
}

/** The starter config; "$schema" is the copy in node_modules when stacklint is installed there, else the published one. */
export function starterConfig(cwd: string): string {
  const local = `node_modules/stacklint/${CONFIG_SCHEMA_FILE}`;
  const schema = existsSync(join(cwd, local)) ? `./${local}` : configSchemaUrl(VERSION);
  return JSON.stringify({ $schema: schema, rules: {}, ignore: [] }, null, 2) + "\n";
}

// Compile-time: the public types are the engine's, exactly (typecheck fails when they drift).
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const sameDiagnostic: Same<Diagnostic, ResolvedDiagnostic> = true;
const sameReport: Same<LintReport, LintResult> = true;
void sameDiagnostic;
void sameReport;
