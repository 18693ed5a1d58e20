// Generate src/knowledge/generated/redis.ts from a real redis-server.
// 1. start redis-server on a free loopback port (--save '' --daemonize no), CONFIG GET *
// 2. for every parameter: CONFIG SET it to an invalid value and classify the error
//    (bool / integer / memory / enum values / string); immutable ones are probed by
//    starting a second server with `--NAME invalid` and reading the FATAL message
// 3. aliases: change one parameter (CONFIG SET, or a restart for immutable ones) and
//    see which other names change with it in CONFIG GET *
// 4. old directives from redis 2.x-6.x tutorials: start a server with each one in a
//    config file and record whether it starts, and the real FATAL lines if not.
import { Resp, freePort, makeTempDir, removeDir, rows, run, sleep, startProcess, stopProcess, tempFile, writeGenerated } from "./common.mjs";

const INVALID = "stacklint-invalid!";

/** Directives that only exist in redis.conf (not CONFIG GET): name, arg spec, note. */
const FILE_ONLY = [
  ["include", "1", "path of another config file"],
  ["rename-command", "2", "rename-command NAME NEWNAME (\"\" disables)"],
  ["user", "1+", "ACL rule: user NAME rules..."],
  ["loadmodule", "1+", "path [args...]"],
  ["sentinel", "1+", "only valid when running as redis-sentinel"],
];

/** Old-tutorial directives to try in redis.conf, one per start. */
export const OLD_DIRECTIVE_PROBES = [
  "vm-enabled no",
  "vm-swap-file /tmp/redis.swap",
  "vm-max-memory 0",
  "vm-page-size 32",
  "vm-pages 134217728",
  "vm-max-threads 4",
  "really-use-vm yes",
  "glueoutputbuf yes",
  "hash-max-zipmap-entries 64",
  "hash-max-zipmap-value 512",
  "list-max-ziplist-entries 512",
  "list-max-ziplist-value 64",
  "list-max-ziplist-size -2",
  "hash-max-ziplist-entries 512",
  "hash-max-ziplist-value 64",
  "zset-max-ziplist-entries 128",
  "zset-max-ziplist-value 64",
  "activerehashing yes",
  "slave-serve-stale-data yes",
  "slave-read-only yes",
  "slave-priority 100",
  "slave-lazy-flush no",
  "slave-announce-ip 127.0.0.1",
  "slaveof 127.0.0.1 1",
  "repl-ping-slave-period 10",
  "min-slaves-to-write 0",
  "min-slaves-max-lag 10",
  "cluster-slave-validity-factor 10",
  "lua-time-limit 5000",
  "lua-replicate-commands yes",
  "client-output-buffer-limit slave 256mb 64mb 60",
  "client-output-buffer-limit pubsub 32mb 8mb 60",
  "maxmemory-policy volatile-lru",
  "maxmemory-policy lru",
  "maxmemory 256mb # limit",
  "maxmemory 256mb",
  "bind 127.0.0.1 # loopback",
  "requirepass",
  "appendfilename /data/appendonly.aof",
  "dir /nonexistent-stacklint",
  "logfile /nonexistent-stacklint/redis.log",
  "include /nonexistent-stacklint.conf",
  "loadmodule /nonexistent-stacklint.so",
  "sentinel monitor mymaster 127.0.0.1 6379 2",
  "rename-command CONFIG \"\"",
  "user default on nopass ~* +@all",
  "protected-mode no",
  "appendfsync sometimes",
  "loglevel info",
  "syslog-enabled no",
  "dynamic-hz yes",
  "io-threads 4",
  "stop-writes-on-bgsave-error yes",
];

function classifyError(msg) {
  const m = /must be one of the following: (.*)$/.exec(msg);
  if (m) return { kind: "enum", values: m[1].split(/,\s*/).map((s) => s.trim()).filter(Boolean) };
  if (/'yes' or 'no'/.test(msg)) return { kind: "bool" };
  if (/memory or percent/i.test(msg)) return { kind: "memory-or-percent" };
  if (/memory value/i.test(msg)) return { kind: "memory" };
  if (/percent/i.test(msg)) return { kind: "percent" };
  if (/parsed into an integer|must be an integer|numeric/i.test(msg)) return { kind: "integer" };
  return { kind: "string", check: msg };
}

/** Parse the FATAL block of a failed start: the offending line and the reason. */
function fatalOf(output) {
  const lines = output.split("\n").map((l) => l.trimEnd());
  const i = lines.findIndex((l) => l.includes("FATAL CONFIG FILE ERROR"));
  if (i >= 0) return lines.slice(i, i + 4).filter((l) => l.length > 0).map((l) => l.replace(/at line \d+/, "at line N"));
  return lines.filter((l) => / # /.test(l) && !/overcommit|Transparent Huge|somaxconn/i.test(l)).map(logText).slice(-3);
}

/** Lines every probe server starts with (loopback, free port, no persistence). */
function baseConfig(dir, port) {
  return [`port ${port}`, "bind 127.0.0.1", 'save ""', "daemonize no", `dir ${dir}`, "appendonly no", 'logfile ""'];
}

/** Start redis-server with base lines + `extraLines` in a config file in `dir`. */
async function startServer(dir, port, extraLines = []) {
  const conf = tempFile(dir, "stacklint-redis.conf", [...baseConfig(dir, port), ...extraLines].join("\n") + "\n");
  const child = startProcess("redis-server", [conf], { cwd: dir });
  for (let i = 0; i < 50; i++) {
    if (child.exitCode !== null) return { child, client: null };
    try {
      const client = await Resp.connect(port);
      return { child, client };
    } catch {
      await sleep(50);
    }
  }
  return { child, client: null };
}

/** Start, and report [started, messages]; the server is stopped again. */
async function tryStart(extraLines) {
  const port = await freePort();
  const dir = makeTempDir("redis-probe");
  const s = await startServer(dir, port, extraLines);
  let after = null;
  if (s.client) {
    after = await configMap(s.client);
    s.client.close();
    await stopProcess(s.child);
  } else {
    await s.child.exited;
  }
  removeDir(dir);
  const output = s.child.output.split(String(port)).join("<port>").split(dir).join("<dir>");
  return { started: after !== null, after, output };
}

/** Strip the "PID:C 23 Nov 2026 15:47:40.640 # " prefix of a redis log line. */
function logText(line) {
  return line.replace(/^\d+:[A-Z] \d+ \w+ \d{4} [\d:.]+ [#*.-] /, "").trim();
}

async function configMap(client) {
  const flat = await client.command("CONFIG", "GET", "*");
  const m = new Map();
  for (let i = 0; i + 1 < flat.length; i += 2) m.set(flat[i], flat[i + 1]);
  return m;
}

function changedValue(name, value, kind) {
  if (kind.kind === "bool") return value === "yes" ? "no" : "yes";
  if ((kind.kind === "integer" || kind.kind === "memory" || kind.kind === "memory-or-percent") && /^-?\d+$/.test(value)) return String(Number(value) + 1);
  if (kind.kind === "enum") return kind.values.find((v) => v !== value && !v.includes(" ")) ?? null;
  if (kind.kind === "string" && value === "") return "stacklint-probe";
  return null;
}

/** Never given a *valid* changed value through a restart: they would move or daemonize the server. */
const NO_RESTART_PROBE = new Set(["port", "bind", "daemonize", "supervised", "pidfile", "logfile", "unixsocket", "dir", "cluster-enabled", "tls-port", "cluster-port", "syslog-enabled", "enable-protected-configs", "replicaof", "slaveof"]);

/** Parameters the probe server sets itself: their CONFIG GET value is not the default. */
const OVERRIDDEN = new Set(["port", "bind", "save", "daemonize", "dir", "appendonly", "logfile"]);

const quote = (v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

export async function generateRedis() {
  const versionLine = run("redis-server", ["--version"]).stdout.trim();
  const version = /v=(\S+)/.exec(versionLine)?.[1] ?? versionLine;
  const dir = makeTempDir("redis");
  const port = await freePort();
  const { child, client } = await startServer(dir, port);
  if (!client) throw new Error(`redis-server did not start:\n${child.output}`);
  try {
    const base = await configMap(client);
    const names = [...base.keys()].sort();
    const kinds = new Map();
    const immutable = new Set();
    for (const name of names) {
      const r = await client.command("CONFIG", "SET", name, INVALID);
      if (r && typeof r === "object" && "error" in r) {
        const reason = r.error.replace(/^ERR CONFIG SET failed \(possibly related to argument '[^']*'\) - /, "");
        if (/immutable|protected config/.test(reason)) immutable.add(name);
        else kinds.set(name, classifyError(reason));
      } else {
        kinds.set(name, { kind: "string" });
        await client.command("CONFIG", "SET", name, base.get(name) ?? "");
      }
    }
    // immutable parameters: a start with the invalid value in the file tells the kind
    for (const name of immutable) {
      const t = await tryStart([`${name} ${quote(INVALID)}`]);
      if (t.started) kinds.set(name, { kind: "string" });
      else {
        const reason = fatalOf(t.output).find((l) => !/FATAL|Reading the configuration|>>>/.test(l)) ?? "";
        kinds.set(name, classifyError(reason));
      }
    }
    // how many arguments a redis.conf line takes: "NAME x y" is refused with
    // "wrong number of arguments" by single-argument parameters
    const multiArg = new Set();
    for (const name of names) {
      if (NO_RESTART_PROBE.has(name) && name !== "bind" && name !== "replicaof" && name !== "slaveof") continue;
      for (const args of ["1 2", "1 2 3"]) {
        const t = await tryStart([`${name} ${args}`]);
        const why = fatalOf(t.output).join(" ");
        if (t.started || !/wrong number of arguments/.test(why)) { multiArg.add(name); break; }
      }
    }
    // aliases
    const aliasOf = new Map();
    for (const name of names) {
      if (aliasOf.has(name)) continue;
      const kind = kinds.get(name) ?? { kind: "string" };
      const value = base.get(name) ?? "";
      const nv = changedValue(name, value, kind);
      if (nv === null) continue;
      let after = null;
      if (!immutable.has(name)) {
        const r = await client.command("CONFIG", "SET", name, nv);
        if (r && typeof r === "object" && "error" in r) continue;
        after = await configMap(client);
        await client.command("CONFIG", "SET", name, value);
      } else if (!NO_RESTART_PROBE.has(name)) {
        const t = await tryStart([`${name} ${quote(nv)}`]);
        after = t.after;
        if (after) for (const k of OVERRIDDEN) after.set(k, base.get(k) ?? "");
      }
      if (!after) continue;
      const moved = [...after.entries()].filter(([k, v]) => k !== name && base.get(k) !== v && after.get(name) === v).map(([k]) => k);
      for (const other of moved) {
        // canonical name = the newer spelling (replica-*, *-listpack-*, busy-reply-threshold)
        const oldish = (n) => /slave|ziplist|lua-time-limit/.test(n);
        const [canonical, alias] = oldish(name) && !oldish(other) ? [other, name] : [name, other];
        aliasOf.set(alias, canonical);
      }
    }
    // replicaof/slaveof take "host port" and are not changed by the probes above
    if (base.has("replicaof") && base.has("slaveof")) aliasOf.set("slaveof", "replicaof");
    const params = names.filter((n) => !aliasOf.has(n)).map((n) => {
      const k = kinds.get(n) ?? { kind: "string" };
      const aliases = [...aliasOf.entries()].filter(([, c]) => c === n).map(([a]) => a).sort();
      const def = OVERRIDDEN.has(n) ? null : (base.get(n) ?? "");
      return [n, k.kind, k.kind === "enum" ? k.values : [], aliases, multiArg.has(n) ? "1+" : "1", immutable.has(n) ? 1 : 0, def];
    });
    // old directives
    const oldResults = [];
    for (const line of OLD_DIRECTIVE_PROBES) {
      const t = await tryStart([line]);
      const message = t.started
        ? t.output.split("\n").filter((l) => /deprecat|ignor|obsolete|no longer/i.test(l)).map(logText)
        : fatalOf(t.output);
      oldResults.push([line, t.started ? 1 : 0, message]);
    }
    const code = [
      `export const REDIS_VERSION = ${JSON.stringify(version)};`,
      "",
      "/**",
      " * [name, kind, enumValues, aliases, args (\"1\" | \"1+\"), immutableAtRuntime (1/0), default or null]",
      " * from CONFIG GET * and CONFIG SET / start probes. default is null for parameters the probe",
      " * server set itself (port, bind, save, daemonize, dir, appendonly, logfile).",
      " */",
      `export const REDIS_PARAMETER_ROWS: readonly (readonly [string, string, readonly string[], readonly string[], "1" | "1+", 0 | 1, string | null])[] = ${rows(params)};`,
      "",
      "/** Directives accepted only in redis.conf (not listed by CONFIG GET): [name, args, note]. */",
      `export const REDIS_FILE_ONLY_ROWS: readonly (readonly [string, string, string])[] = ${rows(FILE_ONLY)};`,
      "",
      "/** Real starts with one old-tutorial line in redis.conf: [line, started (1/0), log or FATAL lines]. */",
      `export const REDIS_OLD_DIRECTIVE_PROBES: readonly (readonly [string, 0 | 1, readonly string[]])[] = ${rows(oldResults)};`,
    ].join("\n");
    const path = writeGenerated("redis.ts", { program: "redis-server", version: versionLine, command: "CONFIG GET * / CONFIG SET probes on a temporary loopback server; one start per probed line" }, code);
    return { program: "redis-server", version, path };
  } finally {
    client.close();
    await stopProcess(child);
    removeDir(dir);
  }
}
