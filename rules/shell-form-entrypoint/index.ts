import { defineRule, fixed, type FixedText } from "../../src/engine/rule.js";
import { parseImageRef } from "../../src/model/image-ref.js";
import { stageBaseImage, stageChain } from "../../src/model/image/dockerfile-stages.js";
import type { DockerInstruction } from "../../src/parsers/dockerfile/ast.js";
import type { SourceFile } from "../../src/source/source-file.js";

export default defineRule({
  meta: {
    id: "shell-form-entrypoint",
    description: "shell-form ENTRYPOINT/CMD: `/bin/sh -c` is PID 1, SIGTERM never reaches the app (and ENTRYPOINT ignores CMD and run arguments)",
    severity: "warning",
    category: "dockerfile",
    files: ["dockerfile"],
    messages: {
      entrypoint:
        "shell-form ENTRYPOINT runs as `/bin/sh -c '{{command}}'`: on this Debian-based image /bin/sh is dash, which stays PID 1 with the app as its child and does not pass SIGTERM on, so `docker stop` waits 10 s and kills everything; CMD and `docker run` arguments are ignored too (an `exec \"$@\"` in the script never gets any); use the exec form: {{suggestion}}",
      entrypointOther:
        "shell-form ENTRYPOINT runs as `/bin/sh -c '{{command}}'`: CMD and `docker run` arguments are ignored (an `exec \"$@\"` in the script never gets any), and where /bin/sh is dash (Debian, Ubuntu) the shell stays PID 1 and SIGTERM never reaches the app (`docker stop` waits 10 s); use the exec form: {{suggestion}}",
      cmd:
        "shell-form CMD runs as `/bin/sh -c '{{command}}'`: on this Debian-based image /bin/sh is dash, which stays PID 1 with the app as its child and does not pass SIGTERM on, so `docker stop` waits 10 s and then kills the app without a clean shutdown; use the exec form: {{suggestion}}",
      cmdOther:
        "shell-form CMD runs as `/bin/sh -c '{{command}}'`: where /bin/sh is dash (Debian, Ubuntu) the shell stays PID 1 with the app as its child and SIGTERM never reaches the app (`docker stop` waits 10 s, then kills it); the exec form makes the app PID 1 on every base: {{suggestion}}",
    },
    fixable: false,
  },
  check({ project, report }) {
    for (const file of project.filesOf("dockerfile")) {
      const ast = file.ast;
      for (const stage of ast.stages) {
        const own = (keyword: string): DockerInstruction | undefined => stage.instructions.filter((i) => i.keyword === keyword).at(-1);
        const entrypoint = own("ENTRYPOINT");
        const inherited = stageChain(ast, stage).flatMap((s) => s.instructions).filter((i) => i.keyword === "ENTRYPOINT").at(-1);
        for (const instr of [entrypoint, own("CMD")]) {
          if (!instr || instr.form !== "shell") continue;
          // a shell-form ENTRYPOINT drops CMD anyway; that finding says so
          if (instr.keyword === "CMD" && inherited?.form === "shell") continue;
          const command = instr.args.trim();
          // `exec prog ...` replaces the shell: the app is PID 1
          if (!command || /^exec\s/.test(command)) continue;
          const start = instr.argsRange.start + instr.args.indexOf(command);
          const dash = shIsDash(stageBaseImage(ast, stage), file.source);
          report({
            messageId: (instr.keyword === "ENTRYPOINT" ? "entrypoint" : "cmd") + (dash ? "" : "Other"),
            data: { command, suggestion: suggestion(instr.keyword, command) },
            at: { file: file.source, start, end: start + command.length },
          });
        }
      }
    }
  },
});

function suggestion(keyword: string, command: string): string | FixedText {
  const words = command.split(/\s+/);
  if (/^[\w@%+=:,./-]+$/.test(words.join(""))) return `\`${keyword} [${words.map((w) => JSON.stringify(w)).join(", ")}]\``;
  return fixed(
    "a start script whose last line is `exec <program> ...`, run as `[\"/path/to/script.sh\"]`, or `exec` before the program",
    "写一个最后一行为 `exec <program> ...` 的启动脚本，以 `[\"/path/to/script.sh\"]` 运行；或者在程序前加上 `exec`",
  );
}

/**
 * Official images whose default variants are Debian/Ubuntu, where /bin/sh is dash: dash does not exec
 * the last command of `sh -c` (checked with dash 0.5.12), so the shell stays PID 1. busybox ash
 * (Alpine) and bash (CentOS, Oracle Linux: mysql, openjdk) exec a single command themselves.
 */
const DASH_IMAGES = new Set([
  "debian", "ubuntu", "python", "node", "ruby", "golang", "php", "perl", "rust", "gcc", "buildpack-deps", "nginx", "httpd",
  "redis", "postgres", "mariadb", "wordpress", "eclipse-temurin", "erlang", "elixir", "pypy", "memcached", "rabbitmq",
]);

function shIsDash(image: string, file: SourceFile): boolean {
  if (!image || image.includes("$")) return false;
  const ref = parseImageRef(image, { file, start: 0, end: 0 });
  return DASH_IMAGES.has(ref.name) && !/alpine|windows|nanoserver/.test(ref.tag ?? "");
}
