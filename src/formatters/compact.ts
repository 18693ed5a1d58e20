import type { LintResult, ResolvedDiagnostic } from "../engine/diagnostic.js";

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
export function formatCompact(result: LintResult): string {
  const lines = result.diagnostics.map((d) => `${d.file}: line ${d.line}, col ${d.column}, ${LABEL[d.severity]} - ${oneLine(messageWithRelated(d))} [end ${d.endLine}:${d.endColumn}] (${d.ruleId})`);
  const total = result.diagnostics.length;
  if (total > 0) lines.push("", `${total} problem${total === 1 ? "" : "s"}`);
  return lines.length > 0 ? lines.join("\n") + "\n" : "";
}

export function messageWithRelated(d: ResolvedDiagnostic): string {
  if (d.related.length === 0) return d.message;
  const where = d.related.map((r) => `${r.file}:${r.line}:${r.column}`).join(", ");
  return `${d.message} [see ${where}]`;
}

export function oneLine(text: string): string {
  return text.replace(/\r?\n|\r/g, " ");
}
