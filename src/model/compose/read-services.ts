import { dirname, isAbsolute, posix, resolve } from "node:path";
import type { Document } from "yaml";
import {
  deref, isMap, isScalar, isSeq, mapGet, mapPairs, nodeRange, pairKey, scalarText, seqItems,
  type Pair, type YamlNode,
} from "../../parsers/compose/parse.js";
import type { ProjectFile } from "../../project/project.js";
import { interpolate, type VariableLookup } from "../interpolate.js";
import type { CommandSpec, EnvVar, Healthcheck, Loc, Mount, NetworkRef, PortMapping, Value } from "../types.js";
import { splitWords } from "./split-words.js";

/**
 * One service as written in ONE compose file: every field optional, so that
 * override files can be merged field by field the way `docker compose` does.
 */
export interface ServiceSpec {
  name: string;
  loc: Loc;
  file: ProjectFile<"compose">;
  image?: Value;
  build?: { context: Value; dockerfile: Value | undefined; loc: Loc };
  command?: CommandSpec | null;
  entrypoint?: CommandSpec | null;
  environment: Map<string, EnvVar>;
  envFiles: { path: string; loc: Loc; required: boolean }[];
  ports: PortMapping[];
  expose: { port: number; loc: Loc }[];
  mounts: Mount[];
  networks: Map<string, NetworkRef>;
  networkMode?: Value;
  links: { target: string; alias: string | undefined; loc: Loc; external: boolean }[];
  dependsOn: { name: string; condition: string | undefined; loc: Loc }[];
  tty?: Value;
  stdinOpen?: Value;
  restart?: Value;
  containerName?: Value;
  extends?: { service: string; file: string | undefined; loc: Loc };
  healthcheck?: Healthcheck;
  /** Keys tagged `!reset` in this file: the merged value is emptied. */
  reset: Set<string>;
  /** Keys tagged `!override`: the merged value is replaced, not merged. */
  override: Set<string>;
}

export interface ComposeTopLevel {
  services: ServiceSpec[];
  networks: Map<string, Loc>;
  volumes: Map<string, Loc>;
  /** `include:` entries (compose ≥ 2.20). */
  includes: { path: string; loc: Loc }[];
  versionLoc: Loc | undefined;
}

export function readComposeFile(file: ProjectFile<"compose">, lookup: VariableLookup): ComposeTopLevel {
  const { doc, root } = file.ast;
  const dir = dirname(file.source.path);
  const at = (node: YamlNode | null | undefined, fallback?: Loc): Loc => {
    const r = nodeRange(node ?? undefined);
    return r ? { file: file.source, start: r.start, end: r.end } : (fallback ?? { file: file.source, start: 0, end: 0 });
  };
  const value = (node: unknown, fallback: Loc): Value | undefined => {
    const resolved = deref(doc, node);
    const text = scalarText(doc, resolved);
    if (text === undefined) return undefined;
    return interpolate(text, at(resolved, fallback), lookup);
  };

  const top: ComposeTopLevel = { services: [], networks: new Map(), volumes: new Map(), includes: [], versionLoc: undefined };
  if (!root) return top;
  const rootLoc = at(root);
  for (const pair of mapPairs(doc, root)) {
    const key = pairKey(pair);
    const keyLoc = at(pair.key as YamlNode, rootLoc);
    if (key === "version") top.versionLoc = { ...keyLoc, end: at(pair.value as YamlNode, keyLoc).end };
    else if (key === "networks") for (const p of mapPairs(doc, pair.value)) top.networks.set(pairKey(p) ?? "", at(p.key as YamlNode, keyLoc));
    else if (key === "volumes") for (const p of mapPairs(doc, pair.value)) top.volumes.set(pairKey(p) ?? "", at(p.key as YamlNode, keyLoc));
    else if (key === "include") {
      for (const item of seqItems(doc, pair.value)) {
        const direct = scalarText(doc, item);
        if (direct !== undefined) top.includes.push({ path: resolve(dir, direct), loc: at(item) });
        else {
          const p = mapGet(doc, item, "path");
          for (const v of p ? (isSeq(deref(doc, p.value)) ? seqItems(doc, p.value) : [deref(doc, p.value)]) : []) {
            const text = scalarText(doc, v);
            if (text !== undefined) top.includes.push({ path: resolve(dir, text), loc: at(v ?? null) });
          }
        }
      }
    }
  }
  const servicesPair = mapGet(doc, root, "services");
  if (!servicesPair) return top;
  for (const servicePair of mapPairs(doc, servicesPair.value)) {
    const name = pairKey(servicePair);
    if (name === undefined || name.startsWith("x-")) continue;
    const loc = at(servicePair.key as YamlNode, rootLoc);
    top.services.push(readService(doc, file, name, loc, servicePair, dir, at, value, lookup));
  }
  return top;
}

function readService(
  doc: Document.Parsed,
  file: ProjectFile<"compose">,
  name: string,
  loc: Loc,
  servicePair: Pair,
  dir: string,
  at: (node: YamlNode | null | undefined, fallback?: Loc) => Loc,
  value: (node: unknown, fallback: Loc) => Value | undefined,
  lookup: VariableLookup,
): ServiceSpec {
  const spec: ServiceSpec = {
    name, loc, file, environment: new Map(), envFiles: [], ports: [], expose: [], mounts: [],
    networks: new Map(), links: [], dependsOn: [], reset: new Set(), override: new Set(),
  };
  for (const pair of mapPairs(doc, servicePair.value)) {
    const key = pairKey(pair);
    if (key === undefined) continue;
    const keyLoc = at(pair.key as YamlNode, loc);
    const node = deref(doc, pair.value);
    const tag = (pair.value as { tag?: string } | null)?.tag;
    if (tag === "!reset") spec.reset.add(key);
    if (tag === "!override") spec.override.add(key);
    switch (key) {
      case "image": {
        const v = value(node, keyLoc);
        if (v) spec.image = v;
        break;
      }
      case "build": {
        const direct = value(node, keyLoc);
        if (direct) spec.build = { context: direct, dockerfile: undefined, loc: direct.loc };
        else if (isMap(node)) {
          const ctx = mapGet(doc, node, "context");
          const df = mapGet(doc, node, "dockerfile");
          const ctxValue = ctx ? value(ctx.value, keyLoc) : undefined;
          spec.build = {
            context: ctxValue ?? { text: ".", loc: keyLoc, unknown: false, via: [] },
            dockerfile: df ? value(df.value, keyLoc) : undefined,
            loc: ctxValue?.loc ?? keyLoc,
          };
        }
        break;
      }
      case "command":
      case "entrypoint": {
        const cmd = readCommand(doc, node, at(node, keyLoc), value);
        if (key === "command") spec.command = cmd;
        else spec.entrypoint = cmd;
        break;
      }
      case "environment":
        readEnvironment(doc, node, keyLoc, at, value, spec.environment);
        break;
      case "env_file":
        for (const item of isSeq(node) ? seqItems(doc, node) : node ? [node] : []) {
          const direct = value(item, keyLoc);
          if (direct) spec.envFiles.push({ path: resolve(dir, direct.text), loc: direct.loc, required: true });
          else if (isMap(item)) {
            const p = mapGet(doc, item, "path");
            const req = mapGet(doc, item, "required");
            const pv = p ? value(p.value, keyLoc) : undefined;
            if (pv) spec.envFiles.push({ path: resolve(dir, pv.text), loc: pv.loc, required: scalarText(doc, req?.value) !== "false" });
          }
        }
        break;
      case "ports":
        for (const item of seqItems(doc, node)) spec.ports.push(...readPort(doc, item, at(item, keyLoc), value, lookup));
        break;
      case "expose":
        for (const item of seqItems(doc, node)) {
          const v = value(item, keyLoc);
          const m = v && /^(\d+)(?:-(\d+))?(?:\/\w+)?$/.exec(v.text.trim());
          if (m && v) spec.expose.push({ port: Number(m[1]), loc: v.loc });
        }
        break;
      case "volumes":
        for (const item of seqItems(doc, node)) {
          const mount = readMount(doc, item, at(item, keyLoc), dir, value);
          if (mount) spec.mounts.push(mount);
        }
        break;
      case "networks":
        if (isSeq(node)) {
          for (const item of seqItems(doc, node)) {
            const v = value(item, keyLoc);
            if (v) spec.networks.set(v.text, { name: v.text, aliases: [], loc: v.loc });
          }
        } else if (isMap(node)) {
          for (const p of mapPairs(doc, node)) {
            const netName = pairKey(p);
            if (netName === undefined) continue;
            const aliases = mapGet(doc, p.value, "aliases");
            spec.networks.set(netName, {
              name: netName,
              aliases: aliases ? seqItems(doc, aliases.value).map((a) => scalarText(doc, a) ?? "").filter(Boolean) : [],
              loc: at(p.key as YamlNode, keyLoc),
            });
          }
        }
        break;
      case "network_mode": {
        const v = value(node, keyLoc);
        if (v) spec.networkMode = v;
        break;
      }
      case "links":
      case "external_links":
        for (const item of seqItems(doc, node)) {
          const v = value(item, keyLoc);
          if (!v) continue;
          const [target, alias] = v.text.split(":");
          spec.links.push({ target: target ?? v.text, alias, loc: v.loc, external: key === "external_links" });
        }
        break;
      case "depends_on":
        if (isSeq(node)) {
          for (const item of seqItems(doc, node)) {
            const v = value(item, keyLoc);
            if (v) spec.dependsOn.push({ name: v.text, condition: undefined, loc: v.loc });
          }
        } else if (isMap(node)) {
          for (const p of mapPairs(doc, node)) {
            const dep = pairKey(p);
            if (dep === undefined) continue;
            const cond = mapGet(doc, p.value, "condition");
            spec.dependsOn.push({ name: dep, condition: cond ? scalarText(doc, cond.value) : undefined, loc: at(p.key as YamlNode, keyLoc) });
          }
        }
        break;
      case "tty":
      case "stdin_open":
      case "restart":
      case "container_name": {
        const v = value(node, keyLoc);
        if (!v) break;
        const withKey = { ...v, loc: { ...v.loc, start: keyLoc.start } };
        if (key === "tty") spec.tty = withKey;
        else if (key === "stdin_open") spec.stdinOpen = withKey;
        else if (key === "restart") spec.restart = v;
        else spec.containerName = v;
        break;
      }
      case "healthcheck": {
        const test = mapGet(doc, node, "test");
        const disable = scalarText(doc, mapGet(doc, node, "disable")?.value) === "true";
        const cmd = test ? readCommand(doc, deref(doc, test.value), at(deref(doc, test.value), keyLoc), value) : null;
        spec.healthcheck = { test: cmd ?? undefined, disabled: disable || (cmd?.argv[0]?.text === "NONE"), loc: keyLoc };
        break;
      }
      case "extends": {
        const direct = value(node, keyLoc);
        if (direct) spec.extends = { service: direct.text, file: undefined, loc: direct.loc };
        else if (isMap(node)) {
          const svc = mapGet(doc, node, "service");
          const f = mapGet(doc, node, "file");
          const sv = svc ? value(svc.value, keyLoc) : undefined;
          const fv = f ? value(f.value, keyLoc) : undefined;
          if (sv) spec.extends = { service: sv.text, file: fv ? resolve(dir, fv.text) : undefined, loc: sv.loc };
        }
        break;
      }
      default:
        break;
    }
  }
  return spec;
}

function readCommand(
  doc: Document.Parsed,
  node: YamlNode | undefined,
  loc: Loc,
  value: (node: unknown, fallback: Loc) => Value | undefined,
): CommandSpec | null {
  if (!node || (isScalar(node) && node.value === null)) return null;
  if (isSeq(node)) {
    const argv: Value[] = [];
    for (const item of seqItems(doc, node)) {
      const v = value(item, loc);
      if (v) argv.push(v);
    }
    return { form: "exec", argv, loc };
  }
  const whole = value(node, loc);
  if (!whole) return null;
  // Offsets of the words: exact for plain scalars, shifted by the opening quote for quoted ones.
  const scalar = isScalar(node) ? node : undefined;
  const quoteShift = scalar && (scalar.type === "QUOTE_DOUBLE" || scalar.type === "QUOTE_SINGLE") ? 1 : 0;
  const exactOffsets = scalar !== undefined && (scalar.type === "PLAIN" || quoteShift === 1) && !whole.text.includes("\n");
  const argv = splitWords(whole.text).map((w): Value => ({
    text: w.value,
    loc: exactOffsets ? { file: loc.file, start: loc.start + quoteShift + w.start, end: loc.start + quoteShift + w.end } : whole.loc,
    unknown: whole.unknown,
    via: whole.via,
  }));
  return { form: "split", argv, loc: whole.loc };
}

function readEnvironment(
  doc: Document.Parsed,
  node: YamlNode | undefined,
  keyLoc: Loc,
  at: (node: YamlNode | null | undefined, fallback?: Loc) => Loc,
  value: (node: unknown, fallback: Loc) => Value | undefined,
  into: Map<string, EnvVar>,
): void {
  if (isMap(node)) {
    for (const p of mapPairs(doc, node)) {
      const name = pairKey(p);
      if (name === undefined) continue;
      const nameLoc = at(p.key as YamlNode, keyLoc);
      const v = value(p.value, nameLoc);
      into.set(name, { name, value: v, loc: { ...nameLoc, end: v ? v.loc.end : nameLoc.end }, origin: "environment" });
    }
  } else if (isSeq(node)) {
    for (const item of seqItems(doc, node)) {
      const v = value(item, keyLoc);
      if (!v) continue;
      const eq = v.text.indexOf("=");
      const name = eq < 0 ? v.text : v.text.slice(0, eq);
      const rawText = scalarText(doc, item) ?? "";
      const rawEq = rawText.indexOf("=");
      // list form `- KEY=value`: the value starts after `=` (plus the opening quote when quoted)
      const shift = isScalar(item) && (item.type === "QUOTE_DOUBLE" || item.type === "QUOTE_SINGLE") ? 1 : 0;
      const valueLoc = rawEq >= 0 && !rawText.includes("\\") ? { ...v.loc, start: v.loc.start + shift + rawEq + 1, end: v.loc.end - shift } : v.loc;
      const inner = eq < 0 ? undefined : { ...v, text: v.text.slice(eq + 1), loc: valueLoc };
      into.set(name, { name, value: inner, loc: v.loc, origin: "environment" });
    }
  }
}

function readPort(
  doc: Document.Parsed,
  node: YamlNode,
  loc: Loc,
  value: (node: unknown, fallback: Loc) => Value | undefined,
  lookup: VariableLookup,
): PortMapping[] {
  if (isMap(node)) {
    const target = value(mapGet(doc, node, "target")?.value, loc);
    const published = value(mapGet(doc, node, "published")?.value, loc);
    const hostIp = value(mapGet(doc, node, "host_ip")?.value, loc);
    const protocol = value(mapGet(doc, node, "protocol")?.value, loc);
    const port = target ? Number.parseInt(target.text, 10) : NaN;
    if (!Number.isFinite(port)) return [];
    const hostPort = published ? Number.parseInt(published.text, 10) : NaN;
    return [{
      hostIp: hostIp?.text, hostPort: Number.isFinite(hostPort) ? hostPort : undefined, containerPort: port, containerPortEnd: port,
      protocol: protocol?.text === "udp" ? "udp" : "tcp", loc,
    }];
  }
  const v = value(node, loc);
  if (!v || v.unknown) return [];
  void lookup;
  return parsePortSpec(v.text, v.loc);
}

/** `[HOST_IP:][HOST_PORT[-END]:]CONTAINER_PORT[-END][/PROTO]`, IPv6 host in brackets. */
export function parsePortSpec(text: string, loc: Loc): PortMapping[] {
  let rest = text.trim();
  let protocol: "tcp" | "udp" = "tcp";
  const slash = rest.lastIndexOf("/");
  if (slash >= 0) {
    protocol = rest.slice(slash + 1).toLowerCase() === "udp" ? "udp" : "tcp";
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  if (rest.startsWith("[")) {
    const close = rest.indexOf("]");
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(":");
  if (parts.length === 3) {
    hostIp = parts[0];
    parts.shift();
  }
  const containerPart = parts[parts.length - 1] ?? "";
  const hostPart = parts.length === 2 ? parts[0] : undefined;
  const [cStart, cEnd] = portRange(containerPart);
  if (cStart === undefined) return [];
  const [hStart] = hostPart ? portRange(hostPart) : [undefined];
  return [{ hostIp: hostIp || undefined, hostPort: hStart, containerPort: cStart, containerPortEnd: cEnd ?? cStart, protocol, loc }];
}

function portRange(text: string): [number | undefined, number | undefined] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!m) return [undefined, undefined];
  return [Number(m[1]), m[2] ? Number(m[2]) : undefined];
}

function readMount(
  doc: Document.Parsed,
  node: YamlNode,
  loc: Loc,
  dir: string,
  value: (node: unknown, fallback: Loc) => Value | undefined,
): Mount | undefined {
  if (isMap(node)) {
    const type = value(mapGet(doc, node, "type")?.value, loc)?.text ?? "volume";
    const source = value(mapGet(doc, node, "source")?.value, loc);
    const target = value(mapGet(doc, node, "target")?.value, loc);
    const ro = scalarText(doc, mapGet(doc, node, "read_only")?.value) === "true";
    if (!target) return undefined;
    const t = type === "bind" ? "bind" : type === "tmpfs" ? "tmpfs" : "volume";
    return {
      type: t,
      source: source && !source.unknown ? (t === "bind" ? resolveHostPath(dir, source.text) : source.text) : undefined,
      target: posix.normalize(target.text),
      readOnly: ro,
      loc,
    };
  }
  const v = value(node, loc);
  if (!v) return undefined;
  return parseVolumeSpec(v.text, v.loc, dir, v.unknown);
}

/** `SOURCE:TARGET[:MODE]` or just `TARGET` (anonymous volume). */
export function parseVolumeSpec(text: string, loc: Loc, dir: string, unknown = false): Mount | undefined {
  const parts = text.split(":");
  if (parts.length === 1) return { type: "volume", source: undefined, target: posix.normalize(parts[0]!), readOnly: false, loc };
  const [source, target, mode] = parts;
  if (!source || !target) return undefined;
  const isPath = source.startsWith(".") || source.startsWith("/") || source.startsWith("~") || source.includes("/");
  const readOnly = (mode ?? "").split(",").includes("ro");
  if (!isPath) return { type: "volume", source, target: posix.normalize(target), readOnly, loc };
  return { type: "bind", source: unknown ? undefined : resolveHostPath(dir, source), target: posix.normalize(target), readOnly, loc };
}

function resolveHostPath(dir: string, source: string): string | undefined {
  if (source.startsWith("~")) return undefined; // the user's home: not part of the project
  return isAbsolute(source) ? source : resolve(dir, source);
}
