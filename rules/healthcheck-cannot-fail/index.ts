import { defineRule } from "../../src/engine/rule.js";
import { isRedisImage } from "../../src/model/image/known-images.js";
import type { ProjectFile } from "../../src/project/project.js";

export default defineRule({
  meta: {
    id: "healthcheck-cannot-fail",
    description: "a healthcheck that passes while clients are refused (`redis-cli ping` on a password-protected redis)",
    severity: "warning",
    category: "cross-file",
    files: ["compose", "redis"],
    messages: {
      redisCli:
        "`redis-cli ping` without `-a`/`REDISCLI_AUTH` against a redis with `requirepass`: redis answers \"NOAUTH Authentication required.\" and redis-cli still exits 0, so \"{{service}}\" is always healthy; use `redis-cli -a \"$$REDIS_PASSWORD\" ping | grep PONG` or set REDISCLI_AUTH",
      requirepass: "redis requires a password here",
    },
    fixable: false,
  },
  check({ model, report }) {
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        const test = service.healthcheck?.test;
        if (!test || service.healthcheck?.disabled) continue;
        const words = test.argv.flatMap((v) => v.text.split(/\s+/)).filter(Boolean);
        const image = service.image?.name ?? service.build?.image?.base?.name ?? "";
        if (isRedisImage(image) && words.includes("redis-cli") && words.includes("ping") && !words.some((w) => w === "-a" || w.startsWith("--pass") || w === "--user" || w.includes("grep") || w.includes("PONG"))) {
          const config = service.configFiles.find((f) => f.kind === "redis") as ProjectFile<"redis"> | undefined;
          const requirepass = config?.ast.directives.filter((d) => d.name === "requirepass" && (d.args[0]?.value ?? "") !== "").pop();
          const auth = service.environment.some((e) => e.name === "REDISCLI_AUTH");
          const cliPass = service.main?.argv.includes("--requirepass");
          if ((requirepass || cliPass) && !auth) {
            report({
              messageId: "redisCli",
              at: test.loc,
              related: requirepass && config ? [{ at: { file: config.source, start: requirepass.start, end: requirepass.end }, messageId: "requirepass" }] : [],
              data: { service: service.name },
            });
          }
        }
      }
    }
  },
});
