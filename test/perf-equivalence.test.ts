/**
 * The speed-ups keep the answers: indexed lookups against the plain scans they replace.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { isAlias, isMap, isPair, isSeq, parseDocument, visit, type Document, type Node as YamlNode, type Pair } from "yaml";
import { describe, expect, it } from "vitest";
import { deref, mapPairs, pairKey } from "../src/parsers/compose/parse.js";
import { Project } from "../src/project/project.js";
import { tempProject } from "./helpers/temp-project.js";

/** mapPairs as it was: yaml's own Alias.resolve, no memo. */
function plainDeref(doc: Document.Parsed, node: unknown): YamlNode | undefined {
  let current = node;
  for (let hops = 0; isAlias(current); hops++) {
    if (hops > 32) return undefined;
    current = current.resolve(doc);
  }
  return (current ?? undefined) as YamlNode | undefined;
}
function plainMapPairs(doc: Document.Parsed, node: unknown, depth = 0): Pair[] {
  const map = plainDeref(doc, node);
  if (!isMap(map)) return [];
  const own: Pair[] = [];
  const merged: Pair[] = [];
  for (const item of map.items) {
    if (!isPair(item)) continue;
    if (pairKey(item) === "<<" && depth < 8) {
      const source = plainDeref(doc, item.value);
      for (const s of isSeq(source) ? source.items : [source]) merged.push(...plainMapPairs(doc, s, depth + 1));
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

describe("speed-ups give the same answers", () => {
  it("deref/mapPairs (alias index, merge memo) = yaml's Alias.resolve without memo, on random anchors, aliases and merges", () => {
    const name = fc.constantFrom("a", "b", "c", "d");
    const key = fc.constantFrom("k1", "k2", "k3", "image", "<<");
    // a YAML text built from lines: maps with anchors, aliases (also redefined anchors) and merge keys
    const entry = fc.oneof(
      fc.tuple(name, key, fc.nat(9)).map(([n, k, v]) => `x-${n}${v}: &${n}\n  ${k}: v${v}\n  k${v % 3}: w`),
      fc.tuple(name, fc.array(name, { minLength: 1, maxLength: 3 }), fc.nat(9)).map(([n, refs, v]) => `x-m${v}: &${n}\n  <<: [${refs.map((r) => `*${r}`).join(", ")}]\n  k${v % 4}: m${v}`),
      fc.tuple(name, fc.nat(9)).map(([n, v]) => `x-s${v}:\n  <<: *${n}\n  image: i${v}`),
      fc.tuple(name, fc.nat(9)).map(([n, v]) => `x-al${v}: *${n}`),
    );
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 12 }), (entries) => {
        const text = [...new Set(entries)].join("\n") + "\n";
        const doc = parseDocument(text, { merge: false, strict: false, uniqueKeys: false }) as Document.Parsed;
        const nodes: unknown[] = [];
        visit(doc, { Node: (_k, n) => void nodes.push(n) });
        for (const n of nodes) {
          expect(deref(doc, n)).toBe(plainDeref(doc, n));
          expect(mapPairs(doc, n)).toEqual(plainMapPairs(doc, n));
          expect(mapPairs(doc, n, 3)).toEqual(plainMapPairs(doc, n, 3));
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it("Project.filesUnder = filtering filesOf by path prefix, in load order", () => {
    const files: Record<string, string> = {};
    const dirs = ["a", "a/b", "a/b/c", "ab", "x/a", "x/a/b"];
    dirs.forEach((d, i) => {
      files[`${d}/settings.py`] = `X = ${i}\n`;
      files[`${d}/other_settings.py`] = `Y = ${i}\n`;
    });
    const root = tempProject(files);
    mkdirSync(join(root, "empty"));
    writeFileSync(join(root, "empty", ".keep"), "");
    const project = new Project(root, root);
    // load in a scrambled order
    for (const rel of Object.keys(files).reverse()) project.load(join(root, rel), "django");
    const all = project.filesOf("django");
    for (const dirs of [["a"], ["a/b"], ["ab"], ["x"], ["a", "x/a"], ["a/b", "a"], ["empty"], ["nowhere"], ["."]]) {
      const abs = dirs.map((d) => join(root, d));
      const expected = all.filter((f) => abs.some((r) => f.source.path.startsWith(r + "/")));
      expect(project.filesUnder("django", abs).map((f) => f.source.path)).toEqual(expected.map((f) => f.source.path));
    }
    expect(project.filesUnder("django", ["/"]).length).toBe(all.length);
  });
});
