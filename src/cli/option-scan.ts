import { UsageError } from "./args-error.js";

/** One command-line word: `--name=value` is split; `value()` takes the inline value or consumes the next word. */
export interface ScannedOption {
  arg: string;
  name: string;
  value: () => string;
}

/** Walk argv the same way for every command (lint, explain, graph). */
export function* scanOptions(argv: readonly string[]): Generator<ScannedOption> {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    yield {
      arg,
      name,
      value: () => {
        if (inline !== undefined) return inline;
        const v = argv[++i];
        if (v === undefined) throw new UsageError(`${name} needs a value`);
        return v;
      },
    };
  }
}
