import { defineRule, fixed, type FixedText } from "../../src/engine/rule.js";
import { NGINX_DIRECTIVES, nginxDirectiveIn } from "../../src/knowledge/nginx-directives.js";
import { forEachPlaced } from "../../src/model/nginx-contexts.js";

const WHERE: Record<string, string> = {
  main: "the main level", events: "events {}", http: "http {}", server: "server {}", location: "location {}", upstream: "upstream {}",
  if_server: "if {} in a server", if_location: "if {} in a location", limit_except: "limit_except {}", stream: "stream {}",
  stream_server: "a stream server {}", stream_upstream: "a stream upstream {}", mail: "mail {}", mail_server: "a mail server {}",
};
const WHERE_ZH: Record<string, string> = {
  main: "顶层", if_server: "server 中的 if {}", if_location: "location 中的 if {}",
  stream_server: "stream 的 server {}", stream_upstream: "stream 的 upstream {}", mail_server: "mail 的 server {}",
};
const where = (c: string): FixedText => fixed(WHERE[c] ?? c, WHERE_ZH[c] ?? WHERE[c] ?? c);

export default defineRule({
  meta: {
    id: "nginx-wrong-context",
    description: "a directive in a block where nginx does not allow it (e.g. `proxy_pass` in server {}, `listen` in location {})",
    severity: "error",
    category: "nginx",
    files: ["nginx"],
    messages: {
      notAllowed:
        "`{{name}}` is not allowed in {{where}}{{fileNote}}: nginx refuses to start with \"[emerg] \"{{name}}\" directive is not allowed here\"; it belongs in {{allowed}}",
    },
    fixable: false,
  },
  check({ model, project, report }) {
    forEachPlaced(project, model.stacks, (d, context, placed) => {
      const defs = NGINX_DIRECTIVES.get(d.name);
      if (!defs || nginxDirectiveIn(d.name, context).length > 0) return;
      // `http`/`events`/`server` at the top of a conf.d file are the nginx-image-context rule's finding
      if (d.context.length === 0 && context === "http" && (d.name === "http" || d.name === "events" || d.name === "worker_processes" || d.name === "user" || d.name === "pid")) return;
      if (d.context.length === 0 && context === "main" && (d.name === "server" || d.name === "location" || d.name === "upstream")) return;
      const allowed = [...new Set(defs.flatMap((x) => x.contexts))].filter((c) => c !== "any").map(where);
      report({
        messageId: "notAllowed",
        at: { file: placed.file.source, start: d.nameRange.start, end: d.nameRange.end },
        data: {
          name: d.name,
          where: where(context),
          fileNote: d.context.length === 0 && context === "http" ? fixed(" (this file is included inside http {})", "（这个文件是在 http {} 内被 include 的）") : fixed(""),
          allowed: allowed.length === 0
            ? fixed("no block", "（没有任何块）")
            : fixed(allowed.slice(0, 4).map((a) => a.fixed).join(", "), allowed.slice(0, 4).map((a) => a.zh ?? a.fixed).join("、")),
        },
      });
    });
  },
});
