import { dirname, posix, resolve } from "node:path";
import type { ShellCommand, ShellWord } from "../parsers/shell/ast.js";
import type { ProjectFile } from "../project/project.js";
import { parseVolumeSpec, parsePortSpec } from "./compose/read-services.js";
import type { Loc, Value } from "./types.js";

/** A container started by `docker run` in a script, as written. */
export interface DockerRunSpec {
  name: string | undefined;
  image: Value;
  loc: Loc;
  args: { flag: string; value: ShellWord | undefined; loc: Loc }[];
  command: Value[];
  script: ProjectFile<"shell">;
}

/** An image built by `docker build` in a script: tag → context and Dockerfile. */
export interface DockerBuildSpec {
  tags: string[];
  context: string;
  dockerfile: string;
  loc: Loc;
}

/** `docker run` options that take a value (the rest are flags). */
const VALUE_OPTIONS = new Set([
  "-p", "--publish", "-v", "--volume", "-e", "--env", "--env-file", "--name", "--network", "--net", "--link", "-w", "--workdir",
  "--entrypoint", "-u", "--user", "--restart", "-h", "--hostname", "--mount", "-l", "--label", "--add-host", "--cpus", "-m",
  "--memory", "--log-driver", "--log-opt", "--device", "--dns", "--ip", "--cap-add", "--cap-drop", "--security-opt", "--ulimit",
  "--tmpfs", "--expose", "--platform", "--pull", "--gpus", "--shm-size", "--stop-signal", "--stop-timeout", "--health-cmd",
  "--health-interval", "--health-retries", "--health-timeout", "--network-alias", "--volumes-from", "--cidfile", "--pid", "--ipc",
  "--memory-swap", "--cpu-shares", "--cpuset-cpus", "--group-add", "--runtime", "--userns", "--uts", "--sysctl", "--label-file",
  "-a", "--attach", "--detach-keys", "--isolation", "--oom-score-adj",
]);

function loc(file: ProjectFile<"shell">, w: { start: number; end: number }): Loc {
  return { file: file.source, start: w.start, end: w.end };
}

function value(file: ProjectFile<"shell">, w: ShellWord): Value {
  return { text: w.value, loc: loc(file, w), unknown: w.hasExpansion, via: [] };
}

/** Index of the docker subcommand word (`run`, `build`), skipping global options like `-H host`. */
function subcommand(words: ShellWord[]): number {
  if (posix.basename(words[0]?.value ?? "") !== "docker") return -1;
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!.value;
    if (w === "-H" || w === "--host" || w === "--context" || w === "-c" || w === "--config") {
      i++;
      continue;
    }
    if (w.startsWith("-")) continue;
    if (w === "container" || w === "image") continue;
    return i;
  }
  return -1;
}

export function readDockerRuns(file: ProjectFile<"shell">): { runs: DockerRunSpec[]; builds: DockerBuildSpec[] } {
  const runs: DockerRunSpec[] = [];
  const builds: DockerBuildSpec[] = [];
  for (const command of file.ast.commands) {
    const words = command.words;
    const sub = subcommand(words);
    if (sub < 0) continue;
    const verb = words[sub]!.value;
    if (verb === "run" || verb === "create") {
      const spec = readRun(file, command, sub + 1);
      if (spec) runs.push(spec);
    } else if (verb === "build") {
      const b = readBuild(file, command, sub + 1);
      if (b) builds.push(b);
    }
  }
  return { runs, builds };
}

function readRun(file: ProjectFile<"shell">, command: ShellCommand, from: number): DockerRunSpec | undefined {
  const words = command.words;
  const args: DockerRunSpec["args"] = [];
  let i = from;
  for (; i < words.length; i++) {
    const w = words[i]!;
    const text = w.value;
    if (!text.startsWith("-") || text === "-") break;
    const eq = text.indexOf("=");
    if (text.startsWith("--") && eq > 0) {
      args.push({ flag: text.slice(0, eq), value: { ...w, value: text.slice(eq + 1), start: w.start + eq + 1 }, loc: loc(file, w) });
    } else if (VALUE_OPTIONS.has(text)) {
      const v = words[i + 1];
      args.push({ flag: text, value: v, loc: loc(file, { start: w.start, end: v?.end ?? w.end }) });
      i++;
    } else if (/^-[a-zA-Z]{2,}$/.test(text) && VALUE_OPTIONS.has("-" + text.slice(-1))) {
      // `-itp 80:80`: combined short flags, the last one takes a value
      const v = words[i + 1];
      args.push({ flag: "-" + text.slice(-1), value: v, loc: loc(file, { start: w.start, end: v?.end ?? w.end }) });
      i++;
    } else if (/^-[pvewuhlm]./.test(text) && VALUE_OPTIONS.has(text.slice(0, 2))) {
      args.push({ flag: text.slice(0, 2), value: { ...w, value: text.slice(2), start: w.start + 2 }, loc: loc(file, w) });
    } else args.push({ flag: text, value: undefined, loc: loc(file, w) });
  }
  const imageWord = words[i];
  if (!imageWord) return undefined;
  const name = args.find((a) => a.flag === "--name")?.value?.value;
  return {
    name,
    image: value(file, imageWord),
    loc: loc(file, { start: command.start, end: command.end }),
    args,
    command: words.slice(i + 1).map((w) => value(file, w)),
    script: file,
  };
}

function readBuild(file: ProjectFile<"shell">, command: ShellCommand, from: number): DockerBuildSpec | undefined {
  const words = command.words;
  const tags: string[] = [];
  let dockerfile: string | undefined;
  let context: string | undefined;
  for (let i = from; i < words.length; i++) {
    const t = words[i]!.value;
    if (t === "-t" || t === "--tag") tags.push(words[++i]?.value ?? "");
    else if (t.startsWith("--tag=")) tags.push(t.slice(6));
    else if (t === "-f" || t === "--file") dockerfile = words[++i]?.value;
    else if (t.startsWith("--file=")) dockerfile = t.slice(7);
    else if (t.startsWith("-")) {
      if (["--build-arg", "--target", "--platform", "--network", "--label", "--cache-from", "--secret", "--ssh", "-o", "--output", "--progress"].includes(t)) i++;
    } else context = t;
  }
  if (context === undefined || context.includes("$")) return undefined;
  // paths in a script are relative to where it is run from; the script's own directory is the best guess
  const base = dirname(file.source.path);
  const ctx = resolve(base, context);
  return { tags, context: ctx, dockerfile: dockerfile ? resolve(base, dockerfile) : resolve(ctx, "Dockerfile"), loc: loc(file, { start: command.start, end: command.end }) };
}

/** `-v SRC:DST`, `-p H:C` of a run, in compose's shapes. */
export function runMountsAndPorts(spec: DockerRunSpec) {
  const base = dirname(spec.script.source.path);
  const mounts = [];
  const ports = [];
  for (const a of spec.args) {
    if (!a.value) continue;
    const at: Loc = { file: spec.script.source, start: a.value.start, end: a.value.end };
    if (a.flag === "-v" || a.flag === "--volume") {
      const m = parseVolumeSpec(a.value.value, at, base, a.value.hasExpansion);
      if (m) mounts.push(m);
    } else if (a.flag === "-p" || a.flag === "--publish") ports.push(...parsePortSpec(a.value.value, at));
  }
  return { mounts, ports };
}
