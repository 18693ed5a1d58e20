import type { Severity } from "../engine/rule.js";

/**
 * Diagnostics the engine itself reports (no folder under rules/). SARIF and the
 * config schema describe them next to the real rules; their ids are
 * BUILTIN_IDS in src/engine/lint.ts (a test keeps the two lists equal).
 */
export const BUILTIN_RULES: readonly { id: string; description: string; severity: Severity }[] = [
  { id: "parse-error", description: "A file that cannot be read or parsed (exact line and column); the other files are still linted", severity: "error" },
  { id: "unused-suppression", description: "A stacklint-disable directive that suppresses nothing", severity: "info" },
  { id: "internal-error", description: "A rule crashed: a bug in stacklint, please report it", severity: "error" },
];
