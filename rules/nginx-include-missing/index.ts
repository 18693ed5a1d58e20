import { posix } from "node:path";
import { defineRule, fixed } from "../../src/engine/rule.js";
import { coveringMount } from "../../src/model/container-fs.js";
import { nginxInstances, type NginxFlavour, type NginxInstance } from "../../src/model/nginx-instance.js";
import type { NginxDirective } from "../../src/parsers/nginx/ast.js";

/** What the images put in /etc/nginx (official: nginx.org packages; Debian: nginx-common). */
const IMAGE_FILES: Record<Exclude<NginxFlavour, "unknown">, Set<string>> = {
  official: new Set([
    "nginx.conf", "mime.types", "fastcgi_params", "scgi_params", "uwsgi_params", "conf.d/default.conf",
    // not sure every tag ships these: never reported
    "fastcgi.conf", "koi-utf", "koi-win", "win-utf",
  ]),
  debian: new Set([
    "nginx.conf", "mime.types", "fastcgi_params", "fastcgi.conf", "scgi_params", "uwsgi_params", "proxy_params", "koi-utf", "koi-win", "win-utf",
    "snippets/fastcgi-php.conf", "snippets/snakeoil.conf", "sites-available/default", "sites-enabled/default",
  ]),
};

export default defineRule({
  meta: {
    id: "nginx-include-missing",
    description: "`include` of a file that neither the project (mounts, COPY) nor the nginx image provides: nginx refuses to start",
    severity: "error",
    category: "cross-file",
    files: ["nginx", "compose", "dockerfile"],
    messages: {
      notInImage:
        "`include {{target}}` reads {{path}}, which the {{image}} does not have and no mount or COPY of service \"{{service}}\" provides: nginx refuses to start (\"[emerg] open() \\\"{{path}}\\\" failed (2: No such file or directory)\"){{hint}}",
      notInMount:
        "`include {{target}}` reads {{path}}, but that directory is bind-mounted from {{hostDir}}, which has no such file: nginx in service \"{{service}}\" refuses to start (\"[emerg] open() \\\"{{path}}\\\" failed (2: No such file or directory)\"); add the file or fix the path",
    },
    fixable: false,
  },
  check({ project, model, report }) {
    const seen = new Set<NginxDirective>();
    for (const instance of nginxInstances(project, model.stacks)) {
      if (mayGenerateConfig(instance)) continue;
      for (const inc of instance.includes) {
        if (seen.has(inc.directive)) continue;
        const arg = inc.directive.args[0]!;
        const at = { file: inc.from.file.source, start: arg.start, end: arg.end };
        if (inc.target.kind === "absent-in-mount") {
          if (!inc.containerPath.startsWith("/etc/nginx/")) continue;
          seen.add(inc.directive);
          report({
            messageId: "notInMount", at,
            data: { target: arg.value, path: inc.containerPath, hostDir: project.display(inc.target.hostDir), service: instance.service.name },
          });
        } else if (inc.target.kind === "image") {
          if (instance.flavour === "unknown" || !inc.containerPath.startsWith("/etc/nginx/")) continue;
          const rel = inc.containerPath.slice("/etc/nginx/".length);
          if (IMAGE_FILES[instance.flavour].has(rel) || rel.startsWith("modules")) continue;
          if (builtInImage(instance, inc.containerPath)) continue;
          seen.add(inc.directive);
          const debianOnly = instance.flavour === "official" && IMAGE_FILES.debian.has(rel);
          report({
            messageId: "notInImage", at,
            data: {
              target: arg.value, path: inc.containerPath, service: instance.service.name,
              image: instance.flavour === "official"
                ? fixed(`official nginx image (${instance.image?.ref ?? "nginx"})`, `官方 nginx 镜像（${instance.image?.ref ?? "nginx"}）`)
                : fixed("Debian nginx package", "Debian 的 nginx 软件包"),
              hint: debianOnly
                ? fixed(
                    `; \`${rel}\` comes with Debian/Ubuntu's nginx package, not with the official image: copy its content into the project and mount it`,
                    `；\`${rel}\` 来自 Debian/Ubuntu 的 nginx 软件包，官方镜像中没有它：请把它的内容复制到项目中并挂载进去`,
                  )
                : fixed("; mount or COPY the file, or fix the path", "；请挂载或 COPY 这个文件，或者修正路径"),
            },
          });
        }
      }
    }
  },
});

/** A start script, a shell command or an envsubst step may write config files before nginx starts. */
function mayGenerateConfig(instance: NginxInstance): boolean {
  const main = instance.service.main;
  if (!main) return true;
  if (main.script) return true;
  // scripts the official image's entrypoint runs before nginx
  const service = instance.service;
  if (service.mounts.some((m) => m.target.startsWith("/docker-entrypoint.d"))) return true;
  if (service.build?.image?.copies.some((c) => c.dest.startsWith("/docker-entrypoint.d"))) return true;
  return main.programs.some((p) => p.program !== "nginx");
}

/** The Dockerfile creates the file (RUN mentions it, or COPY --from another stage covers it). */
function builtInImage(instance: NginxInstance, path: string): boolean {
  const image = instance.service.build?.image;
  if (!image) return false;
  if (coveringMount(instance.service, path)) return false;
  const base = posix.basename(path);
  if (image.runs.some((r) => r.instruction.args.includes(base) || r.instruction.args.includes(posix.dirname(path)))) return true;
  return image.copies.some((c) => c.fromStage && (path.startsWith(c.dest) || c.dest.replace(/\/$/, "") === path));
}
