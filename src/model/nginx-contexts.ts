import type { NginxContext } from "../knowledge/nginx-directives.js";
import type { NginxDirective } from "../parsers/nginx/ast.js";
import { nginxTree } from "../parsers/nginx/tree.js";
import type { Project, ProjectFile } from "../project/project.js";
import { nginxInstances, type NginxFlavour } from "./nginx-instance.js";
import type { Stack } from "./stack.js";

/** The directives of one nginx config file with the context each is evaluated in, for checks against nginx's directive table. */
export interface PlacedFile {
  file: ProjectFile<"nginx">;
  /** Directives in source order (data blocks not descended into)... */
  directives: readonly NginxDirective[];
  /** ...and the context of each: `contexts[i]` is where `directives[i]` is evaluated. */
  contexts: readonly NginxContext[];
  /** Which nginx reads it: a known build (official image, Debian package) or unknown (a host nginx, OpenResty...). */
  flavour: NginxFlavour;
  /** The image tag when the container runs an nginx image. */
  imageTag: string | undefined;
}

/**
 * Every directive of every nginx config, once, with its context: for files a
 * container loads, the context it is included in (conf.d files sit inside
 * `http {}`); for other files, the context their top level implies (a file of
 * `server {}` blocks is a conf.d/sites file, one with `http {}` a main config).
 * Data blocks (`map`, `types`, ...) are not descended into. Grouped per file (two arrays, not
 * an object per directive: a big config has 150 000 directives and three rules ask).
 */
export function placedFiles(project: Project, stacks: readonly Stack[]): readonly PlacedFile[] {
  // several rules ask for the same list; computed once per model (and file count, as files load lazily)
  const cached = placed.get(stacks);
  if (cached && cached.project === project && cached.files === project.files.size) return cached.list;
  const list = computePlaced(project, stacks);
  placed.set(stacks, { project, files: project.files.size, list });
  return list;
}

/** Call `each` for every placed directive with its context, file by file in source order. */
export function forEachPlaced(project: Project, stacks: readonly Stack[], each: (d: NginxDirective, context: NginxContext, placed: PlacedFile) => void): void {
  for (const p of placedFiles(project, stacks)) {
    const { directives, contexts } = p;
    for (let i = 0; i < directives.length; i++) each(directives[i]!, contexts[i]!, p);
  }
}

const placed = new WeakMap<readonly Stack[], { project: Project; files: number; list: PlacedFile[] }>();

function computePlaced(project: Project, stacks: readonly Stack[]): PlacedFile[] {
  const out: PlacedFile[] = [];
  const seen = new Set<ProjectFile<"nginx">>();
  for (const instance of nginxInstances(project, stacks)) {
    for (const loaded of instance.files) {
      if (seen.has(loaded.file)) continue;
      seen.add(loaded.file);
      const top = loaded.context.length === 0 ? "main" : loaded.context[loaded.context.length - 1] === "http" ? "http" : undefined;
      if (top) place(loaded.file, top, instance.flavour, instance.image?.tag ?? (instance.image ? "latest" : undefined), out);
    }
  }
  for (const file of project.filesOf("nginx")) {
    if (seen.has(file)) continue;
    const names = new Set(file.ast.directives.map((d) => d.name));
    const top: NginxContext | undefined = names.has("http") || names.has("events") || names.has("worker_processes") ? "main"
      : names.has("server") || names.has("upstream") || names.has("map") ? "http"
      : names.has("location") ? "server" : undefined;
    if (top) place(file, top, "unknown", undefined, out);
  }
  return out;
}

function place(file: ProjectFile<"nginx">, top: NginxContext, flavour: NginxFlavour, imageTag: string | undefined, out: PlacedFile[]): void {
  const tree = nginxTree(file.ast);
  const contextOf = new Map<NginxDirective | undefined, NginxContext>([[undefined, top]]);
  const directives: NginxDirective[] = [];
  const contexts: NginxContext[] = [];
  for (const d of tree.directives) {
    const context = contextOf.get(d.parent);
    if (context === undefined) continue;
    directives.push(d);
    contexts.push(context);
    if (d.block) contextOf.set(d, childContext(d.name, context));
  }
  out.push({ file, directives, contexts, flavour, imageTag });
}

/** The context a block directive opens, given where it is. */
function childContext(name: string, outer: NginxContext): NginxContext {
  switch (name) {
    case "http": return "http";
    case "events": return "events";
    case "stream": return "stream";
    case "mail": return "mail";
    case "server": return outer === "stream" ? "stream_server" : outer === "mail" ? "mail_server" : "server";
    case "upstream": return outer === "stream" ? "stream_upstream" : "upstream";
    case "location": return "location";
    case "if": return outer === "server" ? "if_server" : "if_location";
    case "limit_except": return "limit_except";
    default: return outer;
  }
}
