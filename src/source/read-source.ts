import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { createSourceFile, type Encoding, type SourceFile } from "./source-file.js";

/** Files above this size are not parsed; a diagnostic says so. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export type ReadResult =
  | { ok: true; file: SourceFile; notes: ReadNote[] }
  | { ok: false; reason: string; code: "too-large" | "binary" | "unreadable" | "not-a-file" };

/** Something about the bytes a user should know, but that does not stop parsing. */
export interface ReadNote {
  message: string;
  /** Offset in the decoded text the note is about (0 when it is about the whole file). */
  offset: number;
}

/**
 * Decode bytes the way the programs that read these files would see them,
 * without ever throwing: UTF-8 (with or without BOM), UTF-16 with BOM, and
 * GBK, which Chinese tutorials' files are often saved in. Anything else is
 * decoded as latin1 so offsets stay meaningful.
 */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: Encoding; bom: boolean; notes: ReadNote[] } | { binary: true } {
  const notes: ReadNote[] = [];
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(3));
    return { text, encoding: "utf-8", bom: true, notes };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le", bom: true, notes };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be", bom: true, notes };
  }
  const probe = bytes.subarray(0, Math.min(bytes.length, 8192));
  if (probe.includes(0)) return { binary: true };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8", bom: false, notes };
  } catch {
    // not UTF-8: fall through
  }
  try {
    const text = new TextDecoder("gbk", { fatal: true }).decode(bytes);
    return { text, encoding: "gbk", bom: false, notes };
  } catch {
    // not GBK either
  }
  const text = new TextDecoder("latin1").decode(bytes);
  const bad = firstInvalidUtf8(bytes);
  notes.push({ message: "file is not valid UTF-8 (nor GBK); decoded as Latin-1", offset: bad });
  return { text, encoding: "latin1", bom: false, notes };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] ?? 0;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return 0;
}

export function sourceFromBytes(path: string, bytes: Uint8Array, mode?: number): ReadResult {
  const decoded = decodeBytes(bytes);
  if ("binary" in decoded) return { ok: false, code: "binary", reason: "binary file (contains NUL bytes); not linted" };
  const file = createSourceFile(path, decoded.text, { encoding: decoded.encoding, bom: decoded.bom, ...(mode !== undefined ? { mode } : {}) });
  return { ok: true, file, notes: decoded.notes };
}

/** Read a file from disk as bytes, bounded in size. Never throws. */
export function readSource(path: string, maxBytes = MAX_FILE_BYTES): ReadResult {
  let fd: number | undefined;
  try {
    // O_NONBLOCK: a FIFO (or a device) named like a config file must not block the run on open;
    // fstat then says it is not a regular file. Harmless for regular files.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, code: "not-a-file", reason: "not a regular file" };
    if (stat.size > maxBytes) {
      return {
        ok: false,
        code: "too-large",
        reason: `file is ${(stat.size / 1048576).toFixed(1)} MiB, above the ${maxBytes / 1048576} MiB limit; not linted`,
      };
    }
    const bytes = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, bytes, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return sourceFromBytes(path, bytes.subarray(0, read), stat.mode);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "EIO";
    return { ok: false, code: "unreadable", reason: `cannot read file (${code})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
