/**
 * Hostile project trees: every run ends (bounded), reports what it could not read, and lints
 * the rest. Unreadable files are simulated (the suite may run as root, which reads anything) by
 * making `openSync` fail with EACCES for one marked path.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { MAX_FILE_BYTES } from "../src/source/read-source.js";
import { MAX_WALK_FILES } from "../src/discover/walk.js";
import { MAX_FINDINGS_PER_RULE_FILE, MAX_PARSE_ERRORS_PER_FILE } from "../src/engine/lint.js";
import { runCli } from "./helpers/run-cli.js";
import { tempProject } from "./helpers/temp-project.js";

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const openSync = ((path: import("node:fs").PathLike, ...rest: unknown[]) => {
    if (String(path).includes("EACCES-simulated")) {
      throw Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: "EACCES", errno: -13, syscall: "open" });
    }
    return (fs.openSync as (...a: unknown[]) => number)(path, ...rest);
  }) as typeof fs.openSync;
  return { ...fs, default: { ...fs, openSync }, openSync };
});

interface Diag { ruleId: string; severity: string; file: string; line: number; column: number; message: string }
function lintJson(dir: string, args: string[] = []): { code: number; diagnostics: Diag[]; files: number } {
  const r = runCli(dir, ["--format", "json", "--no-config", ...args]);
  expect(r.stderr).toBe("");
  expect([0, 1]).toContain(r.code);
  const out = JSON.parse(r.stdout) as { diagnostics: Diag[]; summary: { files: number } };
  return { code: r.code, diagnostics: out.diagnostics, files: out.summary.files };
}
const parseErrors = (d: Diag[]): string[] => d.filter((x) => x.ruleId === "parse-error").map((x) => `${x.file}: ${x.message}`).sort();
const LINKED = "services:\n  db:\n    image: mysql:8.0\n  web:\n    image: example/web:1.0\n    links: [db]\n";

describe("hostile trees", () => {
  it("symlink loops (a dir linking to its parent, two links to each other) end and are reported", () => {
    const dir = tempProject({ "docker-compose.yml": LINKED });
    mkdirSync(join(dir, "a/b"), { recursive: true });
    symlinkSync("..", join(dir, "a/b/up"));
    symlinkSync(join(dir, "a"), join(dir, "a/b/again"));
    symlinkSync(join(dir, "ping.conf"), join(dir, "pong.conf"));
    symlinkSync(join(dir, "pong.conf"), join(dir, "ping.conf"));
    const { diagnostics } = lintJson(dir);
    expect(diagnostics.some((d) => d.ruleId === "links-legacy")).toBe(true);
    expect(parseErrors(diagnostics)).toEqual([
      "ping.conf: broken symbolic link (or a symlink loop); not followed",
      "pong.conf: broken symbolic link (or a symlink loop); not followed",
    ]);
  });

  it("symlinks pointing outside the root are not followed, and reported", () => {
    const outside = tempProject({ "redis.conf": "bind 0.0.0.0\ndaemonize yes\n", "nginx/site.conf": "server { listen 80; }\n" });
    const dir = tempProject({ "docker-compose.yml": LINKED });
    symlinkSync(join(outside, "redis.conf"), join(dir, "redis.conf"));
    symlinkSync(join(outside, "nginx"), join(dir, "nginx"));
    const { diagnostics } = lintJson(dir);
    expect(parseErrors(diagnostics)).toEqual([
      "nginx: symbolic link points outside the project; not followed",
      "redis.conf: symbolic link points outside the project; not followed",
    ]);
    expect(diagnostics.every((d) => !d.file.includes(outside))).toBe(true);
  });

  it("an unreadable file (EACCES) is a diagnostic and the other files are still linted", () => {
    const dir = tempProject({ "docker-compose.yml": LINKED, "EACCES-simulated/redis.conf": "bind 0.0.0.0\n" });
    const { diagnostics } = lintJson(dir);
    expect(parseErrors(diagnostics)).toEqual(["EACCES-simulated/redis.conf: cannot read file (EACCES)"]);
    expect(diagnostics.find((d) => d.ruleId === "parse-error")!.severity).toBe("error");
    expect(diagnostics.some((d) => d.ruleId === "links-legacy")).toBe(true);
  });

  it.skipIf(process.getuid?.() === 0)("a really unreadable file (mode 000) is a diagnostic", () => {
    const dir = tempProject({ "redis.conf": "bind 0.0.0.0\n" });
    chmodSync(join(dir, "redis.conf"), 0);
    expect(parseErrors(lintJson(dir).diagnostics)).toEqual(["redis.conf: cannot read file (EACCES)"]);
  });

  it("a FIFO where a mounted config should be does not block the run", () => {
    const dir = tempProject({
      "docker-compose.yml": "services:\n  nginx:\n    image: nginx:1.27\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/default.conf\n",
    });
    try {
      execFileSync("mkfifo", [join(dir, "site.conf")]);
    } catch {
      return; // no mkfifo here: nothing to test
    }
    expect(lintJson(dir).code).toBe(0);
  });

  it("YAML billion laughs (nested aliases): bounded, reported as excessive aliasing", () => {
    const names = "abcdefghi";
    const lines = ['x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < names.length; i++) lines.push(`x-${names[i]}: &${names[i]} [${Array(10).fill(`*${names[i - 1]}`).join(",")}]`);
    lines.push("services:\n  web:\n    image: nginx:1.27\n    command: *i\n    environment: *i\n    volumes: *i\n");
    const dir = tempProject({ "docker-compose.yml": lines.join("\n") + "\n" });
    const { code, diagnostics } = lintJson(dir);
    expect(code).toBe(1);
    expect(parseErrors(diagnostics)).toEqual([expect.stringMatching(/^docker-compose\.yml: excessive aliasing: .*billion laughs/)]);
  });

  it("YAML merge-key bomb (`<<: [*a, *a, ...]` nested): bounded (was exponential), reported", () => {
    const names = "abcdefghi";
    const lines = ["x-a: &a {k0: v0, k1: v1}"];
    for (let i = 1; i < names.length; i++) lines.push(`x-${names[i]}: &${names[i]}\n  <<: [${Array(10).fill(`*${names[i - 1]}`).join(", ")}]\n  k${i}: v${i}`);
    lines.push(`services:\n  web:\n    <<: [${Array(10).fill("*i").join(", ")}]\n    image: nginx:1.27\n    environment:\n      <<: *i\n`);
    const dir = tempProject({ "docker-compose.yml": lines.join("\n") + "\n" });
    const { diagnostics } = lintJson(dir);
    expect(parseErrors(diagnostics)).toEqual([expect.stringMatching(/excessive aliasing/)]);
  });

  it("a 100 MB file is skipped with a diagnostic naming the documented limit", () => {
    const dir = tempProject({ "docker-compose.yml": LINKED, "nginx/nginx.conf": "" });
    truncateSync(join(dir, "nginx/nginx.conf"), 100 * 1024 * 1024); // sparse: cheap to make, never read
    const { diagnostics } = lintJson(dir);
    expect(parseErrors(diagnostics)).toEqual([`nginx/nginx.conf: file is 100.0 MiB, above the ${MAX_FILE_BYTES / 1048576} MiB limit; not linted`]);
    expect(diagnostics.some((d) => d.ruleId === "links-legacy")).toBe(true);
  });

  it("10000 files: all walked and classified, the run ends", () => {
    const dir = tempProject({ "docker-compose.yml": LINKED });
    for (let d = 0; d < 100; d++) mkdirSync(join(dir, `d${String(d).padStart(3, "0")}`));
    for (let i = 0; i < 10000; i++) {
      const d = join(dir, `d${String(i % 100).padStart(3, "0")}`);
      if (i % 4 === 0) writeFileSync(join(d, `f${i}.conf`), `bind 127.0.0.${i % 250}\nport ${6000 + (i % 1000)}\n`);
      else if (i % 4 === 1) writeFileSync(join(d, `f${i}.env`), `KEY_${i}=value${i}\n`);
      else if (i % 4 === 2) writeFileSync(join(d, `f${i}.sh`), `#!/bin/sh\nexec echo ${i}\n`);
      else writeFileSync(join(d, `f${i}.txt`), `not a config ${i}\n`);
    }
    expect(MAX_WALK_FILES).toBeGreaterThan(10000);
    const { files: linted, diagnostics } = lintJson(dir);
    expect(linted).toBe(1 + 7500);
    expect(diagnostics.some((d) => d.ruleId === "links-legacy")).toBe(true);
  }, 120_000);

  it("paths with spaces and non-ASCII names are read, mounted and reported with their names", () => {
    const dir = tempProject({
      "docker-compose.yml": "services:\n  nginx:\n    image: nginx:1.27\n    volumes:\n      - \"./nginx 配置/my site.conf:/etc/nginx/conf.d/default.conf:ro\"\n",
      "nginx 配置/my site.conf": "server {\n    listen 80;\n    location / {\n        uwsgi_pass web:8000  # missing semicolon\n    }\n}\n",
      "répertoire/ñ site.conf": "server {\n    listen 80\n}\n",
    });
    const { diagnostics } = lintJson(dir);
    expect(diagnostics).toContainEqual(expect.objectContaining({ ruleId: "parse-error", file: "nginx 配置/my site.conf", line: 4 }));
    expect(diagnostics).toContainEqual(expect.objectContaining({ ruleId: "parse-error", file: "répertoire/ñ site.conf" }));
  });

  it("an nginx include cycle (a conf including itself through a mounted dir) ends", () => {
    const dir = tempProject({
      "docker-compose.yml": "services:\n  nginx:\n    image: nginx:1.27\n    volumes:\n      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro\n      - ./nginx/conf.d:/etc/nginx/conf.d:ro\n",
      "nginx/nginx.conf": "events {}\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n}\n",
      "nginx/conf.d/self.conf": "include /etc/nginx/conf.d/*.conf;\nserver {\n    listen 80;\n    include /etc/nginx/conf.d/self.conf;\n    location / { include /etc/nginx/nginx.conf; }\n}\n",
    });
    lintJson(dir);
  });

  it("a flood of problems (50000 unclosed blocks) is capped per file and per rule, with the rest counted", () => {
    const dir = tempProject({ "nginx/nginx.conf": "server {\n".repeat(50000) });
    const { diagnostics } = lintJson(dir);
    const byRule = new Map<string, Diag[]>();
    for (const d of diagnostics) byRule.set(d.ruleId, [...(byRule.get(d.ruleId) ?? []), d]);
    const parse = byRule.get("parse-error") ?? [];
    expect(parse).toHaveLength(MAX_PARSE_ERRORS_PER_FILE + 1);
    expect(parse.some((d) => /more syntax problems in this file are not listed/.test(d.message))).toBe(true);
    for (const [rule, list] of byRule) if (rule !== "parse-error") expect(list.length, rule).toBeLessThanOrEqual(MAX_FINDINGS_PER_RULE_FILE);
    const capped = [...byRule.values()].flat().filter((d) => /more findings of this rule in this file are not listed/.test(d.message));
    expect(capped.length).toBeGreaterThan(0);
  }, 120_000);

  it("a path argument that is a directory symlink loop or a dangling link is reported, not crashed on", () => {
    const dir = tempProject({ "docker-compose.yml": LINKED });
    symlinkSync(join(dir, "loop"), join(dir, "loop"));
    const r = runCli(dir, ["--format", "json", "--no-config", "loop"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no such file or directory: loop/);
    writeFileSync(join(dir, "ok.conf"), "bind 127.0.0.1\n");
    expect(lintJson(dir, [".", "ok.conf"]).diagnostics.some((d) => d.ruleId === "links-legacy")).toBe(true);
  });
});
