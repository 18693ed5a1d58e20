/**
 * The stack as a plain graph: what `stacklint graph` renders (mermaid, dot,
 * json, html) and what the HTML lint report draws. Only plain data: names
 * from the model, positions as `file:line`, findings from the redacted
 * LintResult. Nothing here holds a credential or a file's text.
 */
import type { Severity } from "../engine/rule.js";

/** Worst thing known about a node or edge: a broken connection or an error finding is "error". */
export type GraphStatus = "ok" | "info" | "warning" | "error";

/** Column of the layered layout: clients on the left, data stores on the right. */
export type GraphRole = "host" | "proxy" | "app" | "data" | "outside";

/**
 * What following a connection found: "ok" (someone listens there with that
 * protocol), "unverified" (the target's listeners are not known), or why it
 * cannot work. "external" and "host" leave the stack: not judged.
 */
export type EdgeResolution =
  | "ok"
  | "unverified"
  | "unknown-host"
  | "unreachable"
  | "loopback-only"
  | "port-mismatch"
  | "protocol-mismatch"
  | "socket-not-shared"
  | "external"
  | "host";

/** Resolutions that mean the connection fails whatever the findings say. */
export const BROKEN_RESOLUTIONS: ReadonlySet<EdgeResolution> = new Set<EdgeResolution>([
  "unknown-host", "unreachable", "loopback-only", "port-mismatch", "protocol-mismatch", "socket-not-shared",
]);

/** A place in a file, as every output shows it: path relative to the working directory, 1-based line. */
export interface GraphPlace {
  file: string;
  line: number;
}

export interface GraphListener {
  protocol: string;
  /** TCP address as configured (`0.0.0.0`, `127.0.0.1`); undefined for unix sockets. */
  address: string | undefined;
  port: number | undefined;
  socket: string | undefined;
  program: string;
  /** The program's default (nothing configured). */
  implicit: boolean;
  at: GraphPlace | undefined;
}

/** What findings say about an element. */
export interface Marked {
  /** Indexes into StackGraph.findings. */
  findings: number[];
  /** Distinct rule ids of those findings, worst severity first. */
  ruleIds: string[];
  status: GraphStatus;
}

export interface GraphNode extends Marked {
  id: string;
  /** "container": a service; "host": the Docker host; "external"/"unknown-host": a name outside the stack. */
  kind: "container" | "host" | "external" | "unknown-host";
  name: string;
  /** Index into StackGraph.stacks (undefined for the host and names outside the stack). */
  stack: number | undefined;
  role: GraphRole;
  origin: "compose" | "docker-run" | "dockerfile" | undefined;
  /** Image as written (`redis:latest`, `mysql`). */
  image: string | undefined;
  /** Build context relative to the project root, with the Dockerfile's base image. */
  build: { context: string; base: string | undefined } | undefined;
  /** The program(s) that serve: `uwsgi`, `nginx`, `supervisord: nginx, uwsgi`. */
  program: string | undefined;
  listeners: GraphListener[];
  /** Ids of the network groups it is attached to. */
  networks: string[];
  /** `network_mode` when set (`host`, `service:x`). */
  networkMode: string | undefined;
  at: GraphPlace | undefined;
}

export interface GraphEdge extends Marked {
  id: string;
  /** "connection": a client connects (nginx upstream, DATABASES, *_URL); "published": a host port maps into the container. */
  kind: "connection" | "published";
  from: string;
  to: string;
  protocol: string;
  port: number | undefined;
  socket: string | undefined;
  /** Protocol and port or socket: `uwsgi 8000`, `redis 6379`, `uwsgi unix:/run/app.sock`, `80→80/tcp`. */
  label: string;
  /** nginx, django-db, django-cache, env, redis-replica; "docker" for published ports. */
  client: string;
  resolution: EdgeResolution;
  at: GraphPlace | undefined;
}

export interface GraphGroup extends Marked {
  id: string;
  kind: "network";
  name: string;
  stack: number;
  /** Node ids attached to it. */
  members: string[];
  at: GraphPlace | undefined;
}

export interface GraphResource extends Marked {
  id: string;
  /** A named volume, a host directory bind-mounted into several containers, or a unix socket. */
  kind: "volume" | "bind" | "socket";
  name: string;
  stack: number;
  members: { node: string; path: string; readOnly: boolean; role: "mount" | "creates" | "connects" }[];
  at: GraphPlace | undefined;
}

export interface GraphFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  /** Ids of the nodes, edges, groups and resources the finding concerns (may be empty). */
  targets: string[];
}

export interface StackGraph {
  version: 1;
  stacks: { index: number; id: string }[];
  nodes: GraphNode[];
  edges: GraphEdge[];
  groups: GraphGroup[];
  resources: GraphResource[];
  findings: GraphFinding[];
  summary: { errors: number; warnings: number; infos: number };
}
