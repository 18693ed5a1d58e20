/**
 * Every redis.conf of fixtures/ on the real redis-server, and the claims the redis rules make:
 * each file starts (or fails the way its rule says), protected mode answers "another
 * container" (127.0.0.2) with DENIED, requirepass answers NOAUTH / WRONGPASS, `redis-cli ping`
 * exits 0 on both, inline comments are fatal, and the captured logs feed `stacklint explain`.
 *
 * Overrides are appended on the command line only where needed (redis applies them after the
 * file): `--port <free>` always, `--bind 127.0.0.1 127.0.0.2` where the file does not bind to
 * loopback only (127.0.0.2 stands for another container), `--daemonize no` unless the case is
 * about daemonize. The fixture file itself runs unchanged.
 */
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintDir } from "../helpers/lint-dir.js";
import { expectedFindings, fixtureFiles, type FixtureFile } from "./fixture-files.js";
import {
  explainedLocations, findingsOf, freePort, REPO_ROOT, isAlive, readPidFile, requireReal, runCommand, runExplain, runStacklint, startProcess, tcpConnect, tcpExchange, tempDir,
  trackDaemon, waitForPort, writeTree, type RunningProcess,
} from "./harness.js";

const gate = requireReal("redis.conf fixtures on redis-server", { programs: ["redis-server", "redis-cli"] });
const FILES: FixtureFile[] = gate.skip ? [] : fixtureFiles("redis");
const OTHER = "127.0.0.2";
const env = { ...process.env, LC_ALL: "C" };

/** Directives as redis reads them: first word of each non-comment line. */
function directives(text: string): { name: string; args: string[]; line: number }[] {
  return text.split("\n").flatMap((raw, i) => {
    const line = raw.replace(/\r$/, "").trim();
    if (line === "" || line.startsWith("#")) return [];
    const [name = "", ...args] = line.split(/\s+/);
    return [{ name: name.toLowerCase(), args, line: i + 1 }];
  });
}

interface Started {
  proc: RunningProcess;
  port: number;
  args: string[];
  /** Reached "Ready to accept connections". */
  ready: boolean;
  output: () => string;
}

/** Run redis-server on a copy of `confText` with the needed overrides; waits for ready or exit. */
async function startRedis(confText: string, options: { keepDaemonize?: boolean; extra?: string[] } = {}): Promise<Started & { dir: string }> {
  const dir = tempDir("stacklint-redis-");
  writeTree(dir, { "redis.conf": confText });
  const port = await freePort();
  const ds = directives(confText);
  const args = [join(dir, "redis.conf"), "--port", String(port)];
  // the last bind line wins; its addresses, with "all interfaces" narrowed to the two loopback
  // addresses (127.0.0.2 = another container) and anything else (an inline comment's words) kept
  const binds = ds.filter((d) => d.name === "bind").at(-1)?.args ?? [];
  const loopback = (a: string): boolean => /^-?(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(a);
  if (binds.length === 0 || !binds.every(loopback)) {
    const mapped = binds.length === 0 ? ["127.0.0.1", OTHER] : binds.flatMap((a) => (/^-?(0\.0\.0\.0|\*|::|::0|\[::\])$/.test(a) || /^-?::\*$/.test(a) ? ["127.0.0.1", OTHER] : /^-?\d+\.\d+\.\d+\.\d+$/.test(a) && !loopback(a) ? [OTHER] : [a]));
    args.push("--bind", ...new Set(mapped));
  }
  if (!options.keepDaemonize && ds.some((d) => d.name === "daemonize" && d.args[0] === "yes")) args.push("--daemonize", "no");
  args.push(...(options.extra ?? []));
  const proc = startProcess("redis-server", args, { cwd: dir, env, timeoutMs: 15_000 });
  const ready = await proc.waitForOutput(/Ready to accept connections|FATAL CONFIG FILE ERROR|aborting/, 5_000);
  await proc.waitForExit(/Ready to accept/.test(proc.output()) ? 0 : 300);
  return { proc, port, args, ready: ready && /Ready to accept connections/.test(proc.output()), output: () => proc.output(), dir };
}

function resp(port: number, payload: string, localAddress?: string): Promise<string> {
  // "another container": source and destination 127.0.0.2 (redis counts only 127.0.0.1 / ::1 as local)
  return tcpExchange(localAddress ?? "127.0.0.1", port, payload, { until: /\r\n/, ...(localAddress !== undefined ? { localAddress } : {}) });
}

/** `file:line` of a rule's findings in a case's expected.txt. */
function expectedLines(caseDir: string, rule: string): string[] {
  return expectedFindings(caseDir)
    .filter((l) => l.endsWith(` ${rule}`))
    .map((l) => l.split(":").slice(0, 2).join(":"));
}

/**
 * Lines redis refuses that no stacklint rule claims (yet): file id:line → why. Reported to the
 * lead; each one is a rule gap or a fixture with a second, unrelated error.
 */
const KNOWN_GAPS: Record<string, string> = {
  "redis-inline-comment/bad/comments/redis.conf:9":
    "`user default on #1a2b ...`: redis refuses an ACL password hash that is not 64 hex digits (Error in user declaration 'default': The password hash must be exactly 64 characters...); no rule checks ACL rules",
};

/** Rules whose claim is that redis refuses the file (FATAL CONFIG FILE ERROR or a failed listen). */
const FATAL_RULES = ["redis-inline-comment", "redis-unknown-option"];

describe.skipIf(gate.skip)("every redis.conf fixture on the real redis-server", () => {
  it("finds the redis fixtures", () => {
    expect(FILES.length).toBeGreaterThan(5);
  });

  it.each(FILES.map((f) => [f.id, f] as const))("%s: the lines redis refuses are the lines stacklint reports", async (_id, file) => {
    const image = redisImageTag(file.caseDir);
    if (file.rule === "redis-unknown-option" && !sameMinor(image, SERVER_VERSION)) {
      // which options exist depends on the version: only a case for this server's version is comparable
      console.warn(`[integration] ${file.id}: image redis:${image ?? "(none)"}, this redis-server is ${SERVER_VERSION}; not compared`);
      return;
    }
    // what stacklint says about this file (fix cases have no expected.txt): its errors claim that
    // redis refuses the line; warnings / infos say redis accepts it (ignored, an old alias)
    const reported = lintDir(file.caseDir)
      .result.diagnostics.filter((d) => d.file === file.rel && d.severity === "error" && FATAL_RULES.includes(d.ruleId))
      .map((d) => d.line);
    const refused = await refusedLines(file.source.text);
    expect(refused.unresolved, refused.log).toBeUndefined();
    const gaps = refused.lines.filter((l) => KNOWN_GAPS[`${file.id}:${l}`] !== undefined);
    expect(refused.lines.filter((l) => !gaps.includes(l)), refused.log).toEqual([...new Set(reported)].sort((a, b) => a - b));
  });
});

const SERVER_VERSION = /v=(\d+\.\d+\.\d+)/.exec(gate.skip ? "" : runCommand("redis-server", ["--version"], { env }).stdout)?.[1] ?? "";

/** The tag of the redis image the case's compose file runs (undefined: none, or not a compose project). */
function redisImageTag(caseDir: string): string | undefined {
  try {
    const compose = readFileSync(join(caseDir, "docker-compose.yml"), "utf8");
    const m = /image:\s*["']?redis(?::([\w.-]+))?["']?\s*$/m.exec(compose);
    return m === null ? undefined : m[1] ?? "latest";
  } catch {
    return undefined;
  }
}

function sameMinor(tag: string | undefined, version: string): boolean {
  const minor = version.split(".").slice(0, 2).join(".");
  return tag !== undefined && (tag === minor || tag.startsWith(`${minor}.`) || tag.startsWith(`${minor}-`));
}

/**
 * Every line redis refuses: start it, and while it stops at a config line (FATAL CONFIG FILE
 * ERROR, "at line N") or at listening on an inline comment's `#` (the bind line), blank that
 * line and start again, until it is ready.
 */
async function refusedLines(text: string): Promise<{ lines: number[]; unresolved: string | undefined; log: string }> {
  const lines: number[] = [];
  let current = text;
  let log = "";
  for (let round = 0; round < 40; round++) {
    const s = await startRedis(current);
    log += s.output();
    if (s.ready) {
      expect(await resp(s.port, "PING\r\n")).toMatch(/^\+PONG\r\n$|^-NOAUTH Authentication required\.\r\n$/);
      await s.proc.stop();
      return { lines: lines.sort((a, b) => a - b), unresolved: undefined, log };
    }
    const exit = await s.proc.waitForExit(3_000);
    if (exit?.code !== 1) return { lines, unresolved: `redis-server exited with ${JSON.stringify(exit)}`, log };
    const at = /Reading the configuration file, at line (\d+)/.exec(s.output());
    let line = at === null ? undefined : Number(at[1]);
    if (line === undefined && /Could not create server TCP listening socket #:\d+/.test(s.output())) line = directives(current).filter((d) => d.name === "bind").at(-1)?.line;
    if (line === undefined) return { lines, unresolved: "redis-server failed without naming a line", log };
    lines.push(line);
    current = current.split("\n").map((l, i) => (i === line - 1 ? "" : l)).join("\n");
  }
  return { lines, unresolved: "too many refused lines", log };
}

describe.skipIf(gate.skip)("redis rule claims (real redis-server, redis-cli)", () => {
  it("inline comments are fatal: `maxmemory 256mb # limit` → FATAL CONFIG FILE ERROR at that line; `bind 127.0.0.1 # x` binds `#`; explain points at the line", async () => {
    const conf = "port 6379\nmaxmemory 256mb # limit\nmaxmemory-policy allkeys-lru\n";
    const s = await startRedis(conf);
    expect(await s.proc.waitForExit(3_000)).toEqual({ code: 1, signal: null });
    expect(s.proc.stderr()).toContain("*** FATAL CONFIG FILE ERROR (Redis ");
    expect(s.proc.stderr()).toContain("Reading the configuration file, at line 2\n>>> 'maxmemory 256mb # limit'\nwrong number of arguments");

    const bind = await startRedis("bind 127.0.0.1 # local only\n");
    expect(await bind.proc.waitForExit(3_000)).toEqual({ code: 1, signal: null });
    expect(bind.output()).toMatch(/Could not create server TCP listening socket #:\d+: Name or service not known/);
    expect(bind.output()).toMatch(/Failed listening on port \d+ \(TCP\), aborting\./);

    // the project a user would have, and the log as `docker compose up` shows it
    const project = tempDir();
    writeTree(project, {
      "docker-compose.yml": 'services:\n  redis:\n    image: redis:7.0\n    command: ["redis-server", "/usr/local/etc/redis/redis.conf"]\n    volumes:\n      - ./redis/redis.conf:/usr/local/etc/redis/redis.conf:ro\n',
      "redis/redis.conf": conf,
    });
    const log = s.proc.stderr().split("\n").map((l) => `redis-1  | ${l}`).join("\n") + "\nredis-1 exited with code 1\n";
    expect(explainedLocations(runExplain(log, project), "redis-config-fatal")).toEqual(["redis/redis.conf:2"]);
    if (existsSync(join(REPO_ROOT, "rules", "redis-inline-comment"))) {
      expect(findingsOf(runStacklint(project), "redis-inline-comment")).toEqual(["redis/redis.conf:2"]);
    }
  });

  it("redis-protected-mode: bind 0.0.0.0 without a password → another container gets DENIED (explain: the bind line); with requirepass → NOAUTH instead", async () => {
    const bad = FILES.find((f) => f.id === "redis-protected-mode/bad/bind-all-no-password/redis.conf");
    const good = FILES.find((f) => f.id === "redis-protected-mode/good/password/redis.conf");
    expect(bad && good).toBeDefined();
    if (bad === undefined || good === undefined) return;
    const s = await startRedis(bad.source.text);
    expect(s.ready, s.output()).toBe(true);
    expect(await resp(s.port, "PING\r\n")).toBe("+PONG\r\n");
    const denied = await resp(s.port, "PING\r\n", OTHER);
    expect(denied).toMatch(/^-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user\./);
    const expected = expectedLines(bad.caseDir, "redis-protected-mode");
    expect(findingsOf(runStacklint(bad.caseDir), "redis-protected-mode")).toEqual(expected);
    // the app's log line (redis-py: the server's error text)
    const log = `web-1  | redis.exceptions.ConnectionError: ${denied.slice(1).trim()}\n`;
    const explained = runExplain(log, bad.caseDir);
    expect(explained.findings.map((f) => f.signature)).toContain("redis-protected");
    expect(explainedLocations(explained, "redis-protected")).toContain(expected[0]);

    const g = await startRedis(good.source.text);
    expect(g.ready, g.output()).toBe(true);
    expect(await resp(g.port, "PING\r\n", OTHER)).toBe("-NOAUTH Authentication required.\r\n");
    expect(findingsOf(runStacklint(good.caseDir), "redis-protected-mode")).toEqual([]);
  });

  it("credentials-mismatch (redis): requirepass set, REDIS_URL without password → NOAUTH; a wrong password → WRONGPASS; the right one → OK", async () => {
    const f = FILES.find((x) => x.id === "credentials-mismatch/bad/redis-noauth/redis.conf");
    expect(f).toBeDefined();
    if (f === undefined) return;
    const password = directives(f.source.text).find((d) => d.name === "requirepass")?.args[0] ?? "";
    const s = await startRedis(f.source.text);
    expect(s.ready, s.output()).toBe(true);
    const noauth = await resp(s.port, "PING\r\n", OTHER);
    expect(noauth).toBe("-NOAUTH Authentication required.\r\n");
    const wrongpass = await resp(s.port, "AUTH not-the-password\r\n", OTHER);
    expect(wrongpass).toBe("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
    expect(await resp(s.port, `AUTH ${password}\r\n`, OTHER)).toBe("+OK\r\n");
    const expected = expectedLines(f.caseDir, "credentials-mismatch");
    expect(findingsOf(runStacklint(f.caseDir), "credentials-mismatch")).toEqual(expected);
    // explain on the app's log lines (celery/kombu print the server's text)
    for (const [line, signature] of [[noauth, "redis-noauth"], [wrongpass, "redis-wrongpass"]] as const) {
      const explained = runExplain(`web-1  | redis.exceptions.AuthenticationError: ${line.slice(1).trim()}\n`, f.caseDir);
      expect(explained.findings.map((x) => x.signature), line).toContain(signature);
      expect(explainedLocations(explained, signature).length, `${signature}: ${JSON.stringify(explained)}`).toBeGreaterThan(0);
    }
  });

  it("healthcheck-cannot-fail: `redis-cli ping` exits 0 on NOAUTH and on WRONGPASS; `redis-cli -a ... ping | grep PONG` fails and passes as it should", async () => {
    const bad = FILES.find((x) => x.id === "healthcheck-cannot-fail/bad/redis-cli-noauth/redis.conf");
    const good = FILES.find((x) => x.id === "healthcheck-cannot-fail/good/redis-cli-auth/redis.conf");
    expect(bad && good).toBeDefined();
    if (bad === undefined || good === undefined) return;
    const s = await startRedis(bad.source.text);
    expect(s.ready, s.output()).toBe(true);
    const cli = (...args: string[]): ReturnType<typeof runCommand> => runCommand("redis-cli", ["-h", "127.0.0.1", "-p", String(s.port), ...args], { env, timeoutMs: 5_000 });
    const noauth = cli("ping");
    expect(noauth.status).toBe(0);
    expect(noauth.stdout.trim()).toBe("NOAUTH Authentication required.");
    const wrong = cli("--no-auth-warning", "-a", "wrong", "ping");
    expect(wrong.status).toBe(0);
    expect(wrong.stdout + wrong.stderr).toContain("WRONGPASS invalid username-password pair or user is disabled.");
    expect(findingsOf(runStacklint(bad.caseDir), "healthcheck-cannot-fail")).toEqual(expectedLines(bad.caseDir, "healthcheck-cannot-fail"));

    // the good fixture's test, run as the container would (CMD-SHELL), against its redis.conf
    const compose = readFileSync(join(good.caseDir, "docker-compose.yml"), "utf8");
    const test = /CMD-SHELL", "(.*)"\]/.exec(compose)?.[1]?.replace(/\\"/g, '"').replace(/\$\$/g, "$") ?? "";
    expect(test).toBe('redis-cli -a "$REDIS_PASSWORD" ping | grep PONG');
    const g = await startRedis(good.source.text);
    expect(g.ready, g.output()).toBe(true);
    const shell = test.replace("redis-cli", `redis-cli --no-auth-warning -h 127.0.0.1 -p ${g.port}`);
    // REDIS_PASSWORD is not set in the redis service: the check fails, as a healthcheck must when auth fails
    const unset = runCommand("sh", ["-c", shell], { env: { ...env, REDIS_PASSWORD: "" }, timeoutMs: 5_000 });
    expect(unset.status).toBe(1);
    // redis does not expand ${VAR} in its config file: the password is the literal text
    const literal = directives(good.source.text).find((d) => d.name === "requirepass")?.args[0]?.replace(/^"|"$/g, "") ?? "";
    expect(literal).toBe("${REDIS_PASSWORD}");
    const withLiteral = runCommand("sh", ["-c", shell], { env: { ...env, REDIS_PASSWORD: literal }, timeoutMs: 5_000 });
    expect(withLiteral).toMatchObject({ status: 0, stdout: "PONG\n" });
    const withValue = runCommand("sh", ["-c", shell], { env: { ...env, REDIS_PASSWORD: "s3cret-from-env" }, timeoutMs: 5_000 });
    expect(withValue.status).toBe(1);
    expect(findingsOf(runStacklint(good.caseDir), "healthcheck-cannot-fail")).toEqual([]);
  });

  it("listener-loopback-only (redis fixtures): bind 127.0.0.1 refuses another container; bind 0.0.0.0 lets it in (it then gets NOAUTH)", async () => {
    const bad = FILES.find((x) => x.id === "listener-loopback-only/bad/redis-bind-loopback/redis/redis.conf");
    const good = FILES.find((x) => x.id === "listener-loopback-only/good/redis-bind-all/redis/redis.conf");
    expect(bad && good).toBeDefined();
    if (bad === undefined || good === undefined) return;
    const s = await startRedis(bad.source.text);
    expect(s.ready, s.output()).toBe(true);
    expect(s.args).not.toContain("--bind");
    expect(await resp(s.port, "PING\r\n")).toBe("+PONG\r\n");
    expect(await tcpConnect(OTHER, s.port, { localAddress: OTHER })).toBe("refused");
    expect(findingsOf(runStacklint(bad.caseDir), "listener-loopback-only")).toEqual(expectedLines(bad.caseDir, "listener-loopback-only"));
    // the client's error, as redis-cli prints it from another container (host and port as the app names them) → explain: the bind line
    const refused = runCommand("redis-cli", ["-h", OTHER, "-p", String(s.port), "ping"], { env, timeoutMs: 5_000 });
    expect(refused.stdout + refused.stderr).toContain(`Could not connect to Redis at ${OTHER}:${s.port}: Connection refused`);
    const line = (refused.stdout + refused.stderr).trim().split(`${OTHER}:${s.port}`).join("redis:6379");
    const explained = runExplain(`web-1  | ${line}\n`, bad.caseDir);
    expect(explainedLocations(explained, "redis-refused")).toContain(expectedLines(bad.caseDir, "listener-loopback-only")[0]);

    const g = await startRedis(good.source.text);
    expect(g.ready, g.output()).toBe(true);
    expect(await resp(g.port, "PING\r\n", OTHER)).toBe("-NOAUTH Authentication required.\r\n");
  });

  it("main-process-daemonizes (redis fixture): `daemonize yes` → redis-server returns exit 0 at once while the daemon runs on", async () => {
    const f = FILES.find((x) => x.id === "main-process-daemonizes/bad/redis-daemonize-yes/redis.conf");
    expect(f).toBeDefined();
    if (f === undefined) return;
    const dir = tempDir("stacklint-redis-");
    copyFileSync(f.path, join(dir, "redis.conf"));
    const port = await freePort();
    const pidfile = join(dir, "redis.pid");
    const started = Date.now();
    const fg = startProcess("redis-server", [join(dir, "redis.conf"), "--port", String(port), "--bind", "127.0.0.1", OTHER, "--pidfile", pidfile, "--logfile", join(dir, "redis.log")], { cwd: dir, env });
    const exit = await fg.waitForExit(5_000);
    const daemon = await readPidFile(pidfile);
    const stop = trackDaemon(daemon);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(3_000);
    await waitForPort("127.0.0.1", port, 5_000);
    expect(isAlive(daemon)).toBe(true);
    await stop();
    expect(findingsOf(runStacklint(f.caseDir), "main-process-daemonizes")).toEqual(expectedLines(f.caseDir, "main-process-daemonizes"));
  });
});
