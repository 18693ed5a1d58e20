// redis.conf directives redis-server 7 accepts, generated from a real server
// (scripts/knowledge/redis.mjs -> generated/redis.ts), plus the fate of directives
// from old (2.x-6.x) tutorials. See README.md in this folder.
import { REDIS_FILE_ONLY_ROWS, REDIS_OLD_DIRECTIVE_PROBES, REDIS_PARAMETER_ROWS, REDIS_VERSION } from "./generated/redis.js";

export { REDIS_OLD_DIRECTIVE_PROBES, REDIS_VERSION };

/** How redis parses the value (from the real CONFIG SET / start error for an invalid value). */
export type RedisValueKind = "bool" | "integer" | "memory" | "memory-or-percent" | "percent" | "enum" | "string" | "special";

export interface RedisDirective {
  /** Canonical (current) name. */
  readonly name: string;
  /** Older spellings redis 7 still accepts for the same parameter (slaveof -> replicaof ...). */
  readonly aliases: readonly string[];
  readonly kind: RedisValueKind;
  /** Accepted values of an enum parameter (yes/no parameters are kind "bool"). */
  readonly enumValues: readonly string[];
  /** "1": exactly one argument (quote it for spaces); "1+": several (save, bind, ...); "2": rename-command. */
  readonly args: "1" | "1+" | "2";
  /** Cannot be changed with CONFIG SET at runtime (only in redis.conf / on the command line). */
  readonly immutable: boolean;
  /** Only in redis.conf, not a CONFIG GET parameter (include, rename-command, user, loadmodule, sentinel). */
  readonly fileOnly: boolean;
  /** Built-in default as CONFIG GET shows it (memory in bytes); undefined when not recorded. */
  readonly defaultValue: string | undefined;
}

const KINDS: readonly RedisValueKind[] = ["bool", "integer", "memory", "memory-or-percent", "percent", "enum", "string", "special"];

function asKind(kind: string): RedisValueKind {
  const k = KINDS.find((x) => x === kind);
  return k ?? "string";
}

function build(): { canonical: ReadonlyMap<string, RedisDirective>; all: ReadonlyMap<string, RedisDirective> } {
  const canonical = new Map<string, RedisDirective>();
  for (const [name, kind, enumValues, aliases, args, immutable, def] of REDIS_PARAMETER_ROWS) {
    canonical.set(name, { name, aliases, kind: asKind(kind), enumValues, args, immutable: immutable === 1, fileOnly: false, defaultValue: def ?? undefined });
  }
  for (const [name, args] of REDIS_FILE_ONLY_ROWS) {
    canonical.set(name, { name, aliases: [], kind: "special", enumValues: [], args: args === "2" ? "2" : args === "1" ? "1" : "1+", immutable: true, fileOnly: true, defaultValue: undefined });
  }
  const all = new Map<string, RedisDirective>(canonical);
  for (const d of canonical.values()) for (const a of d.aliases) all.set(a, d);
  return { canonical, all };
}

const BUILT = build();

/** Canonical directives by name. */
export const REDIS_DIRECTIVES: ReadonlyMap<string, RedisDirective> = BUILT.canonical;

/** Every accepted spelling (canonical names and aliases) -> its directive. */
export const REDIS_DIRECTIVE_NAMES: ReadonlyMap<string, RedisDirective> = BUILT.all;

/** Look up a redis.conf directive; redis matches names case-insensitively (`MaxMemory 1mb` works). */
export function lookupRedisDirective(name: string): RedisDirective | undefined {
  return REDIS_DIRECTIVE_NAMES.get(name.toLowerCase());
}

export type RedisLegacyStatus =
  /** redis 7 refuses to start: "Bad directive or wrong number of arguments". */
  | "fatal"
  /** accepted as an alias of the new name. */
  | "alias"
  /** accepted and silently ignored (kept only so old files still load). */
  | "ignored";

export interface RedisLegacyDirective {
  readonly name: string;
  readonly status: RedisLegacyStatus;
  /** Current directive to use instead, if any. */
  readonly replacement: string | undefined;
  /** The probe line in REDIS_OLD_DIRECTIVE_PROBES that shows the behaviour on redis 7. */
  readonly probe: string;
  readonly note: string;
}

/**
 * Directives that appear in redis 2.x-6.x tutorials. status comes from a real
 * redis-server 7.0 start (REDIS_OLD_DIRECTIVE_PROBES, checked by the knowledge test);
 * the history in `note` is from redis' release notes / redis.conf of those versions.
 */
export const REDIS_LEGACY_DIRECTIVES: readonly RedisLegacyDirective[] = [
  { name: "vm-enabled", status: "fatal", replacement: undefined, probe: "vm-enabled no", note: "virtual memory was removed in redis 2.6" },
  { name: "vm-swap-file", status: "fatal", replacement: undefined, probe: "vm-swap-file /tmp/redis.swap", note: "virtual memory was removed in redis 2.6" },
  { name: "vm-max-memory", status: "fatal", replacement: undefined, probe: "vm-max-memory 0", note: "virtual memory was removed in redis 2.6" },
  { name: "vm-page-size", status: "fatal", replacement: undefined, probe: "vm-page-size 32", note: "virtual memory was removed in redis 2.6" },
  { name: "vm-pages", status: "fatal", replacement: undefined, probe: "vm-pages 134217728", note: "virtual memory was removed in redis 2.6" },
  { name: "vm-max-threads", status: "fatal", replacement: undefined, probe: "vm-max-threads 4", note: "virtual memory was removed in redis 2.6" },
  { name: "really-use-vm", status: "fatal", replacement: undefined, probe: "really-use-vm yes", note: "virtual memory was removed in redis 2.6" },
  { name: "glueoutputbuf", status: "fatal", replacement: undefined, probe: "glueoutputbuf yes", note: "redis 2.0-era option, long gone" },
  { name: "hash-max-zipmap-entries", status: "fatal", replacement: "hash-max-listpack-entries", probe: "hash-max-zipmap-entries 64", note: "renamed hash-max-ziplist-entries in redis 2.6, hash-max-listpack-entries in 7.0" },
  { name: "hash-max-zipmap-value", status: "fatal", replacement: "hash-max-listpack-value", probe: "hash-max-zipmap-value 512", note: "renamed hash-max-ziplist-value in redis 2.6, hash-max-listpack-value in 7.0" },
  { name: "list-max-ziplist-entries", status: "ignored", replacement: "list-max-listpack-size", probe: "list-max-ziplist-entries 512", note: "replaced by list-max-ziplist-size in redis 3.2 (quicklist); redis 7 accepts and ignores it" },
  { name: "list-max-ziplist-value", status: "ignored", replacement: "list-max-listpack-size", probe: "list-max-ziplist-value 64", note: "replaced by list-max-ziplist-size in redis 3.2 (quicklist); redis 7 accepts and ignores it" },
  { name: "lua-replicate-commands", status: "ignored", replacement: undefined, probe: "lua-replicate-commands yes", note: "script effects replication is always on in redis 7; accepted and ignored" },
  { name: "list-max-ziplist-size", status: "alias", replacement: "list-max-listpack-size", probe: "list-max-ziplist-size -2", note: "alias since redis 7.0" },
  { name: "hash-max-ziplist-entries", status: "alias", replacement: "hash-max-listpack-entries", probe: "hash-max-ziplist-entries 512", note: "alias since redis 7.0" },
  { name: "hash-max-ziplist-value", status: "alias", replacement: "hash-max-listpack-value", probe: "hash-max-ziplist-value 64", note: "alias since redis 7.0" },
  { name: "zset-max-ziplist-entries", status: "alias", replacement: "zset-max-listpack-entries", probe: "zset-max-ziplist-entries 128", note: "alias since redis 7.0" },
  { name: "zset-max-ziplist-value", status: "alias", replacement: "zset-max-listpack-value", probe: "zset-max-ziplist-value 64", note: "alias since redis 7.0" },
  { name: "slaveof", status: "alias", replacement: "replicaof", probe: "slaveof 127.0.0.1 1", note: "slave-* names are aliases of replica-* since redis 5.0" },
  { name: "slave-serve-stale-data", status: "alias", replacement: "replica-serve-stale-data", probe: "slave-serve-stale-data yes", note: "alias since redis 5.0" },
  { name: "slave-read-only", status: "alias", replacement: "replica-read-only", probe: "slave-read-only yes", note: "alias since redis 5.0" },
  { name: "slave-priority", status: "alias", replacement: "replica-priority", probe: "slave-priority 100", note: "alias since redis 5.0" },
  { name: "slave-lazy-flush", status: "alias", replacement: "replica-lazy-flush", probe: "slave-lazy-flush no", note: "alias since redis 5.0" },
  { name: "slave-announce-ip", status: "alias", replacement: "replica-announce-ip", probe: "slave-announce-ip 127.0.0.1", note: "alias since redis 5.0" },
  { name: "repl-ping-slave-period", status: "alias", replacement: "repl-ping-replica-period", probe: "repl-ping-slave-period 10", note: "alias since redis 5.0" },
  { name: "min-slaves-to-write", status: "alias", replacement: "min-replicas-to-write", probe: "min-slaves-to-write 0", note: "alias since redis 5.0" },
  { name: "min-slaves-max-lag", status: "alias", replacement: "min-replicas-max-lag", probe: "min-slaves-max-lag 10", note: "alias since redis 5.0" },
  { name: "cluster-slave-validity-factor", status: "alias", replacement: "cluster-replica-validity-factor", probe: "cluster-slave-validity-factor 10", note: "alias since redis 5.0" },
  { name: "lua-time-limit", status: "alias", replacement: "busy-reply-threshold", probe: "lua-time-limit 5000", note: "alias since redis 7.0" },
];

/** The FATAL block redis 7 prints for an unknown directive (verbatim from a real start). */
export const REDIS_UNKNOWN_DIRECTIVE_MESSAGE = "Bad directive or wrong number of arguments";
/** The FATAL reason for `maxmemory 256mb # limit`: inline comments are arguments. */
export const REDIS_INLINE_COMMENT_MESSAGE = "wrong number of arguments";
