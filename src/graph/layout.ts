/**
 * A simple layered layout for the HTML report's SVG (no layout library):
 * one column per role (the Docker host, proxies, app servers, data stores,
 * names outside the stack), nodes ordered in their column by network and
 * then by their neighbours' rows (two barycentre sweeps), edges as cubic
 * curves between node sides with their ends spread along the side,
 * networks as background shapes joining their members, shared volumes and
 * sockets in a row below.
 */
import { drawnResources, edgeText, nodeLines, resourceText, rulesLines, rulesText } from "./labels.js";
import type { GraphEdge, GraphNode, GraphRole, StackGraph } from "./graph-types.js";

export const NODE_W = 240;
export const LINE_H = 15;
const NODE_PAD = 9;
const COL_GAP = 200;
const ROW_GAP = 56;
const MARGIN_X = 40;
const MARGIN_TOP = 40;
/** Characters that fit on a node line at the report's font size. */
export const NODE_CHARS = 36;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LaidNode extends Box {
  node: GraphNode;
  lines: string[];
  rules: string | undefined;
  column: number;
}

export interface LaidEdge {
  edge: GraphEdge;
  path: string;
  label: Box & { lines: string[] };
}

export interface LaidGroup {
  id: string;
  name: string;
  color: number;
  /** Rectangles and bands that together make the network's shape. */
  pieces: string[];
  labelX: number;
  labelY: number;
}

export interface LaidResource extends Box {
  id: string;
  label: string;
  rules: string | undefined;
  links: { node: string; path: string }[];
}

export interface Layout {
  width: number;
  height: number;
  /** Draw everything moved down by this much (edge labels pushed above the first row). */
  offsetY: number;
  nodes: LaidNode[];
  edges: LaidEdge[];
  groups: LaidGroup[];
  resources: LaidResource[];
}

const COLUMN_OF: Record<GraphRole, number> = { host: 0, proxy: 1, app: 2, data: 3, outside: 4 };

export function clip(text: string, chars: number): string {
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
}

function textWidth(text: string, px = 6.4): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) > 0x2e80 ? px * 1.8 : px;
  return w;
}

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export function layout(graph: StackGraph): Layout {
  // Columns: only the roles present, in left-to-right order.
  const used = [...new Set(graph.nodes.map((n) => COLUMN_OF[n.role]))].sort((a, b) => a - b);
  const columnOf = (n: GraphNode): number => used.indexOf(COLUMN_OF[n.role]);
  const columns: GraphNode[][] = used.map(() => []);
  const groupRank = new Map(graph.groups.map((g, i) => [g.id, i]));
  const firstGroup = (n: GraphNode): number => Math.min(...n.networks.map((g) => groupRank.get(g) ?? 0), graph.groups.length);
  graph.nodes.forEach((n) => columns[columnOf(n)]!.push(n));
  for (const col of columns) col.sort((a, b) => firstGroup(a) - firstGroup(b) || graph.nodes.indexOf(a) - graph.nodes.indexOf(b));
  // Neighbours: connections and shared networks.
  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string): void => {
    if (a === b) return;
    neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
    neighbours.set(b, [...(neighbours.get(b) ?? []), a]);
  };
  for (const e of graph.edges) link(e.from, e.to);
  for (const g of graph.groups) for (const a of g.members) for (const b of g.members) if (a < b) link(a, b);
  for (let sweep = 0; sweep < 2; sweep++) {
    for (let c = 0; c < columns.length; c++) {
      const rowOf = new Map<string, number>();
      columns.forEach((col) => col.forEach((n, i) => rowOf.set(n.id, i / Math.max(1, col.length - 1))));
      const key = (n: GraphNode): number => {
        const rows = (neighbours.get(n.id) ?? []).map((m) => rowOf.get(m)).filter((r): r is number => r !== undefined);
        return rows.length > 0 ? rows.reduce((a, b) => a + b, 0) / rows.length : rowOf.get(n.id) ?? 0;
      };
      const col = columns[c]!;
      if (col.length < 2) continue;
      const keys = new Map(col.map((n) => [n.id, key(n)]));
      col.sort((a, b) => keys.get(a.id)! - keys.get(b.id)! || firstGroup(a) - firstGroup(b));
    }
  }

  // Node boxes.
  const laid = new Map<string, LaidNode>();
  const heights = columns.map((col) => col.reduce((sum, n) => sum + nodeHeight(n) + ROW_GAP, -ROW_GAP));
  const tallest = Math.max(0, ...heights);
  columns.forEach((col, c) => {
    let y = MARGIN_TOP + (tallest - heights[c]!) / 2;
    for (const n of col) {
      const rules = rulesText(n.ruleIds, n.status);
      const lines = nodeLines(n).map((l) => clip(l, NODE_CHARS));
      const h = nodeHeight(n);
      laid.set(n.id, { node: n, lines, rules: rules ? clip(rules, NODE_CHARS + 2) : undefined, column: c, x: MARGIN_X + c * (NODE_W + COL_GAP), y, w: NODE_W, h });
      y += h + ROW_GAP;
    }
  });
  const nodes = [...laid.values()];
  const bottom = Math.max(MARGIN_TOP, ...nodes.map((n) => n.y + n.h));

  // Edge ends: spread along the node side, ordered by the other end's height.
  type End = { edge: GraphEdge; side: "left" | "right"; node: LaidNode; other: LaidNode; isFrom: boolean };
  const ends: End[] = [];
  for (const e of graph.edges) {
    const a = laid.get(e.from);
    const b = laid.get(e.to);
    if (!a || !b) continue;
    if (a === b) continue;
    if (a.column < b.column) ends.push({ edge: e, side: "right", node: a, other: b, isFrom: true }, { edge: e, side: "left", node: b, other: a, isFrom: false });
    else if (a.column > b.column) ends.push({ edge: e, side: "left", node: a, other: b, isFrom: true }, { edge: e, side: "right", node: b, other: a, isFrom: false });
    else ends.push({ edge: e, side: "right", node: a, other: b, isFrom: true }, { edge: e, side: "right", node: b, other: a, isFrom: false });
  }
  const endY = new Map<End, number>();
  const bySide = new Map<string, End[]>();
  for (const end of ends) {
    const k = `${end.node.node.id}\0${end.side}`;
    bySide.set(k, [...(bySide.get(k) ?? []), end]);
  }
  for (const list of bySide.values()) {
    list.sort((p, q) => p.other.y + p.other.h / 2 - (q.other.y + q.other.h / 2) || graph.edges.indexOf(p.edge) - graph.edges.indexOf(q.edge));
    list.forEach((end, i) => endY.set(end, end.node.y + 12 + ((end.node.h - 24) * (i + 1)) / (list.length + 1)));
  }
  const placedLabels: Box[] = nodes.map((n) => ({ x: n.x - 4, y: n.y - 4, w: n.w + 8, h: n.h + 8 }));
  const edges: LaidEdge[] = [];
  // Edges that jump over a column run in channels above every node, one per edge.
  const maxLevel = groupLevels(graph).reduce((m, l) => Math.max(m, l), 0);
  const channelTop = Math.min(...nodes.map((n) => n.y)) - 34 - maxLevel * 9;
  let channels = 0;
  for (const e of graph.edges) {
    const a = laid.get(e.from);
    const b = laid.get(e.to);
    if (!a || !b) continue;
    const lines = [edgeText(e), ...rulesLines(e.ruleIds, e.status)].map((l) => clip(l, 44));
    const w = Math.max(...lines.map((l) => textWidth(l, 6))) + 12;
    const h = lines.length * 13 + 6;
    let path: string;
    let mid: { x: number; y: number };
    if (a === b) {
      const x = a.x + a.w;
      const y = a.y + 10;
      path = `M ${x} ${y + 4} C ${x + 60} ${y - 30}, ${x + 60} ${y + 40}, ${x} ${y + 24}`;
      mid = { x: x + 48 + w / 2, y: y + 7 };
    } else {
      const from = ends.find((end) => end.edge === e && end.isFrom)!;
      const to = ends.find((end) => end.edge === e && !end.isFrom)!;
      const x1 = from.side === "right" ? a.x + a.w : a.x;
      const x2 = to.side === "right" ? b.x + b.w : b.x;
      const y1 = endY.get(from)!;
      const y2 = endY.get(to)!;
      if (Math.abs(b.column - a.column) > 1) {
        const yc = channelTop - channels * (h + 8);
        channels++;
        const s1 = from.side === "right" ? 1 : -1;
        const s2 = to.side === "left" ? -1 : 1;
        path = `M ${r(x1)} ${r(y1)} C ${r(x1 + 40 * s1)} ${r(y1)}, ${r(x1 + 40 * s1)} ${r(yc)}, ${r(x1 + 80 * s1)} ${r(yc)} H ${r(x2 + 80 * s2)} C ${r(x2 + 40 * s2)} ${r(yc)}, ${r(x2 + 40 * s2)} ${r(y2)}, ${r(x2)} ${r(y2)}`;
        mid = { x: x2 + s2 * (COL_GAP / 2 + 10), y: yc };
      } else {
        let c1: number;
        let c2: number;
        if (from.side === to.side) {
          c1 = x1 + 90;
          c2 = x2 + 90;
        } else {
          const dx = Math.max(60, Math.abs(x2 - x1) / 2);
          c1 = from.side === "right" ? x1 + dx : x1 - dx;
          c2 = to.side === "left" ? x2 - dx : x2 + dx;
        }
        path = `M ${r(x1)} ${r(y1)} C ${r(c1)} ${r(y1)}, ${r(c2)} ${r(y2)}, ${r(x2)} ${r(y2)}`;
        mid = bezier(0.5, [x1, y1], [c1, y1], [c2, y2], [x2, y2]);
      }
    }
    const label: Box & { lines: string[] } = { x: mid.x - w / 2, y: mid.y - h / 2, w, h, lines };
    for (let i = 1; i < 16 && placedLabels.some((p) => overlap(p, label)); i++) label.y = mid.y - h / 2 + (i % 2 === 1 ? 1 : -1) * Math.ceil(i / 2) * 12;
    if (placedLabels.some((p) => overlap(p, label))) label.y = mid.y - h / 2;
    placedLabels.push(label);
    edges.push({ edge: e, path, label });
  }

  // Networks: each member's box widened (wider for later overlapping networks), joined by bands.
  const groups: LaidGroup[] = [];
  const levels = groupLevels(graph);
  graph.groups.forEach((g, gi) => {
    const level = levels[gi]!;
    const members = g.members.map((m) => laid.get(m)).filter((m): m is LaidNode => m !== undefined).sort((p, q) => p.column - q.column || p.y - q.y);
    if (members.length === 0) return;
    const pad = 10 + level * 9;
    const boxes = members.map((m) => ({ x: m.x - pad, y: m.y - pad, w: m.w + 2 * pad, h: m.h + 2 * pad }));
    const pieces = boxes.map((b) => `M ${r(b.x)} ${r(b.y)} h ${r(b.w)} v ${r(b.h)} h ${r(-b.w)} Z`);
    for (let i = 1; i < boxes.length; i++) {
      const p = boxes[i - 1]!;
      const q = boxes[i]!;
      if (members[i - 1]!.column === members[i]!.column) pieces.push(`M ${r(Math.max(p.x, q.x))} ${r(p.y + p.h - 1)} H ${r(Math.min(p.x + p.w, q.x + q.w))} V ${r(q.y + 1)} H ${r(Math.max(p.x, q.x))} Z`);
      else pieces.push(`M ${r(p.x + p.w - 1)} ${r(p.y)} L ${r(q.x + 1)} ${r(q.y)} L ${r(q.x + 1)} ${r(q.y + q.h)} L ${r(p.x + p.w - 1)} ${r(p.y + p.h)} Z`);
    }
    // The caption goes above the member that is on the fewest networks (its own corner).
    let best = 0;
    members.forEach((m, i) => {
      if (m.node.networks.length < members[best]!.node.networks.length) best = i;
    });
    const at = boxes[best]!;
    groups.push({ id: g.id, name: `network ${g.name}`, color: gi, pieces, labelX: at.x + 4, labelY: at.y - 5 });
  });

  // Shared volumes, directories and sockets: a row below, each under its members.
  const resources: LaidResource[] = [];
  const rowY = bottom + 40 + Math.max(0, ...levels) * 9 + 40;
  const wanted = drawnResources(graph.resources).map((res) => {
    const members = [...new Set(res.members.map((m) => m.node))].map((id) => laid.get(id)).filter((m): m is LaidNode => m !== undefined);
    const center = members.reduce((s, m) => s + m.x + m.w / 2, 0) / Math.max(1, members.length);
    const label = clip(resourceText(res), 30);
    const rules = rulesText(res.ruleIds, res.status);
    const w = Math.max(textWidth(label), rules ? textWidth(clip(rules, 30)) : 0) + 24;
    return { res, members, center, label, rules: rules ? clip(rules, 30) : undefined, w };
  }).sort((p, q) => p.center - q.center);
  let nextX = MARGIN_X;
  for (const item of wanted) {
    const x = Math.max(nextX, item.center - item.w / 2);
    const h = item.rules ? 44 : 30;
    const box: Box = { x, y: rowY, w: item.w, h };
    nextX = x + item.w + 16;
    const links = item.members.map((m) => {
      const mx = m.x + m.w / 2 + (x + item.w / 2 - (m.x + m.w / 2)) * 0.15;
      const my = m.y + m.h;
      const rx = x + item.w / 2;
      return { node: m.node.id, path: `M ${r(rx)} ${r(rowY)} C ${r(rx)} ${r(rowY - 40)}, ${r(mx)} ${r(my + 40)}, ${r(mx)} ${r(my)}` };
    });
    resources.push({ id: item.res.id, label: item.label, rules: item.rules, links, ...box });
  }

  const right = Math.max(...nodes.map((n) => n.x + n.w + 120), ...edges.map((e) => e.label.x + e.label.w + 20), ...resources.map((x) => x.x + x.w + 20), 400);
  const lowest = Math.max(bottom + 40 + Math.max(0, ...levels) * 9, ...resources.map((x) => x.y + x.h + 30), ...edges.map((e) => e.label.y + e.label.h + 20));
  const top = Math.min(0, ...edges.map((e) => e.label.y - 10), ...groups.map((g) => g.labelY - 16));
  return { width: Math.ceil(right), height: Math.ceil(lowest - top), offsetY: Math.ceil(-top), nodes, edges, groups, resources };
}

/** How many earlier networks a network shares members with (its shape is drawn that much wider). */
function groupLevels(graph: StackGraph): number[] {
  const levels: number[] = [];
  graph.groups.forEach((g, gi) => {
    let level = 0;
    for (let j = 0; j < gi; j++) if (graph.groups[j]!.members.some((m) => g.members.includes(m))) level = Math.max(level, levels[j]! + 1);
    levels.push(level);
  });
  return levels;
}

function nodeHeight(n: GraphNode): number {
  const lines = nodeLines(n).length + (n.ruleIds.length > 0 ? 1 : 0);
  return NODE_PAD * 2 + lines * LINE_H + (n.role === "data" ? 10 : 0);
}

function r(v: number): number {
  return Math.round(v * 10) / 10;
}

function bezier(t: number, p0: [number, number], p1: [number, number], p2: [number, number], p3: [number, number]): { x: number; y: number } {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], y: a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1] };
}
