import { posix } from "node:path";
import { defineRule } from "../../src/engine/rule.js";
import { runCommands } from "../../src/model/image/dockerfile-image.js";
import { runsPosixShell, stageBaseImage, stageChain } from "../../src/model/image/dockerfile-stages.js";
import type { DockerInstruction, DockerStage } from "../../src/parsers/dockerfile/ast.js";

export default defineRule({
  meta: {
    id: "sudo-in-run",
    description: "`sudo` in a Dockerfile RUN",
    severity: "warning",
    category: "dockerfile",
    files: ["dockerfile"],
    messages: {
      asRoot:
        "RUN already runs as root here: `sudo` adds nothing, and most base images do not even have it (`/bin/sh: 1: sudo: not found`); remove `sudo`",
      baseUser:
        "`sudo` in a build step: RUN runs as root unless the base image sets another USER, so `sudo` either adds nothing or needs a password nobody can type during the build (`sudo: a terminal is required to read the password`); use `USER root` for the steps that need it",
      asUser:
        "RUN runs as `{{user}}` here (USER on line {{line}}): `sudo` needs a password nobody can type during a build (`sudo: a terminal is required to read the password`) unless sudoers allows it, and it leaves sudo in the image; do the root work before `USER {{user}}`",
    },
    fixable: false,
  },
  check({ project, report }) {
    for (const file of project.filesOf("dockerfile")) {
      for (const stage of file.ast.stages) {
        for (const instr of stage.instructions) {
          if (instr.keyword !== "RUN" || instr.form !== "shell" || !runsPosixShell(file.ast, stage, instr)) continue;
          for (const command of runCommands(instr)) {
            const word = command.words[0];
            if (!word || posix.basename(word.value) !== "sudo") continue;
            const user = userBefore(stageChain(file.ast, stage), instr);
            const at = { file: file.source, start: word.start, end: word.end };
            // a `USER $X` is unknown: say nothing about who runs it
            if (user && user.name.includes("$")) continue;
            if (user && !isRoot(user.name)) report({ messageId: "asUser", data: { user: user.name, line: user.instr.startLine }, at });
            else if (user || officialBase(stageBaseImage(file.ast, stage))) report({ messageId: "asRoot", at });
            else report({ messageId: "baseUser", at });
          }
        }
      }
    }
  },
});

/** The USER in effect for an instruction (within this Dockerfile; a base image may set one too). */
function userBefore(chain: DockerStage[], instr: DockerInstruction): { name: string; instr: DockerInstruction } | undefined {
  let user: { name: string; instr: DockerInstruction } | undefined;
  for (const s of chain) {
    for (const i of s.instructions) {
      if (i === instr) return user;
      if (i.keyword === "USER") user = { name: i.args.trim(), instr: i };
    }
  }
  return user;
}

function isRoot(user: string): boolean {
  return /^(?:root|0)(?::.*)?$/.test(user);
}

/** Official images (`python`, `library/debian`) run as root unless the Dockerfile says otherwise. */
function officialBase(image: string): boolean {
  const name = image.replace(/[:@].*$/, "").replace(/^(?:docker\.io\/)?library\//, "");
  return name !== "" && !name.includes("/") && !name.includes("$");
}
