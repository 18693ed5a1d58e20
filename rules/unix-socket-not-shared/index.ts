import { posix } from "node:path";
import { defineRule, fixed } from "../../src/engine/rule.js";
import { sharedFileKey } from "../../src/model/container-fs.js";
import type { Listener } from "../../src/model/types.js";

export default defineRule({
  meta: {
    id: "unix-socket-not-shared",
    description: "nginx connects to a unix socket that the app server creates in another container, on a path no shared volume carries",
    severity: "error",
    category: "cross-file",
    files: ["nginx", "uwsgi", "compose"],
    messages: {
      notShared:
        "nginx in \"{{from}}\" connects to unix:{{path}}, but the socket is created by {{program}} in container \"{{owner}}\" and {{why}}: nginx finds no such file (\"connect() to unix:{{path}} failed (2: No such file or directory)\"); mount one named volume at the socket's directory in both services",
      listener: "{{program}} creates the socket here",
    },
    fixable: false,
  },
  check({ model, report }) {
    for (const stack of model.stacks) {
      const socketListeners: Listener[] = stack.services.flatMap((s) => s.listeners.filter((l) => l.socketPath !== undefined));
      for (const connection of stack.connections) {
        const path = connection.socketPath;
        const from = connection.from;
        if (!path || !from || path.startsWith("@")) continue;
        // same container (supervisord runs both): the file system is shared
        if (from.listeners.some((l) => l.socketPath === path)) continue;
        const clientKey = sharedFileKey(from, path);
        const candidates = socketListeners.filter((l) => l.service !== from && (l.socketPath === path || posix.basename(l.socketPath!) === posix.basename(path)));
        if (candidates.length === 0) continue;
        if (clientKey !== undefined && candidates.some((l) => sharedFileKey(l.service, l.socketPath!) === clientKey)) continue;
        const owner = candidates[0]!;
        const ownerKey = sharedFileKey(owner.service, owner.socketPath!);
        const why = clientKey === undefined && ownerKey === undefined
          ? fixed("neither container mounts a volume at the socket's directory", "两个容器都没有在套接字所在目录挂载数据卷")
          : clientKey === undefined
            ? fixed(`"${from.name}" mounts nothing at ${posix.dirname(path)}`, ` "${from.name}" 没有在 ${posix.dirname(path)} 挂载任何东西`)
            : ownerKey === undefined
              ? fixed(`"${owner.service.name}" keeps ${posix.dirname(owner.socketPath!)} in its own file system`, ` "${owner.service.name}" 把 ${posix.dirname(owner.socketPath!)} 留在自己的文件系统中`)
              : fixed("the two containers mount different volumes or paths there", "两个容器在那里挂载的是不同的数据卷或路径");
        report({
          messageId: "notShared",
          at: connection.directiveLoc ?? connection.loc,
          related: [{ at: owner.loc, messageId: "listener", data: { program: owner.program } }],
          data: { from: from.name, path, program: owner.program, owner: owner.service.name, why },
        });
      }
    }
  },
});
