/**
 * Shared helpers of the locate strategies: service lookup by the names logs
 * use, files of a kind a scope of services reads, lines as locations, and
 * "where does this connection end up" in words. Everything here asks the
 * stack model (src/model); nothing re-parses a file.
 */
import { clientLabel } from "../model/client-label.js";
import { nginxSeconds } from "../model/durations.js";
import { posix } from "node:path";
import type { IniEntry } from "../parsers/ini/ast.js";
import type { NginxDirective } from "../parsers/nginx/ast.js";
import { walkDirectives } from "../parsers/nginx/walk.js";
import type { FileKind } from "../parsers/index.js";
import type { Project, ProjectFile } from "../project/project.js";
import type { Model } from "../model/build-model.js";
import { isLoopback } from "../model/listeners.js";
import type { Stack } from "../model/stack.js";
import type { Connection, Loc, Service } from "../model/types.js";
import { resolveContainerPath } from "../model/container-fs.js";
import { isMysqlImage, isRedisImage } from "../model/image/known-images.js";
import { lineRange, type SourceFile } from "../source/source-file.js";
import type { Finding } from "./match.js";

/** A config location with what it has to do with the finding. */
export interface Hit {
  loc: Loc;
  message: string;
}

export interface Located {
  hits: Hit[];
  notes: string[];
}

export interface LocateContext {
  project: Project;
  model: Model;
  /** Redacts a value taken from the log or the project before it goes into a message. */
  data: (value: string) => string;
}

export interface Member {
  stack: Stack;
  service: Service;
}

/** Every service of every stack. */
export function members(model: Model): Member[] {
  return model.stacks.flatMap((stack) => stack.services.map((service) => ({ stack, service })));
}

/**
 * Services a log names: compose prefixes (`web-1  | `) and names in the
 * line (`web exited with code 0`). Compose v1 container names carry the
 * project (`myproject_web_1`), so a name ending in `_web`/`-web` counts too.
 */
export function servicesNamed(model: Model, names: readonly string[]): Member[] {
  const out: Member[] = [];
  for (const name of names) {
    for (const stack of model.stacks) {
      let service = stack.service(name);
      if (!service) {
        const candidates = stack.services.filter((s) => name.endsWith(`_${s.name}`) || name.endsWith(`-${s.name}`));
        if (candidates.length === 1) service = candidates[0];
      }
      if (service && !out.some((m) => m.service === service)) out.push({ stack, service });
    }
  }
  return out;
}

/** Names a finding mentions: prefixes seen and the `service` fact. */
export function namesOf(finding: Finding): string[] {
  const names = [...finding.services];
  const named = finding.facts["service"];
  if (named && !names.includes(named)) names.push(named);
  return names;
}

/** The services a finding is about; all of them when the log names none the model knows. */
export function scopeOf(ctx: LocateContext, finding: Finding): { members: Member[]; named: boolean } {
  const named = servicesNamed(ctx.model, namesOf(finding));
  return named.length > 0 ? { members: named, named: true } : { members: members(ctx.model), named: false };
}

/** Config files of a kind the services read; every such file of the project when they read none. */
export function filesOf<K extends FileKind>(ctx: LocateContext, scope: readonly Member[], kind: K): ProjectFile<K>[] {
  const out: ProjectFile<K>[] = [];
  for (const { service } of scope) for (const f of service.configFiles) if (f.kind === kind && !out.includes(f as ProjectFile<K>)) out.push(f as ProjectFile<K>);
  if (out.length > 0) return out;
  for (const { service } of members(ctx.model)) for (const f of service.configFiles) if (f.kind === kind && !out.includes(f as ProjectFile<K>)) out.push(f as ProjectFile<K>);
  return out.length > 0 ? out : ctx.project.filesOf(kind);
}

/** The services that read a config file. */
export function readersOf(ctx: LocateContext, file: ProjectFile): Member[] {
  return members(ctx.model).filter((m) => m.service.configFiles.includes(file));
}

/** A whole line (from its first non-blank character) as a location. */
export function lineLoc(file: SourceFile, line: number): Loc | undefined {
  if (line < 1 || line > file.lineStarts.length) return undefined;
  const r = lineRange(file, line);
  let start = r.start;
  while (start < r.end && /\s/.test(file.text[start]!)) start++;
  return { file, start, end: r.end };
}

export function nodeLoc(file: ProjectFile | SourceFile, range: { start: number; end: number }): Loc {
  const source = "source" in file ? file.source : file;
  return { file: source, start: range.start, end: range.end };
}

export function entryLoc(file: ProjectFile, e: IniEntry): Loc {
  return nodeLoc(file, e);
}

/** Entries of an ini section (`[uwsgi]`, `[mysqld]`...) whose key is one of `keys` (`_` and `-` alike). */
export function iniEntries(file: ProjectFile<"uwsgi" | "mysql" | "supervisor">, keys: readonly string[], sections?: readonly string[]): IniEntry[] {
  const wanted = new Set(keys.map(normKey));
  const out: IniEntry[] = [];
  for (const s of file.ast.sections) {
    if (sections && !sections.includes(s.name.toLowerCase())) continue;
    for (const e of s.entries) if (wanted.has(normKey(e.key))) out.push(e);
  }
  return out;
}

export function normKey(key: string): string {
  return key.toLowerCase().replace(/_/g, "-").replace(/^--/, "");
}

/** nginx directives by name in files. */
export function nginxDirectives(files: readonly ProjectFile<"nginx">[], names: readonly string[]): { file: ProjectFile<"nginx">; directive: NginxDirective }[] {
  const out: { file: ProjectFile<"nginx">; directive: NginxDirective }[] = [];
  for (const file of files) for (const d of walkDirectives(file.ast.directives)) if (names.includes(d.name)) out.push({ file, directive: d });
  return out;
}

/** Just the first line of a directive (a block directive's range spans its whole block). */
export function directiveLoc(file: ProjectFile<"nginx">, d: NginxDirective): Loc {
  return { file: file.source, start: d.start, end: d.blockRange ? d.blockRange.start + 1 : d.end };
}

export { nginxSeconds };

/** What kind of client a connection is, in words. */
export function clientText(connection: Connection): string {
  return clientLabel(connection.client).fixed;
}

export function target(connection: Connection): string {
  if (connection.socketPath !== undefined) return `unix:${connection.socketPath}`;
  return connection.port !== undefined ? `${connection.host}:${connection.port}` : connection.host;
}

/**
 * Where a connection ends up, as findings: an unknown or unreachable host,
 * localhost inside a container, a port nobody listens on, a loopback-only
 * listener, a target whose main process returns. `ok` when the model sees
 * nothing wrong with the path.
 */
export function describeConnection(ctx: LocateContext, stack: Stack, connection: Connection): Located & { ok: boolean; service: Service | undefined } {
  const hits: Hit[] = [];
  const notes: string[] = [];
  const t = stack.target(connection);
  const client = clientText(connection);
  const to = ctx.data(target(connection));
  const from = connection.from ? `container "${connection.from.name}"` : "the Docker host";
  const names = stack.services.map((s) => s.name).join(", ");
  switch (t.resolution.kind) {
    case "unknown":
      hits.push({ loc: connection.loc, message: `${client} connects to ${to}, but "${ctx.data(connection.host)}" is no service, network alias or container name of this stack (services: ${names})` });
      return { hits, notes, ok: false, service: undefined };
    case "unreachable": {
      const other = t.resolution.service;
      const mine = connection.from ? stack.networksOf(connection.from).join(", ") || "none" : "the host";
      hits.push({ loc: connection.loc, message: `${client} in ${from} connects to ${to}, but service "${other.name}" shares no network with it (${mine} vs ${stack.networksOf(other).join(", ") || "none"})` });
      return { hits, notes, ok: false, service: other };
    }
    case "external":
      notes.push(`${client} connects to ${to}, a host outside this stack`);
      return { hits, notes, ok: true, service: undefined };
    case "host":
      notes.push(`${client} connects to ${to} on the Docker host`);
      break;
    case "self": {
      if (t.listeners.length > 0) break;
      const owner = connection.port !== undefined ? stack.services.find((s) => s !== t.service && s.listeners.some((l) => l.port === connection.port)) : undefined;
      hits.push({
        loc: connection.loc,
        message: `${client} connects to ${to}: inside ${from} "${ctx.data(connection.host)}" is that container itself${owner ? `, but ${owner.name} is the one listening on ${connection.port}: use the service name "${owner.name}"` : ""}`,
      });
      if (owner) {
        const l = owner.listeners.find((x) => x.port === connection.port)!;
        if (!l.implicit) hits.push({ loc: l.loc, message: `${owner.name} listens on ${connection.port} here` });
      }
      return { hits, notes, ok: false, service: t.service };
    }
    case "service":
      break;
  }
  const service = t.service;
  if (!service) return { hits, notes, ok: true, service };
  let ok = true;
  if (connection.port !== undefined && t.listeners.length === 0) {
    const ports = [...new Set(service.listeners.filter((l) => l.port !== undefined).map((l) => l.port!))];
    if (ports.length > 0) {
      ok = false;
      hits.push({ loc: connection.loc, message: `${client} connects to ${to}, but ${service.name} listens on ${ports.join(", ")}` });
      for (const l of service.listeners) if (!l.implicit && l.port !== undefined) hits.push({ loc: l.loc, message: `${service.name} (${l.program}) listens on ${ctx.data(l.address || "*")}:${l.port} here` });
    } else if (!service.main) notes.push(`the model cannot tell what ${service.name} listens on`);
  }
  for (const l of t.listeners) {
    if (!isLoopback(l.address) || t.resolution.kind === "self") continue;
    ok = false;
    hits.push({ loc: connection.loc, message: `${client} connects to ${to} from ${from}` });
    hits.push({ loc: l.loc, message: `${service.name} (${l.program}) listens on ${ctx.data(l.address ?? "")}:${l.port ?? "?"} only: a loopback address is unreachable from other containers; listen on 0.0.0.0` });
  }
  if (service.main?.stays === "no") {
    for (const p of service.main.programs) {
      if (p.mode !== "returns" || !p.why) continue;
      ok = false;
      hits.push({ loc: p.why, message: `${p.program} in ${service.name} returns here at once (daemonize / \`&\`): the container exits, nothing listens` });
    }
  }
  return { hits, notes, ok, service };
}

/** Which host file a container path of a service is (bind mount or COPY), when it is a project file. */
export function hostFileOf(ctx: LocateContext, service: Service, containerPath: string): string | undefined {
  const r = resolveContainerPath(ctx.project, service, posix.normalize(containerPath));
  if ((r.kind === "bind" || r.kind === "copy") && ctx.project.pathKind(r.hostPath) === "file") return r.hostPath;
  return undefined;
}

/**
 * A file:line a program printed (nginx `in /etc/nginx/conf.d/app.conf:12`)
 * as the project file behind it: through the mounts and COPYs of the
 * services in scope, then of all services; for a host program, a project
 * file at that very path, or the only project file of that name that no
 * container reads.
 */
export function mapPrintedFile(ctx: LocateContext, scope: readonly Member[], path: string, kind: FileKind | undefined): { source: SourceFile; how: string } | undefined {
  for (const group of [scope, members(ctx.model)]) {
    for (const { service } of group) {
      const host = hostFileOf(ctx, service, path);
      if (!host) continue;
      const source = ctx.project.source(host);
      if (source) return { source, how: `${path} in container "${service.name}"` };
    }
  }
  if (path.startsWith(ctx.project.root + "/") && ctx.project.pathKind(path) === "file") {
    const source = ctx.project.source(path);
    if (source) return { source, how: path };
  }
  if (!kind) return undefined;
  const used = new Set<ProjectFile>();
  for (const { service } of members(ctx.model)) for (const f of service.configFiles) used.add(f);
  const sameName = ctx.project.filesOf(kind).filter((f) => !used.has(f) && posix.basename(f.source.path) === posix.basename(path));
  if (sameName.length === 1) return { source: sameName[0]!.source, how: `${path} (matched by file name)` };
  return undefined;
}

/** Services that run a MySQL/MariaDB server. */
export function mysqlServers(ctx: LocateContext): Member[] {
  return members(ctx.model).filter(({ service }) => isMysqlImage(imageName(service)) || (service.main?.programs ?? []).some((p) => p.program === "mysqld"));
}

/** Services that run redis-server. */
export function redisServers(ctx: LocateContext): Member[] {
  return members(ctx.model).filter(({ service }) => isRedisImage(imageName(service)) || (service.main?.programs ?? []).some((p) => p.program === "redis-server"));
}

export function imageName(service: Service): string {
  return service.image?.name ?? service.build?.image?.base?.name ?? "";
}

/** `image: mysql` / `FROM mysql:8.0`: where the server version comes from. */
export function imageLoc(service: Service): { loc: Loc; ref: string } | undefined {
  if (service.image) return { loc: service.image.loc, ref: service.image.ref };
  const base = service.build?.image?.base;
  return base ? { loc: base.loc, ref: base.ref } : undefined;
}

/** Environment variables of a service by name. */
export function envOf(service: Service, names: readonly string[]): { name: string; value: string | undefined; loc: Loc }[] {
  return service.environment.filter((e) => names.includes(e.name)).map((e) => ({ name: e.name, value: e.value && !e.value.unknown ? e.value.text : undefined, loc: e.value?.loc ?? e.loc }));
}

/** The text a location covers. */
export function textAt(loc: Loc): string {
  return loc.file.text.slice(loc.start, loc.end);
}
