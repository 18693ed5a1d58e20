import { defineRule, fixed, type FixedText } from "../../src/engine/rule.js";
import type { NginxDirective } from "../../src/parsers/nginx/ast.js";
import { descendants, isStandardParamsInclude, nginxTree } from "../../src/parsers/nginx/tree.js";

/** nginx modules that talk to an upstream, by directive prefix; `<m>_pass` chooses the module that serves a location. */
const MODULES = ["proxy", "uwsgi", "fastcgi", "scgi", "grpc"] as const;
type Module = (typeof MODULES)[number];

/** Params files and the module whose directives they hold. */
const PARAMS_FILES: Record<string, Module> = {
  uwsgi_params: "uwsgi", fastcgi_params: "fastcgi", "fastcgi.conf": "fastcgi", scgi_params: "scgi", proxy_params: "proxy",
};

/** Blocks that inherit module settings and may hold a `*_pass`. */
const SCOPES = new Set(["http", "server", "location", "if", "limit_except"]);

function moduleOf(name: string): Module | undefined {
  const m = MODULES.find((p) => name.startsWith(p + "_"));
  if (!m) return undefined;
  // zone definitions are not per-location settings
  if (name.endsWith("_cache_path")) return undefined;
  return m;
}

export default defineRule({
  meta: {
    id: "proxy-directive-in-uwsgi-location",
    description: "`proxy_*` directives where requests are served by `uwsgi_pass` (or `uwsgi_*` beside `proxy_pass`...): nginx ignores them silently",
    severity: "warning",
    category: "nginx",
    files: ["nginx"],
    messages: {
      ignored:
        "`{{name}}` has no effect here: this {{where}} is served by `{{pass}}`, and nginx applies `{{module}}_*` settings only to requests it hands to `{{module}}_pass` (nothing is logged); {{advice}}",
      ignoredInclude:
        "`include {{target}}` has no effect here: its `{{module}}_param` lines apply only to `{{module}}_pass`, and this {{where}} is served by `{{pass}}`; remove the include or use the matching params file",
      servedBy: "requests are handed to the upstream here",
    },
    fixable: false,
  },
  check({ project, report }) {
    for (const file of project.filesOf("nginx")) {
      const tree = nginxTree(file.ast);
      // a file whose directives and params includes all belong to one module cannot mix them
      const modules = new Set<Module>();
      for (const name of tree.names()) {
        const m = moduleOf(name);
        if (m) modules.add(m);
      }
      for (const inc of tree.named("include")) {
        const m = PARAMS_FILES[(inc.args[0]?.value ?? "").replace(/^.*\//, "")];
        if (m) modules.add(m);
      }
      if (modules.size <= 1) continue;
      // handlers per scope block, computed once
      const handlers = new Map<NginxDirective, { passes: NginxDirective[]; unsure: boolean }>();
      const handlersOf = (scope: NginxDirective): { passes: NginxDirective[]; unsure: boolean } => {
        const hit = handlers.get(scope);
        if (hit) return hit;
        const inside = descendants(scope);
        const isPass = (d: NginxDirective): boolean => MODULES.some((m) => d.name === `${m}_pass`);
        let passes = inside.filter(isPass);
        // an `if`/`limit_except` without its own handler keeps the location's
        if (passes.length === 0 && (scope.name === "if" || scope.name === "limit_except")) {
          const loc = tree.ancestors(scope).find((a) => a.name === "location");
          if (loc) passes = (loc.block ?? []).filter(isPass);
        }
        // an include of a file we cannot see may hold a handler
        const unsure = inside.some((d) => d.name === "include" && !isStandardParamsInclude(d.args[0]?.value ?? ""));
        const result = { passes, unsure };
        handlers.set(scope, result);
        return result;
      };

      // only includes and `<module>_*` directives can be out of place: ask for those names
      const names = [...tree.names()].filter((n) => n === "include" || (!n.endsWith("_pass") && moduleOf(n) !== undefined));
      for (const d of tree.named(...names)) {
        const scope = tree.parent(d);
        if (!scope || !SCOPES.has(scope.name)) continue;
        let module: Module | undefined;
        let isInclude = false;
        if (d.name === "include") {
          const base = (d.args[0]?.value ?? "").replace(/^.*\//, "");
          module = PARAMS_FILES[base];
          isInclude = true;
        } else if (!d.name.endsWith("_pass")) {
          module = moduleOf(d.name);
        }
        if (!module) continue;
        const { passes, unsure } = handlersOf(scope);
        if (unsure || passes.length === 0) continue;
        if (passes.some((p) => p.name === `${module}_pass`)) continue;
        const pass = passes[0]!;
        const where = scope.name === "location" || scope.name === "if" || scope.name === "limit_except"
          ? fixed("location")
          : fixed(`${scope.name} block (every location in it)`, `${scope.name} 块（及其中的每个 location）`);
        const data = {
          name: d.name,
          target: d.args[0]?.value ?? "",
          where,
          pass: fixed(pass.name),
          module: fixed(module),
          advice: advice(module, pass.name),
        };
        report({
          messageId: isInclude ? "ignoredInclude" : "ignored",
          at: { file: file.source, start: d.nameRange.start, end: d.nameRange.end },
          related: [{ at: { file: file.source, start: pass.nameRange.start, end: pass.end }, messageId: "servedBy" }],
          data,
        });
      }
    }
  },
});

function advice(module: Module, pass: string): FixedText {
  const target = pass.replace(/_pass$/, "");
  if (module === "proxy" && target === "uwsgi") {
    return fixed(
      "to send a value to uWSGI use `uwsgi_param` (e.g. `uwsgi_param HTTP_X_FORWARDED_PROTO $scheme;`; `uwsgi_params` already sends REMOTE_ADDR), otherwise remove the line",
      "要把值传给 uWSGI，请使用 `uwsgi_param`（例如 `uwsgi_param HTTP_X_FORWARDED_PROTO $scheme;`；`uwsgi_params` 已经会发送 REMOTE_ADDR），否则请删除这一行",
    );
  }
  return fixed(`use the \`${target}_*\` equivalent, or remove the line`, `请使用对应的 \`${target}_*\` 指令，或删除这一行`);
}
