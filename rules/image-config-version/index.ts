import { defineRule, fixed, type FixedText, type RuleContext } from "../../src/engine/rule.js";
import { readingZh } from "../../src/i18n/phrases.js";
import type { IniFile } from "../../src/parsers/ini/ast.js";
import { atLeast, mysqlServerVersion, type ServerVersion } from "../../src/model/image/versions.js";
import type { Loc, Service } from "../../src/model/types.js";

const QUERY_CACHE = fixed("the query cache was removed in 8.0", "查询缓存已在 8.0 中移除");
/** [mysqld] options MySQL removed, with the version that removed them. Source: MySQL 8.0/8.4/9.0 release notes. */
const MYSQL_REMOVED: { option: string; major: number; minor: number; note: FixedText }[] = [
  { option: "default-authentication-plugin", major: 8, minor: 4, note: fixed("use `authentication_policy` (8.4) or drop it", "请改用 `authentication_policy`（8.4），或删除它") },
  { option: "query-cache-size", major: 8, minor: 0, note: QUERY_CACHE },
  { option: "query-cache-type", major: 8, minor: 0, note: QUERY_CACHE },
  { option: "query-cache-limit", major: 8, minor: 0, note: QUERY_CACHE },
  { option: "innodb-file-format", major: 8, minor: 0, note: fixed("removed in 8.0 (Barracuda is the only format)", "已在 8.0 中移除（Barracuda 是唯一的格式）") },
  { option: "innodb-large-prefix", major: 8, minor: 0, note: fixed("removed in 8.0 (large prefixes are always on)", "已在 8.0 中移除（large prefix 始终开启）") },
  { option: "expire-logs-days", major: 8, minor: 4, note: fixed("use `binlog_expire_logs_seconds`", "请改用 `binlog_expire_logs_seconds`") },
  { option: "master-info-repository", major: 8, minor: 4, note: fixed("removed in 8.4", "已在 8.4 中移除") },
  { option: "relay-log-info-repository", major: 8, minor: 4, note: fixed("removed in 8.4", "已在 8.4 中移除") },
];

export default defineRule({
  meta: {
    id: "image-config-version",
    description: "a config option or SQL statement that the image's server version removed or rejects (MySQL 8.4 default-authentication-plugin, mysql_native_password on 8.4+/9.x, MariaDB vs MySQL-only options)",
    severity: "error",
    category: "cross-file",
    files: ["mysql", "sql", "compose"],
    messages: {
      removedOption:
        "`{{option}}` is not a variable of MySQL {{version}} ({{reading}}): mysqld aborts at start with \"[ERROR] [MY-000067] [Server] unknown variable '{{option}}={{value}}'.\"; {{note}}",
      nativePassword:
        "`IDENTIFIED WITH mysql_native_password` fails on MySQL {{version}} ({{reading}}): {{why}}, so the first start of the database aborts while running /docker-entrypoint-initdb.d; use `IDENTIFIED BY` (caching_sha2_password) or pin `mysql:8.0`",
      mariadbSecureFilePriv:
        "`secure-file-priv=NULL` is MySQL-only: MariaDB ({{reading}}) cannot normalise it (\"[Warning] Failed to normalize the argument for --secure-file-priv.\") and exits; remove it or give a directory",
      image: "the image that runs it",
    },
    fixable: false,
  },
  check({ model, report }) {
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        const version = mysqlServerVersion(service.image ?? service.build?.image?.base);
        if (!version) continue;
        const imageLoc = service.image?.loc ?? service.build?.image?.base?.loc ?? service.loc;
        checkOptions(service, version, imageLoc, report);
        if (version.product === "mysql" && atLeast(version, 8, 4)) {
          const why = atLeast(version, 9, 0)
            ? fixed("MySQL 9.0 removed the mysql_native_password plugin", "MySQL 9.0 移除了 mysql_native_password 插件")
            : fixed(
                "MySQL 8.4 no longer loads the mysql_native_password plugin by default (\"ERROR 1524 (HY000): Plugin 'mysql_native_password' is not loaded\")",
                "MySQL 8.4 默认不再加载 mysql_native_password 插件（\"ERROR 1524 (HY000): Plugin 'mysql_native_password' is not loaded\"）",
              );
          for (const script of service.initScripts) {
            for (const st of script.ast.statements) {
              if (!/identified\s+with\s+['"`]?mysql_native_password/i.test(st.normalized)) continue;
              report({
                messageId: "nativePassword",
                at: { file: script.source, start: st.start, end: st.end },
                related: [{ at: imageLoc, messageId: "image" }],
                data: { version: `${version.major}.${version.minor === 0 && version.major === 9 ? "x" : version.minor}`, reading: fixed(version.reading, readingZh(version.reading)), why },
              });
            }
          }
        }
      }
    }
  },
});

function checkOptions(service: Service, version: ServerVersion, imageLoc: Loc, report: RuleContext["report"]): void {
  for (const file of service.configFiles) {
    if (file.kind !== "mysql") continue;
    const ast = file.ast as IniFile;
    for (const section of ast.sections) {
      if (!/^(mysqld|server|mysqld-\d[\d.]*|mariadb|mariadbd)$/i.test(section.name)) continue;
      for (const e of section.entries) {
        // option values here are plugin names and sizes, never secrets: shown as written
        const option = e.key.toLowerCase().replace(/_/g, "-").replace(/^loose-/, "");
        if (e.key.toLowerCase().startsWith("loose")) continue;
        const at: Loc = { file: file.source, start: e.start, end: e.end };
        if (version.product === "mysql") {
          const removed = MYSQL_REMOVED.find((r) => r.option === option && atLeast(version, r.major, r.minor));
          if (removed) {
            report({
              messageId: "removedOption",
              at,
              related: [{ at: imageLoc, messageId: "image" }],
              data: { option: e.key, value: fixed(e.value), version: `${version.major}.${version.major === 9 ? "x" : version.minor}`, reading: fixed(version.reading, readingZh(version.reading)), note: removed.note },
            });
          }
        } else if (option === "secure-file-priv" && e.value.toUpperCase() === "NULL") {
          report({ messageId: "mariadbSecureFilePriv", at, related: [{ at: imageLoc, messageId: "image" }], data: { reading: fixed(version.reading, readingZh(version.reading)) } });
        }
      }
    }
  }
}
