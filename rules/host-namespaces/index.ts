import { defineRule, fixed } from "../../src/engine/rule.js";
import { deref, mapGet, mapPairs, nodeRange, pairKey, scalarText, type YamlNode } from "../../src/parsers/compose/parse.js";
import type { ProjectFile } from "../../src/project/project.js";

const WHAT: Record<string, string> = {
  network_mode:
    "shares the host's network stack: every port it listens on is open on the host (its `ports:` are ignored), it reaches whatever the host binds to 127.0.0.1, and it leaves the compose network, so other services cannot reach it by its service name; use the compose network and publish only the ports needed",
  pid: "shares the host's process namespace: it sees every host process and, as root, can signal them and read their environment and memory through /proc; remove `pid: host` unless it is a host monitoring agent",
  ipc: "shares the host's IPC namespace: it can read and write the shared memory, semaphores and message queues of host processes; use `ipc: shareable` / `service:` between containers instead",
};

export default defineRule({
  meta: {
    id: "host-namespaces",
    description: "`network_mode: host`, `pid: host`, `ipc: host`: the container shares the host's namespace",
    severity: "warning",
    category: "security",
    files: ["compose"],
    messages: {
      host: "`{{key}}: host` (service {{services}}): the container {{what}}",
    },
    fixable: false,
  },
  check({ project, report }) {
    for (const file of project.filesOf("compose")) {
      const { doc } = file.ast;
      const byLoc = new Map<string, { names: string[]; key: string; start: number; end: number }>();
      for (const [name, node] of services(file)) {
        for (const key of Object.keys(WHAT)) {
          const pair = mapGet(doc, node, key);
          if (!pair || scalarText(doc, pair.value)?.trim() !== "host") continue;
          const r = nodeRange(pair.key as YamlNode);
          const v = nodeRange(deref(doc, pair.value));
          if (!r || !v) continue;
          const id = `${r.start}`;
          const entry = byLoc.get(id) ?? { names: [], key, start: r.start, end: v.end };
          entry.names.push(name);
          byLoc.set(id, entry);
        }
      }
      for (const e of byLoc.values()) {
        report({ messageId: "host", at: { file: file.source, start: e.start, end: e.end }, data: { services: e.names.map((n) => `"${n}"`).join(", "), key: fixed(e.key), what: fixed(WHAT[e.key]!) } });
      }
    }
  },
});

function services(file: ProjectFile<"compose">): [string, YamlNode][] {
  const { doc, root } = file.ast;
  const out: [string, YamlNode][] = [];
  for (const p of mapPairs(doc, mapGet(doc, root, "services")?.value)) {
    const name = pairKey(p);
    const node = deref(doc, p.value);
    if (name !== undefined && !name.startsWith("x-") && node) out.push([name, node]);
  }
  return out;
}
