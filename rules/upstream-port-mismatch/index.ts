import { defineRule } from "../../src/engine/rule.js";
import { clientName } from "../listener-loopback-only/index.js";

export default defineRule({
  meta: {
    id: "upstream-port-mismatch",
    description: "a client connects to a port of a service where none of its servers listens",
    severity: "error",
    category: "cross-file",
    files: ["nginx", "uwsgi", "redis", "mysql", "django", "compose", "dotenv"],
    messages: {
      mismatch:
        "{{client}} connects to {{target}}, but {{service}} listens on {{ports}}: the connection is refused (\"Connection refused\" / errno 111)",
      listener: "{{service}} listens here",
    },
    fixable: false,
  },
  check({ model, report }) {
    for (const stack of model.stacks) {
      for (const connection of stack.connections) {
        if (connection.socketPath !== undefined || connection.port === undefined) continue;
        const target = stack.target(connection);
        const service = target.service;
        if (!service || target.resolution.kind === "self" || target.listeners.length > 0) continue;
        // Only judge services whose listeners we know completely: a known main process that stays up.
        if (!service.main || service.main.stays === "unknown" || service.listeners.length === 0) continue;
        if (service.listeners.some((l) => l.program === "nginx")) continue;
        const tcp = service.listeners.filter((l) => l.port !== undefined);
        if (tcp.length === 0) continue;
        report({
          messageId: "mismatch",
          at: connection.loc,
          related: tcp.filter((l) => !l.implicit).map((l) => ({ at: l.loc, messageId: "listener", data: { service: service.name } })),
          data: {
            client: clientName(connection.client),
            target: `${connection.host}:${connection.port}`,
            service: service.name,
            ports: [...new Set(tcp.map((l) => String(l.port)))].join(", "),
          },
        });
      }
    }
  },
});
