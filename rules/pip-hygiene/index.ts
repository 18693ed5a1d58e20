import { posix } from "node:path";
import { defineRule, fixed } from "../../src/engine/rule.js";
import { runCommands } from "../../src/model/image/dockerfile-image.js";
import { finalImageStages, programWords, runsPosixShell, stageChain } from "../../src/model/image/dockerfile-stages.js";
import type { DockerInstruction } from "../../src/parsers/dockerfile/ast.js";
import type { ShellCommand, ShellWord } from "../../src/parsers/shell/ast.js";

export default defineRule({
  meta: {
    id: "pip-hygiene",
    description: "`pip install` without `--no-cache-dir` in a Dockerfile: the wheel cache stays in the image",
    severity: "info",
    category: "dockerfile",
    files: ["dockerfile"],
    messages: {
      noCacheDir:
        "`{{pip}} install` keeps every downloaded and built wheel in `/root/.cache/pip`, which stays in the image layer (often tens to hundreds of MB) and is never used again; add `--no-cache-dir` (or set `ENV PIP_NO_CACHE_DIR=1` once)",
    },
    fixable: true,
  },
  check({ project, report }) {
    for (const file of project.filesOf("dockerfile")) {
      const ast = file.ast;
      // the cache only matters in stages whose layers end up in the image
      for (const stage of finalImageStages(ast)) {
        const chain = stageChain(ast, stage);
        for (const instr of stage.instructions) {
          if (instr.keyword !== "RUN" || instr.form !== "shell" || !runsPosixShell(ast, stage, instr)) continue;
          if (cacheDisabledBefore(chain, instr) || instr.flags.some((f) => f.name === "mount" && /target=[^,]*\.cache/.test(f.value ?? ""))) continue;
          const commands = runCommands(instr);
          commands.forEach((command, index) => {
            const call = pipInstall(command);
            if (!call) return;
            if (call.args.some((w) => w.value === "--no-cache-dir" || w.value === "--no-cache")) return;
            if (command.assignments.some((a) => a.value.startsWith("PIP_NO_CACHE_DIR="))) return;
            if (commands.slice(index + 1).some(removesPipCache)) return;
            report({
              messageId: "noCacheDir",
              data: { pip: fixed(call.pip) },
              at: { file: file.source, start: call.install.start, end: call.install.end },
              fix: { safe: true, edits: [{ file: file.source, start: call.install.end, end: call.install.end, text: " --no-cache-dir" }] },
            });
          });
        }
      }
    }
  },
});

/** `pip install`, `pip3 install`, `python -m pip install`, `python3.11 -m pip install`. */
function pipInstall(command: ShellCommand): { pip: string; install: ShellWord; args: ShellWord[] } | undefined {
  const { words } = programWords(command);
  const name = posix.basename(words[0]?.value ?? "");
  let i = 1;
  let pip: string;
  if (/^pip[\d.]*$/.test(name)) pip = name;
  else if (/^python[\d.]*$/.test(name) && words[1]?.value === "-m" && words[2]?.value === "pip") {
    pip = `${name} -m pip`;
    i = 3;
  } else return undefined;
  // global options before the subcommand (`pip -q install`, `pip --disable-pip-version-check install`)
  while (i < words.length && words[i]!.value.startsWith("-")) i++;
  const install = words[i];
  if (install?.value !== "install") return undefined;
  return { pip, install, args: words.slice(1) };
}

/** `ENV PIP_NO_CACHE_DIR=1` / `ARG PIP_NO_CACHE_DIR=1` earlier in the stage chain, or `pip config set global.no-cache-dir`. */
function cacheDisabledBefore(chain: { instructions: DockerInstruction[] }[], instr: DockerInstruction): boolean {
  for (const stage of chain) {
    for (const i of stage.instructions) {
      if (i === instr) return false;
      if ((i.keyword === "ENV" || i.keyword === "ARG") && /(?:^|\s)PIP_NO_CACHE_DIR(?:[=\s]|$)/.test(i.args)) return true;
      if (i.keyword === "RUN" && i.form === "shell" && runCommands(i).some((c) => c.words.some((w) => w.value.endsWith("no-cache-dir")) && !pipInstall(c))) return true;
    }
  }
  return false;
}

function removesPipCache(command: ShellCommand): boolean {
  const name = posix.basename(programWords(command).words[0]?.value ?? "");
  if (name === "rm") return command.words.some((w) => /(?:^|\/)\.cache(?:\/pip)?\/?(?:\*)?$/.test(w.value));
  // `pip cache purge`
  return /^pip[\d.]*$/.test(name) && command.words[1]?.value === "cache" && command.words[2]?.value === "purge";
}
