// Generate src/knowledge/generated/mariadb.ts from the installed MariaDB.
// 1. `mariadbd --no-defaults --verbose --help` (and the same for the mariadb,
//    mariadb-dump and mariadb-admin clients): option names, value kind, enum values,
//    defaults, and the option-file groups each program reads.
// 2. A real server on a temporary datadir (mariadb-install-db, --skip-networking, a
//    socket in the datadir): one start per probed [mysqld] line, recording whether it
//    comes up and the exact [ERROR]/[Warning] lines it prints.
// 3. The mariadb client with one [client] line each, to see which keys it refuses.
import { chmodSync, chownSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { makeTempDir, removeDir, rows, run, sleep, startProcess, stopProcess, tempFile, writeGenerated } from "./common.mjs";

/** Lines copied from MySQL 8.x / old tutorials into a MariaDB [mysqld] group. */
export const MYSQLD_PROBES = [
  "default-authentication-plugin=mysql_native_password",
  "default_authentication_plugin=caching_sha2_password",
  "authentication_policy=mysql_native_password",
  "mysql_native_password=ON",
  "secure-file-priv=NULL",
  "secure-file-priv=",
  "query_cache_type=1",
  "query_cache_size=16M",
  "innodb_large_prefix=1",
  "innodb_file_format=Barracuda",
  "innodb_file_per_table=1",
  "sql_mode=NO_AUTO_CREATE_USER,STRICT_TRANS_TABLES",
  "sql_mode=STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION",
  "sql_mode=NO_SUCH_MODE",
  "expire_logs_days=7",
  "binlog_expire_logs_seconds=604800",
  "character-set-server=utf8mb4",
  "character-set-server=utf8",
  "collation-server=utf8mb4_0900_ai_ci",
  "collation-server=utf8mb4_unicode_ci",
  "default-character-set=utf8mb4",
  "skip-host-cache",
  "skip-name-resolve",
  "log-warnings=2",
  "log_error_verbosity=3",
  "key_buffer=16M",
  "thread_cache=8",
  "myisam-recover=BACKUP",
  "symbolic-links=0",
  "tx_isolation=READ-COMMITTED",
  "transaction-isolation=READ-COMMITTED",
  "innodb_dedicated_server=ON",
  "mysqlx=0",
  "mysqlx-bind-address=127.0.0.1",
  "loose-mysqlx-bind-address=127.0.0.1",
  "skip-mysqlx",
  "explicit_defaults_for_timestamp=1",
  "innodb_log_file_size=48M",
  "max_allowed_packet=64M",
  "bind-address=0.0.0.0 # all interfaces",
  "performance_schema=ON",
  "stacklint_unknown_option=1",
  "innodb_buffer_pool_size=128M",
  "table_cache=512",
  "log-bin-trust-function-creators=1",
  "default-time-zone=+00:00",
  "innodb_buffer=128M",
  "character-set-server=utf8mb4\ncollation-server=utf8mb4_0900_ai_ci",
  "character-set-server=utf8mb4\ncollation-server=utf8mb4_unicode_ci",
];

/** Lines for the [client] group, each tried with the mariadb client. */
export const CLIENT_PROBES = [
  "default-character-set=utf8mb4",
  "user=root",
  "password=secret",
  "host=localhost",
  "port=3306",
  "socket=/run/mysqld/mysqld.sock",
  "quick",
  "max_allowed_packet=64M",
  "ssl-mode=DISABLED",
  "ssl=0",
  "skip-ssl",
  "get-server-public-key",
  "stacklint_unknown_option=1",
];

/** Parse `--verbose --help` output of a MariaDB program. */
export function parseHelp(text) {
  const lines = text.split("\n");
  const groups = (/^The following groups are read: (.*)$/m.exec(text)?.[1] ?? "").trim().split(/\s+/).filter(Boolean);
  const options = new Map();
  let cur = null;
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.startsWith("Variables (--variable-name=value)")) break;
    const m = /^  (?:-(.), )?--([a-z0-9][a-z0-9_-]*)(\[?=[#a-z]+\]?)?(?: +(.*)| ?$)/i.exec(line);
    if (m) {
      const [, short, name = "", val, rest] = m;
      const value = !val ? "none" : val.startsWith("[") ? "optional" : val.includes("#") ? "number" : "string";
      const old = options.get(name);
      cur = old ?? { name, value, short: short ?? "", desc: "" };
      if (!old) options.set(name, cur);
      if (rest) cur.desc += ` ${rest.trim()}`;
      continue;
    }
    if (cur && /^ {20,}\S/.test(line)) cur.desc += ` ${line.trim()}`;
    else if (!line.startsWith("  ")) cur = null;
  }
  const defaults = new Map();
  for (i += 3; i < lines.length; i++) {
    const m = /^(\S+)\s+(.*)$/.exec(lines[i] ?? "");
    if (!m) break;
    defaults.set(m[1], m[2].trim());
  }
  const out = [];
  for (const o of options.values()) {
    const desc = o.desc.replace(/\s+/g, " ");
    const one = /One of: ([A-Za-z0-9_, -]+?)(?:\.|$|;)/.exec(desc);
    const any = /Any combination of: ([A-Za-z0-9_, -]+?)(?:\.|$|;| or )/.exec(desc);
    const kind = one ? "enum" : any ? "set" : defaults.get(o.name) === "FALSE" || defaults.get(o.name) === "TRUE" ? "bool" : o.value;
    const values = (one ?? any)?.[1].split(/,\s*/).map((s) => s.trim().replace(/^or /, "")).filter(Boolean) ?? [];
    const shown = defaults.get(o.name);
    const def = shown === undefined || shown === "(No default value)" ? null : shown;
    out.push({ name: o.name, short: o.short, kind, values, def });
  }
  out.sort((a, b) => (a.name < b.name ? -1 : 1));
  return { groups, options: out };
}

function interesting(output) {
  return output
    .split("\n")
    .map((l) => l.replace(/^\d{4}-\d\d-\d\d\s+\d+:\d+:\d+\s+\d+\s+/, "").trim())
    .filter((l) => /^\[(ERROR|Warning)\]/.test(l) || /^mariadbd: /.test(l))
    .filter((l) => !/max_open_files|Could not increase|io_uring|Setting lower_case|Aborting$|innodb_ft_|Disabling|using AIO|Buffered|setrlimit|InnoDB: Linux Native AIO/.test(l) || /Aborting/.test(l));
}

async function probeMysqld(datadir, line) {
  const conf = tempFile(datadir, "probe.cnf", ["[mysqld]", `datadir=${datadir}`, `socket=${datadir}/mysqld.sock`, `pid-file=${datadir}/mysqld.pid`, "skip-networking", "user=mysql", "innodb_buffer_pool_size=16M", line, ""].join("\n"));
  chmodSync(conf, 0o644);
  const child = startProcess("mariadbd", [`--defaults-file=${conf}`]);
  let started = false;
  for (let t = 0; t < 300; t++) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    if (/ready for connections/.test(child.output)) { started = true; break; }
    await sleep(100);
  }
  if (child.exitCode === null) await stopProcess(child);
  await child.exited;
  const messages = interesting(child.output.split(datadir).join("<datadir>")).filter((l) => !/^\[Note\]/.test(l)).map((l) => l.split(`@${hostname()}'`).join("@<host>'"));
  return [line, started ? 1 : 0, messages];
}

export async function generateMariadb() {
  const versionLine = run("mariadbd", ["--version"]).stdout.trim();
  const version = /Ver (\S+)/.exec(versionLine)?.[1] ?? versionLine;
  const server = parseHelp(run("mariadbd", ["--no-defaults", "--verbose", "--help"]).stdout);
  const clients = {};
  for (const prog of ["mariadb", "mariadb-dump", "mariadb-admin"]) {
    const p = parseHelp(run(prog, ["--no-defaults", "--verbose", "--help"]).stdout);
    clients[prog] = { groups: p.groups, options: p.options.map((o) => o.name) };
  }
  if (server.options.length < 500) throw new Error(`mariadbd --help parse found only ${server.options.length} options`);

  const datadir = makeTempDir("mariadb");
  const probes = [];
  const clientProbes = [];
  try {
    chownSync(datadir, Number(run("id", ["-u", "mysql"]).stdout.trim()), Number(run("id", ["-g", "mysql"]).stdout.trim()));
    chmodSync(datadir, 0o755);
    const inst = run("mariadb-install-db", ["--no-defaults", `--datadir=${datadir}`, "--user=mysql", "--auth-root-authentication-method=socket", "--skip-test-db"], { timeout: 300_000 });
    if (inst.code !== 0) throw new Error(`mariadb-install-db failed:\n${inst.stdout}\n${inst.stderr}`);
    for (const line of MYSQLD_PROBES) probes.push(await probeMysqld(datadir, line));
    // the mariadb client reads [client]: --print-defaults shows it, a real run shows whether it refuses a key
    for (const line of CLIENT_PROBES) {
      const conf = tempFile(datadir, "client.cnf", `[client]\n${line}\n`);
      const verdict = {};
      const messages = [];
      for (const [prog, args] of [["mariadb", ["-e", "SELECT 1"]], ["mariadb-dump", ["mysql"]], ["mariadb-admin", ["ping"]]]) {
        const r = run(prog, [`--defaults-file=${conf}`, `--socket=${datadir}/none.sock`, ...args], { timeout: 20_000 });
        const out = (r.stdout + r.stderr).split("\n").map((l) => l.trim()).filter(Boolean);
        const refused = out.filter((l) => /unknown (variable|option)/.test(l));
        verdict[prog] = refused.length > 0 ? 0 : 1;
        messages.push(...refused);
      }
      clientProbes.push([line, verdict, messages]);
    }
  } finally {
    removeDir(datadir);
  }

  const optRows = server.options.map((o) => [o.name, o.kind, o.values, o.def, o.short]);
  const code = [
    `export const MARIADB_VERSION = ${JSON.stringify(version)};`,
    "",
    "/** Option-file groups each program reads (from its --help). */",
    `export const MARIADB_GROUPS_READ: Readonly<Record<string, readonly string[]>> = ${JSON.stringify({ mariadbd: server.groups, ...Object.fromEntries(Object.entries(clients).map(([k, v]) => [k, v.groups])) })};`,
    "",
    "/**",
    " * mariadbd options (dash spelling, as --help prints them): [name, kind, values, default, short].",
    " * kind: none (flag without value) | bool | number | string | optional | enum | set.",
    " * default: value after reading no option file (--no-defaults), null if not shown.",
    " */",
    `export const MARIADBD_OPTION_ROWS: readonly (readonly [string, string, readonly string[], string | null, string])[] = ${rows(optRows)};`,
    "",
    "/** Client program options (dash spelling). */",
    ...Object.entries(clients).map(([k, v]) => `export const ${k === "mariadb" ? "MARIADB_CLIENT" : k.toUpperCase().replace(/-/g, "_")}_OPTIONS: readonly string[] = ${JSON.stringify(v.options)};`),
    "",
    "/** Real mariadbd starts with one line added to [mysqld]: [line, started (1/0), ERROR/Warning lines]. */",
    `export const MARIADB_MYSQLD_PROBES: readonly (readonly [string, 0 | 1, readonly string[]])[] = ${rows(probes)};`,
    "",
    "/** mariadb, mariadb-dump and mariadb-admin with one [client] line: [line, accepted per program (1/0), unknown-option lines]. */",
    `export const MARIADB_CLIENT_PROBES: readonly (readonly [string, Readonly<Record<string, 0 | 1>>, readonly string[]])[] = ${rows(clientProbes)};`,
  ].join("\n");
  const path = writeGenerated("mariadb.ts", { program: "mariadbd", version: versionLine, command: "mariadbd --no-defaults --verbose --help; mariadb-install-db + one mariadbd start per probed line (temporary datadir, --skip-networking)" }, code);
  return { program: "mariadbd", version, path, count: optRows.length };
}
