#!/usr/bin/env node
import { writeSync } from "node:fs";
import { main } from "./cli/main.js";

const code = main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: writer(1, () => process.stdout),
  stderr: writer(2, () => process.stderr),
  // asked only when colour depends on it (process.stdout loads node's stream machinery)
  get isTTY(): boolean {
    return process.stdout.isTTY === true;
  },
});
process.exitCode = code;

/**
 * Write to fd 1/2 synchronously: the report is complete when main() returns, and touching
 * process.stdout would load node's stream and socket modules on every run (start-up time). A
 * descriptor left non-blocking by the parent (EAGAIN) falls back to the stream, which waits; a
 * reader that went away (EPIPE: `stacklint | head`) ends the output quietly, as with any CLI.
 */
function writer(fd: 1 | 2, stream: () => NodeJS.WriteStream): (text: string) => void {
  let mode: "sync" | "stream" | "closed" = "sync";
  return (text) => {
    if (mode === "closed") return;
    if (mode === "stream") {
      stream().write(text);
      return;
    }
    const bytes = Buffer.from(text, "utf8");
    let offset = 0;
    try {
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
    } catch (error) {
      const errno = (error as NodeJS.ErrnoException).code;
      if (errno === "EAGAIN") {
        mode = "stream";
        stream().write(bytes.subarray(offset));
      } else if (errno === "EPIPE") mode = "closed";
      else throw error;
    }
  };
}
