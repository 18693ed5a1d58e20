/**
 * Which graph elements a finding concerns, found through file locations:
 * every model location a node, edge, group or resource stands for is put in
 * an index by file once (connection lines, listener lines, mounts, ports,
 * compose service blocks, whole config files a container owns); a finding's
 * range (and its related ranges) is then looked up there.
 *
 * Precedence: a finding on a connection or a published port concerns that
 * edge only; else one on a precise anchor (a listener, a mount, a network
 * reference) concerns those elements; otherwise the compose
 * service block it is in; otherwise the containers that own the file
 * (their Dockerfile, config files, start script).
 */
import type { Loc } from "../model/types.js";

export type AnchorKind =
  /** connection.loc: the line naming the target; a finding whose primary concerns the target and whose related points here also concerns the edge. */
  | "connection"
  /** Other precise edge locations: the directive choosing the protocol, credentials, a published port mapping. */
  | "edge"
  | "node"
  | "group"
  | "resource"
  /** A compose service block (coarser than the precise anchors). */
  | "block";

interface Anchor {
  start: number;
  end: number;
  target: string;
  kind: AnchorKind;
}

function overlaps(a: { start: number; end: number }, start: number, end: number): boolean {
  if (a.start === a.end) return start <= a.start && (a.start < end || start === end);
  if (start === end) return a.start <= start && start < a.end;
  return Math.max(a.start, start) < Math.min(a.end, end);
}

export class FindingIndex {
  private readonly anchors = new Map<string, Anchor[]>();
  private readonly owners = new Map<string, string[]>();

  /** An element stands for this range. */
  add(loc: Loc | undefined, target: string, kind: AnchorKind): void {
    if (!loc) return;
    const list = this.anchors.get(loc.file.path) ?? [];
    if (!list.some((a) => a.start === loc.start && a.end === loc.end && a.target === target && a.kind === kind)) {
      list.push({ start: loc.start, end: loc.end, target, kind });
    }
    this.anchors.set(loc.file.path, list);
  }

  /** A container reads or is built from this whole file. */
  own(path: string | undefined, target: string): void {
    if (path === undefined) return;
    const list = this.owners.get(path) ?? [];
    if (!list.includes(target)) list.push(target);
    this.owners.set(path, list);
  }

  /** Elements a range concerns, by precedence (precise anchors, then service blocks, then file owners). */
  lookup(path: string, start: number, end: number): { targets: string[]; connections: string[] } {
    const hits = (this.anchors.get(path) ?? []).filter((a) => overlaps(a, start, end));
    const precise = hits.filter((a) => a.kind !== "block");
    const connections = unique(hits.filter((a) => a.kind === "connection").map((a) => a.target));
    // A connection's value sits inside a service's environment entry: the connection is the more precise element.
    const onEdges = precise.filter((a) => a.kind === "connection" || a.kind === "edge");
    if (onEdges.length > 0) return { targets: unique(onEdges.map((a) => a.target)), connections };
    if (precise.length > 0) return { targets: unique(precise.map((a) => a.target)), connections };
    const blocks = hits.filter((a) => a.kind === "block");
    if (blocks.length > 0) return { targets: unique(blocks.map((a) => a.target)), connections };
    return { targets: [...(this.owners.get(path) ?? [])], connections };
  }

  /**
   * Targets of a finding: its primary range's elements, plus each edge whose
   * connection line a related range points at when the primary concerns that
   * edge's target (a listener finding that names its client: the edge breaks).
   */
  attribute(primary: { path: string; start: number; end: number } | undefined, related: { path: string; start: number; end: number }[], edgeTarget: (edge: string) => string | undefined): string[] {
    if (!primary) return [];
    const targets = this.lookup(primary.path, primary.start, primary.end).targets;
    const out = [...targets];
    for (const r of related) {
      for (const edge of this.lookup(r.path, r.start, r.end).connections) {
        const to = edgeTarget(edge);
        if (to !== undefined && targets.includes(to) && !out.includes(edge)) out.push(edge);
      }
    }
    return out;
  }
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
