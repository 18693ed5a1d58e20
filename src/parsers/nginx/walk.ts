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
