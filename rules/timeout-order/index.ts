import { defineRule, fixed, type RelatedDescriptor } from "../../src/engine/rule.js";
import { nginxSeconds } from "../../src/model/durations.js";
import { uwsgiEntries } from "../../src/model/listeners.js";
import type { Loc, ProcessNode } from "../../src/model/types.js";
import type { ProjectFile } from "../../src/project/project.js";
import { inherited } from "../../src/parsers/nginx/walk.js";

/** nginx's default for proxy_read_timeout / uwsgi_read_timeout. */
const NGINX_DEFAULT_READ_TIMEOUT = 60;
/** gunicorn's default worker timeout (`--timeout`). */
const GUNICORN_DEFAULT_TIMEOUT = 30;

export default defineRule({
  meta: {
    id: "timeout-order",
    description: "the app server kills a request (uWSGI harakiri, gunicorn --timeout) before nginx stops waiting for it: slow requests end in 502 instead of 504",
    severity: "warning",
    category: "cross-file",
    files: ["uwsgi", "nginx", "compose", "dockerfile", "shell"],
    messages: {
      appFirst:
        "{{setting}} = {{app}} s is shorter than nginx's `{{nginxDirective}}` ({{nginx}} s): a request slower than {{app}} s is killed by {{program}} and nginx answers 502 (\"upstream prematurely closed connection\") instead of waiting; make {{setting}} at least as long as the nginx timeout, or shorten the nginx one",
      nginxTimeout: "nginx waits {{nginx}} s here",
    },
    fixable: false,
  },
  check({ model, report }) {
    for (const stack of model.stacks) {
      for (const connection of stack.connections) {
        if (!connection.nginx || (connection.protocol !== "uwsgi" && connection.protocol !== "http")) continue;
        const target = stack.target(connection);
        for (const listener of target.listeners) {
          const node = listener.process;
          if (!node) continue;
          const app = appTimeout(node);
          if (!app) continue;
          const directiveName = connection.protocol === "uwsgi" ? "uwsgi_read_timeout" : "proxy_read_timeout";
          const { pass, parents, file } = connection.nginx;
          const set = inherited(directiveName, pass, parents, file.ast.directives);
          const nginx = set?.args[0] ? nginxSeconds(set.args[0].value) : NGINX_DEFAULT_READ_TIMEOUT;
          if (nginx === undefined || app.seconds >= nginx || (!set && app.implicit)) continue;
          const related: RelatedDescriptor[] = [{ at: set ? { file: file.source, start: set.start, end: set.end } : connection.directiveLoc ?? connection.loc, messageId: "nginxTimeout", data: { nginx } }];
          report({
            messageId: "appFirst",
            at: app.loc,
            related,
            data: { setting: fixed(app.setting, app.implicit ? app.setting.replace("gunicorn's default", "gunicorn 默认的") : undefined), app: app.seconds, nginxDirective: fixed(directiveName), nginx, program: fixed(node.program) },
          });
        }
      }
    }
  },
});

/** The request timeout of the app server: uWSGI `harakiri`, gunicorn `--timeout` (default 30 s). */
function appTimeout(node: ProcessNode): { seconds: number; loc: Loc; setting: string; implicit: boolean } | undefined {
  if (node.program === "uwsgi") {
    const file = node.config?.kind === "uwsgi" ? (node.config as ProjectFile<"uwsgi">) : undefined;
    const entry = file ? uwsgiEntries(file).filter((e) => e.key === "harakiri").pop() : undefined;
    if (entry && file && /^\d+$/.test(entry.value.trim())) {
      const seconds = Number(entry.value.trim());
      return seconds > 0 ? { seconds, loc: { file: file.source, start: entry.start, end: entry.end }, setting: "harakiri", implicit: false } : undefined;
    }
    const i = node.argv.findIndex((a) => a === "--harakiri");
    const v = i >= 0 ? node.argv[i + 1] : node.argv.find((a) => a.startsWith("--harakiri="))?.slice(11);
    return v && /^\d+$/.test(v) && Number(v) > 0 ? { seconds: Number(v), loc: node.loc, setting: "--harakiri", implicit: false } : undefined;
  }
  if (node.program === "gunicorn") {
    const i = node.argv.findIndex((a) => a === "--timeout" || a === "-t");
    const v = i >= 0 ? node.argv[i + 1] : node.argv.find((a) => a.startsWith("--timeout="))?.slice(10);
    if (v !== undefined) return /^\d+$/.test(v) && Number(v) > 0 ? { seconds: Number(v), loc: node.loc, setting: "gunicorn --timeout", implicit: false } : undefined;
    // a config file (-c) may set it: unknown
    if (node.argv.some((a) => a === "-c" || a.startsWith("--config"))) return undefined;
    return { seconds: GUNICORN_DEFAULT_TIMEOUT, loc: node.loc, setting: "gunicorn's default --timeout", implicit: true };
  }
  return undefined;
}
