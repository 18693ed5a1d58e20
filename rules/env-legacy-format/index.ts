import { defineRule } from "../../src/engine/rule.js";

export default defineRule({
  meta: {
    id: "env-legacy-format",
    description: "`ENV key value`: the legacy whitespace-separated ENV form",
    severity: "info",
    category: "dockerfile",
    files: ["dockerfile"],
    messages: {
      legacy:
        "`ENV {{key}} ...` is the legacy form (BuildKit warns \"'ENV key=value' should be used instead of legacy 'ENV key value' format\"): it sets one variable to the whole rest of the line, so `ENV A 1 B 2` sets A to `1 B 2`; write `ENV {{key}}=...`",
    },
    fixable: true,
  },
  check({ project, report }) {
    for (const file of project.filesOf("dockerfile")) {
      const esc = file.ast.escapeChar;
      for (const instr of file.ast.instructions) {
        if (instr.keyword !== "ENV") continue;
        const text = instr.args.trim();
        const key = /^\S+/.exec(text)?.[0];
        // `ENV A=1`: the current form; `ENV A` alone is a parse error, reported elsewhere
        if (!key || key.includes("=") || key.length === text.length) continue;
        const keyStart = instr.argsRange.start + instr.args.indexOf(text);
        const at = { file: file.source, start: keyStart, end: keyStart + key.length };
        const sourceText = file.source.text.slice(keyStart, keyStart + text.length);
        const value = sourceText.slice(key.length).replace(/^[\t\v\f\r ]+/, "");
        let replacement: string | undefined;
        // same value in both forms: one word as is; several words quoted when nothing in them is quote-sensitive
        if (instr.startLine === instr.endLine && sourceText === text && /^[A-Za-z_][\w.-]*$/.test(key)) {
          if (!/\s/.test(value)) replacement = `${key}=${value}`;
          else if (!/["'\\`]/.test(value) && !value.includes(esc)) replacement = `${key}="${value}"`;
        }
        report({
          messageId: "legacy",
          data: { key },
          at,
          ...(replacement ? { fix: { safe: true, edits: [{ file: file.source, start: keyStart, end: keyStart + text.length, text: replacement }] } } : {}),
        });
      }
    }
  },
});
