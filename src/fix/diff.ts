/** A unified diff of two texts, line based, for --fix-dry-run. */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const out: string[] = [`--- a/${path}`, `+++ b/${path}`];
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.kind === "same") {
      i++;
      continue;
    }
    let start = Math.max(0, i - context);
    let end = i;
    // extend the hunk while changes are within 2*context of each other
    for (let j = i; j < ops.length; j++) {
      if (ops[j]!.kind !== "same") end = j;
      else if (j - end > 2 * context) break;
    }
    end = Math.min(ops.length - 1, end + context);
    const hunk = ops.slice(start, end + 1);
    const aStart = (hunk[0]?.aIndex ?? 0) + 1;
    const bStart = (hunk[0]?.bIndex ?? 0) + 1;
    const aLen = hunk.filter((o) => o.kind !== "add").length;
    const bLen = hunk.filter((o) => o.kind !== "del").length;
    out.push(`@@ -${aStart},${aLen} +${bStart},${bLen} @@`);
    for (const o of hunk) out.push((o.kind === "same" ? " " : o.kind === "del" ? "-" : "+") + visible(o.text));
    i = end + 1;
    start = i;
  }
  return out.join("\n") + "\n";
}

function visible(line: string): string {
  return line.replace(/\r/g, "\\r");
}

function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

interface Op {
  kind: "same" | "del" | "add";
  text: string;
  aIndex: number;
  bIndex: number;
}

/** LCS over lines after trimming the common prefix/suffix; big middles fall back to delete+add. */
function diffLines(a: string[], b: string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const ops: Op[] = [];
  for (let k = 0; k < pre; k++) ops.push({ kind: "same", text: a[k]!, aIndex: k, bIndex: k });
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  if (am.length * bm.length > 4_000_000) {
    am.forEach((t, k) => ops.push({ kind: "del", text: t, aIndex: pre + k, bIndex: pre }));
    bm.forEach((t, k) => ops.push({ kind: "add", text: t, aIndex: pre + am.length, bIndex: pre + k }));
  } else {
    const n = am.length;
    const m = bm.length;
    const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let x = n - 1; x >= 0; x--) for (let y = m - 1; y >= 0; y--) lcs[x]![y] = am[x] === bm[y] ? lcs[x + 1]![y + 1]! + 1 : Math.max(lcs[x + 1]![y]!, lcs[x]![y + 1]!);
    let x = 0;
    let y = 0;
    while (x < n || y < m) {
      if (x < n && y < m && am[x] === bm[y]) {
        ops.push({ kind: "same", text: am[x]!, aIndex: pre + x, bIndex: pre + y });
        x++;
        y++;
      } else if (y < m && (x === n || lcs[x]![y + 1]! > lcs[x + 1]![y]!)) {
        ops.push({ kind: "add", text: bm[y]!, aIndex: pre + x, bIndex: pre + y });
        y++;
      } else {
        ops.push({ kind: "del", text: am[x]!, aIndex: pre + x, bIndex: pre + y });
        x++;
      }
    }
  }
  for (let k = 0; k < suf; k++) ops.push({ kind: "same", text: a[a.length - suf + k]!, aIndex: a.length - suf + k, bIndex: b.length - suf + k });
  return ops;
}
