import type { ParseProblem, Range } from "../../source/source-file.js";

/**
 * How a program reads its ini-style file. The three readers differ in real,
 * failure-causing ways (see docs/ground-truth.md):
 * - uwsgi: only lines starting with `#` or `;` are comments; `# x` after a value is PART OF THE VALUE.
 * - mysql: `#` after a value starts a comment; keys without `=` are flags; `!include`/`!includedir`.
 * - supervisor: Python configparser with inline comment prefixes `;` and `#` (preceded by whitespace);
 *   indented lines continue the previous value.
 */
export type IniDialect = "uwsgi" | "mysql" | "supervisor";

export interface IniEntry extends Range {
  // Range: the whole logical entry (key to end of value, continuation lines included), no line terminator.
  key: string;
  keyRange: Range;
  /** The value as the program sees it (dialect rules applied; trimmed). "" when no value. */
  value: string;
  /** Range of `value` in the source (empty range right after the key when there is no value). */
  valueRange: Range;
  /** False for bare flags like `skip-name-resolve` (mysql) or a line without `=`. */
  hasEquals: boolean;
  /** `=` or `:` (supervisor accepts both). */
  separator: "=" | ":" | undefined;
  /**
   * A trailing `#`/`;` comment-looking part after the value.
   * For mysql/supervisor it was stripped from `value`; for uwsgi it is still INSIDE `value`
   * (this is how uWSGI behaves), and this field points at it so rules can warn.
   */
  inlineComment: { text: string; range: Range } | undefined;
  /** Section this entry belongs to (null: before any section header). */
  section: string | null;
}

export interface IniDirective extends Range {
  /** mysql `!include` / `!includedir`. */
  name: string;
  arg: string;
  argRange: Range;
}

export interface IniSection extends Range {
  name: string;
  nameRange: Range;
  /** Range of the `[name]` header line. */
  headerRange: Range;
  entries: IniEntry[];
}

export interface IniFile {
  dialect: IniDialect;
  /** Entries before the first section header. */
  preamble: IniEntry[];
  sections: IniSection[];
  directives: IniDirective[];
  comments: Range[];
  problems: ParseProblem[];
}
