import type { ParseProblem, Range } from "../../source/source-file.js";

/** One SQL statement of an init script, as the mysql client splits them (`;` outside quotes and comments). */
export interface SqlStatement extends Range {
  /** Statement text without comments, whitespace collapsed, for keyword matching. */
  normalized: string;
}

export interface SqlScript {
  statements: SqlStatement[];
  problems: ParseProblem[];
}
