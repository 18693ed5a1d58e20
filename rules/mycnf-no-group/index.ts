import { defineRule, type RelatedDescriptor } from "../../src/engine/rule.js";
import { containerPathOf } from "../../src/model/container-fs.js";
import { mysqlServerVersion } from "../../src/model/image/versions.js";
import type { ProjectFile } from "../../src/project/project.js";

/** Option files the servers and clients open themselves; everything else is reached through `!includedir`. */
const TOP_LEVEL = new Set(["/etc/my.cnf", "/etc/mysql/my.cnf", "/etc/mysql/mariadb.cnf"]);

interface Use {
  paths: string[];
  /** Every reading service runs MariaDB (whose handling of included files was checked). */
  mariadbOnly: boolean;
  related: RelatedDescriptor[];
}

export default defineRule({
  meta: {
    id: "mycnf-no-group",
    description: "options before the first [group] header of a my.cnf: mysqld and the clients abort, or (MariaDB) skip the whole file when it is included",
    severity: "error",
    category: "mysql",
    files: ["mysql", "compose", "dockerfile"],
    messages: {
      topLevel:
        "`{{key}}` comes before any [group] header: every MySQL/MariaDB program that reads this file stops at once (MariaDB: \"error: Found option without preceding group in config file: {{path}} at line: {{line}}\", \"Fatal error in defaults handling. Program aborted\"), so the server does not start; put the option under [mysqld] (or [client])",
      included:
        "`{{key}}` comes before any [group] header of a file mariadbd reads through `!includedir` ({{path}}): it prints \"error: Found option without preceding group in config file: {{path}} at line: {{line}}\" and ignores the whole file, so none of its settings apply; put the option under [mysqld] (or [client])",
      includedOther:
        "`{{key}}` comes before any [group] header of a file the server reads through `!includedir` ({{path}}): the option parser rejects it (\"Found option without preceding group in config file: {{path}} at line: {{line}}\"); MariaDB then ignores the whole file, MySQL may refuse to start; put the option under [mysqld] (or [client])",
      service: "container \"{{service}}\" reads it as {{path}}",
    },
    fixable: false,
  },
  check({ project, model, report }) {
    const uses = new Map<ProjectFile, Use>();
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        for (const f of service.configFiles) {
          if (f.kind !== "mysql") continue;
          const path = containerPathOf(project, service, f.source.path);
          if (!path) continue;
          const use = uses.get(f) ?? { paths: [], mariadbOnly: true, related: [] };
          use.paths.push(path);
          if (mysqlServerVersion(service.image ?? service.build?.image?.base)?.product !== "mariadb") use.mariadbOnly = false;
          use.related.push({ at: service.loc, messageId: "service", data: { service: service.name, path } });
          uses.set(f, use);
        }
      }
    }
    for (const file of project.filesOf("mysql")) {
      const first = file.ast.preamble[0];
      if (!first) continue;
      const use = uses.get(file);
      // `.cnf` is also OpenSSL's extension (openssl.cnf starts with `HOME = .` before any section)
      if (!use && !looksLikeMysqlOptionFile(file)) continue;
      // Only an included file is skipped; a file the program opens itself (or an unknown use) is fatal.
      const includedOnly = use !== undefined && use.paths.every((p) => !TOP_LEVEL.has(p));
      const line = file.source.text.slice(0, first.start).split("\n").length;
      const path = use?.paths[0] ?? project.display(file.source.path);
      report({
        messageId: includedOnly ? (use.mariadbOnly ? "included" : "includedOther") : "topLevel",
        at: { file: file.source, start: first.keyRange.start, end: first.end },
        related: use?.related ?? [],
        data: { key: first.key, path, line },
      });
    }
  },
});

/** Group names MySQL/MariaDB programs read; one of them marks a file as a MySQL option file. */
const MYSQL_GROUP = /^(mysqld?(-[\w.]+)?|mysqld_safe|mysqld_multi|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mysqlhotcopy|mariadb(d)?(-[\w.]+)?|mariadb-client|mariadb-dump|mariadb-admin|client(-server|-mariadb)?|server|galera|embedded|isamchk|myisamchk|myisampack)$/i;

function looksLikeMysqlOptionFile(file: ProjectFile<"mysql">): boolean {
  const name = file.source.path.split("/").pop()?.toLowerCase() ?? "";
  if (name === "my.cnf" || name.startsWith("mysql") || name.startsWith("mariadb")) return true;
  return file.ast.sections.some((s) => MYSQL_GROUP.test(s.name.trim()));
}
