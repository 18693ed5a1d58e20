/** nginx time values: `600`, `60s`, `1m`, `500ms`, `1h30m` → seconds (undefined when not a time). */
export function nginxSeconds(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const re = /(\d+)(ms|s|m|h|d|w|M|y)/g;
  let total = 0;
  let consumed = 0;
  const factor: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, M: 2592000, y: 31536000 };
  for (const m of t.matchAll(re)) {
    total += Number(m[1]) * factor[m[2]!]!;
    consumed += m[0].length;
  }
  return consumed === t.length && consumed > 0 ? total : undefined;
}
