import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { isScalar, visit } from "yaml";
import { defineRule, fixed } from "../../src/engine/rule.js";

/** `${NAME}`, `${NAME?err}`, `${NAME:?err}` and `$NAME` — the forms without a default. `$$` escapes. */
const REFERENCE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?\?)[^}]*)?\}|\$\{([A-Za-z_][A-Za-z0-9_]*):?[-+][^}]*\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Variables every shell exports: compose reads them from the environment it runs in. */
const SHELL_VARIABLES = new Set(["PWD", "HOME", "USER", "PATH", "SHELL", "LANG", "LOGNAME", "TERM", "HOSTNAME"]);

export default defineRule({
  meta: {
    id: "env-interpolation",
    description: "`${VAR}` in a compose file with no value in the project's .env and no default",
    severity: "warning",
    category: "compose",
    files: ["compose", "dotenv"],
    messages: {
      unset:
        "`{{name}}` is not set in .env and has no default: docker compose warns 'The \"{{name}}\" variable is not set. Defaulting to a blank string.' and uses \"\"; define it in .env or write `${{{name}}:-default}`",
      required:
        "`{{name}}` is required (`?`) but not set in .env: `docker compose up` stops with \"required variable {{name}} is missing a value\" unless the shell exports it",
      containerVariable:
        "`${{name}}` is interpolated by docker compose before the container runs, and .env does not set it, so the command gets \"\" — the container's own `{{name}}` is never used; write `$${{name}}` to leave it to the container's shell",
      noEnvFile:
        "{{count}} variable(s) used here ({{names}}) have no value: there is no .env next to the compose file{{hint}}, so docker compose uses \"\" for each (\"The \\\"{{first}}\\\" variable is not set\") unless the shell exports them",
    },
    fixable: false,
  },
  check({ model, report }) {
    const seen = new Set<string>();
    for (const stack of model.stacks) {
      for (const file of stack.composeFiles) {
        // no `$`, nothing interpolated: skip the walk and the .env lookups
        if (!file.source.text.includes("$")) continue;
        const dir = dirname(stack.composeFiles[0]!.source.path);
        const hasEnv = existsSync(join(dir, ".env"));
        const example = [".env.example", ".env.sample", ".env.template", ".env.dist", "env.example", ".env.default"].find((n) => existsSync(join(dir, n)));
        const hint = example ? fixed(` (${example} lists them: copy it to .env)`, `（${example} 列出了它们：把它复制为 .env）`) : fixed("");
        const text = file.source.text;
        const missing: { name: string; start: number; end: number }[] = [];
        const containerNames = new Set(stack.services.flatMap((s) => s.environment.map((e) => e.name)));
        visit(file.ast.doc, {
          Scalar(_key, node) {
            if (!isScalar(node) || typeof node.value !== "string" || !node.value.includes("$") || !node.range) return;
            const raw = text.slice(node.range[0], node.range[1]);
            for (const m of raw.matchAll(REFERENCE)) {
              const name = m[1] ?? m[4];
              if (!name || stack.variables.has(name) || SHELL_VARIABLES.has(name)) continue;
              const start = node.range[0] + (m.index ?? 0);
              const key = `${file.source.path}\0${start}`;
              if (seen.has(key)) continue;
              seen.add(key);
              if (containerNames.has(name)) {
                report({ messageId: "containerVariable", at: { file: file.source, start, end: start + m[0].length }, data: { name } });
                continue;
              }
              if (!hasEnv) {
                missing.push({ name, start, end: start + m[0].length });
                continue;
              }
              report({ messageId: m[2] ? "required" : "unset", at: { file: file.source, start, end: start + m[0].length }, data: { name } });
            }
          },
        });
        // Without any .env the variables are meant to come from the shell or --env-file: one finding per file, not one per use.
        const first = missing[0];
        if (first) {
          const names = [...new Set(missing.map((x) => x.name))];
          report({
            messageId: "noEnvFile",
            severity: "info",
            at: { file: file.source, start: first.start, end: first.end },
            data: { count: names.length, names: names.slice(0, 6).join(", ") + (names.length > 6 ? ", ..." : ""), first: first.name, hint },
          });
        }
      }
    }
  },
});
