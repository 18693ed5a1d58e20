import { defineRule, fixed, type FixedText } from "../../src/engine/rule.js";
import type { PyAssignment } from "../../src/parsers/django/ast.js";
import { tokenizePython } from "../../src/parsers/django/tokenize.js";
import type { ProjectFile } from "../../src/project/project.js";
import { positionAt, type SourceFile } from "../../src/source/source-file.js";
import { DJANGO_MARKERS, DJANGO_SETTINGS } from "./settings-names.js";

export default defineRule({
  meta: {
    id: "django-debug-misspelt",
    description: "a settings assignment whose name is a Django setting in the wrong case (`Debug = False`, `allowed_hosts = [...]`): Django reads only upper-case names and ignores it",
    severity: "error",
    category: "django",
    files: ["django"],
    messages: {
      misspelt:
        "`{{name}}` is not `{{setting}}`: Django reads only upper-case names from settings and silently ignores this one, so {{setting}} {{effect}}; rename it to `{{setting}}`",
    },
    fixable: false,
  },
  check({ project, report }) {
    for (const file of project.filesOf("django")) {
      if (!isDjangoSettings(file)) continue;
      const assignments = file.ast.assignments;
      const reported = new Set<string>();
      for (const a of assignments) {
        const upper = a.name.toUpperCase();
        if (a.name === upper || !DJANGO_SETTINGS.has(upper) || reported.has(a.name)) continue;
        // a lower-case helper the file uses later (`debug = ...; DEBUG = debug`, `if debug:`) is a variable, not a typo
        const targets = assignments.filter((b) => b.name === a.name).map((b) => b.nameRange.start);
        if (nameUses(file.source, a.name).some((start) => !targets.includes(start))) continue;
        reported.add(a.name);
        report({
          messageId: "misspelt",
          at: { file: file.source, start: a.nameRange.start, end: a.nameRange.end },
          data: { name: a.name, setting: upper, effect: effect(file, upper, assignments) },
        });
      }
    }
  },
});

function effect(file: ProjectFile<"django">, setting: string, assignments: PyAssignment[]): FixedText {
  const real = assignments.filter((b) => b.name === setting);
  const last = real[real.length - 1];
  if (last) {
    const line = positionAt(file.source, last.nameRange.start).line;
    return fixed(`keeps the value set on line ${line}`, `保持第 ${line} 行设置的值`);
  }
  if (setting === "DEBUG") return fixed("stays whatever another settings module sets, or Django's default, False (this line has no effect)", "保持其他 settings 模块设置的值，或 Django 的默认值 False（这一行不起作用）");
  return fixed("keeps the value another settings module sets, or Django's default (this line has no effect)", "保持其他 settings 模块设置的值，或 Django 的默认值（这一行不起作用）");
}

/** A settings module of Django (not Scrapy's or a Flask config): it assigns a setting only Django has. */
export function isDjangoSettings(file: ProjectFile<"django">): boolean {
  return file.ast.assignments.some((a) => DJANGO_MARKERS.has(a.name)) || file.ast.itemAssignments.some((a) => DJANGO_MARKERS.has(a.name));
}

const NAME_USES = new WeakMap<SourceFile, Map<string, number[]>>();

/** Offsets of every NAME token spelled exactly `name` in the module (assignment targets included). */
export function nameUses(source: SourceFile, name: string): number[] {
  let index = NAME_USES.get(source);
  if (!index) {
    index = new Map();
    for (const t of tokenizePython(source.text).tokens) {
      if (t.kind !== "name") continue;
      const list = index.get(t.value);
      if (list) list.push(t.start);
      else index.set(t.value, [t.start]);
    }
    NAME_USES.set(source, index);
  }
  return index.get(name) ?? [];
}
