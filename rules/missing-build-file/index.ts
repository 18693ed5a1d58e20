import { posix } from "node:path";
import { defineRule, type RuleContext } from "../../src/engine/rule.js";
import { BuildContext } from "../../src/model/image/build-context.js";
import { runCommands, substitute, type DockerImage } from "../../src/model/image/dockerfile-image.js";
import type { BuildInfo } from "../../src/model/types.js";
import type { Project } from "../../src/project/project.js";

export default defineRule({
  meta: {
    id: "missing-build-file",
    description: "a COPY/ADD source or `pip install -r` file that is not in the build context (or is excluded by .dockerignore)",
    severity: "error",
    category: "cross-file",
    files: ["dockerfile", "compose", "shell"],
    messages: {
      copyMissing:
        "`{{source}}` is not in the build context {{context}}: the build fails with \"failed to compute cache key: \\\"/{{source}}\\\": not found\"; paths in COPY/ADD are relative to the context, not to the Dockerfile",
      copyExcluded: "`{{source}}` is excluded from the build context by .dockerignore: the build fails with \"failed to compute cache key: \\\"/{{source}}\\\": not found\"",
      requirementsMissing:
        "`{{path}}` does not exist in the image when this runs: {{where}} has no `{{rel}}`, so the build fails with \"ERROR: Could not open requirements file: [Errno 2] No such file or directory: '{{path}}'\"",
      context: "the build context is set here",
    },
    fixable: false,
  },
  check({ model, project, report }) {
    const seen = new Set<string>();
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        const build = service.build;
        // Dockerfiles with no declared context (found on their own) are not judged: `docker build -f` may use any.
        if (!build?.image || service.origin === "dockerfile") continue;
        const key = `${build.dockerfilePath}\0${build.context}`;
        if (seen.has(key)) continue;
        seen.add(key);
        checkBuild(project, build, build.image, report);
      }
    }
  },
});

function checkBuild(project: Project, build: BuildInfo, image: DockerImage, report: RuleContext["report"]): void {
  if (project.pathKind(build.context) !== "dir") return;
  const context = new BuildContext(project, build.context);
  const file = image.file.source;
  const contextName = project.display(build.context) || ".";
  for (const instr of image.file.ast.instructions) {
    if ((instr.keyword !== "COPY" && instr.keyword !== "ADD") || instr.heredocs.length > 0 || instr.flags.some((f) => f.name === "from")) continue;
    const sources = instr.form === "exec" && instr.execArgs
      ? instr.execArgs.slice(0, -1).map((a) => ({ text: a.value, start: a.start, end: a.end }))
      : words(instr.args, instr.argsRange.start).slice(0, -1);
    for (const s of sources) {
      const text = substitute(s.text, image.env);
      if (/^[a-z]+:\/\//i.test(text) || text.includes("$") || text.startsWith("git@")) continue;
      const state = context.exists(text);
      if (state === "yes") continue;
      report({
        messageId: state === "excluded" ? "copyExcluded" : "copyMissing",
        at: { file, start: s.start, end: s.end },
        related: [{ at: build.loc, messageId: "context" }],
        data: { source: text.replace(/^\.\//, ""), context: contextName },
      });
    }
  }
  for (const run of image.runs) {
    for (const command of runCommands(run.instruction)) {
      const w = command.words;
      const pip = w.findIndex((x) => /^pip[\d.]*$/.test(posix.basename(x.value)) || x.value === "pip");
      const viaModule = w.findIndex((x, i) => x.value === "-m" && /^pip[\d.]*$/.test(w[i + 1]?.value ?? ""));
      const start = pip >= 0 ? pip : viaModule >= 0 ? viaModule + 1 : -1;
      if (start < 0 || w[start + 1]?.value !== "install") continue;
      for (let i = start + 2; i < w.length; i++) {
        const flag = w[i]!.value;
        if (flag !== "-r" && flag !== "--requirement" && flag !== "-c" && flag !== "--constraint") continue;
        const arg = w[i + 1];
        if (!arg || arg.hasExpansion) continue;
        const path = posix.resolve(run.workdir, substitute(arg.value, image.env));
        const found = imageSource(project, build, image, path, run.instruction.start);
        if (!found || found.exists) continue;
        report({
          messageId: "requirementsMissing",
          at: { file, start: arg.start, end: arg.end },
          related: [{ at: { file, start: found.copy.start, end: found.copy.end }, messageId: "context" }],
          data: { path: arg.value, where: project.display(found.dir) || ".", rel: found.rel },
        });
      }
    }
  }
}

/** Which context directory a path in the image comes from (through COPY/ADD of a directory before `before`). */
function imageSource(project: Project, build: BuildInfo, image: DockerImage, path: string, before: number): { exists: boolean; dir: string; rel: string; copy: { start: number; end: number } } | undefined {
  for (let i = image.copies.length - 1; i >= 0; i--) {
    const copy = image.copies[i]!;
    if (copy.fromStage || copy.instruction.start > before) continue;
    const destDir = copy.dest.replace(/\/+$/, "") || "/";
    for (const source of copy.sources) {
      if (/[*?[]/.test(source)) continue;
      const hostSource = posix.join(build.context, source);
      const kind = project.pathKind(hostSource);
      if (kind === "file") {
        const target = copy.dest.endsWith("/") ? posix.join(copy.dest, posix.basename(source)) : copy.dest;
        if (target === path) return { exists: true, dir: posix.dirname(hostSource), rel: posix.basename(source), copy: copy.instruction };
      } else if (kind === "dir" && (path === destDir || path.startsWith(destDir === "/" ? "/" : destDir + "/"))) {
        const rel = path.slice(destDir === "/" ? 1 : destDir.length + 1);
        return { exists: project.pathKind(posix.join(hostSource, rel)) === "file", dir: hostSource, rel, copy: copy.instruction };
      }
    }
  }
  return undefined;
}

/** Whitespace-separated words of a shell-form argument list, with offsets. */
function words(text: string, base: number): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(/\S+/g)) out.push({ text: m[0], start: base + (m.index ?? 0), end: base + (m.index ?? 0) + m[0].length });
  return out;
}
