import { resolve } from "node:path";
import type { LintRun } from "../engine/lint.js";
import { lineRange, positionAt, type SourceFile } from "../source/source-file.js";
import type { SarifSource } from "./sarif.js";

/**
 * Answers the SARIF formatter's questions about the linted files from a lint
 * run (files already read; nothing is read twice). Line text is redacted, so
 * a fingerprint never hashes a secret.
 */
export function sarifSourceOf(run: LintRun, cwd: string): SarifSource {
  const cache = new Map<string, SourceFile | undefined>();
  const sourceOf = (file: string): SourceFile | undefined => {
    if (cache.has(file)) return cache.get(file);
    const path = resolve(cwd, file);
    const source = run.project.loaded(path)?.source ?? run.project.source(path);
    cache.set(file, source);
    return source;
  };
  return {
    lineText(file, line) {
      const source = sourceOf(file);
      if (!source || line < 1 || line > source.lineStarts.length) return undefined;
      const range = lineRange(source, line);
      return run.redact(source.text.slice(range.start, range.end));
    },
    positionAt(file, offset) {
      const source = sourceOf(file);
      return source ? positionAt(source, offset) : undefined;
    },
  };
}
