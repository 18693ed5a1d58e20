import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HELP } from "../src/cli/args.js";
import { RULES } from "../rules/index.js";
import { VERSION } from "../src/version.js";
import { runCli } from "./helpers/run-cli.js";
import { tempProject } from "./helpers/temp-project.js";

const LOOPBACK_REDIS = {
  "docker-compose.yml": "services:\n  redis:\n    image: redis:7.2\n    command: redis-server /etc/redis.conf\n    volumes:\n      - ./redis.conf:/etc/redis.conf\n  web:\n    image: example/web:1.0\n    environment:\n      REDIS_URL: redis://redis:6379/0\n",
  "redis.conf": "bind 127.0.0.1\n",
};
const ONLY_WARNING = { "docker-compose.yml": "services:\n  db:\n    image: mysql:8.0\n  web:\n    image: example/web:1.0\n    links: [db]\n" };

describe("exit codes", () => {
  it("0 on a clean project", () => {
    const dir = tempProject({ "docker-compose.yml": "services:\n  web:\n    image: example/web:1.0\n" });
    const r = runCli(dir, ["--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).diagnostics).toEqual([]);
  });
  it("1 when an error is found", () => {
    expect(runCli(tempProject(LOOPBACK_REDIS), []).code).toBe(1);
  });
  it("0 with warnings only, 1 with --max-warnings 0", () => {
    const dir = tempProject(ONLY_WARNING);
    expect(runCli(dir, []).code).toBe(0);
    expect(runCli(dir, ["--max-warnings", "0"]).code).toBe(1);
    expect(runCli(dir, ["--max-warnings", "1"]).code).toBe(0);
  });
  it("2 on usage errors, with the reason on stderr", () => {
    const dir = tempProject({});
    for (const args of [["--format", "xml"], ["--bogus"], ["--rule", "no-such-rule:off"], ["--rule", "links-legacy:loud"], ["--max-warnings", "x"], ["does-not-exist"]]) {
      const r = runCli(dir, args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(/^stacklint: /);
      expect(r.stdout).toBe("");
    }
  });
});

describe("options", () => {
  it("--version and --help", () => {
    expect(runCli(".", ["--version"]).stdout).toBe(`${VERSION}\n`);
    const help = runCli(".", ["--help"]);
    expect(help.code).toBe(0);
    for (const flag of ["--format", "--config", "--no-config", "--rule", "--max-warnings", "--quiet", "--fix", "--fix-dry-run", "--output-file", "--no-color", "--version", "--help"]) {
      expect(help.stdout).toContain(flag);
    }
    expect(help.stdout).toBe(HELP);
  });
  it("--rule id:off silences a rule and id:error raises it", () => {
    const dir = tempProject(ONLY_WARNING);
    expect(JSON.parse(runCli(dir, ["--format", "json", "--rule", "links-legacy:off"]).stdout).diagnostics).toEqual([]);
    const raised = runCli(dir, ["--format", "json", "--rule", "links-legacy:error"]);
    expect(raised.code).toBe(1);
    expect(JSON.parse(raised.stdout).diagnostics[0].severity).toBe("error");
  });
  it("--quiet keeps errors only", () => {
    const dir = tempProject({ ...LOOPBACK_REDIS, ...{ "run.sh": "docker run --link a:b x\n" } });
    const all = JSON.parse(runCli(dir, ["--format", "json"]).stdout).diagnostics;
    const quiet = JSON.parse(runCli(dir, ["--format", "json", "--quiet"]).stdout).diagnostics;
    expect(all.some((d: { severity: string }) => d.severity === "warning")).toBe(true);
    expect(quiet.length).toBeGreaterThan(0);
    expect(quiet.every((d: { severity: string }) => d.severity === "error")).toBe(true);
  });
  it("--output-file writes the report instead of stdout", () => {
    const dir = tempProject(LOOPBACK_REDIS);
    const r = runCli(dir, ["--format", "json", "--output-file", "report.json"]);
    expect(r.stdout).toBe("");
    expect(JSON.parse(readFileSync(join(dir, "report.json"), "utf8")).summary.errors).toBe(1);
  });
  it("rules lists every rule, also as JSON", () => {
    const text = runCli(".", ["rules"]).stdout;
    for (const rule of RULES) expect(text).toContain(rule.meta.id);
    expect(JSON.parse(runCli(".", ["rules", "--format", "json"]).stdout).map((m: { id: string }) => m.id)).toEqual(RULES.map((r) => r.meta.id));
  });
});

describe("baseline", () => {
  it("--write-baseline records today's findings; --baseline reports only new ones", () => {
    const dir = tempProject(LOOPBACK_REDIS);
    expect(runCli(dir, ["--write-baseline", "stacklint-baseline.json"]).code).toBe(0);
    const accepted = runCli(dir, ["--format", "json", "--baseline", "stacklint-baseline.json"]);
    expect(accepted.code).toBe(0);
    expect(JSON.parse(accepted.stdout).diagnostics).toEqual([]);
    // a new finding (a --link in a script) is still reported and fails the run when it is an error
    writeFileSync(join(dir, "run.sh"), "docker run --link a:b x\n");
    const withNew = JSON.parse(runCli(dir, ["--format", "json", "--baseline", "stacklint-baseline.json"]).stdout).diagnostics;
    expect(withNew.map((d: { ruleId: string }) => d.ruleId)).toEqual(["links-legacy"]);
  });
  it("a broken baseline file is a usage error", () => {
    const dir = tempProject({ ...LOOPBACK_REDIS, "b.json": "{}" });
    expect(runCli(dir, ["--baseline", "b.json"]).code).toBe(2);
  });
});

describe("config file", () => {
  it("is found upward and applies rule levels and ignore globs", () => {
    const dir = tempProject({ ...ONLY_WARNING, "legacy/docker-compose.yml": ONLY_WARNING["docker-compose.yml"], "stacklint.config.json": JSON.stringify({ rules: { "links-legacy": "error" }, ignore: ["legacy/**"] }) });
    const r = runCli(dir, ["--format", "json"]);
    const diags = JSON.parse(r.stdout).diagnostics as { file: string; severity: string }[];
    expect(diags.map((d) => d.file)).toEqual(["docker-compose.yml"]);
    expect(diags[0]!.severity).toBe("error");
    expect(r.code).toBe(1);
    expect(runCli(dir, ["--format", "json", "--no-config"]).code).toBe(0);
  });
  it("reads \"stacklint\" in package.json", () => {
    const dir = tempProject({ ...ONLY_WARNING, "package.json": JSON.stringify({ name: "x", stacklint: { rules: { "links-legacy": "off" } } }) });
    expect(JSON.parse(runCli(dir, ["--format", "json"]).stdout).diagnostics).toEqual([]);
  });
  it("rejects unknown keys, rules and levels with exit 2", () => {
    for (const config of [{ rulez: {} }, { rules: { nope: "off" } }, { rules: { "links-legacy": "loud" } }, { ignore: "x" }, []]) {
      const dir = tempProject({ "stacklint.config.json": JSON.stringify(config) });
      const r = runCli(dir, []);
      expect(r.code, JSON.stringify(config)).toBe(2);
      expect(r.stderr).toContain("stacklint.config.json");
    }
    const broken = tempProject({ ".stacklintrc.json": "{ not json" });
    expect(runCli(broken, []).code).toBe(2);
  });
});

describe("--fix and --fix-dry-run", () => {
  it("dry run prints a diff and changes nothing", () => {
    const dir = tempProject({ "Dockerfile": "FROM python:3.9\nRUN sed -i 's/r//' /start.sh\n" });
    const r = runCli(dir, ["--fix-dry-run"]);
    expect(r.stdout).toContain("--- a/Dockerfile");
    expect(r.stdout).toContain("-RUN sed -i 's/r//' /start.sh");
    expect(r.stdout).toContain("+RUN sed -i 's/\\r$//' /start.sh");
    expect(readFileSync(join(dir, "Dockerfile"), "utf8")).toContain("'s/r//'");
  });
  it("keeps a UTF-8 BOM and the rest of the file", () => {
    const dir = tempProject({ "fix.sh": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("# 修复\r\nsed -i 's/r//' start.sh\r\n")]) });
    runCli(dir, ["--fix"]);
    const bytes = readFileSync(join(dir, "fix.sh"));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString("utf8")).toBe("# 修复\nsed -i 's/\\r$//' start.sh\n");
  });
  it("inserts the missing `;` nginx needs, on the directive's own line", () => {
    const dir = tempProject({ "site.conf": "server {\n    location / {\n        uwsgi_pass web:8000  # app\n    }\n}\n" });
    const before = JSON.parse(runCli(dir, ["--format", "json"]).stdout).diagnostics;
    expect(before[0]).toMatchObject({ ruleId: "parse-error", line: 3, column: 28 });
    runCli(dir, ["--fix"]);
    expect(readFileSync(join(dir, "site.conf"), "utf8")).toBe("server {\n    location / {\n        uwsgi_pass web:8000;  # app\n    }\n}\n");
    expect(JSON.parse(runCli(dir, ["--format", "json"]).stdout).diagnostics).toEqual([]);
  });
  it("never rewrites a GBK file", () => {
    const gbk = Buffer.from([0x23, 0x20, 0xc4, 0xe3, 0xba, 0xc3, 0x0d, 0x0a, 0x65, 0x63, 0x68, 0x6f, 0x0d, 0x0a]); // "# 你好\r\necho\r\n" in GBK
    const dir = tempProject({ "start.sh": gbk });
    runCli(dir, ["--fix"]);
    expect(readFileSync(join(dir, "start.sh")).equals(gbk)).toBe(true);
    writeFileSync(join(dir, "x"), "");
  });
});
