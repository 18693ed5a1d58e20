/**
 * Locate strategies for app servers, containers and builds: uWSGI options,
 * what a container's main process does (the facts main-process-daemonizes
 * uses), start scripts, published ports, compose names, Dockerfiles.
 */
import { posix } from "node:path";
import type { DockerInstruction } from "../parsers/dockerfile/ast.js";
import { walkDirectives } from "../parsers/nginx/walk.js";
import type { ProjectFile } from "../project/project.js";
import { coveringMount, listContainerDir, resolveContainerPath } from "../model/container-fs.js";
import type { Loc, ProcessNode, Service } from "../model/types.js";
import { lineRange } from "../source/source-file.js";
import type { Finding } from "./match.js";
import { dedupeHits } from "./locate-nginx.js";
import {
  filesOf, imageName, lineLoc, mapPrintedFile, members, namesOf, nginxSeconds, nodeLoc, readersOf, scopeOf, servicesNamed,
  type Hit, type Located, type LocateContext, type Member,
} from "./locate-util.js";

// ---------------------------------------------------------------- uWSGI

export function locateUwsgiApp(ctx: LocateContext, finding: Finding): Located {
  const scope = scopeOf(ctx, finding);
  const hits: Hit[] = [];
  for (const file of filesOf(ctx, scope.members, "uwsgi")) {
    const readers = readersOf(ctx, file);
    for (const section of file.ast.sections) {
      if (section.name !== "uwsgi") continue;
      for (const e of section.entries) {
        if (!["module", "wsgi-file", "wsgi", "file", "chdir", "pythonpath", "python-path", "home", "virtualenv", "venv", "mount", "callable"].includes(e.key)) continue;
        let message = `${e.key} = ${ctx.data(e.value)}`;
        if (e.inlineComment) message += ": the inline comment is part of the value in a uWSGI ini";
        else if ((e.key === "chdir" || e.key === "wsgi-file" || e.key === "home" || e.key === "virtualenv") && e.value.startsWith("/") && !e.value.includes("%(")) {
          for (const { service } of readers) {
            const r = resolveContainerPath(ctx.project, service, e.value);
            if (r.kind === "image") message += `: no project file or mount is at ${ctx.data(e.value)} in container "${service.name}"`;
            else if ((r.kind === "bind" || r.kind === "copy") && ctx.project.pathKind(r.hostPath) === "none") message += `: ${ctx.project.display(r.hostPath)} does not exist in the project`;
          }
        }
        hits.push({ loc: nodeLoc(file, e), message });
      }
    }
  }
  return { hits, notes: hits.length === 0 ? ["no uWSGI ini in this project"] : ["see the Python traceback just before this line for the import that failed"] };
}

export function locateUwsgiBind(ctx: LocateContext, finding: Finding): Located {
  const scope = scopeOf(ctx, finding);
  const address = (finding.facts["address"] ?? "").trim();
  const reason = finding.facts["reason"] ?? "";
  const hits: Hit[] = [];
  const listeners = scope.members.flatMap(({ service }) => service.listeners.filter((l) => l.program === "uwsgi" && l.socketPath === undefined));
  const raw = (l: { loc: Loc }): string => l.loc.file.text.slice(l.loc.start, l.loc.end).trim();
  const exact = address ? listeners.filter((l) => raw(l) === address) : [];
  for (const l of exact.length > 0 ? exact : listeners) {
    const value = raw(l);
    let message: string;
    if (/\s[#;]/.test(value)) message = `the inline comment is part of the address in a uWSGI ini ("${ctx.data(value)}"): put comments on their own line`;
    else if (reason.startsWith("Cannot assign") && l.address && !["", "0.0.0.0", "::", "*"].includes(l.address)) message = `${ctx.data(l.address)} is no address of container "${l.service.name}": listen on 0.0.0.0`;
    else message = `${l.service.name} binds ${ctx.data(value)} here: another process already uses ${l.port ?? "that address"}`;
    hits.push({ loc: l.loc, message });
  }
  return { hits, notes: hits.length === 0 ? ["no uWSGI TCP socket in this project"] : [] };
}

export function locateHarakiri(ctx: LocateContext, finding: Finding): Located {
  const scope = scopeOf(ctx, finding);
  const hits: Hit[] = [];
  let harakiri: number | undefined;
  for (const file of filesOf(ctx, scope.members, "uwsgi")) {
    for (const section of file.ast.sections) {
      if (section.name !== "uwsgi") continue;
      for (const e of section.entries) {
        if (e.key !== "harakiri") continue;
        harakiri = Number.parseInt(e.value, 10);
        hits.push({ loc: nodeLoc(file, e), message: `harakiri = ${ctx.data(e.value)}: uWSGI kills any request running longer` });
      }
    }
  }
  for (const file of ctx.project.filesOf("nginx")) {
    for (const d of walkDirectives(file.ast.directives)) {
      if (!["uwsgi_read_timeout", "proxy_read_timeout", "fastcgi_read_timeout"].includes(d.name)) continue;
      const seconds = nginxSeconds(d.args[0]?.value ?? "");
      const longer = harakiri !== undefined && seconds !== undefined && seconds > harakiri;
      hits.push({ loc: { file: file.source, start: d.start, end: d.end }, message: `${d.name} ${ctx.data(d.args[0]?.value ?? "")}${longer ? `: nginx waits longer than harakiri, so slow requests end as 502 at ${harakiri} s` : ""}` });
    }
  }
  return { hits, notes: hits.length === 0 ? ["no harakiri in this project's uWSGI config (it may come from the command line)"] : [] };
}

export function locateUwsgiPlugin(ctx: LocateContext, finding: Finding): Located {
  const scope = scopeOf(ctx, finding);
  const hits: Hit[] = [];
  const plugin = finding.facts["plugin"] ?? "";
  for (const file of filesOf(ctx, scope.members, "uwsgi")) {
    for (const section of file.ast.sections) {
      if (section.name !== "uwsgi") continue;
      const entries = section.entries.filter((e) => e.key === "plugins" || e.key === "plugin" || e.key === "plugins-dir");
      for (const e of entries) {
        const names = e.value.split(/[,\s]+/).filter(Boolean);
        const missing = plugin && names.some((n) => plugin.includes(`/${n}_plugin.so`) || plugin.includes(`${n}_plugin`));
        hits.push({ loc: nodeLoc(file, e), message: missing ? `${e.key} = ${ctx.data(e.value)}: no such plugin in the image (Debian ships python3_plugin.so in uwsgi-plugin-python3)` : `${e.key} = ${ctx.data(e.value)}` });
      }
      if (entries.length === 0) hits.push({ loc: nodeLoc(file, section.headerRange), message: "no `plugins = python3` in this [uwsgi] section: Debian's uwsgi has no built-in Python (or HTTP)" });
    }
  }
  for (const { service } of scope.members) {
    for (const run of service.build?.image?.runs ?? []) {
      const args = run.instruction.args;
      if (!/\b(apt-get|apt)\b[^\n]*\binstall\b/.test(args) || !/(^|\s)uwsgi(\s|$)/.test(args)) continue;
      if (!/uwsgi-plugin-python3/.test(args)) hits.push({ loc: nodeLoc(service.build!.image!.file, run.instruction), message: "installs Debian's uwsgi without uwsgi-plugin-python3" });
    }
  }
  return { hits: dedupeHits(hits), notes: [] };
}

export function locateUwsgiMemory(ctx: LocateContext, finding: Finding): Located {
  const scope = scopeOf(ctx, finding);
  const hits: Hit[] = [];
  for (const file of filesOf(ctx, scope.members, "uwsgi")) {
    for (const section of file.ast.sections) {
      if (section.name !== "uwsgi") continue;
      for (const e of section.entries) {
        if (!["reload-on-as", "reload-on-rss", "evil-reload-on-as", "evil-reload-on-rss", "limit-as", "harakiri"].includes(e.key)) continue;
        hits.push({ loc: nodeLoc(file, e), message: `${e.key} = ${ctx.data(e.value)}` });
      }
    }
  }
  return { hits, notes: ["a worker killed by signal 9 without a HARAKIRI line before it is usually the kernel's OOM killer: check the container's memory limit (mem_limit / deploy.resources.limits.memory) and `dmesg`"] };
}

// ---------------------------------------------------------------- the container's main process

function how(node: ProcessNode): string {
  if (node.background) return "is started in the background with `&` here";
  switch (node.program) {
    case "uwsgi": return "daemonizes here (`daemonize`): it detaches and returns at once";
    case "redis-server": return "daemonizes here (`daemonize yes`)";
    case "supervisord": return "daemonizes (no `nodaemon=true` in [supervisord], no `-n`)";
    case "nginx": return "runs as a daemon (no `daemon off;`)";
    case "gunicorn": return "daemonizes here (-D / --daemon)";
    default: return "returns at once here";
  }
}

/** What makes a container's PID 1 return: the returning programs and the start script's last command. */
function mainProcessHits(ctx: LocateContext, service: Service, only?: (p: ProcessNode) => boolean): Located {
  const hits: Hit[] = [];
  const notes: string[] = [];
  const main = service.main;
  if (!main) return { hits, notes: [`the model cannot tell what container "${service.name}" runs`] };
  const returning = main.programs.filter((p) => p.mode === "returns" && p.why && (!only || only(p)));
  for (const p of returning) hits.push({ loc: p.why!, message: `${p.program} ${how(p)}` });
  const last = main.last;
  if (last && !returning.includes(last) && !only) {
    const chained = chainedByAnd(service, last);
    if (main.keepalive && last === main.keepalive) {
      hits.push({
        loc: last.loc,
        message: `\`${ctx.data(last.argv.join(" "))}\` keeps container "${service.name}" up${chained ? ", but only when every `&&` step before it succeeds: when one fails (or returns non-zero), the script runs past it and PID 1 exits" : ""}`,
      });
    } else if (main.stays === "no") hits.push({ loc: last.loc, message: `the last command, \`${ctx.data(last.argv.join(" "))}\`, returns: nothing keeps container "${service.name}" in the foreground` });
    else if (main.stays === "yes") hits.push({ loc: last.loc, message: `\`${ctx.data(last.argv.join(" "))}\` should hold the container in the foreground${chained ? " (if every `&&` step before it succeeds)" : ""}` });
  }
  if (hits.length === 0) {
    notes.push(main.stays === "yes"
      ? `the model sees container "${service.name}" stay in the foreground: it exited 0 because its program stopped on its own (see its log lines before this one)`
      : `the model cannot tell what ends container "${service.name}"`);
  }
  return { hits, notes };
}

/** Is this command of the start script the tail of an `a && b && c` chain? */
function chainedByAnd(service: Service, node: ProcessNode): boolean {
  const commands = service.main?.scriptCommands ?? [];
  const i = commands.findIndex((c) => c.start === node.loc.start && service.main?.script?.file?.source === node.loc.file);
  if (i <= 0) return false;
  const prev = commands.slice(0, i).reverse().find((c) => c.depth === 0);
  return prev?.terminator === "&&";
}

function exitScope(ctx: LocateContext, finding: Finding): { members: Member[]; unknownName: string | undefined } {
  const names = namesOf(finding);
  if (names.length > 0) {
    const named = servicesNamed(ctx.model, names);
    if (named.length > 0) return { members: named, unknownName: undefined };
    return { members: [], unknownName: names[0] };
  }
  // No name: the containers the model sees returning.
  return {
    members: members(ctx.model).filter(({ service }) => service.main && (service.main.stays === "no" || service.main.programs.some((p) => p.mode === "returns" && p.why && p.program !== "other"))),
    unknownName: undefined,
  };
}

export function locateMainProcess(ctx: LocateContext, finding: Finding): Located {
  const scope = exitScope(ctx, finding);
  if (scope.unknownName !== undefined) {
    const names = [...new Set(members(ctx.model).map((m) => m.service.name))];
    return { hits: [], notes: [`no service "${ctx.data(scope.unknownName)}" in this project${names.length > 0 ? ` (services: ${names.join(", ")})` : ""}`] };
  }
  const hits: Hit[] = [];
  const notes: string[] = [];
  for (const { service } of scope.members) {
    const r = mainProcessHits(ctx, service);
    hits.push(...r.hits);
    notes.push(...r.notes);
  }
  return { hits: dedupeHits(hits), notes };
}

export function locateSupervisordDaemon(ctx: LocateContext, finding: Finding): Located {
  const scope = exitScope(ctx, finding);
  const hits: Hit[] = [];
  for (const { service } of scope.members) hits.push(...mainProcessHits(ctx, service, (p) => p.program === "supervisord").hits);
  if (hits.length > 0) return { hits, notes: [] };
  return locateMainProcess(ctx, finding);
}

export function locateSupervisorProgram(ctx: LocateContext, finding: Finding): Located {
  const scope = scopeOf(ctx, finding);
  const program = finding.facts["program"];
  const command = finding.facts["command"];
  const hits: Hit[] = [];
  for (const file of filesOf(ctx, scope.members, "supervisor")) {
    for (const section of file.ast.sections) {
      if (!section.name.startsWith("program:")) continue;
      const name = section.name.slice("program:".length);
      const cmd = section.entries.find((e) => e.key === "command");
      if (!cmd) continue;
      const first = cmd.value.trim().split(/\s+/)[0] ?? "";
      if (program !== undefined && name !== program) continue;
      if (command !== undefined && first !== command) continue;
      if (command !== undefined) {
        hits.push({ loc: nodeLoc(file, cmd), message: `[program:${ctx.data(name)}] runs ${ctx.data(command)}, which does not exist in the image` });
        continue;
      }
      const node = readersOf(ctx, file).flatMap(({ service }) => service.supervised).find((p) => p.loc.file === file.source && p.loc.start === cmd.start);
      if (node?.mode === "returns" && node.why) {
        hits.push({ loc: nodeLoc(file, cmd), message: `[program:${ctx.data(name)}] starts ${node.program}` });
        hits.push({ loc: node.why, message: `${node.program} ${how(node)}: under supervisord a program must stay in the foreground, so it "exits" at once and supervisord gives up` });
      } else hits.push({ loc: nodeLoc(file, cmd), message: `[program:${ctx.data(name)}] command: it exits at once (see its own output / stderr log)` });
    }
  }
  return { hits, notes: hits.length === 0 ? ["no matching [program:x] in this project's supervisord config"] : [] };
}

// ---------------------------------------------------------------- scripts

interface RunScript {
  service: Service;
  loc: Loc;
}

/** Shell scripts with CRLF endings, and which containers run them. */
export function locateCrlfScripts(ctx: LocateContext, finding: Finding): Located {
  const runners = new Map<ProjectFile<"shell">, RunScript>();
  for (const { service } of members(ctx.model)) {
    const script = service.main?.script;
    if (script?.file && !runners.has(script.file)) runners.set(script.file, { service, loc: script.loc });
  }
  const named = finding.facts["script"] ?? finding.facts["path"];
  const base = named ? posix.basename(named) : undefined;
  const crlf = ctx.project.filesOf("shell").filter((f) => f.source.lineEndings === "crlf" || f.source.lineEndings === "mixed" || f.source.lineEndings === "cr");
  let picked = base ? crlf.filter((f) => posix.basename(f.source.path) === base) : [];
  if (picked.length === 0) picked = crlf.filter((f) => runners.has(f));
  if (picked.length === 0 && base === undefined) picked = crlf;
  const hits: Hit[] = [];
  for (const f of picked) {
    const first = lineLoc(f.source, 1);
    if (!first) continue;
    const runner = runners.get(f);
    hits.push({ loc: first, message: `${ctx.project.display(f.source.path)} has Windows (CRLF) line endings${runner ? ` and container "${runner.service.name}" runs it` : ""}: save it with LF endings (and add \`*.sh text eol=lf\` to .gitattributes)` });
    if (runner) hits.push({ loc: runner.loc, message: `container "${runner.service.name}" runs the script here` });
  }
  const notes: string[] = [];
  if (hits.length === 0) {
    // Not CRLF: a shebang interpreter the image lacks is the other cause.
    for (const [file, runner] of runners) {
      const interpreter = file.ast.shebang?.interpreter ?? "";
      if (/bash$/.test(interpreter) && /alpine/.test(`${imageName(runner.service)}:${runner.service.image?.tag ?? runner.service.build?.image?.base?.tag ?? ""}`)) {
        const loc = lineLoc(file.source, 1);
        if (loc) hits.push({ loc, message: `the shebang asks for ${ctx.data(interpreter)}, which Alpine-based images do not have` });
      }
    }
    if (hits.length === 0) notes.push(base ? `${ctx.data(base)} has no CRLF line endings in this project` : "no shell script with CRLF line endings in this project");
  }
  return { hits, notes };
}

export function locateScriptExecBit(ctx: LocateContext, finding: Finding): Located {
  const path = finding.facts["path"] ?? "";
  const base = posix.basename(path);
  const hits: Hit[] = [];
  for (const { service } of members(ctx.model)) {
    const script = service.main?.script;
    if (!script || posix.basename(script.containerPath) !== base) continue;
    const mode = script.file?.source.mode;
    const noExec = mode !== undefined && (mode & 0o111) === 0;
    hits.push({ loc: script.loc, message: `container "${service.name}" runs ${ctx.data(script.containerPath)} directly, which needs the exec bit${noExec ? ` (${ctx.project.display(script.file!.source.path)} has mode ${(mode & 0o777).toString(8)})` : ""}; or run it as \`sh ${ctx.data(base)}\`` });
    const mount = coveringMount(service, script.containerPath);
    if (mount?.type === "bind") {
      hits.push({ loc: mount.loc, message: `this bind mount puts the host's files over the image's at ${ctx.data(mount.target)}: a \`chmod +x\` in the Dockerfile does not apply to them` });
      for (const run of service.build?.image?.runs ?? []) {
        if (/\bchmod\b/.test(run.instruction.args) && run.instruction.args.includes(base)) hits.push({ loc: nodeLoc(service.build!.image!.file, run.instruction), message: "this chmod changes the image's copy, which the bind mount hides" });
      }
    }
  }
  return { hits, notes: hits.length === 0 ? [`no container of this project runs ${ctx.data(base)}`] : [] };
}

export function locateMakemigrations(ctx: LocateContext, _finding: Finding): Located {
  const hits: Hit[] = [];
  for (const { service } of members(ctx.model)) {
    const script = service.main?.script?.file;
    for (const c of service.main?.scriptCommands ?? []) {
      if (!script || !c.words.some((w) => w.value === "makemigrations")) continue;
      hits.push({ loc: { file: script.source, start: c.start, end: c.end }, message: `container "${service.name}" generates migrations at start: commit migration files and run only \`migrate\` at start` });
    }
    for (const spec of [service.command, service.entrypoint]) {
      if (spec && spec.argv.some((v) => /\bmakemigrations\b/.test(v.text))) hits.push({ loc: spec.loc, message: `container "${service.name}" generates migrations at start` });
    }
  }
  return { hits: dedupeHits(hits), notes: hits.length === 0 ? ["nothing in this project runs makemigrations at container start: the migration files in the repository and the database's history differ"] : [] };
}

// ---------------------------------------------------------------- compose

export function locatePublishedPort(ctx: LocateContext, finding: Finding): Located {
  const port = Number(finding.facts["port"] ?? "0");
  const hits: Hit[] = [];
  for (const { service } of members(ctx.model)) {
    for (const p of service.ports) {
      if (p.hostPort === undefined) continue;
      if (port >= p.hostPort && port <= p.hostPort + (p.containerPortEnd - p.containerPort)) hits.push({ loc: p.loc, message: `${service.name} publishes host port ${port} here` });
    }
  }
  if (hits.length > 1) for (const h of hits) h.message += ` (published ${hits.length} times in this project)`;
  return { hits, notes: hits.length === 1 ? [`another program or container on the host holds port ${port} (\`ss -ltnp 'sport = :${port}'\`, \`docker ps\`)`] : [] };
}

export function locateDependsOn(ctx: LocateContext, finding: Finding): Located {
  const name = finding.facts["name"] ?? "";
  const hits: Hit[] = [];
  const names = [...new Set(members(ctx.model).map((m) => m.service.name))];
  for (const { service } of members(ctx.model)) {
    for (const d of service.dependsOn) if (d.name === name) hits.push({ loc: d.loc, message: `${service.name} depends on "${ctx.data(name)}", which is no service (services: ${names.join(", ")})` });
    for (const l of service.links) if (l.target === name) hits.push({ loc: l.loc, message: `${service.name} links to "${ctx.data(name)}", which is no service (services: ${names.join(", ")})` });
  }
  return { hits, notes: hits.length === 0 ? [`services of this project: ${names.join(", ")}`] : [] };
}

export function locateNetworks(ctx: LocateContext, finding: Finding): Located {
  const serviceName = finding.facts["service"] ?? "";
  const network = finding.facts["network"] ?? "";
  const hits: Hit[] = [];
  for (const stack of ctx.model.stacks) {
    const service = stack.service(serviceName);
    if (!service) continue;
    const declared = [...stack.networks.keys()];
    for (const n of service.networks) {
      if (n.name !== network) continue;
      hits.push({ loc: n.loc ?? service.loc, message: `${service.name} joins network "${ctx.data(network)}", which the top-level networks: do not declare (declared: ${declared.join(", ") || "none"})` });
    }
  }
  return { hits, notes: [] };
}

export function locateComposeYaml(ctx: LocateContext, finding: Finding): Located {
  const hits: Hit[] = [];
  for (const file of ctx.project.filesOf("compose")) {
    for (const p of file.ast.problems) hits.push({ loc: nodeLoc(file, { start: p.start, end: Math.max(p.start, p.end) }), message: p.message });
  }
  const line = Number(finding.facts["line"] ?? "0");
  const named = finding.facts["file"];
  let file: ProjectFile<"compose"> | undefined;
  const composeFiles = ctx.project.filesOf("compose");
  if (named) {
    const mapped = mapPrintedFile(ctx, [], named, "compose");
    file = composeFiles.find((f) => f.source === mapped?.source) ?? composeFiles.find((f) => posix.basename(f.source.path) === posix.basename(named) && composeFiles.filter((g) => posix.basename(g.source.path) === posix.basename(named)).length === 1);
  } else if (composeFiles.length === 1) file = composeFiles[0];
  const loc = file ? lineLoc(file.source, line) : undefined;
  if (file && loc) {
    const r = lineRange(file.source, line);
    const tab = file.source.text.slice(r.start, r.end).includes("\t");
    hits.push({ loc, message: `docker compose reports line ${line} here${tab ? ": it holds a tab, YAML indents with spaces only" : ""} (the cause may be on the line above)` });
  }
  return { hits: dedupeHits(hits), notes: hits.length === 0 ? ["this project's compose files parse as YAML: the log is about another version of the file"] : [] };
}

// ---------------------------------------------------------------- Dockerfiles

interface DockerfileOf {
  file: ProjectFile<"dockerfile">;
  context: string;
}

function dockerfiles(ctx: LocateContext): DockerfileOf[] {
  const out = new Map<ProjectFile<"dockerfile">, DockerfileOf>();
  for (const { service } of members(ctx.model)) {
    const b = service.build;
    if (b?.dockerfile && !out.has(b.dockerfile)) out.set(b.dockerfile, { file: b.dockerfile, context: b.context });
  }
  for (const file of ctx.project.filesOf("dockerfile")) if (!out.has(file)) out.set(file, { file, context: posix.dirname(file.source.path) });
  return [...out.values()];
}

function instructionLoc(file: ProjectFile<"dockerfile">, i: DockerInstruction): Loc {
  return nodeLoc(file, i);
}

export function locateBuildCopy(ctx: LocateContext, finding: Finding): Located {
  const wanted = (finding.facts["path"] ?? "").replace(/^\.?\//, "").replace(/\/$/, "");
  const hits: Hit[] = [];
  for (const { file, context } of dockerfiles(ctx)) {
    for (const i of file.ast.instructions) {
      if ((i.keyword !== "COPY" && i.keyword !== "ADD") || i.flags.some((f) => f.name === "from")) continue;
      const words = i.form === "exec" && i.execArgs ? i.execArgs.map((a) => a.value) : i.args.trim().split(/\s+/);
      const sources = words.slice(0, -1).map((s) => s.replace(/^\.?\//, "").replace(/\/$/, ""));
      const match = wanted === "" ? sources.filter((s) => s !== "" && ctx.project.pathKind(posix.join(context, s)) === "none") : sources.filter((s) => s === wanted);
      for (const s of match) {
        const exists = ctx.project.pathKind(posix.join(context, s)) !== "none";
        hits.push({
          loc: instructionLoc(file, i),
          message: exists
            ? `${i.keyword} ${ctx.data(s)}: it exists in the build context ${ctx.project.display(context)}, so .dockerignore must exclude it`
            : `${i.keyword} ${ctx.data(s)}: not in the build context ${ctx.project.display(context)}`,
        });
      }
    }
  }
  return { hits, notes: hits.length === 0 ? ["no COPY/ADD in this project's Dockerfiles names that path"] : [] };
}

export function locateAptPackage(ctx: LocateContext, finding: Finding): Located {
  const pkg = finding.facts["package"] ?? "";
  const hits: Hit[] = [];
  const escaped = pkg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const install = new RegExp(String.raw`\b(?:apt-get|apt)\b[^;&|]*\binstall\b[^;&|]*(?<![\w.+-])${escaped}(?![\w.+-])`);
  for (const { file } of dockerfiles(ctx)) {
    for (const stage of file.ast.stages) {
      for (const i of stage.instructions) {
        if (i.keyword !== "RUN" || !install.test(i.args)) continue;
        hits.push({ loc: instructionLoc(file, i), message: `installs "${ctx.data(pkg)}"${pkg === "netcat" ? ": on Debian bookworm the package is netcat-openbsd (or netcat-traditional)" : ""}` });
        hits.push({ loc: nodeLoc(file, stage.imageRange), message: `the package list comes from this base image's release (${ctx.data(stage.image)})` });
      }
    }
  }
  return { hits: dedupeHits(hits), notes: hits.length === 0 ? [`no Dockerfile of this project installs "${ctx.data(pkg)}"`] : [] };
}

export function locatePipRequirements(ctx: LocateContext, finding: Finding): Located {
  const path = finding.facts["path"] ?? "";
  const hits: Hit[] = [];
  for (const { file, context } of dockerfiles(ctx)) {
    for (const i of file.ast.instructions) {
      if (i.keyword !== "RUN" || !/\bpip[\d.]*\b|\bpip\b|-m pip/.test(i.args)) continue;
      const m = /(?:-r|--requirement)[=\s]+(\S+)/.exec(i.args);
      if (!m || (m[1] !== path && posix.basename(m[1]!) !== posix.basename(path))) continue;
      const rel = m[1]!.replace(/^\.\//, "");
      const exists = !rel.startsWith("/") && ctx.project.pathKind(posix.join(context, rel)) === "file";
      hits.push({ loc: instructionLoc(file, i), message: exists ? `pip reads ${ctx.data(m[1]!)} here: it exists in the build context, so check WORKDIR and the COPY before this line` : `pip reads ${ctx.data(m[1]!)} here, which is not in the build context ${ctx.project.display(context)}` });
    }
  }
  return { hits, notes: hits.length === 0 ? ["no RUN pip install -r in this project's Dockerfiles names that file"] : [] };
}

// ---------------------------------------------------------------- MySQL init scripts

export function locateInitdbSql(ctx: LocateContext, finding: Finding, servers: readonly Member[]): Located {
  const printed = finding.facts["file"] ?? finding.facts["initfile"];
  const line = Number(finding.facts["line"] ?? "0");
  const hits: Hit[] = [];
  for (const { service } of servers) {
    let host: string | undefined;
    if (printed) {
      const path = printed.startsWith("/") ? printed : posix.join("/docker-entrypoint-initdb.d", printed);
      const r = resolveContainerPath(ctx.project, service, path);
      if ((r.kind === "bind" || r.kind === "copy") && ctx.project.pathKind(r.hostPath) === "file") host = r.hostPath;
    } else {
      const sql = listContainerDir(ctx.project, service, "/docker-entrypoint-initdb.d").filter((f) => f.containerPath.endsWith(".sql"));
      if (sql.length === 1) host = sql[0]!.hostPath;
    }
    const source = host ? ctx.project.source(host) : undefined;
    const loc = source ? lineLoc(source, line) : undefined;
    if (!loc) continue;
    const image = service.image?.ref ?? service.build?.image?.base?.ref ?? "this image";
    hits.push({ loc, message: `this statement fails on ${ctx.data(image)} (ERROR ${ctx.data(finding.facts["code"] ?? "")}): the first start of container "${service.name}" aborts` });
  }
  return { hits: dedupeHits(hits), notes: hits.length === 0 ? ["no init script of this project maps to that file"] : [] };
}
