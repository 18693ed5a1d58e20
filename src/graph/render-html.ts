/**
 * One self-contained HTML file: the stack drawn as inline SVG (layout.ts,
 * no diagram library) beside the findings list. Inline CSS and JS only, and
 * a Content-Security-Policy that forbids every fetch, so nothing is loaded
 * at view time. Each finding links to its file:line (`file://` + absolute
 * path + `#L<line>`) and highlights the nodes and edges it concerns on
 * hover; hovering a node or edge highlights its findings; clicking one
 * keeps only its findings in the list. All text comes from the graph, whose
 * text comes from the redacted lint result and the model's names.
 */
import { resolve } from "node:path";
import { edgeText, listenerText, nodeLines, resourceText } from "./labels.js";
import { layout, LINE_H, type LaidNode } from "./layout.js";
import type { GraphStatus, StackGraph } from "./graph-types.js";

export interface HtmlOptions {
  /** Directory the findings' paths are relative to (for the file:// links). */
  cwd: string;
  /** Shown in the page title and header. */
  title?: string;
  /** stacklint version, shown in the footer. */
  version?: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;"));
}

/** `file:///abs/path#L12`, each path segment percent-encoded. */
export function fileHref(cwd: string, file: string, line: number): string {
  const abs = resolve(cwd, file).split("\\").join("/");
  const encoded = abs.split("/").map((s, i) => (i === 0 && /^[A-Za-z]:$/.test(s) ? s : encodeURIComponent(s))).join("/");
  return `file://${encoded.startsWith("/") ? "" : "/"}${encoded}#L${line}`;
}

const NETWORK_COLORS = ["#4f7cc9", "#3a9a6b", "#9b59b6", "#c27c0e", "#1aa3b8", "#c0507a", "#6b8e23", "#7f6a5a"];

export function renderHtml(graph: StackGraph, options: HtmlOptions): string {
  const L = layout(graph);
  const e = escapeHtml;
  const svg: string[] = [];
  svg.push(`<svg class="stack" xmlns="http://www.w3.org/2000/svg" width="${L.width}" height="${L.height}" viewBox="0 0 ${L.width} ${L.height}" style="width: 100%; height: auto; max-width: ${L.width}px; min-width: ${Math.min(L.width, 760)}px" role="img" aria-label="stack diagram">`);
  svg.push("<defs>");
  for (const status of ["ok", "info", "warning", "error"] as const) {
    svg.push(`<marker id="arrow-${status}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow-${status}"/></marker>`);
  }
  svg.push("</defs>");
  svg.push(`<g transform="translate(0 ${L.offsetY})">`);
  svg.push('<g class="groups">');
  for (const g of L.groups) {
    const color = NETWORK_COLORS[g.color % NETWORK_COLORS.length]!;
    const group = graph.groups.find((x) => x.id === g.id)!;
    svg.push(`<g class="group status-${group.status}" data-id="${e(g.id)}"><title>${e(g.name)}${group.ruleIds.length > 0 ? ` (${e(group.ruleIds.join(", "))})` : ""}</title>`);
    svg.push(`<g class="shape" fill="${color}" opacity="0.13">${g.pieces.map((d) => `<path d="${d}"/>`).join("")}</g>`);
    svg.push(`<text class="group-label" x="${g.labelX}" y="${g.labelY}" style="fill: ${color}">${e(g.name)}</text></g>`);
  }
  svg.push("</g>");
  svg.push('<g class="resources">');
  for (const r of L.resources) {
    const res = graph.resources.find((x) => x.id === r.id)!;
    svg.push(`<g class="resource kind-${res.kind} status-${res.status}" data-id="${e(r.id)}"><title>${e(resourceText(res))}\n${e(res.members.map((m) => `${nameOf(graph, m.node)}: ${m.path}${m.readOnly ? " (ro)" : ""}`).join("\n"))}</title>`);
    for (const link of r.links) svg.push(`<path class="mount" d="${link.path}"/>`);
    svg.push(`<rect x="${r.x}" y="${r.y}" width="${r.w}" height="${r.h}" rx="4"/>`);
    svg.push(`<text x="${r.x + 12}" y="${r.y + 19}">${e(r.label)}</text>`);
    if (r.rules) svg.push(`<text class="rules" x="${r.x + 12}" y="${r.y + 34}">${e(r.rules)}</text>`);
    svg.push("</g>");
  }
  svg.push("</g>");
  svg.push('<g class="edges">');
  for (const le of L.edges) {
    const x = le.edge;
    const title = `${nameOf(graph, x.from)} → ${nameOf(graph, x.to)}: ${edgeText(x)}${x.kind === "connection" ? ` (${x.client})` : ""}${x.ruleIds.length > 0 ? `\n${x.ruleIds.join(", ")}` : ""}`;
    svg.push(`<g class="edge kind-${x.kind} status-${x.status} resolution-${x.resolution}" data-id="${e(x.id)}" data-from="${e(x.from)}" data-to="${e(x.to)}" tabindex="0"><title>${e(title)}</title>`);
    svg.push(`<path class="hit" d="${le.path}"/><path class="line" d="${le.path}" marker-end="url(#arrow-${x.status})"/>`);
    svg.push(`<g class="label"><rect x="${round(le.label.x)}" y="${round(le.label.y)}" width="${round(le.label.w)}" height="${round(le.label.h)}" rx="3"/>`);
    le.label.lines.forEach((line, i) => svg.push(`<text x="${round(le.label.x + le.label.w / 2)}" y="${round(le.label.y + 14 + i * 13)}"${i > 0 ? ' class="rules"' : ""}>${e(line)}</text>`));
    svg.push("</g></g>");
  }
  svg.push("</g>");
  svg.push('<g class="nodes">');
  for (const n of L.nodes) svg.push(nodeSvg(graph, n));
  svg.push("</g></g></svg>");

  const findings = graph.findings.map((f, i) => {
    const targets = f.targets.map((t) => nameOf(graph, t));
    return `<li class="finding sev-${f.severity}" id="finding-${i}" data-targets="${e(f.targets.join(" "))}" tabindex="0">`
      + `<div class="head"><span class="sev">${f.severity}</span> <code class="rule">${e(f.ruleId)}</code> `
      + `<a class="loc" href="${e(fileHref(options.cwd, f.file, f.line))}" title="${e(f.file)}:${f.line}:${f.column}">${e(f.file)}:${f.line}:${f.column}</a></div>`
      + `<p class="msg">${e(f.message)}</p>`
      + (targets.length > 0 ? `<p class="on">on ${targets.map((t) => `<span>${e(t)}</span>`).join(", ")}</p>` : "")
      + "</li>";
  });
  const { errors, warnings, infos } = graph.summary;
  const title = options.title ?? `stacklint: ${graph.stacks.map((s) => s.id).join(", ") || "no stack found"}`;
  const counts = `${errors} error${errors === 1 ? "" : "s"} · ${warnings} warning${warnings === 1 ? "" : "s"} · ${infos} info`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="stacklint${options.version ? ` ${e(options.version)}` : ""}">
<title>${e(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${e(title)}</h1><p class="summary">${counts}${graph.stacks.length > 0 ? ` · ${graph.nodes.filter((n) => n.kind === "container").length} containers, ${graph.edges.filter((x) => x.kind === "connection").length} connections` : ""}</p></header>
<main>
<section class="diagram" aria-label="stack diagram">
${graph.nodes.length > 0 ? '<div class="zoom" role="group" aria-label="zoom"><button type="button" data-zoom="out" title="zoom out">−</button><button type="button" data-zoom="fit" title="fit to the pane">fit</button><button type="button" data-zoom="in" title="zoom in">+</button></div>' : ""}
<div class="scroll">${graph.nodes.length > 0 ? svg.join("\n") : '<p class="empty">No container, connection or published port found.</p>'}</div>
<p class="legend"><span class="key ok"></span>ok <span class="key info"></span>info <span class="key warning"></span>warning <span class="key error"></span>error or broken connection · thick arrows: published ports · dashed: shared volumes and sockets · tinted areas: networks</p>
</section>
<aside class="findings" aria-label="findings">
<h2>Findings <span class="count">${graph.findings.length}</span></h2>
<p class="filter" hidden>Showing findings on <strong></strong> · <button type="button">show all</button></p>
${findings.length > 0 ? `<ol class="list">\n${findings.join("\n")}\n</ol>` : '<p class="empty">No findings.</p>'}
</aside>
</main>
<footer>stacklint${options.version ? ` ${e(options.version)}` : ""} · paths relative to ${e(options.cwd)}</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/** A display name for any graph element id (for titles and the findings' "on ..." line). */
function nameOf(graph: StackGraph, id: string): string {
  const node = graph.nodes.find((n) => n.id === id);
  if (node) return node.name;
  const edge = graph.edges.find((x) => x.id === id);
  if (edge) return `${nameOf(graph, edge.from)} → ${nameOf(graph, edge.to)} (${edge.label})`;
  const group = graph.groups.find((g) => g.id === id);
  if (group) return `network ${group.name}`;
  const res = graph.resources.find((r) => r.id === id);
  if (res) return resourceText(res);
  return id;
}

function nodeSvg(graph: StackGraph, n: LaidNode): string {
  const e = escapeHtml;
  const node = n.node;
  const details = [
    ...nodeLines(node),
    ...node.listeners.slice(3).map((l) => `listens ${listenerText(l)}`),
    ...(node.networks.length > 0 ? [`networks: ${node.networks.map((g) => graph.groups.find((x) => x.id === g)?.name ?? g).join(", ")}`] : []),
    ...(node.at ? [`${node.at.file}:${node.at.line}`] : []),
    ...(node.ruleIds.length > 0 ? [`findings: ${node.ruleIds.join(", ")}`] : []),
  ];
  const out: string[] = [`<g class="node kind-${node.kind} role-${node.role} status-${node.status}" data-id="${e(node.id)}" tabindex="0"><title>${e(details.join("\n"))}</title>`];
  const cap = node.role === "data" ? 10 : 0;
  if (node.role === "data") {
    const rx = n.w / 2;
    out.push(`<path class="box" d="M ${n.x} ${n.y + cap / 2} V ${n.y + n.h - cap / 2} A ${rx} ${cap / 2} 0 0 0 ${n.x + n.w} ${n.y + n.h - cap / 2} V ${n.y + cap / 2}"/>`);
    out.push(`<ellipse class="box" cx="${n.x + rx}" cy="${n.y + cap / 2}" rx="${rx}" ry="${cap / 2}"/>`);
  } else {
    out.push(`<rect class="box" x="${n.x}" y="${n.y}" width="${n.w}" height="${n.h}" rx="${node.kind === "host" ? 16 : 7}"/>`);
  }
  const x = n.x + 12;
  let y = n.y + 9 + cap + 12;
  n.lines.forEach((line, i) => {
    out.push(`<text x="${x}" y="${y}"${i === 0 ? ' class="name"' : line.startsWith("listens ") ? ' class="listen"' : ""}>${e(line)}</text>`);
    y += LINE_H;
  });
  if (n.rules) out.push(`<text x="${x}" y="${y}" class="rules">${e(n.rules)}</text>`);
  out.push("</g>");
  return out.join("");
}

const STATUS_COLOR: Record<GraphStatus, string> = { ok: "#555", info: "#1f6fb2", warning: "#d98200", error: "#d32f2f" };

const CSS = `
:root { color-scheme: light; --ok: ${STATUS_COLOR.ok}; --info: ${STATUS_COLOR.info}; --warning: ${STATUS_COLOR.warning}; --error: ${STATUS_COLOR.error}; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1d1d1f; background: #fafafa; }
header { padding: 12px 20px; border-bottom: 1px solid #ddd; background: #fff; }
header h1 { font-size: 18px; margin: 0; }
header .summary { margin: 2px 0 0; color: #555; }
main { display: grid; grid-template-columns: minmax(0, 2fr) minmax(340px, 1fr); gap: 0; height: calc(100vh - 96px); min-height: 480px; }
@media (max-width: 900px) { main { grid-template-columns: 1fr; height: auto; } }
.diagram { display: flex; flex-direction: column; min-width: 0; border-right: 1px solid #ddd; background: #fff; }
.diagram { position: relative; }
.diagram .scroll { overflow: auto; flex: 1; padding: 8px; }
.zoom { position: absolute; top: 8px; right: 12px; z-index: 1; display: flex; gap: 2px; }
.zoom button { font: inherit; font-size: 12px; min-width: 28px; border: 1px solid #bbb; background: #fff; border-radius: 3px; cursor: pointer; padding: 1px 6px; }
.legend { margin: 0; padding: 6px 12px; font-size: 12px; color: #555; border-top: 1px solid #eee; }
.key { display: inline-block; width: 12px; height: 12px; border-radius: 3px; vertical-align: -2px; margin: 0 3px 0 8px; border: 2px solid var(--ok); }
.key.info { border-color: var(--info); } .key.warning { border-color: var(--warning); } .key.error { border-color: var(--error); background: #fdecea; }
.findings { overflow: auto; padding: 10px 16px; }
.findings h2 { font-size: 16px; margin: 4px 0 8px; }
.findings .count { color: #777; font-weight: normal; }
.filter { margin: 0 0 8px; padding: 6px 8px; background: #eef4fb; border-radius: 4px; }
.filter button { font: inherit; border: 1px solid #9ab; background: #fff; border-radius: 3px; cursor: pointer; }
ol.list { list-style: none; margin: 0; padding: 0; }
li.finding { border-left: 4px solid var(--ok); background: #fff; margin: 0 0 8px; padding: 6px 10px; border-radius: 0 4px 4px 0; box-shadow: 0 1px 2px rgba(0,0,0,.06); cursor: default; }
li.finding.sev-error { border-left-color: var(--error); } li.finding.sev-warning { border-left-color: var(--warning); } li.finding.sev-info { border-left-color: var(--info); }
li.finding.hl { background: #fff8c4; box-shadow: 0 0 0 2px #e3c800; }
li.finding.hidden { display: none; }
.finding .sev { font-size: 11px; text-transform: uppercase; font-weight: 600; letter-spacing: .03em; }
.sev-error .sev { color: var(--error); } .sev-warning .sev { color: var(--warning); } .sev-info .sev { color: var(--info); }
.finding .rule { font-size: 12px; background: #f1f1f1; padding: 0 4px; border-radius: 3px; }
.finding .loc { font-size: 12px; color: #1a57a8; word-break: break-all; }
.finding .msg { margin: 3px 0 0; font-size: 13px; overflow-wrap: anywhere; }
.finding .on { margin: 3px 0 0; font-size: 12px; color: #666; }
.finding .on span { font-weight: 600; }
.empty { color: #777; padding: 20px; }
footer { padding: 6px 20px; font-size: 12px; color: #777; border-top: 1px solid #ddd; }
svg.stack { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; display: block; }
svg.stack text { fill: #222; }
.group-label { font-size: 12px; font-weight: 600; }
.node .box { fill: #fff; stroke: var(--ok); stroke-width: 1.5; }
.node.kind-host .box { fill: #f1f3f5; }
.node.kind-external .box, .node.kind-unknown-host .box { fill: #fbfbfb; stroke-dasharray: 5 4; }
.node.status-info .box { stroke: var(--info); fill: #eef5fc; }
.node.status-warning .box { stroke: var(--warning); fill: #fff6e6; stroke-width: 2; }
.node.status-error .box { stroke: var(--error); fill: #fdecea; stroke-width: 2.5; }
.node text.name { font-weight: 700; font-size: 13px; }
.node text.listen { fill: #334; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 11px; }
svg.stack text.rules { font-size: 11px; font-weight: 600; }
.status-error text.rules { fill: var(--error); } .status-warning text.rules { fill: #a86400; } .status-info text.rules { fill: var(--info); }
.edge .line { fill: none; stroke: var(--ok); stroke-width: 1.6; }
.edge .hit { fill: none; stroke: transparent; stroke-width: 12; }
.edge.kind-published .line { stroke-width: 2.6; }
.edge.status-info .line { stroke: var(--info); }
.edge.status-warning .line { stroke: var(--warning); stroke-width: 2.2; }
.edge.status-error .line { stroke: var(--error); stroke-width: 3; stroke-dasharray: 8 4; }
.edge .label rect { fill: #fff; stroke: #ddd; opacity: .93; }
.edge .label text { text-anchor: middle; font-size: 11px; }
.arrow-ok { fill: var(--ok); } .arrow-info { fill: var(--info); } .arrow-warning { fill: var(--warning); } .arrow-error { fill: var(--error); }
.resource rect { fill: #f6f6f6; stroke: #999; stroke-dasharray: 3 2; }
.resource .mount { fill: none; stroke: #999; stroke-dasharray: 4 3; stroke-width: 1.2; }
.resource.status-error rect { stroke: var(--error); } .resource.status-warning rect { stroke: var(--warning); }
svg.stack.focus .node:not(.hl), svg.stack.focus .edge:not(.hl), svg.stack.focus .resource:not(.hl) { opacity: .25; }
svg.stack.focus .group:not(.hl) { opacity: .5; }
.node.hl .box { stroke-width: 4; filter: drop-shadow(0 0 4px rgba(227, 200, 0, .9)); }
.edge.hl .line { stroke-width: 5; }
.edge.hl .label rect { stroke: #e3c800; stroke-width: 2; }
.group.hl .shape { opacity: .3; }
.node, .edge, .resource { cursor: pointer; }
.node:focus, .edge:focus { outline: none; }
`;

/** Hover and click wiring (inline; no external script). */
const SCRIPT = `
(function () {
  var svg = document.querySelector("svg.stack");
  var items = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var filter = document.querySelector(".filter");
  var byId = {};
  if (svg) Array.prototype.forEach.call(svg.querySelectorAll("[data-id]"), function (el) { byId[el.getAttribute("data-id")] = el; });
  function targetsOf(li) { return (li.getAttribute("data-targets") || "").split(" ").filter(Boolean); }
  function clear() {
    Array.prototype.forEach.call(document.querySelectorAll(".hl"), function (el) { el.classList.remove("hl"); });
    if (svg) svg.classList.remove("focus");
  }
  function mark(ids) {
    var any = false;
    ids.forEach(function (id) { var el = byId[id]; if (el) { el.classList.add("hl"); any = true; } });
    if (any && svg) svg.classList.add("focus");
  }
  items.forEach(function (li) {
    var show = function () { clear(); li.classList.add("hl"); mark(targetsOf(li)); };
    li.addEventListener("mouseenter", show);
    li.addEventListener("focus", show);
    li.addEventListener("mouseleave", clear);
    li.addEventListener("blur", clear);
  });
  var pinned = null;
  function applyFilter() {
    items.forEach(function (li) { li.classList.toggle("hidden", pinned !== null && targetsOf(li).indexOf(pinned) < 0); });
    if (filter) {
      filter.hidden = pinned === null;
      if (pinned !== null) {
        var el = byId[pinned];
        var title = el && el.querySelector("title");
        filter.querySelector("strong").textContent = title ? title.textContent.split("\\n")[0] : pinned;
      }
    }
  }
  Object.keys(byId).forEach(function (id) {
    var el = byId[id];
    var show = function () {
      clear();
      el.classList.add("hl");
      if (svg) svg.classList.add("focus");
      items.forEach(function (li) { if (targetsOf(li).indexOf(id) >= 0) li.classList.add("hl"); });
    };
    el.addEventListener("mouseenter", show);
    el.addEventListener("focus", show);
    el.addEventListener("mouseleave", clear);
    el.addEventListener("blur", clear);
    el.addEventListener("click", function (ev) { ev.stopPropagation(); pinned = pinned === id ? null : id; applyFilter(); });
  });
  if (filter) filter.querySelector("button").addEventListener("click", function () { pinned = null; applyFilter(); });
  Array.prototype.forEach.call(document.querySelectorAll(".zoom button"), function (button) {
    button.addEventListener("click", function () {
      if (!svg) return;
      var natural = Number(svg.getAttribute("width"));
      var how = button.getAttribute("data-zoom");
      if (how === "fit") {
        svg.style.width = "100%";
        svg.style.maxWidth = natural + "px";
        return;
      }
      var now = svg.getBoundingClientRect().width / natural;
      var next = Math.max(0.2, Math.min(3, how === "in" ? now * 1.25 : now / 1.25));
      svg.style.maxWidth = "none";
      svg.style.width = Math.round(natural * next) + "px";
    });
  });
})();
`;
