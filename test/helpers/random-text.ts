/** mulberry32: a tiny seeded generator, so a failing random input can be replayed by its seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 1–12 random edits of `start`: insert a piece, delete a few characters, or insert a piece repeated. */
export function mutateText(rand: () => number, start: string, pieces: readonly string[]): string {
  let text = start;
  const edits = 1 + Math.floor(rand() * 12);
  for (let i = 0; i < edits; i++) {
    const piece = pieces[Math.floor(rand() * pieces.length)] ?? "";
    const pos = Math.floor(rand() * (text.length + 1));
    const r = rand();
    if (r < 0.6) text = text.slice(0, pos) + piece + text.slice(pos);
    else if (r < 0.8) text = text.slice(0, pos) + text.slice(pos + 1 + Math.floor(rand() * 4));
    else text = text.slice(0, pos) + piece.repeat(1 + Math.floor(rand() * 5)) + text.slice(pos);
  }
  return text;
}
