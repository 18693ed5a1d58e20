import type { LintResult, ResolvedDiagnostic } from "../engine/diagnostic.js";
import { t, type Lang } from "../i18n/index.js";

const LABEL = { error: "Error", warning: "Warning", info: "Info" } as const;

/**
 * ESLint's compact format, one line per finding, which VS Code's built-in
 * `$eslint-compact` problem matcher reads:
 * `path: line L, col C, Error - message [end L2:C2] (rule-id)`.
 * Related locations are folded into the message so one finding stays one line.
 * `[end L2:C2]` (where the range ends, column exclusive) sits at the end of the
 * message, where $eslint-compact still matches, for the shipped `stacklint`
 * matcher (vscode/problem-matcher.json) that also reads endLine/endColumn.
 */
export function formatCompact(result: LintResult, lang: Lang = "en"): string {
  const lines = result.diagnostics.map((d) => `${d.file}: line ${d.line}, col ${d.column}, ${LABEL[d.severity]} - ${oneLine(messageWithRelated(d, lang))} [end ${d.endLine}:${d.endColumn}] (${d.ruleId})`);
  const total = result.diagnostics.length;
  if (total > 0) lines.push("", t("compact.problems", lang, { total }));
  return lines.length > 0 ? lines.join("\n") + "\n" : "";
}

export function messageWithRelated(d: ResolvedDiagnostic, lang: Lang = "en"): string {
  if (d.related.length === 0) return d.message;
  const where = d.related.map((r) => `${r.file}:${r.line}:${r.column}`).join(", ");
  return t("summary.see", lang, { message: d.message, where });
}

export function oneLine(text: string): string {
  return text.replace(/\r?\n|\r/g, " ");
}
