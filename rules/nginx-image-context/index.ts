import { defineRule, fixed, type FixedText } from "../../src/engine/rule.js";
import { nginxInstances, type LoadedNginxFile, type NginxInstance } from "../../src/model/nginx-instance.js";
import type { NginxDirective } from "../../src/parsers/nginx/ast.js";
import { nginxTree } from "../../src/parsers/nginx/tree.js";

/** Directives of the main context (or of `events`): "not allowed here" inside http {}. */
const MAIN_ONLY = new Set([
  "http", "events", "stream", "mail", "worker_processes", "worker_connections", "user", "pid", "worker_rlimit_nofile", "load_module",
  "daemon", "master_process", "env", "worker_cpu_affinity", "worker_priority", "working_directory", "pcre_jit", "thread_pool",
  "timer_resolution", "lock_file", "worker_shutdown_timeout", "multi_accept", "use", "accept_mutex", "accept_mutex_delay",
]);

/** Directives of http/server/location: "not allowed here" in the main context. */
const HTTP_ONLY = new Set([
  "server", "location", "upstream", "map", "geo", "split_clients", "listen", "server_name", "root", "alias", "index", "proxy_pass",
  "uwsgi_pass", "fastcgi_pass", "access_log", "log_format", "add_header", "gzip", "sendfile", "keepalive_timeout",
  "client_max_body_size", "proxy_set_header", "charset", "default_type", "rewrite", "return", "try_files", "limit_req_zone",
  "proxy_cache_path", "resolver", "error_page", "expires", "autoindex", "tcp_nopush", "tcp_nodelay", "server_tokens",
  "ssl_certificate", "ssl_certificate_key", "ssl_protocols", "uwsgi_param", "fastcgi_param", "set", "if", "types",
]);

export default defineRule({
  meta: {
    id: "nginx-image-context",
    description: "a config written for another place in the image: `http {}`/`events {}` in a conf.d file, `server {}` in a main nginx.conf, a main nginx.conf without `events`, `access_log ... main` where the image defines no `main` format",
    severity: "error",
    category: "cross-file",
    files: ["nginx", "compose", "dockerfile"],
    messages: {
      notAllowedInHttp:
        "{{path}} is included inside `http {}` ({{how}}), so `{{name}}` is not allowed here: nginx refuses to start (\"[emerg] \\\"{{name}}\\\" directive is not allowed here in {{path}}\"); {{advice}}",
      notAllowedInMain:
        "{{path}} is read as the main configuration, where `{{name}}` is not allowed: nginx refuses to start (\"[emerg] \\\"{{name}}\\\" directive is not allowed here in {{path}}\"); wrap it in `http { ... }` (with an `events {}` block), or mount the file into /etc/nginx/conf.d/ instead",
      noEvents:
        "{{path}} is the main configuration and has no `events` block: nginx refuses to start (\"[emerg] no \\\"events\\\" section in configuration\"); add `events {}` at the top level",
      unknownFormat:
        "log format \"{{format}}\" is not defined {{where}}: nginx refuses to start (\"[emerg] unknown log format \\\"{{format}}\\\"\"); define it with `log_format {{format}} ...;` before this line in the http block, or use the predefined `combined`",
    },
    fixable: false,
  },
  check({ project, model, report }) {
    const seen = new Set<NginxDirective>();
    const once = (d: NginxDirective): boolean => {
      if (seen.has(d)) return false;
      seen.add(d);
      return true;
    };
    for (const instance of nginxInstances(project, model.stacks)) {
      for (const loaded of instance.files) {
        const top = loaded.file.ast.directives;
        if (loaded.context.length === 1 && loaded.context[0] === "http") {
          const bad = top.find((d) => MAIN_ONLY.has(d.name));
          if (bad && once(bad)) {
            report({
              messageId: "notAllowedInHttp",
              at: { file: loaded.file.source, start: bad.nameRange.start, end: bad.nameRange.end },
              data: {
                path: loaded.containerPath, name: bad.name, how: how(instance, loaded),
                advice: bad.name === "http" || bad.name === "events"
                  ? fixed(
                      "keep only what is inside `http { ... }` (server, upstream, map blocks), or mount the file as /etc/nginx/nginx.conf",
                      "只保留 `http { ... }` 里面的内容（server、upstream、map 块），或者把这个文件挂载为 /etc/nginx/nginx.conf",
                    )
                  : fixed("move it to the main nginx.conf, or mount a whole nginx.conf instead", "请把它移到主 nginx.conf 中，或者改为挂载一份完整的 nginx.conf"),
              },
            });
          }
        } else if (loaded.context.length === 0) {
          const bad = top.find((d) => HTTP_ONLY.has(d.name));
          if (bad && once(bad)) {
            report({ messageId: "notAllowedInMain", at: { file: loaded.file.source, start: bad.nameRange.start, end: bad.nameRange.end }, data: { path: loaded.containerPath, name: bad.name } });
          }
        }
      }
      // the main file needs `events {}` (possibly from a file included at the top level)
      const main = instance.main;
      if (main && instance.complete) {
        const topLevel = instance.files.filter((f) => f.context.length === 0);
        const hasEvents = topLevel.some((f) => f.file.ast.directives.some((d) => d.name === "events"));
        const http = main.file.ast.directives.find((d) => d.name === "http");
        const anyMisplaced = main.file.ast.directives.some((d) => HTTP_ONLY.has(d.name));
        if (!hasEvents && http && !anyMisplaced && once(http)) {
          report({ messageId: "noEvents", at: { file: main.file.source, start: http.nameRange.start, end: http.nameRange.end }, data: { path: main.containerPath } });
        }
      }
      checkLogFormats(instance, report, once);
    }
  },
});

type Report = Parameters<Parameters<typeof defineRule>[0]["check"]>[0]["report"];

function how(instance: NginxInstance, loaded: LoadedNginxFile): FixedText {
  if (loaded.includedBy) return fixed("by an `include` in the http block", "通过 http 块中的 `include`");
  if (loaded.file.source.path.endsWith(".template")) {
    return fixed(
      "the official nginx image renders /etc/nginx/templates/*.template into /etc/nginx/conf.d/, which its nginx.conf includes in http {}",
      "官方 nginx 镜像把 /etc/nginx/templates/*.template 渲染到 /etc/nginx/conf.d/，而它的 nginx.conf 在 http {} 中包含这个目录",
    );
  }
  return instance.flavour === "official"
    ? fixed("the official nginx image's nginx.conf includes /etc/nginx/conf.d/*.conf in http {}", "官方 nginx 镜像的 nginx.conf 在 http {} 中包含 /etc/nginx/conf.d/*.conf")
    : fixed("Debian's nginx.conf includes conf.d/*.conf and sites-enabled/* in http {}", "Debian 的 nginx.conf 在 http {} 中包含 conf.d/*.conf 和 sites-enabled/*");
}

function checkLogFormats(instance: NginxInstance, report: Report, once: (d: NginxDirective) => boolean): void {
  // a format is known when the image's own nginx.conf defines it or any loaded file does
  const known = new Set(["combined", ...(instance.imageLogFormats ?? [])]);
  const complete = instance.complete && (instance.main !== undefined || instance.imageLogFormats !== undefined);
  for (const l of instance.files) {
    for (const d of nginxTree(l.file.ast).named("log_format")) if (d.args[0]) known.add(d.args[0].value);
  }
  if (!complete) return;
  for (const l of instance.files) {
    for (const d of nginxTree(l.file.ast).named("access_log")) {
      const format = d.args[1];
      if (!format || format.value.includes("=") || format.value.includes("$") || known.has(format.value)) continue;
      if (d.args[0]?.value === "off") continue;
      if (!once(d)) continue;
      report({
        messageId: "unknownFormat",
        at: { file: l.file.source, start: format.start, end: format.end },
        data: {
          format: format.value,
          where: instance.main ? fixed("in this nginx's configuration", "（在这个 nginx 的配置中）")
            : instance.flavour === "debian" ? fixed("by Debian's nginx.conf (only `combined` is predefined)", "（Debian 的 nginx.conf 只预定义了 `combined`）")
            : fixed("in the image's nginx.conf", "（在镜像的 nginx.conf 中）"),
        },
      });
    }
  }
}
