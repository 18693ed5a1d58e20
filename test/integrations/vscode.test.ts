import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { tempProject } from "../helpers/temp-project.js";

// VS Code's built-in $eslint-compact (src/vs/workbench/contrib/tasks/common/problemMatcher.ts).
const ESLINT_COMPACT = /^(.+):\sline\s(\d+),\scol\s(\d+),\s(Error|Warning|Info)\s-\s(.+)\s\((.+)\)$/;

interface Matcher {
  name: string;
  owner: string;
  source: string;
  fileLocation: string[];
  pattern: { regexp: string; file: number; line: number; column: number; severity: number; message: number; endLine: number; endColumn: number; code: number };
}

const root = join(import.meta.dirname, "..", "..");
const shipped = JSON.parse(readFileSync(join(root, "vscode", "problem-matcher.json"), "utf8")) as { problemMatchers: Matcher[] };

// Cross-file findings (related locations in other files), a multi-line range, all three severities.
const PROJECT = {
  "docker-compose.yml": "services:\n  redis:\n    image: redis:7.2\n    command: redis-server /etc/redis.conf\n    volumes:\n      - ./redis.conf:/etc/redis.conf\n  web:\n    image: example/web:1.0\n    links: [redis]\n    tty: true\n    environment:\n      REDIS_URL: redis://redis:6379/0\n      CACHE_URL: redis://redis:6379/1\n",
  "redis.conf": "bind 127.0.0.1\n",
  "nginx/site.conf": "server {\n  listen 80;\n  # stacklint-disable-next-line links-legacy -- unused on purpose\n  location / { return 200; }\n}\n",
};

interface JsonDiag { ruleId: string; severity: string; file: string; line: number; column: number; endLine: number; endColumn: number; related?: unknown[] }

describe("VS Code problem matcher (vscode/problem-matcher.json)", () => {
  const matcher = shipped.problemMatchers[0]!;

  it("is named stacklint and reads file, line, column, endLine, endColumn, severity, code", () => {
    expect(shipped.problemMatchers).toHaveLength(1);
    expect(matcher).toMatchObject({ name: "stacklint", owner: "stacklint", source: "stacklint", fileLocation: ["relative", "${workspaceFolder}"] });
    const groups = [matcher.pattern.file, matcher.pattern.line, matcher.pattern.column, matcher.pattern.severity, matcher.pattern.message, matcher.pattern.endLine, matcher.pattern.endColumn, matcher.pattern.code];
    expect(new Set(groups).size).toBe(8);
    expect(Math.max(...groups)).toBe(new RegExp(`${matcher.pattern.regexp}|`).exec("")!.length - 1);
  });

  it("matches real compact output: one match per finding (cross-file ones too), same fields as the JSON report", () => {
    const dir = tempProject(PROJECT);
    const json = (JSON.parse(runCli(dir, ["--format", "json"]).stdout) as { diagnostics: JsonDiag[] }).diagnostics;
    expect(json.some((d) => (d.related ?? []).length > 0)).toBe(true);
    expect(new Set(json.map((d) => d.severity))).toEqual(new Set(["error", "warning", "info"]));
    const out = runCli(dir, ["--format", "compact"]).stdout.split("\n");
    const re = new RegExp(matcher.pattern.regexp);
    const p = matcher.pattern;
    const matches = out.map((line) => re.exec(line)).filter((m) => m !== null);
    expect(matches).toHaveLength(json.length);
    matches.forEach((m, i) => {
      const d = json[i]!;
      expect({
        file: m[p.file], line: Number(m[p.line]), column: Number(m[p.column]), endLine: Number(m[p.endLine]), endColumn: Number(m[p.endColumn]), severity: m[p.severity]!.toLowerCase(), code: m[p.code],
      }).toEqual({ file: d.file, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn, severity: d.severity, code: d.ruleId });
      expect(m[p.message]).not.toMatch(/\[end \d+:\d+\]$/);
    });
    // The built-in $eslint-compact still matches the same lines (without the end position).
    expect(out.filter((line) => ESLINT_COMPACT.test(line))).toHaveLength(json.length);
  });

  it("stays one line per finding when a message or related location holds a line break", () => {
    const dir = tempProject({ "docker-compose.yml": "services:\n  web:\n    image: [unclosed\n    ports:\n" });
    const out = runCli(dir, ["--format", "compact"]).stdout.split("\n").filter((l) => l.includes(": line "));
    const json = (JSON.parse(runCli(dir, ["--format", "json"]).stdout) as { diagnostics: JsonDiag[] }).diagnostics;
    expect(out).toHaveLength(json.length);
    for (const line of out) expect(new RegExp(matcher.pattern.regexp).test(line)).toBe(true);
  });

  it("the README's tasks.json example uses the shipped regexp and $eslint-compact", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    expect(readme).toContain(`"regexp": ${JSON.stringify(matcher.pattern.regexp)}`);
    expect(readme).toContain('"problemMatcher": "$eslint-compact"');
    expect(readme).toContain('"command": "npx stacklint --format compact"');
  });
});
