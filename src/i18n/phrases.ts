/**
 * Chinese of short phrases that rules take from the model or the knowledge
 * tables (not from their own wording), for `fixed(en, zh)`. Anything not
 * recognised is returned as it is (English).
 */

/** How an image's server version was read (`RedisServerVersion.reading`, `ServerVersion.reading`). */
export function readingZh(reading: string): string {
  return reading
    .replace(/^untagged = latest/, "未指定标签 = latest")
    .replace(/, (\d+\.x)$/, "，$1")
    .replace(/ is the latest (\S+)$/, " 是最新的 $1")
    .replace(/` is (.+)$/, "` 即 $1");
}

/** Notes of the nginx directives that came with a version (src/knowledge/nginx-directives.ts, change "added"). */
const NGINX_ADDED_NOTES: Readonly<Record<string, string>> = {
  "HTTP/3 support": "HTTP/3 支持",
  "`http2 on;` in http/server enables HTTP/2; unknown on 1.22": "在 http/server 中写 `http2 on;` 开启 HTTP/2；1.22 不认识它",
  "also ssl_object_cache_inheritable, proxy_ssl_certificate_cache, grpc_ssl_certificate_cache, uwsgi_ssl_certificate_cache":
    "同时加入的还有 ssl_object_cache_inheritable、proxy_ssl_certificate_cache、grpc_ssl_certificate_cache、uwsgi_ssl_certificate_cache",
  "103 responses from proxy and gRPC backends": "来自 proxy 和 gRPC 后端的 103 响应",
  "TLSv1.3 certificate compression now off by default": "TLSv1.3 证书压缩现在默认关闭",
};

export function nginxNoteZh(note: string): string {
  return NGINX_ADDED_NOTES[note] ?? note.replace(/^HTTP\/3 \((.*)\): (.*), and (`listen \.\.\. quic`)$/, "HTTP/3（$1）：$2，以及 $3");
}

/** History notes of redis directives (src/knowledge/redis-options.ts REDIS_LEGACY_DIRECTIVES). */
export function redisNoteZh(note: string): string {
  return note
    .replace(/^alias since redis ([\d.]+)$/, "自 redis $1 起是别名")
    .replace(/^an alias in redis ([\d.]+)$/, "在 redis $1 中是别名")
    .replace(/^redis 2\.0-era option, long gone$/, "redis 2.0 时代的选项，早已不存在")
    .replace(/^renamed (\S+) in redis ([\d.]+), (\S+) in ([\d.]+)$/, "在 redis $2 中改名为 $1，在 $4 中改名为 $3")
    .replace(/^replaced by (\S+) in redis ([\d.]+) \(quicklist\); redis 7 accepts and ignores it$/, "在 redis $2 中被 $1 取代（quicklist）；redis 7 接受但忽略它")
    .replace(/^script effects replication is always on in redis 7; accepted and ignored$/, "redis 7 中脚本效果复制始终开启；接受但忽略")
    .replace(/^slave-\* names are aliases of replica-\* since redis ([\d.]+)$/, "自 redis $1 起 slave-* 名称是 replica-* 的别名")
    .replace(/^virtual memory was removed in redis ([\d.]+)$/, "虚拟内存已在 redis $1 中移除");
}

/** Why MySQL 8.0 refuses an option MariaDB knows (src/knowledge/mysql-options.ts MYSQL_MARIADB_DIFFERENCES, "fatal: ..."). */
export function mysqlWhyZh(why: string): string {
  return why
    .replace(/^query cache removed in ([\d.]+) \(unknown variable\)$/, "查询缓存已在 $1 中移除（\"unknown variable\"）")
    .replace(/^removed in ([\d.]+) \(use (\S+)\)$/, "已在 $1 中移除（请改用 $2）")
    .replace(/^removed in ([\d.]+) \(with (.+)\)$/, "已在 $1 中移除（连同 $2）")
    .replace(/^removed in ([\d.]+)$/, "已在 $1 中移除")
    .replace(/^the mode was removed in ([\d.]+); its presence in an option file prevents mysqld from starting$/, "该模式已在 $1 中移除；选项文件中只要出现它，mysqld 就无法启动");
}
