import { defineRule } from "../../src/engine/rule.js";

export default defineRule({
  meta: {
    id: "maintainer-deprecated",
    description: "MAINTAINER is deprecated: use `LABEL maintainer=\"...\"`",
    severity: "info",
    category: "dockerfile",
    files: ["dockerfile"],
    messages: {
      maintainer:
        "`MAINTAINER` is deprecated (BuildKit warns \"MAINTAINER instruction is deprecated in favor of using label\"): it only fills the image's legacy Author field; use `LABEL maintainer=\"{{value}}\"` (or the OCI label `org.opencontainers.image.authors`)",
    },
    fixable: true,
  },
  check({ project, report }) {
    for (const file of project.filesOf("dockerfile")) {
      const esc = file.ast.escapeChar;
      for (const stage of file.ast.stages) {
        // a second maintainer label would only shadow the first one: leave the edit to the author
        const hasLabel = stage.instructions.some((i) => i.keyword === "LABEL" && /(?:^|\s)["']?maintainer["']?=/i.test(i.args));
        for (const instr of stage.instructions) {
          if (instr.keyword !== "MAINTAINER") continue;
          const value = instr.args.trim();
          if (!value) continue;
          const at = { file: file.source, start: instr.keywordRange.start, end: instr.keywordRange.end };
          const safe = !hasLabel && instr.startLine === instr.endLine && instr.heredocs.length === 0;
          // inside "..." BuildKit unescapes `esc"`, `esc$` and `esc esc`; MAINTAINER itself expands nothing
          const quoted = value.replace(/[\\`"$]/g, (c) => (c === esc || c === '"' || c === "$" ? esc + c : c));
          report({
            messageId: "maintainer",
            data: { value },
            at,
            ...(safe ? { fix: { safe: true, edits: [{ file: file.source, start: instr.keywordRange.start, end: instr.argsRange.end, text: `LABEL maintainer="${quoted}"` }] } } : {}),
          });
        }
      }
    }
  },
});
