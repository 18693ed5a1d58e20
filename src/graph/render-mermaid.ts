/**
 * Mermaid flowchart (pastes into a GitHub README or issue as is): one
 * subgraph per network; a container on several networks sits outside them
 * with a dotted line to each. Red (`classDef error` / `linkStyle`) marks
 * broken connections and nodes with error findings, orange warnings; the
 * rule ids are in the labels. Every label is quoted and every character
 * outside [A-Za-z0-9 .,:/_-] is written as a `#code;` entity, which mermaid
 * decodes, so no file name or message can break the syntax.
 */
import { drawnResources, edgeText, nodeLines, resourceText, rulesText } from "./labels.js";
import type { GraphNode, GraphStatus, StackGraph } from "./graph-types.js";

export function mermaidText(text: string): string {
  let out = "";
  for (const ch of text) out += /^[A-Za-z0-9 .,:/_-]$/.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  return out;
}

function label(lines: string[]): string {
  return `"${lines.map(mermaidText).join("<br/>")}"`;
}

function shape(n: GraphNode, text: string): string {
  if (n.kind === "host") return `${n.id}([${text}])`;
  if (n.kind === "external") return `${n.id}>${text}]`;
  if (n.kind === "unknown-host") return `${n.id}{{${text}}}`;
  if (n.role === "data") return `${n.id}[(${text})]`;
  return `${n.id}[${text}]`;
}

const STYLE: Record<Exclude<GraphStatus, "ok">, { node: string; link: string }> = {
  error: { node: "fill:#fdecea,stroke:#d32f2f,stroke-width:3px,color:#7f1d1d", link: "stroke:#d32f2f,stroke-width:3px" },
  warning: { node: "fill:#fff4e0,stroke:#e08a00,stroke-width:2px,color:#663c00", link: "stroke:#e08a00,stroke-width:2px" },
  info: { node: "fill:#e8f1fb,stroke:#1f6fb2,color:#0b3a63", link: "stroke:#1f6fb2" },
};

export function renderMermaid(graph: StackGraph): string {
  const out: string[] = ["flowchart LR"];
  const links: string[] = [];
  const linkStatus: GraphStatus[] = [];
  const nodeText = (n: GraphNode): string => {
    const rules = rulesText(n.ruleIds, n.status);
    return shape(n, label([...nodeLines(n), ...(rules ? [rules] : [])]));
  };
  const inGroup = new Map<string, GraphNode[]>();
  const top: GraphNode[] = [];
  for (const n of graph.nodes) {
    const only = n.networks.length === 1 ? n.networks[0]! : undefined;
    if (only) inGroup.set(only, [...(inGroup.get(only) ?? []), n]);
    else top.push(n);
  }
  const nested = graph.stacks.length > 1;
  for (const stack of graph.stacks) {
    const groups = graph.groups.filter((g) => g.stack === stack.index);
    const loose = top.filter((n) => n.stack === stack.index);
    if (groups.length === 0 && loose.length === 0) continue;
    const indent = nested ? "    " : "  ";
    if (nested) out.push(`  subgraph stack_${stack.index}[${label([stack.id])}]`);
    for (const g of groups) {
      const rules = rulesText(g.ruleIds, g.status);
      out.push(`${indent}subgraph ${g.id}[${label([`network ${g.name}`, ...(rules ? [rules] : [])])}]`);
      for (const n of inGroup.get(g.id) ?? []) out.push(`${indent}  ${nodeText(n)}`);
      out.push(`${indent}end`);
    }
    if (nested) {
      for (const n of loose) out.push(`${indent}${nodeText(n)}`);
      out.push("  end");
    }
  }
  for (const n of top) if (!nested || n.stack === undefined) out.push(`  ${nodeText(n)}`);
  for (const n of graph.nodes) {
    if (n.networks.length < 2) continue;
    for (const g of n.networks) {
      links.push(`  ${n.id} -.- ${g}`);
      linkStatus.push("ok");
    }
  }
  for (const r of drawnResources(graph.resources)) {
    const rules = rulesText(r.ruleIds, r.status);
    out.push(`  ${r.id}[/${label([resourceText(r), ...(rules ? [rules] : [])])}/]`);
    for (const node of [...new Set(r.members.map((m) => m.node))]) {
      links.push(`  ${node} -.- ${r.id}`);
      linkStatus.push(r.status);
    }
  }
  for (const e of graph.edges) {
    const rules = rulesText(e.ruleIds, e.status);
    const arrow = e.kind === "published" ? "==>" : "-->";
    links.push(`  ${e.from} ${arrow}|${label([edgeText(e), ...(rules ? [rules] : [])])}| ${e.to}`);
    linkStatus.push(e.status);
  }
  out.push(...links);
  for (const status of ["error", "warning", "info"] as const) out.push(`  classDef ${status} ${STYLE[status].node}`);
  out.push("  classDef outside stroke-dasharray:5 5");
  for (const status of ["error", "warning", "info"] as const) {
    const ids = [...graph.nodes, ...graph.resources, ...graph.groups].filter((n) => n.status === status).map((n) => n.id);
    if (ids.length > 0) out.push(`  class ${ids.join(",")} ${status}`);
  }
  const outside = graph.nodes.filter((n) => n.kind === "external" || n.kind === "unknown-host").map((n) => n.id);
  if (outside.length > 0) out.push(`  class ${outside.join(",")} outside`);
  for (const status of ["error", "warning", "info"] as const) {
    const indexes = linkStatus.flatMap((s, i) => (s === status ? [i] : []));
    if (indexes.length > 0) out.push(`  linkStyle ${indexes.join(",")} ${STYLE[status].link}`);
  }
  return out.join("\n") + "\n";
}
