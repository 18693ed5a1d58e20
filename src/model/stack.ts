import type { ProjectFile } from "../project/project.js";
import type { Connection, Listener, Loc, Service } from "./types.js";
import { isLoopback } from "./listeners.js";
import type { VariableDefinition } from "./interpolate.js";

/** Where a connection ends up: the container reached, the port inside it, and who listens there. */
export interface ConnectionTarget {
  connection: Connection;
  resolution: HostResolution;
  /** The container the connection reaches (the client's own one for localhost). */
  service: Service | undefined;
  /** Port inside that container (after a published-port hop for clients on the host). */
  port: number | undefined;
  /** Listeners of that container on that port. */
  listeners: Listener[];
}

export type HostResolution =
  /** A service of this stack that the client can reach by that name. */
  | { kind: "service"; service: Service }
  /** A service of this stack with that name, but on no network the client is on. */
  | { kind: "unreachable"; service: Service }
  /** localhost/127.0.0.1 inside the client's own container. */
  | { kind: "self"; service: Service }
  /** The Docker host (a client that is not in a container, or host.docker.internal). */
  | { kind: "host" }
  /** An IP or a fully qualified name: outside the stack, not ours to judge. */
  | { kind: "external" }
  /** A single-label name that is no service, alias or container name. */
  | { kind: "unknown" };

/**
 * The model of one deployment: one compose configuration (base + overrides)
 * or, without compose, the containers inferred from Dockerfiles and scripts.
 * Lookups are indexed once so cross-file joins stay linear.
 */
export class Stack {
  private readonly byName = new Map<string, Service[]>();
  readonly connections: Connection[] = [];
  /** Variables `${VAR}` interpolation reads (the project's `.env`); empty without compose. */
  variables = new Map<string, VariableDefinition>();

  constructor(
    /** Display name: the compose file(s) it comes from. */
    readonly id: string,
    readonly composeFiles: ProjectFile<"compose">[],
    readonly services: Service[],
    readonly networks: Map<string, Loc>,
    readonly volumes: Map<string, Loc>,
    /** Connections of clients outside any container (an nginx on the host). */
    hostConnections: Connection[] = [],
  ) {
    for (const s of services) {
      this.index(s.name, s);
      if (s.containerName && !s.containerName.unknown) this.index(s.containerName.text, s);
      for (const n of s.networks) for (const a of n.aliases) this.index(a, s);
    }
    for (const s of services) this.connections.push(...s.connections);
    this.connections.push(...hostConnections);
  }

  private index(name: string, service: Service): void {
    const list = this.byName.get(name);
    if (list) {
      if (!list.includes(service)) list.push(service);
    } else this.byName.set(name, [service]);
  }

  service(name: string): Service | undefined {
    return this.byName.get(name)?.[0];
  }

  /**
   * Networks a service is attached to; compose puts services without `networks:` on `default`,
   * `docker run` without `--network` on the default `bridge`.
   */
  networksOf(service: Service): string[] {
    if (service.networkMode) return [];
    if (service.networks.length > 0) return service.networks.map((n) => n.name);
    return service.origin === "compose" ? ["default"] : service.origin === "docker-run" ? ["bridge"] : [];
  }

  /** Which container a client in `from` reaches with `host` (undefined `from`: the Docker host). */
  resolveHost(from: Service | undefined, host: string): HostResolution {
    const h = host.toLowerCase();
    if (from === undefined) {
      if (isLoopback(h) || h === "0.0.0.0") return { kind: "host" };
      const s = this.service(host);
      return s ? { kind: "unreachable", service: s } : /[.:]/.test(h) ? { kind: "external" } : { kind: "unknown" };
    }
    if (isLoopback(h)) {
      const mode = from.networkMode?.text ?? "";
      if (mode.startsWith("service:")) {
        const target = this.service(mode.slice(8));
        if (target) return { kind: "self", service: target };
      }
      if (mode === "host") return { kind: "host" };
      return { kind: "self", service: from };
    }
    if (h === "host.docker.internal" || h === "gateway.docker.internal") return { kind: "host" };
    // links create aliases in the client only
    for (const link of from.links) {
      if ((link.alias ?? link.target) === host) {
        const t = this.service(link.target);
        if (t) return { kind: "service", service: t };
        return { kind: "external" };
      }
    }
    const candidates = this.byName.get(host) ?? [];
    if (candidates.length === 0) return /[.:]/.test(h) || /^\d+$/.test(h) ? { kind: "external" } : { kind: "unknown" };
    // Docker's default `bridge` network has no DNS: names resolve there only through --link.
    const mine = new Set(this.networksOf(from).filter((n) => n !== "bridge"));
    for (const c of candidates) {
      if (c === from) return { kind: "self", service: c };
      const theirs = this.networksOf(c);
      if (from.networkMode?.text === "host" || c.networkMode?.text === "host") return { kind: "service", service: c };
      if (theirs.some((n) => mine.has(n))) return { kind: "service", service: c };
    }
    return { kind: "unreachable", service: candidates[0]! };
  }

  /** Follow a connection to the container and listeners it reaches. Memoised: rules ask the same thing. */
  target(connection: Connection): ConnectionTarget {
    const cached = this.targets.get(connection);
    if (cached) return cached;
    const resolution = this.resolveHost(connection.from, connection.host);
    let service: Service | undefined;
    let port = connection.port;
    if (resolution.kind === "service" || resolution.kind === "self") service = resolution.service;
    else if (resolution.kind === "host" && connection.from === undefined && port !== undefined) {
      const published = this.publisherOf(port);
      if (published) {
        service = published.service;
        port = published.containerPort;
      }
    }
    const listeners = service && port !== undefined ? this.listenersOn(service, port) : [];
    const result: ConnectionTarget = { connection, resolution, service, port, listeners };
    this.targets.set(connection, result);
    return result;
  }

  private readonly targets = new Map<Connection, ConnectionTarget>();

  /** Listeners of a service on a TCP port. */
  listenersOn(service: Service, port: number | undefined): Listener[] {
    return service.listeners.filter((l) => l.port !== undefined && l.port === port);
  }

  /** The service that publishes a host port (for clients on the Docker host). */
  publisherOf(hostPort: number): { service: Service; containerPort: number } | undefined {
    for (const s of this.services) {
      for (const p of s.ports) {
        const span = p.containerPortEnd - p.containerPort;
        const hostStart = p.hostPort ?? p.containerPort;
        if (hostPort >= hostStart && hostPort <= hostStart + span) return { service: s, containerPort: p.containerPort + (hostPort - hostStart) };
      }
    }
    return undefined;
  }
}
