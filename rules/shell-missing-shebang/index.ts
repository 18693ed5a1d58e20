import { defineRule, fixed, type RelatedDescriptor } from "../../src/engine/rule.js";
import { resolveContainerPath } from "../../src/model/container-fs.js";
import type { Loc, Service } from "../../src/model/types.js";
import type { ProjectFile } from "../../src/project/project.js";
import { positionAt, type SourceFile } from "../../src/source/source-file.js";
import { execChmods } from "../entrypoint-not-executable/index.js";

export default defineRule({
  meta: {
    id: "shell-missing-shebang",
    description: "a script that is executed as a program (run directly by a container, or made executable by the Dockerfile) without a `#!` first line",
    severity: "warning",
    category: "shell",
    files: ["shell", "dockerfile", "compose"],
    messages: {
      execFormat:
        "{{script}} {{what}}, and container \"{{service}}\" starts it directly as its main process: the kernel refuses to execute it and the container exits at once (\"exec {{written}}: exec format error\"); add `#!/bin/sh` (or `#!/bin/bash` for bash syntax) as the very first line",
      runDirectly:
        "{{script}} {{what}}, and container \"{{service}}\" runs it as a program (`{{written}}`): it works only because the shell that starts it runs the file itself when exec fails (/bin/sh for Dockerfile shell form and `sh -c`, so bash syntax fails), while anything that is not a shell (Docker's own exec, gosu, supervisord) fails with \"exec format error\"; add `#!/bin/sh` (or `#!/bin/bash`) as the very first line",
      chmod:
        "no shebang in a script the Dockerfile makes executable ({{where}}): {{script}} {{what}}, so executed directly (`CMD [\"{{path}}\"]`, `docker run image {{path}}`) it fails with \"exec format error\", and a shell that starts it runs it with itself (usually /bin/sh) whatever it was written for; add `#!/bin/sh` (or `#!/bin/bash`) as the very first line",
      runBy: "container \"{{service}}\" runs it here",
      madeExecutable: "the Dockerfile makes it executable here",
    },
    fixable: false,
  },
  check({ model, project, report }) {
    interface Finding {
      file: ProjectFile<"shell">;
      runner: { service: Service; loc: Loc; written: string; pid1: boolean } | undefined;
      chmods: Loc[];
      path: string;
    }
    const findings = new Map<ProjectFile<"shell">, Finding>();
    const entry = (file: ProjectFile<"shell">, path: string): Finding => {
      let f = findings.get(file);
      if (!f) findings.set(file, (f = { file, runner: undefined, chmods: [], path }));
      return f;
    };
    const seenImages = new Set<string>();
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        const main = service.main;
        const script = main?.script;
        if (main && script?.file && script.direct && badStart(script.file.source)) {
          const pid1 = main.argv[0] === script.written && !main.shellForm && script.written.includes("/");
          const f = entry(script.file, script.containerPath);
          if (!f.runner || (pid1 && !f.runner.pid1)) f.runner = { service, loc: script.loc, written: script.written, pid1 };
        }
        // files the image makes executable: RUN chmod +x / COPY --chmod=755
        const image = service.build?.image;
        if (!image || !service.build) continue;
        const key = `${image.file.source.path}\0${service.build.context}`;
        if (seenImages.has(key)) continue;
        seenImages.add(key);
        const imageOnly: Service = { ...service, mounts: [] };
        for (const chmod of execChmods(image)) {
          if (!chmod.loc) continue;
          for (const path of chmod.files) {
            const resolved = resolveContainerPath(project, imageOnly, path);
            if (resolved.kind !== "copy" || project.pathKind(resolved.hostPath) !== "file") continue;
            const loaded = project.loaded(resolved.hostPath);
            const file = loaded?.kind === "shell" ? (loaded as ProjectFile<"shell">) : !loaded && resolved.hostPath.endsWith(".sh") ? project.load(resolved.hostPath, "shell") : undefined;
            if (!file || !badStart(file.source)) continue;
            const f = entry(file, path);
            if (!f.chmods.some((c) => c.file === chmod.loc!.file && c.start === chmod.loc!.start)) f.chmods.push(chmod.loc);
          }
        }
      }
    }
    for (const f of findings.values()) {
      const source = f.file.source;
      const script = project.display(source.path);
      const what = source.bom
        ? fixed("starts with a UTF-8 byte order mark, so the kernel does not see its `#!` line", "以 UTF-8 字节顺序标记（BOM）开头，所以内核看不到它的 `#!` 行")
        : source.encoding.startsWith("utf-16")
          ? fixed("is saved as UTF-16, so the kernel does not see a `#!` line", "以 UTF-16 保存，所以内核看不到 `#!` 行")
          : fixed("has no `#!` first line", "第一行不是 `#!`");
      const at: Loc = { file: source, start: 0, end: firstLineEnd(source.text) };
      const related: RelatedDescriptor[] = [];
      if (f.runner) related.push({ at: f.runner.loc, messageId: "runBy", data: { service: f.runner.service.name } });
      for (const c of f.chmods) related.push({ at: c, messageId: "madeExecutable" });
      if (f.runner) {
        report({
          messageId: f.runner.pid1 ? "execFormat" : "runDirectly",
          severity: f.runner.pid1 ? "error" : "warning",
          at,
          related,
          data: { script, what, service: f.runner.service.name, written: f.runner.written },
        });
      } else {
        const first = f.chmods[0]!;
        const line = positionAt(first.file, first.start).line;
        report({ messageId: "chmod", at, related, data: { script, what, where: `${project.display(first.file.path)}:${line}`, path: f.path } });
      }
    }
  },
});

/** The kernel needs `#!` as the file's first two bytes: no shebang, a BOM before it, or UTF-16 all fail with ENOEXEC. */
function badStart(source: SourceFile): boolean {
  if (source.encoding.startsWith("utf-16")) return true;
  return source.bom || !source.text.startsWith("#!");
}

function firstLineEnd(text: string): number {
  const nl = text.search(/\r?\n|\r/);
  return nl < 0 ? text.length : nl;
}
