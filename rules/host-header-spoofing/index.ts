import { defineRule } from "../../src/engine/rule.js";
import { nginxInstances } from "../../src/model/nginx-instance.js";
import type { NginxDirective } from "../../src/parsers/nginx/ast.js";
import { defaultServers, isHttpLevel, listenAddresses, nginxTree } from "../../src/parsers/nginx/tree.js";
import { argSubrange, variablesIn } from "../../src/parsers/nginx/variables.js";
import type { ProjectFile } from "../../src/project/project.js";

export default defineRule({
  meta: {
    id: "host-header-spoofing",
    description: "`proxy_set_header Host $http_host` in a named server: the app gets the client's Host header, not the name nginx matched",
    severity: "warning",
    category: "security",
    files: ["nginx"],
    messages: {
      spoofing:
        "`{{variable}}` forwards the Host header exactly as the client sent it, not the name this server matched: a request line `GET http://{{name}}/` with `Host: evil.example` reaches this server while the app sees evil.example, so links, redirects and password-reset mails it builds can point to an attacker's host; use `$host`",
    },
    fixable: false,
  },
  check({ project, model, report }) {
    // only `$http_host` (or `${http_host}`) is judged: without it anywhere there is nothing to do
    if (!project.filesOf("nginx").some((f) => f.source.text.includes("http_host"))) return;
    // server blocks of one nginx, in load order (a file no container loads is its own nginx)
    const groups: NginxDirective[][] = [];
    const grouped = new Set<ProjectFile<"nginx">>();
    for (const instance of nginxInstances(project, model.stacks)) {
      const servers: NginxDirective[] = [];
      for (const l of instance.files) {
        grouped.add(l.file);
        for (const d of nginxTree(l.file.ast).named("server")) {
          if (d.block && isHttpLevel(l.context, d.context)) servers.push(d);
        }
      }
      groups.push(servers);
    }
    for (const file of project.filesOf("nginx")) {
      if (!grouped.has(file)) groups.push(nginxTree(file.ast).named("server").filter((d) => d.block && !d.context.includes("stream")));
    }
    // a server that is the default for one of its addresses answers any Host: there `$host` is the
    // client's choice too, so only servers reached by name are judged
    const named = new Set<NginxDirective>();
    for (const servers of groups) {
      const defaults = defaultServers(servers);
      for (const s of servers) {
        const addresses = listenAddresses(s);
        if (addresses && addresses.every((a) => defaults.get(a.address) !== s) && literalName(s)) named.add(s);
      }
    }

    const done = new Set<NginxDirective>();
    for (const file of project.filesOf("nginx")) {
      const tree = nginxTree(file.ast);
      for (const d of tree.named("proxy_set_header", "grpc_set_header")) {
        if (done.has(d)) continue;
        const [name, value] = d.args;
        if (!name || !value || name.value.toLowerCase() !== "host") continue;
        const v = variablesIn(value.value).find((x) => x.name === "http_host");
        if (!v) continue;
        const server = tree.ancestors(d).find((a) => a.name === "server");
        if (!server || !named.has(server)) continue;
        done.add(d);
        report({
          messageId: "spoofing",
          at: { file: file.source, ...argSubrange(value, v.start, v.end) },
          data: { variable: value.value.slice(v.start, v.end), name: literalName(server) ?? "" },
        });
      }
    }
  },
});

/** The first literal server name (not a regex, wildcard, `_` or variable). */
function literalName(server: NginxDirective): string | undefined {
  for (const d of server.block ?? []) {
    if (d.name !== "server_name") continue;
    for (const a of d.args) if (a.value && !/[~*$]/.test(a.value) && a.value !== "_") return a.value;
  }
  return undefined;
}
