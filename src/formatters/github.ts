import type { LintResult, ResolvedDiagnostic } from "../engine/diagnostic.js";
import type { Severity } from "../engine/rule.js";
import { t, type Lang } from "../i18n/index.js";

/**
 * GitHub Actions workflow commands, one line per finding, which the runner
 * turns into annotations on the pull request's changed lines:
 * `::error file=F,line=L,endLine=L2,col=C,endColumn=C2,title=rule-id::message`.
 * Escaping follows @actions/core: data `%`, CR, LF; properties also `:` and `,`.
 * GitHub shows at most 10 annotations of each level per step, so the totals
 * line (and the job summary, `formatGithubSummary`) carry the full count.
 */

const COMMAND: Record<Severity, "error" | "warning" | "notice"> = { error: "error", warning: "warning", info: "notice" };
/** Annotations GitHub shows per level and step; more are dropped silently. */
export const GITHUB_ANNOTATION_LIMIT = 10;

export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function formatGithub(result: LintResult, lang: Lang = "en"): string {
  const lines = result.diagnostics.map((d) => annotation(d, lang));
  if (lines.length === 0) return "";
  lines.push(totalsLine(result, lang));
  return lines.join("\n") + "\n";
}

function annotation(d: ResolvedDiagnostic, lang: Lang): string {
  const props = [
    ["file", d.file],
    ["line", String(d.line)],
    ["endLine", String(d.endLine)],
    ["col", String(d.column)],
    ["endColumn", String(d.endColumn)],
    ["title", d.ruleId],
  ].map(([k, v]) => `${k}=${escapeProperty(v!)}`);
  // The other ends of a cross-file finding go on their own lines of the annotation.
  const message = [d.message, ...d.related.map((r) => t("github.see", lang, { where: `${r.file}:${r.line}:${r.column}`, message: r.message }))].join("\n");
  return `::${COMMAND[d.severity]} ${props.join(",")}::${escapeData(message)}`;
}

function totalsLine(result: LintResult, lang: Lang): string {
  const count = counts(result);
  let line = t("github.totals", lang, { total: result.diagnostics.length, errors: count.error, warnings: count.warning, infos: count.info });
  if (overLimit(count)) line += t("github.overLimit", lang, { limit: GITHUB_ANNOTATION_LIMIT });
  return line;
}

/** Counted from the diagnostics shown (after --quiet), not the run's summary. */
function counts(result: LintResult): Record<Severity, number> {
  const count: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of result.diagnostics) count[d.severity]++;
  return count;
}

function overLimit(count: Record<Severity, number>): boolean {
  return Object.values(count).some((n) => n > GITHUB_ANNOTATION_LIMIT);
}

const ICON: Record<Severity, string> = { error: "❌ error", warning: "⚠️ warning", info: "ℹ️ notice" };

/**
 * Markdown for $GITHUB_STEP_SUMMARY: totals per severity and a table of the
 * findings (the first `limit`, then an "N more" line).
 */
export function formatGithubSummary(result: LintResult, options: { limit?: number; lang?: Lang } = {}): string {
  const limit = options.limit ?? 50;
  const lang = options.lang ?? "en";
  const files = result.summary.files;
  const count = counts(result);
  const total = result.diagnostics.length;
  const out = ["## stacklint", ""];
  if (total === 0) {
    out.push(t("github.summary.none", lang, { files }), "");
    return out.join("\n") + "\n";
  }
  out.push(t("github.summary.total", lang, { total, files }), "");
  out.push(t("github.summary.header", lang), "|---|---:|", `| ${ICON.error} | ${count.error} |`, `| ${ICON.warning} | ${count.warning} |`, `| ${ICON.info} | ${count.info} |`, "");
  if (overLimit(count)) out.push(t("github.summary.overLimit", lang, { limit: GITHUB_ANNOTATION_LIMIT }), "");
  out.push(t("github.summary.tableHeader", lang), "|---|---|---|---|");
  for (const d of result.diagnostics.slice(0, limit)) {
    out.push(`| ${ICON[d.severity]} | ${cell(`${d.file}:${d.line}:${d.column}`, true)} | ${cell(d.ruleId, true)} | ${cell(d.message, false)} |`);
  }
  if (total > limit) out.push("", t("github.summary.more", lang, { count: total - limit }));
  return out.join("\n") + "\n";
}

/** A markdown table cell on one line with `|` escaped; paths and ids in code spans, messages without raw HTML. */
function cell(text: string, code: boolean): string {
  const flat = text.replace(/\r?\n|\r/g, " ");
  if (code) return `\`${flat.replace(/`/g, "'").replace(/\|/g, "\\|")}\``;
  return flat.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|");
}
