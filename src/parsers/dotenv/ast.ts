import type { ParseProblem, Range } from "../../source/source-file.js";

export interface EnvEntry extends Range {
  // Range: the whole line content (no line terminator), multi-line quoted values included.
  key: string;
  keyRange: Range;
  /** Value as docker compose reads it (quotes removed, inline comment removed for unquoted values). */
  value: string;
  /** Range of the value as written (quotes included when quoted). Empty range when no value. */
  valueRange: Range;
  quote: "'" | '"' | null;
  /** `export KEY=...` */
  exported: boolean;
  /** `KEY` alone on a line: compose takes the value from the shell environment. */
  hasValue: boolean;
}

export interface EnvFile {
  entries: EnvEntry[];
  comments: Range[];
  problems: ParseProblem[];
}
