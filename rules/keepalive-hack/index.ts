import { SERVER_PROGRAMS } from "../../src/model/processes.js";
import { defineRule, fixed } from "../../src/engine/rule.js";


export default defineRule({
  meta: {
    id: "keepalive-hack",
    description: "`tty: true`, `stdin_open: true`, `tail -f /dev/null` or `sleep infinity` keeping a container up instead of a foreground server",
    severity: "info",
    category: "cross-file",
    files: ["compose", "shell", "dockerfile"],
    messages: {
      tty:
        "`{{key}}: true` on service \"{{service}}\", whose main process is not an interactive shell: it is not needed, and when it keeps a container from exiting it hides a main process that returns; fix the foreground process instead",
      tail:
        "`{{command}}` keeps container \"{{service}}\" alive without a server in the foreground: the container looks healthy while nothing runs in it; make the real server the last command, started with `exec`",
    },
    fixable: false,
  },
  check({ model, report }) {
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        const main = service.main;
        // `command: bash` / `python` with a tty is an interactive toolbox container: tty is what it needs.
        const interactive = main !== undefined && main.argv.length === 1 && /(^|\/)((ba|z|da|a)?sh|python[\d.]*|ipython)$/.test(main.argv[0] ?? "");
        if (main && !interactive) {
          for (const [key, value] of [["tty", service.tty], ["stdin_open", service.stdinOpen]] as const) {
            if (value && /^(true|yes)$/i.test(value.text)) report({ messageId: "tty", at: value.loc, data: { key: fixed(key), service: service.name } });
          }
        }
        if (main?.keepalive && !main.programs.some((p) => SERVER_PROGRAMS.has(p.program) && p.mode === "returns")) {
          report({ messageId: "tail", at: main.keepalive.loc, data: { command: main.keepalive.argv.join(" "), service: service.name } });
        }
      }
    }
  },
});
