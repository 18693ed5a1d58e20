/**
 * A 100 MB log is streamed, not loaded: resident memory grows by far less than the file while
 * explain reads it (sampled during the run), and the findings still count every occurrence.
 * No timing assertions.
 */
import { closeSync, openSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { explainFile } from "../../src/explain/explain.js";
import { tempProject } from "../helpers/temp-project.js";

const TARGET = 100 * 1024 * 1024;
const MB = 1024 * 1024;

/** Write a ~100 MB docker compose log: access lines, uWSGI request lines, known failures, unknown errors. */
function writeBigLog(path: string): { lines: number; blocks: number; refused: number } {
  const fd = openSync(path, "w");
  let lines = 0;
  let blocks = 0;
  let refused = 0;
  let written = 0;
  try {
    while (written < TARGET) {
      const chunk: string[] = [];
      for (let i = 0; i < 5000; i++) {
        const n = lines + 1;
        if (n % 1000 === 0) {
          chunk.push("\u001b[32mweb-1    |\u001b[0m invalid request block size: 21573 (max 4096)...skip");
          blocks++;
        } else if (n % 1777 === 0) {
          chunk.push(`nginx-1  | 2024/05/01 10:00:00 [error] 29#29: *${n} connect() failed (111: Connection refused) while connecting to upstream, client: 172.18.0.1, server: , request: "GET /p${n} HTTP/1.1", upstream: "http://172.18.0.3:8000/p${n}", host: "localhost"`);
          refused++;
        } else if (n % 97 === 0) chunk.push(`web-1    | ERROR unexpected failure in job ${n} id ${n.toString(16).padStart(12, "0")}`);
        else if (n % 2 === 0) chunk.push(`nginx-1  | 172.18.0.1 - - [01/May/2024:10:00:00 +0000] "GET /items/${n}?page=${n % 50} HTTP/1.1" 200 ${n % 9000} "-" "Mozilla/5.0 (X11; Linux x86_64)"`);
        else chunk.push(`web-1    | [pid: 7|app: 0|req: ${n}/${n}] 172.18.0.5 () {42 vars in 812 bytes} [Wed May  1 10:00:00 2024] GET /items/${n} => generated 5120 bytes in 12 msecs (HTTP/1.1 200) 3 headers in 102 bytes (1 switches on core 0)`);
        lines++;
      }
      const text = chunk.join("\r\n") + "\r\n";
      written += writeSync(fd, text);
    }
  } finally {
    closeSync(fd);
  }
  return { lines, blocks, refused };
}

describe("streaming", () => {
  it("explains a generated 100 MB log in bounded memory", { timeout: 300_000 }, () => {
    const dir = tempProject({});
    const path = join(dir, "big.log");
    const expected = writeBigLog(path);
    expect(statSync(path).size).toBeGreaterThanOrEqual(TARGET);
    const before = process.memoryUsage().rss;
    let peak = before;
    const report = explainFile(path, {
      cwd: dir, project: undefined, verbose: true,
      onLine: (n) => {
        if (n % 20_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
      },
    });
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(report.lines).toBe(expected.lines);
    const bySig = Object.fromEntries(report.findings.map((f) => [f.signature, f]));
    expect(bySig["uwsgi-http-on-socket"]?.count).toBe(expected.blocks);
    // every refused line names another path but the same upstream: one finding
    expect(bySig["nginx-upstream-refused"]?.count).toBe(expected.refused);
    expect(report.findings).toHaveLength(2);
    // unknown errors collapse by shape
    expect(report.unrecognised).toHaveLength(1);
    expect((peak - before) / MB).toBeLessThan(200);
  });
});
