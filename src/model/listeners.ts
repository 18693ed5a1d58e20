import type { IniFile } from "../parsers/ini/ast.js";
import type { Project, ProjectFile } from "../project/project.js";
import { listContainerDir, resolveContainerPath } from "./container-fs.js";
import { isMysqlImage, isRedisImage, knownImage } from "./image/known-images.js";
import type { Listener, Loc, ProcessNode, Protocol, Service } from "./types.js";

/**
 * What each program of a service listens on, from its config file or
 * command line, with the program's own default where nothing is set
 * (`implicit`: gunicorn and `runserver` default to 127.0.0.1:8000, redis to
 * all interfaces on 6379, mysqld to all interfaces on 3306).
 */
export function listenersOf(project: Project, service: Service): Listener[] {
  const out: Listener[] = [];
  const programs = service.main?.programs ?? [];
  const seen = new Set<ProcessNode>();
  for (const node of programs) {
    if (seen.has(node)) continue;
    seen.add(node);
    out.push(...listenersOfProgram(project, service, node));
  }
  // supervisord children
  for (const node of programs) {
    if (node.program !== "supervisord" || node.config?.kind !== "supervisor") continue;
    for (const child of service.supervised ?? []) out.push(...listenersOfProgram(project, service, child));
  }
  if (!service.main) {
    // No process known (image we do not model): trust the official image's defaults.
    const name = service.image?.name ?? service.build?.image?.base?.name;
    const known = name ? knownImage(name) : undefined;
    for (const l of known?.listens ?? []) {
      const at = service.image?.loc ?? service.loc;
      out.push({ service, protocol: l.protocol, address: "0.0.0.0", port: l.port, socketPath: undefined, loc: at, implicit: true, program: name ?? "", process: undefined });
    }
  }
  return out;
}

function listenersOfProgram(project: Project, service: Service, node: ProcessNode): Listener[] {
  const listener = (protocol: Protocol, addressText: string, loc: Loc, implicit: boolean): Listener => {
    const parsed = parseAddress(addressText);
    return { service, protocol, address: parsed.address, port: parsed.port, socketPath: parsed.socketPath, loc, implicit, program: node.program, process: node };
  };
  switch (node.program) {
    case "uwsgi":
      return uwsgiListeners(node, listener);
    case "gunicorn": {
      const binds = optionValues(node, ["-b", "--bind"]);
      if (binds.length > 0) return binds.map((b) => listener("http", b.text, b.loc, false));
      if (node.argv.some((a) => a === "-c" || a.startsWith("--config")) ) return [];
      return [listener("http", "127.0.0.1:8000", node.loc, true)];
    }
    case "django-runserver": {
      const i = node.argv.indexOf("runserver");
      const addr = node.argv.slice(i + 1).find((a) => !a.startsWith("-"));
      return [listener("http", addr ?? "127.0.0.1:8000", node.loc, addr === undefined)];
    }
    case "daphne": {
      const host = optionValues(node, ["-b", "--bind", "--host"])[0]?.text ?? "127.0.0.1";
      const port = optionValues(node, ["-p", "--port"])[0]?.text ?? "8000";
      return [listener("http", `${host}:${port}`, node.loc, false)];
    }
    case "redis-server":
      return redisListeners(node, service, listener);
    case "mysqld":
      return mysqlListeners(project, service, node, listener);
    default:
      return [];
  }
}

type MakeListener = (protocol: Protocol, address: string, loc: Loc, implicit: boolean) => Listener;

/** Option values of a command line (`--bind X`, `--bind=X`, `-b X`), with their locations. */
function optionValues(node: ProcessNode, names: string[]): { text: string; loc: Loc }[] {
  const out: { text: string; loc: Loc }[] = [];
  for (let i = 0; i < node.argv.length; i++) {
    const a = node.argv[i]!;
    for (const n of names) {
      if (a === n && node.argv[i + 1] !== undefined) out.push({ text: node.argv[i + 1]!, loc: node.loc });
      else if (n.startsWith("--") && a.startsWith(n + "=")) out.push({ text: a.slice(n.length + 1), loc: node.loc });
      else if (!n.startsWith("--") && a.startsWith(n) && a.length > n.length && n.length === 2) out.push({ text: a.slice(2), loc: node.loc });
    }
  }
  return out;
}

/** uWSGI option name → protocol of the socket it opens. */
const UWSGI_SOCKET_OPTIONS: Record<string, Protocol> = {
  socket: "uwsgi", "uwsgi-socket": "uwsgi", s: "uwsgi", "shared-socket": "uwsgi",
  "http-socket": "http", http: "http", "http11-socket": "http",
  "https-socket": "https", https: "https",
  "fastcgi-socket": "fastcgi", "fastcgi-nph-socket": "fastcgi",
};

function uwsgiListeners(node: ProcessNode, listener: MakeListener): Listener[] {
  const out: Listener[] = [];
  const file = node.config?.kind === "uwsgi" ? (node.config as ProjectFile<"uwsgi">) : undefined;
  if (file) {
    for (const e of uwsgiEntries(file)) {
      const protocol = UWSGI_SOCKET_OPTIONS[e.key];
      if (!protocol || e.value === "") continue;
      out.push(listener(protocol, e.value, { file: file.source, start: e.valueStart, end: e.valueEnd }, false));
    }
  }
  for (let i = 1; i < node.argv.length; i++) {
    const a = node.argv[i]!;
    const m = /^--?([\w-]+)(?:=(.*))?$/.exec(a);
    if (!m) continue;
    const protocol = UWSGI_SOCKET_OPTIONS[m[1]!];
    const v = m[2] ?? node.argv[i + 1];
    if (protocol && v !== undefined) out.push(listener(protocol, v, node.loc, false));
  }
  return out;
}

/**
 * uWSGI ini entries with `%(name)` placeholders expanded from options
 * defined earlier in the file, as uWSGI does.
 */
export function uwsgiEntries(file: ProjectFile<"uwsgi">): { key: string; value: string; valueStart: number; valueEnd: number; start: number; end: number }[] {
  const values = new Map<string, string>();
  const out: { key: string; value: string; valueStart: number; valueEnd: number; start: number; end: number }[] = [];
  for (const section of (file.ast as IniFile).sections) {
    if (section.name !== "uwsgi") continue;
    for (const e of section.entries) {
      const value = e.value.replace(/%\(([\w-]+)\)/g, (whole, name: string) => values.get(name) ?? whole);
      if (!values.has(e.key)) values.set(e.key, value);
      else values.set(e.key, value);
      out.push({ key: e.key, value, valueStart: e.valueRange.start, valueEnd: e.valueRange.end, start: e.start, end: e.end });
    }
  }
  return out;
}

function redisListeners(node: ProcessNode, service: Service, listener: MakeListener): Listener[] {
  const file = node.config?.kind === "redis" ? (node.config as ProjectFile<"redis">) : undefined;
  const portFlag = optionValues(node, ["--port"])[0];
  const bindFlag = optionValues(node, ["--bind"])[0];
  let port = portFlag?.text ?? "6379";
  let portLoc: Loc | undefined = portFlag?.loc;
  let binds: { text: string; loc: Loc }[] = bindFlag ? [bindFlag] : [];
  if (file) {
    for (const d of file.ast.directives) {
      const loc = { file: file.source, start: d.start, end: d.end };
      if (d.name === "port" && d.args[0] && !portFlag) {
        port = d.args[0].value;
        portLoc = loc;
      }
      if (d.name === "bind" && !bindFlag) binds = d.args.filter((a) => a.value !== "#" && !a.value.startsWith("#")).map((a) => ({ text: a.value, loc }));
    }
  }
  void service;
  const out: Listener[] = [];
  const unix = file?.ast.directives.filter((d) => d.name === "unixsocket").pop();
  if (unix?.args[0] && file) out.push(listener("redis", unix.args[0].value, { file: file.source, start: unix.start, end: unix.end }, false));
  // `port 0` turns TCP off
  if (port.trim() === "0") return out;
  if (binds.length === 0) return [...out, listener("redis", `0.0.0.0:${port}`, portLoc ?? node.loc, portLoc === undefined)];
  return [...out, ...binds.map((b) => listener("redis", `${b.text.replace(/^-/, "")}:${port}`, b.loc, false))];
}

/** Where the official MySQL/MariaDB images read option files from. */
const MYSQL_CONFIG_FILES = ["/etc/mysql/my.cnf", "/etc/my.cnf"];
const MYSQL_CONFIG_DIRS = ["/etc/mysql/conf.d", "/etc/mysql/mysql.conf.d", "/etc/mysql/mariadb.conf.d", "/etc/my.cnf.d"];

export function mysqlConfigFiles(project: Project, service: Service): ProjectFile<"mysql">[] {
  const out: ProjectFile<"mysql">[] = [];
  for (const path of MYSQL_CONFIG_FILES) {
    const r = resolveContainerPath(project, service, path);
    if ((r.kind === "bind" || r.kind === "copy") && project.pathKind(r.hostPath) === "file") {
      const f = project.load(r.hostPath, "mysql");
      if (f) out.push(f);
    }
  }
  for (const dir of MYSQL_CONFIG_DIRS) {
    for (const f of listContainerDir(project, service, dir)) {
      if (!f.containerPath.endsWith(".cnf")) continue;
      const pf = project.load(f.hostPath, "mysql");
      if (pf) out.push(pf);
    }
  }
  return out;
}

function mysqlListeners(project: Project, service: Service, node: ProcessNode, listener: MakeListener): Listener[] {
  let address = "0.0.0.0";
  let port = "3306";
  let addressLoc: Loc | undefined;
  let portLoc: Loc | undefined;
  for (const file of mysqlConfigFiles(project, service)) {
    for (const section of file.ast.sections) {
      if (!["mysqld", "mariadb", "mariadbd", "server", "mysqld-8.0"].includes(section.name.toLowerCase())) continue;
      for (const e of section.entries) {
        const key = e.key.toLowerCase().replace(/_/g, "-");
        const loc = { file: file.source, start: e.start, end: e.end };
        if (key === "bind-address" && e.value) {
          address = e.value;
          addressLoc = loc;
        } else if (key === "port" && e.value) {
          port = e.value;
          portLoc = loc;
        }
      }
    }
  }
  return [listener("mysql", `${address}:${port}`, addressLoc ?? portLoc ?? node.loc, addressLoc === undefined && portLoc === undefined)];
}

/**
 * `host:port`, `:port`, `port`, `[::]:port`, `unix:/x.sock`, `/x.sock`, `0.0.0.0:8000  # note`.
 * uWSGI reads the port with atoi after the last `:`, so trailing text after
 * the digits is ignored the same way here.
 */
export function parseAddress(text: string): { address: string | undefined; port: number | undefined; socketPath: string | undefined } {
  const t = text.trim();
  if (t.startsWith("unix:")) return { address: undefined, port: undefined, socketPath: t.slice(5).split(/\s/)[0] };
  if (t.startsWith("/") || t.startsWith("./") || t.startsWith("@")) return { address: undefined, port: undefined, socketPath: t };
  if (/^\d+$/.test(t)) return { address: "", port: Number(t), socketPath: undefined };
  if (t.startsWith("[")) {
    const close = t.indexOf("]");
    const port = Number.parseInt(t.slice(close + 2), 10);
    return { address: t.slice(1, close), port: Number.isFinite(port) ? port : undefined, socketPath: undefined };
  }
  const colon = t.lastIndexOf(":");
  if (colon < 0) return { address: t, port: undefined, socketPath: undefined };
  const port = Number.parseInt(t.slice(colon + 1), 10);
  return { address: t.slice(0, colon).replace(/^\*$/, "0.0.0.0"), port: Number.isFinite(port) ? port : undefined, socketPath: undefined };
}

export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const a = address.toLowerCase();
  return a === "localhost" || a.startsWith("127.") || a === "::1" || a === "[::1]";
}

export { isMysqlImage, isRedisImage };
