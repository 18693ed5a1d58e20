import { defineRule, fixed, type RelatedDescriptor } from "../../src/engine/rule.js";
import type { Loc } from "../../src/model/types.js";
import { flagOn, lastSetting, mainUwsgi } from "./uwsgi-settings.js";

export default defineRule({
  meta: {
    id: "uwsgi-no-master",
    description: "uWSGI is a container's main process without `master = true`: nothing respawns a worker that dies, so one crash or harakiri ends the container",
    severity: "warning",
    category: "uwsgi",
    files: ["uwsgi", "dockerfile", "compose", "shell"],
    messages: {
      noMaster:
        "uWSGI runs container \"{{service}}\" without its master process{{how}} (it logs \"*** WARNING: you are running uWSGI without its master process manager ***\"): nothing respawns a worker, so a crash, an OOM kill or {{harakiri}} ends uWSGI and the container (\"*** if you want your workers to be automatically respawned consider enabling the uWSGI master process ***\"); set `master = true`, with `die-on-term = true` so `docker stop` still stops it",
      command: "uWSGI is started here",
    },
    fixable: false,
  },
  check({ project, model, report }) {
    for (const { service, node, config } of mainUwsgi(project, model.stacks)) {
      const master = lastSetting(config, ["master", "M"]);
      if (flagOn(master)) continue;
      const harakiri = lastSetting(config, ["harakiri"]);
      const section = config.ini?.ast.sections.find((s) => s.name === "uwsgi");
      const at: Loc = master?.source === "ini" ? master.loc : section && config.ini ? { file: config.ini.source, start: section.headerRange.start, end: section.headerRange.end } : node.loc;
      const related: RelatedDescriptor[] = at === node.loc ? [] : [{ at: node.loc, messageId: "command" }];
      report({
        messageId: "noMaster",
        at,
        related,
        data: {
          service: service.name,
          how: master ? fixed(` (\`${master.key} = ${master.raw}\`)`, `（\`${master.key} = ${master.raw}\`）`) : fixed(""),
          harakiri: harakiri
            ? fixed(`\`harakiri = ${harakiri.raw}\` killing a slow request`, ` \`harakiri = ${harakiri.raw}\` 杀掉一个慢请求`)
            : fixed("a `harakiri` kill", "一次 `harakiri` 超时杀死"),
        },
      });
    }
  },
});
