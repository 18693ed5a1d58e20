import { defineRule, fixed } from "../../src/engine/rule.js";
import { djangoSettingsOf, setting, stringList } from "../../src/model/django-settings.js";
import type { NginxDirective } from "../../src/parsers/nginx/ast.js";
import { levelsOutward, namedIn } from "../../src/parsers/nginx/walk.js";

export default defineRule({
  meta: {
    id: "csrf-behind-https-proxy",
    description: "HTTPS ends at nginx, which proxies plain HTTP to Django without X-Forwarded-Proto + SECURE_PROXY_SSL_HEADER or CSRF_TRUSTED_ORIGINS: every POST fails the CSRF origin check",
    severity: "warning",
    category: "cross-file",
    files: ["nginx", "django"],
    messages: {
      origin:
        "nginx terminates HTTPS for {{origin}} and proxies plain HTTP to \"{{service}}\", but {{missing}}: Django believes requests are http:// and rejects every form POST with 403 \"Origin checking failed - {{origin}} does not match any trusted origins.\" (Django ≥ 4.0); add `proxy_set_header X-Forwarded-Proto $scheme;` here and `SECURE_PROXY_SSL_HEADER = (\"HTTP_X_FORWARDED_PROTO\", \"https\")` in settings, or list the origin in CSRF_TRUSTED_ORIGINS",
      settings: "Django's settings",
    },
    fixable: false,
  },
  check({ model, report }) {
    for (const stack of model.stacks) {
      for (const connection of stack.connections) {
        if (!connection.nginx || connection.protocol !== "http") continue;
        const { pass, parents, file } = connection.nginx;
        const server = [...parents].reverse().find((p) => p.name === "server");
        if (!server || !isTls(server)) continue;
        const name = (server.block ?? []).filter((d) => d.name === "server_name").flatMap((d) => d.args.map((a) => a.value)).find((n) => /^[a-z0-9.-]+$/i.test(n) && n.includes("."));
        if (!name) continue;
        const origin = `https://${name}`;
        const target = stack.target(connection);
        if (!target.service) continue;
        for (const settings of djangoSettingsOf(target.service)) {
          if (!setting(settings, "MIDDLEWARE") && !setting(settings, "INSTALLED_APPS")) continue;
          const trusted = stringList(setting(settings, "CSRF_TRUSTED_ORIGINS")?.value);
          if (setting(settings, "CSRF_TRUSTED_ORIGINS") && !trusted) continue;
          if (trusted?.some((t) => t.value === origin || (t.value.startsWith("https://*.") && origin.endsWith(t.value.slice(9))))) continue;
          const proxyHeader = forwardsProto(pass, parents, file.ast.directives);
          const djangoHeader = setting(settings, "SECURE_PROXY_SSL_HEADER") !== undefined;
          if (proxyHeader && djangoHeader) continue;
          const missing =
            !proxyHeader && !djangoHeader ? fixed("nginx sends no X-Forwarded-Proto and settings have no SECURE_PROXY_SSL_HEADER", "nginx 没有发送 X-Forwarded-Proto，settings 中也没有 SECURE_PROXY_SSL_HEADER")
            : !proxyHeader ? fixed("nginx sends no X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER reads it)", "nginx 没有发送 X-Forwarded-Proto（SECURE_PROXY_SSL_HEADER 读取的就是它）")
            : fixed("settings have no SECURE_PROXY_SSL_HEADER", "settings 中没有 SECURE_PROXY_SSL_HEADER");
          report({
            messageId: "origin",
            at: { file: file.source, start: pass.start, end: pass.end },
            related: [{ at: { file: settings.source, start: 0, end: 0 }, messageId: "settings" }],
            data: { origin, service: target.service.name, missing },
          });
        }
      }
    }
  },
});

function isTls(server: NginxDirective): boolean {
  return (server.block ?? []).some((d) => (d.name === "listen" && d.args.some((a) => a.value === "ssl" || a.value === "quic")) || (d.name === "ssl" && d.args[0]?.value === "on"));
}

/** `proxy_set_header X-Forwarded-Proto` in effect for the proxy_pass (innermost level that sets any header wins). */
function forwardsProto(pass: NginxDirective, parents: readonly NginxDirective[], top: readonly NginxDirective[]): boolean {
  void pass;
  for (const level of levelsOutward(parents, top)) {
    const headers = namedIn(level, "proxy_set_header");
    if (headers.length > 0) return headers.some((h) => h.args[0]?.value.toLowerCase() === "x-forwarded-proto");
    if (namedIn(level, "include").some((d) => /proxy_params/.test(d.args[0]?.value ?? ""))) return true;
  }
  return false;
}
