/**
 * explain on logs the real programs wrote: run nginx, uWSGI, redis-server and mariadbd on a bad
 * config (adapted to loopback/free ports/temp paths without moving a line, see harness.ts),
 * capture what they print, present it the way `docker compose logs` would (service prefixes),
 * and check that explain recognises it and points at the project's config line.
 * Skipped, with the reason, when a program is missing.
 */
import { MINIMAL_WSGI_APP, NGINX_WEB_COMPOSE, UWSGI_APT_DOCKERFILE } from "../integration/projects.js";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { explainText, type ExplainReport } from "../../src/explain/explain.js";
import {
  adaptConfig, freePort, haveProgram, httpGet, readPidFile, runCommand, startProcess, tempDir, trackDaemon, waitForPort, writeTree,
} from "../integration/harness.js";
import { existsSync } from "node:fs";

const UWSGI_PARAMS = "/etc/nginx/uwsgi_params";
const PY3 = "/usr/lib/uwsgi/plugins/python3_plugin.so";

function gate(programs: string[], files: string[] = []): boolean {
  const missing = [...programs.filter((p) => !haveProgram(p)), ...files.filter((f) => !existsSync(f))];
  if (missing.length > 0) console.warn(`[explain real servers] skipping: missing ${missing.join(", ")} (run scripts/integration-setup.sh)`);
  return process.platform !== "linux" || missing.length > 0;
}

/** Prefix every line the way `docker compose logs` does. */
function composeLog(service: string, text: string): string {
  return text.split("\n").filter((l) => l.trim() !== "").map((l) => `${service}-1  | ${l}`).join("\n") + "\n";
}

function where(report: ExplainReport, signature: string): string[] {
  return report.findings.filter((f) => f.signature === signature).flatMap((f) => f.config.map((c) => `${c.file}:${c.line}`));
}

function explainIn(project: string, log: string): ExplainReport {
  return explainText(log, { cwd: project, project: ".", verbose: false });
}




function nginxMain(run: string, errorLog: string, conf: string): string {
  return `daemon off;
worker_processes 1;
pid ${join(run, "nginx.pid")};
error_log ${errorLog};
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path ${join(run, "tmp/client")};
    proxy_temp_path ${join(run, "tmp/proxy")};
    fastcgi_temp_path ${join(run, "tmp/fastcgi")};
    uwsgi_temp_path ${join(run, "tmp/uwsgi")};
    scgi_temp_path ${join(run, "tmp/scgi")};
    include ${conf};
}
`;
}

describe.skipIf(gate(["nginx", "uwsgi"], [PY3, UWSGI_PARAMS]))("real nginx + uWSGI", () => {
  it("proxy_pass to a uWSGI socket: both programs' log lines → nginx/app.conf:4 and app/uwsgi.ini:3", async () => {
    const UWSGI_INI = "[uwsgi]\nplugins = python3\nsocket = 0.0.0.0:8000\nwsgi-file = /app/app.py\nmaster = true\nprocesses = 1\n";
    const NGINX = "server {\n    listen 80;\n    location / {\n        proxy_pass http://web:8000;\n    }\n}\n";
    const project = tempDir();
    writeTree(project, { "docker-compose.yml": NGINX_WEB_COMPOSE, "nginx/app.conf": NGINX, "app/Dockerfile": UWSGI_APT_DOCKERFILE, "app/uwsgi.ini": UWSGI_INI, "app/app.py": MINIMAL_WSGI_APP });
    const run = tempDir();
    const [webPort, nginxPort] = [await freePort(), await freePort()];
    mkdirSync(join(run, "tmp"));
    copyFileSync(UWSGI_PARAMS, join(run, "uwsgi_params"));
    const errorLog = join(run, "error.log");
    writeTree(run, {
      "uwsgi.ini": adaptConfig(UWSGI_INI, [["0.0.0.0:8000", `127.0.0.1:${webPort}`], ["/app/app.py", join(project, "app/app.py")]]),
      "app.conf": adaptConfig(NGINX, [["listen 80;", `listen 127.0.0.1:${nginxPort};`], ["web:8000", `127.0.0.1:${webPort}`]]),
      "nginx.conf": nginxMain(run, errorLog, join(run, "app.conf")),
    });
    const uwsgi = startProcess("uwsgi", ["--ini", join(run, "uwsgi.ini")], { cwd: run, stopSignal: "SIGINT", timeoutMs: 15_000 });
    const nginx = startProcess("nginx", ["-p", `${run}/`, "-c", join(run, "nginx.conf"), "-e", errorLog], { cwd: run, timeoutMs: 15_000 });
    expect(await uwsgi.waitForOutput(/spawned uWSGI worker 1/, 8_000), uwsgi.output()).toBe(true);
    await waitForPort("127.0.0.1", nginxPort, 5_000);
    expect((await httpGet(`http://127.0.0.1:${nginxPort}/`)).status).toBe(502);
    await uwsgi.waitForOutput(/invalid request block size/, 2_000);
    await nginx.stop();
    await uwsgi.stop();

    const log = composeLog("web", uwsgi.output()) + composeLog("nginx", readFileSync(errorLog, "utf8"));
    const report = explainIn(project, log);
    expect(report.findings.map((f) => f.signature).sort()).toEqual(["nginx-upstream-closed", "uwsgi-http-on-socket"]);
    expect(where(report, "uwsgi-http-on-socket")).toEqual(["nginx/app.conf:4", "app/uwsgi.ini:3"]);
    expect(where(report, "nginx-upstream-closed")).toEqual(["nginx/app.conf:4", "app/uwsgi.ini:3"]);
  });

  it("uWSGI daemonize: the foreground process exits 0 at once → `web exited with code 0` → app/uwsgi.ini:4", async () => {
    const UWSGI_INI = "[uwsgi]\nplugins = python3\nhttp-socket = 0.0.0.0:8000\ndaemonize = /var/log/uwsgi.log\npidfile = /run/uwsgi.pid\nwsgi-file = /app/app.py\n";
    const project = tempDir();
    writeTree(project, { "docker-compose.yml": "services:\n  web:\n    build: ./app\n", "app/Dockerfile": UWSGI_APT_DOCKERFILE, "app/uwsgi.ini": UWSGI_INI, "app/app.py": MINIMAL_WSGI_APP });
    const run = tempDir();
    const port = await freePort();
    writeTree(run, {
      "uwsgi.ini": adaptConfig(UWSGI_INI, [["0.0.0.0:8000", `127.0.0.1:${port}`], ["/var/log/uwsgi.log", join(run, "uwsgi.log")], ["/run/uwsgi.pid", join(run, "uwsgi.pid")], ["/app/app.py", join(project, "app/app.py")]]),
    });
    const fg = startProcess("uwsgi", ["--ini", join(run, "uwsgi.ini")], { cwd: run, stopSignal: "SIGINT", timeoutMs: 15_000 });
    const exit = await fg.waitForExit(5_000);
    const stop = trackDaemon(await readPidFile(join(run, "uwsgi.pid")), "SIGINT");
    expect(exit).toEqual({ code: 0, signal: null });
    await stop();
    // What compose prints when PID 1 returns 0, after the container's own output.
    const log = composeLog("web", fg.output()) + "web-1 exited with code 0\n";
    const report = explainIn(project, log);
    expect(report.findings.map((f) => f.signature)).toEqual(["docker-exit-0"]);
    expect(where(report, "docker-exit-0")).toEqual(["app/uwsgi.ini:4"]);
  });
});

describe.skipIf(gate(["nginx"]))("real nginx -t", () => {
  it("host not found in upstream: the container path nginx prints maps back to nginx/app.conf:4", () => {
    const NGINX = "server {\n    listen 80;\n    location / {\n        proxy_pass http://stacklint-missing-app:8000;\n    }\n}\n";
    const project = tempDir();
    writeTree(project, { "docker-compose.yml": NGINX_WEB_COMPOSE, "nginx/app.conf": NGINX, "app/Dockerfile": UWSGI_APT_DOCKERFILE, "app/uwsgi.ini": "[uwsgi]\nhttp-socket = :8000\n" });
    const run = tempDir();
    mkdirSync(join(run, "tmp"));
    mkdirSync(join(run, "conf.d"));
    const errorLog = join(run, "error.log");
    writeTree(run, { "conf.d/app.conf": adaptConfig(NGINX, [["listen 80;", "listen 127.0.0.1:1;"]]), "nginx.conf": nginxMain(run, errorLog, join(run, "conf.d/app.conf")) });
    const r = runCommand("nginx", ["-t", "-p", `${run}/`, "-c", join(run, "nginx.conf"), "-e", "stderr"], { cwd: run, timeoutMs: 15_000 });
    const printed = r.stderr + r.stdout;
    expect(printed).toContain(`host not found in upstream "stacklint-missing-app" in ${join(run, "conf.d/app.conf")}:4`);
    // In the container the file is mounted at /etc/nginx/conf.d/app.conf, which nginx prints instead.
    const log = composeLog("nginx", printed.split(join(run, "conf.d")).join("/etc/nginx/conf.d"));
    const report = explainIn(project, log);
    expect(report.findings.map((f) => f.signature)).toEqual(["nginx-host-not-found"]);
    expect(where(report, "nginx-host-not-found")).toEqual(["nginx/app.conf:4"]);
    expect(report.findings[0]!.notes.join(" ")).toContain("services of this stack: nginx, web");
  });
});

describe.skipIf(gate(["redis-server"]))("real redis-server", () => {
  it("inline comment: FATAL CONFIG FILE ERROR with its report lines → redis/redis.conf:3", () => {
    const CONF = "port 6379\nsave \"\"\nmaxmemory 256mb # limit\n";
    const project = tempDir();
    writeTree(project, {
      "docker-compose.yml": "services:\n  redis:\n    image: redis:7.0\n    command: [\"redis-server\", \"/usr/local/etc/redis/redis.conf\"]\n    volumes:\n      - ./redis/redis.conf:/usr/local/etc/redis/redis.conf:ro\n",
      "redis/redis.conf": CONF,
    });
    const run = tempDir();
    writeTree(run, { "redis.conf": CONF });
    const r = runCommand("redis-server", [join(run, "redis.conf")], { cwd: run, timeoutMs: 10_000 });
    expect(r.status).not.toBe(0);
    const printed = r.stderr + r.stdout;
    expect(printed).toContain("FATAL CONFIG FILE ERROR");
    const report = explainIn(project, composeLog("redis", printed));
    expect(report.findings.map((f) => f.signature)).toEqual(["redis-config-fatal"]);
    expect(where(report, "redis-config-fatal")).toEqual(["redis/redis.conf:3"]);
    expect(report.findings[0]!.log.map((l) => l.text)).toContain(">>> 'maxmemory 256mb # limit'");
  });
});

describe.skipIf(gate(["mariadbd"]))("real mariadbd", () => {
  it("unknown variable in my.cnf: mariadbd aborts → mysql/my.cnf:3", () => {
    const CNF = "[mysqld]\ncharacter-set-server = utf8mb4\nfoo-bar-option = 1\n";
    const project = tempDir();
    writeTree(project, {
      "docker-compose.yml": "services:\n  db:\n    image: mariadb:10.11\n    volumes:\n      - ./mysql/my.cnf:/etc/mysql/conf.d/my.cnf:ro\n",
      "mysql/my.cnf": CNF,
    });
    const run = tempDir();
    mkdirSync(join(run, "data"));
    writeTree(run, { "my.cnf": CNF });
    const r = runCommand("mariadbd", [`--defaults-file=${join(run, "my.cnf")}`, "--user=root", `--datadir=${join(run, "data")}`, `--socket=${join(run, "s.sock")}`, "--skip-networking"], { cwd: run, timeoutMs: 30_000 });
    const printed = r.stderr + r.stdout;
    expect(r.status).not.toBe(0);
    expect(printed).toContain("unknown variable 'foo-bar-option=1'");
    const report = explainIn(project, composeLog("db", printed));
    expect(where(report, "mysql-unknown-variable")).toEqual(["mysql/my.cnf:3", "docker-compose.yml:3"]);
  });
});
