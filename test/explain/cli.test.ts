import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { HELP } from "../../src/cli/args.js";
import { EXPLAIN_HELP, runExplainCommand } from "../../src/cli/explain-command.js";
import { escapeData, escapeProperty } from "../../src/explain/format.js";
import { runCli } from "../helpers/run-cli.js";
import { tempProject } from "../helpers/temp-project.js";

const REPO = resolve(import.meta.dirname, "..", "..");
const CLI = join(REPO, "dist", "cli.js");

const MISMATCH = {
  "docker-compose.yml": "services:\n  nginx:\n    image: nginx:1.25\n    volumes:\n      - ./nginx/app.conf:/etc/nginx/conf.d/app.conf:ro\n  web:\n    build: ./app\n",
  "nginx/app.conf": "server {\n    listen 80;\n    location / {\n        proxy_pass http://web:8000;\n    }\n}\n",
  "app/Dockerfile": 'FROM python:3.11-slim\nCOPY . /app\nCMD ["uwsgi", "--ini", "/app/uwsgi.ini"]\n',
  "app/uwsgi.ini": "[uwsgi]\nsocket = 0.0.0.0:8000\nwsgi-file = /app/app.py\n",
};
const BLOCK = "web-1  | invalid request block size: 21573 (max 4096)...skip\n";

describe("exit codes", () => {
  it("1 when a known failure was recognised, 0 when none", () => {
    const dir = tempProject({ "a.log": BLOCK, "b.log": "web-1  | all fine\nweb-1  | ERROR something new\n" });
    expect(runCli(dir, ["explain", "a.log"]).code).toBe(1);
    const clean = runCli(dir, ["explain", "b.log"]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain("No known failure recognised in 2 lines.");
  });
  it("2 on usage errors, with the reason on stderr and nothing on stdout", () => {
    const dir = tempProject({ "a.log": BLOCK });
    for (const args of [
      ["explain", "missing.log"], ["explain", "a.log", "--format", "xml"], ["explain", "a.log", "--bogus"], ["explain", "a.log", "--project", "nope"],
      ["explain", "a.log", "b.log"], ["explain", "a.log", "--project"], ["explain", "."], ["explain", "a.log", "--project", "a.log"],
    ]) {
      const r = runCli(dir, args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(/^stacklint: /);
      expect(r.stdout, args.join(" ")).toBe("");
    }
  });
  it("an empty log is no failure", () => {
    const dir = tempProject({ "empty.log": "" });
    const r = runCli(dir, ["explain", "empty.log", "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ version: expect.any(String), findings: [] });
  });
});

describe("help", () => {
  it("stacklint --help names explain; stacklint explain --help documents its options", () => {
    expect(HELP).toContain("stacklint explain");
    const r = runCli(".", ["explain", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(EXPLAIN_HELP);
    for (const flag of ["--project", "--format", "stylish", "json", "github", "compact", "--verbose", "--no-color", "LOGFILE|-"]) expect(r.stdout).toContain(flag);
  });
});

describe("--project", () => {
  it("points at the config lines; without it (and no compose file here) there are none", () => {
    const dir = tempProject({ ...MISMATCH, "logs/web.log": BLOCK });
    const withProject = JSON.parse(runCli(join(dir, "logs"), ["explain", "web.log", "--project", "..", "--format", "json"]).stdout);
    expect(withProject.findings[0].config.map((c: { file: string; line: number }) => `${c.file}:${c.line}`)).toEqual(["../nginx/app.conf:4", "../app/uwsgi.ini:2"]);
    const without = JSON.parse(runCli(join(dir, "logs"), ["explain", "web.log", "--format", "json"]).stdout);
    expect(without.findings[0].config).toEqual([]);
  });
  it("defaults to the current directory when it holds a compose file", () => {
    const dir = tempProject({ ...MISMATCH, "web.log": BLOCK });
    const r = JSON.parse(runCli(dir, ["explain", "web.log", "--format", "json"]).stdout);
    expect(r.findings[0].config.map((c: { file: string; line: number }) => `${c.file}:${c.line}`)).toEqual(["nginx/app.conf:4", "app/uwsgi.ini:2"]);
  });
});

describe("formats", () => {
  const dir = (): string => tempProject({ ...MISMATCH, "web.log": BLOCK + BLOCK + "NOAUTH Authentication required.\n" });
  it("json: exactly the documented keys", () => {
    const r = JSON.parse(runCli(dir(), ["explain", "web.log", "--format", "json"]).stdout);
    expect(Object.keys(r)).toEqual(["version", "findings"]);
    for (const f of r.findings) {
      expect(Object.keys(f)).toEqual(["signature", "severity", "message", "cause", "log", "count", "config"]);
      for (const l of f.log) expect(Object.keys(l)).toEqual(["line", "text"]);
      for (const c of f.config) expect(Object.keys(c)).toEqual(["file", "line", "column", "message"]);
    }
    expect(r.findings[0]).toMatchObject({ signature: "uwsgi-http-on-socket", severity: "error", count: 2, log: [{ line: 1 }, { line: 2 }] });
    expect(r.findings[0].config[0]).toMatchObject({ file: "nginx/app.conf", line: 4, column: 9 });
  });
  it("compact: one line per config location in ESLint's shape; the log line when there is none", () => {
    const out = runCli(dir(), ["explain", "web.log", "--format", "compact"]).stdout.trimEnd().split("\n");
    expect(out[0]).toMatch(/^nginx\/app\.conf: line 4, col 9, Error - .+ \(uwsgi-http-on-socket\)$/);
    expect(out[1]).toMatch(/^app\/uwsgi\.ini: line 2, col 10, Error - .+ \(uwsgi-http-on-socket\)$/);
    expect(out[2]).toMatch(/^web\.log: line 3, col 1, Error - .+ \(redis-noauth\)$/);
    expect(out.slice(-1)[0]).toBe("2 known failures");
  });
  it("github: workflow commands with escaped properties and data", () => {
    const out = runCli(dir(), ["explain", "web.log", "--format", "github"]).stdout.trimEnd().split("\n");
    expect(out[0]).toMatch(/^::error file=nginx\/app\.conf,line=4,col=9,title=uwsgi-http-on-socket::/);
    expect(out[2]).toMatch(/^::error file=web\.log,line=3,title=redis-noauth::/);
    expect(escapeProperty("a:b,c%d\ne")).toBe("a%3Ab%2Cc%25d%0Ae");
    expect(escapeData("50% a:b,c\r\nx")).toBe("50%25 a:b,c%0D%0Ax");
  });
  it("stylish: signature, log lines, cause, check, config; colours only when asked", () => {
    const d = dir();
    const plain = runCli(d, ["explain", "web.log"]).stdout;
    expect(plain).toContain("uwsgi-http-on-socket  error");
    expect(plain).toMatch(/log {4}line 1: invalid request block size/);
    expect(plain).toContain("(×2, lines 1–2; service: web)");
    expect(plain).toMatch(/config nginx\/app\.conf:4:9 {2}nginx sends HTTP/);
    expect(plain).not.toContain("\u001b[");
    expect(runCli(d, ["explain", "web.log", "--color"]).stdout).toContain("\u001b[");
    expect(runCli(d, ["explain", "web.log"], {}, true).stdout).toContain("\u001b[");
    expect(runCli(d, ["explain", "web.log"], { NO_COLOR: "1" }, true).stdout).not.toContain("\u001b[");
    expect(runCli(d, ["explain", "web.log", "--no-color"], {}, true).stdout).not.toContain("\u001b[");
  });
});

describe("secrets are redacted in every format", () => {
  const files = {
    "docker-compose.yml": "services:\n  web:\n    image: example/web:1.0\n    environment:\n      MYSQL_PASSWORD: projsecret99\n      REDIS_URL: redis://:urlsecret77@redis:6379/0\n  redis:\n    image: redis:7.2\n",
    "secrets.log": [
      "web-1  | redis.exceptions.ConnectionError: Error 111 connecting to redis:6379. Connection refused. (url redis://:urlsecret77@redis:6379/0)",
      "web-1  | celery: Cannot connect to redis://default:celerysecret5@redis:6379/0: Error 111 connecting to redis:6379. Connection refused.",
      "db-1   | + mysql -uroot -pHunter2secret -e \"ALTER USER 'app'@'%' IDENTIFIED BY 'sqlsecret42';\" failed",
      "db-1   | ERROR 1064 (42000) at line 1: You have an error in your SQL syntax; check the manual near 'BY 'sqlsecret42'' at line 1",
      "redis-1  | CONFIG SET requirepass confsecret31 -> NOAUTH Authentication required.",
      "web-1  | Access denied for user 'app'@'10.0.0.2' (using password: YES) with MYSQL_PASSWORD=projsecret99",
      "web-1  | ERROR settings PASSWORD='pysecret23' rejected",
    ].join("\n") + "\n",
  };
  const secrets = ["projsecret99", "urlsecret77", "celerysecret5", "Hunter2secret", "sqlsecret42", "confsecret31", "pysecret23"];
  for (const format of ["stylish", "json", "github", "compact"]) {
    it(format, () => {
      const dir = tempProject(files);
      const r = runCli(dir, ["explain", "secrets.log", "--format", format, "--verbose"]);
      expect(r.code).toBe(1);
      for (const s of secrets) expect(r.stdout, s).not.toContain(s);
      if (format === "stylish" || format === "json") expect(r.stdout).toContain("***");
      if (format === "json") {
        const json = JSON.parse(r.stdout) as { findings: { log: { text: string }[] }[]; unrecognised: { text: string }[] };
        const texts = [...json.findings.flatMap((f) => f.log.map((l) => l.text)), ...json.unrecognised.map((u) => u.text)].join("\n");
        expect(texts).toContain("(using password: YES)");
        expect(texts).toContain("redis://:***@redis:6379/0");
        expect(texts).toContain("-p***");
        expect(texts).toContain("IDENTIFIED BY '***'");
      }
    });
  }
});

describe("--verbose", () => {
  it("lists error-looking lines that matched nothing (stylish and json)", () => {
    const dir = tempProject({ "a.log": "web-1  | Traceback (most recent call last):\nweb-1  | KeyError: 'x' failed\nweb-1  | fine\nNOAUTH Authentication required.\n" });
    const text = runCli(dir, ["explain", "a.log", "--verbose"]).stdout;
    expect(text).toContain("Error-looking lines no signature matched (2)");
    expect(text).toContain("line 1: Traceback (most recent call last):");
    expect(text).not.toContain("line 3:");
    expect(runCli(dir, ["explain", "a.log"]).stdout).not.toContain("Traceback");
    const json = JSON.parse(runCli(dir, ["explain", "a.log", "--verbose", "--format", "json"]).stdout);
    expect(json.unrecognised).toEqual([{ line: 1, text: "Traceback (most recent call last):", count: 1 }, { line: 2, text: "KeyError: 'x' failed", count: 1 }]);
  });
});

describe("stdin", () => {
  it("`-` reads the file descriptor given as stdin", () => {
    const dir = tempProject({ "in.log": BLOCK });
    const fd = openSync(join(dir, "in.log"), "r");
    let out = "";
    try {
      const code = runExplainCommand(["-", "--format", "json"], { cwd: dir, env: {}, isTTY: false, stdout: (t) => (out += t), stderr: () => undefined }, { stdinFd: fd });
      expect(code).toBe(1);
    } finally {
      closeSync(fd);
    }
    expect(JSON.parse(out).findings[0].signature).toBe("uwsgi-http-on-socket");
  });
  it("no LOGFILE and a terminal on stdin is a usage error", () => {
    expect(() => runExplainCommand([], { cwd: "/", env: {}, isTTY: true, stdout: () => undefined, stderr: () => undefined }, { stdinIsTTY: true })).toThrow(/no log given/);
  });
  it.skipIf(!existsSync(CLI))("the built CLI reads a piped log (`stacklint explain -`)", () => {
    const dir = tempProject({ ...MISMATCH });
    writeFileSync(join(dir, "x"), "");
    const r = spawnSync(process.execPath, [CLI, "explain", "-", "--format", "json"], { cwd: dir, input: BLOCK, encoding: "utf8", timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings[0].config.length).toBe(2);
    const none = spawnSync(process.execPath, [CLI, "explain", "--format", "json"], { cwd: dir, input: "hello\n", encoding: "utf8", timeout: 20_000 });
    expect(none.status).toBe(0);
  });
});
