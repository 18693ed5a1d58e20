import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HELP } from "../../src/cli/args.js";
import { formatJson } from "../../src/formatters/json.js";
import type { StackGraph } from "../../src/graph/graph-model.js";
import { renderDot } from "../../src/graph/render-dot.js";
import { escapeHtml, fileHref, renderHtml } from "../../src/graph/render-html.js";
import { renderJson } from "../../src/graph/render-json.js";
import { mermaidText, renderMermaid } from "../../src/graph/render-mermaid.js";
import { collectSecrets } from "../../src/secrets/secrets.js";
import { runCli } from "../helpers/run-cli.js";
import { tempProject } from "../helpers/temp-project.js";
import { EDGE_CASES, EDGE_SECRETS, graphOf, MULTI_STACK, nastyGraph, SEED, seedAvailable } from "./projects.js";

const dotAvailable = spawnSync("dot", ["-V"], { stdio: "ignore" }).status === 0;
if (!dotAvailable) console.log("graph tests: graphviz `dot` not installed (bash scripts/integration-setup.sh installs it); the dot -Tsvg checks are skipped");

const scratch = mkdtempSync(join(tmpdir(), "stacklint-graph-render-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function dotSvg(dot: string): string {
  // graphviz writes "-" as &#45; in SVG text
  return execFileSync("dot", ["-Tsvg"], { input: dot, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] }).replace(/&#45;/g, "-");
}

/** Every quoted mermaid label holds only safe characters, `#code;` entities and `<br/>`. */
function expectSafeMermaid(text: string): void {
  const labels = [...text.matchAll(/"([^"\n]*)"/g)].map((m) => m[1]!);
  expect(labels.length).toBeGreaterThan(0);
  for (const label of labels) expect(label.replace(/<br\/>/g, "").replace(/#\d+;/g, "")).toMatch(/^[A-Za-z0-9 .,:/_-]*$/);
  // no quote left outside a label pair: an even number of quotes on every line
  for (const line of text.split("\n")) expect((line.match(/"/g) ?? []).length % 2).toBe(0);
}

function allFormats(graph: StackGraph, cwd: string): Record<string, string> {
  return { mermaid: renderMermaid(graph), dot: renderDot(graph), json: renderJson(graph), html: renderHtml(graph, { cwd }) };
}

describe.skipIf(!seedAvailable)("the seed-django-stack example in the four formats", () => {
  const { run, graph } = graphOf(SEED);
  const out = allFormats(graph, SEED);

  it("mermaid: a flowchart with a subgraph per network, the three connections, broken edges red", () => {
    const m = out["mermaid"]!;
    expect(m.split("\n")[0]).toBe("flowchart LR");
    for (const net of ["nginx_network", "db_network", "redis_network"]) expect(m).toContain(`subgraph net_${net}["network ${net}"]`);
    expect(m).toMatch(/subgraph net_redis_network\["network redis_network"\]\n\s+svc_redis\[\("redis<br\/>redis:latest<br\/>redis-server<br\/>listens redis 127.0.0.1:6379<br\/>#10006; listener-loopback-only/);
    expect(m).toContain('  svc_web["web<br/>build myproject<br/>FROM python:3.9<br/>uwsgi<br/>listens uwsgi 0.0.0.0:8000');
    for (const net of ["nginx_network", "db_network", "redis_network"]) expect(m).toContain(`  svc_web -.- net_${net}\n`);
    expect(m).toContain('  svc_nginx -->|"uwsgi 8000"| svc_web\n');
    expect(m).toMatch(/ {2}svc_web -->\|"redis 6379 #183; loopback only<br\/>#10006; listener-loopback-only[^"]*"\| svc_redis\n/);
    expect(m).toMatch(/ {2}svc_web -->\|"mysql 3306[^"]*"\| svc_db\n/);
    expect(m).toMatch(/ {2}host ==>\|"443#8594;443\/tcp #183; nothing listens there<br\/>#10006; [^"]*published-port-no-listener[^"]*"\| svc_nginx\n/);
    // linkStyle indexes count every link line: the web → redis edge is red
    const links = m.split("\n").filter((l) => / (-->|==>|-\.-)[ |]/.test(l));
    const redisEdge = links.findIndex((l) => l.startsWith("  svc_web -->") && l.endsWith("| svc_redis"));
    const red = /linkStyle ([\d,]+) stroke:#d32f2f/.exec(m)![1]!.split(",").map(Number);
    expect(red).toContain(redisEdge);
    expect(red).not.toContain(links.findIndex((l) => l.startsWith("  svc_nginx -->")));
    expect(m).toMatch(/class [\w,]*svc_redis[\w,]* error/);
    expectSafeMermaid(m);
  });

  it.skipIf(!dotAvailable)("dot: `dot -Tsvg` accepts it; clusters per network; the web → redis edge is red", () => {
    const d = out["dot"]!;
    for (const net of ["nginx_network", "db_network", "redis_network"]) expect(d).toContain(`subgraph cluster_net_${net} {`);
    const svg = dotSvg(d);
    for (const name of ["redis", "db", "web", "nginx"]) expect(svg).toContain(`>${name}</text>`);
    const edge = /<g id="c_web_redis" class="edge">([\s\S]*?)<\/g>/.exec(svg)?.[1] ?? "";
    expect(edge).toContain('stroke="#d32f2f"');
    expect(edge).toContain("listener-loopback-only");
    const ok = /<g id="c_nginx_web" class="edge">([\s\S]*?)<\/g>/.exec(svg)?.[1] ?? "";
    expect(ok).toContain("uwsgi 8000");
    expect(ok).not.toContain("#d32f2f");
    for (const net of ["nginx_network", "db_network", "redis_network"]) expect(svg).toContain(`network ${net}`);
    writeFileSync(join(scratch, "seed.svg"), svg);
  });

  it("json: the graph model, parseable and stable", () => {
    const parsed = JSON.parse(out["json"]!) as StackGraph;
    expect(parsed.version).toBe(1);
    expect(parsed.nodes.map((n) => n.name)).toEqual(["Docker host", "redis", "db", "web", "nginx"]);
    expect(parsed.edges.find((e) => e.id === "c_web_redis")).toMatchObject({ from: "svc_web", to: "svc_redis", label: "redis 6379", status: "error", resolution: "loopback-only" });
    expect(parsed.findings).toHaveLength(run.result.diagnostics.length);
  });

  it("html: one file, nothing fetched, every finding linked to its file:line", () => {
    const h = out["html"]!;
    expect(h).toMatch(/^<!doctype html>/);
    expect(h).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(h).not.toMatch(/<script[^>]+src=|<link\b|@import|url\(\s*["']?https?:/i);
    // the only http(s) address is the SVG namespace
    expect([...h.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((x) => x[0])).toEqual(["http://www.w3.org/2000/svg"]);
    expect(h).toContain(`href="${fileHref(SEED, "compose/redis/redis.conf", 5)}"`);
    expect(fileHref(SEED, "compose/redis/redis.conf", 5)).toBe(`file://${SEED}/compose/redis/redis.conf#L5`);
    expect((h.match(/<li class="finding /g) ?? []).length).toBe(run.result.diagnostics.length);
    expect(h).toContain('data-targets="svc_redis c_web_redis"');
    for (const id of ["svc_redis", "svc_db", "svc_web", "svc_nginx", "c_web_redis", "c_nginx_web", "c_web_db", "net_redis_network"]) expect(h).toContain(`data-id="${id}"`);
  });

  it("no secret the lint report hides shows up in any format", () => {
    const report = formatJson(run.result);
    const hidden = collectSecrets(run.project).map((s) => s.value).filter((v) => v.length >= 4 && !report.includes(v));
    expect(hidden.length).toBeGreaterThan(0);
    for (const [format, text] of Object.entries(out)) for (const v of hidden) expect(text.includes(v), `${format} shows a secret`).toBe(false);
  });
});

describe("secrets never appear", () => {
  it("credentials in URLs and environment values stay out of every format and the lint html", () => {
    const dir = tempProject(EDGE_CASES);
    const { graph } = graphOf(dir);
    const texts = { ...allFormats(graph, dir), lintHtml: runCli(dir, ["--format", "html"]).stdout, graphCli: runCli(dir, ["graph", "-f", "json"]).stdout };
    for (const [format, text] of Object.entries(texts)) {
      expect(text.length, format).toBeGreaterThan(100);
      for (const secret of EDGE_SECRETS) expect(text.includes(secret), `${format} shows ${secret}`).toBe(false);
    }
  });
});

describe("escaping", () => {
  it("mermaid labels: entities for everything but plain characters", () => {
    expect(mermaidText('a "b" [c] |d| #e; <f> 中')).toBe("a #34;b#34; #91;c#93; #124;d#124; #35;e#59; #60;f#62; #20013;");
    expectSafeMermaid(renderMermaid(nastyGraph()));
  });

  it("html: text escaped, no markup from names", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    const h = renderHtml(nastyGraph(), { cwd: "/tmp" });
    expect(h).not.toContain("<script>window.__pwned");
    expect(h).toContain("&lt;script&gt;window.__pwned=1&lt;/script&gt;");
  });

  it.skipIf(!dotAvailable)("dot: `dot -Tsvg` accepts names with quotes, backslashes and newlines", () => {
    const svg = dotSvg(renderDot(nastyGraph()));
    expect(svg).toContain("&lt;script&gt;");
  });

  it.skipIf(!dotAvailable)("dot: two stacks nest their network clusters", () => {
    const dot = renderDot(graphOf(tempProject(MULTI_STACK)).graph);
    expect(dot).toMatch(/subgraph cluster_stack_0 \{[\s\S]*subgraph cluster_net_default \{[\s\S]*subgraph cluster_stack_1 \{[\s\S]*subgraph cluster_net_bridge \{/);
    expect(dotSvg(dot)).toContain("(without compose)");
  });

  it.skipIf(!dotAvailable)("dot: the edge-case stack renders", () => {
    const dir = tempProject(EDGE_CASES);
    const svg = dotSvg(renderDot(graphOf(dir).graph));
    expect(svg).toContain("protocol mismatch");
    expect(svg).toContain("unknown host");
  });
});

describe("CLI", () => {
  it("stacklint graph: mermaid by default, dot/json/html on request, to a file with -o", () => {
    const dir = tempProject(EDGE_CASES);
    const mermaid = runCli(dir, ["graph"]);
    expect(mermaid.code).toBe(0);
    expect(mermaid.stdout.startsWith("flowchart LR\n")).toBe(true);
    expect(runCli(dir, ["graph", "--format", "dot"]).stdout.startsWith("digraph stack {")).toBe(true);
    expect(JSON.parse(runCli(dir, ["graph", "--format=json", "."]).stdout).version).toBe(1);
    const written = runCli(dir, ["graph", "-f", "html", "-o", "stack.html"]);
    expect(written).toMatchObject({ code: 0, stdout: "" });
    expect(readFileSync(join(dir, "stack.html"), "utf8")).toMatch(/^<!doctype html>/);
  });

  it("stacklint graph: usage errors exit 2", () => {
    const dir = tempProject(EDGE_CASES);
    expect(runCli(dir, ["graph", "-f", "svg"])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown format "svg" for graph') });
    expect(runCli(dir, ["graph", "missing-dir"])).toMatchObject({ code: 2 });
    expect(runCli(dir, ["graph", "--bogus"])).toMatchObject({ code: 2 });
    expect(runCli(dir, ["graph", "--help"]).stdout).toContain("Usage: stacklint graph");
  });

  it("stacklint --format html: the lint report as the same page, lint exit codes", () => {
    const dir = tempProject(EDGE_CASES);
    const r = runCli(dir, ["--format", "html"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^<!doctype html>/);
    expect(r.stdout).toContain('<svg class="stack"');
    expect(r.stdout).toContain("proxy-protocol-mismatch");
  });

  it("--help lists the graph command and the html format", () => {
    expect(HELP).toContain("stacklint graph [paths...] [--format mermaid|dot|json|html]");
    expect(HELP).toContain("html (one self-contained page");
  });
});
