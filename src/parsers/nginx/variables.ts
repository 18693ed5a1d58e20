import type { NginxArg, NginxDirective } from "./ast.js";
import { capturingGroups, parseNginxRegex, type NginxRegex } from "./regex.js";
import { locationMatch, type NginxTree } from "./tree.js";

/** A `$name`, `${name}` or `$1` reference inside a directive value (nginx script syntax). */
export interface VariableRef {
  /** `uri`, `http_host`, `1` ... */
  name: string;
  /** Offsets in the value string. */
  start: number;
  end: number;
}

/** Variables of an nginx value, as ngx_http_script_compile reads them (`$1` is one digit: `$10` is `$1` then `0`). */
export function variablesIn(value: string): VariableRef[] {
  const out: VariableRef[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== "$") continue;
    const start = i;
    const next = value[i + 1];
    if (next === undefined) break;
    if (next >= "1" && next <= "9") {
      out.push({ name: next, start, end: i + 2 });
      i += 1;
      continue;
    }
    if (next === "{") {
      const close = value.indexOf("}", i + 2);
      if (close < 0) break;
      out.push({ name: value.slice(i + 2, close), start, end: close + 1 });
      i = close;
      continue;
    }
    let j = i + 1;
    while (j < value.length && /[A-Za-z0-9_]/.test(value[j]!)) j++;
    if (j > i + 1) out.push({ name: value.slice(i + 1, j), start, end: j });
    i = j - 1;
  }
  return out;
}

/** `if ($var OP regex)`: the parts of a regex condition, split the way ngx_http_rewrite_if_condition does. */
export function ifRegexCondition(d: NginxDirective): { variable: string; operator: string; regex: string; regexArg: NginxArg; caseInsensitive: boolean } | undefined {
  if (d.name !== "if" || d.args.length < 3) return undefined;
  const args = d.args;
  let i: number;
  let variable: string;
  if (args[0]!.value === "(") {
    variable = args[1]!.value;
    i = 2;
  } else if (args[0]!.value.startsWith("(")) {
    variable = args[0]!.value.slice(1);
    i = 1;
  } else return undefined;
  let lastIndex = args.length - 1;
  let regex: string;
  if (args[lastIndex]!.value === ")") {
    lastIndex--;
    regex = args[lastIndex]!.value;
  } else if (args[lastIndex]!.value.endsWith(")")) {
    regex = args[lastIndex]!.value.slice(0, -1);
  } else return undefined;
  const op = args[i]!.value;
  if (lastIndex !== i + 1 || !["~", "~*", "!~", "!~*"].includes(op) || !variable.startsWith("$")) return undefined;
  return { variable: variable.slice(1), operator: op, regex, regexArg: args[lastIndex]!, caseInsensitive: op.endsWith("*") };
}

/**
 * The regex whose captures `$1`/`$name` hold when `d` runs: the innermost enclosing regex
 * `location` or `if`. Undefined when that is not certain (a `rewrite` or another regex `if`
 * in between may have matched later, or the regex cannot be analysed).
 */
export function captureRegexFor(tree: NginxTree, d: NginxDirective): { regex: NginxRegex; source: NginxDirective; arg: NginxArg } | undefined {
  for (const block of tree.ancestors(d)) {
    if (block.name === "if") {
      const cond = ifRegexCondition(block);
      if (!cond) continue;
      if (cond.operator.startsWith("!")) return undefined; // a negated match sets no captures
      if (laterMatchers(block, d)) return undefined;
      const regex = parseNginxRegex(cond.regex, cond.caseInsensitive);
      return regex ? { regex, source: block, arg: cond.regexArg } : undefined;
    }
    if (block.name === "location") {
      const loc = locationMatch(block);
      if (!loc || (loc.modifier !== "~" && loc.modifier !== "~*")) return undefined;
      if (laterMatchers(block, d)) return undefined;
      const regex = parseNginxRegex(loc.path, loc.modifier === "~*");
      return regex ? { regex, source: block, arg: loc.pathArg } : undefined;
    }
    if (block.name === "server" || block.name === "http") return undefined;
  }
  return undefined;
}

/** Other regex matches inside `block` (rewrite, regex if) that may run before `d` and replace the captures. */
function laterMatchers(block: NginxDirective, d: NginxDirective): boolean {
  const stack = [...(block.block ?? [])];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x === d) continue;
    if (x.name === "rewrite" || (x.name === "if" && ifRegexCondition(x) && !isAncestorOf(x, d))) return true;
    if (x.name === "if" && x.block) stack.push(...x.block);
  }
  return false;
}

function isAncestorOf(block: NginxDirective, d: NginxDirective): boolean {
  return d.start >= block.start && d.end <= block.end && block !== d;
}

/** The capture group a `$1` / `$name` reference names in a regex. */
export function captureGroupFor(regex: NginxRegex, name: string): ReturnType<typeof capturingGroups>[number] | undefined {
  const groups = capturingGroups(regex);
  if (/^[1-9]$/.test(name)) return groups[Number(name) - 1];
  return groups.find((g) => g.name === name);
}

/** Source range of `[start, end)` of an argument's value (the whole argument when escapes make offsets differ). */
export function argSubrange(arg: NginxArg, start: number, end: number): { start: number; end: number } {
  if (arg.raw === arg.value) return { start: arg.start + start, end: arg.start + end };
  if (arg.quote && arg.raw.slice(1, -1) === arg.value) return { start: arg.start + 1 + start, end: arg.start + 1 + end };
  return { start: arg.start, end: arg.end };
}

/**
 * `set $p $2;` in an enclosing block: the capture a variable was copied from (one level,
 * only when every `set` of it in the enclosing blocks copies the same single capture).
 */
export function setFromCapture(tree: NginxTree, d: NginxDirective, name: string): string | undefined {
  let capture: string | undefined;
  for (const block of tree.ancestors(d)) {
    for (const x of block.block ?? []) {
      if (x.name !== "set" || x.args[0]?.value !== `$${name}`) continue;
      const value = x.args[1]?.value ?? "";
      const refs = variablesIn(value);
      if (refs.length !== 1 || refs[0]!.start !== 0 || refs[0]!.end !== value.length) return undefined;
      if (capture !== undefined && capture !== refs[0]!.name) return undefined;
      capture = refs[0]!.name;
    }
    if (block.name === "server") break;
  }
  return capture;
}
