import { statSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import type { FileKind } from "../parsers/index.js";
import type { Project } from "../project/project.js";
import { kindFromContent, kindFromName } from "./classify.js";
import { walk, type WalkProblem } from "./walk.js";

export interface DiscoveredFile {
  path: string;
  kind: FileKind;
}

/** Compose files that `docker compose` would combine, in merge order. */
export interface ComposeConfiguration {
  dir: string;
  files: string[];
}

export interface Discovery {
  files: DiscoveredFile[];
  configurations: ComposeConfiguration[];
  problems: WalkProblem[];
}

/** Default compose file names, in the order `docker compose` looks for them. */
const DEFAULT_COMPOSE = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];

/**
 * Find the files of each path argument: directories are walked, files are
 * taken as given. Kinds come from names, then from content for `.conf`/`.ini`.
 */
export function discover(project: Project, paths: string[], isIgnored: (rel: string, isDir: boolean) => boolean): Discovery {
  const files: DiscoveredFile[] = [];
  const problems: WalkProblem[] = [];
  const seen = new Set<string>();
  const consider = (path: string, rel: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    const byName = kindFromName(rel);
    if (byName === undefined) return;
    if (byName !== "sniff") {
      files.push({ path, kind: byName });
      return;
    }
    const source = project.source(path);
    if (!source) return;
    const kind = kindFromContent(rel, source.text);
    if (kind) files.push({ path, kind });
  };
  for (const arg of paths) {
    const abs = resolve(project.cwd, arg);
    let isDir = false;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      problems.push({ path: abs, message: "no such file or directory" });
      continue;
    }
    if (isDir) {
      const result = walk(abs, isIgnored);
      problems.push(...result.problems);
      for (const f of result.files) consider(f.path, f.rel);
    } else {
      const before = files.length;
      consider(abs, basename(abs));
      if (files.length === before && !seen.has(abs + "#reported")) {
        seen.add(abs + "#reported");
        problems.push({ path: abs, message: "not a file kind stacklint reads (compose, Dockerfile, nginx, uWSGI, supervisord, redis, my.cnf, .env, shell, settings.py)" });
      }
    }
  }
  return { files, configurations: composeConfigurations(files.filter((f) => f.kind === "compose").map((f) => f.path)), problems };
}

/**
 * Group compose files by directory the way a user runs them: the default
 * file plus its `.override` file form one configuration; any other compose
 * file is its own configuration, layered on the default one when it only
 * adds to services the default file defines (an override meant for `-f`).
 * That last judgement needs the files' content, so it is made by the model
 * builder; here: [default (+override)] and each other file on its own.
 */
function composeConfigurations(composePaths: string[]): ComposeConfiguration[] {
  const byDir = new Map<string, string[]>();
  for (const p of composePaths) {
    const dir = dirname(p);
    const list = byDir.get(dir) ?? [];
    list.push(p);
    byDir.set(dir, list);
  }
  const out: ComposeConfiguration[] = [];
  for (const [dir, list] of byDir) {
    const names = new Set(list.map((p) => basename(p)));
    const base = DEFAULT_COMPOSE.find((n) => names.has(n));
    const used = new Set<string>();
    if (base) {
      const stem = base.replace(/\.ya?ml$/, "");
      const override = [`${stem}.override.yaml`, `${stem}.override.yml`].find((n) => names.has(n));
      const files = [resolve(dir, base)];
      used.add(base);
      if (override) {
        files.push(resolve(dir, override));
        used.add(override);
      }
      out.push({ dir, files });
    }
    for (const p of list) if (!used.has(basename(p))) out.push({ dir, files: [p] });
  }
  return out;
}
