/**
 * proxy-protocol-mismatch against real nginx + uWSGI: `proxy_pass http://` to a uWSGI
 * `socket` (uwsgi protocol) gives 502; `uwsgi_pass` to the same socket gives 200.
 */
import { NGINX_WEB_COMPOSE, UWSGI_APT_DOCKERFILE } from "./projects.js";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  adaptConfig, findingsOf, freePort, httpGet, lineAt, requireReal, runStacklint, startProcess, tempDir, waitForPort, writeTree,
} from "./harness.js";

const UWSGI_PARAMS = "/etc/nginx/uwsgi_params";
const gate = requireReal("nginx ↔ uWSGI protocol", {
  programs: ["nginx", "uwsgi"],
  files: ["/usr/lib/uwsgi/plugins/python3_plugin.so", UWSGI_PARAMS],
});



const UWSGI_INI = `[uwsgi]
plugins = python3
socket = 0.0.0.0:8000
wsgi-file = /app/app.py
master = true
processes = 1
`;

const APP_PY = `def application(environ, start_response):
    body = b"hello from wsgi\\n"
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
`;

/** Line 4 is the directive stacklint must point at. */
const NGINX_HTTP = `server {
    listen 80;
    location / {
        proxy_pass http://web:8000;
    }
}
`;

const NGINX_UWSGI = `server {
    listen 80;
    location / {
        uwsgi_pass web:8000;
        include uwsgi_params;
    }
}
`;

interface Observed {
  status: number;
  body: string;
  nginxErrorLog: string;
  uwsgiLog: string;
  /** The conf nginx really ran (same lines as the project's). */
  ranConf: string;
}

/** Build the project, then run real uWSGI + nginx on its configs adapted to loopback and free ports. */
async function runStack(nginxConf: string): Promise<{ project: string; observed: Observed }> {
  const project = tempDir();
  writeTree(project, {
    "docker-compose.yml": NGINX_WEB_COMPOSE,
    "nginx/app.conf": nginxConf,
    "app/Dockerfile": UWSGI_APT_DOCKERFILE,
    "app/uwsgi.ini": UWSGI_INI,
    "app/app.py": APP_PY,
  });

  const run = tempDir();
  const [webPort, nginxPort] = [await freePort(), await freePort()];
  const ini = adaptConfig(UWSGI_INI, [["0.0.0.0:8000", `127.0.0.1:${webPort}`], ["/app/app.py", join(project, "app/app.py")]]);
  const ranConf = adaptConfig(nginxConf, [["listen 80;", `listen 127.0.0.1:${nginxPort};`], ["web:8000", `127.0.0.1:${webPort}`]]);
  const errorLog = join(run, "error.log");
  mkdirSync(join(run, "tmp"));
  copyFileSync(UWSGI_PARAMS, join(run, "uwsgi_params"));
  writeTree(run, {
    "uwsgi.ini": ini,
    "app.conf": ranConf,
    // The official image's main config: conf.d/*.conf is included inside http {}.
    "nginx.conf": `daemon off;
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
    include ${join(run, "app.conf")};
}
`,
  });

  // uWSGI 2.0 reloads on SIGTERM; SIGINT stops it.
  const uwsgi = startProcess("uwsgi", ["--ini", join(run, "uwsgi.ini")], { cwd: run, stopSignal: "SIGINT", timeoutMs: 15_000 });
  const nginx = startProcess("nginx", ["-p", `${run}/`, "-c", join(run, "nginx.conf"), "-e", errorLog], { cwd: run, timeoutMs: 15_000 });
  expect(await uwsgi.waitForOutput(/spawned uWSGI worker 1/, 8_000), uwsgi.output()).toBe(true);
  await waitForPort("127.0.0.1", nginxPort, 5_000);

  const response = await httpGet(`http://127.0.0.1:${nginxPort}/`);
  // Let both programs write their log lines about this request.
  await uwsgi.waitForOutput(/invalid request block size|GET \/ =>/, 2_000);
  await nginx.stop();
  await uwsgi.stop();
  return {
    project,
    observed: { status: response.status, body: response.body, nginxErrorLog: readFileSync(errorLog, "utf8"), uwsgiLog: uwsgi.output(), ranConf },
  };
}

describe.skipIf(gate.skip)("nginx ↔ uWSGI protocol (real nginx + uWSGI)", () => {
  it("bad: proxy_pass http:// to a uWSGI socket → 502, both logs say why; stacklint: proxy-protocol-mismatch at the proxy_pass line", async () => {
    const { project, observed } = await runStack(NGINX_HTTP);
    expect(observed.status).toBe(502);
    expect(observed.nginxErrorLog).toMatch(/\[error\] .*upstream prematurely closed connection while reading response header from upstream/);
    expect(observed.uwsgiLog).toContain("invalid request block size: 21573 (max 4096)...skip");
    expect(lineAt(observed.ranConf, 4)).toMatch(/^\s*proxy_pass http:\/\/127\.0\.0\.1:\d+;$/);

    const result = runStacklint(project);
    expect(findingsOf(result, "proxy-protocol-mismatch")).toEqual(["nginx/app.conf:4"]);
    const d = result.diagnostics.find((x) => x.ruleId === "proxy-protocol-mismatch");
    expect(d?.related.map((r) => `${r.file}:${r.line}`)).toContain("app/uwsgi.ini:3");
  });

  it("good: uwsgi_pass to the same socket → 200 with the app's body; stacklint is silent", async () => {
    const { project, observed } = await runStack(NGINX_UWSGI);
    expect(observed.status).toBe(200);
    expect(observed.body).toBe("hello from wsgi\n");
    expect(observed.nginxErrorLog).not.toContain("upstream prematurely closed");
    expect(observed.uwsgiLog).not.toContain("invalid request block size");

    expect(findingsOf(runStacklint(project), "proxy-protocol-mismatch")).toEqual([]);
  });
});
