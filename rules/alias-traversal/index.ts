import { defineRule } from "../../src/engine/rule.js";
import { locationMatch, nginxTree } from "../../src/parsers/nginx/tree.js";

export default defineRule({
  meta: {
    id: "alias-traversal",
    description: "prefix `location` without a trailing slash whose `alias` ends with `/`: `/static../` reads the parent directory (path traversal)",
    severity: "error",
    category: "security",
    files: ["nginx"],
    messages: {
      traversal:
        "`location {{path}}` has no trailing slash but its alias `{{alias}}` ends with `/`: a request for `{{path}}../secret` is served from `{{alias}}../secret`, i.e. from the directory above the alias (path traversal); write `location {{path}}/` so location and alias both end with `/`",
      alias: "the alias that ends with `/`",
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
        const alias = (d.block ?? []).find((c) => c.name === "alias");
        const target = alias?.args[0];
        if (!alias || !target || !target.value.endsWith("/") || target.value.includes("$")) continue;
        report({
          messageId: "traversal",
          at: { file: file.source, start: loc.pathArg.start, end: loc.pathArg.end },
          related: [{ at: { file: file.source, start: target.start, end: target.end }, messageId: "alias" }],
          data: { path: loc.path, alias: target.value },
        });
      }
    }
  },
});
