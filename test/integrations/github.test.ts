import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LintResult, ResolvedDiagnostic } from "../../src/engine/diagnostic.js";
import { escapeData, escapeProperty, formatGithub, formatGithubSummary } from "../../src/formatters/github.js";
import { runCli } from "../helpers/run-cli.js";
import { tempProject } from "../helpers/temp-project.js";

/**
 * The runner's parser for `::command k=v,k=v::data` lines (actions/runner ActionCommand.TryParseV2):
 * properties split on `,`, each on the first `=`, then unescaped; data unescaped; `%25` last.
 */
function parseCommand(line: string): { command: string; properties: Record<string, string>; data: string } | undefined {
  if (!line.startsWith("::")) return undefined;
  const end = line.indexOf("::", 2);
  if (end < 0) return undefined;
  const info = line.slice(2, end);
  const space = info.indexOf(" ");
  const command = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const part of info.slice(space + 1).trim().split(",").filter(Boolean)) {
      const eq = part.indexOf("=");
      if (eq < 0) continue;
      properties[part.slice(0, eq)] = part.slice(eq + 1).replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
    }
  }
  const data = line.slice(end + 2).replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
  return { command, properties, data };
}

function diag(over: Partial<ResolvedDiagnostic>): ResolvedDiagnostic {
  return { ruleId: "links-legacy", severity: "warning", message: "m", file: "docker-compose.yml", line: 1, column: 1, endLine: 1, endColumn: 2, related: [], fix: undefined, ...over };
}

function result(diagnostics: ResolvedDiagnostic[], files = 3): LintResult {
  const count = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  return { version: "0.1.0", diagnostics, summary: { files, errors: count("error"), warnings: count("warning"), infos: count("info"), fixable: 0 } };
}

const CROSS_FILE = {
  "docker-compose.yml": "services:\n  redis:\n    image: redis:7.2\n    command: redis-server /etc/redis.conf\n    volumes:\n      - ./redis.conf:/etc/redis.conf\n  web:\n    image: example/web:1.0\n    links: [redis]\n    environment:\n      REDIS_URL: redis://redis:6379/0\n",
  "redis.conf": "bind 127.0.0.1\n",
};

describe("github annotations", () => {
  it("escapes like @actions/core: data %, CR, LF; properties also : and ,", () => {
    expect(escapeData("100% a:b,c\r\nd")).toBe("100%25 a:b,c%0D%0Ad");
    expect(escapeProperty("100% a:b,c\r\nd")).toBe("100%25 a%3Ab%2Cc%0D%0Ad");
  });

  it("exact bytes: one line per finding, notice/warning/error, totals line", () => {
    const text = formatGithub(
      result([
        diag({ severity: "error", ruleId: "listener-loopback-only", file: "redis/redis.conf", line: 5, column: 1, endLine: 5, endColumn: 15, message: "listens on 127.0.0.1:6379 only", related: [{ file: "app/settings.py", line: 38, column: 21, endLine: 38, endColumn: 43, message: "Django connects here" }] }),
        diag({ severity: "warning", file: "dir,with:odd%chars/docker-compose.yml", line: 9, column: 13, endLine: 9, endColumn: 18, message: "100% legacy\nsecond line\r" }),
        diag({ severity: "info", ruleId: "keepalive-hack", line: 2, column: 5, endLine: 3, endColumn: 1, message: "tty: true" }),
      ]),
    );
    expect(text).toBe(
      "::error file=redis/redis.conf,line=5,endLine=5,col=1,endColumn=15,title=listener-loopback-only::listens on 127.0.0.1:6379 only%0Asee app/settings.py:38:21: Django connects here\n" +
        "::warning file=dir%2Cwith%3Aodd%25chars/docker-compose.yml,line=9,endLine=9,col=13,endColumn=18,title=links-legacy::100%25 legacy%0Asecond line%0D\n" +
        "::notice file=docker-compose.yml,line=2,endLine=3,col=5,endColumn=1,title=keepalive-hack::tty: true\n" +
        "stacklint: 3 problems (1 error, 1 warning, 1 info)\n",
    );
  });

  it("the runner reads back exactly the file, positions, title and message", () => {
    const nasty = diag({ file: "a,b:c%d/e f.yml", message: "50%0A of it: a,b\r\nnext :: line %25", line: 3, column: 7, endLine: 4, endColumn: 2, ruleId: "links-legacy" });
    const [line] = formatGithub(result([nasty])).split("\n");
    expect(parseCommand(line!)).toEqual({
      command: "warning",
      properties: { file: "a,b:c%d/e f.yml", line: "3", endLine: "4", col: "7", endColumn: "2", title: "links-legacy" },
      data: "50%0A of it: a,b\r\nnext :: line %25",
    });
  });

  it("real CLI output: every finding is one command line the runner parses, matching the JSON report", () => {
    const dir = tempProject(CROSS_FILE);
    const json = JSON.parse(runCli(dir, ["--format", "json"]).stdout) as { diagnostics: ResolvedDiagnostic[] };
    const r = runCli(dir, ["--format", "github"]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(json.diagnostics.length + 1);
    json.diagnostics.forEach((d, i) => {
      const c = parseCommand(lines[i]!)!;
      expect(c.command).toBe({ error: "error", warning: "warning", info: "notice" }[d.severity]);
      expect(c.properties).toEqual({ file: d.file, line: String(d.line), endLine: String(d.endLine), col: String(d.column), endColumn: String(d.endColumn), title: d.ruleId });
      expect(c.data.split("\n")[0]).toBe(d.message);
      expect(c.data.split("\n")).toHaveLength(1 + (d.related ?? []).length);
    });
    expect(lines.at(-1)).toBe("stacklint: 2 problems (1 error, 1 warning, 0 info)");
  });

  it("nothing to report prints nothing", () => {
    expect(formatGithub(result([]))).toBe("");
  });

  it("past 10 annotations of a level, the totals line points at the job summary", () => {
    const many = Array.from({ length: 11 }, (_, i) => diag({ line: i + 1, endLine: i + 1 }));
    expect(formatGithub(result(many)).trimEnd().split("\n").at(-1)).toBe(
      "stacklint: 11 problems (0 errors, 11 warnings, 0 info); GitHub shows at most 10 annotations of each level per step: the job summary lists them all",
    );
  });
});

describe("github job summary", () => {
  it("exact markdown: totals per severity, a table of findings, cells escaped", () => {
    const md = formatGithubSummary(
      result([
        diag({ severity: "error", ruleId: "listener-loopback-only", file: "redis.conf", message: "a | b <script>\nc" }),
        diag({ severity: "info", ruleId: "keepalive-hack", file: "odd`|name.yml", line: 4, column: 2, message: "tty: true" }),
      ]),
    );
    expect(md).toBe(
      [
        "## stacklint",
        "",
        "**2 problems** in 3 files linted.",
        "",
        "| severity | count |",
        "|---|---:|",
        "| ❌ error | 1 |",
        "| ⚠️ warning | 0 |",
        "| ℹ️ notice | 1 |",
        "",
        "| severity | location | rule | message |",
        "|---|---|---|---|",
        "| ❌ error | `redis.conf:1:1` | `listener-loopback-only` | a \\| b &lt;script&gt; c |",
        "| ℹ️ notice | `odd'\\|name.yml:4:2` | `keepalive-hack` | tty: true |",
        "",
      ].join("\n"),
    );
  });

  it("caps the table with an 'N more' line and says why annotations are missing", () => {
    const many = Array.from({ length: 12 }, (_, i) => diag({ line: i + 1, endLine: i + 1 }));
    const md = formatGithubSummary(result(many), { limit: 5 });
    expect(md.split("\n").filter((l) => l.startsWith("| ⚠️ warning | `"))).toHaveLength(5);
    expect(md).toContain("GitHub shows at most 10 annotations of each level per step; every finding is listed here.");
    expect(md.trimEnd().split("\n").at(-1)).toBe("… and 7 more (run stacklint locally, or upload SARIF, to see them all).");
  });

  it("a clean run says so", () => {
    expect(formatGithubSummary(result([], 4))).toBe("## stacklint\n\nNo problems in 4 files.\n\n");
  });

  it("--format github appends the summary to $GITHUB_STEP_SUMMARY (never overwrites), other formats do not", () => {
    const dir = tempProject(CROSS_FILE);
    const summary = join(dir, "summary.md");
    writeFileSync(summary, "earlier step\n");
    runCli(dir, ["--format", "github"], { GITHUB_STEP_SUMMARY: summary });
    const text = readFileSync(summary, "utf8");
    expect(text.startsWith("earlier step\n## stacklint\n")).toBe(true);
    expect(text).toContain("| ❌ error | `redis.conf:1:1` | `listener-loopback-only` |");
    runCli(dir, ["--format", "json"], { GITHUB_STEP_SUMMARY: summary });
    expect(readFileSync(summary, "utf8")).toBe(text);
  });

  it("an unwritable summary path is reported, the annotations still print", () => {
    const dir = tempProject(CROSS_FILE);
    const r = runCli(dir, ["--format", "github"], { GITHUB_STEP_SUMMARY: join(dir, "no/such/dir/summary.md") });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("::error file=redis.conf");
    expect(r.stderr).toMatch(/^stacklint: cannot write the job summary/);
  });
});
