import { defineRule } from "../../src/engine/rule.js";
import { crlfToLfEdits } from "../../src/fix/line-endings.js";
import type { ProjectFile } from "../../src/project/project.js";
import { lineRange } from "../../src/source/source-file.js";

export default defineRule({
  meta: {
    id: "script-crlf",
    description: "a shell script with Windows (CRLF) line endings that a container runs",
    severity: "error",
    category: "shell",
    files: ["shell", "compose", "dockerfile"],
    messages: {
      executed:
        "{{script}} has Windows (CRLF) line endings and container \"{{service}}\" runs it: bash sees `\\r` at the end of every line (\"{{interpreter}}: bad interpreter\" / \"cannot execute: required file not found\", \"$'\\r': command not found\"); save it with LF endings and add `*.sh text eol=lf` to .gitattributes",
      notExecuted:
        "{{script}} has Windows (CRLF) line endings: if a container runs it, bash fails with \"$'\\r': command not found\" or \"cannot execute: required file not found\"; save it with LF endings",
      runBy: "container \"{{service}}\" runs the script here",
    },
    fixable: true,
  },
  check({ model, project, report }) {
    const executed = new Map<ProjectFile<"shell">, { service: string; loc: import("../../src/model/types.js").Loc }>();
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        const script = service.main?.script;
        if (script?.file && !executed.has(script.file)) executed.set(script.file, { service: service.name, loc: script.loc });
      }
    }
    for (const file of project.filesOf("shell")) {
      const source = file.source;
      if (source.lineEndings !== "crlf" && source.lineEndings !== "mixed" && source.lineEndings !== "cr") continue;
      const first = lineRange(source, 1);
      const runner = executed.get(file);
      const interpreter = file.ast.shebang ? file.ast.shebang.interpreter.replace(/\r$/, "") + "^M" : "/bin/sh^M";
      const fix = source.encoding === "utf-8" ? { safe: true, edits: crlfToLfEdits(source) } : undefined;
      report({
        messageId: runner ? "executed" : "notExecuted",
        severity: runner ? "error" : "warning",
        at: { file: source, start: first.start, end: first.end },
        data: { script: project.display(source.path), service: runner?.service ?? "", interpreter },
        ...(runner ? { related: [{ at: runner.loc, messageId: "runBy", data: { service: runner.service } }] } : {}),
        ...(fix ? { fix } : {}),
      });
    }
  },
});
