import type { ParseProblem, Range } from "../../source/source-file.js";

export interface RedisArg extends Range {
  /** Value after redis' own argument splitting (sdssplitargs): quotes removed, escapes resolved. */
  value: string;
  raw: string;
  quoted: boolean;
}

export interface RedisDirective extends Range {
  // Range: the whole line content (no line terminator).
  /** Directive name, lower-cased (redis is case-insensitive here). */
  name: string;
  nameRange: Range;
  args: RedisArg[];
}

export interface RedisConfig {
  directives: RedisDirective[];
  comments: Range[];
  problems: ParseProblem[];
}
