import { mkdirSync, symlinkSync, writeFileSync, chmodSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/run-cli.js";
import { tempProject } from "./helpers/temp-project.js";

interface Diag { ruleId: string; severity: string; file: string; line: number; column: number; message: string }
const lintJson = (dir: string): { code: number; diagnostics: Diag[] } => {
  const r = runCli(dir, ["--format", "json"]);
  expect(r.stderr).toBe("");
  return { code: r.code, diagnostics: (JSON.parse(r.stdout) as { diagnostics: Diag[] }).diagnostics };
};
const GOOD_LINK = "services:\n  db:\n    image: mysql:8.0\n  web:\n    image: example/web:1.0\n    links: [db]\n";

describe("bad input becomes a diagnostic with a position, never a crash", () => {
  it("broken YAML: parse-error at the line, other files still linted", () => {
    const dir = tempProject({ "docker-compose.yml": "services:\n  web:\n    image: a\n   ports: [80]\n", "sub/docker-compose.yml": GOOD_LINK });
    const { code, diagnostics } = lintJson(dir);
    expect(code).toBe(1);
    const parse = diagnostics.find((d) => d.ruleId === "parse-error")!;
    expect(parse).toMatchObject({ file: "docker-compose.yml", line: 4, severity: "error" });
    expect(diagnostics.some((d) => d.ruleId === "links-legacy" && d.file === "sub/docker-compose.yml")).toBe(true);
  });
  it("nginx missing semicolon: reported on the directive's line", () => {
    const dir = tempProject({ "nginx/site.conf": "server {\n    listen 80;\n    location / {\n        uwsgi_pass web:8000  # comment\n    }\n}\n" });
    const parse = lintJson(dir).diagnostics.find((d) => d.ruleId === "parse-error")!;
    expect(parse).toMatchObject({ file: "nginx/site.conf", line: 4 });
  });
  it("binary file with a config name: a warning, not a crash", () => {
    const dir = tempProject({ "Dockerfile": Buffer.from([0x46, 0x52, 0x00, 0x01, 0xff, 0x00]) });
    const d = lintJson(dir).diagnostics;
    expect(d).toEqual([expect.objectContaining({ ruleId: "parse-error", severity: "warning", file: "Dockerfile" })]);
    expect(d[0]!.message).toMatch(/binary/);
  });
  it("GBK and UTF-16 files are decoded", () => {
    const gbkCompose = Buffer.concat([Buffer.from("# "), Buffer.from([0xd7, 0xa2, 0xca, 0xcd]), Buffer.from("\n" + GOOD_LINK)]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("bind 127.0.0.1\ndaemonize yes\n", "utf16le")]);
    const dir = tempProject({ "docker-compose.yml": gbkCompose, "redis/redis.conf": utf16, "Dockerfile": "FROM alpine:3.20\n" });
    const d = lintJson(dir).diagnostics;
    expect(d.find((x) => x.ruleId === "links-legacy")).toMatchObject({ line: 7 });
    expect(d.find((x) => x.ruleId === "main-process-daemonizes")).toMatchObject({ file: "redis/redis.conf", line: 2 });
  });
  it("a file above the size limit is skipped with a diagnostic", () => {
    const dir = tempProject({ "nginx.conf": "server { listen 80; }\n" });
    writeFileSync(join(dir, "nginx.conf"), Buffer.alloc(21 * 1024 * 1024, 0x20));
    const d = lintJson(dir).diagnostics;
    expect(d).toEqual([expect.objectContaining({ ruleId: "parse-error", file: "nginx.conf" })]);
    expect(d[0]!.message).toMatch(/MiB limit/);
  });
  it("symlink loops and links outside the project are not followed", () => {
    const dir = tempProject({ "docker-compose.yml": GOOD_LINK });
    mkdirSync(join(dir, "a"));
    symlinkSync(join(dir, "a"), join(dir, "a", "loop"));
    symlinkSync("/etc/hostname", join(dir, "outside.conf"));
    symlinkSync(join(dir, "missing"), join(dir, "dangling.conf"));
    const d = lintJson(dir).diagnostics;
    expect(d.some((x) => x.ruleId === "links-legacy")).toBe(true);
    expect(d.filter((x) => x.ruleId === "parse-error").map((x) => x.message).sort()).toEqual([
      "broken symbolic link (or a symlink loop); not followed",
      "symbolic link points outside the project; not followed",
    ]);
  });
  it.skipIf(process.getuid?.() === 0)("unreadable files are reported", () => {
    const dir = tempProject({ "redis.conf": "bind 0.0.0.0\n" });
    chmodSync(join(dir, "redis.conf"), 0);
    expect(lintJson(dir).diagnostics[0]!.message).toMatch(/EACCES/);
  });
  it("a missing nginx include, a dangling mount and a missing build context do not crash", () => {
    const dir = tempProject({
      "docker-compose.yml": "services:\n  web:\n    build: ./nowhere\n    volumes:\n      - ./missing.ini:/app/uwsgi.ini\n    command: uwsgi --ini /app/uwsgi.ini\n  nginx:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf\n",
      "site.conf": "include /etc/nginx/missing/*.conf;\ninclude snippets/nothing.conf;\nserver { listen 80; location / { uwsgi_pass web:8000; } }\n",
    });
    // the only error is real: nginx:1.27 has no /etc/nginx/snippets/, nginx would not start (an empty glob is fine)
    const { code, diagnostics } = lintJson(dir);
    expect(diagnostics.filter((d) => d.severity === "error").map((d) => `${d.file}:${d.line} ${d.ruleId}`)).toEqual(["site.conf:2 nginx-include-missing"]);
    expect(code).toBe(1);
  });
  it("deep nesting and huge lines stay bounded", () => {
    const dir = tempProject({ "nginx.conf": "http {".repeat(20000) + "}".repeat(20000) + "\n", "app/settings.py": "X = " + "[".repeat(50000) + "\n", "start.sh": "echo " + "a".repeat(2_000_000) + "\n" });
    expect(() => lintJson(dir)).not.toThrow();
  });
  it("a YAML alias bomb stays bounded", () => {
    const lines = ["x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let i = 0; i < 9; i++) lines.push(`x-${"b".repeat(i + 1)}: &${"b".repeat(i + 1)} [${Array(9).fill(i === 0 ? "*a" : "*" + "b".repeat(i)).join(", ")}]`);
    lines.push("services:\n  web:\n    image: example/web:1.0\n    environment: *bbbbbbbbb\n");
    const dir = tempProject({ "docker-compose.yml": lines.join("\n") });
    expect(() => lintJson(dir)).not.toThrow();
  });
});
