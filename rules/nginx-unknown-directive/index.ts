import { defineRule, fixed } from "../../src/engine/rule.js";
import { nginxNoteZh } from "../../src/i18n/phrases.js";
import { closestName } from "../../src/knowledge/closest-name.js";
import { NGINX_DIRECTIVES, NGINX_VERSION_CHANGES } from "../../src/knowledge/nginx-directives.js";
import { forEachPlaced } from "../../src/model/nginx-contexts.js";

/** Directive prefixes of well-known third-party modules (OpenResty, nginx-extras, Plus): "module not loaded", not "typo". */
const THIRD_PARTY = /^(lua_|content_by_lua|access_by_lua|rewrite_by_lua|header_filter_by_lua|body_filter_by_lua|log_by_lua|init_by_lua|init_worker_by_lua|set_by_lua|balancer_by_lua|ssl_certificate_by_lua|more_set_|more_clear_|vhost_traffic_status|brotli|geoip2|modsecurity|passenger|pagespeed|auth_jwt|js_|njs_|perl|upload_progress|fancyindex|echo|set_unescape_uri|set_escape_uri|headers_more|zone_sync|health_check|sticky|ntlm|status_zone|otel_|opentracing|sub_filter_types|push_stream|rtmp|ajp_|dav_ext|nchan|testcookie|naxsi|waf_|srcache|memc_|redis2_|xss_|array_|form_input|encrypted_session|image_filter|xslt)/;

export default defineRule({
  meta: {
    id: "nginx-unknown-directive",
    description: "a directive nginx does not know (typo, a module that is not loaded, a directive removed or too new for that nginx)",
    severity: "error",
    category: "nginx",
    files: ["nginx"],
    messages: {
      typo: "unknown directive `{{name}}` (did you mean `{{suggestion}}`?): nginx refuses to start with \"[emerg] unknown directive \"{{name}}\"\"",
      module: "`{{name}}` belongs to a module this nginx does not have: nginx refuses to start with \"[emerg] unknown directive \"{{name}}\"\" unless the module is loaded (`load_module`) or built in",
      unknown: "unknown directive `{{name}}`: nginx refuses to start with \"[emerg] unknown directive \"{{name}}\"\"",
      versioned: "`{{name}}` {{change}} in nginx {{version}} ({{note}}): {{consequence}}",
    },
    fixable: false,
  },
  check({ model, project, report }) {
    forEachPlaced(project, model.stacks, (d, _context, placed) => {
      const name = d.name;
      if (NGINX_DIRECTIVES.has(name) || name.startsWith("$") || name === "" || /[^a-z0-9_]/.test(name)) return;
      const at = { file: placed.file.source, start: d.nameRange.start, end: d.nameRange.end };
      // HTTP/3 (1.25.0) adds a family of quic_*/http3_* directives at once
      const change = NGINX_VERSION_CHANGES.find((c) => c.directive === name && c.change === "added") ??
        (/^(quic_|http3_)/.test(name) ? { version: "1.25.0", note: "HTTP/3 support" } : undefined);
      if (change) {
        // too new for Debian's 1.22; fine in the official image (mainline)
        if (placed.flavour !== "debian") return;
        report({
          messageId: "versioned",
          at,
          data: {
            name,
            change: fixed("was added", "才加入"),
            version: fixed(change.version),
            note: fixed(change.note, nginxNoteZh(change.note)),
            consequence: fixed("Debian's nginx 1.22 says \"unknown directive\"", "Debian 的 nginx 1.22 会报 \"unknown directive\""),
          },
        });
        return;
      }
      if (THIRD_PARTY.test(name)) {
        report({ messageId: "module", severity: placed.flavour === "unknown" ? "warning" : "error", at, data: { name } });
        return;
      }
      const suggestion = closestName(name, NGINX_DIRECTIVES.keys());
      if (suggestion) report({ messageId: "typo", at, data: { name, suggestion } });
      else report({ messageId: "unknown", severity: placed.flavour === "unknown" ? "warning" : "error", at, data: { name } });
    });
  },
});
