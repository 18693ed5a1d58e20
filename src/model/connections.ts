import type { NginxDirective } from "../parsers/nginx/ast.js";
import type { ProjectFile } from "../project/project.js";
import type { SourceFile } from "../source/source-file.js";
import { parseAddress } from "./listeners.js";
import type { NginxConfigFile } from "./nginx-config.js";
import { nginxTree } from "../parsers/nginx/tree.js";
import { dictEntries, dictGet, evaluate } from "./settings-eval.js";
import type { Connection, Credential, EnvVar, Loc, Protocol, Service } from "./types.js";

const PASS_PROTOCOL: Record<string, Protocol> = {
  proxy_pass: "http", uwsgi_pass: "uwsgi", fastcgi_pass: "fastcgi", grpc_pass: "unknown", scgi_pass: "unknown",
};

const PASS_NAMES = Object.keys(PASS_PROTOCOL);

const DEFAULT_PORT: Partial<Record<Protocol, number>> = { http: 80, https: 443, redis: 6379, mysql: 3306, postgres: 5432 };

/**
 * nginx `*_pass` directives as connections: each server of a named
 * `upstream` becomes one connection whose `directiveLoc` is the `*_pass`
 * line (where the protocol is chosen) and whose `loc` is the `server` line.
 */
export function nginxConnections(configs: NginxConfigFile[], from: Service | undefined): Connection[] {
  const upstreams = new Map<string, { directive: NginxDirective; file: SourceFile }>();
  for (const c of configs) {
    for (const d of nginxTree(c.file.ast).named("upstream")) {
      if (d.block && d.args[0]) upstreams.set(d.args[0].value, { directive: d, file: c.file.source });
    }
  }
  const out: Connection[] = [];
  for (const c of configs) {
    const file = c.file.source;
    const tree = nginxTree(c.file.ast);
    for (const d of tree.named(...PASS_NAMES)) {
      const base = PASS_PROTOCOL[d.name];
      const arg = d.args[0];
      if (base === undefined || !arg) continue;
      let target = arg.value;
      if (target.includes("$")) continue;
      let protocol = base;
      const scheme = /^([a-z]+):\/\//.exec(target);
      if (scheme) {
        const s = scheme[1]!;
        protocol = s === "https" ? "https" : s === "http" ? "http" : s === "uwsgi" || s === "suwsgi" ? "uwsgi" : s === "grpc" || s === "grpcs" ? "unknown" : base;
        target = target.slice(scheme[0].length);
      }
      const hostPort = target.split("/")[0] ?? target;
      const directiveLoc: Loc = { file, start: d.start, end: d.end };
      const nginx = { pass: d, parents: tree.ancestors(d).reverse(), file: c.file };
      const upstream = upstreams.get(hostPort);
      if (upstream) {
        for (const server of upstream.directive.block ?? []) {
          if (server.name !== "server" || !server.args[0]) continue;
          out.push({ ...makeConnection(from, protocol, server.args[0].value, { file: upstream.file, start: server.args[0].start, end: server.args[0].end }, directiveLoc), nginx });
        }
        continue;
      }
      if (target.startsWith("unix:")) {
        out.push({ from, protocol, host: "", port: undefined, socketPath: target.slice(5).replace(/:$/, "").split(":")[0], loc: { file, start: arg.start, end: arg.end }, directiveLoc, client: "nginx", explicitPort: false, nginx });
        continue;
      }
      out.push({ ...makeConnection(from, protocol, hostPort, { file, start: arg.start, end: arg.end }, directiveLoc), nginx });
    }
  }
  return out;
}

function makeConnection(from: Service | undefined, protocol: Protocol, hostPort: string, loc: Loc, directiveLoc: Loc | undefined): Connection {
  if (hostPort.startsWith("unix:")) {
    return { from, protocol, host: "", port: undefined, socketPath: hostPort.slice(5), loc, directiveLoc, client: "nginx", explicitPort: false };
  }
  const parsed = parseAddress(hostPort);
  const hasPort = parsed.port !== undefined && hostPort.includes(":");
  return {
    from, protocol, host: (hasPort ? parsed.address : hostPort) ?? hostPort, port: hasPort ? parsed.port : DEFAULT_PORT[protocol],
    socketPath: undefined, loc, directiveLoc, client: "nginx", explicitPort: hasPort,
  };
}

/** Django DATABASES / CACHES / broker URLs of a settings module, evaluated against the service's environment. */
export function settingsConnections(file: ProjectFile<"django">, service: Service | undefined, env: Map<string, EnvVar>): Connection[] {
  const out: Connection[] = [];
  const src = file.source;
  const top = new Map(file.ast.assignments.filter((a) => a.op === "=").map((a) => [a.name, a]));
  const databases = top.get("DATABASES");
  for (const { value: db } of dictEntries(databases?.value)) {
    const engine = dictGet(db, "ENGINE");
    const engineText = engine ? evaluate(engine, src, env)?.text ?? "" : "";
    const protocol: Protocol | undefined = /mysql/.test(engineText) ? "mysql" : /postgres|postgis/.test(engineText) ? "postgres" : undefined;
    if (!protocol) continue;
    const hostNode = dictGet(db, "HOST");
    const host = hostNode ? evaluate(hostNode, src, env) : undefined;
    if (!host || host.text === "" || host.text.startsWith("/")) continue;
    const portNode = dictGet(db, "PORT");
    const port = portNode ? evaluate(portNode, src, env) : undefined;
    const portNumber = port && /^\d+$/.test(port.text.trim()) ? Number(port.text) : undefined;
    const credential = (key: string): Credential | undefined => {
      const node = dictGet(db, key);
      const v = node ? evaluate(node, src, env) : undefined;
      return v ? { text: v.text, loc: v.loc } : undefined;
    };
    out.push({
      from: service, protocol, host: host.text, port: portNumber ?? DEFAULT_PORT[protocol], socketPath: undefined,
      loc: host.loc, directiveLoc: undefined, client: "django-db", explicitPort: portNumber !== undefined,
      credentials: { user: credential("USER"), password: credential("PASSWORD"), database: credential("NAME") },
    });
  }
  const caches = top.get("CACHES");
  for (const { value: cache } of dictEntries(caches?.value)) {
    const backend = dictGet(cache, "BACKEND");
    const backendText = backend ? evaluate(backend, src, env)?.text ?? "" : "";
    if (!/redis/i.test(backendText)) continue;
    const location = dictGet(cache, "LOCATION");
    const locations = location?.kind === "list" || location?.kind === "tuple" ? location.items : location ? [location] : [];
    const passwordNode = dictGet(dictGet(cache, "OPTIONS"), "PASSWORD");
    const password = passwordNode ? evaluate(passwordNode, src, env) : undefined;
    for (const l of locations) {
      const v = evaluate(l, src, env);
      if (!v) continue;
      for (const c of urlConnections(v.text, v.loc, service, "django-cache")) {
        out.push(password ? { ...c, credentials: { ...c.credentials, password: { text: password.text, loc: password.loc } } } : c);
      }
    }
  }
  for (const name of ["CELERY_BROKER_URL", "BROKER_URL", "CELERY_RESULT_BACKEND", "REDIS_URL", "CACHE_URL", "DATABASE_URL"]) {
    const a = top.get(name);
    const v = a ? evaluate(a.value, src, env) : undefined;
    if (v) out.push(...urlConnections(v.text, v.loc, service, "django-setting"));
  }
  return out;
}

const URL_SCHEMES: Record<string, Protocol> = {
  redis: "redis", rediss: "redis", mysql: "mysql", mysql2: "mysql", mariadb: "mysql", "mysql+pymysql": "mysql",
  postgres: "postgres", postgresql: "postgres", "postgresql+psycopg2": "postgres", psql: "postgres", pgsql: "postgres",
};

/** `redis://:pass@redis:6379/0` → connection to redis:6379. Userinfo is never kept. */
export function urlConnections(text: string, loc: Loc, from: Service | undefined, client: string): Connection[] {
  const m = /^([a-z0-9+]+):\/\/(?:([^@/\s]*)@)?(\[[^\]]+\]|[^:/?#\s,]+)(?::(\d+))?(?:\/([^?#\s]*))?/i.exec(text.trim());
  if (!m) return [];
  const protocol = URL_SCHEMES[m[1]!.toLowerCase()];
  if (!protocol) return [];
  const port = m[4] ? Number(m[4]) : undefined;
  // The URL is one value: every credential points at the whole URL (never printed: the engine redacts secrets).
  const userinfo = m[2];
  const colon = userinfo?.indexOf(":") ?? -1;
  const user = userinfo !== undefined ? decodeURIComponent(colon >= 0 ? userinfo.slice(0, colon) : userinfo) : undefined;
  const password = userinfo !== undefined && colon >= 0 ? safeDecode(userinfo.slice(colon + 1)) : undefined;
  const database = m[5] !== undefined && m[5] !== "" ? safeDecode(m[5]) : undefined;
  const credentials = {
    ...(user ? { user: { text: user, loc } } : {}),
    ...(password !== undefined ? { password: { text: password, loc } } : {}),
    ...(database !== undefined && protocol !== "redis" ? { database: { text: database, loc } } : {}),
  };
  return [{ from, protocol, host: m[3]!.replace(/^\[|\]$/g, ""), port: port ?? DEFAULT_PORT[protocol], socketPath: undefined, loc, directiveLoc: undefined, client, explicitPort: port !== undefined, credentials }];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const HOST_VARS: { re: RegExp; protocol: Protocol }[] = [
  { re: /^(MYSQL|MARIADB|WORDPRESS_DB|DB|DATABASE|SQL)_HOST(NAME)?$/, protocol: "mysql" },
  { re: /^(POSTGRES|POSTGRESQL|PG|PGSQL)_HOST(NAME)?$|^PGHOST$/, protocol: "postgres" },
  { re: /^(REDIS|CACHE|CELERY_REDIS)_HOST(NAME)?$/, protocol: "redis" },
];

/** Connections a service declares in its environment: URLs and `*_HOST`/`*_PORT` pairs. */
export function environmentConnections(service: Service, env: Map<string, EnvVar>): Connection[] {
  const out: Connection[] = [];
  for (const v of env.values()) {
    if (!v.value || v.value.unknown) continue;
    const text = v.value.text;
    if (/^[a-z0-9+]+:\/\//i.test(text)) {
      out.push(...urlConnections(text, v.value.loc, service, "env"));
      continue;
    }
    const rule = HOST_VARS.find((r) => r.re.test(v.name));
    if (!rule || text === "") continue;
    let protocol = rule.protocol;
    if (protocol === "mysql" && /^(DB|DATABASE|SQL)_HOST/.test(v.name)) {
      // DB_HOST is used for any database: take the protocol from a sibling *_ENGINE / port when given
      const engine = [...env.values()].find((e) => /^(DB|DATABASE)_(ENGINE|TYPE|DRIVER|BACKEND)$/.test(e.name))?.value?.text ?? "";
      protocol = /postgres|psql|pgsql/.test(engine) ? "postgres" : /mysql|maria/.test(engine) ? "mysql" : "unknown";
    }
    const parsed = parseAddress(text);
    const portVarName = v.name.replace(/HOST(NAME)?$/, "PORT");
    const portVar = env.get(portVarName);
    const explicit = parsed.port !== undefined && text.includes(":") ? parsed.port : portVar?.value && /^\d+$/.test(portVar.value.text) ? Number(portVar.value.text) : undefined;
    const host = text.includes(":") && parsed.port !== undefined ? parsed.address ?? text : text;
    out.push({
      from: service, protocol, host, port: explicit ?? DEFAULT_PORT[protocol], socketPath: undefined, loc: v.value.loc,
      directiveLoc: undefined, client: "env", explicitPort: explicit !== undefined,
    });
  }
  return out;
}

/** redis `replicaof host port` / `slaveof host port`. */
export function redisReplicaConnections(file: ProjectFile<"redis">, from: Service | undefined): Connection[] {
  const out: Connection[] = [];
  for (const d of file.ast.directives) {
    if ((d.name !== "replicaof" && d.name !== "slaveof") || !d.args[0]) continue;
    const port = d.args[1] && /^\d+$/.test(d.args[1].value) ? Number(d.args[1].value) : 6379;
    out.push({ from, protocol: "redis", host: d.args[0].value, port, socketPath: undefined, loc: { file: file.source, start: d.args[0].start, end: d.args[0].end }, directiveLoc: undefined, client: "redis-replica", explicitPort: d.args[1] !== undefined });
  }
  return out;
}
