import { defineRule, type RelatedDescriptor, type RuleContext } from "../../src/engine/rule.js";
import { isLoopback } from "../../src/model/listeners.js";
import type { Stack } from "../../src/model/stack.js";
import { clientLabel } from "../../src/model/client-label.js";

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
      notPublished:
        "nginx on the host connects to {{target}}, but no container publishes host port {{port}} (published: {{published}}): the connection is refused (\"connect() failed (111: Connection refused) while connecting to upstream\")",
      published: "port {{port}} is published here",
      sibling: "this upstream server is published",
    },
    fixable: false,
  },
  check({ model, report }) {
    for (const stack of model.stacks) {
      checkHostUpstreams(stack, report);
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
            client: clientLabel(connection.client),
            target: `${connection.host}:${connection.port}`,
            service: service.name,
            ports: [...new Set(tcp.map((l) => String(l.port)))].join(", "),
          },
        });
      }
    }
  },
});

/**
 * An nginx on the host reaches containers through published ports. When some
 * servers of one `*_pass` are published and others are not, the others point
 * at nothing (a container that was never started with `-p`).
 */
function checkHostUpstreams(stack: Stack, report: RuleContext["report"]): void {
  const byPass = new Map<unknown, typeof stack.connections>();
  for (const c of stack.connections) {
    if (c.from !== undefined || !c.nginx || c.port === undefined || !isLoopback(c.host)) continue;
    const list = byPass.get(c.nginx.pass) ?? [];
    list.push(c);
    byPass.set(c.nginx.pass, list);
  }
  const publishedList = stack.services.flatMap((s) => s.ports.map((p) => `${p.hostPort ?? p.containerPort} → ${s.name}:${p.containerPort}`));
  for (const group of byPass.values()) {
    const published = group.filter((c) => stack.publisherOf(c.port!) !== undefined);
    if (published.length === 0) continue;
    for (const c of group) {
      if (published.includes(c)) continue;
      const sibling = published[0]!;
      const mapping = stack.publisherOf(sibling.port!)!;
      const related: RelatedDescriptor[] = [{ at: sibling.loc, messageId: "sibling" }];
      const port = mapping.service.ports.find((p) => (p.hostPort ?? p.containerPort) === sibling.port);
      if (port) related.push({ at: port.loc, messageId: "published", data: { port: sibling.port! } });
      report({
        messageId: "notPublished",
        severity: "warning",
        at: c.loc,
        related,
        data: { target: `${c.host}:${c.port}`, port: c.port!, published: publishedList.join(", ") },
      });
    }
  }
}
