import { posix } from "node:path";
import type { ShellCommand } from "../parsers/shell/ast.js";
import { parseShellCommands } from "../parsers/shell/parse.js";
import type { Project, ProjectFile } from "../project/project.js";
import type { SourceFile } from "../source/source-file.js";
import { listContainerDir, resolveContainerPath } from "./container-fs.js";
import { knownImage, isNginxImage } from "./image/known-images.js";
import type { CommandSpec, Loc, MainProcess, ProcessNode, ProgramName, Service } from "./types.js";

/** A word of a command line with the place it was written. */
export interface Word {
  text: string;
  loc: Loc;
}

/** Hard cap on script-in-script following (a script that runs itself). */
const MAX_DEPTH = 6;

interface Run {
  programs: ProcessNode[];
  holder: ProcessNode | undefined;
  keepalive: ProcessNode | undefined;
  /** True when the model could not tell what the last command does. */
  unknownEnd: boolean;
  script: MainProcess["script"];
  scriptCommands: ShellCommand[];
}

/**
 * Resolve what PID 1 of a service runs: compose entrypoint/command over the
 * Dockerfile's ENTRYPOINT/CMD over the official image's defaults, then follow
 * `sh -c`, start scripts and `exec "$@"` to the programs that really run.
 */
export function resolveMainProcess(project: Project, service: Service): MainProcess | undefined {
  const image = service.build?.image;
  const baseName = image?.base?.name ?? service.image?.name;
  const known = baseName ? knownImage(baseName) : undefined;

  let entrypoint: CommandSpec | undefined | null = service.entrypoint;
  let command: CommandSpec | undefined | null = service.command;
  if (entrypoint === undefined) entrypoint = image?.entrypoint;
  if (command === undefined) command = service.entrypoint !== undefined ? undefined : image?.cmd;

  const entryWords = specWords(entrypoint ?? undefined);
  const cmdWords = specWords(command ?? undefined);
  const where = (entrypoint ?? command)?.loc;
  let argv: Word[];
  let loc: Loc;
  if (entryWords.length > 0 || cmdWords.length > 0) {
    // shell-form ENTRYPOINT ignores CMD entirely (`/bin/sh -c "..."` gets no arguments)
    argv = entrypoint?.form === "shell" ? entryWords : [...entryWords, ...cmdWords];
    loc = where!;
  } else if (known) {
    const at = service.image?.loc ?? service.build?.image?.base?.loc ?? service.loc;
    argv = known.cmd.map((text) => ({ text, loc: at }));
    loc = at;
  } else return undefined;

  const run: Run = { programs: [], holder: undefined, keepalive: undefined, unknownEnd: false, script: undefined, scriptCommands: [] };
  interpretArgv(project, service, argv, cmdWords, run, 0);
  const last = run.holder ?? run.programs[run.programs.length - 1];
  const stays: MainProcess["stays"] = run.holder ? "yes" : run.unknownEnd ? "unknown" : run.programs.length > 0 ? "no" : "unknown";
  return {
    argv: argv.map((w) => w.text),
    loc,
    shellForm: (entrypoint ?? command)?.form === "shell",
    script: run.script,
    programs: run.programs,
    last,
    keepalive: run.keepalive,
    stays,
    scriptCommands: run.scriptCommands,
  };
}

function specWords(spec: CommandSpec | undefined): Word[] {
  if (!spec) return [];
  if (spec.form === "shell") return [{ text: "/bin/sh", loc: spec.loc }, { text: "-c", loc: spec.loc }, ...spec.argv.map((v) => ({ text: v.text, loc: v.loc }))];
  return spec.argv.map((v) => ({ text: v.text, loc: v.loc }));
}

/** Wrappers that exec their arguments: the real program is what follows them. */
function stripWrappers(words: Word[]): Word[] {
  let w = words;
  for (let guard = 0; guard < 8 && w.length > 0; guard++) {
    const name = posix.basename(w[0]!.text);
    if (name === "exec" || name === "nohup" || name === "dumb-init" || name === "su-exec" && w.length > 2) {
      w = name === "su-exec" ? w.slice(2) : w.slice(1);
    } else if (name === "tini" || name === "tini-static") {
      const dd = w.findIndex((x) => x.text === "--");
      w = dd >= 0 ? w.slice(dd + 1) : w.slice(1);
    } else if (name === "gosu" && w.length > 2) {
      w = w.slice(2);
    } else if (name === "env") {
      let i = 1;
      while (i < w.length && (w[i]!.text.includes("=") || w[i]!.text.startsWith("-"))) i++;
      w = w.slice(i);
    } else if (name === "docker-entrypoint.sh" || name === "/docker-entrypoint.sh") {
      w = w.slice(1);
    } else break;
  }
  return w;
}

function interpretArgv(project: Project, service: Service, words: Word[], cmdArgs: Word[], run: Run, depth: number): void {
  const argv = stripWrappers(words);
  if (argv.length === 0 || depth > MAX_DEPTH) return;
  const name = posix.basename(argv[0]!.text);
  if (isShell(name)) {
    const c = argv.findIndex((w) => /^-\w*c$/.test(w.text));
    if (c >= 0 && argv[c + 1]) {
      const script = argv[c + 1]!;
      const parsed = parseShellCommands(script.text, script.loc.start + textShift(script));
      const exact = parsed.commands.length > 0 && sameSource(script);
      interpretCommands(project, service, parsed.commands, script.loc.file, exact ? undefined : script.loc, cmdArgs, run, depth + 1);
      return;
    }
    const scriptArg = argv.slice(1).find((w) => !w.text.startsWith("-"));
    if (scriptArg) {
      followScript(project, service, scriptArg, cmdArgs, run, depth, false);
      return;
    }
  }
  if (looksLikeScript(argv[0]!.text, project, service)) {
    followScript(project, service, argv[0]!, argv.slice(1), run, depth, true);
    return;
  }
  const node = classify(project, service, argv, false, undefined);
  run.programs.push(node);
  decide(node, run);
}

function isShell(name: string): boolean {
  return name === "sh" || name === "bash" || name === "dash" || name === "ash" || name === "zsh";
}

/** Offsets into the source are exact only when the word was not re-quoted (Dockerfile shell form, plain scalars). */
function sameSource(word: Word): boolean {
  return word.loc.file.text.slice(word.loc.start, word.loc.end) === word.text;
}

function textShift(word: Word): number {
  const raw = word.loc.file.text.slice(word.loc.start, word.loc.end);
  if (raw === word.text) return 0;
  return raw.startsWith('"') || raw.startsWith("'") ? 1 : 0;
}

function looksLikeScript(path: string, project: Project, service: Service): boolean {
  if (path.endsWith(".sh")) return true;
  if (!path.includes("/")) return false;
  const resolved = containerScript(project, service, path);
  if (!resolved) return false;
  const source = project.source(resolved);
  return source !== undefined && source.text.startsWith("#!") && /^#!\S*\b(ba|da|a|z)?sh\b/.test(source.text);
}

function containerScript(project: Project, service: Service, path: string): string | undefined {
  const workdir = service.build?.image?.workdir ?? "/";
  const containerPath = posix.resolve(workdir, path);
  const resolved = resolveContainerPath(project, service, containerPath);
  if (resolved.kind === "bind" || resolved.kind === "copy") return project.pathKind(resolved.hostPath) === "file" ? resolved.hostPath : undefined;
  return undefined;
}

function followScript(project: Project, service: Service, scriptWord: Word, args: Word[], run: Run, depth: number, direct: boolean): void {
  const workdir = service.build?.image?.workdir ?? "/";
  const containerPath = posix.resolve(workdir, scriptWord.text);
  const hostPath = containerScript(project, service, scriptWord.text);
  const file = hostPath ? project.load(hostPath, "shell") : undefined;
  if (!run.script) run.script = { file, hostPath, containerPath, loc: scriptWord.loc, written: scriptWord.text, direct };
  if (!file) {
    run.unknownEnd = true;
    return;
  }
  const top = file.ast.commands;
  if (run.scriptCommands.length === 0) run.scriptCommands = top;
  interpretCommands(project, service, top, file.source, undefined, args, run, depth + 1);
}

/**
 * Walk top-level commands in order, as the shell would: a server that stays
 * in the foreground holds the container; one that daemonizes returns and the
 * script goes on; what is left at the end decides whether PID 1 exits.
 */
function interpretCommands(
  project: Project,
  service: Service,
  commands: ShellCommand[],
  file: SourceFile,
  fallbackLoc: Loc | undefined,
  cmdArgs: Word[],
  run: Run,
  depth: number,
): void {
  const top = commands.filter((c) => c.depth === 0 && !c.inFunction && (c.words.length > 0));
  for (let i = 0; i < top.length; i++) {
    const command = top[i]!;
    const words: Word[] = command.words.map((w) => ({ text: w.value, loc: fallbackLoc ?? { file, start: w.start, end: w.end } }));
    const stripped = stripWrappers(words);
    if (stripped.length === 0) continue;
    const isLast = i === top.length - 1;
    if (stripped[0]!.text === "$@" || stripped[0]!.text === "${@}") {
      if (cmdArgs.length > 0) interpretArgv(project, service, cmdArgs, [], run, depth + 1);
      else if (isLast && run.programs.length === 0) run.unknownEnd = true;
      if (run.holder) return;
      continue;
    }
    const name = posix.basename(stripped[0]!.text);
    if ((isShell(name) && stripped.length > 1) || stripped[0]!.text.endsWith(".sh")) {
      interpretArgv(project, service, stripped, [], run, depth + 1);
      if (run.holder) return;
      continue;
    }
    const loc: Loc = fallbackLoc ?? { file, start: command.start, end: command.end };
    const node = classify(project, service, stripped, command.terminator === "&", command.terminator === "&" && command.terminatorRange ? { file, start: command.terminatorRange.start, end: command.terminatorRange.end } : undefined, loc);
    if (node.program === "other" && !isOneShot(stripped)) {
      run.programs.push(node);
      const background = command.terminator === "&";
      // an unknown program in the foreground: we cannot tell if it stays up, nor whether what follows
      // it ever runs (a pipe's next stage runs beside it)
      if (!background || isLast) run.unknownEnd = true;
      if (!background && command.terminator !== "|") return;
      continue;
    }
    if (node.program === "other") continue;
    run.programs.push(node);
    decide(node, run);
    if (run.holder) return;
  }
}

function decide(node: ProcessNode, run: Run): void {
  if (node.program === "keepalive" && !node.background) {
    run.keepalive = node;
    run.holder = node;
    return;
  }
  if (node.mode === "foreground" && !node.background) {
    run.holder = node;
    run.unknownEnd = false;
    return;
  }
  if (node.mode === "unknown" && !node.background) run.unknownEnd = true;
}

/** Commands that do their job and return; they never hold a container. */
function isOneShot(words: Word[]): boolean {
  const name = posix.basename(words[0]!.text);
  if (["echo", "printf", "cd", "export", "set", "mkdir", "chmod", "chown", "cp", "mv", "rm", "ln", "sed", "touch", "cat", "test", "[", "true", "false", "sleep", "nc", "wait-for-it.sh", "envsubst", "pip", "pip3", "apt-get", "dockerize", "source", ".", "umask", "ulimit", "trap", "shift", "unset", "until", "while", "if", "wait"].includes(name)) {
    if (name === "sleep") return !(words[1]?.text === "infinity" || words[1]?.text === "inf");
    return true;
  }
  if (/^python[\d.]*$/.test(name) && words[1]?.text.endsWith("manage.py")) {
    const sub = words[2]?.text ?? "";
    return sub !== "runserver" && sub !== "runserver_plus" && sub !== "rqworker" && sub !== "celery";
  }
  if (name === "flask" && words[1]?.text !== "run") return true;
  if (name === "alembic" || name === "npm" && words[1]?.text !== "start") return true;
  return false;
}

function flagValue(argv: Word[], names: string[]): Word | undefined {
  for (let i = 0; i < argv.length; i++) {
    const t = argv[i]!.text;
    for (const n of names) {
      if (t === n) return argv[i + 1];
      if (n.startsWith("--") && t.startsWith(n + "=")) {
        const w = argv[i]!;
        return { text: t.slice(n.length + 1), loc: w.loc };
      }
    }
  }
  return undefined;
}

export function hasFlag(argv: Word[], names: string[]): Word | undefined {
  return argv.find((w) => names.includes(w.text) || names.some((n) => n.startsWith("--") && w.text.startsWith(n + "=")));
}

/** Load a config file the program reads at a container path. */
function configAt<K extends "uwsgi" | "redis" | "supervisor" | "nginx" | "mysql">(project: Project, service: Service, path: string, kind: K): ProjectFile<K> | undefined {
  const workdir = service.build?.image?.workdir ?? "/";
  const resolved = resolveContainerPath(project, service, posix.resolve(workdir, path));
  if (resolved.kind !== "bind" && resolved.kind !== "copy") return undefined;
  if (project.pathKind(resolved.hostPath) !== "file") return undefined;
  return project.load(resolved.hostPath, kind);
}

function classify(project: Project, service: Service, argv: Word[], background: boolean, ampLoc: Loc | undefined, commandLoc?: Loc): ProcessNode {
  const first = argv[0]!;
  const loc: Loc = commandLoc ?? { file: first.loc.file, start: first.loc.start, end: argv[argv.length - 1]!.loc.end };
  const name = posix.basename(first.text);
  const node: ProcessNode = { program: "other", loc, argv: argv.map((w) => w.text), config: undefined, mode: "unknown", why: undefined, background };
  const returnsBecause = (why: Loc): void => {
    node.mode = "returns";
    node.why = why;
  };
  const program = programOf(argv);
  node.program = program;
  switch (program) {
    case "uwsgi": {
      const ini = flagValue(argv, ["--ini"]) ?? argv.slice(1).find((w) => /\.ini$/.test(w.text) && !w.text.startsWith("-"));
      const file = ini ? configAt(project, service, ini.text, "uwsgi") : undefined;
      node.config = file;
      const daemonizeFlag = hasFlag(argv, ["--daemonize", "--daemonize2", "-d"]);
      const entry = file ? iniEntry(file, "uwsgi", ["daemonize", "daemonize2"]) : undefined;
      if (daemonizeFlag) returnsBecause(daemonizeFlag.loc);
      else if (entry) returnsBecause(entry);
      else node.mode = ini && !file ? "unknown" : "foreground";
      break;
    }
    case "redis-server": {
      const confWord = argv.slice(1).find((w) => !w.text.startsWith("-"));
      const file = confWord ? configAt(project, service, confWord.text, "redis") : undefined;
      node.config = file;
      const flag = flagValue(argv, ["--daemonize"]);
      const directive = file?.ast.directives.filter((d) => d.name === "daemonize").pop();
      if (flag && flag.text.toLowerCase() === "yes") returnsBecause(flag.loc);
      else if (!flag && directive && directive.args[0]?.value.toLowerCase() === "yes") returnsBecause({ file: file!.source, start: directive.start, end: directive.end });
      else node.mode = confWord && !file ? "unknown" : "foreground";
      break;
    }
    case "supervisord": {
      const conf = flagValue(argv, ["-c", "--configuration"]);
      const files = conf ? [configAt(project, service, conf.text, "supervisor")] : supervisorDefaultConfigs(project, service);
      const found = files.filter((f): f is ProjectFile<"supervisor"> => f !== undefined);
      node.config = found[0];
      if (hasFlag(argv, ["-n", "--nodaemon"])) node.mode = "foreground";
      else {
        const nodaemon = found.map((f) => iniEntryValue(f, "supervisord", ["nodaemon"])).find((e) => e !== undefined);
        if (nodaemon && /^(true|yes|on|1)$/i.test(nodaemon.value)) node.mode = "foreground";
        else if (found.length > 0 || conf === undefined && !service.build?.image) {
          const header = found[0] ? sectionHeader(found[0], "supervisord") : undefined;
          returnsBecause(nodaemon?.loc ?? header ?? first.loc);
        } else node.mode = "unknown";
      }
      break;
    }
    case "nginx": {
      const g = flagValue(argv, ["-g"]);
      if (g && /daemon\s+off/.test(g.text)) node.mode = "foreground";
      else {
        const conf = flagValue(argv, ["-c"])?.text ?? "/etc/nginx/nginx.conf";
        const file = configAt(project, service, conf, "nginx");
        node.config = file;
        const daemon = file?.ast.directives.find((d) => d.name === "daemon");
        const runEcho = service.build?.image?.runs.some((r) => /daemon\s+off/.test(r.instruction.args));
        if (daemon) {
          if (daemon.args[0]?.value === "off") node.mode = "foreground";
          else returnsBecause({ file: file!.source, start: daemon.start, end: daemon.end });
        } else if (runEcho) node.mode = "foreground";
        else if (file) returnsBecause(first.loc);
        else {
          // The image's own nginx.conf: official images and Debian's package both daemonize by default.
          const base = service.build?.image?.base?.name ?? service.image?.name;
          node.mode = base && (isNginxImage(base) || base === "debian" || base === "ubuntu") ? "returns" : "unknown";
          if (node.mode === "returns") node.why = first.loc;
        }
      }
      break;
    }
    case "gunicorn": {
      const d = hasFlag(argv, ["-D", "--daemon"]);
      if (d) returnsBecause(d.loc);
      else node.mode = "foreground";
      break;
    }
    case "celery": {
      const d = hasFlag(argv, ["--detach"]);
      if (d) returnsBecause(d.loc);
      else node.mode = "foreground";
      break;
    }
    case "mysqld":
    case "django-runserver":
    case "daphne":
      node.mode = hasFlag(argv, ["--daemonize"]) ? "returns" : "foreground";
      break;
    case "keepalive":
      node.mode = "foreground";
      break;
    default:
      if (name === "service" || /^\/etc\/init\.d\//.test(first.text)) {
        // SysV `service x start` starts a daemon and returns
        node.mode = "returns";
        node.why = loc;
      }
      break;
  }
  if (background) {
    node.mode = "returns";
    node.why = ampLoc ?? loc;
  }
  return node;
}

export function programOf(argv: Word[] | string[]): ProgramName {
  const words = argv.map((w) => (typeof w === "string" ? w : w.text));
  const name = posix.basename(words[0] ?? "");
  if (name === "uwsgi" || name === "uwsgi_python3" || name === "uwsgi-core") return "uwsgi";
  if (name === "gunicorn" || name === "gunicorn3") return "gunicorn";
  if (name === "redis-server" || name === "valkey-server") return "redis-server";
  if (name === "mysqld" || name === "mariadbd" || name === "mysqld_safe") return "mysqld";
  if (name === "nginx") return "nginx";
  if (name === "supervisord") return "supervisord";
  if (name === "daphne" || name === "uvicorn" || name === "hypercorn") return "daphne";
  if (name === "celery") return "celery";
  if (name === "tail" && words.includes("-f") && words.some((w) => w === "/dev/null")) return "keepalive";
  if (name === "tail" && words.some((w) => /^-\w*f\w*$/.test(w)) ) return "keepalive";
  if (name === "sleep" && (words[1] === "infinity" || words[1] === "inf")) return "keepalive";
  if (/^python[\d.]*$/.test(name) && words[1]?.endsWith("manage.py") && words[2] === "runserver") return "django-runserver";
  if (/^python[\d.]*$/.test(name) && words[1] === "-m") {
    const mod = words[2] ?? "";
    if (mod === "gunicorn") return "gunicorn";
    if (mod === "uvicorn" || mod === "daphne") return "daphne";
    if (mod === "celery") return "celery";
  }
  return "other";
}

function supervisorDefaultConfigs(project: Project, service: Service): (ProjectFile<"supervisor"> | undefined)[] {
  const out: (ProjectFile<"supervisor"> | undefined)[] = [];
  for (const path of ["/etc/supervisord.conf", "/etc/supervisor/supervisord.conf"]) out.push(configAt(project, service, path, "supervisor"));
  // Debian's supervisord.conf includes conf.d/*.conf
  for (const f of listContainerDir(project, service, "/etc/supervisor/conf.d")) {
    if (f.containerPath.endsWith(".conf")) out.push(project.load(f.hostPath, "supervisor"));
  }
  return out;
}

function iniEntry(file: ProjectFile<"uwsgi">, section: string, keys: string[]): Loc | undefined {
  for (const s of file.ast.sections) {
    if (s.name !== section) continue;
    for (let i = s.entries.length - 1; i >= 0; i--) {
      const e = s.entries[i]!;
      if (keys.includes(e.key) && e.value.trim() !== "") return { file: file.source, start: e.start, end: e.end };
    }
  }
  return undefined;
}

function iniEntryValue(file: ProjectFile<"supervisor">, section: string, keys: string[]): { value: string; loc: Loc } | undefined {
  let found: { value: string; loc: Loc } | undefined;
  for (const s of file.ast.sections) {
    if (s.name !== section) continue;
    for (const e of s.entries) if (keys.includes(e.key)) found = { value: e.value, loc: { file: file.source, start: e.start, end: e.end } };
  }
  return found;
}

function sectionHeader(file: ProjectFile<"supervisor">, name: string): Loc | undefined {
  const s = file.ast.sections.find((x) => x.name === name);
  return s ? { file: file.source, start: s.headerRange.start, end: s.headerRange.end } : undefined;
}

/** `[program:x] command=...` of the supervisord configs, classified like any other command. */
export function supervisedPrograms(project: Project, service: Service, supervisor: ProcessNode): ProcessNode[] {
  const out: ProcessNode[] = [];
  const configs = supervisor.config ? [supervisor.config as ProjectFile<"supervisor">] : [];
  for (const f of supervisorDefaultConfigs(project, service)) if (f && !configs.includes(f)) configs.push(f);
  for (const file of configs) {
    for (const section of file.ast.sections) {
      if (!section.name.startsWith("program:")) continue;
      const command = section.entries.find((e) => e.key === "command");
      if (!command || command.value === "") continue;
      const parsed = parseShellCommands(command.value, command.valueRange.start);
      const first = parsed.commands[0];
      if (!first || first.words.length === 0) continue;
      const words: Word[] = first.words.map((w) => ({ text: w.value, loc: { file: file.source, start: w.start, end: w.end } }));
      const stripped = stripWrappers(words);
      if (stripped.length === 0) continue;
      out.push(classify(project, service, stripped, false, undefined, { file: file.source, start: command.start, end: command.end }));
    }
  }
  return out;
}

/** Programs that are servers: a container exists to keep one of them running. */
export const SERVER_PROGRAMS: ReadonlySet<ProgramName> = new Set<ProgramName>([
  "uwsgi", "gunicorn", "redis-server", "mysqld", "nginx", "supervisord", "celery", "daphne", "django-runserver",
]);
