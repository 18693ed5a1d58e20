import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Alias, type Document, type Node as YamlNode, type Pair, type YAMLMap } from "yaml";
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




/** Deeper than this, a compose file is not read (real ones nest about ten levels). */
export const MAX_YAML_DEPTH = 256;

export function parseCompose(file: SourceFile): ComposeFile {
  // yaml's parser recurses per nesting level: near the stack's end even a RegExp compile can
  // abort the process (not a catchable error). So a text that may nest deeper than the limit
  // is not given to it at all; the check below and the catch are second lines of defence.
  const estimate = nestingEstimate(file.text);
  if (estimate.depth > MAX_YAML_DEPTH * 4) {
    return unread(`YAML nested too deeply to read (more than ${MAX_YAML_DEPTH} levels); not linted`, { start: estimate.at, end: estimate.at });
  }
  let doc: Document.Parsed;
  try {
    doc = parseDocument(file.text, { merge: false, prettyErrors: false, strict: false, uniqueKeys: true });
  } catch (error) {
    // yaml's parser recurses per nesting level: thousands of `- - - ...` overflow the stack
    if (!(error instanceof RangeError)) throw error;
    return unread(`YAML nested too deeply to read (more than ${MAX_YAML_DEPTH} levels); not linted`, { start: 0, end: 0 });
  }
  const deep = tooDeep(doc.contents);
  if (deep) return unread(`YAML nested more than ${MAX_YAML_DEPTH} levels deep; not linted`, nodeRange(deep) ?? { start: 0, end: 0 });
  const problems: ParseProblem[] = [];
  const length = file.text.length;
  for (const error of doc.errors) {
    // yaml puts "missing closing quote/bracket" at [length, length + 1): keep ranges in the text
    const start = Math.min(Math.max(0, error.pos[0]), length);
    problems.push({ message: cleanYamlMessage(error.message), start, end: Math.min(Math.max(error.pos[1], start), length) });
  }
  // An alias needs a `*`: without one there is nothing to resolve (and no walk to find them).
  if (!file.text.includes("*")) aliasTargets.set(doc, new Map());
  const expansion = aliasExpansion(doc);
  if (expansion.size > MAX_EXPANDED_NODES) {
    // reported, and the document is not handed to the rules: none of them has to be bomb-proof
    return unread(
      `excessive aliasing: the aliases of this file expand to more than ${MAX_EXPANDED_NODES.toLocaleString("en-US")} values (a "billion laughs" document); docker compose refuses it (\`document contains excessive aliasing\`)`,
      nodeRange(expansion.at) ?? { start: 0, end: 0 },
      problems,
    );
  }
  let root: YAMLMap | undefined;
  if (isMap(doc.contents)) root = doc.contents;
  else if (doc.contents !== null && doc.errors.length === 0 && !(isScalar(doc.contents) && doc.contents.value === null)) {
    const range = nodeRange(doc.contents as YamlNode) ?? { start: 0, end: 0 };
    problems.push({ message: "a compose file must be a mapping (services:, volumes:, ...)", ...range });
  }
  return { doc, root, problems };
}

/**
 * An upper bound of how deep a YAML text can nest: a level needs one more column of indentation,
 * a compact `- `/`? `/`: ` indicator on the same line, or an open flow bracket. Linear, no
 * parsing; real files stay far below MAX_YAML_DEPTH * 4 (quotes are not looked at: brackets
 * inside quoted text count too, which only errs on the safe side).
 */
function nestingEstimate(text: string): { depth: number; at: number } {
  let best = 0;
  let at = 0;
  let flow = 0;
  let lineDepth = 0;
  let indent = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lineDepth = 0;
      indent = true;
      continue;
    }
    if (indent && (c === 32 || c === 9)) lineDepth++;
    else {
      indent = false;
      if (c === 91 || c === 123) flow++; // [ {
      else if ((c === 93 || c === 125) && flow > 0) flow--; // ] }
      else if ((c === 45 || c === 63 || c === 58) && (i + 1 === text.length || text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) lineDepth++; // - ? :
    }
    if (lineDepth + flow > best) {
      best = lineDepth + flow;
      at = i;
    }
  }
  return { depth: best, at };
}

/** A file the model will not look into: an empty document plus the reason as a problem. */
function unread(message: string, range: Range, problems: ParseProblem[] = []): ComposeFile {
  return { doc: parseDocument("") as Document.Parsed, root: undefined, problems: [...problems, { message, ...range }] };
}

/** The first node nested deeper than MAX_YAML_DEPTH (iterative: no recursion on hostile depth). */
function tooDeep(contents: unknown): YamlNode | undefined {
  const stack: [unknown, number][] = [[contents, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_YAML_DEPTH) return node as YamlNode;
    if (isMap(node)) for (const p of node.items) stack.push([p.key, depth + 1], [p.value, depth + 1]);
    else if (isSeq(node)) for (const item of node.items) stack.push([item, depth + 1]);
  }
  return undefined;
}

function cleanYamlMessage(message: string): string {
  // yaml appends "at line X, column Y" plus a code frame; the diagnostic carries the position itself.
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "").trim();
}

/** Aliases are resolved; a chain deeper than this is treated as missing (alias bombs stay bounded). */
const MAX_ALIAS_HOPS = 32;

/**
 * What every alias of a document points at, found in one walk. yaml's own `Alias.resolve(doc)`
 * walks the whole document on every call, which makes a file with many aliases quadratic.
 * Same answer as yaml's: the last node carrying the anchor before the alias, in visit order.
 */
const aliasTargets = new WeakMap<Document.Parsed, Map<Alias, YamlNode | undefined>>();

function targetsOf(doc: Document.Parsed): Map<Alias, YamlNode | undefined> {
  let targets = aliasTargets.get(doc);
  if (targets) return targets;
  const found = new Map<Alias, YamlNode | undefined>();
  const anchored = new Map<string, YamlNode>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) found.set(node, anchored.get(node.source));
      else if ((isScalar(node) || isCollection(node)) && node.anchor) anchored.set(node.anchor, node);
    },
  });
  targets = found;
  aliasTargets.set(doc, targets);
  return targets;
}

/** More values than this once aliases are expanded: an alias bomb, reported like docker compose does. */
export const MAX_EXPANDED_NODES = 1_000_000;

/**
 * How many values the document holds with every alias expanded (merge keys included), counted
 * once per node (linear time, whatever the expansion), and the alias that expands the most.
 */
function aliasExpansion(doc: Document.Parsed): { size: number; at: Alias | undefined } {
  const targets = targetsOf(doc);
  if (targets.size === 0) return { size: 0, at: undefined };
  const memo = new Map<object, number>();
  const active = new Set<object>();
  let worst: Alias | undefined;
  let worstSize = 0;
  const size = (node: unknown, depth: number): number => {
    if (node === null || typeof node !== "object" || depth > 500) return 1;
    const known = memo.get(node);
    if (known !== undefined) return known;
    if (active.has(node)) return 1; // an anchor that contains its own alias
    active.add(node);
    let n = 1;
    if (isAlias(node)) {
      const target = targets.get(node);
      n = target ? size(target, depth + 1) : 1;
      if (n > worstSize) {
        worstSize = n;
        worst = node;
      }
    } else if (isMap(node)) {
      for (const p of node.items) n += size(p.key, depth + 1) + size(p.value, depth + 1);
    } else if (isSeq(node)) {
      for (const item of node.items) n += size(item, depth + 1);
    }
    active.delete(node);
    memo.set(node, n);
    return n;
  };
  return { size: size(doc.contents, 0), at: worst };
}

export function deref(doc: Document.Parsed, node: unknown): YamlNode | undefined {
  let current = node;
  for (let hops = 0; isAlias(current); hops++) {
    if (hops > MAX_ALIAS_HOPS) return undefined;
    const targets = targetsOf(doc);
    current = targets.has(current) ? targets.get(current) : current.resolve(doc);
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
export function mapPairs(doc: Document.Parsed, node: unknown, depth = 0): readonly Pair[] {
  const map = deref(doc, node);
  if (!isMap(map)) return NO_PAIRS;
  // Asked again and again for the same maps (every accessor, every rule): computed once per map
  // and depth. Merges are resolved once per map and depth too: `<<: [*a, *a, ...]` nested a few
  // levels (a merge-key "billion laughs") would otherwise take exponential time.
  let byDepth = pairsOf.get(map);
  if (!byDepth) pairsOf.set(map, (byDepth = new Map()));
  const cached = byDepth.get(depth);
  if (cached) return cached;
  const own: Pair[] = [];
  let hasMerge = false;
  for (const item of map.items) {
    if (!isPair(item)) continue;
    if (pairKey(item) === "<<" && depth < 8) hasMerge = true;
    else own.push(item);
  }
  if (!hasMerge) {
    byDepth.set(depth, own);
    return own;
  }
  const merged: Pair[] = [];
  for (const item of map.items) {
    if (!isPair(item) || pairKey(item) !== "<<") continue;
    const source = deref(doc, item.value);
    const sources = isSeq(source) ? source.items : [source];
    for (const s of sources) for (const p of mapPairs(doc, s, depth + 1)) merged.push(p);
  }
  const ownKeys = new Set(own.map(pairKey));
  const seen = new Set<string | undefined>();
  const result = own;
  for (const pair of merged) {
    const k = pairKey(pair);
    if (ownKeys.has(k) || seen.has(k)) continue;
    seen.add(k);
    result.push(pair);
  }
  byDepth.set(depth, result);
  return result;
}

const NO_PAIRS: readonly Pair[] = Object.freeze([]);
/** A map's pairs (merges resolved) by merge depth; maps are never changed after parsing. */
const pairsOf = new WeakMap<YAMLMap, Map<number, readonly Pair[]>>();

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
