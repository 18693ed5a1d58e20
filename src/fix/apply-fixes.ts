import { chmodSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
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

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
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

/** Write through a temp file in the same directory and rename: a crash leaves the old or the new file. */
export function writeAtomically(path: string, bytes: Buffer): void {
  const mode = statSync(path).mode & 0o7777;
  const temp = join(dirname(path), `.${basename(path)}.stacklint-${process.pid}.tmp`);
  try {
    writeFileSync(temp, bytes, { mode });
    chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // nothing to clean up
    }
    throw error;
  }
}
