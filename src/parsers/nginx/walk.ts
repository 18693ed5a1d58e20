import type { NginxDirective } from "./ast.js";

/** Every directive of a config, depth first, in source order (explicit stack: configs can nest deeply). */
export function* walkDirectives(directives: readonly NginxDirective[]): Generator<NginxDirective> {
  const stack: { list: readonly NginxDirective[]; index: number }[] = [{ list: directives, index: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.index >= top.list.length) {
      stack.pop();
      continue;
    }
    const d = top.list[top.index++]!;
    yield d;
    if (d.block && d.block.length > 0) stack.push({ list: d.block, index: 0 });
  }
}

/**
 * The directive `name` in effect for `directive`: nginx inherits most
 * settings from the enclosing blocks unless a block sets its own.
 */
export function inherited(name: string, directive: NginxDirective, parents: readonly NginxDirective[], topLevel: readonly NginxDirective[]): NginxDirective | undefined {
  void directive;
  for (const level of levelsOutward(parents, topLevel)) {
    const list = namedIn(level, name);
    if (list.length > 0) return list[list.length - 1];
  }
  return undefined;
}

/**
 * An array-like setting (`proxy_set_header`, `add_header`...) in effect: nginx inherits those
 * from an outer level only when the inner level sets none, so it is the innermost level's list.
 */
export function inheritedList(name: string, parents: readonly NginxDirective[], topLevel: readonly NginxDirective[]): readonly NginxDirective[] {
  for (const level of levelsOutward(parents, topLevel)) {
    const list = namedIn(level, name);
    if (list.length > 0) return list;
  }
  return NONE;
}

/** The levels a directive inherits from, innermost first: its enclosing blocks (`parents` is outermost first), then the file's top level. */
export function* levelsOutward(parents: readonly NginxDirective[], topLevel: readonly NginxDirective[]): Generator<readonly NginxDirective[]> {
  for (let p = parents.length - 1; p >= 0; p--) yield parents[p]!.block ?? [];
  yield topLevel;
}

/**
 * The directives called `name` in one block (not nested ones), in order, from an index built
 * once per block: thousands of locations asking what one big `http {}` sets would otherwise
 * each rescan it (quadratic).
 */
export function namedIn(level: readonly NginxDirective[], name: string): readonly NginxDirective[] {
  let index = BY_NAME.get(level);
  if (!index) {
    index = new Map();
    for (const d of level) {
      const list = index.get(d.name);
      if (list) list.push(d);
      else index.set(d.name, [d]);
    }
    BY_NAME.set(level, index);
  }
  return index.get(name) ?? NONE;
}
const BY_NAME = new WeakMap<readonly NginxDirective[], Map<string, NginxDirective[]>>();
const NONE: readonly NginxDirective[] = Object.freeze([]);
