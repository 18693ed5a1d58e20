import { globRegExp } from "../../src/discover/glob.js";
import { posix } from "node:path";
import { defineRule, fixed, type RelatedDescriptor } from "../../src/engine/rule.js";
import { resolveContainerPath } from "../../src/model/container-fs.js";
import { substitute, type DockerImage, type ImageCopy } from "../../src/model/image/dockerfile-image.js";
import type { Loc } from "../../src/model/types.js";

const BIND =
  "{{script}} has no exec bit on the host (mode {{mode}}) and container \"{{service}}\" runs it directly through the bind mount {{source}} → {{target}}, which shows the host file with the host's mode{{hidden}}: ";
const COPY = "{{script}} has no exec bit (mode {{mode}}), the Dockerfile copies it as it is and nothing makes it executable, and container \"{{service}}\" runs it directly: ";
const PID1 = "the container does not start (\"exec: \\\"{{written}}\\\": permission denied\", exit code 126)";
const SHELL = "the shell that starts it fails with \"{{written}}: Permission denied\" (exit code 126)";
const BIND_FIX = "; run `chmod +x {{script}}` and commit the mode (`git update-index --chmod=+x {{script}}`), or start it as `sh {{written}}`";
const COPY_FIX = "; add `RUN chmod +x {{containerPath}}` after the COPY (or `COPY --chmod=755`), commit the mode with `git update-index --chmod=+x {{script}}`, or start it as `sh {{written}}`";

export default defineRule({
  meta: {
    id: "entrypoint-not-executable",
    description: "a script a container runs directly (`./start.sh`, `CMD [\"/start.sh\"]`) has no exec bit where the container sees it (bind mount from the host, or COPY without chmod)",
    severity: "error",
    category: "cross-file",
    files: ["shell", "dockerfile", "compose"],
    messages: {
      bindPid1: BIND + PID1 + BIND_FIX,
      bindShell: BIND + SHELL + BIND_FIX,
      copyPid1: COPY + PID1 + COPY_FIX,
      copyShell: COPY + SHELL + COPY_FIX,
      runBy: "container \"{{service}}\" runs it here",
      mount: "the bind mount that shows the host file",
      copied: "copied into the image here, mode kept",
      chmod: "this chmod changes the image's copy, which the bind mount hides",
    },
    fixable: false,
  },
  check({ model, project, report }) {
    const done = new Set<string>();
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        const main = service.main;
        const script = main?.script;
        if (!main || !script?.file || !script.direct || !script.written.includes("/")) continue;
        const mode = script.file.source.mode;
        if (mode === undefined || (mode & 0o111) !== 0) continue;
        const resolved = resolveContainerPath(project, service, script.containerPath);
        if (resolved.kind !== "bind" && resolved.kind !== "copy") continue;
        const key = `${service.name}\0${script.file.source.path}`;
        if (done.has(key)) continue;
        done.add(key);
        const name = project.display(script.file.source.path);
        const data = {
          script: name,
          mode: (mode & 0o7777).toString(8).padStart(3, "0"),
          service: service.name,
          written: script.written,
          containerPath: script.containerPath,
        };
        const pid1 = main.argv[0] === script.written && !main.shellForm;
        const at: Loc = { file: script.file.source, start: 0, end: firstLineEnd(script.file.source.text) };
        const related: RelatedDescriptor[] = [{ at: script.loc, messageId: "runBy", data }];
        if (resolved.kind === "bind") {
          const chmods = service.build?.image ? execChmods(service.build.image).filter((c) => c.covers(script.containerPath)) : [];
          related.push({ at: resolved.mount.loc, messageId: "mount", data });
          for (const c of chmods) if (c.loc) related.push({ at: c.loc, messageId: "chmod", data });
          report({
            messageId: pid1 ? "bindPid1" : "bindShell",
            at,
            related,
            data: {
              ...data,
              source: resolved.mount.source ? project.display(resolved.mount.source) : "?",
              target: resolved.mount.target,
              hidden: chmods.length > 0 ? fixed(" (the chmod in the Dockerfile changes only the image's copy)", "（Dockerfile 中的 chmod 只修改了镜像中的副本）") : fixed(""),
            },
          });
          continue;
        }
        const image = service.build?.image;
        if (!image || madeExecutable(image, resolved.copy, script.containerPath)) continue;
        related.push({ at: { file: image.file.source, start: resolved.copy.instruction.start, end: resolved.copy.instruction.end }, messageId: "copied", data });
        report({ messageId: pid1 ? "copyPid1" : "copyShell", at, related, data });
      }
    }
  },
});

function firstLineEnd(text: string): number {
  const nl = text.search(/\r?\n|\r/);
  return nl < 0 ? text.length : nl;
}

/** A `chmod` in a RUN (or a COPY --chmod) that sets exec bits, and what it applies to. */
export interface ExecChmod {
  /** Where the chmod is (the RUN command or the COPY's flag). */
  loc: Loc | undefined;
  /** Offset of its instruction: a chmod only affects files copied before it. */
  after: number;
  /** Explicit files it names (absolute container paths); empty for globs and recursive modes. */
  files: string[];
  /** Does it make this container path executable? */
  covers(path: string): boolean;
  /** True when the command could not be read exactly (variables, `find -exec chmod`): it may cover anything. */
  vague: boolean;
}

/** `+x`, `u+x`, `a+rx`, `755`, `0775`, `ugo=rwx`: does the mode set an exec bit? */
export function modeAddsExec(mode: string): boolean {
  if (/^[0-7]{1,4}$/.test(mode)) return (parseInt(mode, 8) & 0o111) !== 0;
  return mode.split(",").some((clause) => /^[ugoa]*(?:[-+=][rwxXst]*)*[+=][rwXst]*x/.test(clause));
}

/** Every chmod of the image that adds exec bits, RUN and COPY --chmod alike. */
export function execChmods(image: DockerImage): ExecChmod[] {
  const out: ExecChmod[] = [];
  for (const run of image.runs) {
    for (const command of run.commands) {
      const words = command.words.map((w) => substitute(w.value, image.env));
      const chmodAt = words.findIndex((w) => posix.basename(w) === "chmod");
      if (chmodAt < 0) continue;
      const loc: Loc = { file: image.file.source, start: command.start, end: command.end };
      const after = run.instruction.start;
      // `find . -exec chmod +x {} \;`, `xargs chmod`, `sudo chmod`: not read exactly
      if (chmodAt > 0 && !/^(sudo|exec)$/.test(words[0] ?? "")) {
        out.push({ loc, after, files: [], covers: () => true, vague: true });
        continue;
      }
      const args = words.slice(chmodAt + 1);
      let recursive = false;
      let i = 0;
      for (; i < args.length; i++) {
        const a = args[i]!;
        if (a === "--") {
          i++;
          break;
        }
        if (/^-[rwxXst]+$/.test(a)) break; // a symbolic mode that removes bits (`chmod -x f`)
        if (a.startsWith("-")) {
          if (a === "-R" || a === "--recursive" || /^-[a-zA-Z]*R/.test(a)) recursive = true;
          continue;
        }
        break;
      }
      const mode = args[i];
      if (mode === undefined || !modeAddsExec(mode)) continue;
      const operands = args.slice(i + 1);
      if (operands.some((o) => o.includes("$") || o.includes("`"))) {
        out.push({ loc, after, files: [], covers: () => true, vague: true });
        continue;
      }
      const targets = operands.map((o) => posix.resolve(run.workdir, o));
      const globs = targets.filter((t) => /[*?[]/.test(t)).map(globRegExp);
      const plain = targets.filter((t) => !/[*?[]/.test(t));
      out.push({
        loc,
        after,
        files: recursive ? [] : plain,
        vague: false,
        covers: (path) =>
          plain.some((t) => t === path || (recursive && path.startsWith(t.replace(/\/+$/, "") + "/"))) || globs.some((re) => re.test(path)),
      });
    }
  }
  for (const copy of image.copies) {
    const flag = copy.instruction.flags.find((f) => f.name === "chmod");
    if (!flag?.value || !modeAddsExec(flag.value)) continue;
    const dests = new Set(copyFileTargets(copy));
    out.push({
      loc: { file: image.file.source, start: flag.start, end: flag.end },
      after: copy.instruction.start,
      files: [...dests],
      vague: false,
      // a directory source: --chmod applies to every file copied under the destination
      covers: (path) => dests.has(path) || path.startsWith(copy.dest.replace(/\/+$/, "") + "/"),
    });
  }
  return out;
}

/** Container paths of the single files a COPY names (directories and globs left out). */
function copyFileTargets(copy: ImageCopy): string[] {
  const out: string[] = [];
  for (const source of copy.sources) {
    if (/[*?[]/.test(source) || source.endsWith("/") || source === ".") continue;
    out.push(copy.dest.endsWith("/") ? posix.join(copy.dest, posix.basename(source)) : copy.dest);
  }
  return out;
}

/** Is the copied file made executable: COPY --chmod on that COPY, or a chmod in a later RUN? */
function madeExecutable(image: DockerImage, copy: ImageCopy, path: string): boolean {
  for (const c of execChmods(image)) {
    if (c.after >= copy.instruction.start && (c.vague || c.covers(path))) return true;
  }
  return false;
}


