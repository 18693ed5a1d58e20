import { posix } from "node:path";
import type { PyAssignment, PyValue } from "../parsers/django/ast.js";
import type { ProjectFile } from "../project/project.js";
import type { Service } from "./types.js";

/** The settings modules a service's Django reads (settings.py files under its code). */
export function djangoSettingsOf(service: Service): ProjectFile<"django">[] {
  return service.configFiles.filter((f): f is ProjectFile<"django"> => f.kind === "django");
}

/** The last top-level `NAME = ...` of a settings module. */
export function setting(file: ProjectFile<"django">, name: string): PyAssignment | undefined {
  let found: PyAssignment | undefined;
  for (const a of file.ast.assignments) if (a.name === name && a.op === "=" && a.depth === 0) found = a;
  return found;
}

/** A literal list/tuple of literal strings, or undefined when it is computed. */
export function stringList(value: PyValue | undefined): { value: string; start: number; end: number }[] | undefined {
  if (!value || (value.kind !== "list" && value.kind !== "tuple")) return undefined;
  const out: { value: string; start: number; end: number }[] = [];
  for (const item of value.items) {
    if (item.kind !== "str" || item.formatted) return undefined;
    out.push({ value: item.value, start: item.start, end: item.end });
  }
  return out;
}

/** Django's host validation (django.http.request.validate_host): exact, `.domain` suffix, `*`. */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");
  return allowed.some((pattern) => {
    const p = pattern.toLowerCase();
    if (p === "*") return true;
    if (p.startsWith(".")) return h.endsWith(p) || h === p.slice(1);
    return h === p;
  });
}

/**
 * Evaluate a settings path expression to an absolute path inside the
 * container, given where the settings module itself is: `BASE_DIR /
 * "static"`, `os.path.join(BASE_DIR, "static")`, `Path(__file__).resolve().parent.parent`,
 * `os.path.dirname(os.path.dirname(os.path.abspath(__file__)))`, literals.
 */
export function evaluatePath(file: ProjectFile<"django">, value: PyValue, settingsPath: string, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  const again = (v: PyValue): string | undefined => evaluatePath(file, v, settingsPath, depth + 1);
  switch (value.kind) {
    case "str":
      return value.formatted ? undefined : value.value;
    case "name": {
      if (value.name === "__file__") return settingsPath;
      const a = setting(file, value.name);
      return a ? again(a.value) : undefined;
    }
    case "binop":
      if (value.op !== "/") return undefined;
      return join2(again(value.left), again(value.right));
    case "call": {
      const args = value.args;
      if (value.callee === "os.path.join" && args.length > 0) {
        let out = again(args[0]!);
        for (const a of args.slice(1)) out = join2(out, again(a));
        return out;
      }
      if ((value.callee === "os.path.dirname") && args[0]) {
        const inner = again(args[0]);
        return inner === undefined ? undefined : posix.dirname(inner);
      }
      if ((value.callee === "os.path.abspath" || value.callee === "os.path.realpath" || value.callee === "str" || value.callee === "Path" || value.callee === "pathlib.Path") && args[0]) return again(args[0]);
      return undefined;
    }
    case "expr": {
      // Path(__file__).resolve().parent.parent / Path(__file__).parents[1]
      const m = /^(?:pathlib\.)?Path\(__file__\)(?:\.resolve\(\)|\.absolute\(\))?((?:\.parent)*)(?:\.parents\[(\d+)\])?$/.exec(value.text.replace(/\s+/g, ""));
      if (!m) return undefined;
      let p = settingsPath;
      const ups = (m[1]!.match(/\.parent/g) ?? []).length + (m[2] !== undefined ? Number(m[2]) + 1 : 0);
      for (let i = 0; i < ups; i++) p = posix.dirname(p);
      return p;
    }
    default:
      return undefined;
  }
}

function join2(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined) return undefined;
  return b.startsWith("/") ? b : posix.join(a, b);
}
