import { defineRule, type RelatedDescriptor } from "../../src/engine/rule.js";
import { isLoopback } from "../../src/model/listeners.js";
import type { ProcessNode } from "../../src/model/types.js";
import type { ProjectFile } from "../../src/project/project.js";
import { clientLabel } from "../../src/model/client-label.js";

export default defineRule({
  meta: {
    id: "redis-protected-mode",
    description: "redis started with a config file, without a password and without `protected-mode no`, while other containers connect: they get DENIED",
    severity: "error",
    category: "cross-file",
    files: ["redis", "compose", "django", "dotenv"],
    messages: {
      denied:
        "redis in \"{{service}}\" reads {{config}}, which sets no password and leaves protected mode on (the default when a config file is given; the official image only adds `--protected-mode no` without one), but {{client}} connects from container \"{{from}}\": every command gets \"DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user\"; set `requirepass` (from the environment) or `protected-mode no` on a private network",
      client: "{{client}} connects here",
    },
    fixable: false,
  },
  check({ model, report }) {
    for (const stack of model.stacks) {
      for (const connection of stack.connections) {
        if (connection.protocol !== "redis" || !connection.from) continue;
        const target = stack.target(connection);
        if (!target.service || target.resolution.kind !== "service" || target.service === connection.from) continue;
        const listener = target.listeners.find((l) => l.program === "redis-server");
        const node = listener?.process;
        if (!listener || !node || isLoopback(listener.address) || node.config?.kind !== "redis") continue;
        if (protectionLifted(node, node.config as ProjectFile<"redis">)) continue;
        const file = node.config as ProjectFile<"redis">;
        const bind = file.ast.directives.filter((d) => d.name === "bind").pop();
        const related: RelatedDescriptor[] = [{ at: connection.loc, messageId: "client", data: { client: clientLabel(connection.client) } }];
        report({
          messageId: "denied",
          at: bind ? { file: file.source, start: bind.start, end: bind.end } : node.loc,
          related,
          data: { service: target.service.name, config: file.source.path.split("/").slice(-2).join("/"), client: clientLabel(connection.client), from: connection.from.name },
        });
      }
    }
  },
});

/** A password, an ACL, or protected-mode off — in the file or on the command line (later wins). */
function protectionLifted(node: ProcessNode, file: ProjectFile<"redis">): boolean {
  for (let i = 0; i < node.argv.length; i++) {
    const a = node.argv[i]!;
    if (a === "--protected-mode" && node.argv[i + 1]?.toLowerCase() === "no") return true;
    if (a === "--requirepass" || a === "--aclfile" || a === "--user") return true;
  }
  for (const d of file.ast.directives) {
    if (d.name === "protected-mode" && d.args[0]?.value.toLowerCase() === "no") return true;
    if (d.name === "requirepass" && (d.args[0]?.value ?? "") !== "") return true;
    if (d.name === "aclfile" || d.name === "include") return true;
    if (d.name === "user" && d.args.some((a) => a.value.startsWith(">") || a.value === "nopass")) return true;
  }
  return false;
}
