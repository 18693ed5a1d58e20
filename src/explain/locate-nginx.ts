/**
 * Locate strategies for nginx findings: upstream connections (the same
 * facts the proxy-protocol-mismatch, upstream-host-unknown,
 * upstream-port-mismatch and listener-loopback-only rules use), printed
 * file:line positions, and directives such as access_log or alias.
 */
import { posix } from "node:path";
import { walkDirectives } from "../parsers/nginx/walk.js";
import type { ProjectFile } from "../project/project.js";
import { coveringMount } from "../model/container-fs.js";
import { nginxInstanceOf } from "../model/nginx-instance.js";
import { parseAddress } from "../model/listeners.js";
import type { Stack } from "../model/stack.js";
import type { Connection, Listener, Loc, Protocol, Service } from "../model/types.js";
import type { NginxDirective } from "../parsers/nginx/ast.js";
import { lineRange, positionAt, type SourceFile } from "../source/source-file.js";
import type { Finding } from "./match.js";
import {
  describeConnection, directiveLoc, filesOf, imageLoc, iniEntries, lineLoc, mapPrintedFile, members, nginxDirectives, nginxSeconds, nodeLoc,
  readersOf, scopeOf, target, type Hit, type Located, type LocateContext, type Member,
} from "./locate-util.js";

interface NginxConnection {
  stack: Stack;
  connection: Connection;
}

function nginxConnections(ctx: LocateContext, scope: readonly Member[], named: boolean): NginxConnection[] {
  const out: NginxConnection[] = [];
  for (const stack of ctx.model.stacks) {
    for (const connection of stack.connections) {
      if (connection.client !== "nginx") continue;
      if (named && connection.from && !scope.some((m) => m.service === connection.from)) continue;
      out.push({ stack, connection });
    }
  }
  // A log named services the model knows, but none of them is the nginx: use every nginx connection.
  if (named && out.length === 0) return nginxConnections(ctx, scope, false);
  return out;
}

/** `upstream: "http://172.18.0.3:8000/x"` → scheme and port, to pick the connections the log line is about. */
function upstreamOf(finding: Finding): { protocol: Protocol | undefined; host: string | undefined; port: number | undefined } {
  const scheme = finding.facts["scheme"];
  const upstream = finding.facts["upstream"];
  const protocol: Protocol | undefined = scheme === "http" ? "http" : scheme === "https" ? "https" : scheme === "uwsgi" ? "uwsgi" : scheme === "fastcgi" ? "fastcgi" : undefined;
  if (!upstream) return { protocol, host: undefined, port: undefined };
  const parsed = parseAddress(upstream);
  return { protocol, host: parsed.address ?? upstream, port: upstream.includes(":") ? parsed.port : undefined };
}

/** The connections a line with an `upstream:` part is about: same protocol and port when those pick any. */
function connectionsFor(ctx: LocateContext, finding: Finding): NginxConnection[] {
  const scope = scopeOf(ctx, finding);
  const all = nginxConnections(ctx, scope.members, scope.named);
  const up = upstreamOf(finding);
  let picked = all;
  if (up.protocol) {
    const same = picked.filter((c) => c.connection.protocol === up.protocol || (up.protocol === "http" && c.connection.protocol === "https"));
    if (same.length > 0) picked = same;
  }
  if (up.port !== undefined) {
    const same = picked.filter((c) => c.connection.port === up.port || c.stack.target(c.connection).port === up.port);
    if (same.length > 0) picked = same;
  }
  return picked;
}

function describe(protocol: Protocol): string {
  return protocol === "http" ? "HTTP" : protocol === "https" ? "HTTPS" : protocol === "uwsgi" ? "the uwsgi protocol" : protocol === "fastcgi" ? "FastCGI" : protocol;
}

const OPTION_OF: Partial<Record<Protocol, string>> = { uwsgi: "socket", http: "http-socket / http", fastcgi: "fastcgi-socket" };

/** nginx sends one protocol, the app server listens with another: both lines. */
function mismatches(ctx: LocateContext, conns: readonly NginxConnection[], sent: (p: Protocol) => boolean): Hit[] {
  const hits: Hit[] = [];
  for (const { stack, connection } of conns) {
    if (!sent(connection.protocol)) continue;
    const t = stack.target(connection);
    const judged = t.listeners.filter((l) => l.protocol === "http" || l.protocol === "uwsgi" || l.protocol === "fastcgi");
    if (judged.length === 0 || judged.some((l) => l.protocol === connection.protocol || (connection.protocol === "https" && l.protocol === "http"))) continue;
    const l = judged[0]!;
    const directive = connection.directiveLoc ?? connection.loc;
    hits.push({ loc: directive, message: `nginx sends ${describe(connection.protocol)} to ${ctx.data(target(connection))} here` });
    if (connection.directiveLoc && !sameLine(connection.directiveLoc, connection.loc)) hits.push({ loc: connection.loc, message: "the upstream server it connects to" });
    hits.push({
      loc: l.loc,
      message: `${l.service.name} (${l.program}) listens there with ${describe(l.protocol)} (${OPTION_OF[l.protocol] ?? l.protocol}): ${
        l.protocol === "uwsgi" ? "use `uwsgi_pass` + `include uwsgi_params;` in nginx, or `http-socket` in uWSGI" : `use the matching *_pass directive, or let ${l.program} listen with ${describe(connection.protocol)}`
      }`,
    });
  }
  return hits;
}

function sameLine(a: Loc, b: Loc): boolean {
  return a.file === b.file && positionAt(a.file, a.start).line === positionAt(b.file, b.start).line;
}

/** uWSGI `socket` ports published to the host: a browser or health check speaks HTTP to them. */
function publishedUwsgiSockets(scope: readonly Member[]): Hit[] {
  const hits: Hit[] = [];
  for (const { service } of scope) {
    for (const l of service.listeners) {
      if (l.protocol !== "uwsgi" || l.port === undefined) continue;
      for (const p of service.ports) {
        if (l.port < p.containerPort || l.port > p.containerPortEnd) continue;
        hits.push({ loc: p.loc, message: `container port ${l.port} of ${service.name} is published to the host: a browser or health check reaching it speaks HTTP` });
        hits.push({ loc: l.loc, message: `${service.name} listens on ${l.port} with the uwsgi protocol (socket), not HTTP: use http-socket for direct HTTP` });
      }
    }
  }
  return hits;
}

/** `invalid request block size: 21573`: the size is two bytes of the request; "ET" of "GET" means HTTP. */
export function blockSizeLooksLikeHttp(size: number): boolean {
  const a = String.fromCharCode(size & 0xff);
  const b = String.fromCharCode((size >> 8) & 0xff);
  return ["ET", "OS", "EA", "UT", "EL", "AT", "PT", "PR", "ON"].includes(a + b);
}

export function locateProtocolMismatch(ctx: LocateContext, finding: Finding): Located {
  const conns = nginxConnections(ctx, members(ctx.model), false);
  const size = Number(finding.facts["size"] ?? "0");
  const http = size === 0 || blockSizeLooksLikeHttp(size);
  if (http) {
    const hits = mismatches(ctx, conns, (p) => p === "http" || p === "https");
    if (hits.length > 0) return { hits, notes: [] };
    const published = publishedUwsgiSockets(members(ctx.model));
    if (published.length > 0) return { hits: published, notes: [] };
    const uwsgiPass = conns.filter(({ connection }) => connection.protocol === "uwsgi");
    const notes = [
      uwsgiPass.length > 0
        ? "nginx → uWSGI looks consistent in this project (uwsgi_pass to a uwsgi socket): the HTTP request came from elsewhere (a browser, a health check or another proxy talking HTTP to the socket port)"
        : "no nginx → uWSGI connection in this project speaks HTTP to a uwsgi socket: check what else talks HTTP to the uWSGI socket port",
    ];
    return { hits: [], notes };
  }
  // A real uwsgi packet larger than the buffer: headers (cookies) exceed buffer-size.
  const scope = scopeOf(ctx, finding);
  const hits: Hit[] = [];
  for (const file of filesOf(ctx, scope.members, "uwsgi")) {
    for (const e of iniEntries(file, ["buffer-size", "b"], ["uwsgi"])) hits.push({ loc: nodeLoc(file, e), message: `buffer-size ${ctx.data(e.value)}: requests with larger headers are dropped` });
  }
  return { hits, notes: [`the request headers are larger than uWSGI's buffer-size (${finding.facts["max"] ?? "4096"} bytes): raise buffer-size (e.g. 32768)`] };
}

export function locateUpstreamClosed(ctx: LocateContext, finding: Finding): Located {
  const conns = connectionsFor(ctx, finding);
  const hits = mismatches(ctx, conns, () => true);
  if (hits.length > 0) return { hits, notes: [] };
  // Same protocol on both ends: a killed worker (harakiri, OOM) is the other cause.
  const timeouts = harakiriAgainstTimeouts(ctx, conns);
  return { hits: timeouts, notes: timeouts.length > 0 ? [] : ["nginx and the app server agree on the protocol in this project: the worker was probably killed (harakiri, OOM) or crashed; see the app server's log at that time"] };
}

/** uWSGI harakiri of the services nginx reaches, against nginx's read timeouts. */
function harakiriAgainstTimeouts(ctx: LocateContext, conns: readonly NginxConnection[]): Hit[] {
  const hits: Hit[] = [];
  const appServices = new Set<Service>();
  for (const { stack, connection } of conns) {
    const s = stack.target(connection).service;
    if (s) appServices.add(s);
  }
  const scope = appServices.size > 0 ? members(ctx.model).filter((m) => appServices.has(m.service)) : members(ctx.model);
  const harakiri: { seconds: number; hit: Hit }[] = [];
  for (const file of filesOf(ctx, scope, "uwsgi")) {
    for (const e of iniEntries(file, ["harakiri"], ["uwsgi"])) {
      const seconds = Number.parseInt(e.value, 10);
      if (Number.isFinite(seconds)) harakiri.push({ seconds, hit: { loc: nodeLoc(file, e), message: `uWSGI kills a request after harakiri = ${seconds} s` } });
    }
  }
  if (harakiri.length === 0) return hits;
  const min = Math.min(...harakiri.map((h) => h.seconds));
  hits.push(...harakiri.map((h) => h.hit));
  const nginxFiles = [...new Set(conns.map((c) => c.connection.directiveLoc?.file ?? c.connection.loc.file))];
  const files = ctx.project.filesOf("nginx").filter((f) => nginxFiles.includes(f.source));
  for (const { file, directive } of nginxDirectives(files, ["uwsgi_read_timeout", "proxy_read_timeout", "fastcgi_read_timeout"])) {
    const s = nginxSeconds(directive.args[0]?.value ?? "");
    if (s === undefined) continue;
    hits.push({ loc: directiveLoc(file, directive), message: s > min ? `${directive.name} ${s} s is longer than harakiri (${min} s): slow requests end as 502 at harakiri time` : `${directive.name} ${s} s` });
  }
  return hits;
}

export function locateUpstreamRefused(ctx: LocateContext, finding: Finding): Located {
  const conns = connectionsFor(ctx, finding);
  const hits: Hit[] = [];
  const notes: string[] = [];
  for (const { stack, connection } of conns) {
    const d = describeConnection(ctx, stack, connection);
    hits.push(...d.hits);
    if (d.ok && d.service) notes.push(`nginx → ${ctx.data(target(connection))}: ${d.service.name} listens there per the config, so it was probably not running (yet): see its own log, and add a healthcheck + depends_on condition`);
    else notes.push(...d.notes);
  }
  if (conns.length === 0) notes.push("no nginx upstream in this project");
  return { hits, notes: hits.length > 0 ? [] : notes };
}

export function locateUpstreamServers(ctx: LocateContext, finding: Finding): Located {
  const name = finding.facts["upstream"];
  const hits: Hit[] = [];
  const notes: string[] = [];
  const scope = scopeOf(ctx, finding);
  for (const file of filesOf(ctx, scope.members, "nginx")) {
    for (const d of walkDirectives(file.ast.directives)) {
      if (d.name !== "upstream" || !d.block || (name !== undefined && d.args[0]?.value !== name)) continue;
      hits.push({ loc: directiveLoc(file, d), message: `upstream ${ctx.data(d.args[0]?.value ?? "")}: nginx marked every server below as failed` });
      for (const stack of ctx.model.stacks) {
        for (const connection of stack.connections) {
          if (connection.client !== "nginx" || connection.loc.file !== file.source || connection.loc.start < d.start || connection.loc.end > d.end) continue;
          const r = describeConnection(ctx, stack, connection);
          hits.push(...r.hits);
          if (r.ok) hits.push({ loc: connection.loc, message: `server ${ctx.data(target(connection))}` });
        }
      }
    }
  }
  if (hits.length === 0) notes.push(`no upstream "${ctx.data(name ?? "")}" block in this project's nginx config`);
  return { hits: dedupeHits(hits), notes };
}

export function locateUpstreamTimeout(ctx: LocateContext, finding: Finding): Located {
  const conns = connectionsFor(ctx, finding);
  const connecting = (finding.facts["phase"] ?? "").startsWith("connecting");
  const hits: Hit[] = [];
  const nginxFiles = new Set(conns.map((c) => c.connection.directiveLoc?.file ?? c.connection.loc.file));
  const files = ctx.project.filesOf("nginx").filter((f) => nginxFiles.has(f.source));
  const names = connecting ? ["proxy_connect_timeout", "uwsgi_connect_timeout", "fastcgi_connect_timeout"] : ["proxy_read_timeout", "uwsgi_read_timeout", "fastcgi_read_timeout"];
  for (const { file, directive } of nginxDirectives(files, names)) hits.push({ loc: directiveLoc(file, directive), message: `${directive.name} ${ctx.data(directive.args[0]?.value ?? "")}` });
  const notes: string[] = [];
  if (hits.length === 0) notes.push(`no ${names.join(" / ")} in the nginx config: nginx waits 60 s`);
  if (connecting) {
    for (const { stack, connection } of conns) hits.push(...describeConnection(ctx, stack, connection).hits);
  } else {
    const appServices = new Set<Service>();
    for (const { stack, connection } of conns) {
      const s = stack.target(connection).service;
      if (s) appServices.add(s);
    }
    const scope = appServices.size > 0 ? members(ctx.model).filter((m) => appServices.has(m.service)) : members(ctx.model);
    for (const file of filesOf(ctx, scope, "uwsgi")) for (const e of iniEntries(file, ["harakiri"], ["uwsgi"])) hits.push({ loc: nodeLoc(file, e), message: `uWSGI harakiri = ${ctx.data(e.value)} s` });
    for (const { service } of scope) {
      for (const p of service.main?.programs ?? []) {
        if (p.program !== "gunicorn") continue;
        const i = p.argv.findIndex((a) => a === "-t" || a === "--timeout" || a.startsWith("--timeout="));
        if (i >= 0) hits.push({ loc: p.loc, message: `gunicorn ${ctx.data(p.argv[i]!.includes("=") ? p.argv[i]! : `${p.argv[i]} ${p.argv[i + 1] ?? ""}`)}` });
      }
    }
  }
  return { hits: dedupeHits(hits), notes };
}

export function locateHostNotFound(ctx: LocateContext, finding: Finding): Located {
  const raw = finding.facts["host"] ?? "";
  const host = raw.replace(/^[a-z]+:\/\//, "").split("/")[0]!.replace(/:\d+$/, "");
  const scope = scopeOf(ctx, finding);
  const hits: Hit[] = [];
  const notes: string[] = [];
  const printed = printedLine(ctx, scope.members, finding, "nginx");
  if (printed) hits.push({ loc: printed.loc, message: `nginx stops here: "${ctx.data(host)}" does not resolve (${printed.how})` });
  let described = false;
  for (const stack of ctx.model.stacks) {
    for (const connection of stack.connections) {
      if (connection.client !== "nginx" || connection.host !== host) continue;
      described = true;
      const d = describeConnection(ctx, stack, connection);
      if (d.hits.length > 0) hits.push(...d.hits);
      else if (d.service) {
        hits.push({ loc: connection.loc, message: `"${ctx.data(host)}" is service ${d.service.name}, on a network nginx shares: it was not running (or not yet resolvable) when nginx started; nginx resolves upstream names once, at start` });
        const from = connection.from;
        const dep = from?.dependsOn.find((x) => x.name === d.service!.name);
        if (from && !dep) hits.push({ loc: from.loc, message: `${from.name} has no depends_on: ${d.service.name}` });
      }
      const names = stack.services.map((s) => s.name);
      if (names.length > 0) notes.push(`services of this stack: ${names.join(", ")}`);
    }
  }
  if (!described && !printed) notes.push(`no nginx config in this project names "${ctx.data(host)}"`);
  if (printed && !described) {
    const names = [...new Set(members(ctx.model).map((m) => m.service.name))];
    if (names.length > 0) notes.push(`services of this project: ${names.join(", ")}`);
  }
  return { hits: dedupeHits(hits), notes: [...new Set(notes)] };
}

/** The project line behind nginx's `in FILE:LINE`. */
function printedLine(ctx: LocateContext, scope: readonly Member[], finding: Finding, kind: "nginx"): { loc: Loc; how: string } | undefined {
  const file = finding.facts["file"];
  const line = Number(finding.facts["line"] ?? "0");
  if (!file || !line) return undefined;
  const mapped = mapPrintedFile(ctx, scope, file, kind);
  if (!mapped) return undefined;
  const loc = lineLoc(mapped.source, line);
  return loc ? { loc, how: mapped.how } : undefined;
}

export function locateNginxFileLine(ctx: LocateContext, finding: Finding): Located {
  const scope = scopeOf(ctx, finding);
  const printed = printedLine(ctx, scope.members, finding, "nginx");
  if (!printed) return { hits: [], notes: finding.facts["file"] ? [`${ctx.data(finding.facts["file"])} is not a file of this project (no mount or COPY puts a project file there)`] : [] };
  const hits: Hit[] = [];
  const id = finding.signature.id;
  const source = printed.loc.file;
  const line = Number(finding.facts["line"]);
  if (id === "nginx-unexpected-brace") {
    const prev = previousCodeLine(source, line);
    const eof = (finding.facts["expecting"] ?? "").length > 0;
    if (prev && !/[;{}]\s*(#.*)?$/.test(source.text.slice(prev.start, prev.end))) {
      hits.push({ loc: prev, message: "missing `;` at the end of this line" });
      hits.push({ loc: printed.loc, message: `nginx reports the line after it (${printed.how})` });
    } else hits.push({ loc: printed.loc, message: eof ? `the file ends inside a block: a \`}\` (or \`;\`) is missing (${printed.how})` : `nginx stops here (${printed.how})` });
  } else if (id === "nginx-not-allowed-here") {
    const directive = finding.facts["directive"] ?? "";
    let where = "";
    for (const file of ctx.project.filesOf("nginx")) {
      if (file.source !== source) continue;
      for (const reader of readersOf(ctx, file)) {
        const entry = nginxInstanceOf(ctx.project, reader.service)?.files.find((c) => c.file === file);
        if (entry && entry.context.length > 0) where = `this file is included inside http {} (${entry.containerPath})`;
      }
    }
    const fix = ["http", "events", "user", "worker_processes", "pid", "error_log", "include"].includes(directive) && where ? `: remove the ${ctx.data(directive)} {…} wrapper / main-context directives` : "";
    hits.push({ loc: printed.loc, message: `"${ctx.data(directive)}" is not allowed in this context${where ? `; ${where}` : ""}${fix}` });
  } else hits.push({ loc: printed.loc, message: `nginx does not know "${ctx.data(finding.facts["directive"] ?? "")}" (${printed.how}): a typo, a directive of a module this nginx does not load, or stray text` });
  return { hits, notes: [] };
}

/** The nearest line above `line` that holds something other than blanks and comments. */
function previousCodeLine(source: SourceFile, line: number): Loc | undefined {
  for (let l = line - 1; l >= 1; l--) {
    const r = lineRange(source, l);
    const text = source.text.slice(r.start, r.end).trim();
    if (text === "" || text.startsWith("#")) continue;
    return lineLoc(source, l);
  }
  return undefined;
}

export function locateLogFormat(ctx: LocateContext, finding: Finding): Located {
  const format = finding.facts["format"] ?? "";
  const scope = scopeOf(ctx, finding);
  const hits: Hit[] = [];
  const printed = printedLine(ctx, scope.members, finding, "nginx");
  if (printed) hits.push({ loc: printed.loc, message: `access_log uses the log format "${ctx.data(format)}" (${printed.how})` });
  else {
    for (const { file, directive } of nginxDirectives(filesOf(ctx, scope.members, "nginx"), ["access_log"])) {
      if (directive.args.slice(1).some((a) => a.value === format)) hits.push({ loc: directiveLoc(file, directive), message: `access_log uses the log format "${ctx.data(format)}"` });
    }
  }
  const defined = nginxDirectives(ctx.project.filesOf("nginx"), ["log_format"]).filter((x) => x.directive.args[0]?.value === format);
  for (const { file, directive } of defined) hits.push({ loc: directiveLoc(file, directive), message: `log_format ${ctx.data(format)} is defined here: the file holding access_log must be read after it (same http {})` });
  const notes: string[] = [];
  if (defined.length === 0) {
    for (const file of new Set(hits.map((h) => h.loc.file))) {
      for (const pf of ctx.project.filesOf("nginx")) {
        if (pf.source !== file) continue;
        for (const { service } of readersOf(ctx, pf)) {
          const image = imageLoc(service);
          if (image) hits.push({ loc: image.loc, message: `${service.name} runs ${ctx.data(image.ref)}: its main nginx.conf must define log_format ${ctx.data(format)} (the official nginx image defines "main", Debian's nginx does not)` });
        }
      }
    }
    notes.push(`no log_format "${ctx.data(format)}" in this project's nginx files`);
  }
  return { hits: dedupeHits(hits), notes };
}

export function locateNginxBind(ctx: LocateContext, finding: Finding): Located {
  const port = Number(finding.facts["port"] ?? "0");
  const hits: Hit[] = [];
  for (const { service } of members(ctx.model)) {
    for (const l of service.listeners) if (l.program === "nginx" && l.port === port) hits.push({ loc: l.loc, message: `nginx in ${service.name} listens on ${port} here` });
    for (const p of service.ports) {
      const host = p.hostPort ?? undefined;
      if (host !== undefined && port >= host && port <= host + (p.containerPortEnd - p.containerPort)) hits.push({ loc: p.loc, message: `${service.name} publishes host port ${port} here` });
    }
  }
  for (const file of ctx.project.filesOf("nginx")) {
    if (members(ctx.model).some((m) => m.service.configFiles.includes(file))) continue;
    for (const d of walkDirectives(file.ast.directives)) {
      if (d.name !== "listen" || !d.args[0]) continue;
      const a = parseAddress(d.args[0].value);
      if (a.port === port) hits.push({ loc: directiveLoc(file, d), message: `this nginx (on the host) listens on ${port}` });
    }
  }
  const notes = hits.length <= 1 ? [`only one listener on ${port} in this project: another program on the host holds the port (\`ss -ltnp 'sport = :${port}'\`)`] : [];
  return { hits: dedupeHits(hits), notes };
}

export function locateNginxStatic(ctx: LocateContext, finding: Finding, pathFact = "path"): Located {
  const path = finding.facts[pathFact] ?? "";
  const scope = scopeOf(ctx, finding);
  const hits: Hit[] = [];
  const notes: string[] = [];
  const files = filesOf(ctx, scope.members, "nginx");
  const isUrl = finding.signature.id === "django-static-404";
  let best: { file: ProjectFile<"nginx">; directive: NginxDirective; dir: string; score: number } | undefined;
  for (const file of files) {
    for (const d of walkDirectives(file.ast.directives)) {
      if ((d.name !== "alias" && d.name !== "root") || !d.args[0]) continue;
      const value = d.args[0].value;
      if (value.includes("$")) continue;
      let matches: boolean;
      if (isUrl) {
        const location = locationOf(file, d);
        matches = location !== undefined && path.startsWith(location.replace(/\/?$/, "/"));
      } else matches = path.startsWith(value.replace(/\/$/, "") + "/") || path === value;
      if (!matches) continue;
      const score = value.length;
      if (!best || score > best.score) best = { file, directive: d, dir: value, score };
    }
  }
  if (!best) {
    notes.push(`no alias/root in this project's nginx config covers ${ctx.data(path)}`);
    return { hits, notes };
  }
  const denied = finding.signature.id === "nginx-static-denied";
  hits.push({ loc: directiveLoc(best.file, best.directive), message: `${best.directive.name} ${ctx.data(best.dir)} serves these requests from that directory of the nginx container` });
  const dir = best.dir.replace(/\/$/, "") || "/";
  for (const { stack, service } of readersOf(ctx, best.file)) {
    const mount = coveringMount(service, dir);
    if (!mount) {
      hits.push({ loc: directiveLoc(best.file, best.directive), message: `nothing is mounted at ${ctx.data(dir)} in container "${service.name}": only what the image holds is there (share the volume collectstatic writes to)` });
      continue;
    }
    if (denied) {
      const what = mount.type === "bind" && mount.source ? ctx.project.display(mount.source) : `the volume ${ctx.data(mount.source ?? "(anonymous)")}`;
      hits.push({ loc: mount.loc, message: `${service.name} mounts ${what} at ${ctx.data(mount.target)}: its files (and directories) must be readable by nginx's worker user` });
      continue;
    }
    if (mount.type === "volume" && mount.source) {
      hits.push({ loc: mount.loc, message: `${service.name} serves the volume "${ctx.data(mount.source)}" at ${ctx.data(mount.target)}` });
      for (const other of stack.services) {
        if (other === service) continue;
        for (const m of other.mounts) if (m.type === "volume" && m.source === mount.source) hits.push({ loc: m.loc, message: `${other.name} has the same volume at ${ctx.data(m.target)}: the files must be written there (collectstatic / STATIC_ROOT)` });
      }
    } else if (mount.type === "bind" && mount.source) {
      const exists = ctx.project.pathKind(mount.source) !== "none";
      hits.push({ loc: mount.loc, message: `${service.name} bind-mounts ${ctx.project.display(mount.source)} at ${ctx.data(mount.target)}${exists ? "" : ", which does not exist in the project"}` });
    }
  }
  return { hits: dedupeHits(hits), notes };
}

/** The `location` prefix a directive is in. */
function locationOf(file: ProjectFile<"nginx">, target: NginxDirective): string | undefined {
  let found: string | undefined;
  for (const d of walkDirectives(file.ast.directives)) {
    if (d.name === "location" && d.block && d.start <= target.start && target.end <= d.end) found = d.args[d.args.length - 1]?.value;
  }
  return found;
}

export function locateBodySize(ctx: LocateContext, finding: Finding): Located {
  const scope = scopeOf(ctx, finding);
  const files = filesOf(ctx, scope.members, "nginx");
  const hits: Hit[] = nginxDirectives(files, ["client_max_body_size"]).map(({ file, directive }) => ({ loc: directiveLoc(file, directive), message: `client_max_body_size ${ctx.data(directive.args[0]?.value ?? "")}: larger request bodies get 413` }));
  if (hits.length > 0) return { hits, notes: [] };
  for (const { file, directive } of nginxDirectives(files, ["server"])) {
    if (directive.block) hits.push({ loc: directiveLoc(file, directive), message: "no client_max_body_size in this server: nginx's default is 1m" });
  }
  return { hits, notes: [] };
}

export function locateUnixSocket(ctx: LocateContext, finding: Finding): Located {
  const socket = (finding.facts["socket"] ?? "").replace(/:$/, "");
  const hits: Hit[] = [];
  const notes: string[] = [];
  const nginxSides: Service[] = [];
  for (const stack of ctx.model.stacks) {
    for (const c of stack.connections) {
      if (c.client !== "nginx" || c.socketPath !== socket) continue;
      hits.push({ loc: c.directiveLoc ?? c.loc, message: `nginx connects to unix:${ctx.data(socket)} here` });
      if (c.from) nginxSides.push(c.from);
    }
  }
  const listeners: Listener[] = [];
  for (const { service } of members(ctx.model)) for (const l of service.listeners) if (l.socketPath !== undefined) listeners.push(l);
  const same = listeners.filter((l) => l.socketPath === socket);
  const dir = posix.dirname(socket);
  for (const l of same) {
    hits.push({ loc: l.loc, message: `${l.service.name} (${l.program}) creates the socket here` });
    const appMount = coveringMount(l.service, dir);
    for (const n of nginxSides) {
      const nginxMount = coveringMount(n, dir);
      const shared = appMount && nginxMount && appMount.type === nginxMount.type && appMount.source !== undefined && appMount.source === nginxMount.source;
      if (shared) continue;
      if (appMount) hits.push({ loc: appMount.loc, message: `${l.service.name} has ${ctx.data(appMount.source ?? "an anonymous volume")} at ${ctx.data(appMount.target)}` });
      if (nginxMount) hits.push({ loc: nginxMount.loc, message: `${n.name} has ${ctx.data(nginxMount.source ?? "an anonymous volume")} at ${ctx.data(nginxMount.target)}: not the same as ${l.service.name}'s` });
      if (!appMount || !nginxMount) notes.push(`${ctx.data(dir)} is not on a volume shared by ${n.name} and ${l.service.name}: mount the same named volume at ${ctx.data(dir)} in both`);
    }
  }
  if (same.length === 0) {
    for (const l of listeners) hits.push({ loc: l.loc, message: `${l.service.name} (${l.program}) creates its socket at "${ctx.data(l.socketPath ?? "")}", not ${ctx.data(socket)}` });
    if (listeners.length === 0) notes.push(`no app server in this project listens on unix:${ctx.data(socket)}`);
  }
  return { hits: dedupeHits(hits), notes };
}

export function locateUnixSocketPerms(ctx: LocateContext, finding: Finding): Located {
  const socket = (finding.facts["socket"] ?? "").replace(/:$/, "");
  const hits: Hit[] = [];
  for (const { service } of members(ctx.model)) {
    for (const l of service.listeners) {
      if (l.socketPath !== socket) continue;
      const files = service.configFiles.filter((f): f is ProjectFile<"uwsgi"> => f.kind === "uwsgi");
      const perms = files.flatMap((f) => iniEntries(f, ["chmod-socket", "chown-socket", "uid", "gid"], ["uwsgi"]).map((e) => ({ f, e })));
      for (const { f, e } of perms) hits.push({ loc: nodeLoc(f, e), message: `${e.key} = ${ctx.data(e.value)}` });
      if (!perms.some(({ e }) => e.key === "chmod-socket" || e.key === "chown-socket")) {
        hits.push({ loc: l.loc, message: `${service.name} creates the socket without chmod-socket/chown-socket: nginx's worker user may not write to it (add chmod-socket = 666 or chown-socket to nginx's user)` });
      } else hits.push({ loc: l.loc, message: `${service.name} creates the socket here` });
    }
  }
  return { hits: dedupeHits(hits), notes: hits.length === 0 ? [`no app server in this project listens on unix:${ctx.data(socket)}`] : [] };
}

/** Several strategies reach the same line: keep the first message per file:offset. */
export function dedupeHits(hits: readonly Hit[]): Hit[] {
  const seen = new Set<string>();
  const out: Hit[] = [];
  for (const h of hits) {
    const key = `${h.loc.file.path}\0${h.loc.start}\0${h.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(h);
  }
  return out;
}

export { target };
