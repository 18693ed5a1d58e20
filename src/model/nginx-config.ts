import { posix } from "node:path";
import { walkDirectives } from "../parsers/nginx/walk.js";
import type { Project, ProjectFile } from "../project/project.js";
import { listContainerDir, resolveContainerPath } from "./container-fs.js";
import type { Service } from "./types.js";

/** Where nginx images read configuration from (official image and Debian's package). */
const NGINX_MAIN = "/etc/nginx/nginx.conf";
const NGINX_DIRS = ["/etc/nginx/conf.d", "/etc/nginx/sites-enabled", "/etc/nginx/sites-available", "/etc/nginx/templates", "/etc/nginx/vhosts"];

export interface NginxConfigFile {
  file: ProjectFile<"nginx">;
  /** Path inside the container (undefined for a host nginx file). */
  containerPath: string | undefined;
  /** Directives with the context they run in: conf.d files are included inside `http {}`. */
  includedIn: "main" | "http";
}

/** The nginx config files a service's nginx reads (from mounts and COPY), with `include`s followed. */
export function nginxConfigsOf(project: Project, service: Service): NginxConfigFile[] {
  const out = new Map<string, NginxConfigFile>();
  const add = (containerPath: string, hostPath: string, includedIn: "main" | "http"): void => {
    if (out.has(hostPath) || project.pathKind(hostPath) !== "file") return;
    const file = project.load(hostPath, "nginx");
    if (file) out.set(hostPath, { file, containerPath, includedIn });
  };
  const main = resolveContainerPath(project, service, NGINX_MAIN);
  if (main.kind === "bind" || main.kind === "copy") add(NGINX_MAIN, main.hostPath, "main");
  for (const dir of NGINX_DIRS) {
    for (const f of listContainerDir(project, service, dir)) {
      if (/\.(conf|template)$/.test(f.containerPath) || dir.includes("sites-")) add(f.containerPath, f.hostPath, "http");
    }
  }
  // follow `include` of project files (uwsgi_params and mime.types usually come from the image)
  const queue = [...out.values()];
  for (let i = 0; i < queue.length && i < 200; i++) {
    const entry = queue[i]!;
    for (const d of walkDirectives(entry.file.ast.directives)) {
      if (d.name !== "include" || !d.args[0]) continue;
      const target = d.args[0].value;
      if (/[*?$]/.test(target)) continue;
      const containerPath = posix.resolve("/etc/nginx", target);
      const r = resolveContainerPath(project, service, containerPath);
      if ((r.kind === "bind" || r.kind === "copy") && !out.has(r.hostPath)) {
        add(containerPath, r.hostPath, d.context.includes("http") || entry.includedIn === "http" ? "http" : "main");
        const added = out.get(r.hostPath);
        if (added) queue.push(added);
      }
    }
  }
  return [...out.values()];
}

export { walkDirectives };
