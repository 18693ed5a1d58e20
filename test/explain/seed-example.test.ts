/**
 * explain against the seed example /work/shared/examples/seed-django-stack (read in place, never
 * copied): nginx there uses uwsgi_pass to a uWSGI socket, so `invalid request block size` has no
 * config cause in it; `web exited with code 0` leads to uWSGI's daemonize and the tail keep-alive.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runExplainCommand } from "../../src/cli/explain-command.js";
import { tempProject } from "../helpers/temp-project.js";

const SEED = resolve(import.meta.dirname, "..", "..", "..", "shared", "examples", "seed-django-stack");

interface Json {
  findings: { signature: string; message: string; config: { file: string; line: number; message: string }[] }[];
}

function explainSeed(log: string, format = "json"): { code: number; out: string } {
  const logFile = join(tempProject({ "seed.log": log }), "seed.log");
  let out = "";
  const code = runExplainCommand([logFile, "--project", ".", "--format", format], { cwd: SEED, env: {}, isTTY: false, stdout: (t) => (out += t), stderr: () => undefined });
  return { code, out };
}

describe.skipIf(!existsSync(SEED))("seed-django-stack", () => {
  it("`invalid request block size`: recognised, but the project's nginx → uWSGI is consistent, so no config location", () => {
    const { code, out } = explainSeed("web_1    | invalid request block size: 21573 (max 4096)...skip\n");
    expect(code).toBe(1);
    const r = JSON.parse(out) as Json;
    expect(r.findings.map((f) => f.signature)).toEqual(["uwsgi-http-on-socket"]);
    expect(r.findings[0]!.config).toEqual([]);
    expect(r.findings[0]!.message).toMatch(/looks consistent in this project \(uwsgi_pass to a uwsgi socket\)/);
    expect(explainSeed("web_1    | invalid request block size: 21573 (max 4096)...skip\n", "stylish").out).toMatch(/note {3}nginx → uWSGI looks consistent/);
  });
  it("`web exited with code 0` → uwsgi.ini:21 (daemonize) and start.sh:18 (tail -f /dev/null after an && chain)", () => {
    for (const line of ["web_1 exited with code 0", "web-1 exited with code 0", "myproject_web_1 exited with code 0"]) {
      const r = JSON.parse(explainSeed(`${line}\n`).out) as Json;
      expect(r.findings.map((f) => f.signature), line).toEqual(["docker-exit-0"]);
      const where = r.findings[0]!.config.map((c) => `${c.file}:${c.line}`);
      expect(where, line).toEqual(["myproject/uwsgi.ini:21", "myproject/start.sh:18"]);
      expect(r.findings[0]!.config[0]!.message).toMatch(/daemonize/);
      expect(r.findings[0]!.config[1]!.message).toMatch(/tail -f \/dev\/null.*&&/);
    }
  });
  it("the seed's weak passwords never show, `using password: YES` does", () => {
    const { out } = explainSeed("web_1 | django.db.utils.OperationalError: (1045, \"Access denied for user 'dbuser'@'172.18.0.4' (using password: YES)\")\nweb_1 | MYSQL_ROOT_PASSWORD=123456 failed\nweb_1 | caches: redis://:yourpassword@redis:6379/1 NOAUTH Authentication required.\n", "json");
    expect(out).toContain("(using password: YES)");
    expect(out).not.toContain("123456");
    expect(out).not.toContain("yourpassword");
  });
});
