import { createHash } from "node:crypto";
import { pathToFileURL } from "node:url";
import type { LintResult, Location, ResolvedDiagnostic } from "../engine/diagnostic.js";
import type { RuleMeta, Severity } from "../engine/rule.js";
import { BUILTIN_RULES } from "./builtin-rules.js";
import { REPOSITORY_URL, ruleHelpUri } from "./links.js";

/**
 * SARIF 2.1.0 (OASIS), the format GitHub code scanning and SARIF viewers read.
 * One run; tool.driver.rules describes every rule (so a viewer can show the
 * rule's README for any result); results point at their rule by id and index.
 * Paths are relative to `%SRCROOT%` (the directory stacklint ran in), columns
 * are UTF-16 code units like everywhere in stacklint (`run.columnKind`).
 */

export const SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json";
/** The key of stacklint's own fingerprint in result.partialFingerprints; bump the version when the recipe changes. */
export const FINGERPRINT_KEY = "stacklintFingerprint/v1";

/** What the formatter may ask about the linted files (the CLI answers from the lint run; tests may leave it out). */
export interface SarifSource {
  /** The text of a 1-based line of a file (path as in the diagnostics), secrets already redacted. */
  lineText(file: string, line: number): string | undefined;
  /** 1-based line/column (UTF-16) of an offset into a file's decoded text, for fix regions. */
  positionAt(file: string, offset: number): { line: number; column: number } | undefined;
}

export interface SarifOptions {
  /** Metadata of the rules that ran (RULES' meta); built-in diagnostics are added. */
  rules: readonly Pick<RuleMeta, "id" | "description" | "severity" | "category" | "fixable">[];
  /** Absolute directory the relative paths start from: becomes originalUriBaseIds["%SRCROOT%"]. */
  cwd?: string;
  source?: SarifSource;
}

type SarifLevel = "error" | "warning" | "note";

interface SarifMessage {
  text: string;
}

interface SarifRegion {
  startLine?: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
  charOffset?: number;
  charLength?: number;
}

interface SarifPhysicalLocation {
  artifactLocation: { uri: string; uriBaseId: string };
  region?: SarifRegion;
}

interface SarifLocation {
  id?: number;
  physicalLocation: SarifPhysicalLocation;
  message?: SarifMessage;
}

export interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  helpUri: string;
  help: SarifMessage & { markdown: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[] };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  partialFingerprints: Record<string, string>;
  fixes?: {
    description: SarifMessage;
    artifactChanges: { artifactLocation: { uri: string; uriBaseId: string }; replacements: { deletedRegion: SarifRegion; insertedContent: { text: string } }[] }[];
  }[];
}

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: {
    tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: SarifReportingDescriptor[] } };
    originalUriBaseIds?: Record<string, { uri: string; description: SarifMessage }>;
    columnKind: "utf16CodeUnits";
    results: SarifResult[];
  }[];
}

const LEVEL: Record<Severity, SarifLevel> = { error: "error", warning: "warning", info: "note" };
const SRCROOT = "%SRCROOT%";

export function formatSarif(result: LintResult, options: SarifOptions): string {
  return JSON.stringify(buildSarif(result, options), null, 2) + "\n";
}

export function buildSarif(result: LintResult, options: SarifOptions): SarifLog {
  const rules = describeRules(options.rules);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const occurrences = new Map<string, number>();
  const results: SarifResult[] = result.diagnostics.map((d) => {
    let ruleIndex = index.get(d.ruleId);
    if (ruleIndex === undefined) {
      // A diagnostic from a rule the caller did not list: describe it anyway, results must point at a rule.
      ruleIndex = rules.push(describeRule({ id: d.ruleId, description: d.ruleId, severity: d.severity, tags: [] })) - 1;
      index.set(d.ruleId, ruleIndex);
    }
    const out: SarifResult = {
      ruleId: d.ruleId,
      ruleIndex,
      level: LEVEL[d.severity],
      message: { text: messageText(d) },
      locations: [{ physicalLocation: physical(d) }],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(d, options.source, occurrences) },
    };
    if (d.related.length > 0) {
      out.relatedLocations = d.related.map((r, i) => ({ id: i + 1, physicalLocation: physical(r), message: { text: r.message } }));
    }
    if (d.fix && d.fix.edits.length > 0) out.fixes = [fixOf(d.fix, options.source)];
    return out;
  });
  const run: SarifLog["runs"][number] = {
    tool: { driver: { name: "stacklint", version: result.version, semanticVersion: result.version, informationUri: REPOSITORY_URL, rules } },
    columnKind: "utf16CodeUnits",
    results,
  };
  if (options.cwd !== undefined) {
    const base = pathToFileURL(options.cwd).href;
    run.originalUriBaseIds = { [SRCROOT]: { uri: base.endsWith("/") ? base : `${base}/`, description: { text: "The directory stacklint ran in; every path is relative to it." } } };
  }
  return { $schema: SARIF_SCHEMA_URI, version: "2.1.0", runs: [run] };
}

function describeRules(metas: SarifOptions["rules"]): SarifReportingDescriptor[] {
  const out = metas.map((m) => describeRule({ id: m.id, description: m.description, severity: m.severity, tags: [m.category], fixable: m.fixable }));
  const seen = new Set(out.map((r) => r.id));
  for (const b of BUILTIN_RULES) if (!seen.has(b.id)) out.push(describeRule({ ...b, tags: ["stacklint"] }));
  return out;
}

function describeRule(r: { id: string; description: string; severity: Severity; tags: string[]; fixable?: boolean }): SarifReportingDescriptor {
  const helpUri = ruleHelpUri(r.id);
  const short = plain(r.description);
  const full = `${short}${r.fixable ? " (safe fix: stacklint --fix)" : ""}`;
  return {
    id: r.id,
    name: pascal(r.id),
    shortDescription: { text: short },
    fullDescription: { text: full },
    helpUri,
    help: { text: `${full}\nSee ${helpUri}`, markdown: `${r.description}${r.fixable ? " (safe fix: `stacklint --fix`)" : ""}\n\n[${r.id} documentation](${helpUri})` },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags: r.tags },
  };
}

/** Rule descriptions use markdown code spans; plain-text fields drop the backticks. */
function plain(text: string): string {
  return text.replace(/`/g, "");
}

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_w, _d: string, c: string) => c.toUpperCase());
}

/**
 * The message, with the other ends of a cross-file finding as SARIF embedded
 * links (`[text](id)` → relatedLocations[id]): that is how GitHub shows them.
 * Brackets of the message itself are escaped so they do not read as links.
 */
function messageText(d: ResolvedDiagnostic): string {
  const text = escapeLinkText(d.message);
  if (d.related.length === 0) return text;
  const links = d.related.map((r, i) => `[${escapeLinkText(`${r.file}:${r.line}:${r.column}`)}](${i + 1})`);
  return `${text} (see ${links.join(", ")})`;
}

/** SARIF §3.11.6: literal brackets are escaped with a backslash, and so is a backslash right before one. */
function escapeLinkText(text: string): string {
  return text.replace(/\\(?=[[\]])/g, "\\\\").replace(/[[\]]/g, (c) => `\\${c}`);
}

function uriOf(file: string): string {
  return file.split("/").map((part) => (part === ".." || part === "." ? part : encodeURIComponent(part))).join("/");
}

function physical(loc: Location): SarifPhysicalLocation {
  return {
    artifactLocation: { uri: uriOf(loc.file), uriBaseId: SRCROOT },
    region: { startLine: loc.line, startColumn: loc.column, endLine: loc.endLine, endColumn: loc.endColumn },
  };
}

/**
 * Stable across commits that move the finding: rule + file + the flagged
 * line's trimmed text (or, without the source, the message with positions
 * removed), plus an occurrence counter for identical keys in one file (the
 * recipe GitHub's own primaryLocationLineHash follows).
 */
function fingerprint(d: ResolvedDiagnostic, source: SarifSource | undefined, occurrences: Map<string, number>): string {
  const line = source?.lineText(d.file, d.line);
  const basis = line !== undefined ? `line\0${line.trim()}` : `message\0${d.message.replace(/:\d+:\d+\b/g, "").replace(/\bline \d+\b/g, "line")}`;
  const hash = createHash("sha256").update(`${d.ruleId}\0${d.file}\0${basis}`).digest("hex").slice(0, 32);
  const n = (occurrences.get(hash) ?? 0) + 1;
  occurrences.set(hash, n);
  return `${hash}:${n}`;
}

function fixOf(fix: NonNullable<ResolvedDiagnostic["fix"]>, source: SarifSource | undefined): NonNullable<SarifResult["fixes"]>[number] {
  const byFile = new Map<string, typeof fix.edits>();
  for (const e of fix.edits) {
    const list = byFile.get(e.file) ?? [];
    list.push(e);
    byFile.set(e.file, list);
  }
  return {
    description: { text: fix.safe ? "Safe fix (applied by stacklint --fix)" : "Suggested fix (not applied by --fix: review it)" },
    artifactChanges: [...byFile].map(([file, edits]) => ({
      artifactLocation: { uri: uriOf(file), uriBaseId: SRCROOT },
      replacements: edits.map((e) => {
        const a = source?.positionAt(file, e.start);
        const b = source?.positionAt(file, e.end);
        const deletedRegion: SarifRegion = a && b ? { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column } : { charOffset: e.start, charLength: e.end - e.start };
        return { deletedRegion, insertedContent: { text: e.text } };
      }),
    })),
  };
}
