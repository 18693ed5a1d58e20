import { describe, expect, it } from "vitest";
import { explainText } from "../../src/explain/explain.js";
import { Matcher } from "../../src/explain/match.js";
import { SIGNATURES } from "../../src/explain/signatures.js";

const opts = (verbose = false) => ({ cwd: "/", project: undefined, verbose });

describe("collapsing repeated findings", () => {
  it("one finding per signature and key, with count, first/last line and the services seen", () => {
    const lines: string[] = [];
    for (let i = 0; i < 50; i++) {
      lines.push(`web-${(i % 3) + 1}  | invalid request block size: 21573 (max 4096)...skip`);
      lines.push("nginx-1  | 127.0.0.1 - - [01/May/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 502 157");
    }
    lines.push("worker-1  | invalid request block size: 21573 (max 4096)...skip");
    const r = explainText(lines.join("\n"), opts());
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect([f.count, f.firstLine, f.lastLine, f.services]).toEqual([51, 1, 101, ["web", "worker"]]);
    expect(f.log).toEqual([{ line: 1, text: "invalid request block size: 21573 (max 4096)...skip" }, { line: 101, text: "invalid request block size: 21573 (max 4096)...skip" }]);
  });
  it("different facts in the key make separate findings (two unknown hosts), the same facts collapse", () => {
    const r = explainText([
      'nginx: [emerg] host not found in upstream "app:8000" in /etc/nginx/conf.d/a.conf:2',
      'nginx: [emerg] host not found in upstream "api:9000" in /etc/nginx/conf.d/a.conf:7',
      'nginx: [emerg] host not found in upstream "app:8000" in /etc/nginx/conf.d/a.conf:2',
    ].join("\n"), opts());
    expect(r.findings.map((f) => [f.signature, f.count, f.firstLine, f.lastLine])).toEqual([["nginx-host-not-found", 2, 1, 3], ["nginx-host-not-found", 1, 2, 2]]);
  });
  it("keeps memory bounded: distinct keys per signature are capped and folded into one finding", () => {
    const lines = Array.from({ length: 500 }, (_, i) => `E: Package 'pkg${i}' has no installation candidate`);
    const r = explainText(lines.join("\n"), opts());
    expect(r.findings.length).toBeLessThanOrEqual(21);
    expect(r.findings.reduce((n, f) => n + f.count, 0)).toBe(500);
  });
});

describe("context", () => {
  it("supervisor-exit-0 needs supervisord's start line from the same service; otherwise it is docker-exit-0", () => {
    const crit = "CRIT Supervisor is running as root.  Privileges were not dropped because no user is specified in the config file.";
    const r = explainText([`app-1  | 2024-05-01 10:00:00,123 ${crit}`, "web-1  | starting", "web-1 exited with code 0", "app-1 exited with code 0"].join("\n"), opts());
    expect(r.findings.map((f) => f.signature)).toEqual(["docker-exit-0", "supervisor-exit-0"]);
    const sup = r.findings.find((f) => f.signature === "supervisor-exit-0")!;
    expect(sup.log.map((l) => l.line)).toEqual([1, 4]);
    expect(sup.message).toContain("container app exited");
  });
  it("mysql-initdb-failed takes the init file from the entrypoint's `running ...` line", () => {
    const r = explainText([
      "db-1  | 2024-05-01 10:00:00+00:00 [Note] [Entrypoint]: /usr/local/bin/docker-entrypoint.sh: running /docker-entrypoint-initdb.d/01-users.sql",
      "db-1  | ERROR 1064 (42000) at line 2: You have an error in your SQL syntax",
    ].join("\n"), opts());
    expect(r.findings.map((f) => f.signature)).toEqual(["mysql-initdb-failed"]);
    expect(r.findings[0]!.log.map((l) => l.line)).toEqual([1, 2]);
  });
  it("a HARAKIRI report swallows its own `DAMN ! worker ... killed by signal 9` (not an OOM)", () => {
    const r = explainText([
      "Mon May  1 10:00:00 2024 - *** HARAKIRI ON WORKER 1 (pid: 12, try: 1) ***",
      "Mon May  1 10:00:00 2024 - HARAKIRI !!! worker 1 status !!!",
      "Mon May  1 10:00:00 2024 - HARAKIRI [core 0] 172.18.0.2 - GET /export since 1714557580",
      "Mon May  1 10:00:00 2024 - HARAKIRI !!! end of worker 1 status !!!",
      "DAMN ! worker 1 (pid: 12) died, killed by signal 9 :( trying respawn ...",
      "DAMN ! worker 2 (pid: 13) died, killed by signal 9 :( trying respawn ...",
    ].join("\n"), opts());
    expect(r.findings.map((f) => [f.signature, f.count])).toEqual([["uwsgi-harakiri", 1], ["uwsgi-oom", 1]]);
    expect(r.findings[0]!.log).toHaveLength(5);
  });
});

describe("--verbose: error-looking lines no signature knows", () => {
  it("lists them once per shape (numbers ignored), with counts; quiet without --verbose", () => {
    const log = [
      "web-1  | Traceback (most recent call last):",
      "web-1  | ValueError: bad value 12",
      "web-1  | ValueError: bad value 13",
      "web-1  | INFO all good",
      "web-1  | Permission denied while reading /data/x",
      "web-1  | NOAUTH Authentication required.",
    ].join("\n");
    expect(explainText(log, opts()).unrecognised).toEqual([]);
    const r = explainText(log, opts(true));
    expect(r.unrecognised.map((u) => [u.line, u.count])).toEqual([[1, 1], [2, 2], [5, 1]]);
    expect(r.findings.map((f) => f.signature)).toEqual(["redis-noauth"]);
  });
  it("caps the number of shapes kept", () => {
    const m = new Matcher(SIGNATURES, true);
    for (let i = 0; i < 1000; i++) m.push({ number: i + 1, text: `error in module m${"abcdefghij"[i % 10]}${"abcdefghij"[Math.floor(i / 10) % 10]}${"abcdefghij"[Math.floor(i / 100) % 10]}`, service: undefined });
    const r = m.finish();
    expect(r.unrecognised.length).toBeLessThanOrEqual(200);
    expect(r.unrecognised.length + r.unrecognisedOverflow).toBe(1000);
  });
});
