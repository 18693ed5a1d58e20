/** The known name closest to a misspelt one (edit distance ≤ 2, or only separators differ), for "did you mean". */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  const canon = (s: string): string => s.toLowerCase().replace(/[\s_-]+/g, "-");
  const target = canon(name);
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    if (canon(k) === target) return k;
    if (Math.abs(k.length - name.length) > 2) continue;
    const d = editDistance(target, canon(k), bestDistance);
    if (d < bestDistance) {
      bestDistance = d;
      best = k;
    }
  }
  return bestDistance <= (name.length <= 4 ? 1 : 2) ? best : undefined;
}

/** Levenshtein distance, giving up (returning `limit`) once it cannot be below it. Used by every "did you mean". */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let min = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      if (v < min) min = v;
    }
    if (min >= limit) return limit;
    prev = row;
  }
  return prev[b.length]!;
}
