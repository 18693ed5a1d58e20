import { closeSync, openSync, readSync } from "node:fs";
import { dirname, posix, resolve } from "node:path";
import { defineRule } from "../../src/engine/rule.js";
import type { Project } from "../../src/project/project.js";

/** Flags only ADD has: the source is remote, or the user asks for ADD's own behaviour. */
const ADD_ONLY_FLAGS = new Set(["checksum", "keep-git-dir", "unpack"]);
/** Names ADD unpacks (it really decides by content: identity/gzip/bzip2/xz/zstd tar streams). */
const ARCHIVE_NAME = /\.(?:tar|tgz|tbz2?|txz|tlz|tzst|gz|bz2|xz|lzma|lz|zst|z)$/i;
const URL = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i;

export default defineRule({
  meta: {
    id: "add-instead-of-copy",
    description: "ADD of local files or directories where COPY says what is meant",
    severity: "info",
    category: "dockerfile",
    files: ["dockerfile"],
    messages: {
      add:
        "`ADD {{src}}` copies a local path: ADD also fetches URLs and silently unpacks tar archives, so the same line does something else as soon as a source is an archive; use `COPY` for plain files and directories",
    },
    fixable: true,
  },
  check({ project, model, report }) {
    for (const file of project.filesOf("dockerfile")) {
      const contexts = new Set<string>();
      for (const stack of model.stacks) for (const s of stack.services) if (s.build?.dockerfile === file) contexts.add(s.build.context);
      if (contexts.size === 0) contexts.add(dirname(file.source.path));
      for (const instr of file.ast.instructions) {
        if (instr.keyword !== "ADD" || instr.heredocs.length > 0) continue;
        if (instr.flags.some((f) => ADD_ONLY_FLAGS.has(f.name))) continue;
        const parts = instr.form === "exec" && instr.execArgs ? instr.execArgs.map((a) => a.value) : instr.args.trim().split(/\s+/).filter(Boolean);
        const sources = parts.slice(0, -1);
        if (sources.length === 0) continue;
        let verified = true;
        let silent = false;
        for (const src of sources) {
          const kind = classify(project, [...contexts], src);
          if (kind === "remote-or-archive") silent = true;
          else if (kind === "unverified") verified = false;
        }
        if (silent) continue;
        const keyword = file.source.text.slice(instr.keywordRange.start, instr.keywordRange.end);
        report({
          messageId: "add",
          data: { src: sources.join(" ") },
          at: { file: file.source, start: instr.keywordRange.start, end: instr.keywordRange.end },
          ...(verified
            ? { fix: { safe: true, edits: [{ file: file.source, start: instr.keywordRange.start, end: instr.keywordRange.end, text: keyword === keyword.toLowerCase() ? "copy" : "COPY" }] } }
            : {}),
        });
      }
    }
  },
});

/**
 * "local": a directory, or a file in the context that is no archive by content (COPY does the same);
 * "unverified": looks local, but the file is not in the repo to check;
 * "remote-or-archive": a URL, an archive, a variable or a wildcard that may match one (ADD is right or unknown).
 */
function classify(project: Project, contexts: string[], src: string): "local" | "unverified" | "remote-or-archive" {
  if (URL.test(src) || src.includes("$") || ARCHIVE_NAME.test(src)) return "remote-or-archive";
  if (/[*?[]/.test(src)) {
    // `*.py` cannot match an archive name; `files/*` can
    const last = posix.basename(src);
    return /\.[A-Za-z0-9]+$/.test(last) && !/[*?[]/.test(last.slice(last.lastIndexOf("."))) ? "unverified" : "remote-or-archive";
  }
  let result: "local" | "unverified" = "local";
  for (const context of contexts) {
    const path = resolve(context, src.replace(/^\/+/, ""));
    const kind = project.pathKind(path);
    if (kind === "dir") continue;
    if (kind === "none") {
      // a missing extension-less name may be a tarball built before `docker build`
      if (!/\.[A-Za-z0-9]+$/.test(posix.basename(src))) return "remote-or-archive";
      result = "unverified";
      continue;
    }
    if (isArchive(path)) return "remote-or-archive";
  }
  return result;
}

/** tar (ustar magic), gzip, bzip2, xz, zstd by their first bytes. */
function isArchive(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const head = Buffer.alloc(264);
    const n = readSync(fd, head, 0, head.length, 0);
    const b = head.subarray(0, n);
    if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return true;
    if (b.length >= 3 && b.toString("latin1", 0, 3) === "BZh") return true;
    if (b.length >= 6 && b[0] === 0xfd && b.toString("latin1", 1, 6) === "7zXZ\0") return true;
    if (b.length >= 4 && b.readUInt32LE(0) === 0xfd2fb528) return true;
    if (b.length >= 262 && b.toString("latin1", 257, 262) === "ustar") return true;
    return false;
  } catch {
    return true;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
