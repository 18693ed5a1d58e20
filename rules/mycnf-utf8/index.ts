import { defineRule, fixed, type TextEdit } from "../../src/engine/rule.js";
import { normalizeMysqlOptionName } from "../../src/knowledge/mysql-options.js";
import type { IniEntry } from "../../src/parsers/ini/ast.js";
import type { ProjectFile } from "../../src/project/project.js";

/** Options whose value is a character set name (dash spelling, `loose-` removed). */
const CHARSET_OPTIONS = new Set([
  "character-set-server", "default-character-set", "character-set-client", "character-set-connection",
  "character-set-results", "character-set-database", "character-set-system", "character-set-filesystem",
]);
/** Options whose value is a collation name. */
const COLLATION_OPTIONS = new Set(["collation-server", "collation-connection", "collation-database", "default-collation"]);
/** utf8mb3 collations whose utf8mb4 twin exists in MySQL 5.7+/8.x and MariaDB 10.11 (checked on mariadbd). */
const COLLATION_TWINS = new Set(["general_ci", "unicode_ci", "bin", "unicode_520_ci"]);

export default defineRule({
  meta: {
    id: "mycnf-utf8",
    description: "`utf8`/`utf8mb3` character set or collation in my.cnf: 3-byte UTF-8 that cannot store emoji and other 4-byte characters; use utf8mb4",
    severity: "info",
    category: "mysql",
    files: ["mysql", "compose"],
    messages: {
      charset:
        "`{{key}}={{value}}` is MySQL's 3-byte `utf8mb3`, not real UTF-8: 4-byte characters (emoji, some CJK) are refused (MariaDB 10.11: `@@character_set_server` reads `utf8mb3`, and inserting '😀' fails with \"ERROR 1366 (22007): Incorrect string value: '\\xF0\\x9F\\x98\\x80'\"); use `utf8mb4`{{note}}",
      collation:
        "`{{key}}={{value}}` is a collation of the 3-byte `utf8mb3` character set, which refuses 4-byte characters (emoji); use `{{replacement}}`{{note}}",
    },
    fixable: true,
  },
  check({ project, model, report }) {
    // A collation set on a command line (compose `command: --collation-server=utf8_general_ci`)
    // would no longer match a character set changed here: no automatic fix for such files.
    const pinned = new Set<ProjectFile>();
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        // `command: --character-set-server=...` (the image's entrypoint passes flags to mysqld)
        const argv = [...(service.main?.argv ?? []), ...(service.command?.argv.map((v) => v.text) ?? [])].flatMap((a) => a.split(/\s+/));
        if (!argv.some((a) => /^--(collation|character)[-_](set[-_])?server/i.test(a))) continue;
        for (const f of service.configFiles) if (f.kind === "mysql") pinned.add(f);
      }
    }
    // A utf8 collation without a utf8mb4 twin stays as it is, so the character set must too.
    for (const file of project.filesOf("mysql")) if (hasUnfixableCollation(file)) pinned.add(file);
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        const files = service.configFiles.filter((f): f is ProjectFile<"mysql"> => f.kind === "mysql");
        if (files.some((f) => pinned.has(f))) for (const f of files) pinned.add(f);
      }
    }
    for (const file of project.filesOf("mysql")) {
      const entries: IniEntry[] = [...file.ast.preamble, ...file.ast.sections.flatMap((s) => s.entries)];
      for (const e of entries) {
        if (!e.hasEquals) continue;
        const key = normalizeMysqlOptionName(e.key.toLowerCase()).replace(/^loose-/, "");
        const raw = file.source.text.slice(e.valueRange.start, e.valueRange.end);
        // the value as written, without the quotes my.cnf allows around it
        const m = /^(["']?)([^"']*)\1$/.exec(raw);
        if (!m) continue;
        const value = m[2]!;
        const valueStart = e.valueRange.start + m[1]!.length;
        const at = { file: file.source, start: valueStart, end: valueStart + value.length };
        // the server's character set and collation must stay a pair (collation-server is refused for another set)
        const canFix = (key !== "character-set-server" && key !== "collation-server") || !pinned.has(file);
        if (CHARSET_OPTIONS.has(key) && /^utf8(mb3)?$/i.test(value)) {
          const edit: TextEdit = { file: file.source, start: at.start, end: at.end, text: "utf8mb4" };
          report({
            messageId: "charset",
            at,
            data: { key: e.key, value, note: canFix ? fixed("") : fixed(" (together with the collation set elsewhere for this server, which must belong to the same character set)", "（连同这个服务器在别处设置的排序规则一起修改，两者必须属于同一个字符集）") },
            ...(canFix ? { fix: { safe: true, edits: [edit] } } : {}),
          });
        } else if (COLLATION_OPTIONS.has(key)) {
          const c = /^utf8(?:mb3)?_(\w+)$/i.exec(value);
          if (!c) continue;
          const twin = c[1]!.toLowerCase();
          const replacement = `utf8mb4_${c[1]!}`;
          const fixable = canFix && COLLATION_TWINS.has(twin);
          report({
            messageId: "collation",
            at,
            data: { key: e.key, value, replacement, note: fixable ? fixed("") : fixed(" (check that it exists for utf8mb4 on this server, and change the character set with it)", "（请确认这个服务器上有对应的 utf8mb4 排序规则，并同时修改字符集）") },
            ...(fixable ? { fix: { safe: true, edits: [{ file: file.source, start: at.start, end: at.end, text: replacement }] } } : {}),
          });
        }
      }
    }
  },
});

function hasUnfixableCollation(file: ProjectFile<"mysql">): boolean {
  for (const e of [...file.ast.preamble, ...file.ast.sections.flatMap((s) => s.entries)]) {
    const key = normalizeMysqlOptionName(e.key.toLowerCase()).replace(/^loose-/, "");
    if (key !== "collation-server") continue;
    const c = /^["']?utf8(?:mb3)?_(\w+)["']?$/i.exec(e.value.trim());
    if (c && !COLLATION_TWINS.has(c[1]!.toLowerCase())) return true;
  }
  return false;
}
