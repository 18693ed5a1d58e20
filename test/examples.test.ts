import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintDir } from "./helpers/lint-dir.js";

const SHARED = join(import.meta.dirname, "..", "..", "shared");
const EXAMPLES = join(SHARED, "examples");
const available = existsSync(join(EXAMPLES, "EXPECTED.md"));

/** The rows of EXPECTED.md for the six failure families of the core: example, file, line, severity, rule. */
const CORE_ROWS: [string, string, number, "error" | "warning", string][] = [
  ["seed-django-stack", "compose/redis/redis.conf", 5, "error", "listener-loopback-only"],
  ["seed-django-stack", "myproject/Dockerfile", 32, "error", "crlf-fix-wrong"],
  ["seed-django-stack", "docker-compose.yml", 49, "warning", "bind-mount-hides-image"],
  ["seed-django-stack", "myproject/uwsgi.ini", 21, "warning", "main-process-daemonizes"],
  ["seed-django-stack", "myproject/.env", 1, "warning", "plaintext-secret"],
  ["seed-django-stack", "compose/redis/redis.conf", 8, "warning", "plaintext-secret"],
  ["seed-split-frontend-backend", "backend/src/uwsgi.ini", 16, "warning", "main-process-daemonizes"],
  ["seed-links-wordpress", "run.sh", 4, "warning", "links-legacy"],
  ["seed-links-wordpress", "docker-compose.yaml", 14, "warning", "plaintext-secret"],
];

describe.skipIf(!available)("../shared/examples (EXPECTED.md)", () => {
  const runs = new Map<string, ReturnType<typeof lintDir>>();
  const run = (example: string): ReturnType<typeof lintDir> => {
    let r = runs.get(example);
    if (!r) {
      r = lintDir(join(EXAMPLES, example));
      runs.set(example, r);
    }
    return r;
  };

  it.each(CORE_ROWS)("%s %s:%i is reported as %s (%s)", (example, file, line, severity, ruleId) => {
    const found = run(example).result.diagnostics.filter((d) => d.ruleId === ruleId && d.file === file && d.line === line);
    expect(found.map((d) => d.severity)).toEqual([severity]);
  });

  it("the redis loopback finding names the settings.py client as related", () => {
    const d = run("seed-django-stack").result.diagnostics.find((x) => x.ruleId === "listener-loopback-only")!;
    expect(d.related.map((r) => `${r.file}:${r.line}`)).toEqual(["myproject/myproject/settings.py:38"]);
  });

  it("the bind mount finding points at the hidden sed and chmod", () => {
    const d = run("seed-django-stack").result.diagnostics.find((x) => x.ruleId === "bind-mount-hides-image")!;
    expect(d.related.map((r) => `${r.file}:${r.line}`)).toEqual(["myproject/Dockerfile:32", "myproject/Dockerfile:35"]);
  });

  it("no error on a 'Not a finding' row", () => {
    const text = readFileSync(join(EXAMPLES, "EXPECTED.md"), "utf8");
    let example = "";
    const rows: [string, string, number][] = [];
    for (const line of text.split("\n")) {
      const m = /^## (seed-[\w-]+)/.exec(line);
      if (m) example = m[1]!;
      if (line.startsWith("Not a finding")) for (const f of line.matchAll(/`([^`\s]+):(\d+)`/g)) rows.push([example, f[1]!, Number(f[2])]);
    }
    expect(rows.length).toBeGreaterThan(0);
    for (const [ex, file, line] of rows) {
      expect(run(ex).result.diagnostics.filter((d) => d.file === file && d.line === line && d.severity === "error")).toEqual([]);
    }
  });

  it("every example lints without internal errors", () => {
    for (const ex of ["seed-django-stack", "seed-split-frontend-backend", "seed-tornado-supervisor", "seed-links-wordpress"]) {
      expect(run(ex).internalErrors).toEqual([]);
    }
  });
});
