import { defineRule, type RelatedDescriptor } from "../../src/engine/rule.js";
import { isNginxImage } from "../../src/model/image/known-images.js";
import type { Service } from "../../src/model/types.js";

export default defineRule({
  meta: {
    id: "published-port-no-listener",
    description: "a published port (`443:443`) where nothing in the container listens",
    severity: "warning",
    category: "cross-file",
    files: ["compose", "nginx", "uwsgi", "redis", "mysql"],
    messages: {
      noListener:
        "port {{port}} of \"{{service}}\" is published, but nothing in the container listens on {{port}} (it listens on {{listening}}): connections to host port {{hostPort}} are reset; add the listener (e.g. `listen {{port}} ssl;`) or remove the mapping",
      listener: "\"{{service}}\" listens here",
    },
    fixable: false,
  },
  check({ model, report }) {
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        if (service.ports.length === 0 || service.networkMode) continue;
        const ports = knownListeningPorts(service);
        if (!ports || ports.size === 0) continue;
        for (const mapping of service.ports) {
          if (mapping.protocol !== "tcp") continue;
          for (let p = mapping.containerPort; p <= mapping.containerPortEnd && p < mapping.containerPort + 64; p++) {
            if (ports.has(p)) continue;
            const related: RelatedDescriptor[] = service.listeners.filter((l) => !l.implicit).slice(0, 3).map((l) => ({ at: l.loc, messageId: "listener", data: { service: service.name } }));
            report({
              messageId: "noListener",
              at: mapping.loc,
              related,
              data: { port: p, hostPort: (mapping.hostPort ?? p) + (p - mapping.containerPort), service: service.name, listening: [...ports].sort((a, b) => a - b).join(", ") },
            });
          }
        }
      }
    }
  },
});

/**
 * Ports the container certainly listens on — or undefined when the model
 * cannot know them all (unknown program, script it cannot follow, nginx
 * configs that are not in the repository).
 */
function knownListeningPorts(service: Service): Set<number> | undefined {
  const image = service.image?.name ?? service.build?.image?.base?.name ?? "";
  const nginxListeners = service.listeners.filter((l) => l.program === "nginx");
  if (isNginxImage(image) || nginxListeners.length > 0) {
    if (nginxListeners.length === 0) return undefined;
    const ports = new Set(service.listeners.map((l) => l.port).filter((p): p is number => p !== undefined));
    // the image's own conf.d/default.conf listens on 80 unless the build removed it
    ports.add(80);
    return ports;
  }
  const main = service.main;
  if (!main || main.stays !== "yes" || main.programs.some((p) => p.program === "other" || p.program === "supervisord" || p.program === "python")) return undefined;
  if (main.programs.some((p) => (p.program === "uwsgi" || p.program === "redis-server") && p.config === undefined && p.argv.length <= 2)) return undefined;
  const ports = new Set(service.listeners.map((l) => l.port).filter((p): p is number => p !== undefined));
  return ports.size > 0 ? ports : undefined;
}
