// Generate src/knowledge/generated/supervisor.ts from the installed supervisor.
// 1. supervisor_keys.py runs supervisor's own parser (supervisor.options.ServerOptions /
//    ClientOptions) on a config with every section type and records each key it reads.
// 2. Real `supervisord -n` runs with one [program:x] variation each, recording whether
//    it starts the program and the exact error it prints.
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SCRIPT_DIR, makeTempDir, removeDir, rows, run, sleep, startProcess, stopProcess, tempFile, writeGenerated } from "./common.mjs";

const PYTHON = "/usr/bin/python3";

/** [program:x] body variations for real supervisord runs (command is added unless given). */
export const SUPERVISORD_PROBES = [
  "stdout=/tmp/stacklint-out.log",
  "stdout_logfile=/dev/stdout\nstdout_logfile_maxbytes=0",
  "stdout_logfile=/dev/stdout",
  "autorestart=maybe",
  "autorestart=true",
  "autostart=yes",
  "autostart=maybe",
  "stopsignal=SIGTERM",
  "stopsignal=TERMINATE",
  "startsecs=1s",
  "user=stacklint-nosuchuser",
  "numprocs=2",
  "environment=A=1,B=two words",
  "environment=A=\"1\",B=\"two words\"",
  "NOCOMMAND",
  "command=/bin/sleep 30 ; inline comment",
  "directory=/nonexistent-stacklint",
  "redirect_stderr=true\nstderr_logfile=/tmp/x.log",
  "priority=high",
  "exitcodes=0,2",
  "logfile=/tmp/x.log",
];

async function probe(line, dir) {
  const body = line === "NOCOMMAND" ? "" : line.startsWith("command=") ? line : `command=/bin/sleep 30\n${line}`;
  const conf = tempFile(dir, "supervisord.conf", [
    "[supervisord]", "nodaemon=true", `logfile=${dir}/supervisord.log`, `pidfile=${dir}/supervisord.pid`, `childlogdir=${dir}`, "",
    "[program:x]", body, "",
  ].join("\n"));
  // stdout/stderr go to a regular file, as a container's would go to a pipe: a Node
  // "pipe" is a socketpair, and supervisor cannot open /dev/stdout on a socket (ENXIO)
  const outPath = join(dir, "console.out");
  const fd = openSync(outPath, "w");
  const child = startProcess("supervisord", ["-c", conf], { stdio: ["ignore", fd, fd] });
  closeSync(fd);
  Object.defineProperty(child, "output", { get: () => readFileSync(outPath, "utf8"), set: () => {} });
  let state = "running";
  for (let t = 0; t < 40; t++) {
    if (child.exitCode !== null || child.signalCode !== null) { state = "exited"; break; }
    if (/success: x|entered RUNNING state|spawned: 'x/.test(child.output) && t > 15) break;
    await sleep(100);
  }
  if (state === "running") await stopProcess(child);
  await child.exited;
  const lines = child.output.split("\n").map((l) => l.trim()).filter(Boolean)
    .map((l) => l.replace(/^\d{4}-\d\d-\d\d [\d:,]+ /, "").replace(/with pid \d+/, "with pid <pid>").split(dir).join("<dir>"))
    .filter((l) => /^(Error|CRIT|WARN|INFO spawn|INFO exited|INFO gave up|INFO spawnerr)|For help/.test(l) && !/running as root|Included extra|Set uid|RPC interface|supervisord started|waiting for|stopped|received SIG|Server 'unix_http_server'/.test(l));
  return [line, state === "running" ? 1 : 0, lines];
}

export async function generateSupervisor() {
  const r = run(PYTHON, [join(SCRIPT_DIR, "supervisor_keys.py")]);
  if (r.code !== 0) throw new Error(`supervisor_keys.py failed:\n${r.stderr}`);
  const data = JSON.parse(r.stdout);
  const versionLine = run("supervisord", ["--version"]).stdout.trim();
  const dir = makeTempDir("supervisor");
  const probes = [];
  try {
    for (const line of SUPERVISORD_PROBES) probes.push(await probe(line, dir));
  } finally {
    removeDir(dir);
  }
  const defaults = {};
  for (const [kind, key, value] of data.defaults) (defaults[kind] ??= {})[key] = value;
  const sections = Object.fromEntries(Object.entries(data.sections).sort(([a], [b]) => (a < b ? -1 : 1)));
  const code = [
    `export const SUPERVISOR_VERSION = ${JSON.stringify(data.version ?? versionLine)};`,
    "",
    "/** Keys supervisor's parser reads, per section type (\"program\" = [program:x], ...). */",
    `export const SUPERVISOR_SECTION_KEYS: Readonly<Record<string, readonly string[]>> = {\n${Object.entries(sections).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`).join("\n")}\n};`,
    "",
    "/** Defaults passed to the parser's get() (string or number as written in options.py). */",
    `export const SUPERVISOR_DEFAULTS: Readonly<Record<string, Readonly<Record<string, string | number | boolean>>>> = ${JSON.stringify(defaults)};`,
    "",
    "/** The datatypes.py converter each key's value goes through (key -> function name). */",
    `export const SUPERVISOR_CONVERTERS: Readonly<Record<string, string>> = ${JSON.stringify(data.converters)};`,
    "",
    `export const SUPERVISOR_TRUTHY: readonly string[] = ${JSON.stringify(data.truthy)};`,
    `export const SUPERVISOR_FALSY: readonly string[] = ${JSON.stringify(data.falsy)};`,
    `export const SUPERVISOR_LOGLEVELS: readonly string[] = ${JSON.stringify(data.loglevels)};`,
    "",
    "/** Real `supervisord -n` runs with one [program:x] variation: [lines, program started (1/0) or supervisord exited (0), output lines]. */",
    `export const SUPERVISORD_PROBE_RESULTS: readonly (readonly [string, 0 | 1, readonly string[]])[] = ${rows(probes)};`,
  ].join("\n");
  const path = writeGenerated("supervisor.ts", { program: "supervisor", version: data.version ?? versionLine, command: "scripts/knowledge/supervisor_keys.py (traces supervisor.options parser); supervisord -n runs" }, code);
  return { program: "supervisor", version: data.version, path };
}
