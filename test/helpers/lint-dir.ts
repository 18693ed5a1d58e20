import { lint, type LintRun } from "../../src/engine/lint.js";
import { RULES } from "../../rules/index.js";

/** Lint a directory the way `stacklint .` run inside it would, without any config file. */
export function lintDir(dir: string, paths: string[] = ["."]): LintRun {
  return lint({ paths, cwd: dir, rules: RULES, configPath: false });
}

/** `file:line:col ruleId` lines, as fixtures' expected.txt lists them. */
export function findingLines(run: LintRun, ruleId?: string): string[] {
  return run.result.diagnostics
    .filter((d) => ruleId === undefined || d.ruleId === ruleId)
    .map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)
    .sort();
}
