import { defineRule } from "../../src/engine/rule.js";
import { deref, isScalar, mapGet, mapPairs, nodeRange, pairKey, type YamlNode } from "../../src/parsers/compose/parse.js";
import type { ProjectFile } from "../../src/project/project.js";

export default defineRule({
  meta: {
    id: "privileged",
    description: "`privileged: true`: the container gets every capability and every host device, root in it is root on the host",
    severity: "warning",
    category: "security",
    files: ["compose"],
    messages: {
      privileged:
        "`privileged: true` (service {{services}}): the container gets every Linux capability and every host device, with seccomp and AppArmor off, so root in the container is root on the host (it can mount the host's disks or load kernel modules); grant only what it needs (`cap_add: [NET_ADMIN]`, `devices:`) and remove `privileged`",
    },
    fixable: false,
  },
  check({ project, report }) {
    for (const file of project.filesOf("compose")) {
      const byLoc = new Map<string, { names: string[]; start: number; end: number }>();
      for (const [name, node] of services(file)) {
        const pair = mapGet(file.ast.doc, node, "privileged");
        const value = deref(file.ast.doc, pair?.value);
        if (!pair || !isScalar(value) || !["true", "True", "TRUE"].includes(String(value.value))) continue;
        const r = nodeRange(pair.key as YamlNode);
        const v = nodeRange(value);
        if (!r || !v) continue;
        const key = `${r.start}`;
        const entry = byLoc.get(key) ?? { names: [], start: r.start, end: v.end };
        entry.names.push(name);
        byLoc.set(key, entry);
      }
      // one finding per written line, even when an anchor brings it into several services
      for (const e of byLoc.values()) report({ messageId: "privileged", at: { file: file.source, start: e.start, end: e.end }, data: { services: e.names.map((n) => `"${n}"`).join(", ") } });
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
