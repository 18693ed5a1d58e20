import type { ParseProblem, Range, SourceFile } from "../../source/source-file.js";
import type { PyAssignment, PySettings, PyValue } from "./ast.js";
import { tokenizePython, type PyToken } from "./tokenize.js";

/**
 * A tolerant reader for Django settings modules: it finds module-level
 * assignments and evaluates their right-hand sides into PyValue, and skips
 * everything else. It is not a Python parser; valid Python it does not model
 * (comprehensions, lambdas, slices, conditional expressions, attribute access
 * on call results) becomes an `expr` with its source text, never a problem.
 * Problems are reserved for text Python itself would reject, plus the nesting
 * cap; they come sorted by offset and capped at MAX_PROBLEMS.
 *
 * Representation choices rules can rely on:
 * - a method call on a string literal, `"{}:{}".format(a, b)` or `",".join(x)`,
 *   is a call to `str.format` / `str.join` with the literal as first argument,
 *   which is what Python does; for format/format_map the literal is `formatted`.
 * - `"..." % x` is a binop `%` whose left str is `formatted`.
 * - parentheses are not nodes: `(1)` is the num with the range of `1`, as in
 *   Python's own ast; tuples include their parentheses.
 * - comparisons (`==`, `in`, `is not`, ...) are binops like the arithmetic ones.
 * - a call or subscript on something other than a dotted name
 *   (`os.environ.get("H", "").split(",")`, `Path(x).resolve()`) keeps that
 *   receiver's source text as its callee/target, so it never looks like a
 *   known function to a rule matching on callee names.
 */
export function parsePythonSettings(file: SourceFile): PySettings {
  const { tokens, comments, problems } = tokenizePython(file.text);
  const reader = new StatementReader(file.text, tokens, problems);
  reader.run();
  return { assignments: reader.assignments, itemAssignments: reader.itemAssignments, comments, problems: capProblems(problems) };
}

/** A mangled file can yield one problem per character; past the first few, more of them only bury the first. */
export const MAX_PROBLEMS = 100;

function capProblems(problems: ParseProblem[]): ParseProblem[] {
  const sorted = problems.map((p, i) => ({ p, i })).sort((a, b) => a.p.start - b.p.start || a.i - b.i).map((x) => x.p);
  const next = sorted[MAX_PROBLEMS];
  if (!next) return sorted;
  const rest = sorted.length - MAX_PROBLEMS;
  return [...sorted.slice(0, MAX_PROBLEMS), { start: next.start, end: next.end, message: `${rest} more syntax problem${rest === 1 ? "" : "s"} not listed` }];
}

/** Beyond this nesting, expressions are kept as text: the tree stays walkable by recursive rules and our own stack stays small. */
export const MAX_EXPR_DEPTH = 200;

const KEYWORDS = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
  "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
  "return", "try", "while", "with", "yield",
]);
const COMPOUND = new Set(["if", "elif", "else", "try", "except", "finally", "for", "while", "with", "def", "class"]);
const SOFT_COMPOUND = new Set(["match", "case"]);
const AUG_OPS = new Set(["+=", "-=", "*=", "/=", "//=", "%=", "**=", ">>=", "<<=", "&=", "^=", "|=", "@="]);
const OPENERS = new Set(["(", "[", "{"]);
const CLOSERS = new Set([")", "]", "}"]);
const BINARY_PREC: Record<string, number> = {
  or: 1, and: 2,
  "<": 4, ">": 4, "==": 4, ">=": 4, "<=": 4, "!=": 4, "<>": 4, in: 4, is: 4,
  "|": 5, "^": 6, "&": 7, "<<": 8, ">>": 8, "+": 9, "-": 9, "*": 10, "/": 10, "//": 10, "%": 10, "@": 10,
};
const PREC_NOT = 3;
const PREC_COMPARISON = 4;
const PREC_BITOR = 5;

/** A compound statement header waiting for its indented body; `scope` for def/class, whose bodies are not settings. */
interface Header {
  scope: boolean;
  keyword: PyToken;
}
type Str = Extract<PyValue, { kind: "str" }>;

function isOp(t: PyToken, value: string): boolean {
  return t.kind === "op" && t.value === value;
}
function isKw(t: PyToken, value: string): boolean {
  return t.kind === "name" && t.value === value;
}
function isOpener(t: PyToken): boolean {
  return t.kind === "op" && OPENERS.has(t.value);
}
function endsLine(t: PyToken): boolean {
  return t.kind === "newline" || t.kind === "indent" || t.kind === "dedent" || t.kind === "eof";
}
function isCloser(t: PyToken): boolean {
  return t.kind === "op" && CLOSERS.has(t.value);
}

class StatementReader {
  readonly assignments: PyAssignment[] = [];
  readonly itemAssignments: PySettings["itemAssignments"] = [];
  private readonly expr: ExprParser;
  private readonly eof: PyToken;

  constructor(
    text: string,
    private readonly tokens: readonly PyToken[],
    private readonly problems: ParseProblem[],
  ) {
    this.expr = new ExprParser(text, tokens, problems);
    this.eof = { kind: "eof", start: text.length, end: text.length, value: "", formatted: false };
  }

  private tok(i: number): PyToken {
    return this.tokens[i] ?? this.eof;
  }

  run(): void {
    // One flag per open block: true when the block is (inside) a def/class body.
    const blocks: boolean[] = [];
    let pending: Header | undefined;
    let i = 0;
    for (;;) {
      const t = this.tok(i);
      if (pending && t.kind !== "indent" && t.kind !== "newline") {
        const kw = pending.keyword;
        this.problems.push({ start: kw.start, end: kw.end, message: `expected an indented block after '${kw.value}'` });
        pending = undefined;
      }
      if (t.kind === "eof") break;
      if (t.kind === "indent") {
        if (pending === undefined) {
          const next = this.tok(i + 1);
          this.problems.push({ start: next.start, end: next.end, message: "unexpected indent" });
        }
        blocks.push((pending?.scope ?? false) || (blocks[blocks.length - 1] ?? false));
        pending = undefined;
        i++;
        continue;
      }
      if (t.kind === "dedent") {
        blocks.pop();
        pending = undefined;
        i++;
        continue;
      }
      if (t.kind === "newline") {
        i++;
        continue;
      }
      let j = i;
      while (!endsLine(this.tok(j))) j++;
      pending = this.logicalLine(i, j, blocks.length, blocks[blocks.length - 1] ?? false);
      i = j;
    }
  }

  /** Handles tokens [a, b) of one logical line; returns what kind of block an indented line after it opens. */
  private logicalLine(a: number, b: number, depth: number, skip: boolean): Header | undefined {
    const first = this.tok(a);
    if (isOp(first, "@")) return undefined;
    let kwIndex = a;
    if (isKw(first, "async")) kwIndex = a + 1;
    const kw = this.tok(kwIndex);
    const soft = kw.kind === "name" && SOFT_COMPOUND.has(kw.value) && this.looksLikeSoftHeader(kwIndex, b);
    if (kw.kind === "name" && (COMPOUND.has(kw.value) || soft)) {
      const colon = this.headerColon(kwIndex + 1, b);
      if (colon < 0) {
        if (!soft) this.problems.push({ start: kw.start, end: kw.end, message: `expected ':' after '${kw.value}' header` });
        return undefined;
      }
      const scope = kw.value === "def" || kw.value === "class";
      if (colon + 1 < b) {
        this.simpleStatements(colon + 1, b, depth + 1, skip || scope);
        return undefined;
      }
      return { scope, keyword: kw };
    }
    this.simpleStatements(a, b, depth, skip);
    return undefined;
  }

  /** `match`/`case` are keywords only at the head of a block; `match = re.match(...)` is an assignment. */
  private looksLikeSoftHeader(kwIndex: number, b: number): boolean {
    const next = this.tok(kwIndex + 1);
    if (kwIndex + 1 >= b) return false;
    if (next.kind === "op" && (next.value === "=" || next.value === ":" || next.value === "." || next.value === "," || AUG_OPS.has(next.value))) return false;
    const last = this.tok(b - 1);
    return isOp(last, ":");
  }

  /** The `:` ending a compound statement header, skipping brackets and lambda colons; -1 if none. */
  private headerColon(from: number, b: number): number {
    let depth = 0;
    let lambdas = 0;
    for (let k = from; k < b; k++) {
      const t = this.tok(k);
      if (isOpener(t)) depth++;
      else if (isCloser(t)) depth = Math.max(0, depth - 1);
      else if (depth === 0) {
        if (isKw(t, "lambda")) lambdas++;
        else if (isOp(t, ":")) {
          if (lambdas === 0) return k;
          lambdas--;
        }
      }
    }
    return -1;
  }

  private simpleStatements(a: number, b: number, depth: number, skip: boolean): void {
    if (skip) return;
    let depthInBrackets = 0;
    let start = a;
    for (let k = a; k <= b; k++) {
      const t = this.tok(k);
      if (k < b) {
        if (isOpener(t)) depthInBrackets++;
        else if (isCloser(t)) depthInBrackets = Math.max(0, depthInBrackets - 1);
        if (!(depthInBrackets === 0 && isOp(t, ";"))) continue;
      }
      if (k > start) this.statement(start, k, depth);
      start = k + 1;
    }
  }

  private statement(s: number, e: number, depth: number): void {
    const first = this.tok(s);
    if (first.kind !== "name" || KEYWORDS.has(first.value)) return;
    const eqs: number[] = [];
    let aug = -1;
    let annotation = -1;
    let bracketDepth = 0;
    let lambdas = 0;
    for (let k = s; k < e; k++) {
      const t = this.tok(k);
      if (isOpener(t)) bracketDepth++;
      else if (isCloser(t)) bracketDepth = Math.max(0, bracketDepth - 1);
      if (bracketDepth !== 0) continue;
      if (isKw(t, "lambda")) lambdas++;
      else if (isOp(t, ":")) {
        if (lambdas > 0) lambdas--;
        else if (annotation < 0 && eqs.length === 0) annotation = k;
      } else if (lambdas === 0 && isOp(t, "=")) eqs.push(k);
      else if (lambdas === 0 && t.kind === "op" && AUG_OPS.has(t.value) && eqs.length === 0) {
        aug = k;
        break;
      }
    }

    const targets: [number, number][] = [];
    let opIndex: number;
    if (aug >= 0) {
      if (annotation >= 0) return;
      targets.push([s, aug]);
      opIndex = aug;
    } else if (eqs.length > 0) {
      const firstEq = eqs[0] ?? s;
      if (annotation >= 0) {
        // `X: int = 1`; Python allows no chained targets after an annotation.
        if (eqs.length > 1) return;
        targets.push([s, annotation]);
      } else {
        let ts = s;
        for (const eq of eqs) {
          targets.push([ts, eq]);
          ts = eq + 1;
        }
      }
      opIndex = eqs[eqs.length - 1] ?? firstEq;
    } else return;

    const opTok = this.tok(opIndex);
    const op = opTok.value;
    const valueStart = opIndex + 1;
    if (valueStart >= e) {
      this.problems.push({ start: opTok.start, end: opTok.end, message: `expected a value after '${op}'` });
      return;
    }
    const value = this.expr.parseSegment(valueStart, e);
    if (!value) return;
    const end = this.tok(e - 1).end;
    for (const [ts, te] of targets) {
      const name = this.tok(ts);
      if (te - ts === 1) {
        if (name.kind !== "name" || KEYWORDS.has(name.value)) continue;
        this.assignments.push({ name: name.value, nameRange: { start: name.start, end: name.end }, op, value, depth, start: name.start, end });
        continue;
      }
      if (op !== "=") continue;
      const keys = this.itemTarget(ts, te);
      if (keys) this.itemAssignments.push({ name: name.value, keys, value, range: { start: name.start, end }, depth });
    }
  }

  /** Keys of `NAME['a'][0]...` as strings, or undefined when the target is anything else. */
  private itemTarget(ts: number, te: number): string[] | undefined {
    const name = this.tok(ts);
    if (name.kind !== "name" || KEYWORDS.has(name.value)) return undefined;
    const keys: string[] = [];
    let k = ts + 1;
    while (k < te) {
      if (!isOp(this.tok(k), "[")) return undefined;
      k++;
      const t = this.tok(k);
      if (t.kind === "str") {
        let key = "";
        while (k < te && this.tok(k).kind === "str") key += this.tok(k++).value;
        keys.push(key);
      } else if (t.kind === "num") {
        keys.push(t.value);
        k++;
      } else return undefined;
      if (k >= te || !isOp(this.tok(k), "]")) return undefined;
      k++;
    }
    return keys.length > 0 ? keys : undefined;
  }
}

interface BinOp {
  op: string;
  prec: number;
  width: number;
}

/**
 * Precedence-climbing expression parser over a token slice [pos, end).
 * Containers that turn out to hold something unmodelled are re-read as one
 * `expr` up to their closing bracket, so a parse failure never escapes the
 * innermost bracket it happened in. Termination: containers consume their
 * opener before anything can fail, every loop consumes a token per turn, and
 * a failure is only ever returned at bracket level 0 of the enclosing
 * container, so skipping forward from the current position is always right.
 */
class ExprParser {
  private pos = 0;
  private end = 0;
  private depth = 0;
  private cappedOnce = false;
  private readonly eof: PyToken;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly PyToken[],
    private readonly problems: ParseProblem[],
  ) {
    this.eof = { kind: "eof", start: text.length, end: text.length, value: "", formatted: false };
  }

  /** Evaluates tokens [start, end) as one right-hand side. */
  parseSegment(start: number, end: number): PyValue | undefined {
    if (start >= end) return undefined;
    this.pos = start;
    this.end = end;
    this.depth = 0;
    this.cappedOnce = false;
    const value = this.parseTestList();
    if (value && this.pos >= end) return value;
    this.pos = end;
    return this.exprBetween(start, end);
  }

  private at(i: number): PyToken {
    return i < this.end ? (this.tokens[i] ?? this.eof) : this.eof;
  }
  private get cur(): PyToken {
    return this.at(this.pos);
  }
  /** Offset just after token i (used with i = pos - 1 for "what was consumed so far"). */
  private endOf(i: number): number {
    return (this.tokens[i] ?? this.eof).end;
  }
  private startOf(i: number): number {
    return (this.tokens[i] ?? this.eof).start;
  }
  private textNode(start: number, end: number): PyValue {
    return { kind: "expr", start, end, text: this.text.slice(start, end) };
  }
  /** An `expr` covering tokens [a, b). */
  private exprBetween(a: number, b: number): PyValue {
    return this.textNode(this.startOf(a), b > a ? this.endOf(b - 1) : this.startOf(a));
  }
  /** An `expr` from token a to everything consumed so far. */
  private exprFrom(a: number): PyValue {
    return this.exprBetween(a, Math.max(this.pos, a + 1));
  }

  private startsExpression(t: PyToken): boolean {
    if (t.kind === "num" || t.kind === "str") return true;
    if (t.kind === "name") return !KEYWORDS.has(t.value) || ["True", "False", "None", "not", "lambda", "await", "yield"].includes(t.value);
    if (t.kind === "op") return ["(", "[", "{", "-", "+", "~", "*", "**", "..."].includes(t.value);
    return false;
  }

  /** `a, b` without brackets is a tuple, as on the right of `X = 1, 2`. */
  private parseTestList(): PyValue | undefined {
    const startIdx = this.pos;
    const first = this.parseItem();
    if (!first || !isOp(this.cur, ",")) return first;
    const items = [first];
    while (isOp(this.cur, ",")) {
      this.pos++;
      if (!this.startsExpression(this.cur)) break;
      const item = this.parseItem();
      if (!item) return undefined;
      items.push(item);
    }
    return { kind: "tuple", items, start: this.startOf(startIdx), end: this.endOf(this.pos - 1) };
  }

  /** A test, or a `*starred` element as in lists, tuples and calls. */
  private parseItem(): PyValue | undefined {
    if (!isOp(this.cur, "*")) return this.parseTest();
    const startIdx = this.pos;
    this.pos++;
    const operand = this.parseBinary(PREC_BITOR);
    return operand ? this.exprFrom(startIdx) : undefined;
  }

  private parseTest(): PyValue | undefined {
    const startIdx = this.pos;
    const t = this.cur;
    if (isKw(t, "lambda")) return this.skipLambda();
    if (isKw(t, "yield")) {
      this.skipToBoundary(false);
      return this.exprFrom(startIdx);
    }
    const value = this.parseBinary(1);
    if (!value) return undefined;
    if (isKw(this.cur, "if")) {
      this.pos++;
      if (!this.parseBinary(1) || !isKw(this.cur, "else")) return undefined;
      this.pos++;
      if (!this.parseTest()) return undefined;
      return this.exprFrom(startIdx);
    }
    if (isOp(this.cur, ":=")) {
      this.pos++;
      if (!this.parseTest()) return undefined;
      return this.exprFrom(startIdx);
    }
    return value;
  }

  private peekBinary(): BinOp | undefined {
    const t = this.cur;
    if (t.kind === "name") {
      if (t.value === "not") return isKw(this.at(this.pos + 1), "in") ? { op: "not in", prec: PREC_COMPARISON, width: 2 } : undefined;
      if (t.value === "is" && isKw(this.at(this.pos + 1), "not")) return { op: "is not", prec: PREC_COMPARISON, width: 2 };
      if (t.value === "or" || t.value === "and" || t.value === "in" || t.value === "is") return { op: t.value, prec: BINARY_PREC[t.value] ?? 0, width: 1 };
      return undefined;
    }
    if (t.kind !== "op") return undefined;
    const prec = BINARY_PREC[t.value];
    return prec === undefined ? undefined : { op: t.value, prec, width: 1 };
  }

  private parseBinary(minPrec: number): PyValue | undefined {
    const startIdx = this.pos;
    let left: PyValue | undefined;
    if (isKw(this.cur, "not")) {
      if (minPrec > PREC_NOT) return undefined;
      // `not not x` recurses here without passing through parseFactor's guard.
      if (this.depth >= MAX_EXPR_DEPTH) return this.bail(startIdx);
      this.depth++;
      this.pos++;
      const operand = this.parseBinary(PREC_NOT);
      this.depth--;
      if (!operand) return undefined;
      left = this.exprFrom(startIdx);
    } else left = this.parseFactor();
    if (!left) return undefined;
    // Left-associative chains are loops here but nest in the tree, so they count against the depth cap too.
    let chain = 0;
    for (;;) {
      const op = this.peekBinary();
      if (!op || op.prec < minPrec) break;
      if (this.depth + chain >= MAX_EXPR_DEPTH) return this.bail(startIdx);
      this.pos += op.width;
      const right = this.parseBinary(op.prec + 1);
      if (!right) return undefined;
      if (op.op === "%" && left.kind === "str") left.formatted = true;
      left = { kind: "binop", op: op.op, left, right, start: this.startOf(startIdx), end: this.endOf(this.pos - 1) };
      chain++;
    }
    return left;
  }

  /**
   * Every recursive path (brackets, unary chains, `**`, starred items,
   * conditionals) passes through here, so this one guard bounds the stack.
   */
  private parseFactor(): PyValue | undefined {
    if (this.depth >= MAX_EXPR_DEPTH) return this.bail(this.pos);
    this.depth++;
    const value = this.parseFactorInner();
    this.depth--;
    return value;
  }

  private parseFactorInner(): PyValue | undefined {
    const startIdx = this.pos;
    const t = this.cur;
    if (t.kind === "op" && (t.value === "-" || t.value === "+" || t.value === "~")) {
      this.pos++;
      const operand = this.parseFactor();
      if (!operand) return undefined;
      const end = this.endOf(this.pos - 1);
      if (operand.kind === "num" && t.value !== "~") {
        return { kind: "num", value: t.value === "-" ? -operand.value : operand.value, text: this.text.slice(t.start, end), start: t.start, end };
      }
      return this.exprFrom(startIdx);
    }
    if (isKw(t, "await")) {
      this.pos++;
      return this.parseFactor() ? this.exprFrom(startIdx) : undefined;
    }
    const primary = this.parsePrimary();
    if (!primary || !isOp(this.cur, "**")) return primary;
    this.pos++;
    const right = this.parseFactor();
    if (!right) return undefined;
    return { kind: "binop", op: "**", left: primary, right, start: this.startOf(startIdx), end: this.endOf(this.pos - 1) };
  }

  private parsePrimary(): PyValue | undefined {
    const startIdx = this.pos;
    let node = this.parseAtom();
    if (!node) return undefined;
    for (;;) {
      const t = this.cur;
      if (isOp(t, ".")) {
        const attr = this.at(this.pos + 1);
        if (attr.kind !== "name") return undefined;
        if (node.kind === "str" && isOp(this.at(this.pos + 2), "(")) {
          this.pos += 2;
          node = this.strMethodCall(node, attr.value, startIdx);
          continue;
        }
        this.pos += 2;
        node = node.kind === "name" ? { kind: "name", name: `${node.name}.${attr.value}`, start: node.start, end: attr.end } : this.exprFrom(startIdx);
        continue;
      }
      if (isOp(t, "(")) {
        const callee: string = node.kind === "name" ? node.name : this.text.slice(this.startOf(startIdx), this.endOf(this.pos - 1));
        const args = this.parseCallArgs();
        node = args ? { kind: "call", callee, args: args.args, kwargs: args.kwargs, start: this.startOf(startIdx), end: this.endOf(this.pos - 1) } : this.exprFrom(startIdx);
        continue;
      }
      if (isOp(t, "[")) {
        const target: string = node.kind === "name" ? node.name : this.text.slice(this.startOf(startIdx), this.endOf(this.pos - 1));
        const index = this.parseSubscriptIndex();
        node = index ? { kind: "subscript", target, index, start: this.startOf(startIdx), end: this.endOf(this.pos - 1) } : this.exprFrom(startIdx);
        continue;
      }
      return node;
    }
  }

  /** `"...".format(x)` is `str.format("...", x)` in Python; keeping the literal as an argument keeps its range and text. */
  private strMethodCall(literal: Str, method: string, startIdx: number): PyValue {
    const args = this.parseCallArgs();
    if (!args) return this.exprFrom(startIdx);
    if (method === "format" || method === "format_map") literal.formatted = true;
    return { kind: "call", callee: `str.${method}`, args: [literal, ...args.args], kwargs: args.kwargs, start: this.startOf(startIdx), end: this.endOf(this.pos - 1) };
  }

  private parseAtom(): PyValue | undefined {
    const t = this.cur;
    switch (t.kind) {
      case "num":
        this.pos++;
        return numberNode(t);
      case "str":
        return this.parseStrings();
      case "name":
        if (t.value === "True" || t.value === "False") {
          this.pos++;
          return { kind: "bool", value: t.value === "True", start: t.start, end: t.end };
        }
        if (t.value === "None") {
          this.pos++;
          return { kind: "none", start: t.start, end: t.end };
        }
        if (KEYWORDS.has(t.value)) return undefined;
        this.pos++;
        return { kind: "name", name: t.value, start: t.start, end: t.end };
      case "op":
        if (t.value === "(") return this.parseParen();
        if (t.value === "[") return this.parseList();
        if (t.value === "{") return this.parseBrace();
        if (t.value === "...") {
          this.pos++;
          return this.textNode(t.start, t.end);
        }
        return undefined;
      default:
        return undefined;
    }
  }

  /** Adjacent literals are one string in Python (`"a" "b"`), also across lines inside brackets. */
  private parseStrings(): PyValue {
    const first = this.cur;
    let value = "";
    let formatted = false;
    let end = first.end;
    while (this.cur.kind === "str") {
      const t = this.cur;
      value += t.value;
      formatted ||= t.formatted;
      end = t.end;
      this.pos++;
    }
    return { kind: "str", value, formatted, start: first.start, end };
  }

  private parseParen(): PyValue {
    const open = this.pos;
    this.pos++;
    if (isOp(this.cur, ")")) {
      this.pos++;
      return { kind: "tuple", items: [], start: this.startOf(open), end: this.endOf(this.pos - 1) };
    }
    const first = this.parseItem();
    if (!first || this.atComprehension()) return this.skipContainer(open);
    if (isOp(this.cur, ")")) {
      this.pos++;
      return first;
    }
    const items = this.parseSequenceTail(first, ")");
    return items ? { kind: "tuple", items, start: this.startOf(open), end: this.endOf(this.pos - 1) } : this.skipContainer(open);
  }

  private parseList(): PyValue {
    const open = this.pos;
    this.pos++;
    if (isOp(this.cur, "]")) {
      this.pos++;
      return { kind: "list", items: [], start: this.startOf(open), end: this.endOf(this.pos - 1) };
    }
    const first = this.parseItem();
    if (!first || this.atComprehension()) return this.skipContainer(open);
    const items = this.parseSequenceTail(first, "]");
    return items ? { kind: "list", items, start: this.startOf(open), end: this.endOf(this.pos - 1) } : this.skipContainer(open);
  }

  /** After the first element: `, item`* then the closer, which is consumed. Undefined on anything else. */
  private parseSequenceTail(first: PyValue, closer: string): PyValue[] | undefined {
    const items = [first];
    while (isOp(this.cur, ",")) {
      this.pos++;
      if (isOp(this.cur, closer)) break;
      const item = this.parseItem();
      if (!item) return undefined;
      items.push(item);
    }
    if (!isOp(this.cur, closer)) return undefined;
    this.pos++;
    return items;
  }

  private parseBrace(): PyValue {
    const open = this.pos;
    this.pos++;
    if (isOp(this.cur, "}")) {
      this.pos++;
      return { kind: "dict", entries: [], start: this.startOf(open), end: this.endOf(this.pos - 1) };
    }
    let firstKey: PyValue | undefined;
    if (!isOp(this.cur, "**")) {
      firstKey = this.parseItem();
      if (!firstKey) return this.skipContainer(open);
      if (!isOp(this.cur, ":")) {
        if (this.atComprehension()) return this.skipContainer(open);
        const items = this.parseSequenceTail(firstKey, "}");
        return items ? { kind: "set", items, start: this.startOf(open), end: this.endOf(this.pos - 1) } : this.skipContainer(open);
      }
    }
    const entries: { key: PyValue; value: PyValue }[] = [];
    for (;;) {
      const entry = this.parseDictEntry(firstKey);
      firstKey = undefined;
      if (!entry) return this.skipContainer(open);
      entries.push(entry);
      if (entries.length === 1 && this.atComprehension()) return this.skipContainer(open);
      if (isOp(this.cur, ",")) {
        this.pos++;
        if (!isOp(this.cur, "}")) continue;
      }
      if (!isOp(this.cur, "}")) return this.skipContainer(open);
      this.pos++;
      return { kind: "dict", entries, start: this.startOf(open), end: this.endOf(this.pos - 1) };
    }
  }

  /** `key: value`, or `**spread`, whose key is an `expr` with text "**" so entries stay complete. */
  private parseDictEntry(parsedKey: PyValue | undefined): { key: PyValue; value: PyValue } | undefined {
    if (!parsedKey && isOp(this.cur, "**")) {
      const star = this.cur;
      this.pos++;
      const value = this.parseBinary(PREC_BITOR);
      return value ? { key: this.textNode(star.start, star.end), value } : undefined;
    }
    const key = parsedKey ?? this.parseTest();
    if (!key || !isOp(this.cur, ":")) return undefined;
    this.pos++;
    const value = this.parseTest();
    return value ? { key, value } : undefined;
  }

  private atComprehension(): boolean {
    return isKw(this.cur, "for") || (isKw(this.cur, "async") && isKw(this.at(this.pos + 1), "for"));
  }

  /** Arguments of a call with `pos` at `(`; undefined (with the call skipped) when they hold something unmodelled. */
  private parseCallArgs(): { args: PyValue[]; kwargs: { name: string; nameRange: Range; value: PyValue }[] } | undefined {
    this.pos++;
    const args: PyValue[] = [];
    const kwargs: { name: string; nameRange: Range; value: PyValue }[] = [];
    while (!isOp(this.cur, ")")) {
      const t = this.cur;
      const itemStart = this.pos;
      if (t.kind === "name" && !KEYWORDS.has(t.value) && isOp(this.at(this.pos + 1), "=")) {
        this.pos += 2;
        const value = this.parseTest();
        if (!value) return this.failCall();
        kwargs.push({ name: t.value, nameRange: { start: t.start, end: t.end }, value });
      } else if (isOp(t, "**")) {
        this.pos++;
        if (!this.parseTest()) return this.failCall();
        args.push(this.exprFrom(itemStart));
      } else {
        const value = this.parseItem();
        if (!value) return this.failCall();
        if (this.atComprehension()) {
          // `any(x for x in y)`: the generator is the only argument and runs to the closer.
          this.skipToBoundary(true);
          args.push(this.exprFrom(itemStart));
        } else args.push(value);
      }
      if (isOp(this.cur, ",")) this.pos++;
      else if (!isOp(this.cur, ")")) return this.failCall();
    }
    this.pos++;
    return { args, kwargs };
  }

  private failCall(): undefined {
    this.skipToCloser();
    return undefined;
  }

  /** Index of a subscript with `pos` at `[`; slices and the like become an `expr` of the bracket's content. */
  private parseSubscriptIndex(): PyValue | undefined {
    this.pos++;
    const indexStart = this.pos;
    const index = isOp(this.cur, ":") ? undefined : this.parseTestList();
    if (index && isOp(this.cur, "]")) {
      this.pos++;
      return index;
    }
    const closer = this.skipToCloser();
    if (closer < 0 || closer === indexStart) return undefined;
    return this.exprBetween(indexStart, closer);
  }

  /**
   * Consumes up to and including the closer of the innermost open bracket.
   * Callers are always at bracket level 0 relative to that bracket (nested
   * containers consume their own closers), so a counter from here suffices
   * and nothing is scanned twice. Returns the closer's index, or -1 at end.
   */
  private skipToCloser(): number {
    let depth = 0;
    while (this.pos < this.end) {
      const t = this.cur;
      this.pos++;
      if (isOpener(t)) depth++;
      else if (isCloser(t)) {
        if (depth === 0) return this.pos - 1;
        depth--;
      }
    }
    return -1;
  }

  /** The container opened at token `open` as one `expr`, through its closer. */
  private skipContainer(open: number): PyValue {
    this.skipToCloser();
    return this.exprFrom(open);
  }

  /**
   * Advances to the end of the current element: a `,` or closer at this
   * level (and `:` too unless `colons` is false), without consuming it.
   */
  private skipToBoundary(stopOnlyAtCloser: boolean, colons = false): void {
    let depth = 0;
    while (this.pos < this.end) {
      const t = this.cur;
      if (isOpener(t)) depth++;
      else if (isCloser(t)) {
        if (depth === 0) return;
        depth--;
      } else if (depth === 0 && !stopOnlyAtCloser && (isOp(t, ",") || (colons && isOp(t, ":")))) return;
      this.pos++;
    }
  }

  /** Lambdas are opaque: their parameter list holds commas and their body runs to the next `,` or closer. */
  private skipLambda(): PyValue {
    const startIdx = this.pos;
    let depth = 0;
    let pendingParams = 0;
    while (this.pos < this.end) {
      const t = this.cur;
      if (isOpener(t)) depth++;
      else if (isCloser(t)) {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0) {
        if (isKw(t, "lambda")) pendingParams++;
        else if (isOp(t, ":") && pendingParams > 0) pendingParams--;
        else if (pendingParams === 0 && (isOp(t, ",") || isOp(t, ":"))) break;
      }
      this.pos++;
    }
    return this.exprFrom(startIdx);
  }

  /** Past the depth cap: the rest of this element is kept as text, reported once per statement. */
  private bail(startIdx: number): PyValue | undefined {
    if (!this.cappedOnce) {
      this.cappedOnce = true;
      const t = this.cur;
      this.problems.push({ start: t.start, end: t.end, message: `expression nested more than ${MAX_EXPR_DEPTH} levels deep; the rest is kept as text` });
    }
    this.skipToBoundary(false, true);
    return this.pos > startIdx ? this.exprFrom(startIdx) : undefined;
  }
}

function numberNode(t: PyToken): PyValue {
  const raw = t.value.replace(/_/g, "");
  if (/[jJ]$/.test(raw)) return { kind: "expr", text: t.value, start: t.start, end: t.end };
  const digits = raw.replace(/[lL]$/, "");
  // Python 2 settings still say 0644 for file modes; that is octal.
  const value = /^0[0-7]+$/.test(digits) ? parseInt(digits, 8) : Number(digits);
  if (Number.isNaN(value)) return { kind: "expr", text: t.value, start: t.start, end: t.end };
  return { kind: "num", value, text: t.value, start: t.start, end: t.end };
}
