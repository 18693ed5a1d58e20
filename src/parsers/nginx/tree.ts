import type { NginxConfig, NginxDirective } from "./ast.js";
import { DATA_BLOCKS } from "./known-directives.js";

/**
 * Navigation over a parsed nginx config: parents, enclosing blocks and a walk that does not
 * descend into data blocks (`map`, `types`, `geo`... hold entries, not directives).
 */
export interface NginxTree {
  /** Every directive outside data blocks, depth first, in source order. */
  readonly directives: readonly NginxDirective[];
  /**
   * The directives of `directives` with one of these names, in source order. Rules ask for the
   * few names they check instead of each walking every directive (a 5 MB config has 150 000).
   */
  named(...names: string[]): readonly NginxDirective[];
  /** Every directive name in the file (outside data blocks), in order of first use. */
  names(): Iterable<string>;
  /** Enclosing block directive (undefined at file level). */
  parent(d: NginxDirective): NginxDirective | undefined;
  /** Enclosing block directives, innermost first. */
  ancestors(d: NginxDirective): NginxDirective[];
}

const cache = new WeakMap<NginxConfig, NginxTree>();

export function nginxTree(config: NginxConfig): NginxTree {
  const cached = cache.get(config);
  if (cached) return cached;
  const list: NginxDirective[] = [];
  const byName = new Map<string, NginxDirective[]>();
  const stack: { items: readonly NginxDirective[]; index: number }[] = [{ items: config.directives, index: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.index >= top.items.length) {
      stack.pop();
      continue;
    }
    const d = top.items[top.index++]!;
    list.push(d);
    const same = byName.get(d.name);
    if (same) same.push(d);
    else byName.set(d.name, [d]);
    if (d.block && d.block.length > 0 && !DATA_BLOCKS.has(d.name)) stack.push({ items: d.block, index: 0 });
  }
  const merged = new Map<string, readonly NginxDirective[]>();
  const named = (...names: string[]): readonly NginxDirective[] => {
    if (names.length === 1) return byName.get(names[0]!) ?? NONE;
    const found = names.map((n) => byName.get(n)).filter((l) => l !== undefined);
    if (found.length <= 1) return found[0] ?? NONE;
    const key = names.join("\0");
    let list = merged.get(key);
    if (list === undefined) merged.set(key, (list = mergeInSourceOrder(found)));
    return list;
  };
  const tree: NginxTree = { directives: list, named, names: () => byName.keys(), parent: parentOf, ancestors: ancestorsOf };
  cache.set(config, tree);
  return tree;
}

const NONE: readonly NginxDirective[] = Object.freeze([]);

/** Lists each in source order, merged into one (depth-first source order is start-offset order). */
function mergeInSourceOrder(lists: readonly (readonly NginxDirective[])[]): NginxDirective[] {
  const out: NginxDirective[] = [];
  const at = lists.map(() => 0);
  for (;;) {
    let best = -1;
    for (let k = 0; k < lists.length; k++) {
      const d = lists[k]![at[k]!];
      if (d !== undefined && (best < 0 || d.start < lists[best]![at[best]!]!.start)) best = k;
    }
    if (best < 0) return out;
    out.push(lists[best]![at[best]!]!);
    at[best]!++;
  }
}

function parentOf(d: NginxDirective): NginxDirective | undefined {
  return d.parent;
}

function ancestorsOf(d: NginxDirective): NginxDirective[] {
  const out: NginxDirective[] = [];
  for (let p = d.parent; p && out.length < 300; p = p.parent) out.push(p);
  return out;
}

/** Child directives of a block (or of the file level) with a given name. */
export function childrenNamed(block: readonly NginxDirective[] | undefined, ...names: string[]): NginxDirective[] {
  return (block ?? []).filter((d) => names.includes(d.name));
}

/** Every directive inside a block directive (not the block itself), skipping data blocks. */
export function descendants(d: NginxDirective): NginxDirective[] {
  const out: NginxDirective[] = [];
  const stack: NginxDirective[] = [...(d.block ?? [])].reverse();
  while (stack.length > 0) {
    const x = stack.pop()!;
    out.push(x);
    if (x.block && !DATA_BLOCKS.has(x.name)) for (let i = x.block.length - 1; i >= 0; i--) stack.push(x.block[i]!);
  }
  return out;
}

const GLUED_MODIFIERS = ["~*", "^~", "~", "="] as const;

/** A `location` modifier and path: `location ~* \.php$` → { modifier: "~*", path: "\.php$" }. */
export function locationMatch(d: NginxDirective): { modifier: "" | "=" | "^~" | "~" | "~*" | "@"; path: string; pathArg: NginxDirective["args"][number] } | undefined {
  if (d.name !== "location") return undefined;
  const [a, b] = d.args;
  if (!a) return undefined;
  if (b && (a.value === "=" || a.value === "^~" || a.value === "~" || a.value === "~*")) return { modifier: a.value, path: b.value, pathArg: b };
  if (a.value.startsWith("@")) return { modifier: "@", path: a.value, pathArg: a };
  // `location ~^/x` without a space is also accepted by nginx
  if (!b) {
    for (const m of GLUED_MODIFIERS) {
      if (a.value.startsWith(m) && a.value.length > m.length) return { modifier: m, path: a.value.slice(m.length), pathArg: a };
    }
  }
  return { modifier: "", path: a.value, pathArg: a };
}

/** Standard include files whose content is known (params files, charset maps, mime types): they hold no blocks or handlers. */
export function isStandardParamsInclude(target: string): boolean {
  const base = target.replace(/^.*\//, "");
  return /^(uwsgi_params|fastcgi_params|fastcgi\.conf|scgi_params|proxy_params|mime\.types|koi-utf|koi-win|win-utf)$/.test(base);
}

/** A `listen` of a server block, normalised the way nginx compares them (`80`, `*:80`, `0.0.0.0:80` are one address). */
export interface ListenAddress {
  address: string;
  /** The `listen` argument; undefined for the implicit `*:80` of a server without `listen`. */
  arg: NginxDirective["args"][number] | undefined;
  /** The `default_server` (or old `default`) parameter. */
  defaultArg: NginxDirective["args"][number] | undefined;
}

/**
 * The addresses a `server` block listens on; undefined when one cannot be read (variables,
 * host names). Without `listen` a server listens on *:80 (nginx started as root, as in the images).
 */
export function listenAddresses(server: NginxDirective): readonly ListenAddress[] | undefined {
  // several rules ask for every server block's addresses
  if (LISTENS.has(server)) return LISTENS.get(server);
  const addresses = readListenAddresses(server);
  LISTENS.set(server, addresses);
  return addresses;
}
const LISTENS = new WeakMap<NginxDirective, readonly ListenAddress[] | undefined>();

function readListenAddresses(server: NginxDirective): ListenAddress[] | undefined {
  const listens = (server.block ?? []).filter((d) => d.name === "listen");
  if (listens.length === 0) return [{ address: "0.0.0.0:80", arg: undefined, defaultArg: undefined }];
  const out: ListenAddress[] = [];
  for (const l of listens) {
    const arg = l.args[0];
    if (!arg) return undefined;
    const address = normaliseListen(arg.value);
    if (!address) return undefined;
    const defaultArg = l.args.slice(1).find((a) => a.value === "default_server" || a.value === "default");
    out.push({ address, arg, defaultArg });
  }
  return out;
}

function normaliseListen(value: string): string | undefined {
  if (value.includes("$")) return undefined;
  if (value.startsWith("unix:")) return value;
  if (/^\d+$/.test(value)) return `0.0.0.0:${value}`;
  const v6 = /^\[([0-9a-fA-F:.]+)\](?::(\d+))?$/.exec(value);
  if (v6) return `[${v6[1]!.toLowerCase()}]:${v6[2] ?? "80"}`;
  const v4 = /^(\*|\d{1,3}(?:\.\d{1,3}){3})(?::(\d+))?$/.exec(value);
  if (v4) return `${v4[1] === "*" ? "0.0.0.0" : v4[1]}:${v4[2] ?? "80"}`;
  return undefined;
}

/**
 * For each address, the server block nginx uses when no server_name matches: the one with
 * `default_server`, else the first server listening there. `servers` in load order.
 */
export function defaultServers(servers: readonly NginxDirective[]): Map<string, NginxDirective> {
  const first = new Map<string, NginxDirective>();
  const explicit = new Map<string, NginxDirective>();
  for (const s of servers) {
    for (const l of listenAddresses(s) ?? []) {
      if (!first.has(l.address)) first.set(l.address, s);
      if (l.defaultArg && !explicit.has(l.address)) explicit.set(l.address, s);
    }
  }
  for (const [a, s] of explicit) first.set(a, s);
  return first;
}

/**
 * Is a directive with this `context`, in a file loaded at `loadedAt` (the context of the
 * `include` that loads it), written directly in `http {}`? (`[...loadedAt, ...context]` is
 * `["http"]`, without building that array for every directive.)
 */
export function isHttpLevel(loadedAt: readonly string[], context: readonly string[]): boolean {
  if (loadedAt.length + context.length !== 1) return false;
  return (loadedAt[0] ?? context[0]) === "http";
}
