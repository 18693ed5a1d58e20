import { clientLabel } from "../../src/model/client-label.js";
import { defineRule, fixed } from "../../src/engine/rule.js";
import { isLoopback } from "../../src/model/listeners.js";

export default defineRule({
  meta: {
    id: "listener-loopback-only",
    description: "a server bound to 127.0.0.1/localhost that another container (or a published port) connects to",
    severity: "error",
    category: "cross-file",
    files: ["redis", "mysql", "uwsgi", "compose", "dockerfile", "django", "nginx", "dotenv"],
    messages: {
      loopback:
        "{{service}} ({{program}}) listens on {{address}} only, but {{client}} connects to {{target}} from {{from}}: a loopback address inside a container is unreachable from other containers, so the connection is refused (\"Connection refused\" / errno 111); listen on 0.0.0.0",
      client: "{{client}} connects to {{target}} here",
    },
    fixable: false,
  },
  check({ model, report }) {
    for (const stack of model.stacks) {
      for (const connection of stack.connections) {
        const target = stack.target(connection);
        if (!target.service || target.resolution.kind === "self") continue;
        for (const listener of target.listeners) {
          if (!isLoopback(listener.address)) continue;
          const from = connection.from ? fixed(`container "${connection.from.name}"`, `容器 "${connection.from.name}" `) : fixed("the Docker host", " Docker 宿主机");
          const client = clientLabel(connection.client);
          report({
            messageId: "loopback",
            at: listener.loc,
            related: [{ at: connection.loc, messageId: "client", data: { client, target: `${connection.host}:${connection.port ?? "?"}` } }],
            data: { service: listener.service.name, program: fixed(listener.program), address: `${listener.address}:${listener.port ?? "?"}`, client, target: `${connection.host}:${connection.port ?? "?"}`, from },
          });
        }
      }
    }
  },
});

