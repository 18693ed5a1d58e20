import { defineRule, type TextEdit } from "../../src/engine/rule.js";
import { deref, isPair, isScalar, nodeRange, pairKey, type YamlNode } from "../../src/parsers/compose/parse.js";
import { positionAt, type SourceFile } from "../../src/source/source-file.js";

export default defineRule({
  meta: {
    id: "compose-version-obsolete",
    description: "top-level `version:` in a compose file: Compose v2 ignores it and warns that it is obsolete",
    severity: "info",
    category: "compose",
    files: ["compose"],
    messages: {
      obsolete:
        "`version: {{value}}` is obsolete: docker compose v2 ignores it (it always uses the Compose Specification, whatever the number says) and warns on every command (\"the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion\"); remove the line",
    },
    fixable: true,
  },
  check({ project, report }) {
    for (const file of project.filesOf("compose")) {
      const { doc, root } = file.ast;
      if (!root) continue;
      for (const item of root.items) {
        if (!isPair(item) || pairKey(item) !== "version") continue;
        const keyRange = nodeRange(item.key as YamlNode);
        if (!keyRange) continue;
        const value = deref(doc, item.value);
        const range = nodeRange(value);
        const text = range && isScalar(value) ? file.source.text.slice(range.start, range.end) : "…";
        const edit = root.flow ? undefined : lineRemoval(file.source, keyRange.start, item.value as YamlNode | null);
        report({
          messageId: "obsolete",
          at: { file: file.source, start: keyRange.start, end: keyRange.end },
          data: { value: text },
          ...(edit ? { fix: { safe: true, edits: [edit] } } : {}),
        });
      }
    }
  },
});

/**
 * Delete the whole `version: "3"` line, only when it holds nothing else than
 * the key, a one-line scalar and maybe a comment. A blank line left at the top
 * of the file (or doubled) goes too, so the file does not start with a gap.
 */
function lineRemoval(file: SourceFile, keyStart: number, valueNode: YamlNode | null): TextEdit | undefined {
  const value = valueNode && isScalar(valueNode) ? valueNode : undefined;
  if (!value || value.type === "BLOCK_FOLDED" || value.type === "BLOCK_LITERAL" || value.anchor || value.tag) return undefined;
  const range = nodeRange(value);
  if (!range) return undefined;
  const { line } = positionAt(file, keyStart);
  const start = file.lineStarts[line - 1]!;
  if (start !== keyStart) return undefined; // indented or after something else on the line
  const next = file.lineStarts[line] ?? file.text.length;
  const rest = file.text.slice(range.end, next).replace(/\r?\n$|\r$/, "");
  if (positionAt(file, range.end).line !== line || !/^[ \t]*(#.*)?$/.test(rest)) return undefined;
  let end = next;
  const prevBlank = line === 1 || /^[ \t]*\r?\n?$/.test(file.text.slice(file.lineStarts[line - 2]!, start));
  if (prevBlank && end < file.text.length) {
    const after = file.lineStarts[line + 1] ?? file.text.length;
    if (/^[ \t]*(\r?\n|\r)?$/.test(file.text.slice(end, after))) end = after;
  }
  return { file, start, end, text: "" };
}
