/**
 * Split a compose `command:`/`entrypoint:` string into argv the way compose
 * does (shell-like quoting, but no shell: `&&`, `|`, `$VAR` stay plain
 * words). Offsets are relative to the input string.
 */
export interface SplitWord {
  value: string;
  start: number;
  end: number;
}

export function splitWords(input: string): SplitWord[] {
  const words: SplitWord[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    while (i < n && /\s/.test(input[i]!)) i++;
    if (i >= n) break;
    const start = i;
    let value = "";
    while (i < n && !/\s/.test(input[i]!)) {
      const c = input[i]!;
      if (c === "'") {
        const close = input.indexOf("'", i + 1);
        if (close < 0) {
          value += input.slice(i + 1);
          i = n;
          break;
        }
        value += input.slice(i + 1, close);
        i = close + 1;
      } else if (c === '"') {
        i++;
        while (i < n && input[i] !== '"') {
          if (input[i] === "\\" && i + 1 < n && '"\\$`'.includes(input[i + 1]!)) {
            value += input[i + 1];
            i += 2;
          } else {
            value += input[i];
            i++;
          }
        }
        i++;
      } else if (c === "\\" && i + 1 < n) {
        value += input[i + 1];
        i += 2;
      } else {
        value += c;
        i++;
      }
    }
    words.push({ value, start, end: Math.min(i, n) });
  }
  return words;
}
