import { defineRule, fixed } from "../../src/engine/rule.js";
import { nginxArgCountOk, nginxDirectiveIn } from "../../src/knowledge/nginx-directives.js";
import { forEachPlaced } from "../../src/model/nginx-contexts.js";

export default defineRule({
  meta: {
    id: "nginx-arg-count",
    description: "a directive with a wrong number of arguments, or an on/off directive with another value",
    severity: "error",
    category: "nginx",
    files: ["nginx"],
    messages: {
      count: "`{{name}}` takes {{expected}} argument(s), not {{count}}: nginx refuses to start with \"[emerg] invalid number of arguments in \"{{name}}\" directive\"{{hint}}",
      flag: "`{{name}} {{value}}`: nginx refuses to start with \"[emerg] invalid value \"{{value}}\" in \"{{name}}\" directive, it must be \"on\" or \"off\"\"",
    },
    fixable: false,
  },
  check({ model, project, report }) {
    forEachPlaced(project, model.stacks, (d, context, placed) => {
      if (d.name === "if" || d.semicolon === undefined && !d.block) return;
      const defs = nginxDirectiveIn(d.name, context);
      if (defs.length === 0) return;
      const n = d.args.length;
      // asked for every directive of every file: plain loops, no closure per directive
      let countOk = false;
      let allFlags = true;
      for (const x of defs) {
        if (nginxArgCountOk(x.args, n)) countOk = true;
        if (!x.args.flag) allFlags = false;
      }
      if (countOk) {
        const flag = allFlags ? d.args[0] : undefined;
        if (flag && !/^(on|off)$/i.test(flag.value) && !flag.value.includes("$")) {
          report({ messageId: "flag", at: { file: placed.file.source, start: flag.start, end: flag.end }, data: { name: d.name, value: flag.value } });
        }
        return;
      }
      const spec = defs[0]!.args;
      const expected =
        spec.counts ? fixed(spec.counts.join(" or "), spec.counts.join(" 或 "))
        : spec.max === undefined ? fixed(`at least ${spec.min}`, `至少 ${spec.min}`)
        : spec.min === spec.max ? fixed(String(spec.min))
        : fixed(`${spec.min} to ${spec.max}`, `${spec.min} 到 ${spec.max}`);
      // a joined next line (missing `;`) is the parser's finding already
      const hint =
        n > (spec.max ?? Infinity) && d.args.some((a) => /^[a-z_]+$/.test(a.value) && a.start > d.nameRange.end && d.args.indexOf(a) > 0)
          ? fixed(" (a `;` missing at the end of the line?)", "（是不是行尾少了 `;`？）")
          : fixed("");
      report({ messageId: "count", at: { file: placed.file.source, start: d.nameRange.start, end: d.nameRange.end }, data: { name: d.name, expected, count: n, hint } });
    });
  },
});
