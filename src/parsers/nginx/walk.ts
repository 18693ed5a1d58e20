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
 * Like walkDirectives, with the enclosing block directives (outermost first).
 * `parents` is one shared array, valid only until the next step: copy it to keep it.
 */
export function* walkWithParents(directives: readonly NginxDirective[]): Generator<{ directive: NginxDirective; parents: readonly NginxDirective[] }> {
  const parents: NginxDirective[] = [];
  const stack: { list: readonly NginxDirective[]; index: number }[] = [{ list: directives, index: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.index >= top.list.length) {
      stack.pop();
      parents.pop();
      continue;
    }
    const d = top.list[top.index++]!;
    yield { directive: d, parents };
    if (d.block && d.block.length > 0) {
      parents.push(d);
      stack.push({ list: d.block, index: 0 });
    }
  }
}

/**
 * The directive `name` in effect for `directive`: nginx inherits most
 * settings from the enclosing blocks unless a block sets its own.
 */
export function inherited(name: string, directive: NginxDirective, parents: readonly NginxDirective[], topLevel: readonly NginxDirective[]): NginxDirective | undefined {
  void directive;
  for (let p = parents.length - 1; p >= 0; p--) {
    const found = lastNamed(parents[p]!.block ?? [], name);
    if (found) return found;
  }
  return lastNamed(topLevel, name);
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

function lastNamed(level: readonly NginxDirective[], name: string): NginxDirective | undefined {
  const list = namedIn(level, name);
  return list[list.length - 1];
}
