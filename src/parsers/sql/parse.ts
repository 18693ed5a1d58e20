import type { SourceFile } from "../../source/source-file.js";
import type { SqlScript, SqlStatement } from "./ast.js";

/**
 * Split an init script into statements the way the mysql client does:
 * `;` ends a statement unless it is inside '...', "...", `...`, a `-- `/`#`
 * line comment or a block comment. `DELIMITER` changes are honoured.
 */
export function parseSql(file: SourceFile): SqlScript {
  const text = file.text;
  const statements: SqlStatement[] = [];
  const problems: SqlScript["problems"] = [];
  let delimiter = ";";
  let start = -1;
  let normalized = "";
  const flush = (end: number): void => {
    if (start >= 0 && normalized.trim() !== "") statements.push({ start, end, normalized: normalized.replace(/\s+/g, " ").trim() });
    start = -1;
    normalized = "";
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const lineStart = i === 0 || text[i - 1] === "\n";
    if (lineStart && start < 0 && /^[ \t]*delimiter[ \t]+\S+/i.test(text.slice(i, i + 64))) {
      const m = /^[ \t]*delimiter[ \t]+(\S+)/i.exec(text.slice(i, i + 64))!;
      delimiter = m[1]!;
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl + 1;
      continue;
    }
    if (c === "-" && text[i + 1] === "-" && /[ \t\r\n]/.test(text[i + 2] ?? "\n")) {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if (c === "#") {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      if (close < 0) {
        problems.push({ message: "unterminated comment", start: i, end: i + 2 });
        break;
      }
      i = close + 2;
      normalized += " ";
      continue;
    }
    if (text.startsWith(delimiter, i)) {
      flush(i + delimiter.length);
      i += delimiter.length;
      continue;
    }
    if (start < 0 && !/\s/.test(c)) start = i;
    if (c === "'" || c === '"' || c === "`") {
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === "\\" && c !== "`") {
          j++;
          continue;
        }
        if (text[j] === c) {
          if (text[j + 1] === c) {
            j++;
            continue;
          }
          break;
        }
      }
      if (j >= text.length) {
        problems.push({ message: `unterminated ${c === "`" ? "identifier" : "string"}`, start: i, end: i + 1 });
        normalized += text.slice(i);
        i = text.length;
        break;
      }
      normalized += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    normalized += c;
    i++;
  }
  flush(text.length);
  return { statements, problems };
}
