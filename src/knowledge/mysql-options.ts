// my.cnf knowledge: the options MariaDB's mariadbd and clients accept (generated from
// the real programs, scripts/knowledge/mariadb.mjs -> generated/mariadb.ts) and a
// curated table of MySQL-vs-MariaDB differences that break a server start, each with
// its source. See README.md in this folder.
import {
  MARIADB_CLIENT_OPTIONS,
  MARIADB_CLIENT_PROBES,
  MARIADB_DUMP_OPTIONS,
  MARIADB_ADMIN_OPTIONS,
  MARIADB_GROUPS_READ,
  MARIADB_MYSQLD_PROBES,
  MARIADB_VERSION,
  MARIADBD_OPTION_ROWS,
} from "./generated/mariadb.js";

export { MARIADB_CLIENT_PROBES, MARIADB_GROUPS_READ, MARIADB_MYSQLD_PROBES, MARIADB_VERSION };

export type MariadbOptionKind = "none" | "bool" | "number" | "string" | "optional" | "enum" | "set";

export interface MariadbOption {
  /** Dash spelling, as `mariadbd --verbose --help` prints it. */
  readonly name: string;
  readonly kind: MariadbOptionKind;
  /** Values of an enum ("One of:") or set ("Any combination of:") option. */
  readonly values: readonly string[];
  /** Value with no option file read (--no-defaults); undefined when --help shows none. */
  readonly defaultValue: string | undefined;
  readonly shortAlias: string | undefined;
}

const KINDS: readonly MariadbOptionKind[] = ["none", "bool", "number", "string", "optional", "enum", "set"];

/** mariadbd options by dash-spelled name. */
export const MARIADBD_OPTIONS: ReadonlyMap<string, MariadbOption> = new Map(
  MARIADBD_OPTION_ROWS.map(([name, kind, values, def, short]): [string, MariadbOption] => [
    name,
    { name, kind: KINDS.find((k) => k === kind) ?? "string", values, defaultValue: def ?? undefined, shortAlias: short === "" ? undefined : short },
  ]),
);

/** Option names of the client programs (dash spelling), by program. */
export const MARIADB_CLIENT_PROGRAM_OPTIONS: Readonly<Record<"mariadb" | "mariadb-dump" | "mariadb-admin", ReadonlySet<string>>> = {
  mariadb: new Set(MARIADB_CLIENT_OPTIONS),
  "mariadb-dump": new Set(MARIADB_DUMP_OPTIONS),
  "mariadb-admin": new Set(MARIADB_ADMIN_OPTIONS),
};

/**
 * Keys every client above accepts, i.e. safe in [client] (which all of them read):
 * `default-character-set`, `user`, `password`, `host`, `port`, `socket`, ssl options...
 * Not `quick` or `max_allowed_packet` (mariadb-admin refuses them).
 */
export const MARIADB_CLIENT_GROUP_SAFE_OPTIONS: ReadonlySet<string> = new Set(
  MARIADB_CLIENT_OPTIONS.filter((o) => MARIADB_DUMP_OPTIONS.includes(o) && MARIADB_ADMIN_OPTIONS.includes(o)),
);

/**
 * Option names are matched with `-` and `_` interchangeable (the real server reports
 * `innodb_large_prefix` as 'innodb-large-prefix'): normalise to the dash spelling.
 * Surrounding blanks are dropped; case is kept (option names are lower case).
 */
export function normalizeMysqlOptionName(name: string): string {
  return name.trim().replace(/_/g, "-");
}

/** Program-option modifiers (MySQL/MariaDB "option modifiers"). */
export type MysqlOptionModifier = "loose" | "skip" | "disable" | "enable" | "maximum";

export interface ResolvedMariadbdOption {
  /**
   * exact: a known option; prefix: an unambiguous prefix of one (mariadbd accepts it:
   * `key_buffer` = key-buffer-size); ambiguous: refused ("ambiguous option");
   * compat: hidden compatibility option, accepted with a warning; unknown: refused
   * ("unknown variable"), or only warned about when `loose-` is given.
   */
  readonly status: "exact" | "prefix" | "ambiguous" | "compat" | "unknown";
  /** Matching option names (dash spelling); two or more for `ambiguous`. */
  readonly matches: readonly string[];
  readonly modifiers: readonly MysqlOptionModifier[];
  /** The warning mariadbd prints for a compat option. */
  readonly warning: string | undefined;
}

/**
 * Options mariadbd 10.11 accepts although `--verbose --help` does not list them; each
 * was started for real (MARIADB_MYSQLD_PROBES) and prints the warning shown.
 */
export const MARIADBD_COMPAT_OPTIONS: ReadonlyMap<string, string> = new Map([
  ["default-authentication-plugin", "[Warning] 'default-authentication-plugin' is MySQL 5.6 / 5.7 compatible option. To be implemented in later versions."],
  ["innodb-large-prefix", "[Warning] 'innodb-large-prefix' was removed. It does nothing now and exists only for compatibility with old my.cnf files."],
  ["innodb-file-format", "[Warning] 'innodb-file-format' was removed. It does nothing now and exists only for compatibility with old my.cnf files."],
]);

const SORTED_OPTION_NAMES: readonly string[] = [...MARIADBD_OPTIONS.keys()].sort();

function prefixMatches(name: string): string[] {
  return SORTED_OPTION_NAMES.filter((o) => o.startsWith(name));
}

/** Resolve a [mysqld] key the way mariadbd's option parser does. */
export function resolveMariadbdOption(rawName: string): ResolvedMariadbdOption {
  let name = normalizeMysqlOptionName(rawName);
  const modifiers: MysqlOptionModifier[] = [];
  if (name.startsWith("loose-")) {
    modifiers.push("loose");
    name = name.slice("loose-".length);
  }
  const direct = (n: string): ResolvedMariadbdOption | undefined => {
    if (MARIADBD_OPTIONS.has(n)) return { status: "exact", matches: [n], modifiers, warning: undefined };
    const compat = MARIADBD_COMPAT_OPTIONS.get(n);
    if (compat !== undefined) return { status: "compat", matches: [n], modifiers, warning: compat };
    return undefined;
  };
  const exact = direct(name);
  if (exact) return exact;
  for (const m of ["skip", "disable", "enable", "maximum"] as const) {
    if (!name.startsWith(`${m}-`)) continue;
    const rest = name.slice(m.length + 1);
    const opt = MARIADBD_OPTIONS.get(rest);
    // skip-/disable-/enable- apply to boolean options only (`skip-mysqlx` is unknown)
    if (opt && (m === "maximum" || opt.kind === "bool" || opt.kind === "none" || opt.kind === "optional")) {
      return { status: "exact", matches: [rest], modifiers: [...modifiers, m], warning: undefined };
    }
  }
  const pref = prefixMatches(name);
  if (pref.length === 1) return { status: "prefix", matches: pref, modifiers, warning: undefined };
  if (pref.length > 1) return { status: "ambiguous", matches: pref, modifiers, warning: undefined };
  return { status: "unknown", matches: [], modifiers, warning: undefined };
}

/** Verbatim mariadbd messages (MariaDB 10.11, from MARIADB_MYSQLD_PROBES). */
export const MARIADB_MESSAGES = {
  unknownVariable: "[ERROR] mariadbd: unknown variable '{name}={value}'",
  unknownOption: "[ERROR] mariadbd: unknown option '--{name}'",
  looseUnknown: "[Warning] mariadbd: unknown variable 'loose-{name}={value}'",
  aborting: "[ERROR] Aborting",
  ambiguous: "[ERROR] mariadbd: ambiguous option '--{name}={value}' ({first}, {second})",
  badSetValue: "[ERROR] mariadbd: Error while setting value '{value}' to '{name}'",
  unknownCollation: "[ERROR] Unknown collation: '{collation}'",
  collationCharsetMismatch: "[ERROR] COLLATION '{collation}' is not valid for CHARACTER SET '{charset}'",
  secureFilePrivNull: "[Warning] Failed to normalize the argument for --secure-file-priv.",
  clientUnknownVariable: "{program}: unknown variable '{name}={value}'",
  clientUnknownOption: "{program}: unknown option '--{name}'",
} as const;

export type MysqlFlavor = "mysql-8.0" | "mysql-8.4" | "mysql-9" | "mariadb-10.11";

export interface MysqlDifference {
  /** my.cnf key (dash spelling) or `key=value` the row is about. */
  readonly setting: string;
  /** What each server does with it. "fatal" = refuses to start. */
  readonly behaviour: Readonly<Partial<Record<MysqlFlavor, string>>>;
  /** Where each claim comes from (URL, or "probe: LINE" for MARIADB_MYSQLD_PROBES / MARIADB_CLIENT_PROBES). */
  readonly sources: readonly string[];
}

const MYSQL_84_CHANGES = "https://dev.mysql.com/doc/mysqld-version-reference/en/optvar-changes-8-4.html";
const MYSQL_82_CHANGES = "https://dev.mysql.com/doc/mysqld-version-reference/en/optvar-changes-8-2.html";
const MYSQL_80_CHANGES = "https://dev.mysql.com/doc/mysqld-version-reference/en/optvar-changes-8-0.html";
const MYSQL_80_REMOVED = "https://dev.mysql.com/doc/refman/8.0/en/mysql-nutshell.html (Features Removed in MySQL 8.0; same text: https://docs.percona.com/percona-server/8.0/upgrade-changes-removed.html)";
const MYSQL_NATIVE_PW = "https://dev.mysql.com/doc/refman/8.4/en/native-pluggable-authentication.html";
const MYSQL_84_NUTSHELL = "https://dev.mysql.com/doc/refman/8.4/en/mysql-nutshell.html";

/**
 * MySQL-vs-MariaDB differences in my.cnf that break (or silently change) a server.
 * MariaDB behaviour is observed on mariadbd 10.11 (probes); MySQL behaviour is from
 * the MySQL reference manual pages listed (no MySQL server is packaged in Debian, so
 * MySQL claims are documentation facts, except where ground-truth.md observed them).
 */
export const MYSQL_MARIADB_DIFFERENCES: readonly MysqlDifference[] = [
  {
    setting: "default-authentication-plugin",
    behaviour: {
      "mysql-8.0": "valid (deprecated since 8.0.27)",
      "mysql-8.4": "fatal: removed in 8.4.0; mysqld aborts with unknown variable 'default-authentication-plugin=...' (ground-truth.md)",
      "mysql-9": "fatal: removed",
      "mariadb-10.11": "starts; [Warning] 'default-authentication-plugin' is MySQL 5.6 / 5.7 compatible option. To be implemented in later versions.",
    },
    sources: [MYSQL_84_CHANGES, "probe: default-authentication-plugin=mysql_native_password"],
  },
  {
    setting: "mysql_native_password (authentication plugin)",
    behaviour: {
      "mysql-8.0": "built in and enabled; deprecated since 8.0.34",
      "mysql-8.4": "disabled by default: accounts using it cannot log in unless mysql_native_password=ON is set in [mysqld]",
      "mysql-9": "removed in 9.0.0",
      "mariadb-10.11": "built in and always available; the MySQL 8.4 option mysql_native_password=ON is fatal: [ERROR] mariadbd: unknown variable 'mysql_native_password=ON'",
    },
    sources: [MYSQL_NATIVE_PW, MYSQL_84_NUTSHELL, "probe: mysql_native_password=ON"],
  },
  {
    setting: "secure-file-priv=NULL",
    behaviour: {
      "mysql-8.0": "valid: disables LOAD DATA / SELECT ... INTO OUTFILE / LOAD_FILE()",
      "mysql-8.4": "valid: disables import/export",
      "mysql-9": "valid: disables import/export",
      "mariadb-10.11": "fatal: exits after one line, [Warning] Failed to normalize the argument for --secure-file-priv. (no [ERROR], no Aborting); use an empty value or a directory",
    },
    sources: ["https://dev.mysql.com/doc/refman/8.4/en/server-system-variables.html#sysvar_secure_file_priv", "probe: secure-file-priv=NULL"],
  },
  {
    setting: "query_cache_type / query_cache_size / query_cache_limit / query_cache_min_res_unit / query_cache_wlock_invalidate",
    behaviour: {
      "mysql-8.0": "fatal: query cache removed in 8.0.3 (unknown variable)",
      "mysql-8.4": "fatal: removed",
      "mysql-9": "fatal: removed",
      "mariadb-10.11": "valid (query cache still exists, query_cache_type defaults to OFF)",
    },
    sources: [MYSQL_80_REMOVED, "https://dev.mysql.com/worklog/task/?id=10824", "probe: query_cache_type=1", "probe: query_cache_size=16M"],
  },
  {
    setting: "innodb_large_prefix / innodb_file_format",
    behaviour: {
      "mysql-8.0": "fatal: removed in 8.0.0 (with innodb_file_format_check, innodb_file_format_max)",
      "mysql-8.4": "fatal: removed",
      "mysql-9": "fatal: removed",
      "mariadb-10.11": "starts; [Warning] 'innodb-large-prefix' was removed. It does nothing now and exists only for compatibility with old my.cnf files.",
    },
    sources: [MYSQL_80_REMOVED, "https://www.alibabacloud.com/blog/New-in-MySQL-8-0---the-Vanishing-Parameters-Features_p68895 (WL#7704)", "probe: innodb_large_prefix=1", "probe: innodb_file_format=Barracuda"],
  },
  {
    setting: "sql_mode=...NO_AUTO_CREATE_USER...",
    behaviour: {
      "mysql-8.0": "fatal: the mode was removed in 8.0; its presence in an option file prevents mysqld from starting",
      "mysql-8.4": "fatal",
      "mysql-9": "fatal",
      "mariadb-10.11": "valid sql_mode value (an unknown mode is fatal: [ERROR] mariadbd: Error while setting value 'NO_SUCH_MODE' to 'sql_mode')",
    },
    sources: [MYSQL_80_REMOVED, "probe: sql_mode=NO_AUTO_CREATE_USER,STRICT_TRANS_TABLES", "probe: sql_mode=NO_SUCH_MODE"],
  },
  {
    setting: "expire_logs_days",
    behaviour: {
      "mysql-8.0": "deprecated since 8.0.3 (use binlog_expire_logs_seconds)",
      "mysql-8.4": "fatal: removed in 8.2.0",
      "mysql-9": "fatal: removed",
      "mariadb-10.11": "valid ([Warning] You need to use --log-bin to make --expire-logs-days or --binlog-expire-logs-seconds work. when binary logging is off)",
    },
    sources: [MYSQL_80_CHANGES, MYSQL_82_CHANGES, "probe: expire_logs_days=7"],
  },
  {
    setting: "tx_isolation",
    behaviour: {
      "mysql-8.0": "fatal: removed in 8.0.3 (use transaction_isolation)",
      "mysql-8.4": "fatal: removed",
      "mysql-9": "fatal: removed",
      "mariadb-10.11": "fatal: [ERROR] mariadbd: unknown variable 'tx_isolation=READ-COMMITTED' (use transaction-isolation)",
    },
    sources: [MYSQL_80_CHANGES, "probe: tx_isolation=READ-COMMITTED"],
  },
  {
    setting: "log-warnings",
    behaviour: {
      "mysql-8.0": "fatal: removed in 8.0.3 (use log_error_verbosity)",
      "mysql-8.4": "fatal: removed",
      "mysql-9": "fatal: removed",
      "mariadb-10.11": "valid",
    },
    sources: [MYSQL_80_CHANGES, "probe: log-warnings=2"],
  },
  {
    setting: "log_error_verbosity / innodb_dedicated_server / authentication_policy / mysqlx*",
    behaviour: {
      "mysql-8.0": "valid",
      "mysql-8.4": "valid",
      "mysql-9": "valid",
      "mariadb-10.11": "fatal: [ERROR] mariadbd: unknown variable '...' then [ERROR] Aborting (with a loose- prefix: only a [Warning])",
    },
    sources: [MYSQL_80_CHANGES, "probe: log_error_verbosity=3", "probe: innodb_dedicated_server=ON", "probe: authentication_policy=mysql_native_password", "probe: mysqlx=0", "probe: loose-mysqlx-bind-address=127.0.0.1"],
  },
  {
    setting: "collation-server=utf8mb4_0900_ai_ci",
    behaviour: {
      "mysql-8.0": "valid (the default collation of utf8mb4 since 8.0)",
      "mysql-8.4": "valid",
      "mysql-9": "valid",
      "mariadb-10.11": "fatal: [ERROR] Unknown collation: 'utf8mb4_0900_ai_ci' then [ERROR] Aborting",
    },
    sources: ["https://dev.mysql.com/doc/refman/8.0/en/charset-unicode-sets.html", "probe: character-set-server=utf8mb4\ncollation-server=utf8mb4_0900_ai_ci"],
  },
  {
    setting: "collation-server without character-set-server",
    behaviour: {
      "mysql-8.0": "server character set defaults to utf8mb4",
      "mariadb-10.11": "server character set defaults to latin1 (no option file): collation-server=utf8mb4_unicode_ci alone is fatal: [ERROR] COLLATION 'utf8mb4_unicode_ci' is not valid for CHARACTER SET 'latin1'",
    },
    sources: ["https://dev.mysql.com/doc/refman/8.0/en/charset-server.html", "probe: collation-server=utf8mb4_unicode_ci"],
  },
  {
    setting: "[client] ssl-mode / get-server-public-key",
    behaviour: {
      "mysql-8.0": "valid client options",
      "mariadb-10.11": "every MariaDB client refuses them: mariadb: unknown variable 'ssl-mode=DISABLED' / unknown option '--get-server-public-key' (use ssl=0 / skip-ssl)",
    },
    sources: ["https://dev.mysql.com/doc/refman/8.0/en/connection-options.html", "probe: ssl-mode=DISABLED", "probe: get-server-public-key"],
  },
];
