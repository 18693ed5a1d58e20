import { posix } from "node:path";
import type { DockerInstruction, DockerStage, Dockerfile } from "../../parsers/dockerfile/ast.js";
import type { ShellCommand, ShellWord } from "../../parsers/shell/ast.js";

/**
 * Stage-level facts of a Dockerfile that several Dockerfile rules share:
 * which stage an instruction belongs to, which stages end up in the final
 * image, which shell RUN uses, and the program a RUN command really starts.
 */

/** The stage a `FROM <stage>` names, when the name is an earlier stage's alias. */
export function parentStage(ast: Dockerfile, stage: DockerStage): DockerStage | undefined {
  const index = ast.stages.indexOf(stage);
  const name = stage.image.toLowerCase();
  for (let i = index - 1; i >= 0; i--) if (ast.stages[i]!.alias === name) return ast.stages[i];
  return undefined;
}

/** The stage and the stages it is built `FROM`, base first. */
export function stageChain(ast: Dockerfile, stage: DockerStage): DockerStage[] {
  const chain: DockerStage[] = [stage];
  for (let s = parentStage(ast, stage); s && !chain.includes(s); s = parentStage(ast, s)) chain.unshift(s);
  return chain;
}

/** Stages whose layers end up in the image `docker build` produces (the last stage and its FROM chain). */
export function finalImageStages(ast: Dockerfile): Set<DockerStage> {
  const last = ast.stages[ast.stages.length - 1];
  return new Set(last ? stageChain(ast, last) : []);
}

/** The image a stage is really based on (through stage aliases): `python:3.9`, `scratch`, or "" when unknown. */
export function stageBaseImage(ast: Dockerfile, stage: DockerStage): string {
  return stageChain(ast, stage)[0]?.image ?? "";
}

/**
 * Does RUN use a POSIX shell at this instruction? False after a `SHELL`
 * instruction that selects PowerShell or cmd (Windows images), where the
 * shell parser's view of RUN does not apply.
 */
export function runsPosixShell(ast: Dockerfile, stage: DockerStage, instr: DockerInstruction): boolean {
  let posixShell = true;
  for (const s of stageChain(ast, stage)) {
    for (const i of s.instructions) {
      if (i === instr) return posixShell;
      if (i.keyword === "SHELL" && i.form === "exec" && i.execArgs?.[0]) {
        posixShell = /^(?:ba|da|z|k|mk|a)?sh$/.test(posix.basename(i.execArgs[0].value.toLowerCase()).replace(/\.exe$/, ""));
      }
    }
  }
  return posixShell;
}

/** The SHELL instruction in effect for an instruction of the stage, if any. */
export function shellInstruction(ast: Dockerfile, stage: DockerStage, instr: DockerInstruction): DockerInstruction | undefined {
  let found: DockerInstruction | undefined;
  for (const s of stageChain(ast, stage)) {
    for (const i of s.instructions) {
      if (i === instr) return found;
      if (i.keyword === "SHELL") found = i;
    }
  }
  return found;
}

/**
 * The words of the program a command really starts: `sudo -u x apt-get ...`,
 * `env A=1 apt-get ...`, `command apt-get`, `exec apt-get` → `apt-get ...`.
 * `wrapper` is the first wrapper word (`sudo`) when there was one.
 */
export function programWords(command: ShellCommand): { words: ShellWord[]; wrapper: ShellWord | undefined } {
  const words = command.words;
  let i = 0;
  let wrapper: ShellWord | undefined;
  for (let guard = 0; guard < 8 && i < words.length; guard++) {
    const name = posix.basename(words[i]!.value);
    if (name === "sudo") {
      wrapper ??= words[i];
      i++;
      // sudo options; -u/-g/-C/-D/-h/-p/-r/-t/-T/-U take a value
      while (i < words.length && words[i]!.value.startsWith("-")) {
        const opt = words[i]!.value;
        i++;
        if (opt === "--") break;
        if (/^-[ugCDhprtTU]$/.test(opt)) i++;
      }
    } else if (name === "env") {
      wrapper ??= words[i];
      i++;
      while (i < words.length && (words[i]!.value.startsWith("-") || /^[A-Za-z_]\w*=/.test(words[i]!.value))) {
        const opt = words[i]!.value;
        i++;
        if (opt === "-u" || opt === "-C" || opt === "-S") i++;
      }
    } else if (name === "command" || name === "exec" || name === "nohup" || name === "time") {
      i++;
      while (i < words.length && words[i]!.value.startsWith("-")) i++;
    } else break;
  }
  return { words: words.slice(i), wrapper };
}

/** The basename of the program a command starts (see programWords): `apt-get`, `pip3`. */
export function programName(command: ShellCommand): string {
  return posix.basename(programWords(command).words[0]?.value ?? "");
}
