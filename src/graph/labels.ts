/** The text every renderer shows for a node or an edge, so the four formats say the same thing. */
import type { EdgeResolution, GraphEdge, GraphListener, GraphNode, GraphResource, GraphStatus } from "./graph-types.js";

/** Rule ids shown in a diagram label before "+N more". */
const MAX_RULES = 3;

export function listenerText(l: GraphListener): string {
  if (l.socket !== undefined) return `${l.protocol === "unknown" ? "" : `${l.protocol} `}unix:${l.socket}`;
  const address = l.address === undefined || l.address === "" ? "*" : l.address.includes(":") && !l.address.startsWith("[") ? `[${l.address}]` : l.address;
  return `${l.protocol === "unknown" ? "" : `${l.protocol} `}${address}:${l.port ?? "?"}${l.implicit ? " (default)" : ""}`;
}

export function statusMark(status: GraphStatus): string {
  return status === "error" ? "✖" : status === "warning" ? "⚠" : status === "info" ? "ℹ" : "";
}

/** `✖ listener-loopback-only, plaintext-secret +2 more`, or undefined when nothing concerns it. */
export function rulesText(ruleIds: string[], status: GraphStatus): string | undefined {
  if (ruleIds.length === 0) return undefined;
  const shown = ruleIds.slice(0, MAX_RULES).join(", ");
  const more = ruleIds.length > MAX_RULES ? ` +${ruleIds.length - MAX_RULES} more` : "";
  return `${statusMark(status)} ${shown}${more}`.trim();
}

/** The same as rulesText, one rule id per line (for narrow labels). */
export function rulesLines(ruleIds: string[], status: GraphStatus): string[] {
  if (ruleIds.length === 0) return [];
  const shown = ruleIds.slice(0, MAX_RULES);
  const mark = statusMark(status);
  const lines = shown.map((id, i) => (i === 0 && mark ? `${mark} ${id}` : id));
  if (ruleIds.length > MAX_RULES) lines.push(`+${ruleIds.length - MAX_RULES} more`);
  return lines;
}

/** Lines of a node's label: name, image, program, listeners, rule ids. */
export function nodeLines(n: GraphNode): string[] {
  if (n.kind === "host") return [n.name, ...(n.program ? [n.program] : [])];
  if (n.kind === "external") return [n.name, "outside the stack"];
  if (n.kind === "unknown-host") return [n.name, "no such service"];
  const lines = [n.name];
  if (n.image !== undefined) lines.push(n.image);
  else if (n.build) lines.push(`build ${n.build.context}`, ...(n.build.base ? [`FROM ${n.build.base}`] : []));
  if (n.program) lines.push(n.program);
  for (const l of n.listeners.slice(0, 3)) lines.push(`listens ${listenerText(l)}`);
  if (n.listeners.length > 3) lines.push(`+${n.listeners.length - 3} more listeners`);
  if (n.networkMode) lines.push(`network_mode ${n.networkMode}`);
  return lines;
}

const RESOLUTION_TEXT: Partial<Record<EdgeResolution, string>> = {
  "unknown-host": "unknown host",
  unreachable: "unreachable",
  "loopback-only": "loopback only",
  "port-mismatch": "nothing listens there",
  "protocol-mismatch": "protocol mismatch",
  "socket-not-shared": "socket not shared",
};

export function resolutionText(r: EdgeResolution): string | undefined {
  return RESOLUTION_TEXT[r];
}

/** `redis 6379 · loopback only` (the rule ids go on a line of their own). */
export function edgeText(e: GraphEdge): string {
  const why = resolutionText(e.resolution);
  return why ? `${e.label} · ${why}` : e.label;
}

export function resourceText(r: GraphResource): string {
  return r.kind === "volume" ? `volume ${r.name}` : r.kind === "bind" ? `dir ${r.name}` : r.name;
}

/** Resources worth drawing: shared by at least two containers. */
export function drawnResources(resources: GraphResource[]): GraphResource[] {
  return resources.filter((r) => new Set(r.members.map((m) => m.node)).size >= 2);
}
