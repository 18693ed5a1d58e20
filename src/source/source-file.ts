/**
 * A file as stacklint sees it: decoded text plus what the bytes told us
 * (encoding, BOM, line endings). Every parser gets a SourceFile and every
 * node it produces holds offsets into `text`; line/column are computed from
 * those offsets once, here, and nowhere else.
 */
export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "gbk" | "latin1";
export type LineEndings = "lf" | "crlf" | "cr" | "mixed" | "none";

export interface SourceFile {
  /** Absolute path on disk (or a virtual path in tests). */
  readonly path: string;
  /** Decoded text, BOM removed. Offsets everywhere point into this string (UTF-16 code units). */
  readonly text: string;
  readonly encoding: Encoding;
  readonly bom: boolean;
  readonly lineEndings: LineEndings;
  /** Unix mode bits when read from disk (exec bit matters for scripts). */
  readonly mode: number | undefined;
  /** Offset of the first character of every line; lineStarts[0] === 0. */
  readonly lineStarts: readonly number[];
}

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column in UTF-16 code units, like editors count. */
  column: number;
}

/** A half-open range [start, end) of offsets into SourceFile.text. */
export interface Range {
  start: number;
  end: number;
}

/** A syntax problem found by a parser. Parsers return these; they never throw on user input. */
export interface ParseProblem extends Range {
  message: string;
  /** A safe repair when the parser knows exactly what is missing (nginx: the `;` at this offset). */
  fix?: { start: number; end: number; text: string };
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  // Most files have no CR at all: indexOf is a native memchr, ~10× faster than a charCodeAt loop.
  if (text.indexOf("\r") === -1) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

export function detectLineEndings(text: string): LineEndings {
  if (text.indexOf("\r") === -1) return text.indexOf("\n") === -1 ? "none" : "lf";
  let lf = 0;
  let crlf = 0;
  let cr = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  const kinds = (lf > 0 ? 1 : 0) + (crlf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0);
  if (kinds === 0) return "none";
  if (kinds > 1) return "mixed";
  return lf > 0 ? "lf" : crlf > 0 ? "crlf" : "cr";
}

export function createSourceFile(
  path: string,
  text: string,
  options: { encoding?: Encoding; bom?: boolean; mode?: number } = {},
): SourceFile {
  // The line index is built on first use: most files of a run never report a finding.
  let lineStarts: number[] | undefined;
  return {
    path,
    text,
    encoding: options.encoding ?? "utf-8",
    bom: options.bom ?? false,
    lineEndings: detectLineEndings(text),
    mode: options.mode,
    get lineStarts(): readonly number[] {
      return (lineStarts ??= computeLineStarts(text));
    },
  };
}

/** Offset → 1-based line/column. Binary search over lineStarts. */
export function positionAt(file: Pick<SourceFile, "lineStarts" | "text">, offset: number): Position {
  const clamped = Math.max(0, Math.min(offset, file.text.length));
  const starts = file.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= clamped) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: clamped - (starts[lo] ?? 0) + 1 };
}

/** 1-based line → [start, end) of that line's content, without its line terminator. */
export function lineRange(file: Pick<SourceFile, "lineStarts" | "text">, line: number): Range {
  const start = file.lineStarts[line - 1] ?? file.text.length;
  let end = file.lineStarts[line] ?? file.text.length;
  if (end > start && file.text.charCodeAt(end - 1) === 10) end--;
  if (end > start && file.text.charCodeAt(end - 1) === 13) end--;
  return { start, end };
}

export function lineCount(file: Pick<SourceFile, "lineStarts">): number {
  return file.lineStarts.length;
}
