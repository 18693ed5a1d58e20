import { defineRule, fixed, type FixedText } from "../../src/engine/rule.js";
import { deref, mapGet, mapPairs, nodeRange, pairKey, scalarText, seqItems, type YamlNode } from "../../src/parsers/compose/parse.js";
import type { ProjectFile } from "../../src/project/project.js";

const WHAT: Record<string, FixedText> = {
  ALL: fixed(
    "gives every Linux capability: close to `privileged`, root in the container can mount filesystems, load kernel modules and escape to the host",
    "授予了所有 Linux 能力：接近 `privileged`，容器中的 root 可以挂载文件系统、加载内核模块并逃逸到宿主机",
  ),
  SYS_ADMIN: fixed(
    "gives CAP_SYS_ADMIN, the catch-all capability (mount, namespaces, BPF...): the classic way out of a container to the host",
    "授予了 CAP_SYS_ADMIN，这是个无所不包的能力（mount、命名空间、BPF……）：从容器逃逸到宿主机的经典途径",
  ),
};

export default defineRule({
  meta: {
    id: "cap-add-all",
    description: "`cap_add: ALL` or `SYS_ADMIN`: root in the container can escape to the host",
    severity: "warning",
    category: "security",
    files: ["compose"],
    messages: {
      cap: "`cap_add: {{cap}}` (service {{services}}) {{what}}; add only the capability the program needs (e.g. `NET_ADMIN`, `NET_BIND_SERVICE`), ideally after `cap_drop: [ALL]`",
    },
    fixable: false,
  },
  check({ project, report }) {
    for (const file of project.filesOf("compose")) {
      const { doc } = file.ast;
      const byLoc = new Map<string, { names: string[]; cap: string; written: string; start: number; end: number }>();
      for (const [name, node] of services(file)) {
        for (const item of seqItems(doc, mapGet(doc, node, "cap_add")?.value)) {
          const cap = (scalarText(doc, item) ?? "").trim().toUpperCase().replace(/^CAP_/, "");
          if (!Object.hasOwn(WHAT, cap)) continue;
          const r = nodeRange(item);
          if (!r) continue;
          const id = `${r.start}`;
          const entry = byLoc.get(id) ?? { names: [], cap, written: scalarText(doc, item) ?? cap, start: r.start, end: r.end };
          entry.names.push(name);
          byLoc.set(id, entry);
        }
      }
      for (const e of byLoc.values()) {
        report({ messageId: "cap", at: { file: file.source, start: e.start, end: e.end }, data: { services: e.names.map((n) => `"${n}"`).join(", "), cap: e.written, what: WHAT[e.cap]! } });
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
