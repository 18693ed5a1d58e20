import { posix } from "node:path";
import { defineRule, fixed, type MessageData } from "../../src/engine/rule.js";

const CONSEQUENCE = fixed(
  "the migration files are generated wherever it runs instead of once in development, so they differ between hosts and rebuilds and are never committed, while the database records them as applied; the next set generated elsewhere conflicts with it (\"Conflicting migrations detected\", \"... already exists\")",
  "迁移文件在它运行的每个地方各自生成，而不是在开发时生成一次，所以不同主机、每次重新构建生成的文件都不一样，也从来没有提交到仓库，而数据库却把它们记录为已执行；之后在别处生成的迁移就会与之冲突（\"Conflicting migrations detected\"、\"... already exists\"）",
);
import { substitute } from "../../src/model/image/dockerfile-image.js";
import type { CommandSpec, Loc } from "../../src/model/types.js";
import type { ShellCommand } from "../../src/parsers/shell/ast.js";
import { parseShellCommands } from "../../src/parsers/shell/parse.js";

export default defineRule({
  meta: {
    id: "shell-makemigrations",
    description: "`manage.py makemigrations` run at container start or image build: migration files are generated per container instead of committed",
    severity: "warning",
    category: "shell",
    files: ["shell", "dockerfile", "compose"],
    messages: {
      start:
        "`makemigrations` runs every time container \"{{service}}\" starts: {{consequence}}; run `makemigrations` in development, commit the migration files and run only `migrate` here",
      build:
        "`makemigrations` runs while the image is built: {{consequence}}; run `makemigrations` in development, commit the migration files and run only `migrate` at start",
      image:
        "`makemigrations` runs every time a container of this image starts: {{consequence}}; run `makemigrations` in development, commit the migration files and run only `migrate` here",
      runBy: "container \"{{service}}\" runs the script here",
    },
    fixable: false,
  },
  check({ model, report }) {
    const seen = new Set<string>();
    const emit = (at: Loc, messageId: "start" | "build" | "image", service?: string, runBy?: Loc): void => {
      const key = `${at.file.path}:${at.start}`;
      if (seen.has(key)) return;
      seen.add(key);
      const data: MessageData = { consequence: CONSEQUENCE, ...(service === undefined ? {} : { service }) };
      report({ messageId, at, data, ...(runBy ? { related: [{ at: runBy, messageId: "runBy", data }] } : {}) });
    };
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        // start scripts the container runs
        const script = service.main?.script;
        if (script?.file) {
          for (const command of script.file.ast.commands) {
            if (command.enclosing.includes("if") || command.enclosing.includes("case")) continue;
            const word = makemigrationsWord(command.words.map((w) => w.value));
            if (word === undefined) continue;
            const w = command.words[word]!;
            emit({ file: script.file.source, start: w.start, end: w.end }, "start", service.name, script.loc);
          }
        }
        // compose `command:` / `entrypoint:`
        for (const spec of [service.command, service.entrypoint]) {
          for (const at of specHits(spec, new Map())) emit(at, "start", service.name);
        }
        // the image: RUN at build time, CMD/ENTRYPOINT at start
        const image = service.build?.image;
        if (!image) continue;
        for (const run of image.runs) {
          for (const command of run.commands) {
            if (command.enclosing.includes("if") || command.enclosing.includes("case")) continue;
            const word = makemigrationsWord(command.words.map((w) => substitute(w.value, image.env)));
            if (word === undefined) continue;
            const w = command.words[word]!;
            emit({ file: image.file.source, start: w.start, end: w.end }, "build");
          }
        }
        for (const spec of [image.cmd, image.entrypoint]) {
          for (const at of specHits(spec, image.env)) emit(at, "image");
        }
      }
    }
  },
});

/** Index of the `makemigrations` word in `python manage.py makemigrations`, `django-admin makemigrations`, `./manage.py makemigrations`. */
export function makemigrationsWord(words: string[]): number | undefined {
  const tool = words.findIndex((w) => /^(manage\.py|django-admin(\.py)?)$/.test(posix.basename(w)));
  if (tool < 0) return undefined;
  let i = tool + 1;
  while (i < words.length && words[i]!.startsWith("-")) i++;
  if (words[i] !== "makemigrations") return undefined;
  // `--check` / `--dry-run` write nothing: a CI guard, not a generator
  if (words.slice(i + 1).some((w) => w === "--check" || w === "--dry-run")) return undefined;
  return i;
}

/** `makemigrations` in a CMD/ENTRYPOINT/compose command: exec form, `sh -c "..."`, or Dockerfile shell form. */
function specHits(spec: CommandSpec | undefined, env: Map<string, string>): Loc[] {
  if (!spec || spec.argv.length === 0) return [];
  const out: Loc[] = [];
  const scan = (text: string, loc: Loc, exact: boolean): void => {
    // offsets are exact for Dockerfile shell form (continuations are blanked in place) and unquoted or simply quoted values
    const raw = loc.file.text.slice(loc.start, loc.end);
    const shift = exact || raw === text ? 0 : raw.length === text.length + 2 && /^["']/.test(raw) && raw.slice(1, -1) === text ? 1 : -1;
    const parsed = parseShellCommands(text, shift >= 0 ? loc.start + shift : 0).commands;
    for (const c of parsed) out.push(...commandHits(c, env, shift >= 0 ? undefined : loc, loc.file));
  };
  if (spec.form === "shell") {
    const value = spec.argv[0]!;
    scan(value.text, value.loc, true);
    return out;
  }
  const words = spec.argv.map((v) => v.text);
  const shell = /^(ba|da|a|z)?sh$/.test(posix.basename(words[0] ?? ""));
  const c = shell ? words.findIndex((w) => /^-\w*c$/.test(w)) : -1;
  if (c >= 0 && spec.argv[c + 1]) {
    const value = spec.argv[c + 1]!;
    scan(value.text, value.loc, false);
    return out;
  }
  const word = makemigrationsWord(words.map((w) => substitute(w, env)));
  if (word !== undefined) out.push(spec.argv[word]!.loc);
  return out;
}

function commandHits(command: ShellCommand, env: Map<string, string>, fallback: Loc | undefined, file: Loc["file"]): Loc[] {
  if (command.enclosing.includes("if") || command.enclosing.includes("case")) return [];
  const word = makemigrationsWord(command.words.map((w) => substitute(w.value, env)));
  if (word === undefined) return [];
  const w = command.words[word]!;
  return [fallback ?? { file, start: w.start, end: w.end }];
}
