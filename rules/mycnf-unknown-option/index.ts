import { defineRule, fixed, type RelatedDescriptor, type RuleContext } from "../../src/engine/rule.js";
import { mysqlWhyZh, readingZh } from "../../src/i18n/phrases.js";
import { closestName } from "../../src/knowledge/closest-name.js";
import {
  MARIADB_CLIENT_PROGRAM_OPTIONS,
  MARIADB_GROUPS_READ,
  MARIADB_VERSION,
  MARIADBD_COMPAT_OPTIONS,
  MARIADBD_OPTIONS,
  MYSQL_MARIADB_DIFFERENCES,
  normalizeMysqlOptionName,
  resolveMariadbdOption,
} from "../../src/knowledge/mysql-options.js";
import { atLeast, mysqlServerVersion, type ServerVersion } from "../../src/model/image/versions.js";
import type { Loc } from "../../src/model/types.js";
import type { IniEntry } from "../../src/parsers/ini/ast.js";
import type { ProjectFile } from "../../src/project/project.js";

const [DATA_MAJOR, DATA_MINOR] = MARIADB_VERSION.split(/[.-]/).map(Number) as [number, number];
const SERVER_GROUPS_MARIADB = new Set(MARIADB_GROUPS_READ["mariadbd"] ?? []);
type ClientProgram = "mariadb" | "mariadb-dump" | "mariadb-admin";
const CLIENTS: readonly ClientProgram[] = ["mariadb", "mariadb-dump", "mariadb-admin"];

/**
 * Options image-config-version already reports for MySQL images (removed from MySQL 8.0/8.4).
 * Everything else that MYSQL_MARIADB_DIFFERENCES marks fatal on MySQL 8.0 is reported here.
 */
const COVERED_BY_IMAGE_CONFIG_VERSION = new Set([
  "default-authentication-plugin", "query-cache-size", "query-cache-type", "query-cache-limit",
  "innodb-file-format", "innodb-large-prefix", "expire-logs-days",
]);

/** [mysqld] options MySQL 8.0+ refuses although MariaDB knows them, from MYSQL_MARIADB_DIFFERENCES (MySQL manual). */
const MYSQL8_FATAL: ReadonlyMap<string, { why: string; mariadbAccepts: boolean }> = (() => {
  const out = new Map<string, { why: string; mariadbAccepts: boolean }>();
  for (const row of MYSQL_MARIADB_DIFFERENCES) {
    const mysql = row.behaviour["mysql-8.0"] ?? "";
    if (!mysql.startsWith("fatal") || /[=(]/.test(row.setting)) continue;
    for (const name of row.setting.split(" / ")) {
      const n = normalizeMysqlOptionName(name.trim());
      if (!COVERED_BY_IMAGE_CONFIG_VERSION.has(n)) out.set(n, { why: mysql.replace(/^fatal:\s*/, ""), mariadbAccepts: (row.behaviour["mariadb-10.11"] ?? "").startsWith("valid") });
    }
  }
  return out;
})();

/**
 * Options mariadbd 10.11 accepts with only a warning although `--verbose --help` does not list them
 * (so they are missing from MARIADBD_OPTIONS): MySQL 5.6/5.7 compatibility options ("'x' is MySQL
 * 5.6 / 5.7 compatible option. Not used or needed in MariaDB.") and removed InnoDB/server options
 * ("'x' was removed. It does nothing now and exists only for compatibility with old my.cnf files.").
 * Found by starting `mariadbd --no-defaults --NAME=1 --help --verbose` (10.11.19) for every option-like
 * string in the binary and its dash-separated tails; see README.
 */
const MARIADBD_HIDDEN_COMPAT: ReadonlySet<string> = new Set([
  "abort-slave-event-count", "binlog-max-flush-queue-time", "binlog-order-commits", "binlog-rows-query-log-events",
  "disconnect-slave-event-count", "end-markers-in-json", "exit-info", "innodb-adaptive-max-sleep-delay",
  "innodb-background-scrub-data-check-interval", "innodb-background-scrub-data-compressed",
  "innodb-background-scrub-data-interval", "innodb-background-scrub-data-uncompressed",
  "innodb-buffer-pool-instances", "innodb-commit-concurrency", "innodb-concurrency-tickets",
  "innodb-force-load-corrupted", "innodb-idle-flush-pct", "innodb-lock-schedule-algorithm",
  "innodb-locks-unsafe-for-binlog", "innodb-log-checksums", "innodb-log-compressed-pages",
  "innodb-log-files-in-group", "innodb-log-optimize-ddl", "innodb-lru-flush-size", "innodb-page-cleaners",
  "innodb-purge-rseg-truncate-frequency", "innodb-replication-delay", "innodb-rollback-segments", "innodb-scrub-log",
  "innodb-scrub-log-speed", "innodb-stats-sample-pages", "innodb-sync-array-size", "innodb-thread-concurrency",
  "innodb-thread-sleep-delay", "innodb-undo-logs", "log-bin-use-v1-row-events", "log-raw",
  "log-throttle-queries-not-using-indexes", "master-info-repository", "max-binlog-dump-events", "max-long-data-size",
  "multi-range-count", "optimizer-trace-features", "optimizer-trace-limit", "optimizer-trace-offset",
  "relay-log-info-repository", "rpl-stop-slave-timeout", "server-id-bits", "sha256-password-private-key-path",
  "sha256-password-public-key-path", "show-compatibility-56", "skip-bdb", "slave-allow-batching",
  "slave-checkpoint-group", "slave-checkpoint-period", "slave-pending-jobs-size-max", "slave-rows-search-algorithms",
  "sporadic-binlog-dump-fail", "super-large-pages", "thread-concurrency", "timed-mutexes", "validate-user-plugins",
]);

export default defineRule({
  meta: {
    id: "mycnf-unknown-option",
    description: "an option in my.cnf the image's server does not know (mysqld aborts with \"unknown variable\"), or one the MariaDB clients refuse in [client]",
    severity: "error",
    category: "mysql",
    files: ["mysql", "compose", "dockerfile"],
    messages: {
      mariadbUnknown:
        "`{{key}}` is not a MariaDB server option{{suggestion}}: mariadbd aborts at start ({{observed}}: \"[ERROR] mariadbd: unknown {{what}} '{{option}}'\", \"[ERROR] Aborting\"){{reading}}; remove it, or write `loose-{{key}}` to get only a warning",
      mariadbNewer:
        "`{{key}}` is not an option of MariaDB {{dataVersion}}{{suggestion}}, where mariadbd aborts with \"[ERROR] mariadbd: unknown {{what}} '{{option}}'\"{{reading}}; unless that newer MariaDB added it, the server does not start",
      ambiguous:
        "`{{key}}` is an abbreviation that fits {{count}} options ({{matches}}, ...): mariadbd aborts at start ({{observed}}: \"[ERROR] mariadbd: ambiguous option '--{{option}}' (...)\", \"[ERROR] Aborting\"){{reading}}; write the full option name",
      mysqlRemoved:
        "`{{key}}` is not an option of MySQL {{version}} ({{reading}}; {{why}}{{mariadb}}): mysqld aborts at start with \"unknown variable '{{option}}'\"; remove it (or prefix it with `loose-`)",
      client:
        "`{{key}}` in [{{group}}] is not an option of {{programs}} ({{observed}}), which stop at once whenever they read this file (\"{{first}}: unknown {{what}} '{{option}}'\"): a backup, script or healthcheck that runs them in this container fails{{suggestion}}",
      image: "the image that reads this file",
    },
    fixable: false,
  },
  check({ project, model, report }) {
    const seen = new Set<string>();
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        const image = service.image ?? service.build?.image?.base;
        const version = mysqlServerVersion(image);
        if (!version || !image) continue;
        const related: RelatedDescriptor[] = [{ at: image.loc, messageId: "image" }];
        for (const file of service.configFiles) {
          if (file.kind !== "mysql") continue;
          const key = `${file.source.path}\0${version.product}${version.major}.${version.minor}`;
          if (seen.has(key)) continue;
          seen.add(key);
          if (version.product === "mariadb") checkMariadb(file as ProjectFile<"mysql">, version, related, report);
          else checkMysql(file as ProjectFile<"mysql">, version, related, report);
        }
      }
    }
  },
});

type Report = RuleContext["report"];

function entryLoc(file: ProjectFile<"mysql">, e: IniEntry): Loc {
  return { file: file.source, start: e.keyRange.start, end: e.keyRange.end };
}

function optionText(e: IniEntry): string {
  return e.hasEquals ? `${e.key.trim()}=${e.value}` : e.key.trim();
}

function judge(v: ServerVersion): "exact" | "older" | "newer" {
  if (v.major === DATA_MAJOR && v.minor === DATA_MINOR) return "exact";
  return v.major < DATA_MAJOR || (v.major === DATA_MAJOR && v.minor < DATA_MINOR) ? "older" : "newer";
}

function checkMariadb(file: ProjectFile<"mysql">, version: ServerVersion, related: RelatedDescriptor[], report: Report): void {
  const j = judge(version);
  const reading = fixed(` (${version.reading})`, `（${readingZh(version.reading)}）`);
  const observed = fixed(`MariaDB ${DATA_MAJOR}.${DATA_MINOR}`);
  for (const section of file.ast.sections) {
    const group = section.name.trim().toLowerCase();
    if (SERVER_GROUPS_MARIADB.has(group) && group !== "client-server") {
      for (const e of section.entries) {
        const r = resolveMariadbdOption(e.key.toLowerCase());
        if (r.status === "exact" || r.status === "prefix" || r.status === "compat") continue;
        if (r.modifiers.includes("loose")) continue;
        if (hiddenCompat(e.key)) continue;
        const name = normalizeMysqlOptionName(e.key.toLowerCase());
        const what = fixed(e.hasEquals ? "variable" : "option");
        const option = e.hasEquals ? optionText(e) : `--${e.key.trim()}`;
        if (r.status === "ambiguous") {
          if (j !== "exact") continue;
          report({ messageId: "ambiguous", at: entryLoc(file, e), related, data: { key: e.key, count: r.matches.length, matches: fixed(r.matches.slice(0, 2).join(", ")), option: optionText(e), observed, reading } });
          continue;
        }
        const known = [...MARIADBD_OPTIONS.keys(), ...MARIADBD_COMPAT_OPTIONS.keys()];
        const close = closestName(name, known);
        const suggestion = close ? fixed(` (did you mean \`${close}\`?)`, `（是不是想写 \`${close}\`？）`) : fixed("");
        if (j === "exact" || (j === "older" && close !== undefined)) {
          report({ messageId: "mariadbUnknown", at: entryLoc(file, e), related, data: { key: e.key, suggestion, what, option, observed, reading } });
        } else if (j === "newer") {
          report({
            messageId: "mariadbNewer",
            severity: "warning",
            at: entryLoc(file, e),
            related,
            data: { key: e.key, suggestion, what, option, reading, dataVersion: fixed(`${DATA_MAJOR}.${DATA_MINOR}`) },
          });
        }
      }
      continue;
    }
    if (j !== "exact") continue;
    const programs = CLIENTS.filter((p) => (MARIADB_GROUPS_READ[p] ?? []).includes(group));
    if (programs.length === 0) continue;
    for (const e of section.entries) {
      const refusing = programs.filter((p) => !clientAccepts(p, e.key.toLowerCase()));
      if (refusing.length === 0) continue;
      const first = refusing[0]!;
      const close = closestName(normalizeMysqlOptionName(e.key.toLowerCase()), MARIADB_CLIENT_PROGRAM_OPTIONS[first]);
      report({
        messageId: "client",
        severity: "warning",
        at: entryLoc(file, e),
        related,
        data: {
          key: e.key,
          group: section.name,
          programs: fixed(refusing.join(", ")),
          first: fixed(first),
          what: fixed(e.hasEquals ? "variable" : "option"),
          option: e.hasEquals ? optionText(e) : `--${e.key.trim()}`,
          observed: fixed(`MariaDB ${DATA_MAJOR}.${DATA_MINOR} clients`, `MariaDB ${DATA_MAJOR}.${DATA_MINOR} 客户端`),
          suggestion: close ? fixed(`; did you mean \`${close}\`?`, `；是不是想写 \`${close}\`？`) : fixed(""),
        },
      });
    }
  }
}

/** The clients parse options with the same my_getopt as the server: `loose-`, skip-/enable-, unambiguous prefixes. */
function clientAccepts(program: ClientProgram, rawKey: string): boolean {
  const options = MARIADB_CLIENT_PROGRAM_OPTIONS[program];
  let name = normalizeMysqlOptionName(rawKey);
  if (name.startsWith("loose-")) return true;
  if (options.has(name)) return true;
  const m = /^(skip|disable|enable|maximum)-(.+)$/.exec(name);
  if (m && options.has(m[2]!)) return true;
  name = m ? m[2]! : name;
  // unambiguous or ambiguous prefix: not claimed either way
  for (const o of options) if (o.startsWith(name)) return true;
  return false;
}

function checkMysql(file: ProjectFile<"mysql">, version: ServerVersion, related: RelatedDescriptor[], report: Report): void {
  if (!atLeast(version, 8, 0)) return;
  const groups = new Set(["mysqld", "server", `mysqld-${version.major}.${version.minor}`]);
  for (const section of file.ast.sections) {
    if (!groups.has(section.name.trim().toLowerCase())) continue;
    for (const e of section.entries) {
      const name = normalizeMysqlOptionName(e.key.toLowerCase());
      const row = MYSQL8_FATAL.get(name);
      if (!row) continue;
      report({
        messageId: "mysqlRemoved",
        at: entryLoc(file, e),
        related,
        data: {
          key: e.key,
          version: `${version.major}.${version.minor}`,
          reading: fixed(version.reading, readingZh(version.reading)),
          why: fixed(row.why, mysqlWhyZh(row.why)),
          mariadb: row.mariadbAccepts ? fixed("; MariaDB still accepts it", "；MariaDB 仍然接受它") : fixed(""),
          option: optionText(e),
        },
      });
    }
  }
}

function hiddenCompat(key: string): boolean {
  const name = normalizeMysqlOptionName(key.toLowerCase()).replace(/^loose-/, "");
  return MARIADBD_HIDDEN_COMPAT.has(name) || MARIADBD_HIDDEN_COMPAT.has(name.replace(/^(skip|disable|enable)-/, ""));
}
