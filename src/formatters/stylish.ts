import { resolve } from "node:path";
import { Chalk, type ChalkInstance } from "chalk";
import type { LintResult } from "../engine/diagnostic.js";
import { messageWithRelated, oneLine } from "./compact.js";

/**
 * ESLint's stylish layout: a file header line, then one indented line per
 * finding (`  line:col  severity  message  rule-id`), which VS Code's
 * `$eslint-stylish` matcher reads. Like ESLint, the header is the absolute
 * path: that matcher only takes lines starting with `/`, `.` or a drive
 * letter, and resolves them as absolute. Colour only when asked for.
 */
export function formatStylish(result: LintResult, options: { color: boolean; cwd: string }): string {
  const c: ChalkInstance = new Chalk({ level: options.color ? 1 : 0 });
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
    const msgs = list.map((d) => oneLine(messageWithRelated(d)));
    const msgWidth = Math.min(100, Math.max(...msgs.map((m) => m.length)));
    list.forEach((d, i) => {
      const sev = d.severity === "error" ? c.red(d.severity.padEnd(sevWidth)) : d.severity === "warning" ? c.yellow(d.severity.padEnd(sevWidth)) : c.blue(d.severity.padEnd(sevWidth));
      out.push(`  ${c.dim(pos[i]!.padEnd(posWidth))}  ${sev}  ${msgs[i]!.padEnd(msgWidth)}  ${c.dim(d.ruleId)}`);
    });
  }
  const { errors, warnings, infos, fixable } = result.summary;
  const total = errors + warnings + infos;
  if (total > 0) {
    const text = `✖ ${total} problem${total === 1 ? "" : "s"} (${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}, ${infos} info)`;
    out.push("", errors > 0 ? c.red.bold(text) : c.yellow.bold(text));
    if (fixable > 0) out.push(c.dim(`  ${fixable} fixable with --fix`));
  }
  return out.length > 0 ? out.join("\n") + "\n" : "";
}
