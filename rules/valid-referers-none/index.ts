import { defineRule } from "../../src/engine/rule.js";
import { nginxTree } from "../../src/parsers/nginx/tree.js";

export default defineRule({
  meta: {
    id: "valid-referers-none",
    description: "`valid_referers none`: requests without a Referer pass the check, and any page can make a browser omit it",
    severity: "warning",
    category: "security",
    files: ["nginx"],
    messages: {
      none:
        "`valid_referers none` accepts every request without a Referer header, and any site can make a browser send none (`<meta name=\"referrer\" content=\"no-referrer\">`, https→http links): the referer check protects nothing against hotlinking or cross-site requests; remove `none` (keep `blocked` only if you need it)",
    },
    fixable: false,
  },
  check({ project, report }) {
    for (const file of project.filesOf("nginx")) {
      for (const d of nginxTree(file.ast).named("valid_referers")) {
        const none = d.args.find((a) => a.value === "none");
        if (none) report({ messageId: "none", at: { file: file.source, start: none.start, end: none.end } });
      }
    }
  },
});
