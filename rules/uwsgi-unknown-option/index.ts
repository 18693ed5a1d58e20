import { defineRule } from "../../src/engine/rule.js";
import { closestName } from "../../src/knowledge/closest-name.js";
import { UWSGI_OPTIONS, lookupUwsgiOption } from "../../src/knowledge/uwsgi-options.js";

/** Option prefixes of uWSGI plugins outside the generated list (core + python3 + http). */
const OTHER_PLUGIN_PREFIXES = [
  "cheaper-busyness-", "carbon", "rrdtool", "gevent", "greenlet", "asyncio", "ugreen", "tornado", "stats-pusher", "router-", "fastrouter",
  "rawrouter", "sslrouter", "forkptyrouter", "tuntap", "emperor-zeromq", "zeromq", "zmq", "pypy", "psgi", "rack", "php", "lua", "jvm", "jwsgi",
  "mono", "v8", "ssi", "xslt", "webdav", "ldap", "graylog2", "syslog", "rsyslog", "logcrypto", "logzmq", "transformation-", "geoip", "matheval",
  "glusterfs", "rados", "redislog", "mongodblog", "mongrel2", "symcall", "coroae", "stackless", "gccgo", "ring", "dumbloop", "notfound", "spooler-import",
];

export default defineRule({
  meta: {
    id: "uwsgi-unknown-option",
    description: "a key in [uwsgi] that is no uWSGI option (typo, `post buffering`): uWSGI ignores it silently",
    severity: "error",
    category: "uwsgi",
    files: ["uwsgi"],
    messages: {
      misspelt:
        "`{{key}}` is not a uWSGI option (did you mean `{{suggestion}}`?): uWSGI silently ignores unknown keys (they only become %(placeholders)), so this setting has no effect; with `strict = true` it would stop: \"[strict-mode] unknown config directive: {{key}}\"",
      unknown:
        "`{{key}}` is not a uWSGI option and no %({{key}}) uses it as a placeholder: uWSGI ignores it silently (\"[strict-mode] unknown config directive: {{key}}\" with `strict = true`)",
    },
    fixable: true,
  },
  check({ project, report }) {
    for (const file of project.filesOf("uwsgi")) {
      const text = file.source.text;
      for (const section of file.ast.sections) {
        if (section.name !== "uwsgi") continue;
        for (const e of section.entries) {
          if (!e.hasEquals || lookupUwsgiOption(e.key)) continue;
          // unknown keys are uWSGI's placeholders: `project = x` used as %(project) is fine
          if (text.includes(`%(${e.key})`)) continue;
          // options of plugins the generated list does not load (pip's uWSGI embeds cheaper_busyness, carbon, ...)
          if (OTHER_PLUGIN_PREFIXES.some((p) => e.key.startsWith(p))) continue;
          const suggestion = closestName(e.key, UWSGI_OPTIONS.keys());
          const at = { file: file.source, start: e.keyRange.start, end: e.keyRange.end };
          if (suggestion) {
            // only separators differ (`post buffering`, `post_buffering`): renaming is exactly what was meant
            const sameWords = suggestion === e.key.trim().replace(/[\s_]+/g, "-");
            report({
              messageId: "misspelt",
              at,
              data: { key: e.key, suggestion },
              ...(sameWords ? { fix: { safe: true, edits: [{ file: file.source, start: e.keyRange.start, end: e.keyRange.end, text: suggestion }] } } : {}),
            });
          } else {
            report({ messageId: "unknown", severity: "warning", at, data: { key: e.key } });
          }
        }
      }
    }
  },
});
