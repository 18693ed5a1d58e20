import { posix } from "node:path";
import { defineRule } from "../../src/engine/rule.js";

export default defineRule({
  meta: {
    id: "docker-socket",
    description: "bind mount of the Docker socket (/var/run/docker.sock): whoever controls the container controls the host",
    severity: "warning",
    category: "security",
    files: ["compose", "shell"],
    messages: {
      socket:
        "service \"{{service}}\" mounts the Docker socket `{{source}}`: whoever controls this container controls the Docker daemon, and so the host (one `docker run --privileged -v /:/host` away from root; `:ro` does not help, the API stays writable through a read-only socket); remove the mount, or put a socket proxy in between that allows only the API calls needed",
    },
    fixable: false,
  },
  check({ model, report }) {
    const done = new Set<string>();
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        for (const mount of service.mounts) {
          if (mount.type !== "bind" || !mount.source) continue;
          const source = posix.normalize(mount.source.replace(/\\/g, "/")).replace(/^\/+/, "/");
          if (source !== "/var/run/docker.sock" && source !== "/run/docker.sock") continue;
          const key = `${mount.loc.file.path}\0${mount.loc.start}`;
          if (done.has(key)) continue;
          done.add(key);
          report({ messageId: "socket", at: mount.loc, data: { service: service.name, source } });
        }
      }
    }
  },
});
