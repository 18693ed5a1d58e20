import type { ImageRef } from "../types.js";

/**
 * Which server version an image tag runs. Docker Hub tags move: these are the
 * meanings as of late 2026 (sources: the official images' tag lists on Docker Hub).
 * `mysql` untagged/latest/innovation = 9.x; `8`/`lts` = 8.4; `8.0` = 8.0.
 */
export interface ServerVersion {
  product: "mysql" | "mariadb";
  major: number;
  minor: number;
  /** How the version was decided, for messages: "untagged = latest, 9.x". */
  reading: string;
}

export function mysqlServerVersion(image: ImageRef | undefined): ServerVersion | undefined {
  if (!image) return undefined;
  const product = image.name === "mysql" || image.name === "mysql/mysql-server" ? "mysql" : image.name === "mariadb" ? "mariadb" : undefined;
  if (!product) return undefined;
  const tag = (image.tag ?? "latest").toLowerCase();
  if (product === "mysql") {
    if (tag === "latest" || tag === "innovation" || tag.startsWith("oracle") || tag.startsWith("oraclelinux") || tag === "debian") {
      return { product, major: 9, minor: 0, reading: image.tag ? `\`${image.ref}\` is the latest 9.x` : `untagged = latest, 9.x` };
    }
    if (tag === "lts" || /^8(-|$)/.test(tag)) return { product, major: 8, minor: 4, reading: `\`${image.ref}\` is 8.4` };
    const m = /^(\d+)\.(\d+)/.exec(tag);
    if (m) return { product, major: Number(m[1]), minor: Number(m[2]), reading: `\`${image.ref}\`` };
    if (/^9(-|$)/.test(tag)) return { product, major: 9, minor: 0, reading: `\`${image.ref}\` is 9.x` };
    return undefined;
  }
  if (tag === "latest" || tag === "lts") return { product, major: 11, minor: 8, reading: image.tag ? `\`${image.ref}\`` : "untagged = latest" };
  const m = /^(\d+)(?:\.(\d+))?/.exec(tag);
  return m ? { product, major: Number(m[1]), minor: Number(m[2] ?? 0), reading: `\`${image.ref}\`` } : undefined;
}

export function atLeast(v: ServerVersion, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

/**
 * Debian/Ubuntu releases an image may be based on. A set, because default
 * tags moved (python images went from bookworm to trixie in 2025): a rule
 * about a package must hold for every release in the set.
 */
export function distroReleases(image: ImageRef | undefined): string[] | undefined {
  if (!image) return undefined;
  const tag = (image.tag ?? "latest").toLowerCase();
  const explicit = /(buster|bullseye|bookworm|trixie|bionic|focal|jammy|noble)/.exec(tag);
  if (explicit) return [explicit[1]!];
  if (tag.includes("alpine")) return undefined;
  switch (image.name) {
    case "debian":
      if (tag === "latest" || tag === "stable" || tag.startsWith("13")) return ["trixie"];
      if (tag.startsWith("12")) return ["bookworm"];
      if (tag.startsWith("11")) return ["bullseye"];
      if (tag.startsWith("10")) return ["buster"];
      return undefined;
    case "ubuntu":
      if (tag === "latest" || tag.startsWith("24.04")) return ["noble"];
      if (tag.startsWith("22.04")) return ["jammy"];
      if (tag.startsWith("20.04")) return ["focal"];
      if (tag.startsWith("18.04")) return ["bionic"];
      if (tag === "rolling" || tag === "devel") return undefined;
      return undefined;
    case "python": {
      if (tag === "latest" || /^3(\.\d+)?(\.\d+)?(-slim)?$/.test(tag) || tag === "slim") {
        const minor = /^3\.(\d+)/.exec(tag);
        const m = minor ? Number(minor[1]) : 99;
        if (m >= 8) return ["bookworm", "trixie"];
        if (m === 7) return ["bullseye", "bookworm"];
        return ["buster", "bullseye"];
      }
      if (/^2(\.7)?/.test(tag)) return ["buster"];
      return undefined;
    }
    case "node":
    case "nginx":
    case "golang":
    case "ruby":
    case "php":
      return tag.includes("alpine") ? undefined : ["bookworm", "trixie"];
    default:
      return undefined;
  }
}

/** The redis-server an image runs (official `redis`, `bitnami/redis`, redis-stack, valkey). */
export interface RedisServerVersion {
  major: number;
  /** undefined when the tag names only a major line (`7`, `7-alpine`) or a moving tag (`latest`). */
  minor: number | undefined;
  /** How the version was decided, for messages: "`redis:5` is 5.0". */
  reading: string;
}

/**
 * Docker Hub tags as of late 2026: `redis` untagged/latest/alpine/bookworm = 8.x,
 * `7` = 7.4, `6` = 6.2, `5` = 5.0; `x.y[.z][-variant]` is x.y. valkey forked from 7.2.
 */
export function redisServerVersion(image: ImageRef | undefined): RedisServerVersion | undefined {
  if (!image) return undefined;
  const name = image.name;
  const valkey = name === "valkey" || name.endsWith("/valkey");
  if (!valkey && name !== "redis" && name !== "bitnami/redis" && name !== "redis/redis-stack-server" && name !== "redis/redis-stack") return undefined;
  const tag = (image.tag ?? "latest").toLowerCase();
  const exact = /^v?(\d+)\.(\d+)/.exec(tag);
  if (exact) return { major: Number(exact[1]), minor: Number(exact[2]), reading: `\`${image.ref}\`` };
  const majorOnly = /^(\d+)(?:-|$)/.exec(tag);
  if (majorOnly) {
    const major = Number(majorOnly[1]);
    const latestMinor: Record<number, number> = { 3: 2, 4: 0, 5: 0, 6: 2, 7: valkey ? 2 : 4 };
    const minor = latestMinor[major];
    return { major, minor, reading: minor === undefined ? `\`${image.ref}\` is ${major}.x` : `\`${image.ref}\` is ${major}.${minor}` };
  }
  if (valkey) return { major: 8, minor: undefined, reading: `\`${image.ref}\` is valkey 8.x` };
  if (tag === "latest" || /^(alpine|bookworm|trixie|bullseye)/.test(tag)) {
    return { major: 8, minor: undefined, reading: image.tag ? `\`${image.ref}\` is 8.x` : "untagged = latest, 8.x" };
  }
  return undefined;
}
