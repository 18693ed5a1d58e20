import type { FileKind } from "../parsers/index.js";

/**
 * Decide what kind of file a path holds, from its name first and, for the
 * ambiguous `.conf`/`.ini` names, from a look at its first lines. Returns
 * undefined for files stacklint does not read on its own (they may still be
 * read when another file points at them: a mount, an `include`, a script).
 */
export function kindFromName(relPath: string): FileKind | "sniff" | undefined {
  const slash = relPath.lastIndexOf("/");
  const base = relPath.slice(slash + 1);
  const lower = base.toLowerCase();
  if (/^(docker-)?compose([.-][\w.-]*)?\.ya?ml$/.test(lower)) return "compose";
  if (lower === "dockerfile" || lower.startsWith("dockerfile.") || lower.endsWith(".dockerfile") || lower.startsWith("dockerfile-")) return "dockerfile";
  if (lower === ".env" || lower.startsWith(".env.") || lower.endsWith(".env")) return "dotenv";
  if (lower.endsWith(".sh") || lower === "entrypoint" || lower === "docker-entrypoint") return "shell";
  if (lower.endsWith(".cnf")) return "mysql";
  if (lower === "settings.py" || /(^|_)settings(_\w+)?\.py$/.test(lower) || (/\/settings\//.test(relPath) && lower.endsWith(".py") && lower !== "__init__.py")) return "django";
  if (lower.endsWith(".sql") && relPath.includes("init")) return "sql";
  // base.yml + prod.yml style compose files: decided by content (CI configs excluded by name)
  if ((lower.endsWith(".yml") || lower.endsWith(".yaml")) && !CI_YAML.test(relPath)) return "sniff";
  if (lower.endsWith(".conf") || lower.endsWith(".ini") || lower.endsWith(".conf.template") || lower.endsWith(".template") || lower === "nginx.conf" || lower.endsWith(".nginx")) return "sniff";
  return undefined;
}

const CI_YAML = /(^|\/)(\.github|\.gitlab|\.circleci|\.buildkite|k8s|kubernetes|helm|charts)\/|(^|\/)(\.gitlab-ci|\.travis|bitbucket-pipelines|\.pre-commit-config|\.pre-commit-hooks|mkdocs|codecov|\.readthedocs|environment|pubspec|action|Chart|values)\.ya?ml$/i;

/**
 * Content sniffing for `.conf`/`.ini`/`.template` files. Looks at a bounded
 * prefix only; every pattern is anchored per line to stay linear.
 */
export function kindFromContent(relPath: string, text: string): FileKind | undefined {
  const lowerPath = relPath.toLowerCase();
  const base = lowerPath.slice(lowerPath.lastIndexOf("/") + 1);
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  if (base.endsWith(".yml") || base.endsWith(".yaml")) {
    // a top-level `services:` whose entries have image/build/command keys is a compose file
    return /^services:[ \t]*(#.*)?$/m.test(head) && /^[ \t]{2,}(image|build|command|extends):/m.test(head) && !/^apiVersion:/m.test(head) ? "compose" : undefined;
  }
  if (/^\s*\[uwsgi\]\s*$/m.test(head)) return "uwsgi";
  if (/^\s*\[(supervisord|program:[^\]]+|group:[^\]]+|supervisorctl|unix_http_server|inet_http_server|eventlistener:[^\]]+|include|rpcinterface:[^\]]+)\]\s*$/m.test(head)) return "supervisor";
  if (/^\s*\[(mysqld|mysql|client|mariadb|mariadbd|mysqld_safe|server|galera|mysqldump)\]\s*$/m.test(head)) return "mysql";
  if (base.endsWith(".ini")) return undefined;
  const nginxish = /^\s*(server|http|upstream|location|events|map|stream)\b[^\n;]*\{/m.test(head) ||
    /^\s*(proxy_pass|uwsgi_pass|listen|server_name|root|worker_processes|include|add_header|return)\s[^\n]*;\s*(#.*)?$/m.test(head);
  const redisish = /^\s*(bind|port|requirepass|daemonize|appendonly|maxmemory|protected-mode|save|dir|dbfilename|slaveof|replicaof|loglevel|logfile|databases|masterauth|sentinel)\s+\S/m.test(head) &&
    !/[;{}]\s*$/m.test(head);
  if (base.includes("redis") || base.includes("sentinel")) return redisish || !nginxish ? "redis" : "nginx";
  if (nginxish || base.includes("nginx") || lowerPath.includes("nginx/")) return nginxish ? "nginx" : undefined;
  if (redisish) return "redis";
  return undefined;
}
