import type { LintSummary, ResolvedDiagnostic } from "./diagnostic.js";

/** Totals per severity (and safe fixes) of a list of findings. */
export function summarize(diagnostics: readonly ResolvedDiagnostic[], files: number): LintSummary {
  const summary: LintSummary = { files, errors: 0, warnings: 0, infos: 0, fixable: 0 };
  for (const d of diagnostics) {
    if (d.severity === "error") summary.errors++;
    else if (d.severity === "warning") summary.warnings++;
    else summary.infos++;
    if (d.fix?.safe) summary.fixable++;
  }
  return summary;
}
