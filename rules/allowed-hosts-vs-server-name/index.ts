import { defineRule, fixed } from "../../src/engine/rule.js";
import { djangoSettingsOf, hostAllowed, setting, stringList } from "../../src/model/django-settings.js";
import { inheritedList } from "../../src/parsers/nginx/walk.js";
import type { Connection } from "../../src/model/types.js";

export default defineRule({
  meta: {
    id: "allowed-hosts-vs-server-name",
    description: "Django's ALLOWED_HOSTS does not contain the Host header nginx forwards (server_name, or the upstream name proxy_pass sends by default)",
    severity: "warning",
    category: "cross-file",
    files: ["django", "nginx"],
    messages: {
      missing:
        "ALLOWED_HOSTS ({{allowed}}) does not contain `{{host}}`, the Host header Django receives through nginx ({{how}}): every request gets 400 Bad Request and Django logs \"Invalid HTTP_HOST header: '{{host}}'. You may need to add '{{host}}' to ALLOWED_HOSTS.\"{{advice}}",
      upstreamName:
        "`{{host}}` (the upstream name) is not a valid host name for Django: \"Invalid HTTP_HOST header: '{{host}}'. The domain name provided is not valid according to RFC 1034/1035.\" — every request gets 400; add `proxy_set_header Host $host;`",
      source: "nginx sends this Host",
    },
    fixable: false,
  },
  check({ model, report }) {
    for (const stack of model.stacks) {
      for (const connection of stack.connections) {
        if (!connection.nginx || (connection.protocol !== "http" && connection.protocol !== "uwsgi")) continue;
        const target = stack.target(connection);
        if (!target.service) continue;
        for (const settings of djangoSettingsOf(target.service)) {
          const assignment = setting(settings, "ALLOWED_HOSTS");
          const allowed = stringList(assignment?.value);
          if (!assignment || !allowed || allowed.length === 0) continue;
          const forwarded = forwardedHost(connection);
          if (!forwarded) continue;
          const names = allowed.map((a) => a.value);
          if (forwarded.kind === "upstream" && forwarded.host.includes("_")) {
            report({ messageId: "upstreamName", at: connection.directiveLoc ?? connection.loc, data: { host: forwarded.host } });
            continue;
          }
          for (const host of forwarded.hosts) {
            if (hostAllowed(host, names)) continue;
            report({
              messageId: "missing",
              at: { file: settings.source, start: assignment.start, end: assignment.end },
              related: [{ at: forwarded.loc, messageId: "source" }],
              data: {
                allowed: names.join(", "),
                host,
                how:
                  forwarded.kind === "upstream" ? fixed("proxy_pass sends the upstream's name unless `proxy_set_header Host $host;`", "除非设置了 `proxy_set_header Host $host;`，proxy_pass 发送的是上游名")
                  : forwarded.kind === "literal" ? fixed("proxy_set_header Host")
                  : fixed("the client's Host, nginx's server_name", "客户端的 Host，即 nginx 的 server_name"),
                advice: forwarded.kind === "upstream" ? fixed("; add `proxy_set_header Host $host;` or that name", "；请加上 `proxy_set_header Host $host;`，或把那个名字加入 ALLOWED_HOSTS") : fixed(""),
              },
            });
            break;
          }
        }
      }
    }
  },
});

type Forwarded =
  | { kind: "server_name" | "literal"; hosts: string[]; host?: undefined; loc: Connection["loc"] }
  | { kind: "upstream"; hosts: string[]; host: string; loc: Connection["loc"] };

/** What Host header Django sees for requests nginx sends through this connection. */
function forwardedHost(connection: Connection): Forwarded | undefined {
  const { pass, parents, file } = connection.nginx!;
  const server = [...parents].reverse().find((p) => p.name === "server");
  const serverNames = (server?.block ?? []).filter((d) => d.name === "server_name").flatMap((d) => d.args.map((a) => ({ value: a.value, loc: { file: file.source, start: d.start, end: d.end } })));
  // names a client can really send: no `_`, no regex, no wildcard, no empty name
  const concrete = serverNames.filter((n) => n.value !== "_" && n.value !== "" && n.value !== "\"\"" && !n.value.startsWith("~") && !n.value.includes("*") && !n.value.includes("$"));
  if (connection.protocol === "http") {
    const header = [...(pass.block ?? []), ...inheritedList("proxy_set_header", parents, file.ast.directives)].find((d) => d.name === "proxy_set_header" && d.args[0]?.value.toLowerCase() === "host");
    if (!header) {
      const arg = pass.args[0]?.value ?? "";
      const host = arg.replace(/^[a-z]+:\/\//, "").split("/")[0]!.replace(/:\d+$/, "");
      if (!host || host.includes("$")) return undefined;
      return { kind: "upstream", host, hosts: [host], loc: { file: file.source, start: pass.start, end: pass.end } };
    }
    const value = header.args[1]?.value ?? "";
    const loc = { file: file.source, start: header.start, end: header.end };
    if (value === "$host" || value === "$http_host" || value === "$server_name") {
      return concrete.length > 0 ? { kind: "server_name", hosts: concrete.map((n) => n.value.replace(/^\./, "")), loc: concrete[0]!.loc } : undefined;
    }
    if (value.includes("$")) return undefined;
    return { kind: "literal", hosts: [value], loc };
  }
  // uwsgi_pass: Django reads HTTP_HOST, the client's own Host header
  return concrete.length > 0 ? { kind: "server_name", hosts: concrete.map((n) => n.value.replace(/^\./, "")), loc: concrete[0]!.loc } : undefined;
}

