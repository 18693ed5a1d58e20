/**
 * src/formatters/ansi.ts replaces chalk in the text formatters (start-up: chalk loads node:tty,
 * node:os and node:net). Its output must be byte-for-byte what chalk 5 writes at level 1, which
 * is kept as a dev dependency for this comparison only.
 */
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { ansi } from "../../src/formatters/ansi.js";

const chalk = new Chalk({ level: 1 });
const ours = ansi(true);
const TEXTS = [
  "",
  "plain",
  "two\nlines",
  "crlf\r\nline\r\n",
  "\nleading and trailing\n",
  `already ${chalk.red("red")} inside`,
  `nested ${chalk.bold("bold")} and ${chalk.dim("dim")} and ${chalk.underline("u")}`,
  `mixed ${chalk.red.bold("both")}\nand a break`,
  "錯誤：中文 and emoji 🚀",
];

describe("ansi styles are chalk's, byte for byte", () => {
  const pairs = [
    ["red", chalk.red, ours.red],
    ["yellow", chalk.yellow, ours.yellow],
    ["blue", chalk.blue, ours.blue],
    ["cyan", chalk.cyan, ours.cyan],
    ["dim", chalk.dim, ours.dim],
    ["bold", chalk.bold, ours.bold],
    ["underline", chalk.underline, ours.underline],
    ["red.bold", chalk.red.bold, ours.redBold],
    ["yellow.bold", chalk.yellow.bold, ours.yellowBold],
  ] as const;
  for (const [name, theirs, mine] of pairs) {
    it(name, () => {
      for (const text of TEXTS) expect(JSON.stringify(mine(text)), JSON.stringify(text)).toBe(JSON.stringify(theirs(text)));
    });
  }

  it("without colour every style is the identity (what chalk does at level 0)", () => {
    const off = ansi(false);
    const none = new Chalk({ level: 0 });
    for (const text of TEXTS) {
      expect(off.red(text)).toBe(none.red(text));
      expect(off.redBold(text)).toBe(none.red.bold(text));
      expect(off.dim(text)).toBe(text);
    }
  });
});
