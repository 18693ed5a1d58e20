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
