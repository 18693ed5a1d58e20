import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import type { ResolvedDiagnostic } from "./diagnostic.js";
import { ConfigError } from "./config.js";

/**
 * A baseline records the findings a project accepts today, so CI fails only
 * on new ones. Entries are keyed by rule, file and message (not by line, so
 * edits above a finding do not resurrect it) with a count per key.
 */
export interface Baseline {
  version: 1;
  findings: Record<string, { ruleId: string; file: string; count: number }>;
}

export function baselineKey(d: Pick<ResolvedDiagnostic, "ruleId" | "file" | "message">): string {
  return createHash("sha256").update(`${d.ruleId}\0${d.file}\0${d.message.replace(/\d+:\d+/g, "")}`).digest("hex").slice(0, 24);
}

export function makeBaseline(diagnostics: readonly ResolvedDiagnostic[]): Baseline {
  const findings: Baseline["findings"] = {};
  for (const d of diagnostics) {
    const key = baselineKey(d);
    const entry = findings[key];
    if (entry) entry.count++;
    else findings[key] = { ruleId: d.ruleId, file: d.file, count: 1 };
  }
  return { version: 1, findings };
}

export function writeBaseline(path: string, diagnostics: readonly ResolvedDiagnostic[]): void {
  writeFileSync(path, JSON.stringify(makeBaseline(diagnostics), null, 2) + "\n");
}

export function readBaseline(path: string): Baseline {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError(`cannot read baseline ${path}: ${(error as Error).message}`);
  }
  const b = raw as Partial<Baseline>;
  if (!b || b.version !== 1 || typeof b.findings !== "object" || b.findings === null) throw new ConfigError(`${path} is not a stacklint baseline (version 1)`);
  return b as Baseline;
}

/** Drop findings the baseline accepts (up to its count per key); the rest are new. */
export function applyBaseline(diagnostics: readonly ResolvedDiagnostic[], baseline: Baseline): ResolvedDiagnostic[] {
  const left = new Map(Object.entries(baseline.findings).map(([k, v]) => [k, v.count]));
  return diagnostics.filter((d) => {
    const key = baselineKey(d);
    const n = left.get(key) ?? 0;
    if (n > 0) {
      left.set(key, n - 1);
      return false;
    }
    return true;
  });
}
