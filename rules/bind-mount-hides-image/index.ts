import { posix } from "node:path";
import { defineRule, fixed, type RelatedDescriptor } from "../../src/engine/rule.js";
import { coveringMount } from "../../src/model/container-fs.js";
import { substitute, type ImageRun } from "../../src/model/image/dockerfile-image.js";
import type { ShellCommand } from "../../src/parsers/shell/ast.js";
import type { Mount } from "../../src/model/types.js";

export default defineRule({
  meta: {
    id: "bind-mount-hides-image",
    description: "a bind mount over a path the Dockerfile changed at build time (sed -i, chmod, chown, collectstatic): the container sees the host's files instead",
    severity: "warning",
    category: "cross-file",
    files: ["compose", "dockerfile"],
    messages: {
      hides:
        "bind mount {{source}} → {{target}} hides what the Dockerfile did there at build time ({{what}}): the container sees the host's unmodified files, so those build steps have no effect at run time",
      changed: "`{{command}}` changes {{path}} in the image; the bind mount hides it",
    },
    fixable: false,
  },
  check({ model, project, report }) {
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        const image = service.build?.image;
        if (!image) continue;
        const hidden = new Map<Mount, { related: RelatedDescriptor[]; what: Set<string> }>();
        for (const run of image.runs) {
          for (const command of run.commands) {
            const change = changedPaths(command, run, image.env);
            if (!change) continue;
            for (const path of change.paths) {
              const mount = coveringMount(service, path);
              if (!mount || mount.type !== "bind") continue;
              const entry = hidden.get(mount) ?? { related: [], what: new Set<string>() };
              entry.what.add(change.verb);
              entry.related.push({
                at: { file: image.file.source, start: command.start, end: command.end },
                messageId: "changed",
                data: { command: fixed(change.verb), path },
              });
              hidden.set(mount, entry);
            }
          }
        }
        for (const [mount, entry] of hidden) {
          report({
            messageId: "hides",
            at: mount.loc,
            related: entry.related,
            data: { source: mount.source ? project.display(mount.source) : "?", target: mount.target, what: fixed([...entry.what].join(", ")) },
          });
        }
      }
    }
  },
});

/** Build steps whose effect lives in files: the paths they change, absolute in the image. */
function changedPaths(command: ShellCommand, run: ImageRun, env: Map<string, string>): { verb: string; paths: string[] } | undefined {
  const words = command.words.map((w) => substitute(w.value, env));
  const name = posix.basename(words[0] ?? "");
  const operands = (from: number): string[] => words.slice(from).filter((w) => !w.startsWith("-"));
  const abs = (p: string): string => posix.resolve(run.workdir, p);
  switch (name) {
    case "sed": {
      if (!words.some((w) => /^-\w*i/.test(w) || w.startsWith("--in-place"))) return undefined;
      // the first operand is the sed script unless -e/-f gave it
      const hasScriptFlag = words.some((w) => w === "-e" || w === "-f" || w.startsWith("--expression"));
      const ops = operands(1);
      const files = hasScriptFlag ? ops.slice(0) : ops.slice(1);
      return files.length > 0 ? { verb: "sed -i", paths: files.map(abs) } : undefined;
    }
    case "chmod":
    case "chown":
    case "chgrp": {
      const ops = operands(1).slice(1);
      return ops.length > 0 ? { verb: name, paths: ops.map(abs) } : undefined;
    }
    case "dos2unix":
      return { verb: "dos2unix", paths: operands(1).map(abs) };
    default:
      if (/^python[\d.]*$/.test(name) && words[1]?.endsWith("manage.py") && words[2] === "collectstatic") {
        return { verb: "collectstatic", paths: [abs(posix.dirname(words[1]))] };
      }
      return undefined;
  }
}
