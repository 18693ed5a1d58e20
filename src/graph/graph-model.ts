/**
 * The stack model as a plain graph (pure: no I/O beyond the project's
 * already-read sources). Nodes are containers (plus the Docker host and names
 * outside the stack), edges are connections and published ports, groups are
 * networks, resources are shared volumes, shared bind-mounted directories and
 * unix sockets. Each element carries the findings that concern it (matched
 * through file locations, see finding-index.ts).
 *
 * Model queries that the model does not offer are computed here: compose
 * service block ranges (for findings anywhere in a service's block), the
 * verdict on a connection (ok / unknown host / unreachable / loopback-only /
 * port mismatch / protocol mismatch / socket not shared), and who creates
 * and who connects to a unix socket.
 */
import { basename, posix, relative, resolve } from "node:path";
import type { LintResult, ResolvedDiagnostic } from "../engine/diagnostic.js";
import type { Severity } from "../engine/rule.js";
import type { Model } from "../model/build-model.js";
import { sharedFileKey } from "../model/container-fs.js";
import { isLoopback } from "../model/listeners.js";
import type { ConnectionTarget, Stack } from "../model/stack.js";
import type { Connection, Listener, Loc, ProcessNode, Service } from "../model/types.js";
import { deref, isMap, mapGet, mapPairs, pairKey } from "../parsers/compose/parse.js";
import type { Project } from "../project/project.js";
import type { SourceFile } from "../source/source-file.js";
import { FindingIndex } from "./finding-index.js";
import {
  BROKEN_RESOLUTIONS, type EdgeResolution, type GraphEdge, type GraphFinding, type GraphGroup, type GraphListener, type GraphNode,
  type GraphPlace, type GraphResource, type GraphRole, type Marked, type StackGraph,
} from "./graph-types.js";

export * from "./graph-types.js";

export interface GraphInput {
  model: Model;
  project: Project;
  /** The (redacted) lint result whose findings mark the graph; may be filtered (--quiet). */
  result: LintResult;
  /** Applied to every text taken from the model (LintRun.redact): names never carry a secret, but be sure. */
  redact?: (text: string) => string;
}

const SERVER_PROGRAMS = new Set(["nginx", "uwsgi", "gunicorn", "daphne", "django-runserver", "redis-server", "mysqld", "celery"]);
const DATA_IMAGES = /^(redis|valkey|keydb|mysql|mariadb|percona|postgres|postgis|mongo|mongodb|memcached|rabbitmq|elasticsearch|opensearch|clickhouse|influxdb|cassandra|minio)$/;
const DATA_PROTOCOLS = new Set(["redis", "mysql", "postgres"]);
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function buildGraph(input: GraphInput): StackGraph {
  return new GraphBuilder(input).build();
}

function marked(): Marked {
  return { findings: [], ruleIds: [], status: "ok" };
}

class GraphBuilder {
  private readonly redact: (text: string) => string;
  private readonly project: Project;
  private readonly taken = new Set<string>();
  private readonly nodes: GraphNode[] = [];
  private readonly edges: GraphEdge[] = [];
  private readonly groups: GraphGroup[] = [];
  private readonly resources: GraphResource[] = [];
  private readonly nodeOfService = new Map<Service, GraphNode>();
  private readonly outside = new Map<string, GraphNode>();
  private host: GraphNode | undefined;
  private readonly index = new FindingIndex();

  constructor(private readonly input: GraphInput) {
    this.redact = input.redact ?? ((t) => t);
    this.project = input.project;
  }

  build(): StackGraph {
    const stacks = this.input.model.stacks.map((s, i) => ({ index: i, id: this.redact(s.id) }));
    this.input.model.stacks.forEach((stack, si) => this.addServices(stack, si));
    this.input.model.stacks.forEach((stack, si) => this.addGroups(stack, si));
    this.input.model.stacks.forEach((stack) => this.addConnections(stack));
    this.input.model.stacks.forEach((stack) => this.addPublished(stack));
    this.input.model.stacks.forEach((stack, si) => this.addResources(stack, si));
    const findings = this.attributeFindings(this.input.result.diagnostics);
    const nodes = [...(this.host ? [this.host] : []), ...this.nodes, ...this.outside.values()];
    const graph: StackGraph = {
      version: 1,
      stacks,
      nodes,
      edges: this.edges,
      groups: this.groups,
      resources: this.resources,
      findings,
      summary: {
        errors: findings.filter((f) => f.severity === "error").length,
        warnings: findings.filter((f) => f.severity === "warning").length,
        infos: findings.filter((f) => f.severity === "info").length,
      },
    };
    const byId = new Map<string, Marked & { id: string }>();
    for (const e of [...nodes, ...this.edges, ...this.groups, ...this.resources]) byId.set(e.id, e);
    findings.forEach((f, i) => {
      for (const t of f.targets) byId.get(t)?.findings.push(i);
    });
    for (const e of byId.values()) {
      const list = e.findings.map((i) => findings[i]!).sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
      e.ruleIds = [...new Set(list.map((f) => f.ruleId))];
      const worst = list[0]?.severity;
      e.status = worst ?? "ok";
    }
    for (const e of this.edges) if (BROKEN_RESOLUTIONS.has(e.resolution)) e.status = "error";
    for (const n of this.outside.values()) if (this.edges.some((e) => e.to === n.id && e.resolution === "unknown-host")) n.status = "error";
    return graph;
  }

  // ---- ids and places ----

  private id(prefix: string, name: string): string {
    const base = `${prefix}_${name.replace(/[^A-Za-z0-9_]/g, "_")}`.replace(/_+$/, "") || prefix;
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base}_${n}`;
    this.taken.add(id);
    return id;
  }

  private place(loc: Loc | undefined): GraphPlace | undefined {
    if (!loc) return undefined;
    const starts = loc.file.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= loc.start) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.project.display(loc.file.path), line: lo + 1 };
  }

  private hostNode(): GraphNode {
    if (!this.host) {
      this.taken.add("host");
      this.host = {
        id: "host", kind: "host", name: "Docker host", stack: undefined, role: "host", origin: undefined, image: undefined, build: undefined,
        program: undefined, listeners: [], networks: [], networkMode: undefined, at: undefined, ...marked(),
      };
    }
    return this.host;
  }

  private outsideNode(kind: "external" | "unknown-host", name: string): GraphNode {
    const key = `${kind}\0${name}`;
    let node = this.outside.get(key);
    if (!node) {
      node = {
        id: this.id(kind === "external" ? "ext" : "unknown", name), kind, name: this.redact(name), stack: undefined, role: "outside", origin: undefined,
        image: undefined, build: undefined, program: undefined, listeners: [], networks: [], networkMode: undefined, at: undefined, ...marked(),
      };
      this.outside.set(key, node);
    }
    return node;
  }

  // ---- nodes ----

  private addServices(stack: Stack, si: number): void {
    const blocks = serviceBlocks(stack);
    for (const s of stack.services) {
      const node: GraphNode = {
        id: this.id("svc", s.name),
        kind: "container",
        name: this.redact(s.name),
        stack: si,
        role: roleOf(s),
        origin: s.origin,
        image: s.image ? this.redact(s.image.ref) : undefined,
        build: s.build ? { context: this.redact(this.relativeToRoot(s.build.context)), base: s.build.image?.base ? this.redact(s.build.image.base.ref) : undefined } : undefined,
        program: programOf(s),
        listeners: s.listeners.map((l) => this.listener(l)),
        networks: [],
        networkMode: s.networkMode && !s.networkMode.unknown ? this.redact(s.networkMode.text) : undefined,
        at: this.place(s.loc),
        ...marked(),
      };
      if (node.program) node.program = this.redact(node.program);
      this.nodes.push(node);
      this.nodeOfService.set(s, node);
      this.anchorService(s, node.id, blocks.get(s.name) ?? []);
    }
  }

  private relativeToRoot(path: string): string {
    const rel = relative(this.project.root, path).split("\\").join("/");
    return rel === "" ? "." : rel.startsWith("..") ? this.project.display(path) : rel;
  }

  private listener(l: Listener): GraphListener {
    return {
      protocol: l.protocol,
      address: l.address === undefined ? undefined : this.redact(l.address),
      port: l.port,
      socket: l.socketPath === undefined ? undefined : this.redact(l.socketPath),
      program: this.redact(l.program),
      implicit: l.implicit,
      at: l.implicit ? undefined : this.place(l.loc),
    };
  }

  private anchorService(s: Service, id: string, blocks: Loc[]): void {
    const ix = this.index;
    ix.add(s.loc, id, "node");
    for (const b of blocks) ix.add(b, id, "block");
    ix.add(s.image?.loc, id, "node");
    ix.add(s.build?.loc, id, "node");
    for (const m of s.mounts) ix.add(m.loc, id, "node");
    for (const e of s.expose) ix.add(e.loc, id, "node");
    for (const e of s.environment) {
      ix.add(e.loc, id, "node");
      ix.add(e.value?.loc, id, "node");
      if (e.origin === "env_file") ix.own(e.loc.file.path, id);
    }
    for (const n of s.networks) ix.add(n.loc, id, "node");
    ix.add(s.networkMode?.loc, id, "node");
    for (const l of s.links) ix.add(l.loc, id, "node");
    for (const d of s.dependsOn) ix.add(d.loc, id, "node");
    ix.add(s.command?.loc, id, "node");
    ix.add(s.entrypoint?.loc, id, "node");
    ix.add(s.healthcheck?.loc, id, "node");
    for (const v of [s.tty, s.stdinOpen, s.restart, s.containerName]) ix.add(v?.loc, id, "node");
    for (const l of s.listeners) ix.add(l.loc, id, "node");
    ix.own(s.build?.dockerfilePath, id);
    for (const f of s.configFiles) ix.own(f.source.path, id);
    for (const f of s.initScripts) ix.own(f.source.path, id);
    ix.own(s.main?.script?.hostPath, id);
    for (const p of [...(s.main?.programs ?? []), ...s.supervised]) ix.own(p.config?.source.path, id);
  }

  // ---- networks ----

  private addGroups(stack: Stack, si: number): void {
    const names: string[] = [...stack.networks.keys()];
    for (const s of stack.services) for (const n of stack.networksOf(s)) if (!names.includes(n)) names.push(n);
    for (const name of names) {
      const members = stack.services.filter((s) => stack.networksOf(s).includes(name)).map((s) => this.nodeOfService.get(s)!);
      if (members.length === 0 && !stack.networks.has(name)) continue;
      const group: GraphGroup = {
        id: this.id("net", name), kind: "network", name: this.redact(name), stack: si, members: members.map((m) => m.id),
        at: this.place(stack.networks.get(name)), ...marked(),
      };
      for (const m of members) m.networks.push(group.id);
      this.groups.push(group);
      this.index.add(stack.networks.get(name), group.id, "group");
      for (const s of stack.services) for (const ref of s.networks) if (ref.name === name) this.index.add(ref.loc, group.id, "group");
    }
  }

  // ---- connections ----

  private addConnections(stack: Stack): void {
    for (const c of stack.connections) {
      const from = c.from ? this.nodeOfService.get(c.from) : this.hostNode();
      if (!from) continue;
      if (!c.from && c.nginx) this.index.own(c.nginx.file.source.path, from.id);
      if (!c.from && c.client === "nginx" && from.kind === "host") from.program = "nginx";
      const { to, resolution } = c.socketPath !== undefined ? this.socketTarget(stack, c) : this.tcpTarget(stack, stack.target(c));
      const protocol = c.protocol;
      const label = c.socketPath !== undefined ? `${protocol === "unknown" ? "" : `${protocol} `}unix:${c.socketPath}` : `${protocol === "unknown" ? "" : `${protocol} `}${c.port ?? "?"}`;
      const edge: GraphEdge = {
        id: this.id("c", `${from.id.replace(/^svc_/, "")}_${to.id.replace(/^svc_/, "")}`),
        kind: "connection", from: from.id, to: to.id, protocol, port: c.socketPath === undefined ? c.port : undefined,
        socket: c.socketPath === undefined ? undefined : this.redact(c.socketPath), label: this.redact(label), client: c.client,
        resolution, at: this.place(c.loc), ...marked(),
      };
      this.edges.push(edge);
      this.index.add(c.loc, edge.id, "connection");
      this.index.add(c.directiveLoc, edge.id, "edge");
      for (const cred of [c.credentials?.user, c.credentials?.password, c.credentials?.database]) this.index.add(cred?.loc, edge.id, "edge");
    }
  }

  private tcpTarget(stack: Stack, t: ConnectionTarget): { to: GraphNode; resolution: EdgeResolution } {
    const r = t.resolution;
    if (t.service) return { to: this.nodeOfService.get(t.service) ?? this.hostNode(), resolution: judge(t) };
    switch (r.kind) {
      case "unreachable":
        return { to: this.nodeOfService.get(r.service) ?? this.hostNode(), resolution: "unreachable" };
      case "host": {
        // A client on the host (an nginx outside compose) reaching a port another stack publishes.
        const c = t.connection;
        if (!c.from && c.port !== undefined) {
          for (const stack of this.input.model.stacks) {
            const published = stack.publisherOf(c.port);
            if (!published) continue;
            const listeners = stack.listenersOn(published.service, published.containerPort);
            return { to: this.nodeOfService.get(published.service) ?? this.hostNode(), resolution: judge({ ...t, service: published.service, port: published.containerPort, listeners }) };
          }
        }
        return { to: this.hostNode(), resolution: "host" };
      }
      case "external":
        return { to: this.outsideNode("external", t.connection.host), resolution: "external" };
      case "unknown": {
        // As upstream-host-unknown judges: only a container's client, in a stack that reaches nothing we cannot see.
        // The host (its /etc/hosts, its DNS) and `${VAR}` names may resolve what the model cannot.
        const host = t.connection.host;
        const opaque = stack.services.some((s) => s.links.some((l) => l.external) || (s.networkMode !== undefined && !s.networkMode.text.startsWith("service:")));
        if (!t.connection.from || opaque || host === "" || host.includes("$")) return { to: this.outsideNode("external", host), resolution: "external" };
        return { to: this.outsideNode("unknown-host", host), resolution: "unknown-host" };
      }
      default:
        return { to: this.nodeOfService.get(r.service) ?? this.hostNode(), resolution: judge(t) };
    }
  }

  /** Who creates the socket a client connects to: its own container, else a container with that path (or file name). */
  private socketTarget(stack: Stack, c: Connection): { to: GraphNode; resolution: EdgeResolution } {
    const path = c.socketPath!;
    const own = c.from?.listeners.find((l) => l.socketPath === path);
    if (own && c.from) return { to: this.nodeOfService.get(c.from)!, resolution: "ok" };
    const all = stack.services.flatMap((s) => s.listeners.filter((l) => l.socketPath !== undefined && l.service !== c.from));
    const owners = [...all.filter((l) => l.socketPath === path), ...all.filter((l) => l.socketPath !== path && posix.basename(l.socketPath!) === posix.basename(path))];
    const owner = owners[0];
    if (!owner) return { to: this.outsideNode("unknown-host", `unix:${path}`), resolution: "unverified" };
    if (path.startsWith("@")) return { to: this.nodeOfService.get(owner.service)!, resolution: "socket-not-shared" };
    const clientKey = c.from ? sharedFileKey(c.from, path) : `host:${posix.normalize(path)}`;
    const shared = clientKey !== undefined && owners.some((l) => sharedFileKey(l.service, l.socketPath!) === clientKey);
    const chosen = owners.find((l) => sharedFileKey(l.service, l.socketPath!) === clientKey) ?? owner;
    return { to: this.nodeOfService.get(chosen.service)!, resolution: shared ? "ok" : "socket-not-shared" };
  }

  // ---- published ports ----

  private addPublished(stack: Stack): void {
    for (const s of stack.services) {
      const node = this.nodeOfService.get(s);
      if (!node) continue;
      for (const p of s.ports) {
        const span = p.containerPortEnd - p.containerPort;
        const hostPort = p.hostPort === undefined ? "random" : span > 0 ? `${p.hostPort}-${p.hostPort + span}` : String(p.hostPort);
        const containerPort = span > 0 ? `${p.containerPort}-${p.containerPortEnd}` : String(p.containerPort);
        const label = `${p.hostIp ? `${p.hostIp}:` : ""}${hostPort}→${containerPort}/${p.protocol}`;
        const listeners = stack.listenersOn(s, p.containerPort);
        const tcpKnown = s.listeners.some((l) => l.port !== undefined);
        const resolution: EdgeResolution = p.protocol === "udp" ? "unverified"
          : listeners.length === 0 ? (tcpKnown ? "port-mismatch" : "unverified")
          : listeners.every((l) => isLoopback(l.address)) ? "loopback-only" : "ok";
        const host = this.hostNode();
        const edge: GraphEdge = {
          id: this.id("p", `${node.id.replace(/^svc_/, "")}_${p.containerPort}`),
          kind: "published", from: host.id, to: node.id, protocol: p.protocol, port: p.containerPort, socket: undefined, label: this.redact(label),
          client: "docker", resolution, at: this.place(p.loc), ...marked(),
        };
        this.edges.push(edge);
        this.index.add(p.loc, edge.id, "edge");
      }
    }
  }

  // ---- shared volumes, directories, sockets ----

  private addResources(stack: Stack, si: number): void {
    const volumes = new Map<string, GraphResource["members"]>();
    for (const name of stack.volumes.keys()) volumes.set(name, []);
    for (const s of stack.services) {
      const node = this.nodeOfService.get(s)!;
      for (const m of s.mounts) {
        if (m.type !== "volume" || !m.source) continue;
        const list = volumes.get(m.source) ?? [];
        list.push({ node: node.id, path: this.redact(m.target), readOnly: m.readOnly, role: "mount" });
        volumes.set(m.source, list);
      }
    }
    for (const [name, members] of volumes) {
      const r: GraphResource = { id: this.id("vol", name), kind: "volume", name: this.redact(name), stack: si, members, at: this.place(stack.volumes.get(name)), ...marked() };
      this.resources.push(r);
      this.index.add(stack.volumes.get(name), r.id, "resource");
      for (const s of stack.services) for (const m of s.mounts) if (m.type === "volume" && m.source === name) this.index.add(m.loc, r.id, "resource");
    }
    // Host directories bind-mounted into several containers (a path, or a directory above it).
    const binds = stack.services.flatMap((s) => s.mounts.filter((m) => m.type === "bind" && m.source).map((m) => ({ s, m, source: m.source!.replace(/\/+$/, "") })));
    const sources = [...new Set(binds.map((b) => b.source))].sort();
    for (const source of sources) {
      const covering = binds.filter((b) => b.source === source || source.startsWith(b.source + "/"));
      if (new Set(covering.map((b) => b.s)).size < 2) continue;
      if (!binds.some((b) => b.source === source)) continue;
      const members = covering.map((b) => ({
        node: this.nodeOfService.get(b.s)!.id,
        path: this.redact(b.source === source ? b.m.target : posix.join(b.m.target, source.slice(b.source.length + 1))),
        readOnly: b.m.readOnly,
        role: "mount" as const,
      }));
      const exact = binds.find((b) => b.source === source)!;
      const r: GraphResource = { id: this.id("bind", basename(source)), kind: "bind", name: this.redact(this.relativeToRoot(source)), stack: si, members, at: this.place(exact.m.loc), ...marked() };
      this.resources.push(r);
      for (const b of covering) if (b.source === source) this.index.add(b.m.loc, r.id, "resource");
    }
    // Unix sockets: who creates them, who connects.
    for (const s of stack.services) {
      for (const l of s.listeners) {
        if (l.socketPath === undefined) continue;
        const members: GraphResource["members"] = [{ node: this.nodeOfService.get(s)!.id, path: this.redact(l.socketPath), readOnly: false, role: "creates" }];
        for (const c of stack.connections) {
          if (c.socketPath === undefined) continue;
          if (c.socketPath !== l.socketPath && posix.basename(c.socketPath) !== posix.basename(l.socketPath)) continue;
          const from = c.from ? this.nodeOfService.get(c.from) : this.host;
          if (from && !members.some((m) => m.node === from.id)) members.push({ node: from.id, path: this.redact(c.socketPath), readOnly: false, role: "connects" });
        }
        this.resources.push({ id: this.id("sock", posix.basename(l.socketPath)), kind: "socket", name: this.redact(`unix:${l.socketPath}`), stack: si, members, at: this.place(l.implicit ? undefined : l.loc), ...marked() });
      }
    }
  }

  // ---- findings ----

  private attributeFindings(diagnostics: ResolvedDiagnostic[]): GraphFinding[] {
    const edgeTo = new Map(this.edges.map((e) => [e.id, e.to]));
    const sources = new Map<string, SourceFile | undefined>();
    const sourceOf = (abs: string): SourceFile | undefined => {
      if (!sources.has(abs)) sources.set(abs, this.project.loaded(abs)?.source ?? this.project.source(abs));
      return sources.get(abs);
    };
    const range = (file: string, line: number, column: number, endLine: number, endColumn: number): { path: string; start: number; end: number } => {
      const path = resolve(this.project.cwd, file);
      const source = sourceOf(path);
      if (!source) return { path, start: 0, end: 0 };
      const offset = (l: number, c: number): number => Math.min(source.text.length, (source.lineStarts[l - 1] ?? source.text.length) + c - 1);
      const start = offset(line, column);
      return { path, start, end: Math.max(start, offset(endLine, endColumn)) };
    };
    return diagnostics.map((d) => {
      const primary = range(d.file, d.line, d.column, d.endLine, d.endColumn);
      const related = d.related.map((r) => range(r.file, r.line, r.column, r.endLine, r.endColumn));
      return {
        ruleId: d.ruleId, severity: d.severity, message: d.message, file: d.file, line: d.line, column: d.column,
        targets: this.index.attribute(primary, related, (e) => edgeTo.get(e)),
      };
    });
  }
}

/** Verdict on a connection that reaches a container of the stack. */
function judge(t: ConnectionTarget): EdgeResolution {
  const service = t.service;
  if (t.resolution.kind === "unreachable") return "unreachable";
  if (!service || t.port === undefined) return "unverified";
  if (t.listeners.length === 0) return service.listeners.some((l) => l.port !== undefined) ? "port-mismatch" : "unverified";
  if (t.resolution.kind !== "self" && t.listeners.every((l) => isLoopback(l.address))) return "loopback-only";
  const protocol = t.connection.protocol;
  const known = t.listeners.filter((l) => l.protocol !== "unknown");
  if (protocol !== "unknown" && known.length > 0 && !known.some((l) => l.protocol === protocol)) return "protocol-mismatch";
  return "ok";
}

function programLabel(p: ProcessNode): string {
  if (p.program === "other" || p.program === "python" || p.program === "shell") return basename(p.argv[0] ?? p.program);
  return p.program;
}

/** The program(s) that serve in the container: the servers it starts, else what PID 1 ends up running. */
function programOf(s: Service): string | undefined {
  const programs = [...(s.main?.programs ?? []), ...s.supervised];
  const servers = [...new Set(programs.filter((p) => SERVER_PROGRAMS.has(p.program)).map((p) => p.program))];
  if (programs.some((p) => p.program === "supervisord")) return servers.length > 0 ? `supervisord: ${servers.join(", ")}` : "supervisord";
  if (servers.length > 0) return servers.join(", ");
  const last = s.main?.last;
  if (last && last.program !== "keepalive") return programLabel(last);
  const fromListener = s.listeners.find((l) => l.program !== "")?.program;
  if (fromListener) return fromListener;
  const first = programs.find((p) => p.program !== "keepalive");
  return first ? programLabel(first) : undefined;
}

function imageName(s: Service): string {
  const name = s.image?.name ?? s.build?.image?.base?.name ?? "";
  return posix.basename(name.toLowerCase());
}

function roleOf(s: Service): GraphRole {
  const programs = new Set([...(s.main?.programs ?? []), ...s.supervised].map((p) => p.program));
  for (const l of s.listeners) programs.add(l.program as ProcessNode["program"]);
  if (programs.has("nginx") || imageName(s) === "nginx" || s.connections.some((c) => c.client === "nginx")) return "proxy";
  if (programs.has("redis-server") || programs.has("mysqld") || DATA_IMAGES.test(imageName(s)) || (s.listeners.length > 0 && s.listeners.every((l) => DATA_PROTOCOLS.has(l.protocol)))) return "data";
  return "app";
}

/** [start, end) of each service's block (`name:` key to the end of its mapping) in the stack's compose files. */
function serviceBlocks(stack: Stack): Map<string, Loc[]> {
  const out = new Map<string, Loc[]>();
  for (const file of stack.composeFiles) {
    const { doc, root } = file.ast;
    if (!root) continue;
    const services = mapGet(doc, root, "services");
    if (!services || !isMap(deref(doc, services.value))) continue;
    for (const pair of mapPairs(doc, services.value)) {
      const name = pairKey(pair);
      const keyRange = (pair.key as { range?: [number, number, number] } | null)?.range;
      const valueRange = (pair.value as { range?: [number, number, number] } | null)?.range;
      if (name === undefined || !keyRange) continue;
      const end = valueRange && valueRange[0] >= keyRange[0] ? valueRange[1] : keyRange[1];
      const list = out.get(name) ?? [];
      list.push({ file: file.source, start: keyRange[0], end });
      out.set(name, list);
    }
  }
  return out;
}
