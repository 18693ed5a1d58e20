import { defineRule, fixed } from "../../src/engine/rule.js";
import { closestName } from "../../src/knowledge/closest-name.js";
import { SUPERVISOR_KEYS, isKnownSupervisorKey, supervisorSectionType } from "../../src/knowledge/supervisor-options.js";

export default defineRule({
  meta: {
    id: "supervisor-unknown-key",
    description: "a key supervisor does not read in that section (`stdout=` instead of `stdout_logfile=`): silently ignored",
    severity: "error",
    category: "supervisor",
    files: ["supervisor"],
    messages: {
      unknownKey:
        "`{{key}}` is not a [{{kind}}] option{{suggestion}}: supervisor ignores unknown keys without a word, so this setting has no effect",
      unknownSection:
        "[{{section}}] is not a section supervisor reads (expected e.g. [program:name], [group:name], [supervisord]): everything in it is ignored",
    },
    fixable: false,
  },
  check({ project, report }) {
    for (const file of project.filesOf("supervisor")) {
      for (const section of file.ast.sections) {
        const kind = supervisorSectionType(section.name);
        if (!kind) {
          report({ messageId: "unknownSection", severity: "warning", at: { file: file.source, start: section.headerRange.start, end: section.headerRange.end }, data: { section: section.name } });
          continue;
        }
        for (const e of section.entries) {
          // configparser lower-cases option names before supervisor reads them
          if (isKnownSupervisorKey(kind, e.key.toLowerCase())) continue;
          const close = closestName(e.key.toLowerCase(), SUPERVISOR_KEYS[kind]) ?? (e.key.toLowerCase() === "stdout" ? "stdout_logfile" : e.key.toLowerCase() === "stderr" ? "stderr_logfile" : undefined);
          report({
            messageId: "unknownKey",
            at: { file: file.source, start: e.keyRange.start, end: e.keyRange.end },
            data: { key: e.key, kind, suggestion: close ? fixed(` (did you mean \`${close}\`?)`, `（是不是想写 \`${close}\`？）`) : fixed("") },
          });
        }
      }
    }
  },
});
