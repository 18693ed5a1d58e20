import { SERVER_PROGRAMS } from "../../src/model/processes.js";
import { posix } from "node:path";
import { defineRule, fixed, type DataValue, type Fix } from "../../src/engine/rule.js";
import type { ShellCommand } from "../../src/parsers/shell/ast.js";
import type { ProjectFile } from "../../src/project/project.js";
import type { MainProcess, ProcessNode } from "../../src/model/types.js";


export default defineRule({
  meta: {
    id: "shell-no-exec",
    description: "a container's start script ends with the server command without `exec`: the shell stays PID 1 and SIGTERM from `docker stop` never reaches the server",
    severity: "warning",
    category: "shell",
    files: ["shell", "dockerfile", "compose"],
    messages: {
      server:
        "{{program}} is the last command of {{script}} but is started without `exec`: the shell stays PID 1 of container \"{{service}}\" and does not pass SIGTERM on, so `docker stop` waits 10 s and then kills {{program}} with SIGKILL (no graceful shutdown, requests in flight are cut off); write `exec {{command}}`",
      args:
        "`{{command}}` runs the container's command ({{program}}) as the last line of {{script}} without `exec`: the shell stays PID 1 of container \"{{service}}\" and does not pass SIGTERM on, so `docker stop` waits 10 s and then kills {{program}} with SIGKILL; write `exec {{command}}`",
      runBy: "container \"{{service}}\" runs the script here",
      command: "{{program}} comes from here",
    },
    fixable: true,
  },
  check({ model, project, report }) {
    const done = new Set<ShellCommand>();
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        const main = service.main;
        const script = main?.script;
        const last = main?.last;
        if (!main || !script?.file || !last) continue;
        if (!SERVER_PROGRAMS.has(last.program) || last.mode !== "foreground" || last.background) continue;
        if (forwardsSignals(main)) continue;
        const file = script.file;
        const final = finalCommand(file);
        if (!final || done.has(final) || final.words.length === 0) continue;
        const first = final.words[0]!;
        if (first.value === "exec") continue;
        if (final.terminator !== "newline" && final.terminator !== "end" && final.terminator !== ";") continue;
        let messageId: "server" | "args";
        if (last.loc.file === file.source) {
          // the server command itself is the script's last line
          if (last.loc.start !== final.start || last.loc.end !== final.end) continue;
          messageId = "server";
        } else if (first.value === "$@" || first.value === "${@}") {
          // `"$@"` hands over to CMD / compose `command`, which is the server
          messageId = "args";
        } else continue;
        if (previousPipes(file, final)) continue;
        done.add(final);
        const scriptName = project.display(file.source.path);
        const commandText = file.source.text.slice(first.start, final.words[final.words.length - 1]!.end);
        const data = { program: programLabel(last), script: scriptName, service: service.name, command: commandText };
        const related = [{ at: script.loc, messageId: "runBy", data }];
        if (messageId === "args") related.push({ at: last.loc, messageId: "command", data });
        // `FOO=1 exec cmd` is not portable across shells: no fix with leading assignments
        const fix: Fix | undefined = final.assignments.length === 0
          ? { safe: true, edits: [{ file: file.source, start: first.start, end: first.start, text: "exec " }] }
          : undefined;
        report({
          messageId,
          at: { file: file.source, start: final.start, end: final.words[final.words.length - 1]!.end },
          data,
          related,
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
});

/**
 * The script's last top-level command, when nothing runs after it (no `if`/loop block below it).
 * Commands inside `$(...)` of that command are part of it; function bodies run where they are called.
 */
function finalCommand(file: ProjectFile<"shell">): ShellCommand | undefined {
  let final: ShellCommand | undefined;
  for (const c of file.ast.commands) if (!c.inFunction && c.depth === 0 && (!final || c.start >= final.start)) final = c;
  if (!final) return undefined;
  const end = final.end;
  return file.ast.commands.some((c) => !c.inFunction && c.start >= end) ? undefined : final;
}

/** `a | server`: the server is part of a pipeline, `exec` cannot make it PID 1. */
function previousPipes(file: ProjectFile<"shell">, command: ShellCommand): boolean {
  const i = file.ast.commands.indexOf(command);
  const prev = i > 0 ? file.ast.commands[i - 1] : undefined;
  return prev !== undefined && prev.depth === command.depth && prev.terminator === "|";
}

/** dumb-init (and `tini -g`) signal the whole process group: the server gets SIGTERM even behind a shell. */
function forwardsSignals(main: MainProcess): boolean {
  const first = posix.basename(main.argv[0] ?? "");
  if (first === "dumb-init") return !main.argv.includes("--single-child") && !main.argv.includes("-c");
  if (first === "tini" || first === "tini-static") return main.argv.slice(1, main.argv.indexOf("--") >= 0 ? main.argv.indexOf("--") : undefined).includes("-g");
  return false;
}

/** The program's name: the rule's own label, or the name as written for the ASGI servers (daphne, uvicorn, hypercorn). */
function programLabel(node: ProcessNode): DataValue {
  if (node.program === "django-runserver") return fixed("runserver");
  if (node.program === "daphne") {
    const name = posix.basename(node.argv[0] ?? "");
    return /^python/.test(name) ? node.argv[2] ?? fixed("daphne") : name;
  }
  return fixed(node.program);
}
