/**
 * main-process-daemonizes against real uWSGI: `uwsgi --ini` with `daemonize = FILE` returns
 * exit code 0 at once (the container's PID 1 would exit 0); without it uWSGI stays up.
 */
import { MINIMAL_WSGI_APP, UWSGI_APT_DOCKERFILE } from "./projects.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  adaptConfig, findingsOf, freePort, lineAt, readPidFile, requireReal, runStacklint, startProcess, tcpConnect, tempDir, trackDaemon, waitForPort, writeTree,
} from "./harness.js";

const gate = requireReal("uWSGI daemonize", { programs: ["uwsgi"], files: ["/usr/lib/uwsgi/plugins/python3_plugin.so"] });

const COMPOSE = `services:
  web:
    build: ./app
    ports:
      - "8000:8000"
`;



/** Line 7 is the `daemonize` stacklint must point at. */
const INI_DAEMONIZE = `[uwsgi]
plugins = python3
http-socket = 0.0.0.0:8000
wsgi-file = /app/app.py
master = true
processes = 1
daemonize = /tmp/uwsgi.log
pidfile = /tmp/uwsgi.pid
`;

const INI_FOREGROUND = `[uwsgi]
plugins = python3
http-socket = 0.0.0.0:8000
wsgi-file = /app/app.py
master = true
processes = 1
`;

function project(ini: string): string {
  const dir = tempDir();
  writeTree(dir, { "docker-compose.yml": COMPOSE, "app/Dockerfile": UWSGI_APT_DOCKERFILE, "app/uwsgi.ini": ini, "app/app.py": MINIMAL_WSGI_APP });
  return dir;
}

async function adapt(dir: string, ini: string): Promise<{ iniPath: string; port: number; run: string; ran: string }> {
  const run = tempDir();
  const port = await freePort();
  const subs: Array<[string, string]> = [["0.0.0.0:8000", `127.0.0.1:${port}`], ["/app/app.py", join(dir, "app/app.py")]];
  if (ini.includes("daemonize")) subs.push(["/tmp/uwsgi.log", join(run, "uwsgi.log")], ["/tmp/uwsgi.pid", join(run, "uwsgi.pid")]);
  const ran = adaptConfig(ini, subs);
  writeTree(run, { "uwsgi.ini": ran });
  return { iniPath: join(run, "uwsgi.ini"), port, run, ran };
}

describe.skipIf(gate.skip)("uWSGI daemonize (real uWSGI)", () => {
  it("bad: `daemonize =` makes `uwsgi --ini` exit 0 at once while the daemon runs on; stacklint: main-process-daemonizes at the daemonize line", async () => {
    const dir = project(INI_DAEMONIZE);
    const { iniPath, port, run, ran } = await adapt(dir, INI_DAEMONIZE);
    const started = Date.now();
    const uwsgi = startProcess("uwsgi", ["--ini", iniPath], { cwd: run, stopSignal: "SIGINT" });
    const exit = await uwsgi.waitForExit(5_000);
    // The daemon escaped the process group: stop it by the PID it wrote.
    const daemonPid = await readPidFile(join(run, "uwsgi.pid"));
    const stopDaemon = trackDaemon(daemonPid, "SIGINT");
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(daemonPid).not.toBe(uwsgi.pid);
    await waitForPort("127.0.0.1", port, 5_000);
    const log = (): string => readFileSync(join(run, "uwsgi.log"), "utf8");
    expect(await uwsgi.waitForOutput(new RegExp(`spawned uWSGI master process \\(pid: ${daemonPid}\\)`), 5_000, log), log()).toBe(true);
    await stopDaemon();
    expect(await tcpConnect("127.0.0.1", port)).toBe("refused");
    expect(lineAt(ran, 7)).toBe(`daemonize = ${join(run, "uwsgi.log")}`);

    expect(findingsOf(runStacklint(dir), "main-process-daemonizes")).toEqual(["app/uwsgi.ini:7"]);
  });

  it("good: without daemonize, uWSGI stays in the foreground and serves; stacklint is silent", async () => {
    const dir = project(INI_FOREGROUND);
    const { iniPath, port, run } = await adapt(dir, INI_FOREGROUND);
    const uwsgi = startProcess("uwsgi", ["--ini", iniPath], { cwd: run, stopSignal: "SIGINT" });
    expect(await uwsgi.waitForOutput(/spawned uWSGI worker 1/, 8_000), uwsgi.output()).toBe(true);
    await waitForPort("127.0.0.1", port, 5_000);
    expect(await uwsgi.waitForExit(500)).toBeUndefined();
    await uwsgi.stop();

    expect(findingsOf(runStacklint(dir), "main-process-daemonizes")).toEqual([]);
  });
});
