/**
 * main-process-daemonizes against real supervisord: without `nodaemon=true` the foreground
 * `supervisord -c conf` returns exit code 0 at once (the container would exit 0) while a
 * daemon runs on; with `nodaemon=true` it stays in the foreground and runs the programs.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  adaptConfig, findingsOf, isAlive, lineAt, readPidFile, requireReal, runStacklint, sleep, startProcess, tempDir, trackDaemon, writeTree,
} from "./harness.js";

const gate = requireReal("supervisord nodaemon", { programs: ["supervisord"] });

const COMPOSE = `services:
  worker:
    build: ./app
`;

const DOCKERFILE = `FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends supervisor && rm -rf /var/lib/apt/lists/*
COPY supervisord.conf /etc/supervisor/supervisord.conf
CMD ["supervisord", "-c", "/etc/supervisor/supervisord.conf"]
`;

/** Line 1, the [supervisord] section that lacks nodaemon, is where stacklint points. */
const CONF_DAEMON = `[supervisord]
logfile=/var/log/supervisord.log
pidfile=/var/run/supervisord.pid

[program:worker]
command=sleep 3600
`;

const CONF_FOREGROUND = `[supervisord]
nodaemon=true
logfile=/var/log/supervisord.log
pidfile=/var/run/supervisord.pid

[program:worker]
command=sleep 3600
`;

function setup(conf: string): { dir: string; run: string; ran: string } {
  const dir = tempDir();
  writeTree(dir, { "docker-compose.yml": COMPOSE, "app/Dockerfile": DOCKERFILE, "app/supervisord.conf": conf });
  const run = tempDir();
  const ran = adaptConfig(conf, [
    ["/var/log/supervisord.log", join(run, "supervisord.log")],
    ["/var/run/supervisord.pid", join(run, "supervisord.pid")],
  ]);
  writeTree(run, { "supervisord.conf": ran });
  return { dir, run, ran };
}

describe.skipIf(gate.skip)("supervisord nodaemon (real supervisord)", () => {
  it("bad: without nodaemon=true the foreground process exits 0 at once and a daemon runs on; stacklint: main-process-daemonizes at [supervisord]", async () => {
    const { dir, run, ran } = setup(CONF_DAEMON);
    const started = Date.now();
    const fg = startProcess("supervisord", ["-c", join(run, "supervisord.conf")], { cwd: run });
    const exit = await fg.waitForExit(5_000);
    const daemonPid = await readPidFile(join(run, "supervisord.pid"));
    const stopDaemon = trackDaemon(daemonPid);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(daemonPid).not.toBe(fg.pid);
    expect(isAlive(daemonPid)).toBe(true);
    expect(await fg.waitForOutput(/daemonizing the supervisord process/, 2_000, () => readFileSync(join(run, "supervisord.log"), "utf8"))).toBe(true);
    expect(readFileSync(join(run, "supervisord.log"), "utf8")).toContain(`supervisord started with pid ${daemonPid}`);
    await stopDaemon();
    expect(isAlive(daemonPid)).toBe(false);
    expect(lineAt(ran, 1)).toBe("[supervisord]");

    expect(findingsOf(runStacklint(dir), "main-process-daemonizes")).toEqual(["app/supervisord.conf:1"]);
  });

  it("good: with nodaemon=true supervisord stays in the foreground and spawns the program; stacklint is silent", async () => {
    const { dir, run } = setup(CONF_FOREGROUND);
    const sup = startProcess("supervisord", ["-c", join(run, "supervisord.conf")], { cwd: run });
    expect(await sup.waitForOutput(/spawned: 'worker' with pid \d+/, 5_000), sup.output()).toBe(true);
    expect(sup.output()).toContain(`supervisord started with pid ${sup.pid}`);
    expect(sup.exited()).toBeUndefined();
    await sleep(100); // let the spawned child exec before the stop signal
    await sup.stop();

    expect(findingsOf(runStacklint(dir), "main-process-daemonizes")).toEqual([]);
  });
});
