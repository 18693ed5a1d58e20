/**
 * listener-loopback-only against real redis: `bind 127.0.0.1` refuses a client coming from
 * "another container" (simulated by 127.0.0.2); `bind 0.0.0.0` + `protected-mode no` serves it.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  adaptConfig, findingsOf, freePort, lineAt, requireReal, runStacklint, startProcess, tcpConnect, tcpExchange, tempDir, waitForPort, writeTree,
} from "./harness.js";

const gate = requireReal("redis bind", { programs: ["redis-server"] });

/** "Another container": a client whose source and destination are 127.0.0.2, not the server's 127.0.0.1. */
const OTHER = "127.0.0.2";

const COMPOSE = `services:
  redis:
    image: redis:7.0
    command: ["redis-server", "/etc/redis/redis.conf"]
    volumes:
      - ./redis/redis.conf:/etc/redis/redis.conf:ro
  web:
    build: ./app
    depends_on:
      - redis
`;

const DOCKERFILE = `FROM python:3.11-slim
COPY . /app
WORKDIR /app
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]
`;

/** Line 4 is where web reaches redis. */
const SETTINGS = `CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://redis:6379/1",
    }
}
`;

/** Line 2 is the bind stacklint must point at. */
const REDIS_LOOPBACK = `# cache for web
bind 127.0.0.1
port 6379
protected-mode yes
save ""
appendonly no
`;

const REDIS_OPEN = `# cache for web
bind 0.0.0.0
port 6379
protected-mode no
save ""
appendonly no
`;

/** bind 0.0.0.0 but protected mode stays on and no password is set. */
const REDIS_PROTECTED = `# cache for web
bind 0.0.0.0
port 6379
save ""
appendonly no
`;

function project(conf: string): string {
  const dir = tempDir();
  writeTree(dir, {
    "docker-compose.yml": COMPOSE,
    "redis/redis.conf": conf,
    "app/Dockerfile": DOCKERFILE,
    "app/manage.py": "",
    "app/mysite/__init__.py": "",
    "app/mysite/settings.py": SETTINGS,
  });
  return dir;
}

async function startRedis(conf: string): Promise<{ port: number; ran: string; output: () => string }> {
  const run = tempDir();
  const port = await freePort();
  const ran = adaptConfig(conf, [["port 6379", `port ${port}`]]);
  writeTree(run, { "redis.conf": ran });
  const redis = startProcess("redis-server", [join(run, "redis.conf")], { cwd: run });
  await waitForPort("127.0.0.1", port, 5_000);
  return { port, ran, output: () => redis.output() };
}

const PING = "PING\r\n";

describe.skipIf(gate.skip)("redis bind (real redis-server)", () => {
  it("bad: bind 127.0.0.1 → another container's connection is refused; stacklint: listener-loopback-only at the bind line", async () => {
    const dir = project(REDIS_LOOPBACK);
    const { port, ran } = await startRedis(REDIS_LOOPBACK);
    expect(lineAt(ran, 2)).toBe("bind 127.0.0.1");
    // The server runs and answers on its own loopback ...
    expect(await tcpExchange("127.0.0.1", port, PING, { until: /\r\n/ })).toBe("+PONG\r\n");
    // ... but not to anyone else.
    expect(await tcpConnect(OTHER, port)).toBe("refused");
    expect(await tcpConnect(OTHER, port, { localAddress: OTHER })).toBe("refused");

    const result = runStacklint(dir);
    expect(findingsOf(result, "listener-loopback-only")).toEqual(["redis/redis.conf:2"]);
    const d = result.diagnostics.find((x) => x.ruleId === "listener-loopback-only");
    expect(d?.related.map((r) => `${r.file}:${r.line}`)).toContain("app/mysite/settings.py:4");
  });

  it("good: bind 0.0.0.0 + protected-mode no → another container gets +PONG; stacklint is silent", async () => {
    const dir = project(REDIS_OPEN);
    const { port } = await startRedis(REDIS_OPEN);
    expect(await tcpExchange(OTHER, port, PING, { localAddress: OTHER, until: /\r\n/ })).toBe("+PONG\r\n");

    expect(findingsOf(runStacklint(dir), "listener-loopback-only")).toEqual([]);
  });

  it("bind 0.0.0.0 alone: protected mode (the default) answers another container with -DENIED (no loopback finding either)", async () => {
    const dir = project(REDIS_PROTECTED);
    const { port } = await startRedis(REDIS_PROTECTED);
    // From 127.0.0.1 redis counts the client as local ...
    expect(await tcpExchange("127.0.0.1", port, PING, { until: /\r\n/ })).toBe("+PONG\r\n");
    // ... from 127.0.0.2 it does not.
    expect(await tcpExchange(OTHER, port, PING, { localAddress: OTHER, until: /\r\n/ })).toMatch(/^-DENIED Redis is running in protected mode/);

    expect(findingsOf(runStacklint(dir), "listener-loopback-only")).toEqual([]);
  });
});
