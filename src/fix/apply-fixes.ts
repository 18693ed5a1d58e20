import { closeSync, fchmodSync, fchownSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { dirname, basename, join, relative, isAbsolute } from "node:path";
import type { Diagnostic } from "../engine/diagnostic.js";
import type { TextEdit } from "../engine/rule.js";
import type { Project } from "../project/project.js";
import { parseAs } from "../parsers/index.js";
import { createSourceFile, type SourceFile } from "../source/source-file.js";

export interface FileChange {
  path: string;
  before: string;
  after: string;
  file: SourceFile;
}

/**
 * Apply the safe fixes of one lint pass to the texts in memory: edits are
 * applied back to front, an edit overlapping one already taken waits for the
 * next pass, and a result that parses with more problems than before is
 * dropped (a fix must never break a file).
 */
export function planFixes(project: Project, diagnostics: Diagnostic[]): FileChange[] {
  const byFile = new Map<SourceFile, TextEdit[]>();
  for (const d of diagnostics) {
    if (!d.fix?.safe) continue;
    // all edits of one fix go together or not at all
    const edits = d.fix.edits;
    if (edits.length === 0) continue;
    const file = edits[0]!.file;
    if (edits.some((e) => e.file !== file)) continue;
    const list = byFile.get(file) ?? [];
    if (edits.some((e) => list.some((x) => overlaps(x, e)))) continue;
    list.push(...edits);
    byFile.set(file, list);
  }
  const changes: FileChange[] = [];
  for (const [file, edits] of byFile) {
    if (!canWrite(file) || !inside(project.root, file.path)) continue;
    const sorted = [...edits].sort((a, b) => b.start - a.start);
    let text = file.text;
    for (const e of sorted) text = text.slice(0, e.start) + e.text + text.slice(e.end);
    if (text === file.text) continue;
    const loaded = project.loaded(file.path);
    if (loaded) {
      const after = parseAs(loaded.kind, createSourceFile(file.path, text));
      if (after.problems.length > loaded.ast.problems.length) continue;
    }
    changes.push({ path: file.path, before: file.text, after: text, file });
  }
  return changes;
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  return a.start < b.end && b.start < a.end || (a.start === b.start && a.end === b.end);
}

/** Encodings we can write back byte-exactly; GBK/Latin-1 files are never rewritten. */
function canWrite(file: SourceFile): boolean {
  return file.encoding === "utf-8" || file.encoding === "utf-16le" || file.encoding === "utf-16be";
}

/**
 * Is the file inside the project, once symlinks are resolved? A bind-mount source outside the
 * root (`../shared/nginx.conf`), or a path through a symlinked directory that leads out of the
 * root, is linted but never written.
 */
function inside(root: string, path: string): boolean {
  let realRoot: string;
  let realPath: string;
  try {
    realRoot = realpathSync(root);
    realPath = realpathSync(path);
  } catch {
    return false;
  }
  const rel = relative(realRoot, realPath);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

export function encode(file: SourceFile, text: string): Buffer {
  if (file.encoding === "utf-16le") return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  if (file.encoding === "utf-16be") {
    const le = Buffer.from(text, "utf16le");
    for (let i = 0; i + 1 < le.length; i += 2) {
      const t = le[i]!;
      le[i] = le[i + 1]!;
      le[i + 1] = t;
    }
    return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
  }
  const body = Buffer.from(text, "utf8");
  return file.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

let tempCounter = 0;

/**
 * Write through a temp file in the same directory and rename: a crash (or an error) at any
 * point leaves the old file or the new one, never a mix. The temp file is created exclusively,
 * gets the old file's mode and owner, and reaches the disk (fsync) before the rename. A
 * symlink is followed: its target is replaced, the link stays a link.
 */
export function writeAtomically(path: string, bytes: Buffer): void {
  const target = realpathSync(path);
  const stat = statSync(target);
  const mode = stat.mode & 0o7777;
  const temp = join(dirname(target), `.${basename(target)}.stacklint-${process.pid}-${tempCounter++}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, "wx", mode);
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
    try {
      fchownSync(fd, stat.uid, stat.gid);
    } catch {
      // not allowed to give the file away (not root): it keeps our ownership, as any editor's save would
    }
    fchmodSync(fd, mode); // after chown, which clears set-id bits
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    }
    try {
      unlinkSync(temp);
    } catch {
      // nothing to clean up
    }
    throw error;
  }
}
