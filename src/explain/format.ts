/**
 * Output formats of `stacklint explain`, each a pure function of the report:
 * stylish (default), json (the documented contract), github workflow
 * commands and ESLint-compact lines (one per config location).
 */
import { ansi, type Ansi } from "../formatters/ansi.js";
import type { ExplainedFinding, ExplainReport } from "./explain.js";
import { displayWidth } from "../formatters/stylish.js";
import { t, type Lang } from "../i18n/index.js";

export type ExplainFormat = "stylish" | "json" | "github" | "compact";
export const EXPLAIN_FORMATS: readonly ExplainFormat[] = ["stylish", "json", "github", "compact"];

export interface FormatOptions {
  color: boolean;
  /** How the log is named in compact/github lines for findings without a config location. */
  logName: string;
  verbose: boolean;
  /** Language of the format's own words (the findings are translated by explain). Default English. */
  lang?: Lang;
}

export function formatExplain(report: ExplainReport, format: ExplainFormat, options: FormatOptions): string {
  switch (format) {
    case "json": return formatJson(report, options);
    case "github": return formatGithub(report, options);
    case "compact": return formatCompact(report, options);
    default: return formatStylish(report, options);
  }
}

/** The message of the JSON contract: what happened, what to check, what the project says. */
export function fullMessage(f: ExplainedFinding, lang: Lang = "en"): string {
  const parts = [t("explain.format.full", lang, { message: f.message, check: f.check })];
  for (const n of f.notes) parts.push(n);
  return oneLine(parts.join(". "));
}

function oneLine(text: string): string {
  return text.replace(/\r?\n|\r/g, " ");
}

// ---------------------------------------------------------------- json

export function formatJson(report: ExplainReport, options: Pick<FormatOptions, "verbose" | "lang">): string {
  const out: Record<string, unknown> = {
    version: report.version,
    findings: report.findings.map((f) => ({
      signature: f.signature,
      severity: f.severity,
      message: fullMessage(f, options.lang),
      cause: f.cause,
      log: f.log.map((l) => ({ line: l.line, text: l.text })),
      count: f.count,
      config: f.config.map((c) => ({ file: c.file, line: c.line, column: c.column, message: c.message })),
    })),
  };
  if (options.verbose) out["unrecognised"] = report.unrecognised.map((u) => ({ line: u.line, text: u.text, count: u.count }));
  return JSON.stringify(out) + "\n";
}

// ---------------------------------------------------------------- compact

const LABEL = { error: "Error", warning: "Warning", info: "Info" } as const;

/**
 * ESLint's compact shape (VS Code's `$eslint-compact` reads it):
 * `path: line L, col C, Severity - message (signature)`, one line per config
 * location; a finding without one points at its first log line.
 */
export function formatCompact(report: ExplainReport, options: Pick<FormatOptions, "logName" | "lang">): string {
  const lang = options.lang ?? "en";
  const lines: string[] = [];
  for (const f of report.findings) {
    if (f.config.length === 0) {
      lines.push(`${options.logName}: line ${f.firstLine}, col 1, ${LABEL[f.severity]} - ${oneLine(fullMessage(f, lang))} (${f.signature})`);
      continue;
    }
    for (const c of f.config) lines.push(`${c.file}: line ${c.line}, col ${c.column}, ${LABEL[f.severity]} - ${oneLine(`${f.message}: ${c.message}`)} (${f.signature})`);
  }
  const total = report.findings.length;
  if (total > 0) lines.push("", t("explain.format.compactTotal", lang, { total }));
  return lines.length > 0 ? lines.join("\n") + "\n" : "";
}

// ---------------------------------------------------------------- github

/** Workflow command data: `%`, CR, LF escaped. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Workflow command property values: also `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

const LEVEL = { error: "error", warning: "warning", info: "notice" } as const;

/** `::error file=F,line=L,col=C,title=SIGNATURE::message`, one per config location. */
export function formatGithub(report: ExplainReport, options: Pick<FormatOptions, "logName" | "lang">): string {
  const lines: string[] = [];
  for (const f of report.findings) {
    const level = LEVEL[f.severity];
    if (f.config.length === 0) {
      const where = options.logName !== "<stdin>" ? `file=${escapeProperty(options.logName)},line=${f.firstLine},` : "";
      lines.push(`::${level} ${where}title=${escapeProperty(f.signature)}::${escapeData(fullMessage(f, options.lang))}`);
      continue;
    }
    for (const c of f.config) {
      lines.push(`::${level} file=${escapeProperty(c.file)},line=${c.line},col=${c.column},title=${escapeProperty(f.signature)}::${escapeData(`${f.message}: ${c.message}`)}`);
    }
  }
  return lines.length > 0 ? lines.join("\n") + "\n" : "";
}

// ---------------------------------------------------------------- stylish

/** A label padded to 7 terminal columns (CJK characters take two). */
function label(key: string, lang: Lang): string {
  const text = t(`explain.format.${key}`, lang);
  return text + " ".repeat(Math.max(1, 7 - displayWidth(text)));
}

export function formatStylish(report: ExplainReport, options: FormatOptions): string {
  const c: Ansi = ansi(options.color);
  const lang = options.lang ?? "en";
  const out: string[] = [];
  const sev = (f: ExplainedFinding): string => (f.severity === "error" ? c.red(f.severity) : f.severity === "warning" ? c.yellow(f.severity) : c.blue(f.severity));
  for (const f of report.findings) {
    out.push("", `${c.bold(f.signature)}  ${sev(f)}  ${oneLine(f.message)}`);
    const first = f.log[0];
    f.log.forEach((l, i) => out.push(`  ${i === 0 ? c.dim(label("log", lang)) : "       "}${c.dim(t("explain.format.line", lang, { line: l.line }))} ${oneLine(l.text)}`));
    if (f.count > 1 || f.services.length > 0) {
      const parts: string[] = [];
      if (f.count > 1) parts.push(t("explain.format.repeated", lang, { count: f.count, first: f.firstLine, last: f.lastLine }));
      if (f.services.length > 0) parts.push(t("explain.format.services", lang, { count: f.services.length, services: f.services.join(", ") }));
      out.push(`         ${c.dim(`(${parts.join("; ")})`)}`);
    } else if (!first) out.push("");
    out.push(`  ${c.dim(label("cause", lang))}${oneLine(f.cause)}`);
    out.push(`  ${c.dim(label("check", lang))}${oneLine(f.check)}`);
    if (f.config.length > 0) {
      const width = Math.max(...f.config.map((x) => `${x.file}:${x.line}:${x.column}`.length));
      f.config.forEach((x, i) => out.push(`  ${i === 0 ? c.dim(label("config", lang)) : "       "}${c.cyan(`${x.file}:${x.line}:${x.column}`.padEnd(width))}  ${oneLine(x.message)}`));
    }
    for (const n of f.notes) out.push(`  ${c.dim(label("note", lang))}${oneLine(n)}`);
  }
  const total = report.findings.length;
  const lines = report.lines;
  if (total > 0) {
    const errors = report.findings.filter((f) => f.severity === "error").length;
    const warnings = report.findings.filter((f) => f.severity === "warning").length;
    const text = t("explain.format.total", lang, { total, lines, errors, warnings });
    out.push("", errors > 0 ? c.redBold(text) : c.yellowBold(text));
    if (report.project === undefined) out.push(c.dim(t("explain.format.addProject", lang)));
  } else out.push(t("explain.format.none", lang, { lines }));
  if (options.verbose) {
    if (report.unrecognised.length > 0) {
      const more = report.unrecognisedOverflow;
      out.push("", c.bold(t(more > 0 ? "explain.format.unrecognisedMore" : "explain.format.unrecognised", lang, { count: report.unrecognised.length, more })));
      for (const u of report.unrecognised) out.push(`  ${c.dim(t(u.count > 1 ? "explain.format.unrecognisedLineCount" : "explain.format.unrecognisedLine", lang, { line: u.line, count: u.count }))} ${oneLine(u.text)}`);
      out.push(c.dim(t("explain.format.report", lang)));
    } else out.push("", t("explain.format.noUnrecognised", lang));
  }
  return out.join("\n").replace(/^\n/, "") + "\n";
}
