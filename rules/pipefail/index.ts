import { posix } from "node:path";
import { defineRule } from "../../src/engine/rule.js";
import { runCommands } from "../../src/model/image/dockerfile-image.js";
import { programName, runsPosixShell, shellInstruction } from "../../src/model/image/dockerfile-stages.js";
import type { ShellCommand } from "../../src/parsers/shell/ast.js";

/** Commands that cannot fail on the left of a pipe. */
const CANNOT_FAIL = new Set(["echo", "printf", "yes", "true"]);

export default defineRule({
  meta: {
    id: "pipefail",
    description: "RUN with a pipe and no `pipefail`: a failing left side does not fail the build",
    severity: "info",
    category: "dockerfile",
    files: ["dockerfile"],
    messages: {
      pipe:
        "if `{{left}}` fails here the RUN still succeeds: a pipeline's status is that of its last command (`{{right}}`), so a failed download or step passes silently into the image; add `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before this RUN (not `set -o pipefail` on Debian, whose /bin/sh is dash: \"set: Illegal option -o pipefail\"; on Alpine `set -o pipefail &&` works)",
    },
    fixable: false,
  },
  check({ project, report }) {
    for (const file of project.filesOf("dockerfile")) {
      for (const stage of file.ast.stages) {
        for (const instr of stage.instructions) {
          if (instr.keyword !== "RUN" || instr.form !== "shell" || !runsPosixShell(file.ast, stage, instr)) continue;
          const shell = shellInstruction(file.ast, stage, instr);
          if (shell?.execArgs?.some((a) => a.value === "pipefail")) continue;
          const commands = runCommands(instr);
          let pipefail = false;
          for (let i = 0; i < commands.length; i++) {
            const command = commands[i]!;
            if (setsPipefail(command)) pipefail = true;
            if (pipefail || command.terminator !== "|" || !command.terminatorRange) continue;
            // the whole pipeline: this command and the ones it pipes into
            let end = i;
            while (commands[end]?.terminator === "|" && end + 1 < commands.length) end++;
            const left = commands.slice(i, end);
            i = end;
            if (left.every((c) => CANNOT_FAIL.has(programName(c)))) continue;
            const failing = left.find((c) => !CANNOT_FAIL.has(programName(c)))!;
            report({
              messageId: "pipe",
              data: { left: posix.basename(failing.words[0]?.value ?? ""), right: posix.basename(commands[end]?.words[0]?.value ?? "") },
              at: { file: file.source, start: command.terminatorRange.start, end: command.terminatorRange.end },
            });
            break;
          }
        }
      }
    }
  },
});

/** `set -o pipefail`, `set -eo pipefail`, `set -euxo pipefail`. */
function setsPipefail(command: ShellCommand): boolean {
  const w = command.words;
  if (w[0]?.value !== "set") return false;
  return w.some((x, i) => x.value === "pipefail" && i > 0 && /^-\w*o$/.test(w[i - 1]!.value));
}
