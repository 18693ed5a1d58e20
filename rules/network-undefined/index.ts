import { defineRule } from "../../src/engine/rule.js";
import type { Loc } from "../../src/model/types.js";

export default defineRule({
  meta: {
    id: "network-undefined",
    description: "a service joins a network that no top-level `networks:` of the compose configuration declares",
    severity: "error",
    category: "compose",
    files: ["compose"],
    messages: {
      undefined:
        "service \"{{service}}\" joins network \"{{network}}\", which no top-level `networks:` of this compose configuration declares: docker compose refuses to start anything (`service \"{{service}}\" refers to undefined network {{network}}: invalid compose project`); declare it under the top-level `networks:` (`{{network}}: {}`, or with `external: true` for a network created by `docker network create`)",
      typo:
        "service \"{{service}}\" joins network \"{{network}}\", which no top-level `networks:` of this compose configuration declares: docker compose refuses to start anything (`service \"{{service}}\" refers to undefined network {{network}}: invalid compose project`); did you mean \"{{near}}\"?",
    },
    fixable: false,
  },
  check({ model, report }) {
    // judged in every configuration containing the file; reported when none declares the network
    const verdicts = new Map<string, { service: string; network: string; loc: Loc; ok: boolean; declared: Set<string> }>();
    for (const stack of model.stacks) {
      if (stack.composeFiles.length === 0) continue;
      const files = new Set(stack.composeFiles.map((f) => f.source));
      for (const service of stack.services) {
        if (service.origin !== "compose") continue;
        for (const net of service.networks) {
          if (!net.loc || !files.has(net.loc.file) || net.name === "default") continue;
          const key = `${net.loc.file.path}\0${net.loc.start}`;
          const entry = verdicts.get(key) ?? { service: service.name, network: net.name, loc: net.loc, ok: false, declared: new Set<string>() };
          if (stack.networks.has(net.name)) entry.ok = true;
          for (const n of stack.networks.keys()) entry.declared.add(n);
          verdicts.set(key, entry);
        }
      }
    }
    for (const v of verdicts.values()) {
      if (v.ok) continue;
      const near = [...v.declared].find((d) => d !== v.network && (d.toLowerCase() === v.network.toLowerCase() || close(d, v.network)));
      if (near) report({ messageId: "typo", at: v.loc, data: { service: v.service, network: v.network, near } });
      else report({ messageId: "undefined", at: v.loc, data: { service: v.service, network: v.network } });
    }
  },
});

/** One edit apart (`backend` / `bakend`, `db-net` / `db_net`). */
function close(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  return Math.max(a.length, b.length) - i - j <= 1;
}
