import { lstatSync, readdirSync, realpathSync, type Dirent } from "node:fs";
import { join, relative, sep } from "node:path";

/** Directories that never hold deployment config of the project itself. */
const SKIP_DIRS = new Set([
  ".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".mypy_cache", ".pytest_cache",
  ".ruff_cache", ".idea", ".vscode", "site-packages", ".cache", ".next", "bower_components", "coverage",
]);

export interface WalkEntry {
  /** Absolute path. */
  path: string;
  /** Path relative to the walk root, forward slashes. */
  rel: string;
}

export interface WalkProblem {
  path: string;
  message: string;
}

export interface WalkResult {
  files: WalkEntry[];
  problems: WalkProblem[];
}

/** Upper bound on files visited, so a mistaken `stacklint /` stays bounded. */
export const MAX_WALK_FILES = 200_000;

/**
 * List files under root without following directory symlinks (loops and
 * trees outside the project are not walked). Symlinked files are listed; the
 * reader resolves them and the discover step refuses targets outside root.
 */
export function walk(root: string, isIgnored: (rel: string, isDir: boolean) => boolean): WalkResult {
  const files: WalkEntry[] = [];
  const problems: WalkProblem[] = [];
  const stack: string[] = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: dir, message: `cannot read directory (${(error as NodeJS.ErrnoException).code ?? "error"})` });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const rel = toPosix(relative(root, path));
      if (entry.isDirectory()) {
        if (SKIP_DIRS.has(entry.name) || isIgnored(rel, true)) continue;
        subdirs.push(path);
      } else if (entry.isFile()) {
        if (isIgnored(rel, false)) continue;
        files.push({ path, rel });
      } else if (entry.isSymbolicLink()) {
        if (isIgnored(rel, false)) continue;
        const target = safeRealpath(path);
        if (target === undefined) {
          problems.push({ path, message: "broken symbolic link (or a symlink loop); not followed" });
          continue;
        }
        const realRoot = safeRealpath(root) ?? root;
        if (target !== realRoot && !target.startsWith(realRoot + sep)) {
          problems.push({ path, message: "symbolic link points outside the project; not followed" });
          continue;
        }
        try {
          if (lstatSync(target).isFile()) files.push({ path, rel });
        } catch {
          // vanished between readdir and stat: nothing to lint
        }
      }
      if (files.length >= MAX_WALK_FILES) {
        problems.push({ path: dir, message: `more than ${MAX_WALK_FILES} files; the rest are not linted` });
        return { files, problems };
      }
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]!);
  }
  return { files, problems };
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

export function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}
