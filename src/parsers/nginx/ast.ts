import type { ParseProblem, Range } from "../../source/source-file.js";

/** One argument of a directive, as nginx's tokenizer sees it. */
export interface NginxArg extends Range {
  /**
   * Value with quotes removed and `\"`, `\'`, `\\` escapes resolved (as nginx does; nginx
   * also turns `\t` `\r` `\n` into control characters and keeps any other backslash).
   */
  value: string;
  /** Raw source text of the token, quotes included. */
  raw: string;
  quote: "'" | '"' | null;
}

export interface NginxDirective extends Range {
  // Range: from the first character of the name to the `;` or the closing `}` of its block (inclusive).
  name: string;
  nameRange: Range;
  args: NginxArg[];
  /**
   * The block directive this one is written in (undefined at file level). For the entries of a
   * data block (`map`, `types`...) it is that block.
   */
  parent: NginxDirective | undefined;
  /** Present for block directives (`server { ... }`): children in order. */
  block: NginxDirective[] | undefined;
  /**
   * Offsets of `{` and `}` (end exclusive) when this is a block directive. For a block never
   * closed before end of file, `end` is the end of the last thing inside it.
   */
  blockRange: Range | undefined;
  /** Offset of the terminating `;` (undefined for blocks or when it is missing). */
  semicolon: number | undefined;
  /**
   * Names of enclosing block directives, outermost first, e.g. ["http", "server", "location"].
   * One array is shared by all children of a block: do not mutate it. Deeper than 256 levels of
   * nesting it stops growing (the parser reports that).
   */
  context: string[];
  /**
   * Trailing `# comment` on the same line, if any: after the `;`, after the `{` of a block,
   * or after the last argument when the `;` is missing.
   */
  trailingComment: NginxComment | undefined;
}

export interface NginxComment extends Range {
  /** Text after `#`. */
  text: string;
}

export interface NginxConfig {
  directives: NginxDirective[];
  comments: NginxComment[];
  problems: ParseProblem[];
}
