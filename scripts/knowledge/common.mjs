// Shared helpers for the knowledge generators (scripts/knowledge/generate.mjs).
// Plain Node 20, no dependencies: these scripts run the real programs and write
// src/knowledge/generated/*.ts.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, createConnection } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const GENERATED_DIR = join(ROOT, "src/knowledge/generated");
export const SCRIPT_DIR = dirname(fileURLToPath(import.meta.url));

/** Run a program synchronously; never throws for a non-zero exit. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 60_000, ...opts });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  return { stdout: r.stdout ?? "", stderr: r.stderr ?? "", code: r.status, signal: r.signal };
}

export function which(cmd) {
  const r = spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

export function makeTempDir(prefix) {
  return mkdtempSync(join(tmpdir(), `stacklint-${prefix}-`));
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.on("error", rej);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Start a long-running program; returns the child (caller must stop it by PID). */
export function startProcess(cmd, args, opts = {}) {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], ...opts });
  child.output = "";
  child.stdout?.on("data", (d) => (child.output += d));
  child.stderr?.on("data", (d) => (child.output += d));
  child.exited = new Promise((r) => child.on("exit", (code, signal) => r({ code, signal })));
  return child;
}

/** Stop a child we started (by its PID), waiting for it to exit. */
export async function stopProcess(child, signal = "SIGTERM") {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  const t = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await child.exited;
  clearTimeout(t);
}

/** Minimal RESP client (redis) for the generator. */
export class Resp {
  constructor(sock) {
    this.sock = sock;
    this.buf = Buffer.alloc(0);
    this.waiters = [];
    sock.on("data", (d) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.drain();
    });
  }
  static connect(port) {
    return new Promise((res, rej) => {
      const s = createConnection({ host: "127.0.0.1", port }, () => res(new Resp(s)));
      s.on("error", rej);
    });
  }
  drain() {
    while (this.waiters.length > 0) {
      const parsed = parseResp(this.buf, 0);
      if (!parsed) return;
      this.buf = this.buf.subarray(parsed.end);
      this.waiters.shift()(parsed.value);
    }
  }
  command(...args) {
    let out = `*${args.length}\r\n`;
    for (const a of args) out += `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`;
    return new Promise((res) => {
      this.waiters.push(res);
      this.sock.write(out);
    });
  }
  close() {
    this.sock.destroy();
  }
}

function parseResp(buf, pos) {
  const nl = buf.indexOf("\r\n", pos);
  if (nl < 0) return null;
  const type = String.fromCharCode(buf[pos]);
  const line = buf.toString("utf8", pos + 1, nl);
  const next = nl + 2;
  if (type === "+") return { value: line, end: next };
  if (type === "-") return { value: { error: line }, end: next };
  if (type === ":") return { value: Number(line), end: next };
  if (type === "$") {
    const n = Number(line);
    if (n < 0) return { value: null, end: next };
    if (buf.length < next + n + 2) return null;
    return { value: buf.toString("utf8", next, next + n), end: next + n + 2 };
  }
  if (type === "*") {
    const n = Number(line);
    const items = [];
    let p = next;
    for (let i = 0; i < n; i++) {
      const r = parseResp(buf, p);
      if (!r) return null;
      items.push(r.value);
      p = r.end;
    }
    return { value: items, end: p };
  }
  throw new Error(`unexpected RESP type ${type}`);
}

/**
 * Write a generated TS module. `exportsCode` is TS source (already formatted).
 * The header records the program version the data came from.
 */
export function writeGenerated(fileName, { program, version, command, notes = [] }, exportsCode) {
  const header = [
    "// GENERATED FILE - do not edit by hand.",
    `// Re-create with: bash scripts/knowledge/generate.sh ${fileName.replace(/\.ts$/, "")}`,
    `// Source program: ${program} ${version}`,
    `// Obtained with: ${command}`,
    ...notes.map((n) => `// ${n}`),
    "",
  ].join("\n");
  const path = join(GENERATED_DIR, fileName);
  writeFileSync(path, `${header}\n${exportsCode.trimEnd()}\n`);
  return path;
}

/** Format an array of rows (arrays or scalars) one per line, JSON-quoted. */
export function rows(items) {
  if (items.length === 0) return "[]";
  return `[\n${items.map((r) => `  ${JSON.stringify(r)},`).join("\n")}\n]`;
}

export function tempFile(dir, name, content) {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
