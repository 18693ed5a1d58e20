import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode, type Pair, type YAMLMap } from "yaml";
import type { ParseProblem, Range, SourceFile } from "../../source/source-file.js";

/**
 * A compose file keeps yaml's own CST-backed document (every node has
 * `range`), plus problems as data. Accessors below hide anchors, aliases and
 * `<<` merge keys, which compose files use heavily (`x-common: &common`).
 */
export interface ComposeFile {
  doc: Document.Parsed;
  root: YAMLMap | undefined;
  problems: ParseProblem[];
}




export function parseCompose(file: SourceFile): ComposeFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter, merge: false, prettyErrors: false, strict: false, uniqueKeys: true });
  const problems: ParseProblem[] = [];
  for (const error of doc.errors) {
    problems.push({ message: cleanYamlMessage(error.message), start: error.pos[0], end: Math.max(error.pos[1], error.pos[0]) });
  }
  let root: YAMLMap | undefined;
  if (isMap(doc.contents)) root = doc.contents;
  else if (doc.contents !== null && doc.errors.length === 0 && !(isScalar(doc.contents) && doc.contents.value === null)) {
    const range = nodeRange(doc.contents as YamlNode) ?? { start: 0, end: 0 };
    problems.push({ message: "a compose file must be a mapping (services:, volumes:, ...)", ...range });
  }
  return { doc, root, problems };
}

function cleanYamlMessage(message: string): string {
  // yaml appends "at line X, column Y" plus a code frame; the diagnostic carries the position itself.
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "").trim();
}

/** Aliases are resolved; a chain deeper than this is treated as missing (alias bombs stay bounded). */
const MAX_ALIAS_HOPS = 32;

export function deref(doc: Document.Parsed, node: unknown): YamlNode | undefined {
  let current = node;
  for (let hops = 0; isAlias(current); hops++) {
    if (hops > MAX_ALIAS_HOPS) return undefined;
    current = current.resolve(doc);
  }
  return (current ?? undefined) as YamlNode | undefined;
}

export function nodeRange(node: YamlNode | null | undefined): Range | undefined {
  const range = node?.range;
  if (!range) return undefined;
  return { start: range[0], end: range[1] };
}

export function pairKey(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return key.value === null ? undefined : String(key.value);
  return undefined;
}

/**
 * Pairs of a map including those brought in by `<<: *anchor` merge keys;
 * own keys win over merged ones, as in YAML 1.1 merge semantics.
 */
export function mapPairs(doc: Document.Parsed, node: unknown, depth = 0): Pair[] {
  const map = deref(doc, node);
  if (!isMap(map)) return [];
  const own: Pair[] = [];
  const merged: Pair[] = [];
  for (const item of map.items) {
    if (!isPair(item)) continue;
    if (pairKey(item) === "<<" && depth < 8) {
      const source = deref(doc, item.value);
      const sources = isSeq(source) ? source.items : [source];
      for (const s of sources) merged.push(...mapPairs(doc, s, depth + 1));
      continue;
    }
    own.push(item);
  }
  if (merged.length === 0) return own;
  const ownKeys = new Set(own.map(pairKey));
  const seen = new Set<string | undefined>();
  const result = [...own];
  for (const pair of merged) {
    const key = pairKey(pair);
    if (ownKeys.has(key) || seen.has(key)) continue;
    seen.add(key);
    result.push(pair);
  }
  return result;
}

export function mapGet(doc: Document.Parsed, node: unknown, key: string): Pair | undefined {
  return mapPairs(doc, node).find((p) => pairKey(p) === key);
}

export function seqItems(doc: Document.Parsed, node: unknown): YamlNode[] {
  const seq = deref(doc, node);
  if (!isSeq(seq)) return [];
  const out: YamlNode[] = [];
  for (const item of seq.items) {
    const resolved = deref(doc, item);
    if (resolved) out.push(resolved);
  }
  return out;
}

/** A scalar's value as compose reads it (numbers and booleans become their text). */
export function scalarText(doc: Document.Parsed, node: unknown): string | undefined {
  const n = deref(doc, node);
  if (!isScalar(n) || n.value === null || n.value === undefined) return undefined;
  if (typeof n.value === "string") return n.value;
  // `8000` and `true` keep the spelling the user wrote.
  return n.source ?? String(n.value);
}

export { isMap, isSeq, isScalar, isPair };
export type { YamlNode, Pair, YAMLMap };
