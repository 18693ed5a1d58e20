import { posix } from "node:path";
import { defineRule } from "../../src/engine/rule.js";
import { runCommands } from "../../src/model/image/dockerfile-image.js";
import type { ShellCommand } from "../../src/parsers/shell/ast.js";
import type { SourceFile } from "../../src/source/source-file.js";

/** `s/r//`, `s/r//g`, `s|r||`: after the shell removed quotes and backslashes, the pattern is a plain `r`. */
const BROKEN_SED = /^s(.)r\1\1[gI0-9]*$/;

export default defineRule({
  meta: {
    id: "crlf-fix-wrong",
    description: "a line-ending \"fix\" that does not remove `\\r` (`sed 's/r//'`, `tr -d 'r'`)",
    severity: "error",
    category: "shell",
    files: ["dockerfile", "shell"],
    messages: {
      sed:
        "`sed '{{script}}'` deletes the first letter \"r\" of every line (`makemigrations` becomes `makemigations`), not the carriage return it means to remove: the backslash of `\\r` is missing; use `sed -i 's/\\r$//'`",
      tr: "`tr -d '{{chars}}'` deletes every letter \"r\", not carriage returns: use `tr -d '\\r'`",
    },
    fixable: true,
  },
  check({ project, report }) {
    const visit = (file: SourceFile, commands: ShellCommand[]): void => {
      for (const command of commands) {
        const name = posix.basename(command.words[0]?.value ?? "");
        if (name === "sed") {
          for (const word of command.words.slice(1)) {
            if (!BROKEN_SED.test(word.value)) continue;
            report({
              messageId: "sed",
              at: { file, start: word.start, end: word.end },
              data: { script: word.value },
              fix: { safe: true, edits: [{ file, start: word.start, end: word.end, text: "'s/\\r$//'" }] },
            });
          }
        } else if (name === "tr") {
          const d = command.words.findIndex((w) => /^-\w*d/.test(w.value));
          const set = d >= 0 ? command.words[d + 1] : undefined;
          if (set && /^r+$/.test(set.value)) {
            report({ messageId: "tr", at: { file, start: set.start, end: set.end }, data: { chars: set.value }, fix: { safe: true, edits: [{ file, start: set.start, end: set.end, text: "'\\r'" }] } });
          }
        }
      }
    };
    for (const file of project.filesOf("dockerfile")) {
      for (const instr of file.ast.instructions) if (instr.keyword === "RUN") visit(file.source, runCommands(instr));
    }
    for (const file of project.filesOf("shell")) visit(file.source, file.ast.commands);
  },
});
