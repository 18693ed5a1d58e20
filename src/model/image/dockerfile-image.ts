import { posix } from "node:path";
import type { DockerInstruction } from "../../parsers/dockerfile/ast.js";
import type { ShellCommand } from "../../parsers/shell/ast.js";
import { parseShellCommands } from "../../parsers/shell/parse.js";
import type { ProjectFile } from "../../project/project.js";
import { parseImageRef } from "../image-ref.js";
import type { CommandSpec, ImageRef, Loc, Value } from "../types.js";

/** A COPY/ADD of build-context paths into the image. */
export interface ImageCopy {
  sources: string[];
  /** Absolute destination inside the image (WORKDIR applied); ends with "/" when it is a directory. */
  dest: string;
  instruction: DockerInstruction;
  /** `--from=stage`: copies from another stage, not from the context. */
  fromStage: boolean;
}

/** A RUN instruction with its commands parsed once. */
export interface ImageRun {
  instruction: DockerInstruction;
  commands: ShellCommand[];
  /** WORKDIR in effect for this RUN. */
  workdir: string;
}

/** What the final stage of a Dockerfile builds: the facts the container model needs. */
export interface DockerImage {
  file: ProjectFile<"dockerfile">;
  base: ImageRef | undefined;
  /** Image name of the first stage in the chain that is not another stage (multi-stage resolved). */
  workdir: string;
  env: Map<string, string>;
  copies: ImageCopy[];
  runs: ImageRun[];
  cmd: CommandSpec | undefined;
  entrypoint: CommandSpec | undefined;
  cmdInstruction: DockerInstruction | undefined;
  entrypointInstruction: DockerInstruction | undefined;
  expose: { port: number; loc: Loc }[];
  user: string | undefined;
}

export function analyzeDockerfile(file: ProjectFile<"dockerfile">): DockerImage | undefined {
  const stages = file.ast.stages;
  const final = stages[stages.length - 1];
  if (!final) return undefined;
  const loc = (start: number, end: number): Loc => ({ file: file.source, start, end });
  // Resolve the base through stage aliases: `FROM builder` means builder's base image.
  const aliases = new Map(stages.map((s) => [s.alias ?? "", s]));
  let baseStage = final;
  for (let hops = 0; hops < stages.length && aliases.has(baseStage.image.toLowerCase()); hops++) baseStage = aliases.get(baseStage.image.toLowerCase())!;
  const base = baseStage.image && baseStage.image !== "scratch" ? parseImageRef(baseStage.image, loc(baseStage.imageRange.start, baseStage.imageRange.end)) : undefined;

  const image: DockerImage = {
    file, base, workdir: "/", env: new Map(), copies: [], runs: [], cmd: undefined, entrypoint: undefined,
    cmdInstruction: undefined, entrypointInstruction: undefined, expose: [], user: undefined,
  };
  // ENV and WORKDIR of a stage based on another stage carry over.
  const chain = [];
  for (let s: typeof final | undefined = final, hops = 0; s && hops <= stages.length; hops++) {
    chain.unshift(s);
    s = aliases.get(s.image.toLowerCase());
    if (s === chain[0]) break;
  }
  for (const stage of chain) {
    for (const instr of stage.instructions) applyInstruction(image, instr, loc);
  }
  return image;
}

function applyInstruction(image: DockerImage, instr: DockerInstruction, loc: (s: number, e: number) => Loc): void {
  const subst = (text: string): string => substitute(text, image.env);
  switch (instr.keyword) {
    case "ENV":
    case "ARG": {
      for (const [k, v] of parseKeyValues(instr.args, instr.keyword === "ENV")) image.env.set(k, subst(v));
      break;
    }
    case "WORKDIR": {
      const dir = subst(instr.args.trim().replace(/^["']|["']$/g, ""));
      if (dir) image.workdir = posix.resolve(image.workdir, dir);
      break;
    }
    case "USER":
      image.user = instr.args.trim();
      break;
    case "COPY":
    case "ADD": {
      const parts = instr.form === "exec" && instr.execArgs ? instr.execArgs.map((a) => a.value) : instr.args.trim().split(/\s+/).filter(Boolean);
      if (parts.length < 2 || instr.heredocs.length > 0) break;
      const destRaw = subst(parts[parts.length - 1]!);
      const isDir = destRaw.endsWith("/") || parts.length > 2;
      let dest = posix.resolve(image.workdir, destRaw);
      if (isDir && !dest.endsWith("/")) dest += "/";
      image.copies.push({
        sources: parts.slice(0, -1).map(subst),
        dest,
        instruction: instr,
        fromStage: instr.flags.some((f) => f.name === "from"),
      });
      break;
    }
    case "RUN": {
      if (instr.form === "exec") break;
      image.runs.push({ instruction: instr, commands: runCommands(instr), workdir: image.workdir });
      break;
    }
    case "CMD":
    case "ENTRYPOINT": {
      const spec = commandSpec(instr, loc);
      if (instr.keyword === "CMD") {
        image.cmd = spec;
        image.cmdInstruction = instr;
      } else {
        image.entrypoint = spec;
        image.entrypointInstruction = instr;
        // Docker resets CMD inherited from the base when ENTRYPOINT is set in this Dockerfile.
        if (!image.cmdInstruction) image.cmd = undefined;
      }
      break;
    }
    case "EXPOSE":
      for (const m of instr.args.matchAll(/(\d+)(?:\/\w+)?/g)) {
        const start = instr.argsRange.start + (m.index ?? 0);
        image.expose.push({ port: Number(m[1]), loc: loc(start, start + m[0].length) });
      }
      break;
    default:
      break;
  }
}

function commandSpec(instr: DockerInstruction, loc: (s: number, e: number) => Loc): CommandSpec {
  const whole = loc(instr.start, instr.end);
  if (instr.form === "exec" && instr.execArgs) {
    const argv: Value[] = instr.execArgs.map((a) => ({ text: a.value, loc: loc(a.start, a.end), unknown: false, via: [] }));
    return { form: "exec", argv, loc: whole };
  }
  const text = instr.args.trim();
  const offset = instr.argsRange.start + instr.args.indexOf(text);
  return { form: "shell", argv: [{ text, loc: loc(offset, offset + text.length), unknown: false, via: [] }], loc: whole };
}

const RUN_COMMANDS = new WeakMap<DockerInstruction, ShellCommand[]>();

/** The shell commands of a shell-form RUN, parsed once per instruction (heredoc bodies included). */
export function runCommands(instr: DockerInstruction): ShellCommand[] {
  let commands = RUN_COMMANDS.get(instr);
  if (!commands) {
    commands = instr.form === "exec" ? [] : parseShellCommands(instr.args, instr.argsRange.start).commands;
    for (const h of instr.heredocs) commands.push(...parseShellCommands(h.body, h.bodyRange.start).commands);
    RUN_COMMANDS.set(instr, commands);
  }
  return commands;
}

/** `ENV A=1 B="x y"` and the legacy `ENV A 1` form. */
function parseKeyValues(args: string, legacyAllowed: boolean): [string, string][] {
  const text = args.trim();
  const out: [string, string][] = [];
  if (legacyAllowed && /^[A-Za-z_][\w.-]*\s/.test(text) && !/^[A-Za-z_][\w.-]*=/.test(text)) {
    const m = /^(\S+)\s+([\s\S]*)$/.exec(text);
    if (m) out.push([m[1]!, unquote(m[2]!.trim())]);
    return out;
  }
  const re = /([A-Za-z_][\w.-]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g;
  for (const m of text.matchAll(re)) out.push([m[1]!, unquote(m[2] ?? "")]);
  return out;
}

function unquote(value: string): string {
  if (value.length >= 2 && ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")))) {
    return value.slice(1, -1).replace(/\\(.)/g, "$1");
  }
  return value;
}

/** `$VAR` / `${VAR}` / `${VAR:-x}` with the image's ENV/ARG values, as Docker does for these instructions. */
export function substitute(text: string, env: Map<string, string>): string {
  if (!text.includes("$")) return text;
  return text.replace(/\$\{([A-Za-z_]\w*)(?::?[-+]([^}]*))?\}|\$([A-Za-z_]\w*)/g, (whole, braced: string | undefined, def: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? "";
    const v = env.get(name);
    if (v !== undefined && v !== "") return v;
    return def ?? (env.has(name) ? "" : whole);
  });
}
