import { defineRule, type Fix, type RelatedDescriptor } from "../../src/engine/rule.js";
import { lineRange, positionAt } from "../../src/source/source-file.js";
import { flagOn, lastSetting, mainUwsgi } from "../uwsgi-no-master/uwsgi-settings.js";

export default defineRule({
  meta: {
    id: "uwsgi-die-on-term",
    description: "uWSGI 2.0 master as a container's main process without `die-on-term`: SIGTERM from `docker stop` reloads it instead of stopping, docker waits 10 s and kills it",
    severity: "warning",
    category: "uwsgi",
    files: ["uwsgi", "dockerfile", "compose", "shell"],
    messages: {
      reload:
        "uWSGI 2.0's master treats SIGTERM as \"reload\", not \"stop\": `docker stop` on container \"{{service}}\" makes it log \"...brutally killing workers...\" and \"binary reloading uWSGI...\" and start again, so docker waits 10 s and kills it with SIGKILL (no graceful shutdown, requests in flight are cut off); add `die-on-term = true`",
      command: "uWSGI is started here",
    },
    fixable: true,
  },
  check({ project, model, report }) {
    for (const { service, node, config } of mainUwsgi(project, model.stacks)) {
      const master = lastSetting(config, ["master", "M"]);
      if (!flagOn(master) || !master) continue;
      if (flagOn(lastSetting(config, ["die-on-term"]))) continue;
      // the documented alternative: hook-master-start = unix_signal:15 gracefully_kill_them_all
      if (config.settings.some((s) => s.key.startsWith("hook-") && /unix_signal:15\b/.test(s.raw))) continue;
      const related: RelatedDescriptor[] = master.source === "ini" ? [{ at: node.loc, messageId: "command" }] : [];
      let fix: Fix | undefined;
      if (master.source === "ini" && master.entry) {
        const file = master.loc.file;
        const line = lineRange(file, positionAt(file, master.entry.start).line);
        const indent = /^[ \t]*/.exec(file.text.slice(line.start, line.end))?.[0] ?? "";
        const eol = file.lineEndings === "crlf" ? "\r\n" : "\n";
        // insert after the master line (its terminator included)
        const after = file.text.indexOf("\n", line.end);
        const at = after < 0 ? file.text.length : after + 1;
        const prefix = after < 0 ? eol : "";
        fix = { safe: true, edits: [{ file, start: at, end: at, text: `${prefix}${indent}die-on-term = true${eol}` }] };
      }
      report({ messageId: "reload", at: master.loc, related, data: { service: service.name }, ...(fix ? { fix } : {}) });
    }
  },
});
