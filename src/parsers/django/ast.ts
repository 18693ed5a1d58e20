import type { ParseProblem, Range } from "../../source/source-file.js";

/**
 * The subset of Python that settings files use for configuration, as values
 * with ranges. Anything else is kept as an opaque `expr` with its source text,
 * so rules can stay silent on what they cannot evaluate.
 */
export type PyValue =
  | (Range & { kind: "str"; value: string; /** f-string or string with %/format: value is the literal text */ formatted: boolean })
  | (Range & { kind: "num"; value: number; text: string })
  | (Range & { kind: "bool"; value: boolean })
  | (Range & { kind: "none" })
  | (Range & { kind: "list" | "tuple" | "set"; items: PyValue[] })
  | (Range & { kind: "dict"; entries: { key: PyValue; value: PyValue }[] })
  /** A call: `os.environ.get('X', 'd')`, `env.bool('DEBUG', default=False)`, `Path(...)`. */
  | (Range & { kind: "call"; callee: string; args: PyValue[]; kwargs: { name: string; nameRange: Range; value: PyValue }[] })
  /** `os.environ['X']` */
  | (Range & { kind: "subscript"; target: string; index: PyValue })
  /** A dotted name: `BASE_DIR`, `os.path`, `True` is bool not name. */
  | (Range & { kind: "name"; name: string })
  | (Range & { kind: "binop"; op: string; left: PyValue; right: PyValue })
  | (Range & { kind: "expr"; text: string });

export interface PyAssignment extends Range {
  // Range: from the target name to the end of the value.
  /** Target name (`DEBUG`); for `A = B = 1`, one assignment per target. */
  name: string;
  nameRange: Range;
  /** "=", "+=", ... */
  op: string;
  value: PyValue;
  /** Indentation level 0 = module top level; nested (inside if/try) assignments have depth > 0. */
  depth: number;
}

export interface PySettings {
  assignments: PyAssignment[];
  /**
   * `X['key'] = value` / `X['a']['b'] = value` outside def/class bodies: target name + key path
   * (numeric keys as their source text).
   */
  itemAssignments: {
    name: string;
    keys: string[];
    value: PyValue;
    range: Range;
    /** Same meaning as PyAssignment.depth: > 0 inside if/try/with/for blocks, so a conditional override can be told apart. */
    depth?: number;
  }[];
  comments: Range[];
  problems: ParseProblem[];
}
