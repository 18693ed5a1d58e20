import { statSync } from "node:fs";
import { dirname, relative } from "node:path";
import { parseAs, type AstByKind, type FileKind } from "../parsers/index.js";
import { readSource, type ReadNote } from "../source/read-source.js";
import type { SourceFile } from "../source/source-file.js";
import { toPosix } from "../discover/walk.js";

export interface ProjectFile<K extends FileKind = FileKind> {
  kind: K;
  source: SourceFile;
  ast: AstByKind[K];
}

/** A file that could not be read, or a note about its bytes; becomes a diagnostic. */
export interface FileIssue {
  path: string;
  message: string;
  offset: number;
  /** Has a source to compute line/column from (notes on readable files). */
  source: SourceFile | undefined;
  severity: "error" | "warning" | "info";
}

/**
 * The set of files of one lint run, each read and parsed at most once, in
 * the kind its first reader decided. Discovery, the model and rules all go
 * through here, so "parse each file once" holds by construction.
 */
export class Project {
  readonly files = new Map<string, ProjectFile>();
  readonly issues: FileIssue[] = [];
  private readonly sources = new Map<string, SourceFile | null>();
  private readonly existence = new Map<string, "file" | "dir" | "none">();
  /** Files of each kind in load order (filesOf is asked by many rules: no scan of every file). */
  private readonly byKind = new Map<FileKind, ProjectFile[]>();
  /** Per kind: every directory above a loaded file → those files, in load order (built as files load). */
  private readonly underIndex = new Map<FileKind, { indexed: number; byDir: Map<string, number[]> }>();

  constructor(
    /** Absolute directory the run is about (the first path argument, or its directory). */
    readonly root: string,
    /** Directory paths are shown relative to. */
    readonly cwd: string,
  ) {}

  display(path: string): string {
    return toPosix(relative(this.cwd, path)) || ".";
  }

  /** Read a file's text without parsing it (scripts' line endings, exec bits). */
  source(path: string): SourceFile | undefined {
    const cached = this.sources.get(path);
    if (cached !== undefined) return cached ?? undefined;
    const result = readSource(path);
    if (!result.ok) {
      this.sources.set(path, null);
      if (result.code !== "not-a-file") {
        this.issues.push({ path, message: result.reason, offset: 0, source: undefined, severity: result.code === "binary" ? "warning" : "error" });
      }
      return undefined;
    }
    this.sources.set(path, result.file);
    for (const note of result.notes) this.noteRead(path, note, result.file);
    return result.file;
  }

  private noteRead(path: string, note: ReadNote, source: SourceFile): void {
    this.issues.push({ path, message: note.message, offset: note.offset, source, severity: "warning" });
  }

  /** Parse (once) as the given kind. A file already parsed as another kind keeps its first kind. */
  load<K extends FileKind>(path: string, kind: K): ProjectFile<K> | undefined {
    const existing = this.files.get(path);
    if (existing) return existing.kind === kind ? (existing as ProjectFile<K>) : undefined;
    const source = this.source(path);
    if (!source) return undefined;
    const file: ProjectFile<K> = { kind, source, ast: parseAs(kind, source) };
    this.files.set(path, file);
    const list = this.byKind.get(kind);
    if (list) list.push(file);
    else this.byKind.set(kind, [file]);
    return file;
  }

  /** Whatever kind the file was loaded as. */
  loaded(path: string): ProjectFile | undefined {
    return this.files.get(path);
  }

  filesOf<K extends FileKind>(kind: K): ProjectFile<K>[] {
    return [...(this.byKind.get(kind) ?? [])] as ProjectFile<K>[];
  }

  /**
   * Loaded files of a kind below any of the directories (any depth), in load order. Each dir
   * must be an absolute, normalised path; same answer as filtering filesOf(kind) by
   * `path.startsWith(dir + "/")`.
   */
  filesUnder<K extends FileKind>(kind: K, dirs: readonly string[]): ProjectFile<K>[] {
    const all = this.byKind.get(kind) ?? [];
    let index = this.underIndex.get(kind);
    if (!index) this.underIndex.set(kind, (index = { indexed: 0, byDir: new Map() }));
    for (; index.indexed < all.length; index.indexed++) {
      const position = index.indexed;
      for (let d = dirname(all[position]!.source.path), last = ""; d !== last; last = d, d = dirname(d)) {
        const list = index.byDir.get(d);
        if (list) list.push(position);
        else index.byDir.set(d, [position]);
      }
    }
    const positions = new Set<number>();
    for (const dir of dirs) for (const p of index.byDir.get(dir.length > 1 && dir.endsWith("/") ? dir.slice(0, -1) : dir) ?? []) positions.add(p);
    return [...positions].sort((a, b) => a - b).map((p) => all[p]!) as ProjectFile<K>[];
  }

  /** Does a host path exist (cached)? */
  pathKind(path: string): "file" | "dir" | "none" {
    const cached = this.existence.get(path);
    if (cached) return cached;
    let result: "file" | "dir" | "none" = "none";
    try {
      const stat = statSync(path, { throwIfNoEntry: false });
      if (stat) result = stat.isDirectory() ? "dir" : "file";
    } catch {
      result = "none";
    }
    this.existence.set(path, result);
    return result;
  }
}
