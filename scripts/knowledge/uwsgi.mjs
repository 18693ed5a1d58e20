// Generate src/knowledge/generated/uwsgi.ts from the installed uWSGI binary.
// Names come from the real option table: an LD_PRELOAD probe (uwsgi-probe.c) built
// against the binary's own header (`uwsgi --dot-h`) and CFLAGS (`uwsgi --cflags`)
// dumps `uwsgi.options` after `uwsgi --plugin python3 --plugin http --help`, with the
// argument type (getopt no/required/optional), shortcut, owning plugin and handler.
// The probe's name list is checked against the `--help` text itself.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SCRIPT_DIR, freePort, makeTempDir, removeDir, rows, run, sleep, startProcess, stopProcess, tempFile, writeGenerated } from "./common.mjs";

/** Plugins whose options are recorded (Debian package -> plugin .so name). */
const PLUGINS = ["python3", "http"];

/**
 * Handlers whose option can be given many times, each occurrence adding one more item
 * (a socket, an env var, a route, a daemon, a logger...). Every other handler stores
 * one value, and a repeated key overrides it (last wins).
 */
const REPEATABLE_HANDLER = [
  /^add_/, /^load/, /^legion/, /^logic$/, /^noop$/, /^set_env$/, /^unset_env$/, /^pythonpath$/,
  /^set_placeholder$/, /^static_map$/, /^check_static$/, /^set_logger$/, /^set_req_logger$/, /^sni$/,
  /^https2?$/, /^http_to_https$/, /^corerouter$/, /^corerouter_zerg$/, /^resolve$/, /^safe_fd$/,
  /^print$/, /^envdir$/, /^ini_paste$/,
];

/**
 * [uwsgi] bodies run with the real uwsgi (PORT = a free loopback port). Never a valid
 * `daemonize` path: that would leave a daemon behind.
 */
export const UWSGI_PROBES = [
  "strict = true\npost buffering = 1\nsocket = 127.0.0.1:PORT",
  "strict = true\npost_buffering = 1\nsocket = 127.0.0.1:PORT",
  "strict = true\ns = 127.0.0.1:PORT",
  "http = 127.0.0.1:PORT",
  "strict = true\nhttp = 127.0.0.1:PORT",
  "master = true\nplugins = http\nhttp = 127.0.0.1:PORT",
  "socket = 127.0.0.1:PORT\nmodule = app",
  "plugins = python3\nsocket = 127.0.0.1:PORT\nmodule = stacklint_no_such_module",
  "socket = 127.0.0.1:PORT   # note",
  "socket = 127.0.0.1:PORT\ndaemonize = /nonexistent-stacklint/uwsgi.log",
];

const PROBE_LINE = /strict|missing|no request plugin|load it with|bound|open\(|error|unknown|invalid|no app loaded|ImportError|ModuleNotFound|spawned uWSGI http/i;

async function probeIni(dir, body) {
  const port = await freePort();
  const ini = tempFile(dir, "probe.ini", `[uwsgi]\n${body.split("PORT").join(String(port))}\n`);
  const child = startProcess("uwsgi", ["--ini", ini], { cwd: dir });
  for (let t = 0; t < 20 && child.exitCode === null && child.signalCode === null; t++) await sleep(100);
  const running = child.exitCode === null && child.signalCode === null;
  if (running) await stopProcess(child, "SIGINT");
  await child.exited;
  const lines = child.output.split("\n").map((l) => l.trimEnd()).filter((l) => PROBE_LINE.test(l))
    .map((l) => l.split(String(port)).join("PORT").split(dir).join("<dir>").replace(/\(pid: \d+\)/, "(pid: <pid>)").replace(/ fd \d+$/, " fd N").replace(/:\d+ \(port auto-assigned\)/, ":N (port auto-assigned)"));
  return [body, running ? "running" : `exit ${child.exitCode}`, [...new Set(lines)]];
}

function helpNames(text) {
  const names = new Set();
  const shorts = new Map();
  for (const line of text.split("\n")) {
    const m = /^ {4}(?:-(.)\|)?--(\S+)/.exec(line);
    if (!m) continue;
    names.add(m[2]);
    if (m[1]) shorts.set(m[2], m[1]);
  }
  return { names, shorts };
}

export async function generateUwsgi() {
  const version = run("uwsgi", ["--version"]).stdout.trim();
  const pyVersion = run("uwsgi", ["--plugin", "python3", "--python-version"]).stdout.trim().split("\n").pop() ?? "";
  const dir = makeTempDir("uwsgi");
  try {
    const header = run("uwsgi", ["--dot-h"]);
    if (header.code !== 0) throw new Error("uwsgi --dot-h failed");
    const cflags = run("uwsgi", ["--cflags"]).stdout.trim();
    const hdrPath = join(dir, "uwsgi.h");
    writeFileSync(hdrPath, header.stdout);
    const so = join(dir, "probe.so");
    const cc = run("sh", ["-c", `gcc ${cflags.replace(/(^| )-I\.( |$)/, " ")} -I${dir} -shared -fPIC -w -o ${so} ${join(SCRIPT_DIR, "uwsgi-probe.c")} -ldl`]);
    if (cc.code !== 0) throw new Error(`compiling uwsgi-probe.c failed:\n${cc.stderr}`);

    const dump = (plugins, out) => {
      const args = plugins.flatMap((p) => ["--plugin", p]);
      const r = run("uwsgi", [...args, "--help"], { env: { ...process.env, LD_PRELOAD: so, STACKLINT_UWSGI_DUMP: out } });
      return { help: r.stdout + r.stderr, tsv: readFileSync(out, "utf8") };
    };
    const core = dump([], join(dir, "core.tsv"));
    const all = dump(PLUGINS, join(dir, "all.tsv"));
    const coreNames = new Set(core.tsv.split("\n").filter(Boolean).map((l) => l.split("\t")[0]));

    const seen = new Set();
    const options = [];
    for (const line of all.tsv.split("\n").filter(Boolean)) {
      const [name = "", type = "1", shortcut = "-", owner = "core", fn = "?"] = line.split("\t");
      if (seen.has(name)) continue; // first definition wins, as in uwsgi's own lookup
      seen.add(name);
      const plugin = coreNames.has(name) ? "core" : owner === "python" ? "python3" : owner;
      const handler = fn.replace(/^uwsgi_opt_/, "");
      const arg = type === "0" ? "none" : type === "2" ? "optional" : "required";
      const repeatable = REPEATABLE_HANDLER.some((re) => re.test(handler)) ? 1 : 0;
      options.push([name, arg, shortcut === "-" ? "" : shortcut, plugin, repeatable, handler]);
    }
    // cross-check with the --help text of the same run
    const { names: helpSet, shorts } = helpNames(all.help);
    const missing = [...helpSet].filter((n) => !seen.has(n));
    const extra = [...seen].filter((n) => !helpSet.has(n));
    if (missing.length > 0 || extra.length > 0) throw new Error(`uwsgi --help and option table disagree: missing ${missing.join(",")} extra ${extra.join(",")}`);
    for (const [n, s] of shorts) {
      const row = options.find((o) => o[0] === n);
      if (!row || row[2] !== s) throw new Error(`shortcut mismatch for ${n}`);
    }
    options.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const probes = [];
    for (const body of UWSGI_PROBES) probes.push(await probeIni(dir, body));

    const code = [
      `export const UWSGI_VERSION = ${JSON.stringify(version)};`,
      `export const UWSGI_PYTHON_VERSION = ${JSON.stringify(pyVersion)};`,
      "",
      "/**",
      " * [name, argument (none | required | optional), short alias (\"\" if none), plugin,",
      " *  repeatable (1/0), handler (uwsgi_opt_* without the prefix)].",
      " * plugin is \"core\" (built into /usr/bin/uwsgi-core), \"python3\" or \"http\" (plugins=...).",
      " */",
      `export const UWSGI_OPTION_ROWS: readonly (readonly [string, "none" | "required" | "optional", string, "core" | "python3" | "http", 0 | 1, string])[] = ${rows(options)};`,
      "",
      "/** Real `uwsgi --ini` runs (stopped after 2 s): [[uwsgi] body, \"running\" or \"exit N\", notable output lines]. */",
      `export const UWSGI_PROBE_RESULTS: readonly (readonly [string, string, readonly string[]])[] = ${rows(probes)};`,
    ].join("\n");
    const path = writeGenerated("uwsgi.ts", { program: "uwsgi", version: `${version} (python3 plugin: Python ${pyVersion})`, command: "uwsgi [--plugin python3 --plugin http] --help with the uwsgi-probe.c LD_PRELOAD dump of uwsgi.options" }, code);
    return { program: "uwsgi", version, path, count: options.length };
  } finally {
    removeDir(dir);
  }
}
