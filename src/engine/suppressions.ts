import type { SourceFile } from "../source/source-file.js";
import { lineRange, positionAt } from "../source/source-file.js";

/** `# stacklint-disable-next-line rule-a, rule-b -- reason` and friends, found in a file's comments. */
export interface Suppression {
  kind: "next-line" | "line" | "file";
  /** Empty: all rules. */
  rules: string[];
  reason: string | undefined;
  /** The line the suppression applies to (1-based; 0 for file). */
  line: number;
  /** Where the directive is written, for the unused-suppression report. */
  start: number;
  end: number;
  used: boolean;
}

const DIRECTIVE = /(?:#|;|\/\/)\s*stacklint-disable(-next-line|-line|-file)?(?:\s+([^\r\n]*?))?\s*$/;

/**
 * Directives live in comments of the file's own syntax; every kind
 * stacklint reads uses `#` (ini files also `;`), so one line scan finds them
 * without re-parsing the file.
 */
export function findSuppressions(file: SourceFile): Suppression[] {
  const text = file.text;
  if (!text.includes("stacklint-disable")) return [];
  const out: Suppression[] = [];
  for (let line = 1; line <= file.lineStarts.length; line++) {
    const range = lineRange(file, line);
    const content = text.slice(range.start, range.end);
    const at = content.indexOf("stacklint-disable");
    if (at < 0) continue;
    const m = DIRECTIVE.exec(content);
    if (!m) continue;
    const kindToken = m[1] ?? "-line";
    const kind = kindToken === "-next-line" ? "next-line" : kindToken === "-file" ? "file" : "line";
    const body = m[2] ?? "";
    const [rulesPart, ...reasonParts] = body.split(/\s--\s|^--\s?/);
    const rules = (rulesPart ?? "").split(/[\s,]+/).map((r) => r.trim()).filter(Boolean);
    const reason = reasonParts.join(" -- ").trim() || undefined;
    const start = range.start + (m.index ?? 0);
    out.push({
      kind,
      rules,
      reason,
      line: kind === "next-line" ? line + 1 : kind === "file" ? 0 : line,
      start,
      end: range.end,
      used: false,
    });
  }
  return out;
}

/** Does a suppression cover a finding of `ruleId` at `offset`? Marks it used. */
export function isSuppressed(file: SourceFile, suppressions: Suppression[], ruleId: string, offset: number): boolean {
  if (suppressions.length === 0) return false;
  const line = positionAt(file, offset).line;
  for (const s of suppressions) {
    if (s.rules.length > 0 && !s.rules.includes(ruleId)) continue;
    if (s.kind === "file" || s.line === line) {
      s.used = true;
      return true;
    }
  }
  return false;
}
