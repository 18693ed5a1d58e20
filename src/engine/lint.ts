import { resolve } from "node:path";
import { discover } from "../discover/discover.js";
import { buildModel, type Model } from "../model/build-model.js";
import { Project } from "../project/project.js";
import { collectSecrets, makeRedactor } from "../secrets/secrets.js";
import { positionAt, type SourceFile } from "../source/source-file.js";
import { statSync } from "node:fs";
import { dirname } from "node:path";
import { findConfig, globToRegExp, loadConfig, type RuleLevel, type StacklintConfig } from "./config.js";
import type { Diagnostic, LintResult, Location, ResolvedDiagnostic } from "./diagnostic.js";
import type { MessageData, Rule, RuleContext, ReportDescriptor, Severity } from "./rule.js";
import { findSuppressions, isSuppressed, type Suppression } from "./suppressions.js";
import { VERSION } from "../version.js";
import { summarize } from "./summary.js";

export interface LintOptions {
  paths: string[];
  cwd: string;
  rules: readonly Rule[];
  /** Explicit config file; undefined: search upward from cwd. `false`: no config. */
  configPath?: string | false;
  ruleOverrides?: [string, RuleLevel][];
}

export interface LintRun {
  result: LintResult;
  /** Raw diagnostics (SourceFile offsets), for --fix. */
  diagnostics: Diagnostic[];
  project: Project;
  model: Model;
  /** Rules that threw: a bug in stacklint, reported and turned into exit code 2 by the CLI. */
  internalErrors: string[];
  /** Replaces every secret value found in the project by `***` (for any text shown to the user). */
  redact: (text: string) => string;
}

/** Built-in diagnostics that are not rules of their own. */
export const BUILTIN_IDS = ["parse-error", "unused-suppression", "internal-error"] as const;

const BUILTIN_SET: ReadonlySet<string> = new Set(BUILTIN_IDS);

export function lint(options: LintOptions): LintRun {
  const known = new Set([...options.rules.map((r) => r.meta.id), ...BUILTIN_IDS]);
  const configPath = options.configPath === false ? undefined : options.configPath ? resolve(options.cwd, options.configPath) : findConfig(options.cwd);
  const config: StacklintConfig = loadConfig(configPath, known);
  const levels = new Map<string, RuleLevel>(Object.entries(config.rules));
  for (const [id, level] of options.ruleOverrides ?? []) levels.set(id, level);

  const firstPath = resolve(options.cwd, options.paths[0] ?? ".");
  let root = firstPath;
  try {
    if (!statSync(firstPath).isDirectory()) root = dirname(firstPath);
  } catch {
    root = options.cwd;
  }
  const project = new Project(root, options.cwd);
  const ignoreBase = config.path ? dirname(config.path) : options.cwd;
  const ignores = config.ignore.map(globToRegExp);
  const isIgnored = (rel: string): boolean => {
    if (ignores.length === 0) return false;
    const fromConfig = project.display(resolve(root, rel));
    const relToConfig = resolve(root, rel).slice(ignoreBase.length + 1);
    return ignores.some((re) => re.test(rel) || re.test(fromConfig) || re.test(relToConfig));
  };
  const discovery = discover(project, options.paths.length > 0 ? options.paths : ["."], isIgnored);
  const model = buildModel(project, discovery);

  // Secrets are known before rules run, so the data rules put into messages is redacted as it is filled in.
  const secrets = collectSecrets(project);
  const redact = makeRedactor(secrets);
  const secretNames = new Set(secrets.map((s) => s.name));
  const redactData: DataRedactor = (data) => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(data ?? {})) {
      out[k] = typeof v === "object" ? v.fixed : typeof v === "number" ? String(v) : secretNames.has(v) ? v : redact(v);
    }
    return out;
  };
  const diagnostics: Diagnostic[] = [];
  const internalErrors: string[] = [];
  for (const rule of options.rules) {
    const level = levels.get(rule.meta.id);
    if (level === "off") continue;
    const context: RuleContext = {
      project,
      model,
      report: (d) => diagnostics.push(toDiagnostic(rule, d, level, redactData)),
    };
    try {
      rule.check(context);
    } catch (error) {
      const message = `rule ${rule.meta.id} failed: ${(error as Error).stack ?? String(error)}`;
      internalErrors.push(message);
      diagnostics.push({ ruleId: "internal-error", severity: "error", message: `rule ${rule.meta.id} crashed; please report this (${(error as Error).message})`, file: undefined, path: project.root, start: 0, end: 0, related: [], fix: undefined });
    }
  }
  if (levels.get("parse-error") !== "off") {
    for (const file of project.files.values()) {
      for (const p of file.ast.problems) {
        const fix = p.fix ? { safe: true, edits: [{ file: file.source, ...p.fix }] } : undefined;
        diagnostics.push({ ruleId: "parse-error", severity: levelOr(levels.get("parse-error"), "error"), message: p.message, file: file.source, path: file.source.path, start: p.start, end: p.end, related: [], fix });
      }
    }
    for (const issue of project.issues) {
      diagnostics.push({ ruleId: "parse-error", severity: levelOr(levels.get("parse-error"), issue.severity), message: issue.message, file: issue.source, path: issue.path, start: issue.offset, end: issue.offset, related: [], fix: undefined });
    }
    for (const p of discovery.problems) {
      diagnostics.push({ ruleId: "parse-error", severity: levelOr(levels.get("parse-error"), "warning"), message: p.message, file: undefined, path: p.path, start: 0, end: 0, related: [], fix: undefined });
    }
  }

  const kept = applySuppressions(diagnostics, project, levels.get("unused-suppression") ?? "info");
  const unique = dedupe(kept);
  const resolved = unique.map((d) => resolveDiagnostic(project, d, redact)).sort(compareResolved);
  const summary = summarize(resolved, project.files.size);
  return { result: { version: VERSION, diagnostics: resolved, summary }, diagnostics: unique, project, model, internalErrors, redact };
}

function levelOr(level: RuleLevel | undefined, fallback: Severity): Severity {
  return level === undefined || level === "off" ? fallback : level;
}

function fill(template: string, data: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? data[key]! : whole));
}

type DataRedactor = (data: MessageData | undefined) => Record<string, string>;

function toDiagnostic(rule: Rule, d: ReportDescriptor, level: RuleLevel | undefined, redactData: DataRedactor): Diagnostic {
  const template = rule.meta.messages[d.messageId];
  if (template === undefined) throw new Error(`rule ${rule.meta.id} reported undeclared messageId "${d.messageId}"`);
  if (d.fix && !rule.meta.fixable) throw new Error(`rule ${rule.meta.id} reported a fix but is not declared fixable`);
  const related = (d.related ?? []).map((r) => {
    const t = rule.meta.messages[r.messageId];
    if (t === undefined) throw new Error(`rule ${rule.meta.id} reported undeclared related messageId "${r.messageId}"`);
    return { file: r.at.file, start: r.at.start, end: r.at.end, message: fill(t, redactData(r.data)) };
  });
  return {
    ruleId: rule.meta.id,
    severity: level && level !== "off" ? level : d.severity ?? rule.meta.severity,
    message: fill(template, redactData(d.data)),
    file: d.at.file,
    path: d.at.file.path,
    start: d.at.start,
    end: d.at.end,
    related,
    fix: d.fix,
  };
}

function applySuppressions(diagnostics: Diagnostic[], project: Project, unusedLevel: RuleLevel): Diagnostic[] {
  const byFile = new Map<SourceFile, Suppression[]>();
  const suppressionsOf = (file: SourceFile): Suppression[] => {
    let list = byFile.get(file);
    if (!list) {
      list = findSuppressions(file);
      byFile.set(file, list);
    }
    return list;
  };
  const kept = diagnostics.filter((d) => !(d.file && d.ruleId !== "internal-error" && isSuppressed(d.file, suppressionsOf(d.file), d.ruleId, d.start)));
  if (unusedLevel !== "off") {
    for (const file of project.files.values()) {
      for (const s of suppressionsOf(file.source)) {
        if (s.used) continue;
        kept.push({
          ruleId: "unused-suppression", severity: unusedLevel, file: file.source, path: file.source.path, start: s.start, end: s.end, related: [], fix: undefined,
          message: s.rules.length > 0 ? `unused stacklint-disable directive (no ${s.rules.join(", ")} finding here)` : "unused stacklint-disable directive (no finding here)",
        });
      }
    }
  }
  return kept;
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const key = `${d.ruleId}\0${d.path}\0${d.start}\0${d.end}\0${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

function locate(project: Project, file: SourceFile | undefined, path: string, start: number, end: number): Location {
  if (!file) return { file: project.display(path), line: 1, column: 1, endLine: 1, endColumn: 1 };
  const a = positionAt(file, start);
  const b = positionAt(file, Math.max(start, end));
  return { file: project.display(file.path), line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

function resolveDiagnostic(project: Project, d: Diagnostic, redact: (text: string) => string): ResolvedDiagnostic {
  return {
    ruleId: d.ruleId,
    severity: d.severity,
    // Parser messages can quote the file; rule messages were filled with redacted data already
    // (redacting a whole template would also hit words like "password" in it).
    message: BUILTIN_SET.has(d.ruleId) ? redact(d.message) : d.message,
    ...locate(project, d.file, d.path, d.start, d.end),
    related: d.related.map((r) => ({ ...locate(project, r.file, r.file.path, r.start, r.end), message: redact(r.message) })),
    fix: d.fix ? { safe: d.fix.safe, edits: d.fix.edits.map((e) => ({ file: project.display(e.file.path), start: e.start, end: e.end, text: redact(e.text) })) } : undefined,
  };
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function compareResolved(a: ResolvedDiagnostic, b: ResolvedDiagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.severity !== b.severity) return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}
