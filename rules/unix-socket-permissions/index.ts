import { defineRule, fixed } from "../../src/engine/rule.js";
import { uwsgiEntries } from "../../src/model/listeners.js";
import type { ProjectFile } from "../../src/project/project.js";

export default defineRule({
  meta: {
    id: "unix-socket-permissions",
    description: "a uWSGI unix socket another container's nginx connects to, without permissions that let that nginx user write to it",
    severity: "warning",
    category: "cross-file",
    files: ["uwsgi", "nginx", "compose"],
    messages: {
      noChmod:
        "uWSGI creates {{path}} without `chmod-socket`: the socket gets the umask's mode (srwxr-xr-x, owner {{owner}}), and nginx in \"{{from}}\" runs as another user, so it gets \"connect() to unix:{{path}} failed (13: Permission denied)\"; add `chmod-socket = 666` (or a shared group with 660)",
      mode:
        "`chmod-socket = {{mode}}` does not let other users write to {{path}}, and nginx in \"{{from}}\" runs as another user in another container (user names do not map across images: nginx is uid 101 in the official image, www-data is 33 on Debian): \"connect() to unix:{{path}} failed (13: Permission denied)\"; use 666, or a shared gid with `chown-socket` and 660",
      client: "nginx connects here",
    },
    fixable: false,
  },
  check({ model, report }) {
    for (const stack of model.stacks) {
      for (const connection of stack.connections) {
        const path = connection.socketPath;
        const from = connection.from;
        if (!path || !from || connection.client !== "nginx") continue;
        for (const service of stack.services) {
          if (service === from) continue;
          for (const l of service.listeners) {
            if (l.socketPath !== path || l.program !== "uwsgi" || l.process?.config?.kind !== "uwsgi") continue;
            const entries = uwsgiEntries(l.process.config as ProjectFile<"uwsgi">);
            const chmod = entries.filter((e) => e.key === "chmod-socket").pop();
            const uid = entries.filter((e) => e.key === "uid").pop()?.value ?? "root";
            const related = [{ at: connection.directiveLoc ?? connection.loc, messageId: "client" }];
            if (!chmod) {
              report({ messageId: "noChmod", at: l.loc, related, data: { path, owner: uid, from: from.name } });
              continue;
            }
            // `chmod-socket` without a value means 666
            const mode = chmod.value.trim() === "" ? "666" : chmod.value.trim();
            if (!/^[0-7]{3,4}$/.test(mode)) continue;
            const other = Number(mode[mode.length - 1]);
            if ((other & 2) === 0) {
              report({ messageId: "mode", at: { file: l.loc.file, start: chmod.start, end: chmod.end }, related, data: { mode: fixed(mode), path, from: from.name } });
            }
          }
        }
      }
    }
  },
});
