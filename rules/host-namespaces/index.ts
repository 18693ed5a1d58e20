import { defineRule, fixed, type FixedText } from "../../src/engine/rule.js";
import { deref, mapGet, mapPairs, nodeRange, pairKey, scalarText, type YamlNode } from "../../src/parsers/compose/parse.js";
import type { ProjectFile } from "../../src/project/project.js";

const WHAT: Record<string, FixedText> = {
  network_mode: fixed(
    "shares the host's network stack: every port it listens on is open on the host (its `ports:` are ignored), it reaches whatever the host binds to 127.0.0.1, and it leaves the compose network, so other services cannot reach it by its service name; use the compose network and publish only the ports needed",
    "共享宿主机的网络栈：它监听的每个端口都直接在宿主机上开放（它的 `ports:` 被忽略），它能访问宿主机绑定在 127.0.0.1 上的所有服务，而且它离开了 compose 网络，其他服务无法再通过服务名访问它；请使用 compose 网络，只发布需要的端口",
  ),
  pid: fixed(
    "shares the host's process namespace: it sees every host process and, as root, can signal them and read their environment and memory through /proc; remove `pid: host` unless it is a host monitoring agent",
    "共享宿主机的进程命名空间：它能看到宿主机的所有进程，以 root 身份还能向它们发送信号，并通过 /proc 读取它们的环境变量和内存；除非它是宿主机监控代理，否则请删除 `pid: host`",
  ),
  ipc: fixed(
    "shares the host's IPC namespace: it can read and write the shared memory, semaphores and message queues of host processes; use `ipc: shareable` / `service:` between containers instead",
    "共享宿主机的 IPC 命名空间：它可以读写宿主机进程的共享内存、信号量和消息队列；容器之间请改用 `ipc: shareable` / `service:`",
  ),
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
        report({ messageId: "host", at: { file: file.source, start: e.start, end: e.end }, data: { services: e.names.map((n) => `"${n}"`).join(", "), key: fixed(e.key), what: WHAT[e.key]! } });
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
