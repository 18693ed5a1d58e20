/**
 * The few ANSI styles the text formatters use, written exactly as chalk writes them at its
 * 16-colour level: `open + text + close`, a close code already inside the text re-opens the
 * style, and every line break is wrapped (close before, open after) so a style never bleeds
 * into the next line.
 *
 * Why not chalk: whether to colour is decided by the CLI (--color, NO_COLOR, a TTY), so chalk's
 * terminal detection only cost start-up — importing it loads node:tty, node:os and node:net
 * on every run, --format json included.
 */
export type Style = (text: string) => string;

export interface Ansi {
  readonly red: Style;
  readonly yellow: Style;
  readonly blue: Style;
  readonly cyan: Style;
  readonly dim: Style;
  readonly bold: Style;
  readonly underline: Style;
  readonly redBold: Style;
  readonly yellowBold: Style;
}

/** [open, close] SGR codes. */
const RED = [31, 39] as const;
const YELLOW = [33, 39] as const;
const BLUE = [34, 39] as const;
const CYAN = [36, 39] as const;
const DIM = [2, 22] as const;
const BOLD = [1, 22] as const;
const UNDERLINE = [4, 24] as const;

const plain: Style = (text) => text;
const PLAIN: Ansi = { red: plain, yellow: plain, blue: plain, cyan: plain, dim: plain, bold: plain, underline: plain, redBold: plain, yellowBold: plain };
const COLOURED: Ansi = {
  red: style(RED),
  yellow: style(YELLOW),
  blue: style(BLUE),
  cyan: style(CYAN),
  dim: style(DIM),
  bold: style(BOLD),
  underline: style(UNDERLINE),
  redBold: style(RED, BOLD),
  yellowBold: style(YELLOW, BOLD),
};

export function ansi(enabled: boolean): Ansi {
  return enabled ? COLOURED : PLAIN;
}

/** Outermost style first, like chalk's `red.bold`. */
function style(...codes: (readonly [number, number])[]): Style {
  const opens = codes.map(([open]) => `\u001b[${open}m`);
  const closes = codes.map(([, close]) => `\u001b[${close}m`);
  const openAll = opens.join("");
  const closeAll = [...closes].reverse().join("");
  return (text) => {
    if (!text) return text;
    let out = text;
    if (out.includes("\u001b")) {
      // innermost first, as chalk walks its styler chain
      for (let i = codes.length - 1; i >= 0; i--) out = out.split(closes[i]!).join(closes[i]! + opens[i]!);
    }
    if (out.includes("\n")) out = out.replace(/\r?\n/g, (lineBreak) => closeAll + lineBreak + openAll);
    return openAll + out + closeAll;
  };
}
