import type { Protocol } from "../types.js";

/**
 * What official images do when the project does not say otherwise.
 * Sources: the images' Dockerfiles and docker-entrypoint.sh on Docker Hub
 * (redis, mysql, mariadb, nginx, postgres, python, wordpress).
 */
export interface KnownImage {
  /** Default CMD as exec-form argv. */
  cmd: string[];
  /** The image's entrypoint script passes its arguments on with `exec "$@"`. */
  entrypointExecsArgs: boolean;
  /** What the default process listens on. */
  listens: { protocol: Protocol; port: number }[];
}

const KNOWN: Record<string, KnownImage> = {
  redis: { cmd: ["redis-server"], entrypointExecsArgs: true, listens: [{ protocol: "redis", port: 6379 }] },
  valkey: { cmd: ["valkey-server"], entrypointExecsArgs: true, listens: [{ protocol: "redis", port: 6379 }] },
  mysql: { cmd: ["mysqld"], entrypointExecsArgs: true, listens: [{ protocol: "mysql", port: 3306 }] },
  mariadb: { cmd: ["mariadbd"], entrypointExecsArgs: true, listens: [{ protocol: "mysql", port: 3306 }] },
  postgres: { cmd: ["postgres"], entrypointExecsArgs: true, listens: [{ protocol: "postgres", port: 5432 }] },
  nginx: { cmd: ["nginx", "-g", "daemon off;"], entrypointExecsArgs: true, listens: [] },
  wordpress: { cmd: ["apache2-foreground"], entrypointExecsArgs: true, listens: [{ protocol: "http", port: 80 }] },
  memcached: { cmd: ["memcached"], entrypointExecsArgs: true, listens: [] },
  rabbitmq: { cmd: ["rabbitmq-server"], entrypointExecsArgs: true, listens: [] },
  python: { cmd: ["python3"], entrypointExecsArgs: true, listens: [] },
};

/** `bitnami/redis` is not the official image; only bare names and `library/` count. */
export function knownImage(name: string): KnownImage | undefined {
  return Object.hasOwn(KNOWN, name) ? KNOWN[name] : undefined;
}

/** Image names whose main program is a MySQL-protocol server. */
export function isMysqlImage(name: string): boolean {
  return name === "mysql" || name === "mariadb" || name.endsWith("/mysql") || name.endsWith("/mariadb") || name === "percona";
}

export function isRedisImage(name: string): boolean {
  return name === "redis" || name === "valkey" || name.endsWith("/redis") || name.endsWith("/valkey") || name === "redis/redis-stack-server";
}

export function isNginxImage(name: string): boolean {
  return name === "nginx" || name.startsWith("nginxinc/") || name.endsWith("/nginx");
}
