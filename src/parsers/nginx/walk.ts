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
  const levels: (readonly NginxDirective[])[] = [...parents.map((p) => p.block ?? []).reverse(), topLevel];
  void directive;
  for (const level of levels) {
    for (let i = level.length - 1; i >= 0; i--) if (level[i]!.name === name) return level[i];
  }
  return undefined;
}
