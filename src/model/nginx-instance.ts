import { posix } from "node:path";
import type { NginxDirective } from "../parsers/nginx/ast.js";
import { nginxTree } from "../parsers/nginx/tree.js";
import type { Project, ProjectFile } from "../project/project.js";
import { listContainerDir, resolveContainerPath } from "./container-fs.js";
import { runCommands } from "./image/dockerfile-image.js";
import { isNginxImage } from "./image/known-images.js";
import type { ImageRef, Service } from "./types.js";

/**
 * Which nginx a container runs and which config files it really loads, in
 * the order and the block context nginx reads them: the main nginx.conf (a
 * project file, or the image's own), then every `include` followed through
 * mounts, COPY and the official image's template rendering.
 */

/** "official": the `nginx` image family (nginx.org packages); "debian": Debian/Ubuntu's `nginx` package. */
export type NginxFlavour = "official" | "debian" | "unknown";

export interface LoadedNginxFile {
  file: ProjectFile<"nginx">;
  containerPath: string;
  /** Block names the file's top level sits in: [] for the main file, ["http"] for conf.d files. */
  context: string[];
  /** The include that loads it (undefined for the main file and for the image main's own includes). */
  includedBy: { file: ProjectFile<"nginx">; directive: NginxDirective } | undefined;
}

export type IncludeTarget =
  /** A project file (bind mount, COPY or a rendered template). */
  | { kind: "project"; files: LoadedNginxFile[] }
  /** A glob: whatever matches (possibly nothing, which nginx accepts). */
  | { kind: "glob"; files: LoadedNginxFile[] }
  /** Not provided by the project: the image must have it. */
  | { kind: "image" }
  /** Inside a bind-mounted directory of the project that does not hold it. */
  | { kind: "absent-in-mount"; hostDir: string }
  /** A named volume, a variable or anything the model cannot see. */
  | { kind: "unknown" };

export interface NginxInclude {
  from: LoadedNginxFile;
  directive: NginxDirective;
  /** Absolute path inside the container (relative paths resolve against the main config's directory). */
  containerPath: string;
  target: IncludeTarget;
}

export interface NginxInstance {
  service: Service;
  flavour: NginxFlavour;
  /** The nginx image reference when the container runs an nginx image (for its version). */
  image: ImageRef | undefined;
  mainPath: string;
  /** The main config when the project provides it; undefined when it is the image's own. */
  main: LoadedNginxFile | undefined;
  /** Every project file nginx loads, main first, in load order (a file included twice appears twice). */
  files: LoadedNginxFile[];
  includes: NginxInclude[];
  /** False when the set of loaded files is not fully known (unknown image main, volumes, variables). */
  complete: boolean;
  /** `log_format` names the image's own nginx.conf defines (undefined when the main config is the project's or unknown). */
  imageLogFormats: string[] | undefined;
  /**
   * The official image's own /etc/nginx/conf.d/default.conf (`listen 80; server_name localhost;`) is
   * loaded too: conf.d is globbed, nothing mounts, copies, renders or (by RUN) removes that file.
   */
  imageDefaultConf: boolean;
}

const MAX_LOADED = 300;

const cache = new WeakMap<Service, NginxInstance | null>();

/** Does this container run nginx (nginx image, or nginx among its processes)? */
export function runsNginx(service: Service): boolean {
  const imageName = service.image?.name ?? service.build?.image?.base?.name ?? "";
  return isNginxImage(imageName) || [...(service.main?.programs ?? []), ...service.supervised].some((p) => p.program === "nginx");
}

export function nginxFlavour(service: Service): NginxFlavour {
  const ref = nginxImageRef(service);
  if (ref) return ref.name === "nginx" || ref.name.startsWith("nginxinc/nginx") ? "official" : "unknown";
  const image = service.build?.image;
  const base = image?.base;
  if (!image || !base) return "unknown";
  const debianBased = /^(debian|ubuntu|python|node|ruby|php|openjdk|eclipse-temurin|golang|buildpack-deps)$/.test(base.name) && !/alpine/.test(base.tag ?? "");
  if (!debianBased) return "unknown";
  for (const run of image.runs) {
    for (const command of runCommands(run.instruction)) {
      const words = command.words.map((w) => w.value);
      const tool = words[0] ?? "";
      if ((tool === "apt-get" || tool === "apt") && words.includes("install") && words.some((w) => /^nginx(-full|-light|-extras|-core)?(=.*)?$/.test(w))) return "debian";
    }
  }
  return "unknown";
}

/** The nginx image a service runs (compose `image:` or its Dockerfile's base), when it is one. */
export function nginxImageRef(service: Service): ImageRef | undefined {
  // with `build:`, `image:` only names the result: the Dockerfile's base is what runs
  const ref = service.build ? service.build.image?.base : service.image;
  return ref && isNginxImage(ref.name) ? ref : undefined;
}

/** Current versions behind the floating tags (nginx.org: mainline 1.29, stable 1.28 in 2025/2026). */
const MAINLINE: [number, number, number] = [1, 29, 0];
const STABLE: [number, number, number] = [1, 28, 0];

/**
 * Is the nginx of an image tag at least `version`? Tags name the newest release of a series
 * (`1.25` is the last 1.25.x, `1` the last 1.x); floating tags (`latest`, `mainline`, `stable`,
 * `alpine`, untagged) are today's releases.
 */
export function nginxTagAtLeast(ref: ImageRef, version: [number, number, number]): "yes" | "no" | "unknown" {
  const tag = (ref.tag ?? (ref.digest ? undefined : "latest"))?.toLowerCase();
  if (tag === undefined || tag.includes("$")) return "unknown";
  const numeric = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?=$|-)/.exec(tag);
  let v: [number, number, number];
  if (numeric) {
    v = [Number(numeric[1]), numeric[2] === undefined ? Infinity : Number(numeric[2]), numeric[3] === undefined ? Infinity : Number(numeric[3])];
  } else if (/^stable\b/.test(tag)) v = STABLE;
  else if (/^(latest|mainline|alpine|alpine-slim|alpine-perl|perl|bookworm|bullseye|trixie|otel)\b/.test(tag) || /^alpine[\d.]*(-|$)/.test(tag)) v = MAINLINE;
  else return "unknown";
  for (let i = 0; i < 3; i++) {
    if (v[i]! > version[i]!) return "yes";
    if (v[i]! < version[i]!) return "no";
  }
  return "yes";
}

/** Which nginx a service runs and what it loads; undefined when the service runs no nginx. */
export function nginxInstanceOf(project: Project, service: Service): NginxInstance | undefined {
  const cached = cache.get(service);
  if (cached !== undefined) return cached ?? undefined;
  const instance = runsNginx(service) ? build(project, service) : undefined;
  cache.set(service, instance ?? null);
  return instance;
}

/** All nginx instances of the model's services, with the services' stacks. */
export function nginxInstances(project: Project, stacks: readonly { services: Service[] }[]): NginxInstance[] {
  const out: NginxInstance[] = [];
  for (const stack of stacks) for (const s of stack.services) {
    const i = nginxInstanceOf(project, s);
    if (i) out.push(i);
  }
  return out;
}

function build(project: Project, service: Service): NginxInstance {
  const flavour = nginxFlavour(service);
  const programs = [...(service.main?.programs ?? []), ...service.supervised].filter((p) => p.program === "nginx");
  let mainPath = "/etc/nginx/nginx.conf";
  let explicitMain = false;
  for (const p of programs) {
    const i = p.argv.indexOf("-c");
    if (i >= 0 && p.argv[i + 1]) {
      mainPath = posix.resolve(service.build?.image?.workdir ?? "/", p.argv[i + 1]!);
      explicitMain = true;
    }
  }
  const prefix = posix.dirname(mainPath);
  const instance: NginxInstance = {
    service, flavour, image: nginxImageRef(service), mainPath, main: undefined, files: [], includes: [], complete: true, imageLogFormats: undefined,
    imageDefaultConf: false,
  };
  // an nginx of unknown packaging may read another main config (OpenResty, Bitnami, Alpine's http.d): nothing is certain
  if (flavour === "unknown" && !explicitMain) {
    instance.complete = false;
    return instance;
  }
  // the official image renders /etc/nginx/templates/*.template into conf.d at start (unless told otherwise)
  const envsubstTuned = service.environment.some((e) => /^NGINX_ENVSUBST_(OUTPUT_DIR|TEMPLATE_DIR|TEMPLATE_SUFFIX)$/.test(e.name));
  if (envsubstTuned) instance.complete = false;
  const rendersTemplates = flavour === "official" && !service.entrypoint && !service.build?.image?.entrypoint && !envsubstTuned;
  const seen = new Set<string>();

  const load = (hostPath: string): ProjectFile<"nginx"> | undefined => (project.pathKind(hostPath) === "file" ? project.load(hostPath, "nginx") : undefined);

  /** Files a container sees directly in a directory, with the official image's rendered templates. */
  const listDir = (dir: string): { containerPath: string; hostPath: string }[] => {
    const out = new Map<string, string>();
    for (const f of listContainerDir(project, service, dir)) out.set(f.containerPath, f.hostPath);
    if (rendersTemplates && dir === "/etc/nginx/conf.d") {
      for (const t of listContainerDir(project, service, "/etc/nginx/templates")) {
        if (t.containerPath.endsWith(".template")) out.set(posix.join(dir, posix.basename(t.containerPath).slice(0, -".template".length)), t.hostPath);
      }
    }
    return [...out].map(([containerPath, hostPath]) => ({ containerPath, hostPath })).sort((a, b) => (a.containerPath < b.containerPath ? -1 : 1));
  };

  const visit = (file: ProjectFile<"nginx">, containerPath: string, context: string[], includedBy: LoadedNginxFile["includedBy"]): LoadedNginxFile | undefined => {
    const key = `${file.source.path}\0${context.join(" ")}`;
    if (seen.has(key) || instance.files.length >= MAX_LOADED) return undefined;
    seen.add(key);
    const loaded: LoadedNginxFile = { file, containerPath, context, includedBy };
    instance.files.push(loaded);
    for (const d of nginxTree(file.ast).named("include")) {
      if (!d.args[0]) continue;
      const target = d.args[0].value;
      const ctx = [...context, ...d.context];
      if (target.includes("$")) {
        instance.complete = false;
        instance.includes.push({ from: loaded, directive: d, containerPath: target, target: { kind: "unknown" } });
        continue;
      }
      const path = posix.resolve(prefix, target);
      const include: NginxInclude = { from: loaded, directive: d, containerPath: path, target: { kind: "unknown" } };
      instance.includes.push(include);
      include.target = resolveInclude(path, ctx, { file, directive: d });
    }
    return loaded;
  };

  const resolveInclude = (path: string, ctx: string[], by: NonNullable<LoadedNginxFile["includedBy"]>): IncludeTarget => {
    const dir = posix.dirname(path);
    const base = posix.basename(path);
    if (/[*?[]/.test(path)) {
      if (/[*?[]/.test(dir)) {
        instance.complete = false;
        return { kind: "unknown" };
      }
      const files: LoadedNginxFile[] = [];
      if (dir === "/etc/nginx/conf.d" && globMatch(base, "default.conf")) noteImageDefault();
      for (const f of listDir(dir)) {
        if (!globMatch(base, posix.basename(f.containerPath))) continue;
        const pf = load(f.hostPath);
        const l = pf ? visit(pf, f.containerPath, ctx, by) : undefined;
        if (l) files.push(l);
      }
      return { kind: "glob", files };
    }
    const r = resolveContainerPath(project, service, path);
    if (r.kind === "bind" || r.kind === "copy") {
      const kind = project.pathKind(r.hostPath);
      if (kind === "file") {
        const pf = load(r.hostPath);
        const l = pf ? visit(pf, path, ctx, by) : undefined;
        return { kind: "project", files: l ? [l] : [] };
      }
      if (kind === "none" && r.kind === "bind" && r.mount.source && r.mount.target !== path && project.pathKind(r.mount.source) === "dir") {
        return { kind: "absent-in-mount", hostDir: r.mount.source };
      }
      instance.complete = false;
      return { kind: "unknown" };
    }
    if (r.kind === "volume") {
      instance.complete = false;
      return { kind: "unknown" };
    }
    // a rendered template?
    if (rendersTemplates && dir === "/etc/nginx/conf.d") {
      const t = listDir(dir).find((f) => f.containerPath === path);
      if (t) {
        const pf = load(t.hostPath);
        const l = pf ? visit(pf, path, ctx, by) : undefined;
        return { kind: "project", files: l ? [l] : [] };
      }
    }
    return { kind: "image" };
  };

  function noteImageDefault(): void {
    if (flavour !== "official") return;
    const path = "/etc/nginx/conf.d/default.conf";
    if (resolveContainerPath(project, service, path).kind !== "image") return;
    if (listDir("/etc/nginx/conf.d").some((f) => f.containerPath === path)) return;
    const image = service.build?.image;
    if (image && (image.runs.some((r) => r.instruction.args.includes("default.conf") || r.instruction.args.includes("conf.d")) || image.copies.some((c) => c.fromStage))) return;
    instance.imageDefaultConf = true;
  }

  const main = resolveContainerPath(project, service, mainPath);
  const mainFile = (main.kind === "bind" || main.kind === "copy") ? load(main.hostPath) : undefined;
  if (mainFile) {
    instance.main = visit(mainFile, mainPath, [], undefined);
  } else if (main.kind === "image" && mainPath === "/etc/nginx/nginx.conf" && flavour !== "unknown") {
    // the image's own nginx.conf: `include /etc/nginx/conf.d/*.conf;` inside http (Debian: also sites-enabled/*)
    // a Dockerfile that edits the image's nginx.conf makes its formats unknown
    const edited = service.build?.image?.runs.some((r) => /nginx\.conf|log_format/.test(r.instruction.args)) ?? false;
    instance.imageLogFormats = edited ? undefined : flavour === "official" ? ["combined", "main"] : ["combined"];
    const globs = flavour === "official" ? ["/etc/nginx/conf.d/*.conf"] : ["/etc/nginx/conf.d/*.conf", "/etc/nginx/sites-enabled/*"];
    noteImageDefault();
    for (const g of globs) {
      for (const f of listDir(posix.dirname(g))) {
        if (!globMatch(posix.basename(g), posix.basename(f.containerPath))) continue;
        const pf = load(f.hostPath);
        if (pf) visit(pf, f.containerPath, ["http"], undefined);
      }
    }
  } else {
    instance.complete = false;
  }
  return instance;
}

/** glob(3) matching of one path segment: `*`, `?`, `[...]` (nginx's include uses glob()). */
export function globMatch(pattern: string, name: string): boolean {
  // dynamic programming over pattern/name positions: linear in their product, no regex building
  const p = pattern;
  const memo = new Map<number, boolean>();
  const match = (i: number, j: number): boolean => {
    const key = i * (name.length + 1) + j;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let result: boolean;
    if (i === p.length) result = j === name.length;
    else if (p[i] === "*") result = (j === 0 && name.startsWith(".") ? false : match(i + 1, j)) || (j < name.length && !(j === 0 && name[0] === ".") && match(i, j + 1));
    else if (j === name.length) result = false;
    else if (p[i] === "?") result = match(i + 1, j + 1);
    else if (p[i] === "[") {
      const close = p.indexOf("]", i + 2);
      if (close < 0) result = name[j] === "[" && match(i + 1, j + 1);
      else {
        let set = p.slice(i + 1, close);
        const negate = set.startsWith("!") || set.startsWith("^");
        if (negate) set = set.slice(1);
        let inSet = false;
        for (let k = 0; k < set.length; k++) {
          if (set[k + 1] === "-" && k + 2 < set.length) {
            if (name[j]! >= set[k]! && name[j]! <= set[k + 2]!) inSet = true;
            k += 2;
          } else if (set[k] === name[j]) inSet = true;
        }
        result = inSet !== negate && match(close + 1, j + 1);
      }
    } else result = p[i] === name[j] && match(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return match(0, 0);
}

/**
 * The nearest definition of a directive that `d` inherits (its own block first, then the
 * enclosing blocks, then through the `include` that loads the file). "none" when the whole
 * chain is known and none defines it; "unknown" when part of the chain is not visible.
 */
export function inheritedDirective(
  instance: NginxInstance, loaded: LoadedNginxFile, d: NginxDirective, name: string,
): { directive: NginxDirective; file: ProjectFile<"nginx"> } | "none" | "unknown" {
  let file = loaded.file;
  let current: LoadedNginxFile | undefined = loaded;
  let at: NginxDirective | undefined = d;
  for (let hops = 0; hops < 30; hops++) {
    const tree = nginxTree(file.ast);
    const blocks = at ? tree.ancestors(at) : [];
    for (const b of blocks) {
      const found = (b.block ?? []).filter((x) => x.name === name).pop();
      if (found) return { directive: found, file };
    }
    const top = file.ast.directives.filter((x) => x.name === name).pop();
    if (top) return { directive: top, file };
    if (!current) return "unknown";
    if (!current.includedBy) {
      // the main file, or a file of the image's own nginx.conf (which sets none of these)
      return current.context.length === 0 || !instance.main ? "none" : "unknown";
    }
    const by: NonNullable<LoadedNginxFile["includedBy"]> = current.includedBy;
    file = by.file;
    at = by.directive;
    current = instance.files.find((f) => f.file === by.file);
  }
  return "unknown";
}
