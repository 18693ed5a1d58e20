import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/run-cli.js";
import { tempProject } from "./helpers/temp-project.js";

// VS Code's built-in problem matchers (src/vs/workbench/contrib/tasks/common/problemMatcher.ts).
const ESLINT_COMPACT = /^(.+):\sline\s(\d+),\scol\s(\d+),\s(Error|Warning|Info)\s-\s(.+)\s\((.+)\)$/;
const ESLINT_STYLISH_FILE = /^((?:[a-zA-Z]:)*[./\\]+.*?)$/;
const ESLINT_STYLISH_LINE = /^\s+(\d+):(\d+)\s+(error|warning|info)\s+(.+?)(?:\s\s+(.*))?$/;

const PROJECT = {
  "docker-compose.yml": "services:\n  redis:\n    image: redis:7.2\n    command: redis-server /etc/redis.conf\n    volumes:\n      - ./redis.conf:/etc/redis.conf\n  web:\n    image: example/web:1.0\n    links: [redis]\n    environment:\n      REDIS_URL: redis://redis:6379/0\n",
  "redis.conf": "bind 127.0.0.1\n",
};

interface Json {
  version: string;
  diagnostics: { ruleId: string; severity: string; message: string; file: string; line: number; column: number; endLine: number; endColumn: number; related?: unknown[] }[];
  summary: { files: number; errors: number; warnings: number; infos: number };
}

describe("json", () => {
  it("follows the documented contract", () => {
    const dir = tempProject(PROJECT);
    const out = JSON.parse(runCli(dir, ["--format", "json"]).stdout) as Json;
    expect(Object.keys(out)).toEqual(["version", "diagnostics", "summary"]);
    expect(Object.keys(out.summary)).toEqual(["files", "errors", "warnings", "infos"]);
    const loopback = out.diagnostics.find((d) => d.ruleId === "listener-loopback-only")!;
    expect(loopback).toMatchObject({ severity: "error", file: "redis.conf", line: 1, column: 1, endLine: 1, endColumn: 15 });
    expect(loopback.related).toEqual([expect.objectContaining({ file: "docker-compose.yml", line: 11, column: 18 })]);
    expect(out.summary).toEqual({ files: 2, errors: 1, warnings: 1, infos: 0 });
  });
  it("paths are relative to the current directory with forward slashes", () => {
    const dir = tempProject({ "sub/dir/docker-compose.yml": PROJECT["docker-compose.yml"], "sub/dir/redis.conf": PROJECT["redis.conf"] });
    const out = JSON.parse(runCli(dir, ["--format", "json", "sub/dir"]).stdout) as Json;
    expect(out.diagnostics.map((d) => d.file).sort()).toEqual(["sub/dir/docker-compose.yml", "sub/dir/redis.conf"]);
  });
});

describe("compact", () => {
  it("every finding is one line that $eslint-compact matches", () => {
    const dir = tempProject(PROJECT);
    const json = JSON.parse(runCli(dir, ["--format", "json"]).stdout) as Json;
    const lines = runCli(dir, ["--format", "compact"]).stdout.split("\n").filter((l) => l.includes(": line "));
    expect(lines).toHaveLength(json.diagnostics.length);
    lines.forEach((line, i) => {
      const m = ESLINT_COMPACT.exec(line);
      expect(m, line).not.toBeNull();
      const d = json.diagnostics[i]!;
      expect([m![1], Number(m![2]), Number(m![3]), m![4]!.toLowerCase(), m![6]]).toEqual([d.file, d.line, d.column, d.severity, d.ruleId]);
    });
  });
});

describe("stylish", () => {
  it("file headers and finding lines match $eslint-stylish, one match per finding", () => {
    const dir = tempProject(PROJECT);
    const json = JSON.parse(runCli(dir, ["--format", "json"]).stdout) as Json;
    const out = runCli(dir, []).stdout.split("\n");
    const found: string[] = [];
    let file: string | undefined;
    for (const line of out) {
      const f = ESLINT_STYLISH_FILE.exec(line);
      if (f) {
        file = f[1];
        continue;
      }
      const m = ESLINT_STYLISH_LINE.exec(line);
      if (m && file) found.push(`${file}:${m[1]}:${m[2]} ${m[3]} ${m[5]}`);
    }
    expect(found).toEqual(json.diagnostics.map((d) => `${resolve(dir, d.file)}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`));
  });
  it("no colour unless asked for; NO_COLOR wins over a TTY", () => {
    const dir = tempProject(PROJECT);
    expect(runCli(dir, [], {}, false).stdout).not.toContain("\u001b[");
    expect(runCli(dir, [], {}, true).stdout).toContain("\u001b[");
    expect(runCli(dir, [], { NO_COLOR: "1" }, true).stdout).not.toContain("\u001b[");
    expect(runCli(dir, ["--no-color"], {}, true).stdout).not.toContain("\u001b[");
    expect(runCli(dir, ["--color"], {}, false).stdout).toContain("\u001b[");
  });
  it("prints a summary with totals", () => {
    const dir = tempProject(PROJECT);
    expect(runCli(dir, []).stdout).toContain("2 problems (1 error, 1 warning, 0 info)");
  });
});
