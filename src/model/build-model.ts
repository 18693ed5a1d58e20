import { basename, dirname, isAbsolute, join, posix, resolve } from "node:path";
import type { ComposeConfiguration, Discovery } from "../discover/discover.js";
import type { Project, ProjectFile } from "../project/project.js";
import { readComposeFile, type ComposeTopLevel, type ServiceSpec } from "./compose/read-services.js";
import { mergeServiceSpecs } from "./compose/merge.js";
import { environmentConnections, nginxConnections, redisReplicaConnections, settingsConnections } from "./connections.js";
import { analyzeDockerfile } from "./image/dockerfile-image.js";
import { isMysqlImage, isNginxImage, isRedisImage } from "./image/known-images.js";
import { parseImageRef } from "./image-ref.js";
import { interpolate, type VariableDefinition, type VariableLookup } from "./interpolate.js";
import { listenersOf, mysqlConfigFiles } from "./listeners.js";
import { listContainerDir } from "./container-fs.js";
import type { NginxConfigFile } from "./nginx-config.js";
import { nginxTree } from "../parsers/nginx/tree.js";
import { nginxInstanceOf } from "./nginx-instance.js";
import { resolveMainProcess, supervisedPrograms } from "./processes.js";
import { Stack } from "./stack.js";
import type { BuildInfo, Connection, EnvVar, Loc, NetworkRef, Service } from "./types.js";
import { readDockerRuns, runMountsAndPorts } from "./docker-run.js";

export interface Model {
  stacks: Stack[];
}

/** Build one Stack per compose configuration found; the rest of the files are linted on their own. */
export function buildModel(project: Project, discovery: Discovery): Model {
  const stacks: Stack[] = [];
  // Files found by name are parsed first, so the model can ask for "the settings.py files under this context".
  for (const f of discovery.files) if (!project.loaded(f.path)) project.load(f.path, f.kind);
  const configurations = layerOverrides(project, discovery.configurations);
  for (const configuration of configurations) {
    const stack = buildComposeStack(project, configuration);
    if (stack) stacks.push(stack);
  }
  const standalone = buildStandaloneStack(project, stacks);
  if (standalone) stacks.push(standalone);
  return { stacks };
}

/**
 * What runs outside compose: containers started by `docker run` in scripts
 * (images built by `docker build -t` in the same scripts are tied to their
 * Dockerfile), Dockerfiles no compose service or script uses, and nginx
 * configs no container reads (an nginx on the host, reaching containers
 * through published ports).
 */
function buildStandaloneStack(project: Project, composeStacks: Stack[]): Stack | undefined {
  const usedDockerfiles = new Set<string>();
  const usedConfigs = new Set<ProjectFile>();
  for (const stack of composeStacks) {
    for (const s of stack.services) {
      if (s.build) usedDockerfiles.add(s.build.dockerfilePath);
      for (const f of s.configFiles) usedConfigs.add(f);
    }
  }
  const services: Service[] = [];
  const builds = new Map<string, { context: string; dockerfile: string; loc: Loc }>();
  const runs = [];
  for (const script of project.filesOf("shell")) {
    const found = readDockerRuns(script);
    runs.push(...found.runs);
    for (const b of found.builds) for (const tag of b.tags) builds.set(tag, b);
  }
  const taken = new Set<string>();
  for (const run of runs) {
    let name = run.name ?? basename(parseImageRef(run.image.text, run.image.loc).name);
    for (let n = 2; taken.has(name); n++) name = `${run.name ?? "container"}-${n}`;
    taken.add(name);
    const built = builds.get(run.image.text);
    let build: BuildInfo | undefined;
    if (built) {
      const dockerfile = project.pathKind(built.dockerfile) === "file" ? project.load(built.dockerfile, "dockerfile") : undefined;
      build = { context: built.context, dockerfilePath: built.dockerfile, dockerfile, image: dockerfile ? analyzeDockerfile(dockerfile) : undefined, loc: built.loc };
      usedDockerfiles.add(built.dockerfile);
    }
    const { mounts, ports } = runMountsAndPorts(run);
    const environment: EnvVar[] = [];
    const networks: NetworkRef[] = [];
    const links: Service["links"] = [];
    let entrypoint: Service["entrypoint"];
    for (const a of run.args) {
      if (!a.value) continue;
      const at: Loc = { file: run.script.source, start: a.value.start, end: a.value.end };
      if (a.flag === "-e" || a.flag === "--env") {
        const eq = a.value.value.indexOf("=");
        const key = eq < 0 ? a.value.value : a.value.value.slice(0, eq);
        environment.push({ name: key, value: eq < 0 ? undefined : { text: a.value.value.slice(eq + 1), loc: at, unknown: a.value.hasExpansion, via: [] }, loc: at, origin: "environment" });
      } else if (a.flag === "--network" || a.flag === "--net") networks.push({ name: a.value.value, aliases: [], loc: at });
      else if (a.flag === "--link") {
        const [target, alias] = a.value.value.split(":");
        links.push({ target: target ?? a.value.value, alias, loc: a.loc, external: false });
      } else if (a.flag === "--entrypoint") entrypoint = { form: "exec", argv: [{ text: a.value.value, loc: at, unknown: false, via: [] }], loc: at };
    }
    services.push({
      ...emptyService(name, run.loc, "docker-run"),
      image: parseImageRef(run.image.text, run.image.loc),
      build,
      mounts,
      ports,
      environment,
      networks,
      links,
      entrypoint,
      command: run.command.length > 0 ? { form: "exec", argv: run.command, loc: run.command[0]!.loc } : undefined,
    });
  }
  for (const file of project.filesOf("dockerfile")) {
    if (usedDockerfiles.has(file.source.path)) continue;
    const context = dirname(file.source.path);
    let name = basename(context) || "image";
    for (let n = 2; taken.has(name); n++) name = `${basename(context)}-${n}`;
    taken.add(name);
    const image = analyzeDockerfile(file);
    const at: Loc = { file: file.source, start: 0, end: 0 };
    services.push({ ...emptyService(name, at, "dockerfile"), build: { context, dockerfilePath: file.source.path, dockerfile: file, image, loc: at } });
  }
  for (const service of services) completeService(project, service);
  for (const s of services) for (const f of s.configFiles) usedConfigs.add(f);
  const hostNginx = project.filesOf("nginx").filter((f) => !usedConfigs.has(f)).map((file) => ({ file, containerPath: undefined, includedIn: "http" as const }));
  const hostConnections = nginxConnections(hostNginx, undefined);
  if (services.length === 0 && hostConnections.length === 0) return undefined;
  return new Stack("(without compose)", [], services, new Map(), new Map(), hostConnections);
}

function emptyService(name: string, loc: Loc, origin: Service["origin"]): Service {
  return {
    name, loc, origin, image: undefined, build: undefined, mounts: [], ports: [], expose: [], environment: [], envFiles: [], networks: [],
    networkMode: undefined, links: [], dependsOn: [], command: undefined, entrypoint: undefined, tty: undefined, stdinOpen: undefined, healthcheck: undefined,
    restart: undefined, containerName: undefined, main: undefined, supervised: [], listeners: [], connections: [], configFiles: [], initScripts: [],
  };
}

/**
 * Extra compose files are almost always used with `-f base -f extra`
 * (`docker-compose.prod.yml`, `compose.test.yaml`): next to a default file
 * they are layered on it. Without a default file, a file whose services lack
 * `image`/`build` is layered on the sibling that defines most of them
 * (`base.yml` + `prod.yml`). Layering a complete alternative on the base
 * costs little (same-name services are replaced field by field); treating
 * an overlay as standalone invents unknown hosts and missing services.
 */
function layerOverrides(project: Project, configurations: ComposeConfiguration[]): ComposeConfiguration[] {
  const defaults = new Map<string, ComposeConfiguration>();
  for (const c of configurations) if (isDefaultName(basename(c.files[0]!))) defaults.set(c.dir, c);
  const byDir = new Map<string, ComposeConfiguration[]>();
  for (const c of configurations) byDir.set(c.dir, [...(byDir.get(c.dir) ?? []), c]);
  return configurations.map((c) => {
    if (c.files.length !== 1) return c;
    const base = defaults.get(c.dir);
    if (base && base !== c) return { dir: c.dir, files: [...base.files, ...c.files] };
    if (base) return c;
    const file = project.load(c.files[0]!, "compose");
    if (!file) return c;
    const services = serviceKeys(file);
    const incomplete = services.filter((s) => !s.hasImage && !s.hasBuild && !s.hasExtends);
    if (services.length === 0 || incomplete.length === 0) return c;
    let best: { config: ComposeConfiguration; score: number } | undefined;
    for (const other of byDir.get(c.dir) ?? []) {
      if (other === c || other.files.length !== 1) continue;
      const otherFile = project.load(other.files[0]!, "compose");
      if (!otherFile) continue;
      const defined = new Set(serviceKeys(otherFile).filter((s) => s.hasImage || s.hasBuild).map((s) => s.name));
      const score = incomplete.filter((s) => defined.has(s.name)).length;
      if (score > 0 && (!best || score > best.score)) best = { config: other, score };
    }
    return best ? { dir: c.dir, files: [...best.config.files, ...c.files] } : c;
  });
}

function isDefaultName(name: string): boolean {
  return ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"].includes(name);
}

const SERVICE_KEYS = new WeakMap<ProjectFile<"compose">, { name: string; hasImage: boolean; hasBuild: boolean; hasExtends: boolean }[]>();

/** What layering needs to know of a compose file's services, read once per file (every configuration of a directory asks). */
function serviceKeys(file: ProjectFile<"compose">): { name: string; hasImage: boolean; hasBuild: boolean; hasExtends: boolean }[] {
  let keys = SERVICE_KEYS.get(file);
  if (!keys) {
    keys = readComposeFile(file, () => undefined).services.map((s) => ({ name: s.name, hasImage: s.image !== undefined, hasBuild: s.build !== undefined, hasExtends: s.extends !== undefined }));
    SERVICE_KEYS.set(file, keys);
  }
  return keys;
}

/** Variables compose interpolates from: the `.env` next to the first compose file. */
function dotenvVariables(project: Project, dir: string): Map<string, VariableDefinition> {
  const envFile = project.pathKind(join(dir, ".env")) === "file" ? project.load(join(dir, ".env"), "dotenv") : undefined;
  const vars = new Map<string, VariableDefinition>();
  if (envFile) {
    for (const e of envFile.ast.entries) {
      if (!e.hasValue) continue;
      vars.set(e.key, { value: e.value, loc: { file: envFile.source, start: e.start, end: e.end } });
    }
  }
  return vars;
}

function buildComposeStack(project: Project, configuration: ComposeConfiguration): Stack | undefined {
  const variables = dotenvVariables(project, configuration.dir);
  const lookup: VariableLookup = (name) => variables.get(name);
  const files: ProjectFile<"compose">[] = [];
  const tops: ComposeTopLevel[] = [];
  const queue = [...configuration.files];
  for (let i = 0; i < queue.length && i < 64; i++) {
    const path = queue[i]!;
    const file = project.load(path, "compose");
    if (!file || files.includes(file)) continue;
    files.push(file);
    const top = readComposeFile(file, lookup);
    tops.push(top);
    for (const inc of top.includes) if (project.pathKind(inc.path) === "file") queue.push(inc.path);
  }
  if (files.length === 0) return undefined;
  const merged = new Map<string, ServiceSpec>();
  for (const top of tops) {
    for (const spec of top.services) {
      const prev = merged.get(spec.name);
      merged.set(spec.name, prev ? mergeServiceSpecs(prev, spec) : spec);
    }
  }
  // `extends`: the base service's spec under this one's
  for (const [name, spec] of merged) {
    if (!spec.extends) continue;
    let base: ServiceSpec | undefined;
    if (spec.extends.file) {
      const other = project.pathKind(spec.extends.file) === "file" ? project.load(spec.extends.file, "compose") : undefined;
      if (other) base = readComposeFile(other, lookup).services.find((s) => s.name === spec.extends!.service);
    } else base = merged.get(spec.extends.service);
    if (base && base !== spec) merged.set(name, mergeServiceSpecs({ ...base, name, loc: spec.loc, file: spec.file }, spec));
  }
  const networks = new Map<string, Loc>();
  const volumes = new Map<string, Loc>();
  for (const top of tops) {
    for (const [k, v] of top.networks) networks.set(k, v);
    for (const [k, v] of top.volumes) volumes.set(k, v);
  }
  const services = [...merged.values()].map((spec) => serviceFromSpec(project, spec, lookup));
  for (const service of services) completeService(project, service);
  const id = files.map((f) => project.display(f.source.path)).join(" + ");
  const stack = new Stack(id, files, services, networks, volumes);
  stack.variables = variables;
  return stack;
}

function serviceFromSpec(project: Project, spec: ServiceSpec, lookup: VariableLookup): Service {
  const environment: EnvVar[] = [];
  const envByName = new Map<string, EnvVar>();
  for (const ef of spec.envFiles) {
    if (project.pathKind(ef.path) !== "file") continue;
    const file = project.load(ef.path, "dotenv");
    if (!file) continue;
    for (const e of file.ast.entries) {
      const loc: Loc = { file: file.source, start: e.start, end: e.end };
      const valueLoc: Loc = { file: file.source, start: e.valueRange.start, end: e.valueRange.end };
      envByName.set(e.key, { name: e.key, value: e.hasValue ? interpolate(e.value, valueLoc, lookup) : undefined, loc, origin: "env_file" });
    }
  }
  for (const [name, v] of spec.environment) envByName.set(name, v);
  environment.push(...envByName.values());

  let build: BuildInfo | undefined;
  if (spec.build && !spec.build.context.unknown && !/^(https?|git)[:@]/.test(spec.build.context.text)) {
    const dir = dirname(spec.file.source.path);
    const context = resolve(dir, spec.build.context.text);
    const dockerfilePath = resolve(context, spec.build.dockerfile?.text ?? "Dockerfile");
    const dockerfile = project.pathKind(dockerfilePath) === "file" ? project.load(dockerfilePath, "dockerfile") : undefined;
    build = { context, dockerfilePath, dockerfile, image: dockerfile ? analyzeDockerfile(dockerfile) : undefined, loc: spec.build.loc };
  }
  return {
    name: spec.name,
    loc: spec.loc,
    origin: "compose",
    image: spec.image && !spec.image.unknown ? parseImageRef(spec.image.text, spec.image.loc) : undefined,
    build,
    mounts: spec.mounts,
    ports: spec.ports,
    expose: [...spec.expose],
    environment,
    envFiles: spec.envFiles,
    networks: [...spec.networks.values()],
    networkMode: spec.networkMode,
    links: spec.links,
    dependsOn: spec.dependsOn,
    command: spec.command ?? undefined,
    entrypoint: spec.entrypoint === null ? { form: "exec", argv: [], loc: spec.loc } : spec.entrypoint,
    tty: spec.tty,
    stdinOpen: spec.stdinOpen,
    healthcheck: spec.healthcheck,
    restart: spec.restart,
    containerName: spec.containerName,
    main: undefined,
    supervised: [],
    listeners: [],
    connections: [],
    configFiles: [],
    initScripts: [],
  };
}

/** Processes, listeners and connections: everything that needs the service's files resolved. */
function completeService(project: Project, service: Service): void {
  service.main = resolveMainProcess(project, service);
  const supervisor = service.main?.programs.find((p) => p.program === "supervisord");
  if (supervisor) service.supervised = supervisedPrograms(project, service, supervisor);
  service.listeners = listenersOf(project, service);
  for (const p of [...(service.main?.programs ?? []), ...service.supervised]) if (p.config && !service.configFiles.includes(p.config)) service.configFiles.push(p.config);

  const env = new Map(service.environment.map((e) => [e.name, e]));
  const connections: Connection[] = [];
  const imageName = service.image?.name ?? service.build?.image?.base?.name ?? "";
  if (isMysqlImage(imageName) || imageName === "postgres") {
    if (isMysqlImage(imageName)) for (const f of mysqlConfigFiles(project, service)) if (!service.configFiles.includes(f)) service.configFiles.push(f);
    for (const f of listContainerDir(project, service, "/docker-entrypoint-initdb.d")) {
      if (!f.containerPath.endsWith(".sql")) continue;
      const sql = project.load(f.hostPath, "sql");
      if (sql) service.initScripts.push(sql);
    }
  }
  // the files the container's nginx loads (mounts, COPY, includes, rendered templates), once per file
  const nginx = nginxInstanceOf(project, service);
  if (nginx) {
    const configs: NginxConfigFile[] = [];
    for (const f of nginx.files) {
      if (configs.some((c) => c.file === f.file)) continue;
      configs.push({ file: f.file, containerPath: f.containerPath, includedIn: f.context.length === 0 ? "main" : "http" });
    }
    for (const c of configs) if (!service.configFiles.includes(c.file)) service.configFiles.push(c.file);
    connections.push(...nginxConnections(configs, service));
    // nginx's own `listen` lines are its listeners
    for (const c of configs) {
      for (const d of nginxTree(c.file.ast).named("listen")) {
        if (!d.args[0]) continue;
        const m = /^(?:(\[[^\]]+\]|[^:]+):)?(\d+)$/.exec(d.args[0].value);
        if (!m) continue;
        service.listeners.push({
          service, protocol: d.args.some((a) => a.value === "ssl") ? "https" : "http", address: m[1] ?? "0.0.0.0", port: Number(m[2]),
          socketPath: undefined, loc: { file: c.file.source, start: d.start, end: d.end }, implicit: false, program: "nginx", process: undefined,
        });
      }
    }
  }
  if (!isNginxImage(imageName) && !isRedisImage(imageName) && !isMysqlImage(imageName) && imageName !== "postgres") {
    for (const settings of settingsFilesOf(project, service)) {
      if (!service.configFiles.includes(settings)) service.configFiles.push(settings);
      connections.push(...settingsConnections(settings, service, env));
    }
  }
  connections.push(...environmentConnections(service, env));
  for (const f of service.configFiles) if (f.kind === "redis") connections.push(...redisReplicaConnections(f as ProjectFile<"redis">, service));
  service.connections = connections;
}

/** settings.py files inside the service's build context or bind-mounted source directories. */
function settingsFilesOf(project: Project, service: Service): ProjectFile<"django">[] {
  const roots: string[] = [];
  if (service.build) roots.push(service.build.context);
  for (const m of service.mounts) if (m.type === "bind" && m.source && project.pathKind(m.source) === "dir") roots.push(m.source);
  if (roots.length === 0) return [];
  // Indexed by directory (a linear scan per service made 1000 projects quadratic); a root that
  // is not a normalised absolute path keeps the plain prefix test.
  if (roots.every((r) => isAbsolute(r) && (r.length > 1 && r.endsWith("/") ? resolve(r) + "/" === r : resolve(r) === r))) return project.filesUnder("django", roots);
  const all = project.filesOf("django");
  const out: ProjectFile<"django">[] = [];
  for (const file of all) {
    const p = file.source.path;
    if (roots.some((r) => p.startsWith(r.endsWith("/") ? r : r + "/"))) out.push(file);
  }
  return out;
}

export { posix };
