import { defineRule, type RelatedDescriptor } from "../../src/engine/rule.js";
import { nginxInstances } from "../../src/model/nginx-instance.js";
import type { NginxArg, NginxDirective } from "../../src/parsers/nginx/ast.js";
import { isHttpLevel, listenAddresses, nginxTree } from "../../src/parsers/nginx/tree.js";
import type { ProjectFile } from "../../src/project/project.js";
import type { SourceFile } from "../../src/source/source-file.js";

interface ServerBlock {
  directive: NginxDirective;
  file: SourceFile;
}

export default defineRule({
  meta: {
    id: "listen-duplicate",
    description: "two `server` blocks of one nginx with the same listen address and `server_name`, or two `default_server`s on one address",
    severity: "error",
    category: "nginx",
    files: ["nginx", "compose", "dockerfile"],
    messages: {
      conflict:
        "server name \"{{name}}\" on {{address}} is already taken by an earlier `server` block: nginx warns \"conflicting server name \\\"{{name}}\\\" on {{address}}, ignored\" and never sends these requests to this block; remove one of them or give them different names/ports",
      defaultServer:
        "a second `default_server` for {{address}}: nginx refuses to start (\"[emerg] a duplicate default server for {{address}}\"); keep `default_server` on one `server` block only",
      imageDefault:
        "server name \"localhost\" on {{address}} is already taken by the official image's own /etc/nginx/conf.d/default.conf, which nginx loads first: it warns \"conflicting server name \\\"localhost\\\" on {{address}}, ignored\" and sends these requests to the image's server block (`root /usr/share/nginx/html`), so this block and its locations never apply; delete the image's file (`RUN rm /etc/nginx/conf.d/default.conf`), mount your config over it, or use another name",
      first: "the earlier `server` block with the same address and name",
    },
    fixable: false,
  },
  check({ project, model, report }) {
    const reported = new Set<NginxArg | NginxDirective>();
    const loadedAnywhere = new Set<ProjectFile<"nginx">>();
    const check = (servers: ServerBlock[]): void => {
      const names = new Map<string, { server: ServerBlock; at: NginxArg | NginxDirective }>();
      const defaults = new Map<string, { server: ServerBlock; at: NginxArg }>();
      for (const server of servers) {
        const listens = listenAddresses(server.directive);
        if (!listens) continue;
        const names_ = namesOf(server.directive);
        if (!names_) continue;
        const seenHere = new Set<string>();
        for (const l of listens) {
          if (l.defaultArg) {
            const first = defaults.get(l.address);
            if (first && first.server.directive !== server.directive) {
              if (!reported.has(l.defaultArg)) {
                reported.add(l.defaultArg);
                report({
                  messageId: "defaultServer",
                  at: { file: server.file, start: l.defaultArg.start, end: l.defaultArg.end },
                  related: [{ at: { file: first.server.file, start: first.at.start, end: first.at.end }, messageId: "first" }],
                  data: { address: l.address },
                });
              }
            } else if (!first) defaults.set(l.address, { server, at: l.defaultArg });
          }
          for (const n of names_) {
            const key = `${l.address} ${n.name}`;
            if (seenHere.has(key)) continue;
            seenHere.add(key);
            const first = names.get(key);
            if (!first) {
              names.set(key, { server, at: n.at ?? l.arg ?? server.directive });
              continue;
            }
            if (first.server.directive === server.directive) continue;
            const at = n.at ?? l.arg ?? server.directive;
            if (reported.has(at)) continue;
            reported.add(at);
            const related: RelatedDescriptor[] = [{ at: { file: first.server.file, start: first.at.start, end: atEnd(first.at) }, messageId: "first" }];
            // nginx only warns ("conflicting server name ... ignored") and serves the first block: a warning, as nginx treats it
            report({ messageId: "conflict", severity: "warning", at: { file: server.file, start: at.start, end: atEnd(at) }, related, data: { name: n.name, address: l.address } });
          }
        }
      }
    };

    for (const instance of nginxInstances(project, model.stacks)) {
      const servers: ServerBlock[] = [];
      const imageDefaultFirst = new Set<NginxDirective>();
      for (const l of instance.files) {
        loadedAnywhere.add(l.file);
        // conf.d files sorting after the image's default.conf come after its `server_name localhost` on port 80
        const afterImageDefault = instance.imageDefaultConf && l.containerPath.startsWith("/etc/nginx/conf.d/") && l.containerPath > "/etc/nginx/conf.d/default.conf";
        for (const d of nginxTree(l.file.ast).named("server")) {
          if (d.block && isHttpLevel(l.context, d.context)) {
            servers.push({ directive: d, file: l.file.source });
            if (afterImageDefault) imageDefaultFirst.add(d);
          }
        }
      }
      check(servers);
      for (const server of servers) {
        if (!imageDefaultFirst.has(server.directive)) continue;
        const listens = listenAddresses(server.directive) ?? [];
        const names = namesOf(server.directive) ?? [];
        const localhost = names.find((n) => n.name === "localhost");
        const address = listens.find((l) => l.address === "0.0.0.0:80")?.address;
        if (!localhost?.at || !address || reported.has(localhost.at)) continue;
        reported.add(localhost.at);
        report({ messageId: "imageDefault", severity: "warning", at: { file: server.file, start: localhost.at.start, end: localhost.at.end }, data: { address } });
      }
    }
    // files no modelled container loads: one nginx per file
    for (const file of project.filesOf("nginx")) {
      if (loadedAnywhere.has(file)) continue;
      const servers: ServerBlock[] = [];
      for (const d of nginxTree(file.ast).named("server")) {
        if (d.block && (d.context.length === 0 || (d.context.length === 1 && d.context[0] === "http"))) servers.push({ directive: d, file: file.source });
      }
      check(servers);
    }
  },
});

function atEnd(at: NginxArg | NginxDirective): number {
  return "nameRange" in at ? at.nameRange.end : at.end;
}

/** Server names (lower case; "" when there is no server_name); undefined when one is a variable or template. */
function namesOf(server: NginxDirective): { name: string; at: NginxArg | undefined }[] | undefined {
  const directives = (server.block ?? []).filter((d) => d.name === "server_name");
  if (directives.length === 0) return [{ name: "", at: undefined }];
  const out: { name: string; at: NginxArg | undefined }[] = [];
  for (const d of directives) {
    for (const a of d.args) {
      if (a.value.includes("$")) return undefined;
      if (a.value.startsWith("~")) continue; // regex names are not checked for conflicts
      out.push({ name: a.value.toLowerCase(), at: a });
    }
  }
  return out;
}
