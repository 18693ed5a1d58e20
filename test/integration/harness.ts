/**
 * Helpers for the real-server integration tests (`*.int.test.ts`).
 *
 * Rules of the house: loopback addresses only (127.0.0.1; 127.0.0.2 stands for "another
 * container": Linux routes all of 127/8 to lo, so a server bound to 127.0.0.1 refuses
 * connections to 127.0.0.2), ports chosen free, own temp dirs, bounded time everywhere, and
 * every process started here is stopped by its PID (process group + recorded descendants),
 * even when the test fails. Importing this module registers the cleanup hooks of the file.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach } from "vitest";

/** The repository root (two levels above this file). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const CLI = join(REPO_ROOT, "dist", "cli.js");

const DEFAULT_LIFETIME_MS = 20_000;
const DEFAULT_GRACE_MS = 2_000;

// ---------------------------------------------------------------------------------------------
// Cleanup registry

type Cleanup = () => Promise<void>;
const processCleanups = new Set<Cleanup>();
const tempDirs: string[] = [];

async function runProcessCleanups(): Promise<void> {
  const all = [...processCleanups];
  processCleanups.clear();
  await Promise.allSettled(all.map((c) => c()));
}

afterEach(async () => {
  await runProcessCleanups();
});

afterAll(async () => {
  await runProcessCleanups();
  if (process.env["STACKLINT_KEEP_TMP"] === "1") return;
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Skipping when the real programs (or the built CLI) are missing

/** Absolute path of an executable, searched in PATH and the sbin directories; undefined when absent. */
export function programPath(name: string): string | undefined {
  const dirs = [...(process.env["PATH"] ?? "").split(delimiter), "/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"];
  for (const dir of dirs) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function haveProgram(name: string): boolean {
  return programPath(name) !== undefined;
}

export interface Requirements {
  programs?: string[];
  /** Files that must exist (e.g. a uWSGI plugin). */
  files?: string[];
}

export interface Gate {
  skip: boolean;
  reason: string;
}

/**
 * Decide whether a suite can run: the built CLI, the real programs and files must exist.
 * When not, prints one line (why, and how to fix it) and returns skip = true, for `describe.skipIf`.
 */
export function requireReal(suite: string, req: Requirements): Gate {
  const problems: string[] = [];
  if (process.platform !== "linux") problems.push(`needs Linux (this is ${process.platform})`);
  if (!existsSync(CLI)) problems.push("dist/cli.js is missing (run `npm run build` first)");
  const missing = [...(req.programs ?? []).filter((p) => !haveProgram(p)), ...(req.files ?? []).filter((f) => !existsSync(f))];
  if (missing.length > 0) problems.push(`missing ${missing.join(", ")} (run scripts/integration-setup.sh)`);
  if (problems.length === 0) return { skip: false, reason: "" };
  const reason = problems.join("; ");
  console.warn(`[integration] skipping "${suite}": ${reason}`);
  return { skip: true, reason };
}

// ---------------------------------------------------------------------------------------------
// Files and directories

/** A fresh directory under the OS temp dir, removed after the test file. */
export function tempDir(prefix = "stacklint-int-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Write files (relative path → content) under `root`, creating directories. */
export function writeTree(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

/**
 * Adapt a config for running on loopback / free ports / temp paths WITHOUT moving any line:
 * each substitution must match (at least once), may not add or remove line breaks, and the
 * result has exactly as many lines as the original. So a line number stacklint reports on the
 * original is the same line in what the real program runs.
 */
export function adaptConfig(text: string, substitutions: ReadonlyArray<readonly [string | RegExp, string]>): string {
  let out = text;
  for (const [from, to] of substitutions) {
    if (to.includes("\n") || to.includes("\r")) throw new Error(`adaptConfig: replacement for ${String(from)} contains a line break`);
    const found = typeof from === "string" ? out.includes(from) : new RegExp(from.source, from.flags.replace("g", "")).test(out);
    if (!found) throw new Error(`adaptConfig: ${String(from)} not found`);
    out = typeof from === "string" ? out.split(from).join(to) : out.replace(from, to);
  }
  if (lineCount(out) !== lineCount(text)) throw new Error("adaptConfig: line count changed");
  return out;
}

function lineCount(text: string): number {
  return text.split("\n").length;
}

/** The 1-based line `line` of `text` (without its line break). */
export function lineAt(text: string, line: number): string {
  return (text.split("\n")[line - 1] ?? "").replace(/\r$/, "");
}

// ---------------------------------------------------------------------------------------------
// Processes

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StartOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Hard bound on the process's life: it is stopped after this (default 20 s). */
  timeoutMs?: number;
  /** Signal for a graceful stop (default SIGTERM; uWSGI 2.0 reloads on SIGTERM, use SIGINT). */
  stopSignal?: NodeJS.Signals;
}

export interface RunningProcess {
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  /** stdout + stderr, in no particular interleaving. */
  output(): string;
  /** The exit, once it happened. */
  exited(): ExitInfo | undefined;
  /** Resolves with the exit, or undefined when still running after `ms`. */
  waitForExit(ms: number): Promise<ExitInfo | undefined>;
  /** Resolves true once stdout/stderr (or `extra()`, e.g. reading a log file) matches `re`, false after `ms`. */
  waitForOutput(re: RegExp, ms: number, extra?: () => string): Promise<boolean>;
  /** Stop by PID: the stop signal to the process group, SIGKILL after a bound, descendants too. */
  stop(): Promise<void>;
}

/** Start a program (in its own process group), capturing its output; stopped after the test at the latest. */
export function startProcess(cmd: string, args: readonly string[], options: StartOptions = {}): RunningProcess {
  const child: ChildProcess = spawn(cmd, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.on("error", () => {
    // reported through pid === undefined below, or through the exit
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`cannot start ${cmd}`);
  let out = "";
  let err = "";
  child.stdout?.setEncoding("utf8");
  child.stderr?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    out += chunk;
  });
  child.stderr?.on("data", (chunk: string) => {
    err += chunk;
  });
  let exit: ExitInfo | undefined;
  const exitPromise = new Promise<ExitInfo>((resolveExit) => {
    child.on("exit", (code, signal) => {
      exit = { code, signal };
      resolveExit(exit);
    });
  });
  const startTime = procStartTime(pid);
  const stopSignal = options.stopSignal ?? "SIGTERM";
  let stopping: Promise<void> | undefined;

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      clearTimeout(lifetime);
      const tracked = descendants(pid);
      if (exit === undefined) {
        signalGroupOrPid(pid, startTime, stopSignal);
        const done = await Promise.race([exitPromise, sleep(DEFAULT_GRACE_MS).then(() => undefined)]);
        if (done === undefined) {
          tracked.push(...descendants(pid));
          signalGroupOrPid(pid, startTime, "SIGKILL");
          await Promise.race([exitPromise, sleep(DEFAULT_GRACE_MS)]);
        }
      }
      // Children that outlived their parent (other process groups, orphans, group members): SIGKILL by PID.
      tracked.push(...groupMembers(pid, startTime));
      await killTracked(tracked);
      processCleanups.delete(stop);
      child.stdout?.destroy();
      child.stderr?.destroy();
    })();
    return stopping;
  };
  const lifetime = setTimeout(() => void stop(), options.timeoutMs ?? DEFAULT_LIFETIME_MS);
  lifetime.unref();
  processCleanups.add(stop);

  return {
    pid,
    stdout: () => out,
    stderr: () => err,
    output: () => out + err,
    exited: () => exit,
    waitForExit: async (ms) => (await Promise.race([exitPromise, sleep(ms).then(() => undefined)])) ?? exit,
    waitForOutput: async (re, ms, extra) => {
      const deadline = Date.now() + ms;
      for (;;) {
        if (re.test(out) || re.test(err) || (extra !== undefined && re.test(extra()))) return true;
        if (Date.now() >= deadline) return false;
        await sleep(25);
      }
    },
    stop,
  };
}

export interface RunResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** e.g. "ENOENT" when the kernel refused to execute the file. */
  errorCode: string | undefined;
}

/** Run a short-lived command to completion (bounded; killed with SIGKILL after `timeoutMs`). Not for daemonizing programs. */
export function runCommand(cmd: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): RunResult {
  const r = spawnSync(cmd, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: "utf8",
    timeout: options.timeoutMs ?? 10_000,
    killSignal: "SIGKILL",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const errorCode = r.error !== undefined && "code" in r.error && typeof r.error.code === "string" ? r.error.code : undefined;
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? "", stderr: r.stderr ?? "", errorCode };
}

/** Read a PID file, waiting (bounded) until it exists and holds a number. */
export async function readPidFile(path: string, ms = 5_000): Promise<number> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const pid = Number.parseInt(readFileSync(path, "utf8").trim(), 10);
      if (Number.isInteger(pid) && pid > 1) return pid;
    } catch {
      // not written yet
    }
    if (Date.now() >= deadline) throw new Error(`no pid in ${path} after ${ms} ms`);
    await sleep(25);
  }
}

/**
 * A process that escaped (a daemon that forked and setsid()ed away): stop it and its
 * descendants by PID after the test, or now with `stopDaemon`. Returns the stop function.
 */
export function trackDaemon(pid: number, signal: NodeJS.Signals = "SIGTERM"): () => Promise<void> {
  const startTime = procStartTime(pid);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const tracked = descendants(pid);
      if (isAlive(pid, startTime)) {
        safeKill(pid, signal);
        const deadline = Date.now() + DEFAULT_GRACE_MS;
        while (isAlive(pid, startTime) && Date.now() < deadline) await sleep(25);
        tracked.push(...descendants(pid));
        if (isAlive(pid, startTime)) {
          safeKill(pid, "SIGKILL");
          // SIGKILL is not instant: wait (bounded) until the kernel has ended it.
          const killDeadline = Date.now() + DEFAULT_GRACE_MS;
          while (isAlive(pid, startTime) && Date.now() < killDeadline) await sleep(20);
        }
      }
      await killTracked(tracked);
      processCleanups.delete(stop);
    })();
    return stopping;
  };
  processCleanups.add(stop);
  return stop;
}

/** Is the process alive (not a zombie) and, when given, still the one that started at `startTime`? */
export function isAlive(pid: number, startTime?: string): boolean {
  const stat = procStat(pid);
  if (stat === undefined || stat.state === "Z" || stat.state === "X") return false;
  return startTime === undefined || stat.startTime === startTime;
}

interface TrackedPid {
  pid: number;
  startTime: string;
}

interface ProcStat {
  state: string;
  ppid: number;
  pgrp: number;
  startTime: string;
}

function procStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // "pid (comm) state ppid pgrp ... starttime(22nd field)"; comm may hold spaces and parens.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const state = fields[0];
  const ppid = Number(fields[1]);
  const pgrp = Number(fields[2]);
  const startTime = fields[19];
  if (state === undefined || startTime === undefined) return undefined;
  return { state, ppid, pgrp, startTime };
}

function procStartTime(pid: number): string | undefined {
  return procStat(pid)?.startTime;
}

/** All descendants of `root` now alive, with their start times (to never kill a reused PID). */
function descendants(root: number): TrackedPid[] {
  if (process.platform !== "linux") return [];
  const children = new Map<number, TrackedPid[]>();
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const stat = procStat(pid);
    if (stat === undefined) continue;
    const list = children.get(stat.ppid) ?? [];
    list.push({ pid, startTime: stat.startTime });
    children.set(stat.ppid, list);
  }
  const out: TrackedPid[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const next = queue.shift();
    if (next === undefined) break;
    for (const c of children.get(next) ?? []) {
      out.push(c);
      queue.push(c.pid);
    }
  }
  return out;
}

/** Processes still in process group `pgid` that started no earlier than its leader did. */
function groupMembers(pgid: number, leaderStart: string | undefined): TrackedPid[] {
  if (process.platform !== "linux" || leaderStart === undefined) return [];
  const out: TrackedPid[] = [];
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const stat = procStat(Number(name));
    if (stat !== undefined && stat.pgrp === pgid && Number(stat.startTime) >= Number(leaderStart)) out.push({ pid: Number(name), startTime: stat.startTime });
  }
  return out;
}

async function killTracked(tracked: TrackedPid[]): Promise<void> {
  const alive = tracked.filter((t) => isAlive(t.pid, t.startTime));
  for (const t of alive) safeKill(t.pid, "SIGKILL");
  const deadline = Date.now() + DEFAULT_GRACE_MS;
  while (alive.some((t) => isAlive(t.pid, t.startTime)) && Date.now() < deadline) await sleep(20);
}

function signalGroupOrPid(pid: number, startTime: string | undefined, signal: NodeJS.Signals): void {
  const stat = procStat(pid);
  if (stat !== undefined && startTime !== undefined && stat.startTime !== startTime) return;
  try {
    process.kill(-pid, signal); // detached: the process leads its own group
  } catch {
    safeKill(pid, signal);
  }
}

function safeKill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

// ---------------------------------------------------------------------------------------------
// Network (loopback only)

function assertLoopback(host: string): void {
  if (!/^127\.\d+\.\d+\.\d+$/.test(host)) throw new Error(`integration tests use loopback addresses only, not ${host}`);
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolvePort(port) : reject(new Error("no port"))));
    });
  });
}

export type ConnectResult = "ok" | "refused" | "timeout";

/** Open (and close) a TCP connection. `localAddress` picks the client's source address (e.g. 127.0.0.2). */
export function tcpConnect(host: string, port: number, options: { timeoutMs?: number; localAddress?: string } = {}): Promise<ConnectResult> {
  assertLoopback(host);
  return new Promise((resolveConnect, reject) => {
    const socket = connect({ host, port, ...(options.localAddress !== undefined ? { localAddress: options.localAddress } : {}) });
    const timer = setTimeout(() => {
      socket.destroy();
      resolveConnect("timeout");
    }, options.timeoutMs ?? 2_000);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.destroy();
      resolveConnect("ok");
    });
    socket.once("error", (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      if (e.code === "ECONNREFUSED") resolveConnect("refused");
      else reject(e);
    });
  });
}

/** Send `payload` and collect the answer until `until` matches, the peer closes, or the timeout. */
export function tcpExchange(host: string, port: number, payload: string, options: { timeoutMs?: number; localAddress?: string; until?: RegExp } = {}): Promise<string> {
  assertLoopback(host);
  return new Promise((resolveExchange, reject) => {
    let data = "";
    const socket = connect({ host, port, ...(options.localAddress !== undefined ? { localAddress: options.localAddress } : {}) });
    socket.setEncoding("utf8");
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolveExchange(data);
    };
    const timer = setTimeout(finish, options.timeoutMs ?? 2_000);
    socket.once("connect", () => socket.write(payload));
    socket.on("data", (chunk: string) => {
      data += chunk;
      if (options.until?.test(data)) finish();
    });
    socket.once("end", finish);
    socket.once("error", (e) => {
      clearTimeout(timer);
      socket.destroy();
      reject(e);
    });
  });
}

/** Wait until something accepts connections on host:port; throws after `ms`. */
export async function waitForPort(host: string, port: number, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const r = await tcpConnect(host, port, { timeoutMs: 500 });
    if (r === "ok") return;
    if (Date.now() >= deadline) throw new Error(`nothing listens on ${host}:${port} after ${ms} ms`);
    await sleep(25);
  }
}

export interface HttpResult {
  status: number;
  body: string;
}

/** GET with a timeout (no keep-alive). Throws on connection errors and timeouts. */
export function httpGet(url: string, timeoutMs = 5_000): Promise<HttpResult> {
  assertLoopback(new URL(url).hostname);
  return new Promise((resolveGet, reject) => {
    const req = request(url, { method: "GET", agent: false, timeout: timeoutMs }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolveGet({ status: res.statusCode ?? 0, body }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`GET ${url}: no answer in ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}

// ---------------------------------------------------------------------------------------------
// stacklint

export interface StacklintLocation {
  file: string;
  line: number;
  column: number;
  message?: string;
}

export interface StacklintDiagnostic extends StacklintLocation {
  ruleId: string;
  severity: string;
  message: string;
  related: StacklintLocation[];
}

export interface StacklintJson {
  version: string;
  diagnostics: StacklintDiagnostic[];
  exitCode: number;
}

/** Run the built CLI (`node dist/cli.js --format json ...args`) in `dir` and parse its JSON. */
export function runStacklint(dir: string, args: readonly string[] = ["."]): StacklintJson {
  const r = spawnSync(process.execPath, [CLI, "--format", "json", ...args], {
    cwd: dir,
    encoding: "utf8",
    timeout: 15_000,
    killSignal: "SIGKILL",
    env: { ...process.env, NO_COLOR: "1" },
  });
  if (r.status !== 0 && r.status !== 1) {
    throw new Error(`stacklint exited with ${String(r.status ?? r.signal)}: ${r.stderr}`);
  }
  const parsed: unknown = JSON.parse(r.stdout);
  return { ...toJson(parsed), exitCode: r.status };
}

function toJson(value: unknown): Omit<StacklintJson, "exitCode"> {
  if (!isRecord(value) || !Array.isArray(value["diagnostics"])) throw new Error("stacklint JSON: no diagnostics array");
  const diagnostics = value["diagnostics"].map((d: unknown): StacklintDiagnostic => {
    const loc = toLocation(d);
    if (!isRecord(d) || typeof d["ruleId"] !== "string" || typeof d["severity"] !== "string" || typeof d["message"] !== "string") {
      throw new Error(`stacklint JSON: bad diagnostic ${JSON.stringify(d)}`);
    }
    const related = Array.isArray(d["related"]) ? d["related"].map(toLocation) : [];
    return { ...loc, ruleId: d["ruleId"], severity: d["severity"], message: d["message"], related };
  });
  return { version: typeof value["version"] === "string" ? value["version"] : "", diagnostics };
}

function toLocation(value: unknown): StacklintLocation {
  if (!isRecord(value) || typeof value["file"] !== "string" || typeof value["line"] !== "number" || typeof value["column"] !== "number") {
    throw new Error(`stacklint JSON: bad location ${JSON.stringify(value)}`);
  }
  return { file: value["file"], line: value["line"], column: value["column"], ...(typeof value["message"] === "string" ? { message: value["message"] } : {}) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `file:line` of each finding of `ruleId`, sorted. */
export function findingsOf(result: StacklintJson, ruleId: string): string[] {
  return result.diagnostics
    .filter((d) => d.ruleId === ruleId)
    .map((d) => `${d.file}:${d.line}`)
    .sort();
}

// ---------------------------------------------------------------------------------------------
// stacklint explain

export interface ExplainLocation {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface ExplainFinding {
  signature: string;
  severity: string;
  message: string;
  count: number;
  config: ExplainLocation[];
}

export interface ExplainJson {
  findings: ExplainFinding[];
  exitCode: number;
}

/** Feed a log to `node dist/cli.js explain - --format json --project <dir>` on stdin and parse its JSON. */
export function runExplain(log: string, project: string): ExplainJson {
  const r = spawnSync(process.execPath, [CLI, "explain", "-", "--format", "json", "--project", project], {
    cwd: project,
    input: log,
    encoding: "utf8",
    timeout: 15_000,
    killSignal: "SIGKILL",
    env: { ...process.env, NO_COLOR: "1" },
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`stacklint explain exited with ${String(r.status ?? r.signal)}: ${r.stderr}`);
  const parsed: unknown = JSON.parse(r.stdout);
  if (!isRecord(parsed) || !Array.isArray(parsed["findings"])) throw new Error(`stacklint explain JSON: no findings array: ${r.stdout.slice(0, 200)}`);
  const findings = parsed["findings"].map((f: unknown): ExplainFinding => {
    if (!isRecord(f) || typeof f["signature"] !== "string") throw new Error(`stacklint explain JSON: bad finding ${JSON.stringify(f)}`);
    const config = Array.isArray(f["config"])
      ? f["config"].map((c: unknown): ExplainLocation => {
          if (!isRecord(c) || typeof c["file"] !== "string" || typeof c["line"] !== "number") throw new Error(`stacklint explain JSON: bad location ${JSON.stringify(c)}`);
          return { file: c["file"], line: c["line"], column: typeof c["column"] === "number" ? c["column"] : 0, message: typeof c["message"] === "string" ? c["message"] : "" };
        })
      : [];
    return {
      signature: f["signature"],
      severity: typeof f["severity"] === "string" ? f["severity"] : "",
      message: typeof f["message"] === "string" ? f["message"] : "",
      count: typeof f["count"] === "number" ? f["count"] : 1,
      config,
    };
  });
  return { findings, exitCode: r.status };
}

/** `signature file:line` of every config location explain gives, sorted. */
export function explainedLocations(result: ExplainJson, signature?: string): string[] {
  return result.findings
    .filter((f) => signature === undefined || f.signature === signature)
    .flatMap((f) => f.config.map((c) => `${c.file}:${c.line}`))
    .sort();
}
