import { defineRule, fixed } from "../../src/engine/rule.js";
import type { Stack } from "../../src/model/stack.js";
import type { Service } from "../../src/model/types.js";
import type { PyValue } from "../../src/parsers/django/ast.js";
import { isDjangoSettings } from "../django-debug-misspelt/index.js";

/** Environment lookups of the settings idioms (os.environ.get, os.getenv, django-environ, python-decouple). */
const ENV_GETTERS = /^(os\.environ\.get|os\.getenv|environ\.get|getenv|env|env\.str|config|os\.environ\.setdefault|env_var|get_env|get_env_variable)$/;

/**
 * A literal SECRET_KEY (`SECRET_KEY = "..."`) is plaintext-secret's finding (weak for startproject's
 * `django-insecure-` key). This rule reports what that one cannot see: the key written as the
 * fallback of an environment lookup, when the containers that load the settings do not set the variable,
 * so the committed fallback is the key in use.
 */
export default defineRule({
  meta: {
    id: "django-secret-key-literal",
    description: "SECRET_KEY falls back to a key written in settings (`os.environ.get(\"SECRET_KEY\", \"...\")`) and the containers that use the settings do not set the variable (value never shown)",
    severity: "warning",
    category: "django",
    files: ["django", "compose", "dotenv"],
    messages: {
      fallback:
        "SECRET_KEY falls back to {{what}} (value hidden) because container {{services}} does not set {{variable}}: Django signs sessions, password-reset links and CSRF tokens with a key anyone with the repository has; set {{variable}} in the container's environment (compose `environment:` or an uncommitted `env_file`) and drop the default, so a missing variable fails loudly",
    },
    fixable: false,
  },
  check({ model, project, report }) {
    const dotenvNames = new Set<string>();
    for (const f of project.filesOf("dotenv")) for (const e of f.ast.entries) dotenvNames.add(e.key);
    // settings modules that assign SECRET_KEY, counted once (split settings: base.py + production.py)
    const assigning = project.filesOf("django").filter((f) => f.ast.assignments.some((a) => a.name === "SECRET_KEY"));
    for (const file of project.filesOf("django")) {
      if (!isDjangoSettings(file)) continue;
      const keys = file.ast.assignments.filter((a) => a.name === "SECRET_KEY");
      const last = keys[keys.length - 1];
      if (!last || last.depth !== 0 || last.op !== "=" || keys.some((k) => k.depth !== 0)) continue;
      // split settings (base.py + production.py): another module may set the key without a fallback
      if (assigning.some((f) => f !== file)) continue;
      const lookup = envLookup(last.value);
      if (!lookup || dotenvNames.has(lookup.variable)) continue;
      const users: { stack: Stack; service: Service }[] = [];
      for (const stack of model.stacks) for (const service of stack.services) if (service.configFiles.includes(file)) users.push({ stack, service });
      if (users.length === 0) continue;
      if (users.some(({ service }) => mayDefine(project, service, lookup.variable))) continue;
      const names = [...new Set(users.map((u) => `"${u.service.name}"`))];
      report({
        messageId: "fallback",
        at: { file: file.source, start: lookup.fallback.start, end: lookup.fallback.end },
        data: {
          what: lookup.fallback.value.startsWith("django-insecure-")
            ? fixed("the development key `startproject` generated (`django-insecure-…`)", " `startproject` 生成的开发密钥（`django-insecure-…`）")
            : fixed("the key written here", "写在这里的密钥"),
          services: names.join(", "),
          variable: lookup.variable,
        },
      });
    }
  },
});

function envLookup(value: PyValue): { variable: string; fallback: Extract<PyValue, { kind: "str" }> } | undefined {
  if (value.kind !== "call" || !ENV_GETTERS.test(value.callee)) return undefined;
  const name = value.args[0];
  const def = value.args[1] ?? value.kwargs.find((k) => k.name === "default")?.value;
  if (name?.kind !== "str" || def?.kind !== "str" || def.formatted || def.value.trim() === "") return undefined;
  return { variable: name.value, fallback: def };
}

/** Could the container have the variable? Known environment, Dockerfile ENV, or something the model cannot read. */
function mayDefine(project: { pathKind(path: string): string }, service: Service, variable: string): boolean {
  if (service.origin !== "compose") return true; // `docker run --env-file`, `-e` from a shell variable: not modelled exactly
  if (service.environment.some((e) => e.name === variable)) return true;
  if (service.build?.image?.env.has(variable)) return true;
  if (!service.build && service.image) return true; // a prebuilt image may set it in its own ENV
  // an env_file the repository does not hold (a gitignored .env.prod) may define it
  return service.envFiles.some((e) => project.pathKind(e.path) !== "file");
}
