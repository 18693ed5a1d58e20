import { readdirSync, readFileSync } from "node:fs";
import { posix } from "node:path";
import type { Project } from "../../project/project.js";
import { globRegExp } from "../../discover/glob.js";

/**
 * The build context as the builder sends it: files under the context
 * directory minus what `.dockerignore` excludes (Go filepath.Match patterns,
 * `**`, `!` exceptions, last match wins).
 */
export class BuildContext {
  private readonly rules: { negate: boolean; re: RegExp }[];

  constructor(
    private readonly project: Project,
    readonly dir: string,
  ) {
    this.rules = readDockerignore(dir);
  }

  /** Is a context-relative path sent to the builder? */
  included(rel: string): boolean {
    const path = posix.normalize(rel).replace(/^\.\/|^\//, "");
    if (path === "." || path === "") return true;
    let excluded = false;
    for (const rule of this.rules) {
      // a pattern also excludes everything below a matching directory
      const parts = path.split("/");
      let matched = false;
      for (let i = parts.length; i >= 1 && !matched; i--) matched = rule.re.test(parts.slice(0, i).join("/"));
      if (matched) excluded = !rule.negate;
    }
    return !excluded;
  }

  /** Does a COPY/ADD source (possibly a glob) match anything that is sent? */
  exists(source: string): "yes" | "no" | "excluded" {
    const rel = posix.normalize(source).replace(/^\/+/, "");
    if (rel.startsWith("..")) return "no";
    if (!/[*?[]/.test(rel)) {
      const kind = this.project.pathKind(posix.join(this.dir, rel));
      if (kind === "none") return "no";
      return this.included(rel) ? "yes" : "excluded";
    }
    const re = globRegExp(rel);
    const dir = posix.dirname(rel);
    if (/[*?[]/.test(dir)) return "yes"; // globs in directories: not judged
    let names: string[];
    try {
      names = readdirSync(posix.join(this.dir, dir));
    } catch {
      return "no";
    }
    const hits = names.map((n) => (dir === "." ? n : `${dir}/${n}`)).filter((p) => re.test(p));
    if (hits.length === 0) return "no";
    return hits.some((h) => this.included(h)) ? "yes" : "excluded";
  }
}

function readDockerignore(dir: string): { negate: boolean; re: RegExp }[] {
  let text: string;
  try {
    text = readFileSync(posix.join(dir, ".dockerignore"), "utf8");
  } catch {
    return [];
  }
  const rules: { negate: boolean; re: RegExp }[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const negate = line.startsWith("!");
    if (negate) line = line.slice(1).trim();
    line = posix.normalize(line).replace(/^\/+/, "").replace(/\/+$/, "");
    rules.push({ negate, re: globRegExp(line) });
  }
  return rules;
}
