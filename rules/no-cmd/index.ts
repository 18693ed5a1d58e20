import { defineRule, fixed } from "../../src/engine/rule.js";
import { parseImageRef } from "../../src/model/image-ref.js";
import { stageChain } from "../../src/model/image/dockerfile-stages.js";

/**
 * Official images whose default CMD is a shell or a REPL (from their Dockerfiles on Docker Hub):
 * without a terminal it reads end-of-file and exits at once. Server images (nginx, redis, mysql,
 * postgres, php:*-fpm, httpd...) default to the server and are not listed.
 */
const INTERACTIVE_DEFAULT: Record<string, { cmd: string; what: string }> = {
  python: { cmd: "python3", what: "the interactive Python interpreter" },
  pypy: { cmd: "pypy3", what: "the interactive PyPy interpreter" },
  node: { cmd: "node", what: "the interactive Node.js REPL" },
  ruby: { cmd: "irb", what: "the interactive Ruby shell" },
  php: { cmd: "php -a", what: "the interactive PHP shell" },
  perl: { cmd: "perl -de0", what: "the Perl debugger" },
  ubuntu: { cmd: "/bin/bash", what: "a shell" },
  debian: { cmd: "bash", what: "a shell" },
  alpine: { cmd: "/bin/sh", what: "a shell" },
  busybox: { cmd: "sh", what: "a shell" },
  centos: { cmd: "/bin/bash", what: "a shell" },
  fedora: { cmd: "/bin/bash", what: "a shell" },
  rockylinux: { cmd: "/bin/bash", what: "a shell" },
  almalinux: { cmd: "/bin/bash", what: "a shell" },
  amazonlinux: { cmd: "/bin/bash", what: "a shell" },
  oraclelinux: { cmd: "/bin/bash", what: "a shell" },
  archlinux: { cmd: "/usr/bin/bash", what: "a shell" },
  "buildpack-deps": { cmd: "bash", what: "a shell" },
  golang: { cmd: "bash", what: "a shell" },
  rust: { cmd: "bash", what: "a shell" },
  gcc: { cmd: "bash", what: "a shell" },
  erlang: { cmd: "erl", what: "the Erlang shell" },
  elixir: { cmd: "iex", what: "the interactive Elixir shell" },
};

/** `what` in Chinese. */
const WHAT_ZH: Record<string, string> = {
  "the interactive Python interpreter": "即交互式 Python 解释器",
  "the interactive PyPy interpreter": "即交互式 PyPy 解释器",
  "the interactive Node.js REPL": "即交互式 Node.js REPL",
  "the interactive Ruby shell": "即交互式 Ruby shell",
  "the interactive PHP shell": "即交互式 PHP shell",
  "the Perl debugger": "即 Perl 调试器",
  "a shell": "即一个 shell",
  "the Erlang shell": "即 Erlang shell",
  "the interactive Elixir shell": "即交互式 Elixir shell",
};

export default defineRule({
  meta: {
    id: "no-cmd",
    description: "the final stage has no CMD/ENTRYPOINT and its base image's default is a shell or REPL",
    severity: "warning",
    category: "dockerfile",
    files: ["dockerfile"],
    messages: {
      noCmd:
        "the image has no CMD or ENTRYPOINT, so a container runs the `{{base}}` image's default `{{cmd}}`, {{what}}: without a terminal it reads end-of-file and exits at once with code 0 and the app never starts; end the Dockerfile with `CMD [...]` for the app",
      base: "the default command comes from this base image",
    },
    fixable: false,
  },
  check({ project, model, report }) {
    for (const file of project.filesOf("dockerfile")) {
      const ast = file.ast;
      const last = ast.stages.at(-1);
      if (!last) continue;
      const chain = stageChain(ast, last);
      if (chain.some((s) => s.instructions.some((i) => i.keyword === "CMD" || i.keyword === "ENTRYPOINT"))) continue;
      // every container of this image gets its command elsewhere (compose `command:`, `docker run img cmd`)
      const services = model.stacks.flatMap((s) => s.services).filter((s) => s.build?.dockerfile === file);
      if (services.length > 0 && services.every((s) => s.command !== undefined || s.entrypoint !== undefined)) continue;
      const root = chain[0]!;
      if (!root.image || root.image.includes("$")) continue;
      const ref = parseImageRef(root.image, { file: file.source, start: root.imageRange.start, end: root.imageRange.end });
      // official images only: `library/x` or a bare name (a registry host in front is a mirror)
      if (ref.name.includes("/")) continue;
      const known = Object.hasOwn(INTERACTIVE_DEFAULT, ref.name) ? INTERACTIVE_DEFAULT[ref.name] : undefined;
      if (!known) continue;
      // php:8-fpm / php:8-apache run their server
      if (ref.name === "php" && /fpm|apache/.test(ref.tag ?? "")) continue;
      const lastInstr = ast.instructions.at(-1)!;
      report({
        messageId: "noCmd",
        data: { base: root.image, cmd: fixed(known.cmd), what: fixed(known.what, WHAT_ZH[known.what]) },
        at: { file: file.source, start: lastInstr.keywordRange.start, end: lastInstr.keywordRange.end },
        related: [{ messageId: "base", at: { file: file.source, start: root.imageRange.start, end: root.imageRange.end } }],
      });
    }
  },
});
