import { describe, expect, it } from "vitest";
import { buildGraph, type GraphEdge, type StackGraph } from "../../src/graph/graph-model.js";
import { renderJson } from "../../src/graph/render-json.js";
import { tempProject } from "../helpers/temp-project.js";
import { EDGE_CASES, graphOf, MULTI_STACK, SEED, seedAvailable } from "./projects.js";

function edge(graph: StackGraph, from: string, to: string, port?: number): GraphEdge {
  const found = graph.edges.filter((e) => e.from === from && e.to === to && (port === undefined || e.port === port));
  expect(found, `edge ${from} → ${to}${port ? `:${port}` : ""}`).toHaveLength(1);
  return found[0]!;
}

describe.skipIf(!seedAvailable)("graph of the seed-django-stack example", () => {
  const { graph } = graphOf(SEED);

  it("has the four containers and the Docker host", () => {
    expect(graph.nodes.map((n) => n.id).sort()).toEqual(["host", "svc_db", "svc_nginx", "svc_redis", "svc_web"]);
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    expect(byId.get("svc_redis")).toMatchObject({ name: "redis", image: "redis:latest", program: "redis-server", role: "data", origin: "compose" });
    expect(byId.get("svc_db")).toMatchObject({ name: "db", image: "mysql", program: "mysqld", role: "data" });
    expect(byId.get("svc_web")).toMatchObject({ name: "web", image: undefined, build: { context: "myproject", base: "python:3.9" }, program: "uwsgi", role: "app" });
    expect(byId.get("svc_nginx")).toMatchObject({ name: "nginx", build: { context: "compose/nginx", base: "nginx:latest" }, program: "nginx", role: "proxy" });
    expect(byId.get("svc_redis")!.listeners).toEqual([
      { protocol: "redis", address: "127.0.0.1", port: 6379, socket: undefined, program: "redis-server", implicit: false, at: { file: "compose/redis/redis.conf", line: 5 } },
    ]);
    expect(byId.get("svc_web")!.listeners.map((l) => [l.protocol, l.address, l.port])).toEqual([["uwsgi", "0.0.0.0", 8000]]);
    expect(byId.get("svc_nginx")!.listeners.map((l) => [l.protocol, l.address, l.port])).toEqual([["http", "0.0.0.0", 80]]);
  });

  it("draws nginx → web (uwsgi 8000) as working", () => {
    const e = edge(graph, "svc_nginx", "svc_web");
    expect(e).toMatchObject({ kind: "connection", protocol: "uwsgi", port: 8000, label: "uwsgi 8000", client: "nginx", resolution: "ok", status: "ok" });
    expect(e.at).toEqual({ file: "compose/nginx/nginx.conf", line: 6 });
  });

  it("draws web → redis 6379 red with listener-loopback-only", () => {
    const e = edge(graph, "svc_web", "svc_redis");
    expect(e).toMatchObject({ protocol: "redis", port: 6379, label: "redis 6379", client: "django-cache", resolution: "loopback-only", status: "error" });
    expect(e.ruleIds).toContain("listener-loopback-only");
    const redis = graph.nodes.find((n) => n.id === "svc_redis")!;
    expect(redis.status).toBe("error");
    expect(redis.ruleIds[0]).toBe("listener-loopback-only");
  });

  it("draws web → db mysql 3306 as reaching a listener", () => {
    const e = edge(graph, "svc_web", "svc_db");
    expect(e).toMatchObject({ protocol: "mysql", port: 3306, label: "mysql 3306", client: "django-db", resolution: "ok" });
    expect(e.ruleIds).not.toContain("listener-loopback-only");
    expect(e.status).not.toBe("error");
  });

  it("draws the published ports from the host; 443 (no listener) and 6379 (loopback listener) are broken", () => {
    const published = graph.edges.filter((e) => e.kind === "published").map((e) => [e.to, e.label, e.resolution]);
    expect(published).toEqual([
      ["svc_redis", "6379→6379/tcp", "loopback-only"],
      ["svc_db", "3306→3306/tcp", "ok"],
      ["svc_nginx", "80→80/tcp", "ok"],
      ["svc_nginx", "443→443/tcp", "port-mismatch"],
    ]);
    expect(edge(graph, "host", "svc_redis", 6379).status).toBe("error");
    expect(edge(graph, "host", "svc_nginx", 443).status).toBe("error");
    expect(edge(graph, "host", "svc_nginx", 443).ruleIds).toContain("published-port-no-listener");
    expect(edge(graph, "host", "svc_db", 3306).ruleIds).toContain("database-port-published");
  });

  it("groups the containers by network (web is on all three)", () => {
    expect(graph.groups.map((g) => [g.name, [...g.members].sort()])).toEqual([
      ["nginx_network", ["svc_nginx", "svc_web"]],
      ["db_network", ["svc_db", "svc_web"]],
      ["redis_network", ["svc_redis", "svc_web"]],
    ]);
    expect(graph.nodes.find((n) => n.id === "svc_web")!.networks).toEqual(["net_nginx_network", "net_db_network", "net_redis_network"]);
  });

  it("lists the volumes with the containers mounting them (static and media shared by web and nginx)", () => {
    const volumes = Object.fromEntries(graph.resources.filter((r) => r.kind === "volume").map((r) => [r.name, r.members.map((m) => `${m.node}:${m.path}`)]));
    expect(volumes).toEqual({
      db_vol: ["svc_db:/var/lib/mysql"],
      redis_vol: ["svc_redis:/data"],
      media_vol: ["svc_web:/var/www/html/myproject/media", "svc_nginx:/usr/share/nginx/html/media"],
      static_vol: ["svc_web:/var/www/html/myproject/static", "svc_nginx:/usr/share/nginx/html/static"],
    });
  });

  it("attributes findings through file locations: config files to their container, compose lines to their element", () => {
    const on = (file: string, line: number, ruleId: string): string[] => {
      const f = graph.findings.filter((x) => x.file === file && x.line === line && x.ruleId === ruleId);
      expect(f.length, `${file}:${line} ${ruleId}`).toBeGreaterThan(0);
      return f[0]!.targets;
    };
    expect(on("compose/redis/redis.conf", 5, "listener-loopback-only")).toEqual(["svc_redis", "c_web_redis"]);
    expect(on("myproject/Dockerfile", 32, "crlf-fix-wrong")).toEqual(["svc_web"]);
    expect(on("myproject/uwsgi.ini", 21, "main-process-daemonizes")).toEqual(["svc_web"]);
    expect(on("docker-compose.yml", 49, "bind-mount-hides-image")).toEqual(["svc_web"]);
    expect(on("docker-compose.yml", 61, "keepalive-hack")).toEqual(["svc_web"]);
    expect(on("compose/nginx/nginx.conf", 20, "alias-prefix-overmatch")).toEqual(["svc_nginx"]);
    expect(on("compose/mysql/conf/my.cnf", 7, "image-config-version")).toEqual(["svc_db"]);
    expect(on("myproject/.env", 1, "plaintext-secret")).toEqual(["svc_db"]);
    expect(on("docker-compose.yml", 68, "published-port-no-listener")).toEqual(["p_nginx_443"]);
    // `version:` is about the file, not an element
    expect(on("docker-compose.yml", 1, "compose-version-obsolete")).toEqual([]);
    // a finding that only names the nginx upstream directive as context does not mark the edge
    expect(on("compose/nginx/nginx.conf", 35, "proxy-directive-in-uwsgi-location")).toEqual(["svc_nginx"]);
    // every element's findings point back to findings that target it
    for (const el of [...graph.nodes, ...graph.edges, ...graph.groups, ...graph.resources]) {
      for (const i of el.findings) expect(graph.findings[i]!.targets).toContain(el.id);
    }
  });

  it("is stable: the same JSON on every run", () => {
    expect(renderJson(graphOf(SEED).graph)).toBe(renderJson(graph));
  });

  it("marks only what a filtered result (--quiet) still holds", () => {
    const { run } = graphOf(SEED);
    const errorsOnly = { ...run.result, diagnostics: run.result.diagnostics.filter((d) => d.severity === "error") };
    const quiet = buildGraph({ model: run.model, project: run.project, result: errorsOnly, redact: run.redact });
    expect(quiet.findings.every((f) => f.severity === "error")).toBe(true);
    expect(quiet.nodes.find((n) => n.id === "svc_nginx")!.status).toBe("ok");
    expect(quiet.edges.find((e) => e.id === "c_web_redis")!.status).toBe("error");
  });
});

describe("edge verdicts", () => {
  it("socket on a shared volume, protocol mismatch, unknown host, unreachable network", () => {
    const { graph } = graphOf(tempProject(EDGE_CASES));
    const verdicts = graph.edges.map((e) => [e.from, e.to, e.label, e.resolution]);
    expect(verdicts).toEqual([
      ["svc_proxy", "svc_app", "uwsgi unix:/run/app/app.sock", "ok"],
      ["svc_proxy", "svc_app", "uwsgi 8000", "protocol-mismatch"],
      ["svc_proxy", "unknown_search", "http 9200", "unknown-host"],
      ["svc_proxy", "svc_app", "http 8000", "ok"],
      ["svc_app", "svc_db", "mysql 3306", "ok"],
      ["svc_app", "svc_cache", "redis 6379", "unreachable"],
      ["host", "svc_proxy", "8080→80/tcp", "ok"],
    ]);
    const byLabel = new Map(graph.edges.map((e) => [`${e.from}>${e.label}`, e]));
    expect(byLabel.get("svc_proxy>uwsgi 8000")!.ruleIds).toEqual(["proxy-protocol-mismatch"]);
    expect(byLabel.get("svc_proxy>http 9200")!.ruleIds).toEqual(["upstream-host-unknown"]);
    expect(byLabel.get("svc_app>redis 6379")!.ruleIds).toContain("upstream-host-unknown");
    for (const label of ["svc_proxy>uwsgi 8000", "svc_proxy>http 9200", "svc_app>redis 6379"]) expect(byLabel.get(label)!.status).toBe("error");
    const unknown = graph.nodes.find((n) => n.id === "unknown_search")!;
    expect(unknown).toMatchObject({ kind: "unknown-host", name: "search", role: "outside", status: "error" });
    const socket = graph.resources.find((r) => r.kind === "socket")!;
    expect(socket.members.map((m) => [m.node, m.role])).toEqual([["svc_app", "creates"], ["svc_proxy", "connects"]]);
  });

  it("a socket on no shared volume is not shared; a port nobody listens on is a mismatch", () => {
    const { graph } = graphOf(tempProject({
      ...EDGE_CASES,
      "docker-compose.yml": EDGE_CASES["docker-compose.yml"]!.replace("      - appsock:/run/app\n    networks: [front]", "    networks: [front]"),
      "nginx.conf": "server {\n    listen 80;\n    location / {\n        include uwsgi_params;\n        uwsgi_pass unix:/run/app/app.sock;\n    }\n    location /x/ {\n        proxy_pass http://app:8001;\n    }\n}\n",
    }));
    expect(graph.edges.filter((e) => e.from === "svc_proxy").map((e) => [e.label, e.resolution, e.status])).toEqual([
      ["uwsgi unix:/run/app/app.sock", "socket-not-shared", "error"],
      ["http 8001", "port-mismatch", "error"],
    ]);
  });

  it("an nginx on the host reaches containers through published ports", () => {
    const { graph } = graphOf(tempProject({
      "docker-compose.yml": "services:\n  app:\n    image: example/app:1.0\n    command: gunicorn -b 127.0.0.1:8000 app.wsgi\n    ports:\n      - \"127.0.0.1:8000:8000\"\n",
      "nginx/site.conf": "server {\n    listen 80;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n    }\n}\n",
    }));
    const host = graph.nodes.find((n) => n.kind === "host")!;
    expect(host.program).toBe("nginx");
    const e = graph.edges.find((x) => x.kind === "connection")!;
    expect([e.from, e.to, e.label, e.resolution]).toEqual(["host", "svc_app", "http 8000", "loopback-only"]);
    expect(graph.edges.find((x) => x.kind === "published")!.label).toBe("127.0.0.1:8000→8000/tcp");
  });

  it("two stacks and an nginx on the host: the host reaches the compose app through its published port", () => {
    const { graph } = graphOf(tempProject(MULTI_STACK));
    expect(graph.stacks.map((s) => s.id)).toEqual(["docker-compose.yml", "(without compose)"]);
    expect(graph.nodes.map((n) => [n.id, n.kind, n.stack])).toEqual([
      ["host", "host", undefined], ["svc_app", "container", 0], ["svc_cache", "container", 1], ["ext_cache_host", "external", undefined],
    ]);
    expect(graph.nodes[0]!.program).toBe("nginx");
    expect(graph.edges.map((e) => [e.from, e.to, e.label, e.resolution])).toEqual([
      ["host", "svc_app", "http 8000", "ok"],
      // a name the host may resolve (/etc/hosts): outside the stack, not judged
      ["host", "ext_cache_host", "http 6379", "external"],
      ["host", "svc_app", "8000→8000/tcp", "ok"],
      ["host", "svc_cache", "6379→6379/tcp", "ok"],
    ]);
    expect(graph.groups.map((g) => [g.id, g.stack])).toEqual([["net_default", 0], ["net_bridge", 1]]);
  });

  it("a project without any container gives an empty graph", () => {
    const { graph } = graphOf(tempProject({ "README.md": "nothing here\n" }));
    expect(graph).toMatchObject({ nodes: [], edges: [], groups: [], resources: [] });
  });
});
