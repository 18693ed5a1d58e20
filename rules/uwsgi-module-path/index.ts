import { readdirSync } from "node:fs";
import { posix } from "node:path";
import { defineRule, fixed, type FixedText, type RelatedDescriptor, type RuleContext } from "../../src/engine/rule.js";
import { coveringMount, resolveContainerPath } from "../../src/model/container-fs.js";
import type { Stack } from "../../src/model/stack.js";
import type { Loc, ProcessNode, Service } from "../../src/model/types.js";
import type { ShellCommand } from "../../src/parsers/shell/ast.js";
import type { Project } from "../../src/project/project.js";
import { lastSetting, uwsgiConfig, type UwsgiSetting } from "../uwsgi-no-master/uwsgi-settings.js";

/** RUN commands that can put files anywhere in the image: after them, absence in the build context proves nothing. */
const CREATORS = new Set(["git", "django-admin", "django-admin.py", "cp", "mv", "ln", "tar", "unzip", "wget", "curl", "rsync", "cookiecutter", "svn", "hg", "ADD"]);
/** Directories never searched for a misplaced module. */
const SKIP_DIRS = new Set(["node_modules", ".git", "venv", ".venv", "env", "static", "media", "staticfiles", "__pycache__", "site-packages"]);

type Presence = "present" | "absent" | "unknown";

export default defineRule({
  meta: {
    id: "uwsgi-module-path",
    description: "uWSGI `chdir`, `wsgi-file` or `module` pointing where the container has no such directory, file or Python module",
    severity: "error",
    category: "uwsgi",
    files: ["uwsgi", "dockerfile", "compose", "supervisor"],
    messages: {
      chdir:
        "`chdir = {{value}}`: container \"{{service}}\" has no such directory ({{where}}), so uWSGI exits at start with \"chdir(): No such file or directory [core/uwsgi.c line 2625]\"; point it at the directory the code is mounted or copied to",
      wsgiFile:
        "`{{key}} = {{value}}`: container \"{{service}}\" has no file {{path}} ({{where}}): uWSGI logs \"failed to open python file {{value}}\" and \"*** no app loaded. going in full dynamic mode ***\", then answers every request with 500 (\"--- no python application found, check your startup logs for errors ---\"){{hint}}",
      module:
        "`{{key}} = {{value}}`: container \"{{service}}\" has {{found}} but no {{missing}} ({{where}}): uWSGI logs \"ModuleNotFoundError: No module named '{{module}}'\" and \"*** no app loaded. going in full dynamic mode ***\", then answers every request with 500{{hint}}",
      misplaced:
        "`{{key}} = {{value}}`: container \"{{service}}\" has no {{missing}} on uWSGI's Python path ({{bases}}), but the project puts it at {{actual}}: uWSGI logs \"ModuleNotFoundError: No module named '{{module}}'\" and \"*** no app loaded. going in full dynamic mode ***\", then answers every request with 500; set `chdir = {{dir}}` (or fix `module`)",
      source: "{{what}}",
    },
    fixable: false,
  },
  check({ project, model, report }) {
    const done = new Set<string>();
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        const main = service.main;
        for (const node of [...(main?.programs ?? []), ...service.supervised]) {
          if (node.program !== "uwsgi") continue;
          const config = uwsgiConfig(project, service, node);
          if (!config.complete) continue;
          const ctx = new Context(project, service, stack, node);
          const chdir = lastSetting(config, ["chdir"]);
          let base: string | undefined;
          if (chdir) {
            if (chdir.value === undefined || !chdir.value.startsWith("/")) continue;
            base = posix.normalize(chdir.value);
            const p = ctx.presence(base, "dir");
            if (p.presence === "absent") {
              once(done, chdir, () => report({ messageId: "chdir", at: chdir.loc, related: ctx.related(p.where), data: { value: chdir.raw, service: service.name, where: p.where.text } }));
              continue;
            }
            if (p.presence !== "present") continue;
          } else {
            base = ctx.cwd();
          }
          if (base === undefined) continue;
          const bases = [base];
          for (const s of config.settings) {
            if (s.key !== "pythonpath" && s.key !== "python-path" && s.key !== "pp") continue;
            if (s.value === undefined) continue;
            bases.push(posix.resolve(base, s.value));
          }
          for (const s of config.settings) {
            if (s.value === undefined || s.source === "env") continue;
            if (s.key === "wsgi-file" || s.key === "file") checkFile(ctx, s, base, done, report);
            else if (s.key === "module" || s.key === "wsgi" || s.key === "w") checkModule(ctx, s, bases, done, report);
          }
        }
      }
    }
  },
});

type Report = RuleContext["report"];

function once(done: Set<string>, s: UwsgiSetting, f: () => void): void {
  const key = `${s.loc.file.path}:${s.loc.start}`;
  if (done.has(key)) return;
  done.add(key);
  f();
}

interface Where {
  text: FixedText;
  loc: Loc | undefined;
}

class Context {
  constructor(
    readonly project: Project,
    readonly service: Service,
    readonly stack: Stack,
    readonly node: ProcessNode,
  ) {}

  related(where: Where): RelatedDescriptor[] {
    return where.loc ? [{ at: where.loc, messageId: "source", data: { what: where.text } }] : [];
  }

  /** The process's working directory when uWSGI gets no `chdir`: the image's WORKDIR, if nothing changes it. */
  cwd(): string | undefined {
    const main = this.service.main;
    if (!main?.programs.includes(this.node)) return undefined;
    if (main.scriptCommands.some((c) => c.words[0]?.value === "cd" || c.words[0]?.value === "pushd")) return undefined;
    if (this.stack.composeFiles.some((f) => f.source.text.includes("working_dir"))) return undefined;
    return this.service.build?.image?.workdir;
  }

  /**
   * Is there a file/directory at this container path? Known only under a bind-mounted project
   * directory or a COPY of a build-context directory, and only if no RUN could have made it.
   */
  presence(path: string, want: "dir" | "file" | "any"): { presence: Presence; where: Where; hostPath?: string } {
    const unknown = { presence: "unknown" as const, where: { text: fixed(""), loc: undefined } };
    const r = resolveContainerPath(this.project, this.service, path);
    const matches = (host: string): boolean => {
      const k = this.project.pathKind(host);
      return want === "any" ? k !== "none" : k === want;
    };
    if (r.kind === "bind") {
      const source = r.mount.source;
      if (!source || this.project.pathKind(source) !== "dir") return unknown;
      if (this.createdAtStart(path)) return unknown;
      const where = { text: fixed(`bind mount of ${this.project.display(source)} at ${r.mount.target}`, `绑定挂载 ${this.project.display(source)} → ${r.mount.target}`), loc: r.mount.loc };
      return { presence: matches(r.hostPath) ? "present" : "absent", where, hostPath: r.hostPath };
    }
    if (r.kind === "copy") return { presence: matches(r.hostPath) ? "present" : "unknown", where: { text: fixed(""), loc: undefined }, hostPath: r.hostPath };
    if (r.kind !== "image" || coveringMount(this.service, path)) return unknown;
    // the nearest ancestor that a COPY of a context directory provides
    const image = this.service.build?.image;
    if (!image) return unknown;
    for (let dir = posix.dirname(path); dir !== "/" && dir !== "."; dir = posix.dirname(dir)) {
      const a = resolveContainerPath(this.project, this.service, dir);
      if (a.kind === "image") continue;
      if (a.kind !== "copy" || this.project.pathKind(a.hostPath) !== "dir") return unknown;
      if (this.createdByRun(path)) return unknown;
      const instr = a.copy.instruction;
      return {
        presence: "absent",
        where: {
          text: fixed(`not in ${this.project.display(a.hostPath)}, which the Dockerfile copies to ${dir}`, `不在 Dockerfile 复制到 ${dir} 的 \`${this.project.display(a.hostPath)}\` 中`),
          loc: { file: image.file.source, start: instr.start, end: instr.end },
        },
        hostPath: posix.join(a.hostPath, path.slice(dir.length + 1)),
      };
    }
    return unknown;
  }

  private createdByRun(path: string): boolean {
    const commands = (this.service.build?.image?.runs ?? []).flatMap((r) => r.commands);
    return creates(commands, path) || this.createdAtStart(path);
  }

  /** The start script may create it before uWSGI runs (`django-admin startproject`, `git clone` ...). */
  private createdAtStart(path: string): boolean {
    return creates(this.service.main?.scriptCommands ?? [], path);
  }
}

function creates(commands: readonly ShellCommand[], path: string): boolean {
  const parts = path.split("/").filter(Boolean);
  for (const c of commands) {
    const name = posix.basename(c.words[0]?.value ?? "");
    if (CREATORS.has(name)) return true;
    const names = (text: string): boolean => parts.some((p) => p.length > 2 && text.includes(p));
    if ((name === "mkdir" || name === "touch" || name === "install") && c.words.some((w) => names(w.value))) return true;
    if (c.redirects.some((r) => r.op.startsWith(">") && r.target !== undefined && names(r.target.value))) return true;
  }
  return false;
}

function checkFile(ctx: Context, s: UwsgiSetting, base: string, done: Set<string>, report: Report): void {
  const value = s.value!;
  if (value.includes("=") || value.includes("://")) return;
  const path = posix.resolve(base, value);
  const p = ctx.presence(path, "file");
  if (p.presence !== "absent") return;
  once(done, s, () =>
    report({
      messageId: "wsgiFile",
      at: s.loc,
      related: ctx.related(p.where),
      data: { key: s.key, value: s.raw, service: ctx.service.name, path, where: p.where.text, hint: "" },
    }),
  );
}

function checkModule(ctx: Context, s: UwsgiSetting, bases: string[], done: Set<string>, report: Report): void {
  const value = s.value!.trim();
  // `mountpoint=module`, file paths and calls are other forms of the option
  if (/[=/\s]/.test(value) || value.endsWith(".py")) return;
  const module = value.split(":")[0]!;
  if (!/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/.test(module)) return;
  const parts = module.split(".");
  const top = parts[0]!;
  const candidates = (base: string, segs: string[]): string[] => {
    const p = posix.join(base, ...segs);
    return [`${p}.py`, p];
  };
  let knownEverywhere = true;
  for (const base of bases) {
    const topPresence = candidates(base, [top]).map((c) => ctx.presence(c, "any"));
    if (topPresence.some((x) => x.presence === "present")) {
      if (parts.length === 1) return;
      const full = candidates(base, parts).map((c) => ctx.presence(c, "any"));
      if (full.some((x) => x.presence !== "absent")) return;
      const where = full[0]!.where;
      once(done, s, () =>
        report({
          messageId: "module",
          at: s.loc,
          related: ctx.related(where),
          data: {
            key: s.key,
            value: s.raw,
            service: ctx.service.name,
            found: fixed(`${posix.join(base, top)}`),
            missing: fixed(`${posix.join(base, ...parts)}.py`),
            module,
            where: where.text,
            hint: "",
          },
        }),
      );
      return;
    }
    if (topPresence.some((x) => x.presence === "unknown")) knownEverywhere = false;
  }
  if (!knownEverywhere) return;
  // Not on the path at all: an installed package is possible, unless the project holds the
  // module elsewhere (a wrong chdir): then that is what uWSGI was meant to load.
  const first = bases[0]!;
  const root = ctx.presence(first, "dir");
  if (root.presence !== "present" || !root.hostPath) return;
  const rel = `${parts.join("/")}.py`;
  const found = findBelow(ctx.project, root.hostPath, rel, 3);
  if (!found) return;
  const dir = posix.join(first, found.slice(root.hostPath.length + 1, found.length - rel.length));
  once(done, s, () =>
    report({
      messageId: "misplaced",
      at: s.loc,
      related: ctx.related(root.where),
      data: {
        key: s.key,
        value: s.raw,
        service: ctx.service.name,
        missing: fixed(rel),
        bases: fixed(bases.join(", ")),
        actual: fixed(posix.join(first, found.slice(root.hostPath!.length + 1))),
        // Python stops at the first missing package
        module: top,
        dir: fixed(dir),
      },
    }),
  );
}

/** A file at `rel` below `dir` (breadth first, at most `depth` directories down), as a host path. */
function findBelow(project: Project, dir: string, rel: string, depth: number): string | undefined {
  let level = [dir];
  for (let d = 0; d <= depth && level.length > 0; d++) {
    const next: string[] = [];
    for (const base of level) {
      if (d > 0 && project.pathKind(posix.join(base, rel)) === "file") return posix.join(base, rel);
      let names: string[] = [];
      try {
        names = readdirSync(base).sort();
      } catch {
        continue;
      }
      for (const n of names) {
        if (SKIP_DIRS.has(n) || n.startsWith(".")) continue;
        const p = posix.join(base, n);
        if (project.pathKind(p) === "dir") next.push(p);
      }
    }
    level = next.slice(0, 200);
  }
  return undefined;
}
