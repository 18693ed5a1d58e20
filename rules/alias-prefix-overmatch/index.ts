import { defineRule } from "../../src/engine/rule.js";
import { locationMatch, nginxTree } from "../../src/parsers/nginx/tree.js";

export default defineRule({
  meta: {
    id: "alias-prefix-overmatch",
    description: "prefix `location /static { alias /x/static; }` without trailing slashes also serves `/static_backup/...` from `/x/static_backup/`",
    severity: "warning",
    category: "nginx",
    files: ["nginx"],
    messages: {
      overmatch:
        "`location {{path}}` matches every URI that starts with `{{path}}`, and nginx replaces that prefix with `{{alias}}`: `{{path}}_backup/x` is served from `{{alias}}_backup/x`, so sibling directories next to the alias whose names start the same way are public; end both with a slash (`location {{path}}/ { alias {{alias}}/; }`)",
      alias: "the prefix is replaced by this alias",
    },
    fixable: false,
  },
  check({ project, report }) {
    for (const file of project.filesOf("nginx")) {
      const tree = nginxTree(file.ast);
      if (tree.named("alias").length === 0) continue; // no alias, nothing to judge
      for (const d of tree.named("location")) {
        const loc = locationMatch(d);
        if (!loc || (loc.modifier !== "" && loc.modifier !== "^~") || loc.path.endsWith("/") || loc.path.includes("$")) continue;
        // `location /favicon.ico { alias /x/favicon.ico; }`: a file, nothing next to it is reachable by accident
        const lastSegment = loc.path.slice(loc.path.lastIndexOf("/") + 1);
        if (lastSegment.includes(".")) continue;
        const alias = (d.block ?? []).find((c) => c.name === "alias");
        const target = alias?.args[0];
        if (!alias || !target || target.value.endsWith("/") || target.value.includes("$") || target.value === "") continue;
        // an alias to a file (`alias /x/robots.txt`): longer URIs map to names that do not exist
        if (target.value.slice(target.value.lastIndexOf("/") + 1).includes(".")) continue;
        report({
          messageId: "overmatch",
          at: { file: file.source, start: loc.pathArg.start, end: loc.pathArg.end },
          related: [{ at: { file: file.source, start: target.start, end: target.end }, messageId: "alias" }],
          data: { path: loc.path, alias: target.value },
        });
      }
    }
  },
});
