import type { TextEdit } from "../engine/rule.js";
import type { SourceFile } from "../source/source-file.js";

/** Edits that turn CRLF (and lone CR) line endings into LF: one deletion per `\r`. */
export function crlfToLfEdits(file: SourceFile): TextEdit[] {
  const edits: TextEdit[] = [];
  const text = file.text;
  for (let i = text.indexOf("\r"); i >= 0; i = text.indexOf("\r", i + 1)) {
    edits.push(text.charCodeAt(i + 1) === 10 ? { file, start: i, end: i + 1, text: "" } : { file, start: i, end: i + 1, text: "\n" });
  }
  return edits;
}
