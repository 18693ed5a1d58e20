import { posix } from "node:path";
import { defineRule, fixed } from "../../src/engine/rule.js";
import type { Service } from "../../src/model/types.js";

/** What a start script does to wait for a database (nc -z loops, wait-for-it, dockerize, pg_isready, mysqladmin ping...). */
const WAITERS = /^(nc|ncat|netcat|wait-for-it(\.sh)?|wait-for|dockerize|pg_isready|mysqladmin|mariadb-admin|until|timeout)$/;

export default defineRule({
  meta: {
    id: "depends-on-without-wait",
    description: "an app that migrates its database at start, started before the database accepts connections (no healthcheck condition, no wait in the script)",
    severity: "warning",
    category: "cross-file",
    files: ["compose", "shell", "django"],
    messages: {
      noWait:
        "\"{{app}}\" runs `{{step}}` at start and connects to \"{{db}}\", but {{why}}: `depends_on` only waits for the container to start, not for {{db}} to accept connections, so the first start fails (\"Can't connect to MySQL server on '{{db}}' (111)\" / \"Connection refused\"); give \"{{db}}\" a healthcheck and use `depends_on: {{db}}: condition: service_healthy`",
      step: "started here",
    },
    fixable: false,
  },
  check({ model, report }) {
    for (const stack of model.stacks) {
      for (const app of stack.services) {
        const step = migrateStep(app);
        if (!step || app.main?.scriptCommands.some((c) => WAITERS.test(posix.basename(c.words[0]?.value ?? "")) || c.enclosing.includes("while") || c.enclosing.includes("until"))) continue;
        for (const connection of app.connections) {
          if (connection.protocol !== "mysql" && connection.protocol !== "postgres") continue;
          const target = stack.target(connection);
          const db = target.service;
          if (!db || target.resolution.kind !== "service") continue;
          const dep = app.dependsOn.find((d) => d.name === db.name);
          if (dep?.condition === "service_healthy") continue;
          const why =
            !dep ? fixed(`"${app.name}" does not depend on "${db.name}" at all`, ` "${app.name}" 根本没有依赖 "${db.name}"`)
            : db.healthcheck && !db.healthcheck.disabled ? fixed("its `depends_on` does not use `condition: service_healthy`", "它的 `depends_on` 没有使用 `condition: service_healthy`")
            : fixed(`"${db.name}" has no healthcheck and the start script does not wait for it`, ` "${db.name}" 没有 \`healthcheck\`，启动脚本也没有等待它`);
          report({
            messageId: "noWait",
            at: dep?.loc ?? app.loc,
            related: [{ at: step.loc, messageId: "step" }],
            data: { app: app.name, db: db.name, step: step.text, why },
          });
          break;
        }
      }
    }
  },
});

/** `manage.py migrate` (or alembic/flask db upgrade) among the commands the container runs at start. */
function migrateStep(service: Service): { text: string; loc: import("../../src/model/types.js").Loc } | undefined {
  const main = service.main;
  if (!main) return undefined;
  for (const c of main.scriptCommands) {
    const w = c.words.map((x) => x.value);
    const i = w.findIndex((x) => x.endsWith("manage.py"));
    if ((i >= 0 && w[i + 1] === "migrate") || (w[0] === "alembic" && w[1] === "upgrade") || (w[0] === "flask" && w[1] === "db" && w[2] === "upgrade")) {
      return { text: w.slice(Math.max(0, i), i + 2).join(" "), loc: { file: main.script?.file?.source ?? main.loc.file, start: c.start, end: c.end } };
    }
  }
  return undefined;
}
