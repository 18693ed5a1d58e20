import type { ParseProblem, Range } from "../../source/source-file.js";

/** A word after quote removal (best effort: expansions are kept as written). */
export interface ShellWord extends Range {
  /** Value with quotes removed and backslash escapes resolved; `$VAR`, `$(...)` stay literal text. */
  value: string;
  raw: string;
  /** True when any part of the word was quoted. */
  quoted: boolean;
  /** True when the word contains an unquoted or double-quoted expansion ($VAR, ${...}, $(...), `...`). */
  hasExpansion: boolean;
}

export interface ShellRedirect extends Range {
  op: string; // ">", ">>", "<", "2>&1", "<<", ...
  target: ShellWord | undefined;
}

/** A simple command: assignments, words, redirections. */
export interface ShellCommand extends Range {
  /** Leading `NAME=value` assignments. */
  assignments: ShellWord[];
  /** words[0] is the command name (after assignments). */
  words: ShellWord[];
  redirects: ShellRedirect[];
  /**
   * Operator that follows this command: "&&", "||", "|", ";", "&", "newline" or "end".
   * `|&` counts as "|", `;;`/`;&`/`;;&` as ";" (terminatorRange shows the real token);
   * "end" = end of input or of the enclosing `( ... )` list.
   */
  terminator: "&&" | "||" | "|" | ";" | "&" | "newline" | "end";
  /** Range of the terminator when it is an operator token. */
  terminatorRange: Range | undefined;
  /**
   * Nesting: 0 for top level; >0 inside if/while/for/case bodies, `{ }`, `( )`, `$( )`.
   * Commands inside function bodies have inFunction = true.
   */
  depth: number;
  inFunction: boolean;
  /** Keyword constructs that enclose this command, outermost first: "if", "while", "until", "for", "case", "function", "subshell", "group". */
  enclosing: string[];
}

export interface ShellScript {
  /** `#!...` on the first line. */
  shebang: { interpreter: string; args: string[]; range: Range } | undefined;
  /** All simple commands in source order, including nested ones. */
  commands: ShellCommand[];
  comments: Range[];
  problems: ParseProblem[];
}
