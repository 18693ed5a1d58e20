import { defineRule } from "../../src/engine/rule.js";
import { runCommands } from "../../src/model/image/dockerfile-image.js";
import { programName, runsPosixShell } from "../../src/model/image/dockerfile-stages.js";

export default defineRule({
  meta: {
    id: "cd-in-run",
    description: "`RUN cd dir && ...` instead of `WORKDIR dir`",
    severity: "info",
    category: "dockerfile",
    files: ["dockerfile"],
    messages: {
      cd:
        "`cd {{dir}}` only lasts for this RUN: the next RUN, COPY and the container's CMD start in the WORKDIR again, which is easy to forget when the next line uses a relative path; use `WORKDIR {{dir}}` (it also creates the directory)",
    },
    fixable: false,
  },
  check({ project, report }) {
    for (const file of project.filesOf("dockerfile")) {
      for (const stage of file.ast.stages) {
        for (const instr of stage.instructions) {
          if (instr.keyword !== "RUN" || instr.form !== "shell" || !runsPosixShell(file.ast, stage, instr)) continue;
          // only a `cd` of the RUN's own command list; one in `( )`, `$( )`, `if` or a function is local by design
          const cd = runCommands(instr).find((c) => c.depth === 0 && c.enclosing.length === 0 && !c.inFunction && programName(c) === "cd");
          const dir = cd?.words[1];
          if (!cd || !dir || dir.value === "-" || dir.value.startsWith("-")) continue;
          const name = cd.words[0]!;
          report({ messageId: "cd", data: { dir: dir.value }, at: { file: file.source, start: name.start, end: dir.end } });
        }
      }
    }
  },
});
