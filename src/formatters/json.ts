import type { LintResult } from "../engine/diagnostic.js";

/** The documented, stable JSON contract (docs/design.md): version, diagnostics, summary. */
export function formatJson(result: LintResult): string {
  const diagnostics = result.diagnostics.map((d) => {
    const out: Record<string, unknown> = {
      ruleId: d.ruleId, severity: d.severity, message: d.message, file: d.file, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn,
    };
    if (d.related.length > 0) out["related"] = d.related;
    if (d.fix) out["fix"] = d.fix;
    return out;
  });
  const { files, errors, warnings, infos } = result.summary;
  return JSON.stringify({ version: result.version, diagnostics, summary: { files, errors, warnings, infos } }) + "\n";
}
