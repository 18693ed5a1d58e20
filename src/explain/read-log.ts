/**
 * Reading logs line by line without holding them: a file (or stdin) is read
 * in fixed-size chunks, split on LF, and every line is normalised before the
 * matcher sees it. Memory stays bounded by the chunk size plus the longest
 * line kept (MAX_LINE characters; longer lines are cut).
 */
import { closeSync, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";

/** A line as the matcher sees it. */
export interface LogLine {
  /** 1-based line number in the input. */
  number: number;
  /** Normalised text: no colours, no CR, no compose prefix, no leading timestamp. */
  text: string;
  /** Compose service from the `web-1  | ` prefix (without the replica number). */
  service: string | undefined;
}

/** Characters kept of one line; the rest of an overlong line is dropped. */
export const MAX_LINE = 16 * 1024;
const CHUNK = 64 * 1024;

/** Splits text chunks on LF and hands out raw lines (CR still attached), one at a time. */
export class LineSplitter {
  private partial = "";
  private truncated = false;
  private count = 0;

  constructor(private readonly onLine: (raw: string, number: number) => void) {}

  push(chunk: string): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf("\n", start);
      if (nl < 0) {
        this.append(chunk, start, chunk.length);
        return;
      }
      this.append(chunk, start, nl);
      this.emit();
      start = nl + 1;
    }
  }

  /** End of input: a last line without LF still counts. */
  end(): void {
    if (this.partial.length > 0 || this.truncated) this.emit();
  }

  get lines(): number {
    return this.count;
  }

  private append(chunk: string, start: number, end: number): void {
    if (this.truncated || end <= start) return;
    const room = MAX_LINE - this.partial.length;
    if (end - start > room) {
      this.partial += chunk.slice(start, start + room);
      this.truncated = true;
    } else this.partial += chunk.slice(start, end);
  }

  private emit(): void {
    const line = this.partial;
    this.partial = "";
    this.truncated = false;
    this.count++;
    this.onLine(line, this.count);
  }
}

/** Text decoding that follows a BOM (UTF-8, UTF-16LE/BE as PowerShell writes them); UTF-8 otherwise. */
class BomDecoder {
  private decoder: StringDecoder | undefined;
  private swap = false;
  private head: Buffer = Buffer.alloc(0);

  write(buf: Buffer): string {
    if (!this.decoder) {
      this.head = Buffer.concat([this.head, buf]);
      if (this.head.length < 3) return "";
      return this.start(this.head);
    }
    return this.decode(buf);
  }

  end(): string {
    if (!this.decoder) return this.head.length > 0 ? this.start(this.head) + this.decoder!.end() : "";
    return this.decoder.end();
  }

  private start(buf: Buffer): string {
    let body = buf;
    if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
      this.decoder = new StringDecoder("utf8");
      body = buf.subarray(3);
    } else if (buf[0] === 0xff && buf[1] === 0xfe) {
      this.decoder = new StringDecoder("utf16le");
      body = buf.subarray(2);
    } else if (buf[0] === 0xfe && buf[1] === 0xff) {
      this.decoder = new StringDecoder("utf16le");
      this.swap = true;
      body = buf.subarray(2);
    } else this.decoder = new StringDecoder("utf8");
    return this.decode(body);
  }

  private pending: Buffer | undefined;

  private decode(buf: Buffer): string {
    if (!this.swap) return this.decoder!.write(buf);
    // UTF-16BE: swap byte pairs, carrying an odd byte to the next chunk.
    let b = this.pending ? Buffer.concat([this.pending, buf]) : Buffer.from(buf);
    this.pending = undefined;
    if (b.length % 2 === 1) {
      this.pending = b.subarray(b.length - 1);
      b = b.subarray(0, b.length - 1);
    }
    b.swap16();
    return this.decoder!.write(b);
  }
}

/** Sleep synchronously (stdin opened non-blocking answers EAGAIN until data arrives). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Read a file descriptor to its end in fixed-size chunks, handing out raw
 * lines. Returns the number of lines.
 */
export function readLinesFromFd(fd: number, onLine: (raw: string, number: number) => void): number {
  const splitter = new LineSplitter(onLine);
  const decoder = new BomDecoder();
  const buf = Buffer.allocUnsafe(CHUNK);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, CHUNK, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") {
        pause(5);
        continue;
      }
      if (code === "EOF") break;
      throw error;
    }
    if (n === 0) break;
    splitter.push(decoder.write(buf.subarray(0, n)));
  }
  splitter.push(decoder.end());
  splitter.end();
  return splitter.lines;
}

/** Read a file by path (see readLinesFromFd). */
export function readLinesFromFile(path: string, onLine: (raw: string, number: number) => void): number {
  const fd = openSync(path, "r");
  try {
    return readLinesFromFd(fd, onLine);
  } finally {
    closeSync(fd);
  }
}

/** The same for a stream (stdin, a socket): chunks as they come. */
export async function readLinesFromStream(stream: AsyncIterable<Buffer | string>, onLine: (raw: string, number: number) => void): Promise<number> {
  const splitter = new LineSplitter(onLine);
  const decoder = new BomDecoder();
  for await (const chunk of stream) splitter.push(typeof chunk === "string" ? chunk : decoder.write(chunk));
  splitter.push(decoder.end());
  splitter.end();
  return splitter.lines;
}

// ---------------------------------------------------------------------------------------------
// Normalisation

/** CSI (colours, cursor), OSC (titles, links) and two-character escapes. */
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

/**
 * `web-1  | `, `web_1  | `, `web  | ` (docker compose v2 / v1 / container_name):
 * a name, at least one space, a bar.
 */
const COMPOSE_PREFIX = /^([A-Za-z][A-Za-z0-9_.-]{0,127})\s+\| ?/;

/** Leading timestamps and program prefixes, tried in order, repeatedly. */
const LEADERS: readonly RegExp[] = [
  // nginx: `2024/01/01 12:00:00 [error] 7#7: *1 `, `nginx: [emerg] `
  /^(?:nginx: )?(?:\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d )?\[(?:emerg|alert|crit|error|warn|notice|info|debug)\] (?:\d+#\d+: )?(?:\*\d+ )?/,
  // ISO 8601 (docker logs -t, supervisord, MariaDB, MySQL entrypoint, gunicorn in brackets)
  /^\[?\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?: ?(?:Z|[+-]\d\d:?\d\d|UTC))?\]?:?\s+/,
  // syslog: `Jan  1 12:00:00 host prog[123]: `
  /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d (?:\S+ [^\s:]+?(?:\[\d+\])?: )?/,
  // uWSGI log-date: `Mon Jan  1 12:00:00 2024 - `
  /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4} - /,
  // redis: `1:M 01 Jan 2024 12:00:00.000 # `
  /^\d+:[CMSX] \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d\.\d{3} [.\-*#] /,
  // Django runserver: `[01/Jan/2024 12:00:00] `
  /^\[\d\d\/[A-Z][a-z]{2}\/\d{4} \d\d:\d\d:\d\d\] /,
  // BuildKit plain progress: `#8 1.234 `
  /^#\d+ \d+\.\d+ /,
  // MariaDB/MySQL thread id before the level: `0 [ERROR] `
  /^\d+ (?=\[(?:Note|Warning|ERROR|System)\])/,
  // gunicorn pid after its timestamp: `[7] [ERROR] `
  /^\[\d+\] (?=\[[A-Z]+\])/,
];

/** Normalise one raw line; `service` is the compose service of its prefix. */
export function normalizeLine(raw: string): { text: string; service: string | undefined } {
  let text = raw.includes("\x1b") ? raw.replace(ANSI, "") : raw;
  if (text.includes("\r")) {
    text = text.replace(/\r+$/, "");
    // A CR inside a line is shown the way `cat -v` does (`/bin/bash^M: bad interpreter`).
    if (text.includes("\r")) text = text.replace(/\r/g, "^M");
  }
  if (text.includes("\0")) text = text.replace(/\0/g, "");
  let service: string | undefined;
  const prefix = COMPOSE_PREFIX.exec(text);
  if (prefix) {
    service = serviceName(prefix[1]!);
    text = text.slice(prefix[0].length);
  }
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    for (const leader of LEADERS) {
      const m = leader.exec(text);
      if (m && m[0].length > 0) {
        text = text.slice(m[0].length);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return { text: text.trimEnd(), service };
}

/** `web-1` / `web_1` / `myproject_web_1` → `web` / `web` / `myproject_web` (replica number dropped). */
export function serviceName(name: string): string {
  return name.replace(/[-_]\d+$/, "");
}
