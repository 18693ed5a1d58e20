import { defineRule, fixed } from "../../src/engine/rule.js";
import { deref, mapGet, nodeRange, scalarText } from "../../src/parsers/compose/parse.js";
import type { Loc } from "../../src/model/types.js";

export default defineRule({
  meta: {
    id: "container-name-with-scale",
    description: "`container_name` on a service with `deploy.replicas` or `scale` above 1: container names must be unique",
    severity: "warning",
    category: "compose",
    files: ["compose"],
    messages: {
      scaled:
        "service \"{{service}}\" sets `container_name: {{name}}` and asks for {{count}} containers ({{key}}): a container name must be unique, so docker compose refuses the project (`services.deploy.replicas: can't set container_name and {{service}} as container name must be unique: invalid compose project`); remove `container_name` (other services reach it by its service name anyway) or run one replica",
      count: "{{count}} containers asked for here",
    },
    fixable: false,
  },
  check({ model, report }) {
    const done = new Set<string>();
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        const name = service.containerName;
        if (service.origin !== "compose" || !name || name.unknown) continue;
        // the last file of the configuration that sets it wins, as in a merge
        let count: { n: number; key: string; loc: Loc } | undefined;
        for (const file of stack.composeFiles) {
          const { doc, root } = file.ast;
          const servicePair = mapGet(doc, mapGet(doc, root, "services")?.value, service.name);
          if (!servicePair) continue;
          const deploy = mapGet(doc, servicePair.value, "deploy");
          for (const [key, pair] of [["scale", mapGet(doc, servicePair.value, "scale")], ["deploy.replicas", deploy ? mapGet(doc, deploy.value, "replicas") : undefined]] as const) {
            if (!pair) continue;
            const text = scalarText(doc, pair.value);
            const r = nodeRange(deref(doc, pair.value));
            if (text === undefined || !r || !/^\d+$/.test(text.trim())) {
              count = undefined; // `${REPLICAS:-1}`: not known
              continue;
            }
            count = { n: Number(text), key, loc: { file: file.source, start: r.start, end: r.end } };
          }
        }
        if (!count || count.n <= 1) continue;
        const id = `${name.loc.file.path}\0${name.loc.start}\0${count.loc.file.path}\0${count.loc.start}`;
        if (done.has(id)) continue;
        done.add(id);
        report({
          messageId: "scaled",
          at: name.loc,
          data: { service: service.name, name: name.text, count: count.n, key: fixed(`\`${count.key}: ${count.n}\``) },
          related: [{ at: count.loc, messageId: "count", data: { count: count.n } }],
        });
      }
    }
  },
});
