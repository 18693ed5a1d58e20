import { closeSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { explainFile, explainStream, explainText } from "../../src/explain/explain.js";
import { LineSplitter, MAX_LINE, normalizeLine, readLinesFromFd, readLinesFromStream } from "../../src/explain/read-log.js";
import { tempProject } from "../helpers/temp-project.js";

const ESC = "\u001b";
const opts = { cwd: "/", project: undefined, verbose: false } as const;

describe("normalisation", () => {
  it.each([
    // docker compose v2, v1, container_name, padded
    ["web-1  | invalid request block size: 21573 (max 4096)...skip", "web", "invalid request block size: 21573 (max 4096)...skip"],
    ["web_1    | hello", "web", "hello"],
    ["my-db  | hello", "my-db", "hello"],
    ["myproject_web_1  | hello", "myproject_web", "hello"],
  ])("compose prefix %j", (raw, service, text) => {
    expect(normalizeLine(raw)).toEqual({ service, text });
  });
  it("strips ANSI colours (compose colours the prefix) and OSC sequences", () => {
    expect(normalizeLine(`${ESC}[36mweb-1  |${ESC}[0m ${ESC}[1;31mERROR${ESC}[0m boom ${ESC}]8;;http://x${ESC}\\link${ESC}]8;;${ESC}\\`)).toEqual({ service: "web", text: "ERROR boom link" });
  });
  it("drops a trailing CR and shows an inner CR as ^M", () => {
    expect(normalizeLine("web-1  | NOAUTH Authentication required.\r").text).toBe("NOAUTH Authentication required.");
    expect(normalizeLine("p.sh: line 2: set: pipefail\r: invalid option name\r").text).toBe("p.sh: line 2: set: pipefail^M: invalid option name");
  });
  it.each([
    ["2024/01/01 12:00:00 [error] 7#7: *1 connect() failed", "connect() failed"],
    ["nginx: [emerg] unknown directive \"x\" in /etc/nginx/conf.d/a.conf:1", 'unknown directive "x" in /etc/nginx/conf.d/a.conf:1'],
    ["2024-01-01T12:00:00.123456789Z NOAUTH Authentication required.", "NOAUTH Authentication required."],
    ["2024-05-01 10:00:00,123 CRIT Supervisor is running as root.", "CRIT Supervisor is running as root."],
    ["2024-05-01 10:00:00+00:00 [Note] [Entrypoint]: running /docker-entrypoint-initdb.d/a.sql", "[Note] [Entrypoint]: running /docker-entrypoint-initdb.d/a.sql"],
    ["2026-11-23 15:55:59 0 [ERROR] mariadbd: unknown variable 'x=1'", "[ERROR] mariadbd: unknown variable 'x=1'"],
    ["Jan  1 12:00:00 host uwsgi[123]: *** no app loaded. going in full dynamic mode ***", "*** no app loaded. going in full dynamic mode ***"],
    ["Mon Nov 23 15:55:06 2026 - *** HARAKIRI ON WORKER 1 (pid: 1, try: 1) ***", "*** HARAKIRI ON WORKER 1 (pid: 1, try: 1) ***"],
    ["1:M 01 Jan 2024 12:00:00.000 # Server initialized", "Server initialized"],
    ["[2024-01-01 12:00:00 +0000] [7] [ERROR] Worker timeout", "[ERROR] Worker timeout"],
    ["[01/Jan/2024 12:00:00] \"GET / HTTP/1.1\" 500 12", "\"GET / HTTP/1.1\" 500 12"],
    ["#8 2.345 E: Package 'netcat' has no installation candidate", "E: Package 'netcat' has no installation candidate"],
  ])("timestamp %j", (raw, text) => {
    expect(normalizeLine(raw).text).toBe(text);
  });
  it("prefix and timestamp together (docker compose logs -t)", () => {
    expect(normalizeLine("nginx-1  | 2024-01-01T12:00:00.000000000Z 2024/01/01 12:00:00 [emerg] 1#1: host not found in upstream \"app\" in /etc/nginx/conf.d/a.conf:3")).toEqual({
      service: "nginx",
      text: 'host not found in upstream "app" in /etc/nginx/conf.d/a.conf:3',
    });
  });
  it("leaves ordinary lines alone (no false compose prefix)", () => {
    expect(normalizeLine("| a | b |")).toEqual({ service: undefined, text: "| a | b |" });
    expect(normalizeLine("127.0.0.1 - - [23/Nov/2026:15:55:03 +0000] \"GET / HTTP/1.1\" 502 157").service).toBeUndefined();
  });
});

describe("reading lines", () => {
  it("splits on LF across chunk boundaries and keeps a last line without LF", () => {
    const got: [string, number][] = [];
    const s = new LineSplitter((l, n) => got.push([l, n]));
    for (const chunk of ["ab", "c\nde", "f\r\n", "\n", "last"]) s.push(chunk);
    s.end();
    expect(got).toEqual([["abc", 1], ["def\r", 2], ["", 3], ["last", 4]]);
  });
  it("cuts overlong lines at MAX_LINE characters and goes on with the next line", () => {
    const got: string[] = [];
    const s = new LineSplitter((l) => got.push(l));
    s.push("x".repeat(MAX_LINE + 100));
    s.push("y".repeat(MAX_LINE));
    s.push("\nnext\n");
    s.end();
    expect(got.map((l) => l.length)).toEqual([MAX_LINE, 4]);
  });
  it("reads a file descriptor in chunks, UTF-8 split across reads, and UTF-16 with BOM (PowerShell)", () => {
    const dir = tempProject({});
    const utf8 = join(dir, "a.log");
    const long = "é".repeat(8_000);
    const text = `${`${long}\n`.repeat(10)}NOAUTH Authentication required.\n`;
    writeFileSync(utf8, text);
    const lines: string[] = [];
    const fd = openSync(utf8, "r");
    try {
      expect(readLinesFromFd(fd, (l) => lines.push(l))).toBe(11);
    } finally {
      closeSync(fd);
    }
    expect(lines.slice(0, 10).every((l) => l === long)).toBe(true);
    const utf16 = join(dir, "b.log");
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("web-1  | NOAUTH Authentication required.\r\n", "utf16le")]));
    const r = explainFile(utf16, opts);
    expect(r.findings.map((f) => f.signature)).toEqual(["redis-noauth"]);
  });
  it("reads streams (stdin-like) the same way", async () => {
    const lines: string[] = [];
    const n = await readLinesFromStream(Readable.from([Buffer.from("a\nb"), Buffer.from("c\n")]), (l) => lines.push(l));
    expect(n).toBe(2);
    expect(lines).toEqual(["a", "bc"]);
    const r = await explainStream(Readable.from([Buffer.from("web-1  | WRONGPASS invalid username-password pair or user is disabled.\n")]), opts);
    expect(r.findings.map((f) => f.signature)).toEqual(["redis-wrongpass"]);
  });
});

describe("docker compose output: prefixed, coloured, CRLF, interleaved", () => {
  const c = (n: number, s: string): string => `${ESC}[3${n}m${s}${ESC}[0m`;
  const log = [
    `${c(6, "nginx-1  |")} 2024/05/01 10:00:00 [error] 29#29: *1 upstream prematurely closed connection while reading response header from upstream, client: 172.18.0.1, server: , request: "GET / HTTP/1.1", upstream: "http://172.18.0.3:8000/", host: "localhost"`,
    `${c(3, "redis-1  |")} *** FATAL CONFIG FILE ERROR (Redis 7.2.4) ***`,
    `${c(2, "web-1    |")} invalid request block size: 21573 (max 4096)...skip`,
    `${c(3, "redis-1  |")} Reading the configuration file, at line 2`,
    `${c(2, "web-1    |")} invalid request block size: 21573 (max 4096)...skip`,
    `${c(3, "redis-1  |")} >>> 'maxmemory 256mb # limit'`,
    `${c(6, "nginx-1  |")} 2024/05/01 10:00:01 [error] 29#29: *3 upstream prematurely closed connection while reading response header from upstream, client: 172.18.0.1, server: , request: "GET /a HTTP/1.1", upstream: "http://172.18.0.3:8000/a", host: "localhost"`,
    `${c(3, "redis-1  |")} wrong number of arguments`,
    `${c(3, "redis-1")} exited with code 1`,
    `${c(2, "web-1    |")} invalid request block size: 21573 (max 4096)...skip`,
  ].join("\r\n") + "\r\n";
  it("each finding gets its lines, count, first/last line and services, whatever the interleaving", () => {
    const r = explainText(log, opts);
    expect(r.findings.map((f) => [f.signature, f.count, f.firstLine, f.lastLine, f.services])).toEqual([
      ["nginx-upstream-closed", 2, 1, 7, ["nginx"]],
      ["redis-config-fatal", 1, 2, 2, ["redis"]],
      ["uwsgi-http-on-socket", 3, 3, 10, ["web"]],
    ]);
    const redis = r.findings[1]!;
    // the follower lines of redis' report, taken from between other services' lines
    expect(redis.log.map((l) => l.line)).toEqual([2, 4, 6, 8]);
    expect(redis.message).toContain("maxmemory 256mb # limit");
    expect(r.findings[2]!.log.map((l) => l.line)).toEqual([3, 10]);
    for (const f of r.findings) for (const l of f.log) expect(l.text).not.toMatch(/\u001b|\r|\|/);
  });
  it("the same log as LF and without colours gives the same findings", () => {
    const plain = log.replace(/\r\n/g, "\n").replace(/\u001b\[[0-9;]*m/g, "");
    const strip = (r: ReturnType<typeof explainText>) => r.findings.map((f) => ({ ...f, log: f.log.map((l) => l.line) }));
    expect(strip(explainText(plain, opts))).toEqual(strip(explainText(log, opts)));
  });
});
