import type { SecretValue } from "../secrets/secrets.js";

/**
 * The same redaction as `makeRedactor` (every secret value of 3+ characters replaced by `***`,
 * longest first, one after the other), without testing every secret against every text: a
 * monorepo has thousands of secrets and the engine redacts thousands of short texts. Values are
 * indexed by their first three characters; only values that start somewhere in the text (and
 * values containing `*`, which a `***` put in by an earlier replacement could complete) are tried,
 * in the original order.
 */
export function indexedRedactor(secrets: readonly SecretValue[]): (text: string) => string {
  const values = [...new Set(secrets.map((s) => s.value).filter((v) => v.length >= 3))].sort((a, b) => b.length - a.length);
  if (values.length === 0) return (text) => text;
  const byPrefix = new Map<string, number[]>();
  const starred: number[] = [];
  values.forEach((v, i) => {
    if (v.includes("*")) starred.push(i);
    const key = v.slice(0, 3);
    const list = byPrefix.get(key);
    if (list) list.push(i);
    else byPrefix.set(key, [i]);
  });
  return (text) => {
    if (text.length < 3) return text;
    const candidates = new Set<number>(starred);
    for (let i = 0; i + 3 <= text.length; i++) {
      const list = byPrefix.get(text.slice(i, i + 3));
      if (list) for (const k of list) candidates.add(k);
    }
    if (candidates.size === 0) return text;
    let out = text;
    for (const k of [...candidates].sort((a, b) => a - b)) {
      const v = values[k]!;
      if (out.includes(v)) out = out.split(v).join("***");
    }
    return out;
  };
}
