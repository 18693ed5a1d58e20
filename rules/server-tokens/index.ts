import { defineRule } from "../../src/engine/rule.js";
import { nginxTree } from "../../src/parsers/nginx/tree.js";

export default defineRule({
  meta: {
    id: "server-tokens",
    description: "`server_tokens on`: every response and error page names the exact nginx version",
    severity: "info",
    category: "security",
    files: ["nginx"],
    messages: {
      on: "`server_tokens {{value}}` sends the exact nginx version in the `Server` header and on every error page (\"nginx/1.22.1\"), which tells scanners which known vulnerabilities to try; set `server_tokens off;`",
    },
    fixable: true,
  },
  check({ project, report }) {
    for (const file of project.filesOf("nginx")) {
      for (const d of nginxTree(file.ast).named("server_tokens")) {
        const arg = d.args[0];
        if (!arg || (arg.value !== "on" && arg.value !== "build")) continue;
        report({
          messageId: "on",
          at: { file: file.source, start: arg.start, end: arg.end },
          data: { value: arg.value },
          fix: { safe: true, edits: [{ file: file.source, start: arg.start, end: arg.end, text: "off" }] },
        });
      }
    }
  },
});
