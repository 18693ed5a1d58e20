/**
 * Graphviz digraph (`dot -Tsvg`): one cluster per network; a container on
 * several networks sits outside them with a dotted line into each cluster.
 * Broken connections and nodes with error findings are red, warnings
 * orange; the rule ids are in the labels.
 */
import { drawnResources, edgeText, nodeLines, resourceText, rulesText } from "./labels.js";
import type { GraphNode, GraphStatus, StackGraph } from "./graph-types.js";

/** A DOT double-quoted string; lines joined with `\n`. */
export function dotString(lines: string[]): string {
  return `"${lines.map((l) => l.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/[\r\n]+/g, " ")).join("\\n")}"`;
}

const COLOR: Record<GraphStatus, { line: string; fill: string; font: string; width: number }> = {
  error: { line: "#d32f2f", fill: "#fdecea", font: "#7f1d1d", width: 2.5 },
  warning: { line: "#e08a00", fill: "#fff4e0", font: "#663c00", width: 1.8 },
  info: { line: "#1f6fb2", fill: "#e8f1fb", font: "#0b3a63", width: 1.2 },
  ok: { line: "#555555", fill: "#ffffff", font: "#222222", width: 1 },
};

function nodeShape(n: GraphNode): string {
  if (n.kind === "host") return "house";
  if (n.kind === "external") return "cds";
  if (n.kind === "unknown-host") return "hexagon";
  if (n.role === "data") return "cylinder";
  return "box";
}

function attrs(list: Record<string, string | number>): string {
  return `[${Object.entries(list).map(([k, v]) => `${k}=${typeof v === "number" ? v : v.startsWith('"') ? v : `"${v}"`}`).join(", ")}]`;
}

export function renderDot(graph: StackGraph): string {
  const out: string[] = [
    "digraph stack {",
    '  graph [rankdir=LR, compound=true, newrank=true, fontname="Helvetica", fontsize=11, nodesep=0.4, ranksep=1.1];',
    '  node [fontname="Helvetica", fontsize=10, style="rounded,filled", shape=box];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  const nodeLine = (n: GraphNode, indent: string): string => {
    const c = COLOR[n.status];
    const rules = rulesText(n.ruleIds, n.status);
    const outside = n.kind === "external" || n.kind === "unknown-host";
    return `${indent}${n.id} ${attrs({
      label: dotString([...nodeLines(n), ...(rules ? [rules] : [])]), shape: nodeShape(n), color: c.line, fillcolor: c.fill, fontcolor: c.font,
      penwidth: c.width, style: outside ? "dashed,filled" : n.role === "data" || n.kind === "host" ? "filled" : "rounded,filled",
    })};`;
  };
  const inGroup = new Map<string, GraphNode[]>();
  for (const n of graph.nodes) if (n.networks.length === 1) inGroup.set(n.networks[0]!, [...(inGroup.get(n.networks[0]!) ?? []), n]);
  const anchors = new Set(graph.nodes.filter((n) => n.networks.length >= 2).flatMap((n) => n.networks));
  const nested = graph.stacks.length > 1;
  for (const stack of graph.stacks) {
    const groups = graph.groups.filter((g) => g.stack === stack.index);
    const loose = graph.nodes.filter((n) => n.stack === stack.index && n.networks.length !== 1);
    if (groups.length === 0 && loose.length === 0) continue;
    const indent = nested ? "    " : "  ";
    if (nested) out.push(`  subgraph cluster_stack_${stack.index} {`, `    label=${dotString([stack.id])}; style="rounded"; color="#999999";`);
    for (const g of groups) {
      const c = COLOR[g.status];
      const rules = rulesText(g.ruleIds, g.status);
      out.push(`${indent}subgraph cluster_${g.id} {`);
      out.push(`${indent}  label=${dotString([`network ${g.name}`, ...(rules ? [rules] : [])])}; style="dashed,rounded"; color="${g.status === "ok" ? "#7a9cc6" : c.line}"; fontcolor="${g.status === "ok" ? "#34557a" : c.font}";`);
      if (anchors.has(g.id)) out.push(`${indent}  anchor_${g.id} [shape=point, style=invis, width=0.01, label=""];`);
      for (const n of inGroup.get(g.id) ?? []) out.push(nodeLine(n, `${indent}  `));
      out.push(`${indent}}`);
    }
    if (nested) {
      for (const n of loose) out.push(nodeLine(n, indent));
      out.push("  }");
    } else for (const n of loose) out.push(nodeLine(n, indent));
  }
  for (const n of graph.nodes) if (n.stack === undefined) out.push(nodeLine(n, "  "));
  for (const n of graph.nodes) {
    if (n.networks.length < 2) continue;
    for (const g of n.networks) out.push(`  ${n.id} -> anchor_${g} ${attrs({ lhead: `cluster_${g}`, style: "dotted", arrowhead: "none", color: "#7a9cc6" })};`);
  }
  for (const r of drawnResources(graph.resources)) {
    const c = COLOR[r.status];
    const rules = rulesText(r.ruleIds, r.status);
    out.push(`  ${r.id} ${attrs({ label: dotString([resourceText(r), ...(rules ? [rules] : [])]), shape: "folder", style: "filled", fillcolor: r.status === "ok" ? "#f4f4f4" : c.fill, color: c.line, fontcolor: c.font, fontsize: 9 })};`);
    for (const node of [...new Set(r.members.map((m) => m.node))]) out.push(`  ${node} -> ${r.id} ${attrs({ style: "dashed", dir: "none", color: "#999999" })};`);
  }
  for (const e of graph.edges) {
    const c = COLOR[e.status];
    const rules = rulesText(e.ruleIds, e.status);
    out.push(`  ${e.from} -> ${e.to} ${attrs({
      label: dotString([edgeText(e), ...(rules ? [rules] : [])]), color: c.line, fontcolor: c.font, penwidth: e.kind === "published" ? c.width + 0.5 : c.width,
      style: e.kind === "published" ? "bold" : "solid", id: e.id,
    })};`);
  }
  out.push("}");
  return out.join("\n") + "\n";
}
