/**
 * Locate strategies for data services and Django: database and redis
 * clients (model connections), credentials compared without ever showing
 * them, my.cnf / redis.conf options, settings assignments.
 */
import type { PyValue } from "../parsers/django/ast.js";
import type { ProjectFile } from "../project/project.js";
import { mysqlConfigFiles } from "../model/listeners.js";
import { dictEntries, dictGet, evaluate } from "../model/settings-eval.js";
import type { Stack } from "../model/stack.js";
import type { Connection, EnvVar, Loc, Service } from "../model/types.js";
import { urlPassword } from "../secrets/secrets.js";
import { lineRange } from "../source/source-file.js";
import type { Finding } from "./match.js";
import { dedupeHits, locateNginxStatic } from "./locate-nginx.js";
import { locateInitdbSql } from "./locate-app.js";
import {
  describeConnection, directiveLoc, envOf, filesOf, imageLoc, iniEntries, lineLoc, members, mysqlServers, nginxDirectives, nodeLoc, normKey,
  readersOf, redisServers, scopeOf, target, textAt, type Hit, type Located, type LocateContext, type Member,
} from "./locate-util.js";

// ---------------------------------------------------------------- clients

function connectionsOf(ctx: LocateContext, protocol: Connection["protocol"]): { stack: Stack; connection: Connection }[] {
  const out: { stack: Stack; connection: Connection }[] = [];
  for (const stack of ctx.model.stacks) for (const connection of stack.connections) if (connection.protocol === protocol && connection.client !== "nginx") out.push({ stack, connection });
  return out;
}

function isIp(host: string): boolean {
  return /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.includes(":");
}

/** Clients of a protocol that the log's host/port are about (all of them when the log gives an IP or nothing). */
function clientsFor(ctx: LocateContext, protocol: Connection["protocol"], host: string | undefined, port: number | undefined): { stack: Stack; connection: Connection }[] {
  const all = connectionsOf(ctx, protocol);
  if (host === undefined || isIp(host) && !["127.0.0.1", "::1"].includes(host)) return port === undefined ? all : all.filter((c) => c.connection.port === port);
  return all.filter((c) => c.connection.host === host || (host === "127.0.0.1" && c.connection.host === "localhost") || (host === "localhost" && c.connection.host === "127.0.0.1"));
}

/** What is wrong between clients and the server they reach; `ready` advice when the model sees nothing wrong. */
function describeClients(ctx: LocateContext, clients: readonly { stack: Stack; connection: Connection }[], what: string): Located {
  const hits: Hit[] = [];
  const notes: string[] = [];
  for (const { stack, connection } of clients) {
    const d = describeConnection(ctx, stack, connection);
    hits.push(...d.hits);
    notes.push(...d.notes);
    if (!d.ok || !d.service) continue;
    hits.push({ loc: connection.loc, message: `connects to ${ctx.data(target(connection))}: ${d.service.name} listens there per the config, so it was probably not accepting connections yet` });
    const from = connection.from;
    const dep = from?.dependsOn.find((x) => x.name === d.service!.name);
    if (dep && dep.condition !== "service_healthy") hits.push({ loc: dep.loc, message: `depends_on ${d.service.name} only waits for the container to start, not for ${what} to accept connections: add a healthcheck and \`condition: service_healthy\`` });
  }
  return { hits: dedupeHits(hits), notes };
}

// ---------------------------------------------------------------- Django settings

interface SettingsFile {
  file: ProjectFile<"django">;
  env: Map<string, EnvVar>;
  services: Service[];
}

/** settings.py files with the environment of a service that reads them (for os.environ lookups). */
function settingsFiles(ctx: LocateContext, scope: readonly Member[]): SettingsFile[] {
  const files = filesOf(ctx, scope, "django");
  return files.map((file) => {
    const services = readersOf(ctx, file).map((m) => m.service);
    const env = new Map((services[0]?.environment ?? []).map((e) => [e.name, e]));
    return { file, env, services };
  });
}

function assignment(file: ProjectFile<"django">, name: string): { loc: Loc; value: PyValue } | undefined {
  let found: { loc: Loc; value: PyValue } | undefined;
  for (const a of file.ast.assignments) if (a.name === name && a.op === "=") found = { loc: { file: file.source, start: a.start, end: a.end }, value: a.value };
  return found;
}

interface DbEntry {
  settings: SettingsFile;
  alias: string;
  dict: PyValue;
}

function mysqlDatabases(s: SettingsFile): DbEntry[] {
  const out: DbEntry[] = [];
  const dbs = assignment(s.file, "DATABASES");
  for (const { key, value } of dictEntries(dbs?.value)) {
    const engine = dictGet(value, "ENGINE");
    const text = engine ? evaluate(engine, s.file.source, s.env)?.text ?? "" : "";
    if (/mysql/.test(text)) out.push({ settings: s, alias: key, dict: value });
  }
  return out;
}

function field(entry: DbEntry, key: string): { loc: Loc; text: string | undefined; source: Loc | undefined } | undefined {
  const node = dictGet(entry.dict, key);
  if (!node) return undefined;
  const v = evaluate(node, entry.settings.file.source, entry.settings.env);
  const here: Loc = { file: entry.settings.file.source, start: node.start, end: node.end };
  // A value read from the environment: the settings line, and the definition it came from.
  return { loc: here, text: v?.text, source: v?.fromEnv ? v.loc : undefined };
}

// ---------------------------------------------------------------- MySQL

export function locateDbHost(ctx: LocateContext, finding: Finding): Located {
  const socket = finding.facts["socket"];
  const host = finding.facts["host"];
  const port = finding.facts["port"] ? Number(finding.facts["port"]) : undefined;
  if (socket !== undefined) {
    const hits: Hit[] = [];
    for (const s of settingsFiles(ctx, scopeOf(ctx, finding).members)) {
      for (const db of mysqlDatabases(s)) {
        const h = field(db, "HOST");
        if (h && h.text !== undefined && h.text !== "" && h.text !== "localhost") continue;
        hits.push({ loc: h?.loc ?? { file: s.file.source, start: db.dict.start, end: db.dict.start + 1 }, message: `DATABASES["${ctx.data(db.alias)}"] HOST is ${h?.text ? `"${ctx.data(h.text)}"` : "empty"}: the client uses the local socket ${ctx.data(socket)}, which does not exist in the app container; set HOST to the database service name` });
      }
    }
    const clients = clientsFor(ctx, "mysql", "localhost", undefined);
    return dedupe({ hits: [...hits, ...describeClients(ctx, clients, "mysqld").hits], notes: [] });
  }
  const clients = clientsFor(ctx, "mysql", host, port);
  const r = describeClients(ctx, clients, "mysqld");
  if (clients.length === 0) r.notes.push(host ? `no database client in this project connects to "${ctx.data(host)}"` : "no database client in this project");
  return r;
}

export function locateDbCredentials(ctx: LocateContext, finding: Finding): Located {
  const user = finding.facts["user"] ?? "";
  const sentPassword = finding.facts["password"] !== "NO";
  const hits: Hit[] = [];
  const notes: string[] = [];
  const servers = mysqlServers(ctx);
  const serverUser = (service: Service): { user?: string; userLoc?: Loc; password?: string; passwordLoc?: Loc; varName: string } => {
    const userVar = envOf(service, ["MYSQL_USER", "MARIADB_USER"])[0];
    const isRoot = user === "root";
    const pw = envOf(service, isRoot ? ["MYSQL_ROOT_PASSWORD", "MARIADB_ROOT_PASSWORD"] : ["MYSQL_PASSWORD", "MARIADB_PASSWORD"])[0];
    return { user: isRoot ? "root" : userVar?.value, userLoc: userVar?.loc, password: pw?.value, passwordLoc: pw?.loc, varName: pw?.name ?? (isRoot ? "MYSQL_ROOT_PASSWORD" : "MYSQL_PASSWORD") };
  };
  let compared = false;
  let agree = false;
  for (const s of settingsFiles(ctx, members(ctx.model))) {
    for (const db of mysqlDatabases(s)) {
      const u = field(db, "USER");
      const p = field(db, "PASSWORD");
      if (u && u.text !== undefined && u.text !== user) continue;
      if (u) hits.push({ loc: u.loc, message: `the app logs in as USER "${ctx.data(u.text ?? "?")}"` });
      if (u?.source) hits.push({ loc: u.source, message: "the app's USER comes from here" });
      const server = servers[0] ? serverUser(servers[0].service) : undefined;
      if (!p || p.text === "" || !sentPassword) {
        hits.push({ loc: p?.loc ?? u?.loc ?? { file: s.file.source, start: db.dict.start, end: db.dict.start + 1 }, message: "the app sends no PASSWORD" });
        continue;
      }
      if (server?.password !== undefined && p.text !== undefined) {
        compared = true;
        agree = p.text === server.password;
        hits.push({ loc: p.loc, message: agree ? `the app's PASSWORD is the same as ${server.varName} (values hidden)` : `the app's PASSWORD differs from ${server.varName} of the database service (values hidden)` });
      } else hits.push({ loc: p.loc, message: "the app's PASSWORD (value hidden)" });
      if (p.source) hits.push({ loc: p.source, message: "the app's PASSWORD comes from here (value hidden)" });
    }
  }
  for (const { service } of servers) {
    const su = serverUser(service);
    if (user !== "root" && su.user !== undefined && su.user !== user && su.userLoc) hits.push({ loc: su.userLoc, message: `${service.name} creates the user "${ctx.data(su.user)}", not "${ctx.data(user)}"` });
    else if (su.userLoc && user !== "root") hits.push({ loc: su.userLoc, message: `${service.name} creates the user "${ctx.data(su.user ?? "")}"` });
    if (su.passwordLoc) hits.push({ loc: su.passwordLoc, message: `${su.varName}: the password ${service.name} gives "${ctx.data(user)}" on its first start (value hidden)` });
    if (agree || !compared) {
      const data = service.mounts.find((m) => m.target.replace(/\/$/, "") === "/var/lib/mysql");
      if (data && agree) hits.push({ loc: data.loc, message: `the data in ${ctx.data(data.source ?? "this volume")} was initialised on an earlier start: MYSQL_* variables apply only to an empty data directory (recreate the volume or ALTER USER)` });
    }
  }
  if (hits.length === 0) notes.push(`no database user "${ctx.data(user)}" in this project's settings or MYSQL_* variables`);
  return { hits: dedupeHits(hits), notes };
}

export function locateDbName(ctx: LocateContext, finding: Finding): Located {
  const db = finding.facts["db"] ?? "";
  const hits: Hit[] = [];
  const names: string[] = [];
  for (const { service } of mysqlServers(ctx)) {
    for (const v of envOf(service, ["MYSQL_DATABASE", "MARIADB_DATABASE"])) {
      if (v.value !== undefined) names.push(v.value);
      hits.push({ loc: v.loc, message: `${service.name} creates the database "${ctx.data(v.value ?? "?")}" (and grants only it to MYSQL_USER)${v.value !== undefined && v.value !== db ? `, not "${ctx.data(db)}"` : ""}` });
    }
  }
  for (const s of settingsFiles(ctx, members(ctx.model))) {
    for (const entry of mysqlDatabases(s)) {
      const n = field(entry, "NAME");
      if (!n) continue;
      const differs = names.length > 0 && n.text !== undefined && !names.includes(n.text);
      hits.push({ loc: n.loc, message: `the app uses the database NAME "${ctx.data(n.text ?? "?")}"${differs ? `, which the database service does not create (${names.map(ctx.data).join(", ")})` : ""}` });
      if (n.source) hits.push({ loc: n.source, message: "the app's NAME comes from here" });
    }
  }
  return { hits: dedupeHits(hits), notes: hits.length === 0 ? [`no database "${ctx.data(db)}" in this project's settings or MYSQL_DATABASE`] : [] };
}

export function locateMysqlOption(ctx: LocateContext, finding: Finding): Located {
  const option = finding.signature.id === "mysql-secure-file-priv" ? "secure-file-priv" : finding.facts["option"] ?? "";
  const key = normKey(option);
  const hits: Hit[] = [];
  const servers = mysqlServers(ctx);
  const seen = new Set<ProjectFile>();
  for (const { service } of servers) {
    const files = mysqlConfigFiles(ctx.project, service);
    let found = false;
    for (const file of files) {
      seen.add(file);
      for (const e of iniEntries(file, [key])) {
        found = true;
        hits.push({ loc: nodeLoc(file, e), message: `${ctx.data(e.key)}${e.value ? ` = ${ctx.data(e.value)}` : ""}: ${describeOption(key, service)}` });
      }
    }
    for (const spec of [service.command, service.entrypoint]) {
      for (const v of spec?.argv ?? []) {
        if (normKey(v.text.split("=")[0] ?? "") !== key) continue;
        found = true;
        hits.push({ loc: v.loc, message: `${ctx.data(v.text)}: ${describeOption(key, service)}` });
      }
    }
    const image = imageLoc(service);
    if (found && image) hits.push({ loc: image.loc, message: `${service.name} runs ${ctx.data(image.ref)}${image.ref.includes(":") ? "" : " (no tag: the newest release)"}` });
  }
  if (hits.length === 0) {
    for (const file of ctx.project.filesOf("mysql")) {
      if (seen.has(file)) continue;
      for (const e of iniEntries(file, [key])) hits.push({ loc: nodeLoc(file, e), message: `${ctx.data(e.key)}: not an option of the server that reads this file` });
    }
  }
  return { hits, notes: hits.length === 0 ? [`no "${ctx.data(option)}" in this project's my.cnf files or server command lines`] : [] };
}

function describeOption(key: string, service: Service): string {
  const image = `${service.image?.name ?? service.build?.image?.base?.name ?? ""}`;
  if (key === "default-authentication-plugin") return "removed in MySQL 8.4 (mysqld aborts); use authentication_policy, or pin mysql:8.0";
  if (key === "secure-file-priv") return image.includes("mariadb") ? "NULL is a MySQL-only value; MariaDB refuses it" : "MariaDB refuses the MySQL-only value NULL";
  return "this server version does not know it";
}

export function locateMysqlAuthPlugin(ctx: LocateContext, _finding: Finding): Located {
  const hits: Hit[] = [];
  for (const { service } of mysqlServers(ctx)) {
    for (const file of mysqlConfigFiles(ctx.project, service)) {
      for (const e of iniEntries(file, ["default-authentication-plugin", "authentication-policy"])) hits.push({ loc: nodeLoc(file, e), message: `${ctx.data(e.key)} = ${ctx.data(e.value)}` });
    }
    const image = imageLoc(service);
    if (image) hits.push({ loc: image.loc, message: `${service.name} runs ${ctx.data(image.ref)}: MySQL 8 creates users with caching_sha2_password` });
  }
  for (const file of ctx.project.filesOf("sql")) {
    const text = file.source.text;
    for (const m of text.matchAll(/IDENTIFIED WITH\s+['"]?(\w+)/gi)) {
      const loc = lineLoc(file.source, lineOf(file.source, m.index ?? 0));
      if (loc) hits.push({ loc, message: `creates a user with ${ctx.data(m[1]!)}` });
    }
  }
  return { hits: dedupeHits(hits), notes: ["a client library without caching_sha2_password support (old PyMySQL, mysqlclient built against libmysqlclient < 8) fails here: upgrade it, install `cryptography`, or create the user WITH mysql_native_password where the server still has it"] };
}

function lineOf(source: { lineStarts: readonly number[] }, offset: number): number {
  let lo = 0;
  let hi = source.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (source.lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

export function locateInitdb(ctx: LocateContext, finding: Finding): Located {
  const scope = scopeOf(ctx, finding);
  const servers = scope.named ? scope.members.filter((m) => mysqlServers(ctx).some((s) => s.service === m.service)) : mysqlServers(ctx);
  return locateInitdbSql(ctx, finding, servers.length > 0 ? servers : mysqlServers(ctx));
}

export function locateMysqlTimeouts(ctx: LocateContext, _finding: Finding): Located {
  const hits: Hit[] = [];
  for (const { service } of mysqlServers(ctx)) {
    for (const file of mysqlConfigFiles(ctx.project, service)) {
      for (const e of iniEntries(file, ["wait-timeout", "interactive-timeout", "max-allowed-packet", "net-read-timeout", "net-write-timeout"])) hits.push({ loc: nodeLoc(file, e), message: `${ctx.data(e.key)} = ${ctx.data(e.value)}` });
    }
  }
  for (const s of settingsFiles(ctx, members(ctx.model))) {
    const a = assignment(s.file, "CONN_MAX_AGE");
    if (a) hits.push({ loc: a.loc, message: "CONN_MAX_AGE: connections kept longer than the server's wait_timeout are closed under Django" });
    for (const db of mysqlDatabases(s)) {
      const age = field(db, "CONN_MAX_AGE");
      if (age) hits.push({ loc: age.loc, message: `CONN_MAX_AGE ${ctx.data(age.text ?? "")}: must stay below the server's wait_timeout` });
    }
  }
  return { hits: dedupeHits(hits), notes: hits.length === 0 ? ["no wait_timeout / max_allowed_packet / CONN_MAX_AGE in this project: the server defaults apply (wait_timeout 28800 s)"] : [] };
}

// ---------------------------------------------------------------- redis

interface RedisServer {
  service: Service;
  file: ProjectFile<"redis"> | undefined;
  commandLoc: Loc;
  argv: string[];
}

function redisServerProcesses(ctx: LocateContext): RedisServer[] {
  const out: RedisServer[] = [];
  for (const { service } of redisServers(ctx)) {
    const node = (service.main?.programs ?? []).find((p) => p.program === "redis-server");
    out.push({ service, file: node?.config?.kind === "redis" ? (node.config as ProjectFile<"redis">) : undefined, commandLoc: node?.loc ?? service.loc, argv: node?.argv ?? [] });
  }
  return out;
}

function redisDirectives(file: ProjectFile<"redis">, names: readonly string[]): { loc: Loc; name: string; args: string[] }[] {
  return file.ast.directives.filter((d) => names.includes(d.name)).map((d) => ({ loc: nodeLoc(file, d), name: d.name, args: d.args.map((a) => a.value) }));
}

export function locateRedisHost(ctx: LocateContext, finding: Finding): Located {
  const host = finding.facts["host"];
  const port = finding.facts["port"] ? Number(finding.facts["port"]) : undefined;
  const clients = clientsFor(ctx, "redis", host, port);
  const r = describeClients(ctx, clients, "redis");
  if (clients.length === 0) r.notes.push(host ? `no redis client in this project connects to "${ctx.data(host)}"` : "no redis client in this project");
  return r;
}

/** The password a redis client sends: in its URL, or CACHES OPTIONS PASSWORD next to its LOCATION. */
function clientPassword(ctx: LocateContext, connection: Connection): { password: string | undefined; loc: Loc } {
  const fromUrl = urlPassword(textAt(connection.loc).replace(/^['"]|['"]$/g, ""));
  if (fromUrl !== undefined) return { password: fromUrl, loc: connection.loc };
  if (connection.client === "django-cache") {
    for (const file of ctx.project.filesOf("django")) {
      if (file.source !== connection.loc.file) continue;
      const caches = assignment(file, "CACHES");
      for (const { value } of dictEntries(caches?.value)) {
        if (value.start > connection.loc.start || value.end < connection.loc.end) continue;
        const pw = dictGet(dictGet(value, "OPTIONS"), "PASSWORD");
        if (pw) {
          const env = new Map((connection.from?.environment ?? []).map((e) => [e.name, e]));
          const v = evaluate(pw, file.source, env);
          return { password: v?.text, loc: v?.loc ?? nodeLoc(file, pw) };
        }
      }
    }
  }
  return { password: undefined, loc: connection.loc };
}

export function locateRedisPassword(ctx: LocateContext, finding: Finding): Located {
  const hits: Hit[] = [];
  const notes: string[] = [];
  const passwords: string[] = [];
  for (const server of redisServerProcesses(ctx)) {
    if (server.file) {
      for (const d of redisDirectives(server.file, ["requirepass"])) {
        if (d.args[0]) passwords.push(d.args[0]);
        hits.push({ loc: d.loc, message: `${server.service.name} requires a password (requirepass, value hidden)` });
      }
      for (const d of redisDirectives(server.file, ["user"])) hits.push({ loc: d.loc, message: `ACL user ${ctx.data(d.args[0] ?? "")}` });
    }
    const i = server.argv.indexOf("--requirepass");
    if (i >= 0) {
      if (server.argv[i + 1]) passwords.push(server.argv[i + 1]!);
      hits.push({ loc: server.commandLoc, message: `${server.service.name} is started with --requirepass` });
    }
  }
  const wrong = finding.signature.id === "redis-wrongpass";
  for (const { connection } of connectionsOf(ctx, "redis")) {
    const { password, loc } = clientPassword(ctx, connection);
    const who = `${connection.from ? `${connection.from.name}: ` : ""}${clientTextShort(connection)}`;
    if (password === undefined) hits.push({ loc: connection.loc, message: `${who} connects to ${ctx.data(target(connection))} without a password` });
    else if (passwords.length > 0 && !passwords.includes(password)) hits.push({ loc, message: `${who} sends a password that differs from requirepass (values hidden)` });
    else if (!wrong) hits.push({ loc, message: `${who} sends a password${passwords.includes(password) ? " (the same as requirepass)" : ""}: check that this is the client that failed` });
  }
  if (passwords.length === 0) notes.push("no requirepass in this project's redis config: the password is set elsewhere (command line, CONFIG SET, ACL file)");
  return { hits: dedupeHits(hits), notes };
}

function clientTextShort(c: Connection): string {
  return c.client === "django-cache" ? "CACHES" : c.client === "django-setting" ? "a Django setting" : c.client === "env" ? "an environment variable" : c.client;
}

export function locateRedisProtected(ctx: LocateContext, _finding: Finding): Located {
  const hits: Hit[] = [];
  const notes: string[] = [];
  for (const server of redisServerProcesses(ctx)) {
    if (!server.file) {
      notes.push(`${server.service.name} runs redis without a config file of this project: the official image then adds --protected-mode no, unless a command line overrides it`);
      continue;
    }
    const found = redisDirectives(server.file, ["protected-mode", "requirepass", "bind"]);
    for (const d of found) hits.push({ loc: d.loc, message: d.name === "requirepass" ? "requirepass (value hidden)" : `${d.name} ${ctx.data(d.args.join(" "))}` });
    if (!found.some((d) => d.name === "protected-mode" || d.name === "requirepass")) {
      hits.push({ loc: server.commandLoc, message: `redis-server reads ${ctx.project.display(server.file.source.path)}, which sets neither protected-mode nor requirepass: protected mode stays on and clients from other containers get DENIED; set requirepass (or protected-mode no on a private network)` });
    }
  }
  return { hits, notes };
}

export function locateRedisConfigLine(ctx: LocateContext, finding: Finding): Located {
  const line = Number(finding.facts["confline"] ?? "0");
  const directive = finding.facts["directive"];
  const reason = finding.facts["reason"];
  const files = redisServerProcesses(ctx).map((s) => s.file).filter((f): f is ProjectFile<"redis"> => f !== undefined);
  const candidates = files.length > 0 ? files : ctx.project.filesOf("redis");
  const hits: Hit[] = [];
  const message = `redis stops here${reason ? ` (${ctx.data(reason)})` : ""}${directive && /\s#/.test(directive) ? ": redis has no inline comments, put `# ...` on its own line" : ""}`;
  for (const file of candidates) {
    if (line > 0) {
      const r = lineRange(file.source, line);
      const text = file.source.text.slice(r.start, r.end).trim();
      if (directive === undefined || text === directive.trim()) {
        const loc = lineLoc(file.source, line);
        if (loc) hits.push({ loc, message });
        continue;
      }
    }
    if (directive !== undefined) {
      for (let l = 1; l <= file.source.lineStarts.length; l++) {
        const r = lineRange(file.source, l);
        if (file.source.text.slice(r.start, r.end).trim() === directive.trim()) {
          const loc = lineLoc(file.source, l);
          if (loc) hits.push({ loc, message });
        }
      }
    }
  }
  return { hits, notes: hits.length === 0 ? ["no redis config of this project has that line"] : [] };
}

export function locateRedisMaxmemory(ctx: LocateContext, _finding: Finding): Located {
  const hits: Hit[] = [];
  for (const server of redisServerProcesses(ctx)) {
    if (!server.file) continue;
    const max = redisDirectives(server.file, ["maxmemory"]);
    const policy = redisDirectives(server.file, ["maxmemory-policy"]);
    for (const d of max) hits.push({ loc: d.loc, message: `maxmemory ${ctx.data(d.args.join(" "))}${policy.length === 0 ? ": no maxmemory-policy, so the default noeviction refuses writes when full (use allkeys-lru for a cache)" : ""}` });
    for (const d of policy) hits.push({ loc: d.loc, message: `maxmemory-policy ${ctx.data(d.args.join(" "))}${d.args[0] === "noeviction" ? ": refuses writes when full" : ""}` });
  }
  return { hits, notes: hits.length === 0 ? ["no maxmemory in this project's redis config"] : [] };
}

// ---------------------------------------------------------------- Django

export function locateAllowedHosts(ctx: LocateContext, finding: Finding): Located {
  const host = finding.facts["host"] ?? "";
  const domain = finding.facts["domain"] ?? host.replace(/:\d+$/, "");
  const hits: Hit[] = [];
  for (const s of settingsFiles(ctx, members(ctx.model))) {
    const a = assignment(s.file, "ALLOWED_HOSTS");
    if (a) hits.push({ loc: a.loc, message: `ALLOWED_HOSTS does not contain "${ctx.data(domain)}"` });
  }
  const headers = nginxDirectives(ctx.project.filesOf("nginx"), ["proxy_set_header", "uwsgi_param"]).filter(({ directive }) => /^(Host|HTTP_HOST)$/i.test(directive.args[0]?.value ?? ""));
  for (const { file, directive } of headers) hits.push({ loc: directiveLoc(file, directive), message: `nginx forwards the Host header as ${ctx.data(directive.args[1]?.value ?? "")}` });
  if (headers.length === 0) {
    for (const { connection } of ctx.model.stacks.flatMap((stack) => stack.connections.map((connection) => ({ connection })))) {
      if (connection.client !== "nginx" || (connection.host !== domain && target(connection) !== host)) continue;
      hits.push({ loc: connection.directiveLoc ?? connection.loc, message: `proxy_pass without \`proxy_set_header Host $host;\`: Django sees Host "${ctx.data(host)}"` });
    }
  }
  return { hits: dedupeHits(hits), notes: hits.length === 0 ? ["no ALLOWED_HOSTS in this project's settings"] : [] };
}

export function locateCsrfOrigins(ctx: LocateContext, finding: Finding): Located {
  const origin = finding.facts["origin"] ?? "";
  const hits: Hit[] = [];
  const notes: string[] = [];
  let trusted = false;
  for (const s of settingsFiles(ctx, members(ctx.model))) {
    for (const name of ["CSRF_TRUSTED_ORIGINS", "SECURE_PROXY_SSL_HEADER"]) {
      const a = assignment(s.file, name);
      if (!a) continue;
      if (name === "CSRF_TRUSTED_ORIGINS") trusted = true;
      hits.push({ loc: a.loc, message: name === "CSRF_TRUSTED_ORIGINS" ? `CSRF_TRUSTED_ORIGINS does not contain "${ctx.data(origin)}"` : "SECURE_PROXY_SSL_HEADER: Django trusts this header for https" });
    }
  }
  const proto = nginxDirectives(ctx.project.filesOf("nginx"), ["proxy_set_header", "uwsgi_param"]).filter(({ directive }) => /^(X-Forwarded-Proto|HTTP_X_FORWARDED_PROTO)$/i.test(directive.args[0]?.value ?? ""));
  for (const { file, directive } of proto) hits.push({ loc: directiveLoc(file, directive), message: `nginx sets ${ctx.data(directive.args[0]?.value ?? "")} ${ctx.data(directive.args[1]?.value ?? "")}` });
  if (!trusted) notes.push(`no CSRF_TRUSTED_ORIGINS in this project's settings: add "${ctx.data(origin)}" (Django 4+ needs the scheme)`);
  if (proto.length === 0 && origin.startsWith("https:")) notes.push("nginx forwards no X-Forwarded-Proto: behind TLS Django sees http");
  return { hits, notes };
}

export function locateStaticFiles(ctx: LocateContext, finding: Finding): Located {
  const hits: Hit[] = [];
  for (const s of settingsFiles(ctx, members(ctx.model))) {
    for (const name of ["STATIC_ROOT", "STATIC_URL", "DEBUG"]) {
      const a = assignment(s.file, name);
      if (a && name === "DEBUG" && evaluate(a.value, s.file.source, s.env)?.text !== "False") continue;
      if (a) hits.push({ loc: a.loc, message: name === "STATIC_ROOT" ? "collectstatic writes the files here (inside the app container): nginx must see this directory through a shared volume" : name === "DEBUG" ? "with DEBUG off Django does not serve static files" : "STATIC_URL" });
    }
  }
  const nginx = locateNginxStatic(ctx, finding);
  return { hits: dedupeHits([...hits, ...nginx.hits]), notes: nginx.notes };
}

function dedupe(located: Located): Located {
  return { hits: dedupeHits(located.hits), notes: [...new Set(located.notes)] };
}
