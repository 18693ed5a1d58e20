import { defineRule, fixed } from "../../src/engine/rule.js";
import { clientLabel } from "../../src/model/client-label.js";

export default defineRule({
  meta: {
    id: "upstream-host-unknown",
    description: "an upstream, database or redis host that no container of the stack answers to from the client's networks",
    severity: "error",
    category: "cross-file",
    files: ["compose", "nginx", "django", "dotenv"],
    messages: {
      unknown:
        "{{client}} connects to \"{{host}}\", which is not a service, network alias or container name of this stack (services: {{services}}): the name does not resolve (nginx: \"host not found in upstream\", clients: \"Name or service not known\")",
      unreachable:
        "{{client}} in \"{{from}}\" connects to \"{{host}}\", but service \"{{host}}\" shares no network with it ({{fromNetworks}} vs {{toNetworks}}): the name does not resolve from there",
      defaultBridge:
        "{{client}} in container \"{{from}}\" connects to \"{{host}}\", but both containers are on Docker's default bridge network, which has no DNS: the name does not resolve; create a network (`docker network create app`) and start both with `--network app`",
      localhost:
        "{{client}} connects to {{host}}:{{port}}, which inside container \"{{from}}\" is the container itself, where nothing listens on {{port}}; {{owner}} listens there: use the service name \"{{owner}}\"",
      listener: "{{owner}} listens here",
    },
    fixable: false,
  },
  check({ model, report }) {
    for (const stack of model.stacks) {
      const names = stack.services.map((s) => s.name).join(", ");
      // A stack that reaches containers outside itself may resolve names we cannot see.
      const opaque = stack.services.some((s) => s.links.some((l) => l.external) || (s.networkMode && !s.networkMode.text.startsWith("service:")));
      for (const connection of stack.connections) {
        const from = connection.from;
        if (!from) continue;
        const target = stack.target(connection);
        const client = clientLabel(connection.client);
        if (target.resolution.kind === "unknown" && !opaque && connection.host !== "" && !connection.host.includes("$")) {
          report({ messageId: "unknown", at: connection.loc, data: { client, host: connection.host, services: names } });
        } else if (target.resolution.kind === "unreachable" && stack.networksOf(from).includes("bridge") && stack.networksOf(target.resolution.service).includes("bridge")) {
          report({ messageId: "defaultBridge", at: connection.loc, data: { client, host: connection.host, from: from.name } });
        } else if (target.resolution.kind === "unreachable") {
          report({
            messageId: "unreachable",
            at: connection.loc,
            data: {
              client, host: connection.host, from: from.name,
              fromNetworks: stack.networksOf(from).length > 0 ? stack.networksOf(from).join(", ") : fixed("none", "无"),
              toNetworks: stack.networksOf(target.resolution.service).length > 0 ? stack.networksOf(target.resolution.service).join(", ") : fixed("none", "无"),
            },
          });
        } else if (target.resolution.kind === "self" && target.service === from && connection.port !== undefined) {
          if (from.main === undefined || from.listeners.some((l) => l.port === connection.port)) continue;
          const owner = stack.services.find((s) => s !== from && s.listeners.some((l) => l.port === connection.port && (l.protocol === connection.protocol || connection.protocol === "unknown")));
          if (!owner) continue;
          const listener = owner.listeners.find((l) => l.port === connection.port)!;
          report({
            messageId: "localhost",
            at: connection.loc,
            related: [{ at: listener.loc, messageId: "listener", data: { owner: owner.name } }],
            data: { client, host: connection.host, port: connection.port, from: from.name, owner: owner.name },
          });
        }
      }
    }
  },
});
