/**
 * main-process-daemonizes against real redis: `redis-server conf` with `daemonize yes`
 * returns exit code 0 at once (the container would exit 0); with `daemonize no` it stays.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  adaptConfig, findingsOf, freePort, isAlive, lineAt, readPidFile, requireReal, runStacklint, startProcess, tcpConnect, tcpExchange, tempDir, trackDaemon, waitForPort, writeTree,
} from "./harness.js";

const gate = requireReal("redis daemonize", { programs: ["redis-server"] });

const COMPOSE = `services:
  redis:
    image: redis:7.0
    command: ["redis-server", "/etc/redis/redis.conf"]
    volumes:
      - ./redis/redis.conf:/etc/redis/redis.conf:ro
`;

/** Line 4 is the `daemonize yes` stacklint must point at. */
const CONF_DAEMON = `bind 0.0.0.0
port 6379
protected-mode no
daemonize yes
pidfile /var/run/redis.pid
save ""
`;

const CONF_FOREGROUND = `bind 0.0.0.0
port 6379
protected-mode no
daemonize no
pidfile /var/run/redis.pid
save ""
`;

async function setup(conf: string): Promise<{ dir: string; run: string; port: number; ran: string }> {
  const dir = tempDir();
  writeTree(dir, { "docker-compose.yml": COMPOSE, "redis/redis.conf": conf });
  const run = tempDir();
  const port = await freePort();
  const ran = adaptConfig(conf, [["port 6379", `port ${port}`], ["/var/run/redis.pid", join(run, "redis.pid")]]);
  writeTree(run, { "redis.conf": ran });
  return { dir, run, port, ran };
}

describe.skipIf(gate.skip)("redis daemonize (real redis-server)", () => {
  it("bad: daemonize yes → `redis-server conf` exits 0 at once, the daemon runs on; stacklint: main-process-daemonizes at the daemonize line", async () => {
    const { dir, run, port, ran } = await setup(CONF_DAEMON);
    const started = Date.now();
    const fg = startProcess("redis-server", [join(run, "redis.conf")], { cwd: run });
    const exit = await fg.waitForExit(5_000);
    const daemonPid = await readPidFile(join(run, "redis.pid"));
    const stopDaemon = trackDaemon(daemonPid);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(daemonPid).not.toBe(fg.pid);
    await waitForPort("127.0.0.1", port, 5_000);
    expect(await tcpExchange("127.0.0.1", port, "PING\r\n", { until: /\r\n/ })).toBe("+PONG\r\n");
    await stopDaemon();
    expect(isAlive(daemonPid)).toBe(false);
    expect(await tcpConnect("127.0.0.1", port)).toBe("refused");
    expect(lineAt(ran, 4)).toBe("daemonize yes");

    expect(findingsOf(runStacklint(dir), "main-process-daemonizes")).toEqual(["redis/redis.conf:4"]);
  });

  it("good: daemonize no → redis-server stays in the foreground and serves; stacklint is silent", async () => {
    const { dir, run, port } = await setup(CONF_FOREGROUND);
    const redis = startProcess("redis-server", [join(run, "redis.conf")], { cwd: run });
    await waitForPort("127.0.0.1", port, 5_000);
    expect(await tcpExchange("127.0.0.1", port, "PING\r\n", { until: /\r\n/ })).toBe("+PONG\r\n");
    expect(await redis.waitForExit(300)).toBeUndefined();
    expect(redis.output()).toContain("Ready to accept connections");
    await redis.stop();

    expect(findingsOf(runStacklint(dir), "main-process-daemonizes")).toEqual([]);
  });
});
