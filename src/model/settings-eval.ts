import type { PyValue } from "../parsers/django/ast.js";
import type { SourceFile } from "../source/source-file.js";
import type { EnvVar, Loc } from "./types.js";

/** A settings value after resolving environment lookups, with where it really came from. */
export interface Evaluated {
  text: string;
  loc: Loc;
  /** True when the text came from an environment variable's definition (compose env / env_file). */
  fromEnv: boolean;
  /** The settings.py node it was computed from. */
  node: PyValue;
}

const ENV_GETTERS = /^(os\.environ\.get|os\.getenv|environ\.get|getenv|env|env\.str|env\.int|config|os\.environ\.setdefault|env_var|get_env|get_env_variable)$/;

/**
 * Evaluate the common settings idioms to a string: literals,
 * `os.environ.get("X", "default")`, `os.getenv`, django-environ `env("X", default=)`,
 * python-decouple `config("X", default=)`, `os.environ["X"]`, `str + str`.
 * The environment is the service's (compose `environment` + `env_file`).
 * Returns undefined when the value cannot be known.
 */
export function evaluate(value: PyValue, file: SourceFile, env: Map<string, EnvVar>): Evaluated | undefined {
  const loc: Loc = { file, start: value.start, end: value.end };
  switch (value.kind) {
    case "str":
      return value.formatted ? undefined : { text: value.value, loc, fromEnv: false, node: value };
    case "num":
      return { text: value.text, loc, fromEnv: false, node: value };
    case "bool":
      return { text: value.value ? "True" : "False", loc, fromEnv: false, node: value };
    case "call": {
      if (!ENV_GETTERS.test(value.callee)) {
        if (value.callee === "int" || value.callee === "str") return value.args[0] ? evaluate(value.args[0], file, env) : undefined;
        return undefined;
      }
      const nameArg = value.args[0];
      if (!nameArg || nameArg.kind !== "str") return undefined;
      const defined = env.get(nameArg.value);
      if (defined?.value && !defined.value.unknown) {
        return { text: defined.value.text, loc: defined.value.loc, fromEnv: true, node: value };
      }
      if (defined) return undefined;
      const def = value.args[1] ?? value.kwargs.find((k) => k.name === "default")?.value;
      return def ? evaluate(def, file, env) : undefined;
    }
    case "subscript": {
      if (!/^(os\.)?environ$/.test(value.target) || value.index.kind !== "str") return undefined;
      const defined = env.get(value.index.value);
      return defined?.value && !defined.value.unknown ? { text: defined.value.text, loc: defined.value.loc, fromEnv: true, node: value } : undefined;
    }
    case "binop": {
      if (value.op !== "+") return undefined;
      const l = evaluate(value.left, file, env);
      const r = evaluate(value.right, file, env);
      return l && r ? { text: l.text + r.text, loc, fromEnv: l.fromEnv || r.fromEnv, node: value } : undefined;
    }
    default:
      return undefined;
  }
}

/** `dict[key]` for a dict literal with string keys. */
export function dictGet(value: PyValue | undefined, key: string): PyValue | undefined {
  if (!value || value.kind !== "dict") return undefined;
  let found: PyValue | undefined;
  for (const entry of value.entries) if (entry.key.kind === "str" && entry.key.value === key) found = entry.value;
  return found;
}

export function dictEntries(value: PyValue | undefined): { key: string; value: PyValue }[] {
  if (!value || value.kind !== "dict") return [];
  const out: { key: string; value: PyValue }[] = [];
  for (const entry of value.entries) if (entry.key.kind === "str") out.push({ key: entry.key.value, value: entry.value });
  return out;
}
