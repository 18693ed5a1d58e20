import { resolve } from "node:path";
import { discover } from "../discover/discover.js";
import { buildModel, type Model } from "../model/build-model.js";
import { Project } from "../project/project.js";
import { collectSecrets } from "../secrets/secrets.js";
import { indexedRedactor } from "./redact-index.js";
import { positionAt, type SourceFile } from "../source/source-file.js";
import { statSync } from "node:fs";
import { dirname } from "node:path";
import { findConfig, globToRegExp, loadConfig, type RuleLevel, type StacklintConfig } from "./config.js";
import type { Diagnostic, LintResult, Location, ResolvedDiagnostic } from "./diagnostic.js";
import type { MessageData, Rule, RuleContext, ReportDescriptor, Severity } from "./rule.js";
import { findSuppressions, isSuppressed, type Suppression } from "./suppressions.js";
import { VERSION } from "../version.js";
import { summarize } from "./summary.js";
import { fill, pickFixed, t, template, translateParserMessage, type Lang } from "../i18n/index.js";

export interface LintOptions {
  paths: string[];
  cwd: string;
  rules: readonly Rule[];
  /** Explicit config file; undefined: search upward from cwd. `false`: no config. */
  configPath?: string | false;
  ruleOverrides?: [string, RuleLevel][];
  /** Language of the messages (default English). */
  lang?: Lang;
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

/** Findings of one rule listed per file; the count of the rest is added to the last one listed. */
export const MAX_FINDINGS_PER_RULE_FILE = 1000;

/** Syntax problems listed per file; the rest are counted in one more diagnostic. */
export const MAX_PARSE_ERRORS_PER_FILE = 1000;

/** Built-in diagnostics that are not rules of their own. */
export const BUILTIN_IDS = ["parse-error", "unused-suppression", "internal-error"] as const;

const BUILTIN_SET: ReadonlySet<string> = new Set(BUILTIN_IDS);

export function lint(options: LintOptions): LintRun {
  const known = new Set([...options.rules.map((r) => r.meta.id), ...BUILTIN_IDS]);
  const lang: Lang = options.lang ?? "en";
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
  const redact = indexedRedactor(secrets);
  const secretNames = new Set(secrets.map((s) => s.name));
  const redactData: DataRedactor = (data) => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(data ?? {})) {
      out[k] = typeof v === "object" ? pickFixed(v, lang) : typeof v === "number" ? String(v) : secretNames.has(v) ? v : redact(v);
    }
    return out;
  };
  const diagnostics: Diagnostic[] = [];
  const internalErrors: string[] = [];
  for (const rule of options.rules) {
    const level = levels.get(rule.meta.id);
    if (level === "off") continue;
    // A hostile file (thousands of nested blocks) must not make a rule flood the output: past
    // MAX_FINDINGS_PER_RULE_FILE findings of one rule in one file, the rest are only counted.
    const perFile = new Map<string, { count: number; last: Diagnostic }>();
    const context: RuleContext = {
      project,
      model,
      report: (d) => {
        const path = d.at.file.path;
        const seen = perFile.get(path);
        if (seen && seen.count >= MAX_FINDINGS_PER_RULE_FILE) {
          seen.count++;
          return;
        }
        const diagnostic = toDiagnostic(rule, d, level, redactData, lang);
        diagnostics.push(diagnostic);
        if (seen) {
          seen.count++;
          seen.last = diagnostic;
        } else perFile.set(path, { count: 1, last: diagnostic });
      },
    };
    try {
      rule.check(context);
      for (const { count, last } of perFile.values()) {
        if (count > MAX_FINDINGS_PER_RULE_FILE) last.message += ` (${count - MAX_FINDINGS_PER_RULE_FILE} more findings of this rule in this file are not listed)`;
      }
    } catch (error) {
      const message = `rule ${rule.meta.id} failed: ${(error as Error).stack ?? String(error)}`;
      internalErrors.push(message);
      diagnostics.push({ ruleId: "internal-error", severity: "error", message: t("engine.internalError", lang, { rule: rule.meta.id, error: (error as Error).message }), file: undefined, path: project.root, start: 0, end: 0, related: [], fix: undefined });
    }
  }
  if (levels.get("parse-error") !== "off") {
    for (const file of project.files.values()) {
      const problems = file.ast.problems;
      for (const p of problems.length > MAX_PARSE_ERRORS_PER_FILE ? problems.slice(0, MAX_PARSE_ERRORS_PER_FILE) : problems) {
        const fix = p.fix ? { safe: true, edits: [{ file: file.source, ...p.fix }] } : undefined;
        diagnostics.push({ ruleId: "parse-error", severity: levelOr(levels.get("parse-error"), "error"), message: translateParserMessage(p.message, lang, file.kind), file: file.source, path: file.source.path, start: p.start, end: p.end, related: [], fix });
      }
      if (problems.length > MAX_PARSE_ERRORS_PER_FILE) {
        // a hostile file (a million unclosed braces) must not make a million diagnostics
        const next = problems[MAX_PARSE_ERRORS_PER_FILE]!;
        const message = `${problems.length - MAX_PARSE_ERRORS_PER_FILE} more syntax problems in this file are not listed (at most ${MAX_PARSE_ERRORS_PER_FILE} per file)`;
        diagnostics.push({ ruleId: "parse-error", severity: levelOr(levels.get("parse-error"), "error"), message, file: file.source, path: file.source.path, start: next.start, end: next.end, related: [], fix: undefined });
      }
    }
    for (const issue of project.issues) {
      diagnostics.push({ ruleId: "parse-error", severity: levelOr(levels.get("parse-error"), issue.severity), message: translateParserMessage(issue.message, lang), file: issue.source, path: issue.path, start: issue.offset, end: issue.offset, related: [], fix: undefined });
    }
    for (const p of discovery.problems) {
      diagnostics.push({ ruleId: "parse-error", severity: levelOr(levels.get("parse-error"), "warning"), message: translateParserMessage(p.message, lang), file: undefined, path: p.path, start: 0, end: 0, related: [], fix: undefined });
    }
  }

  const kept = applySuppressions(diagnostics, project, levels.get("unused-suppression") ?? "info", lang);
  const unique = dedupe(kept);
  const resolved = unique.map((d) => resolveDiagnostic(project, d, redact)).sort(compareResolved);
  const summary = summarize(resolved, project.files.size);
  return { result: { version: VERSION, diagnostics: resolved, summary }, diagnostics: unique, project, model, internalErrors, redact };
}

function levelOr(level: RuleLevel | undefined, fallback: Severity): Severity {
  return level === undefined || level === "off" ? fallback : level;
}

type DataRedactor = (data: MessageData | undefined) => Record<string, string>;

/** A rule's message template in `lang` (its English one when the catalogue has none). */
function messageTemplate(rule: Rule, messageId: string, lang: Lang): string | undefined {
  const english = rule.meta.messages[messageId];
  if (english === undefined || lang === "en") return english;
  return template(`${rule.meta.id}.${messageId}`, lang) ?? english;
}

function toDiagnostic(rule: Rule, d: ReportDescriptor, level: RuleLevel | undefined, redactData: DataRedactor, lang: Lang): Diagnostic {
  const message = messageTemplate(rule, d.messageId, lang);
  if (message === undefined) throw new Error(`rule ${rule.meta.id} reported undeclared messageId "${d.messageId}"`);
  if (d.fix && !rule.meta.fixable) throw new Error(`rule ${rule.meta.id} reported a fix but is not declared fixable`);
  const related = (d.related ?? []).map((r) => {
    const related = messageTemplate(rule, r.messageId, lang);
    if (related === undefined) throw new Error(`rule ${rule.meta.id} reported undeclared related messageId "${r.messageId}"`);
    return { file: r.at.file, start: r.at.start, end: r.at.end, message: fill(related, redactData(r.data)) };
  });
  return {
    ruleId: rule.meta.id,
    severity: level && level !== "off" ? level : d.severity ?? rule.meta.severity,
    message: fill(message, redactData(d.data)),
    file: d.at.file,
    path: d.at.file.path,
    start: d.at.start,
    end: d.at.end,
    related,
    fix: d.fix,
  };
}

function applySuppressions(diagnostics: Diagnostic[], project: Project, unusedLevel: RuleLevel, lang: Lang): Diagnostic[] {
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
          message: s.rules.length > 0 ? t("engine.unusedSuppressionRules", lang, { rules: s.rules.join(", ") }) : t("engine.unusedSuppression", lang),
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
