import { defineRule, type Rule } from "../../src/engine/rule.js";
import { positionAt } from "../../src/source/source-file.js";

/**
 * CMD and ENTRYPOINT behave the same way: Docker keeps only the last one of a
 * stage. One rule definition per keyword, one check.
 */
export function lastOneCounts(keyword: "CMD" | "ENTRYPOINT"): Rule {
  return defineRule({
    meta: {
      id: keyword === "CMD" ? "multiple-cmd" : "multiple-entrypoint",
      description: `several ${keyword} instructions in one stage: only the last one counts`,
      severity: "warning",
      category: "dockerfile",
      files: ["dockerfile"],
      messages: {
        ignored: `this ${keyword} is overridden by the ${keyword} on line {{line}} of the same stage and never runs: Docker keeps only the last one; remove it (to run several programs, use one start script or a process manager)`,
        last: `the ${keyword} that counts`,
      },
      fixable: false,
    },
    check({ project, report }) {
      for (const file of project.filesOf("dockerfile")) {
        for (const stage of file.ast.stages) {
          const all = stage.instructions.filter((i) => i.keyword === keyword);
          const last = all.at(-1);
          if (!last) continue;
          for (const instr of all.slice(0, -1)) {
            report({
              messageId: "ignored",
              data: { line: positionAt(file.source, last.keywordRange.start).line },
              at: { file: file.source, start: instr.keywordRange.start, end: instr.keywordRange.end },
              related: [{ messageId: "last", at: { file: file.source, start: last.keywordRange.start, end: last.keywordRange.end } }],
            });
          }
        }
      }
    },
  });
}
