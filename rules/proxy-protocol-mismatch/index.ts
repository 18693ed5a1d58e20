import { defineRule, fixed, type FixedText, type RelatedDescriptor } from "../../src/engine/rule.js";
import type { Protocol } from "../../src/model/types.js";

/** The three protocols nginx can speak to an app server; others are not judged. */
const JUDGED = new Set<Protocol>(["http", "uwsgi", "fastcgi"]);

const DIRECTIVE_FOR: Record<string, string> = { http: "proxy_pass http://", uwsgi: "uwsgi_pass", fastcgi: "fastcgi_pass" };

export default defineRule({
  meta: {
    id: "proxy-protocol-mismatch",
    description: "nginx speaks a different protocol (HTTP, uwsgi, FastCGI) than the app server listening on the upstream port",
    severity: "error",
    category: "cross-file",
    files: ["nginx", "uwsgi", "compose", "dockerfile", "shell"],
    messages: {
      mismatch:
        "nginx sends {{sent}} to {{target}}, but {{service}} listens there with {{listening}} ({{program}}): every request ends in 502 ({{symptom}}); use {{fix}}",
      listener: "{{service}} listens here with {{listening}}",
      upstreamServer: "the upstream server nginx connects to",
    },
    fixable: false,
  },
  check({ model, report }) {
    for (const stack of model.stacks) {
      for (const connection of stack.connections) {
        if (connection.client !== "nginx" || !JUDGED.has(connection.protocol)) continue;
        const target = stack.target(connection);
        const listeners = target.listeners.filter((l) => JUDGED.has(l.protocol));
        if (listeners.length === 0 || listeners.some((l) => l.protocol === connection.protocol)) continue;
        const listener = listeners[0]!;
        const related: RelatedDescriptor[] = [{ at: listener.loc, messageId: "listener", data: { service: listener.service.name, listening: describe(listener.protocol) } }];
        const at = connection.directiveLoc ?? connection.loc;
        if (connection.directiveLoc) related.push({ at: connection.loc, messageId: "upstreamServer" });
        report({
          messageId: "mismatch",
          at,
          related,
          data: {
            sent: describe(connection.protocol),
            target: `${connection.host}:${connection.port ?? "?"}`,
            service: listener.service.name,
            listening: describe(listener.protocol),
            program: fixed(listener.program),
            symptom: fixed(
              connection.protocol === "http" && listener.protocol === "uwsgi"
                ? 'nginx: "upstream prematurely closed connection", uWSGI: "invalid request block size"'
                : 'nginx: "upstream prematurely closed connection while reading response header from upstream"'),
            fix: listener.protocol === "uwsgi"
              ? fixed("`uwsgi_pass` with `include uwsgi_params;`, or let uWSGI listen with `http-socket`", "`uwsgi_pass` 加上 `include uwsgi_params;`，或让 uWSGI 用 `http-socket` 监听")
              : fixed(
                  `\`${DIRECTIVE_FOR[listener.protocol] ?? "proxy_pass"}\` for this upstream, or make the app server listen with the protocol nginx sends`,
                  `对这个上游使用 \`${DIRECTIVE_FOR[listener.protocol] ?? "proxy_pass"}\`，或让应用服务器以 nginx 发送的协议监听`,
                ),
          },
        });
      }
    }
  },
});

function describe(protocol: Protocol): FixedText {
  return protocol === "http" ? fixed("HTTP") : protocol === "uwsgi" ? fixed("the uwsgi protocol", "uwsgi 协议") : protocol === "fastcgi" ? fixed("FastCGI") : fixed(protocol);
}
