import { existsSync } from "node:fs";
import { join } from "node:path";
import type { LintRun } from "../../src/engine/lint.js";
import { buildGraph, type StackGraph } from "../../src/graph/graph-model.js";
import { lintDir } from "../helpers/lint-dir.js";

/** The seed example, read where it lives (never copied). */
export const SEED = join(import.meta.dirname, "..", "..", "..", "shared", "examples", "seed-django-stack");
export const seedAvailable = existsSync(join(SEED, "docker-compose.yml"));

/** Secret values written into EDGE_CASES: none may appear in any rendering. */
export const EDGE_SECRETS = ["S3cr3t-Xy9-pass", "An0ther-Secr3t-Tok", "R00t-Pa55-Zq8"];

/**
 * Every edge verdict in one small stack: a unix socket on a shared volume (ok),
 * uwsgi_pass to an HTTP listener (protocol mismatch), an unknown upstream host,
 * a redis on a network the client is not on (unreachable), credentials in URLs.
 */
export const EDGE_CASES: Record<string, string> = {
  "docker-compose.yml": `services:
  proxy:
    image: nginx:1.27
    ports:
      - "8080:80"
    volumes:
      - ./nginx.conf:/etc/nginx/conf.d/default.conf:ro
      - appsock:/run/app
    networks: [front]
  app:
    image: example/app:1.0
    command: uwsgi --ini /etc/uwsgi/app.ini
    volumes:
      - ./uwsgi.ini:/etc/uwsgi/app.ini:ro
      - appsock:/run/app
    environment:
      DATABASE_URL: mysql://app:S3cr3t-Xy9-pass@db:3306/app
      CACHE_URL: redis://:An0ther-Secr3t-Tok@cache:6379/0
    networks: [front, back]
  db:
    image: mysql:8.0
    environment:
      MYSQL_ROOT_PASSWORD: R00t-Pa55-Zq8
      MYSQL_PASSWORD: S3cr3t-Xy9-pass
    networks: [back]
  cache:
    image: redis:7.2
    networks: [other]
networks:
  front: {}
  back: {}
  other: {}
volumes:
  appsock: {}
`,
  "nginx.conf": `server {
    listen 80;
    location / {
        include uwsgi_params;
        uwsgi_pass unix:/run/app/app.sock;
    }
    location /api/ {
        include uwsgi_params;
        uwsgi_pass app:8000;
    }
    location /search/ {
        proxy_pass http://search:9200;
    }
    location "/q\\"uote<b>" {
        proxy_pass http://app:8000;
    }
}
`,
  "uwsgi.ini": "[uwsgi]\nsocket = /run/app/app.sock\nhttp-socket = 0.0.0.0:8000\nmodule = app.wsgi\n",
};

export function graphOf(dir: string): { run: LintRun; graph: StackGraph } {
  const run = lintDir(dir);
  return { run, graph: buildGraph({ model: run.model, project: run.project, result: run.result, redact: run.redact }) };
}

/** A hand-made graph whose every text holds characters that break naive mermaid, DOT or HTML output. */
export function nastyGraph(): StackGraph {
  const nasty = 'we"b] |x| <script>window.__pwned=1</script> #1; `a` \\ {b} end\nnext 中文 ✓';
  const marked = { findings: [0], ruleIds: ["rule-a", "rule-b", "rule-c", "rule-d"], status: "error" as const };
  const base = { stack: 0, role: "app" as const, origin: "compose" as const, build: undefined, networkMode: undefined, at: { file: "a.yml", line: 1 } };
  return {
    version: 1,
    stacks: [{ index: 0, id: `stack ${nasty}` }],
    nodes: [
      { id: "host", kind: "host", name: "Docker host", stack: undefined, role: "host", origin: undefined, image: undefined, build: undefined, program: undefined, listeners: [], networks: [], networkMode: undefined, at: undefined, findings: [], ruleIds: [], status: "ok" },
      { ...base, id: "svc_a", kind: "container", name: nasty, image: `img:${nasty}`, program: nasty, listeners: [{ protocol: "http", address: "::", port: 80, socket: undefined, program: "nginx", implicit: false, at: undefined }], networks: ["net_n"], ...marked },
      { ...base, id: "svc_b", kind: "container", name: "b", role: "data", image: "redis:7", program: "redis-server", listeners: [{ protocol: "uwsgi", address: undefined, port: undefined, socket: `/run/${nasty}.sock`, program: "uwsgi", implicit: false, at: undefined }], networks: ["net_n", "net_m"], findings: [], ruleIds: [], status: "ok" },
      { ...base, id: "unknown_x", kind: "unknown-host", name: nasty, stack: undefined, role: "outside", origin: undefined, image: undefined, program: undefined, listeners: [], networks: [], at: undefined, findings: [], ruleIds: [], status: "error" },
    ],
    edges: [
      { id: "c_a_b", kind: "connection", from: "svc_a", to: "svc_b", protocol: "uwsgi", port: undefined, socket: nasty, label: `uwsgi unix:${nasty}`, client: "nginx", resolution: "socket-not-shared", at: undefined, ...marked },
      { id: "c_a_x", kind: "connection", from: "svc_a", to: "unknown_x", protocol: "http", port: 80, socket: undefined, label: "http 80", client: "nginx", resolution: "unknown-host", at: undefined, findings: [], ruleIds: [], status: "error" },
      { id: "c_b_b", kind: "connection", from: "svc_b", to: "svc_b", protocol: "redis", port: 6379, socket: undefined, label: "redis 6379", client: "env", resolution: "ok", at: undefined, findings: [], ruleIds: [], status: "ok" },
      { id: "p_b", kind: "published", from: "host", to: "svc_b", protocol: "tcp", port: 6379, socket: undefined, label: "6379→6379/tcp", client: "docker", resolution: "ok", at: undefined, findings: [], ruleIds: [], status: "ok" },
    ],
    groups: [
      { id: "net_n", kind: "network", name: nasty, stack: 0, members: ["svc_a", "svc_b"], at: undefined, findings: [], ruleIds: [], status: "ok" },
      { id: "net_m", kind: "network", name: "default", stack: 0, members: ["svc_b"], at: undefined, ...marked },
    ],
    resources: [{ id: "vol_v", kind: "volume", name: nasty, stack: 0, members: [{ node: "svc_a", path: "/x", readOnly: true, role: "mount" }, { node: "svc_b", path: "/y", readOnly: false, role: "mount" }], at: undefined, ...marked }],
    findings: [{ ruleId: "rule-a", severity: "error", message: `message ${nasty}`, file: `dir/${nasty}.conf`, line: 3, column: 1, targets: ["svc_a", "c_a_b", "net_m", "vol_v"] }],
    summary: { errors: 1, warnings: 0, infos: 0 },
  };
}

/** Two stacks (compose, and a `docker run` script) and an nginx on the host in front of both. */
export const MULTI_STACK: Record<string, string> = {
  "docker-compose.yml": "services:\n  app:\n    image: example/app:1.0\n    command: gunicorn -b 0.0.0.0:8000 app.wsgi\n    ports:\n      - \"8000:8000\"\n",
  "run.sh": "#!/bin/sh\ndocker run -d --name cache -p 6379:6379 redis:7.2\n",
  "site/nginx.conf": "server {\n    listen 80;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n    }\n    location /c/ {\n        proxy_pass http://cache-host:6379;\n    }\n}\n",
};
