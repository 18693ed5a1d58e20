import { resolve } from "node:path";
import { ansi, type Ansi } from "./ansi.js";
import type { LintResult } from "../engine/diagnostic.js";
import { messageWithRelated, oneLine } from "./compact.js";
import { t, type Lang } from "../i18n/index.js";

/**
 * ESLint's stylish layout: a file header line, then one indented line per
 * finding (`  line:col  severity  message  rule-id`), which VS Code's
 * `$eslint-stylish` matcher reads. Like ESLint, the header is the absolute
 * path: that matcher only takes lines starting with `/`, `.` or a drive
 * letter, and resolves them as absolute. Colour only when asked for.
 */
export function formatStylish(result: LintResult, options: { color: boolean; cwd: string; lang?: Lang }): string {
  const lang = options.lang ?? "en";
  const c: Ansi = ansi(options.color);
  const byFile = new Map<string, LintResult["diagnostics"]>();
  for (const d of result.diagnostics) {
    const list = byFile.get(d.file) ?? [];
    list.push(d);
    byFile.set(d.file, list);
  }
  const out: string[] = [];
  for (const [file, list] of byFile) {
    out.push("", c.underline(resolve(options.cwd, file)));
    const pos = list.map((d) => `${d.line}:${d.column}`);
    const posWidth = Math.max(...pos.map((p) => p.length));
    const sevWidth = Math.max(...list.map((d) => d.severity.length));
    const msgs = list.map((d) => oneLine(messageWithRelated(d, lang)));
    const msgWidth = Math.min(100, Math.max(...msgs.map(displayWidth)));
    list.forEach((d, i) => {
      const sev = d.severity === "error" ? c.red(d.severity.padEnd(sevWidth)) : d.severity === "warning" ? c.yellow(d.severity.padEnd(sevWidth)) : c.blue(d.severity.padEnd(sevWidth));
      out.push(`  ${c.dim(pos[i]!.padEnd(posWidth))}  ${sev}  ${padDisplay(msgs[i]!, msgWidth)}  ${c.dim(d.ruleId)}`);
    });
  }
  const { errors, warnings, infos, fixable } = result.summary;
  const total = errors + warnings + infos;
  if (total > 0) {
    const text = t("summary.problems", lang, { total, errors, warnings, infos });
    out.push("", errors > 0 ? c.redBold(text) : c.yellowBold(text));
    if (fixable > 0) out.push(c.dim(t("summary.fixable", lang, { fixable })));
  }
  return out.length > 0 ? out.join("\n") + "\n" : "";
}

/** Terminal columns of a text: CJK and other wide characters take two (messages in Chinese stay aligned). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}

function padDisplay(text: string, width: number): string {
  const w = displayWidth(text);
  return w >= width ? text : text + " ".repeat(width - w);
}
