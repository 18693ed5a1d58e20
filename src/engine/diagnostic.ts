import type { SourceFile } from "../source/source-file.js";
import type { Severity, TextEdit } from "./rule.js";

/** A finding as rules report it: offsets into a SourceFile. */
export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  file: SourceFile | undefined;
  /** For diagnostics about a path without a readable source (unreadable file, missing path). */
  path: string;
  start: number;
  end: number;
  related: { file: SourceFile; start: number; end: number; message: string }[];
  fix: { safe: boolean; edits: TextEdit[] } | undefined;
}

/** A location as every output format shows it: path relative to cwd, 1-based line/column (UTF-16). */
export interface Location {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** What formatters receive: positions computed once, secrets already redacted. */
export interface ResolvedDiagnostic extends Location {
  ruleId: string;
  severity: Severity;
  message: string;
  related: (Location & { message: string })[];
  fix: { safe: boolean; edits: { file: string; start: number; end: number; text: string }[] } | undefined;
}

export interface LintSummary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  fixable: number;
}

export interface LintResult {
  version: string;
  diagnostics: ResolvedDiagnostic[];
  summary: LintSummary;
}
