/**
 * The HTML report and the mermaid output in a real headless browser:
 * Debian's chromium (bash scripts/integration-setup.sh installs it), driven by
 * playwright-core (which never downloads a browser of its own). The mermaid
 * text is checked with the real mermaid (the npm package's browser bundle,
 * loaded into a blank page here; the HTML report itself never loads it).
 * Screenshots go to the test's temp dir (kept, and its path printed, when
 * STACKLINT_KEEP_SCREENSHOTS=1).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StackGraph } from "../../src/graph/graph-model.js";
import { renderHtml } from "../../src/graph/render-html.js";
import { renderMermaid } from "../../src/graph/render-mermaid.js";
import { tempProject } from "../helpers/temp-project.js";
import { EDGE_CASES, graphOf, MULTI_STACK, nastyGraph, SEED, seedAvailable } from "./projects.js";

const CHROMIUM = "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available) console.log(`graph browser tests skipped: ${CHROMIUM} is not installed (bash scripts/integration-setup.sh installs it)`);
const MERMAID = createRequire(import.meta.url).resolve("mermaid/dist/mermaid.min.js");

const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

interface MermaidResult {
  ok: boolean;
  error: string | undefined;
  nodes: string[];
  clusters: string[];
  links: { id: string; style: string }[];
  pwned: boolean;
}

describe.skipIf(!available || !seedAvailable)("headless chromium", () => {
  let context: BrowserContext;
  let dir: string;
  let profile: string;
  const requests: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "stacklint-graph-browser-"));
    profile = mkdtempSync(join(tmpdir(), "stacklint-chromium-profile-"));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1600, height: 1000 } });
    context.on("request", (r) => requests.push(r.url()));
  }, 30_000);

  afterAll(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    if (process.env["STACKLINT_KEEP_SCREENSHOTS"] === "1") console.log(`graph browser tests: screenshots in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  });

  async function open(html: string, name: string): Promise<Page> {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, html);
    const page = await context.newPage();
    page.on("pageerror", (e) => problems.push(`${name}: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`${name}: ${m.text()}`);
    });
    requests.length = 0;
    await page.goto(`file://${file}`);
    return page;
  }

  it("the seed report: SVG nodes, edges, networks and the findings list; nothing fetched", async () => {
    const { run, graph } = graphOf(SEED);
    const page = await open(renderHtml(graph, { cwd: SEED }), "seed-report");
    expect(requests.filter((u) => !u.startsWith("file://"))).toEqual([]);
    const ids = async (selector: string): Promise<string[]> => page.locator(selector).evaluateAll((els) => els.map((e) => e.getAttribute("data-id") ?? ""));
    expect((await ids("svg.stack g.node")).sort()).toEqual(["host", "svc_db", "svc_nginx", "svc_redis", "svc_web"]);
    expect((await ids("svg.stack g.edge")).sort()).toEqual(["c_nginx_web", "c_web_db", "c_web_redis", "p_db_3306", "p_nginx_443", "p_nginx_80", "p_redis_6379"]);
    expect((await ids("svg.stack g.group")).sort()).toEqual(["net_db_network", "net_nginx_network", "net_redis_network"]);
    expect((await ids("svg.stack g.resource")).sort()).toEqual(["vol_media_vol", "vol_static_vol"]);
    expect(await page.locator("svg.stack g.node text.name").allTextContents()).toEqual(expect.arrayContaining(["redis", "db", "web", "nginx"]));
    expect(await page.locator("li.finding").count()).toBe(run.result.diagnostics.length);
    // red: the broken edge's line is drawn in the error colour, the working one is not
    const stroke = (id: string): Promise<string> => page.locator(`g.edge[data-id="${id}"] path.line`).evaluate((p) => getComputedStyle(p).stroke);
    expect(await stroke("c_web_redis")).toBe("rgb(211, 47, 47)");
    expect(await stroke("c_nginx_web")).not.toBe("rgb(211, 47, 47)");
    expect(await page.locator('g.edge[data-id="c_web_redis"] .label').textContent()).toContain("listener-loopback-only");
    // the layout keeps nodes apart and inside the drawing
    const boxes = await page.locator("svg.stack g.node").evaluateAll((els) => els.map((e) => (e as SVGGraphicsElement).getBBox()).map((b) => ({ x: b.x, y: b.y, w: b.width, h: b.height })));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h, `nodes ${i} and ${j} overlap`).toBe(false);
      }
    }
    // each finding links to its file:line
    const href = await page.locator('li.finding[data-targets~="c_web_redis"] a.loc').first().getAttribute("href");
    expect(href).toBe(`file://${SEED}/compose/redis/redis.conf#L5`);
    await page.screenshot({ path: join(dir, "seed-report.png"), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it("hovering a finding highlights its edge; hovering a node highlights its findings; clicking filters", async () => {
    const { graph } = graphOf(SEED);
    const page = await open(renderHtml(graph, { cwd: SEED }), "seed-hover");
    const edge = page.locator('g.edge[data-id="c_web_redis"]');
    expect(await edge.getAttribute("class")).not.toContain(" hl");
    const finding = page.locator('li.finding[data-targets~="c_web_redis"]', { hasText: "listener-loopback-only" });
    await finding.hover();
    expect(await edge.getAttribute("class")).toContain(" hl");
    expect(await page.locator('g.node[data-id="svc_redis"]').getAttribute("class")).toContain(" hl");
    expect(await page.locator('g.node[data-id="svc_nginx"]').getAttribute("class")).not.toContain(" hl");
    expect(await page.locator("svg.stack").getAttribute("class")).toContain("focus");
    expect(await edge.locator("path.line").evaluate((p) => getComputedStyle(p).strokeWidth)).toBe("5px");
    await page.screenshot({ path: join(dir, "seed-hover-finding.png") });
    // and back: a node lights up the findings that concern it
    await page.locator('g.node[data-id="svc_nginx"]').hover();
    const lit = await page.locator("li.finding.hl").evaluateAll((els) => els.map((e) => e.getAttribute("data-targets") ?? ""));
    expect(lit.length).toBeGreaterThan(0);
    for (const t of lit) expect(t.split(" ")).toContain("svc_nginx");
    await page.locator('g.node[data-id="svc_nginx"]').click();
    const visible = await page.locator("li.finding:not(.hidden)").count();
    expect(visible).toBe(graph.findings.filter((f) => f.targets.includes("svc_nginx")).length);
    expect(await page.locator(".filter").isVisible()).toBe(true);
    await page.locator(".filter button").click();
    expect(await page.locator("li.finding:not(.hidden)").count()).toBe(graph.findings.length);
    // zoom in makes the drawing wider than the pane; fit brings it back
    const width = (): Promise<number> => page.locator("svg.stack").evaluate((e) => e.getBoundingClientRect().width);
    const fitted = await width();
    await page.locator('.zoom button[data-zoom="in"]').click();
    expect(await width()).toBeGreaterThan(fitted * 1.2);
    await page.locator('.zoom button[data-zoom="fit"]').click();
    expect(await width()).toBeCloseTo(fitted, 0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("names with markup are shown as text, never run", async () => {
    const page = await open(renderHtml(nastyGraph(), { cwd: "/tmp" }), "nasty-report");
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('g.node[data-id="svc_a"] text.name').textContent()).toContain("<script>");
    expect(await page.locator("li.finding .msg").textContent()).toContain("<script>window.__pwned=1</script>");
    await page.locator("li.finding").hover();
    expect(await page.locator('g.edge[data-id="c_a_b"]').getAttribute("class")).toContain(" hl");
    await page.screenshot({ path: join(dir, "nasty-report.png"), fullPage: true });
    await page.close();
  });

  describe("mermaid output, parsed and rendered by the real mermaid", () => {
    let page: Page;
    beforeAll(async () => {
      page = await context.newPage();
      await page.setContent("<!doctype html><html><body><div id=out></div></body></html>");
      await page.addScriptTag({ path: MERMAID });
      await page.evaluate(() => (window as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize({ startOnLoad: false, securityLevel: "strict" }));
    });
    afterAll(async () => page?.close());

    async function render(text: string, name: string): Promise<MermaidResult> {
      const result = await page.evaluate(async ({ text, name }) => {
        const m = (window as unknown as { mermaid: { parse(t: string): Promise<unknown>; render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
        const out = document.getElementById("out")!;
        out.innerHTML = "";
        try {
          await m.parse(text);
          const { svg } = await m.render(`m_${name}`, text);
          out.innerHTML = svg;
        } catch (e) {
          return { ok: false, error: String((e as Error).message), nodes: [], clusters: [], links: [], pwned: false };
        }
        return {
          ok: true,
          error: undefined,
          nodes: [...out.querySelectorAll("g.node")].map((n) => n.id.replace(/^m_\w+?-flowchart-/, "").replace(/-\d+$/, "")),
          clusters: [...out.querySelectorAll("g.cluster")].map((c) => c.id.replace(/^m_\w+?-/, "")),
          links: [...out.querySelectorAll("path.flowchart-link")].map((p) => ({ id: p.id.replace(/^m_\w+?-/, ""), style: p.getAttribute("style") ?? "" })),
          pwned: (window as unknown as { __pwned?: number }).__pwned !== undefined,
        };
      }, { text, name });
      if (result.ok) await page.locator("#out svg").screenshot({ path: join(dir, `${name}-mermaid.png`) });
      return result;
    }

    it("rejects broken syntax (the check is real)", async () => {
      const r = await render('flowchart LR\n  a["x] --> b\n', "broken");
      expect(r.ok).toBe(false);
      expect(r.error).toMatch(/Parse error/);
    });

    it("the seed example: all containers, the networks as subgraphs, the web → redis edge red", async () => {
      const text = renderMermaid(graphOf(SEED).graph);
      const r = await render(text, "seed");
      expect(r.error).toBeUndefined();
      expect(r.nodes.sort()).toEqual(["host", "svc_db", "svc_nginx", "svc_redis", "svc_web", "vol_media_vol", "vol_static_vol"]);
      expect(r.clusters.sort()).toEqual(["net_db_network", "net_nginx_network", "net_redis_network"]);
      const link = (id: string): { id: string; style: string } => {
        const found = r.links.find((l) => l.id === id);
        expect(found, id).toBeDefined();
        return found!;
      };
      expect(link("L_svc_web_svc_redis_0").style).toContain("stroke:#d32f2f");
      expect(link("L_svc_nginx_svc_web_0").style).not.toContain("#d32f2f");
      expect(link("L_svc_web_svc_db_0").style).not.toContain("#d32f2f");
      expect(link("L_host_svc_nginx_2").style).toContain("stroke:#d32f2f");
      expect(await page.locator("#out .edgeLabels").textContent()).toContain("listener-loopback-only");
    });

    it("the edge-case stack and names full of markup render; nothing runs", async () => {
      const edge = await render(renderMermaid(graphOf(tempProject(EDGE_CASES)).graph), "edgecases");
      expect(edge.error).toBeUndefined();
      expect(edge.nodes).toContain("unknown_search");
      const multi = await render(renderMermaid(graphOf(tempProject(MULTI_STACK)).graph), "multistack");
      expect(multi.error).toBeUndefined();
      expect(multi.clusters).toEqual(expect.arrayContaining(["stack_0", "stack_1", "net_default", "net_bridge"]));
      const graph: StackGraph = nastyGraph();
      const nasty = await render(renderMermaid(graph), "nasty");
      expect(nasty.error).toBeUndefined();
      expect(nasty.nodes).toEqual(expect.arrayContaining(["host", "svc_a", "svc_b", "unknown_x", "vol_v"]));
      expect(nasty.clusters).toContain("net_n");
      // a network whose only member is also on another network is an empty subgraph: mermaid draws it as a box
      expect([...nasty.clusters, ...nasty.nodes.map((n) => n.replace(/^m_nasty-/, ""))]).toContain("net_m");
      expect(nasty.pwned).toBe(false);
    });
  });
});
