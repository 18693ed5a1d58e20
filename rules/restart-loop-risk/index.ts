import { SERVER_PROGRAMS } from "../../src/model/processes.js";
import type { ProgramName } from "../../src/model/types.js";
import { posix } from "node:path";
import { defineRule } from "../../src/engine/rule.js";
import { parseShellCommands } from "../../src/parsers/shell/parse.js";
import type { Loc, Service } from "../../src/model/types.js";


/** `manage.py` commands that do their job and return. */
const DJANGO_ONE_SHOT = new Set([
  "migrate", "makemigrations", "collectstatic", "loaddata", "dumpdata", "compilemessages", "makemessages", "createcachetable",
  "check", "test", "flush", "showmigrations", "sqlmigrate", "createsuperuser", "clearsessions", "diffsettings",
]);

/** A server, or the `tail -f` that keeps a container up: either way the container is meant to stay. */
function isServerOrKeepalive(program: ProgramName): boolean {
  return program === "keepalive" || SERVER_PROGRAMS.has(program);
}

export default defineRule({
  meta: {
    id: "restart-loop-risk",
    description: "`restart: always` / `unless-stopped` on a service whose command runs once and exits (migrate, collectstatic...): docker restarts it forever",
    severity: "info",
    category: "compose",
    files: ["compose"],
    messages: {
      loop:
        "service \"{{service}}\" has `restart: {{policy}}` but its command (`{{command}}`) finishes and exits: Docker restarts it every time, also after exit code 0, so it runs again and again (`{{service}}-1 exited with code 0` in the logs, then another start); use `restart: \"no\"` (or `on-failure`) for one-shot jobs",
      command: "this command returns when its work is done",
    },
    fixable: false,
  },
  check({ model, report }) {
    const done = new Set<string>();
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        const restart = service.restart;
        if (service.origin !== "compose" || !restart || restart.unknown) continue;
        const policy = restart.text.trim();
        if (policy !== "always" && policy !== "unless-stopped") continue;
        const oneShot = oneShotCommand(service);
        if (!oneShot) continue;
        const key = `${restart.loc.file.path}\0${restart.loc.start}\0${oneShot.loc.file.path}\0${oneShot.loc.start}`;
        if (done.has(key)) continue;
        done.add(key);
        report({
          messageId: "loop",
          at: restart.loc,
          data: { service: service.name, policy, command: oneShot.text },
          related: [{ at: oneShot.loc, messageId: "command" }],
        });
      }
    }
  },
});

/**
 * The command when PID 1 surely returns after its work: the model says the
 * container does not stay up and no server runs, or the command (directly or
 * through `sh -c`) is only a sequence of known one-shot commands. A start
 * script, a loop, `sleep` (a poor man's cron) or anything unknown: not judged.
 */
function oneShotCommand(service: Service): { text: string; loc: Loc } | undefined {
  const main = service.main;
  if (!main || main.script) return undefined;
  if (main.programs.some((p) => isServerOrKeepalive(p.program))) return undefined;
  const raw = main.loc.file.text.slice(main.loc.start, main.loc.end).trim().replace(/^(["'])(.*)\1$/s, "$2");
  const text = raw.length > 0 && !raw.includes("\n") ? (raw.length > 90 ? `${raw.slice(0, 87)}...` : raw) : main.argv.join(" ");
  if (main.stays === "no" && main.programs.every((p) => !p.background)) return { text, loc: main.loc };
  let argv = stripWrappers(main.argv);
  if (argv.length === 0) return undefined;
  const shell = ["sh", "bash", "dash", "ash"].includes(posix.basename(argv[0]!));
  if (shell) {
    const c = argv.findIndex((a) => /^-\w*c$/.test(a));
    if (c < 0 || argv[c + 1] === undefined) return undefined;
    const parsed = parseShellCommands(argv[c + 1]!, 0);
    if (parsed.problems.length > 0 || parsed.commands.length === 0) return undefined;
    for (const command of parsed.commands) {
      if (command.depth !== 0 || command.inFunction || command.terminator === "&" || command.terminator === "|") return undefined;
      if (!isOneShot(stripWrappers(command.words.map((w) => w.value)))) return undefined;
    }
    return { text, loc: main.loc };
  }
  argv = argv.filter((a) => a !== "");
  return isOneShot(argv) ? { text, loc: main.loc } : undefined;
}

function stripWrappers(words: string[]): string[] {
  let w = words;
  for (let guard = 0; guard < 8 && w.length > 0; guard++) {
    const name = posix.basename(w[0]!);
    if (name === "exec" || name === "nohup") w = w.slice(1);
    else if (name === "env") {
      let i = 1;
      while (i < w.length && (w[i]!.includes("=") || w[i]!.startsWith("-"))) i++;
      w = w.slice(i);
    } else break;
  }
  return w;
}

function isOneShot(argv: string[]): boolean {
  if (argv.length === 0) return false;
  const name = posix.basename(argv[0]!);
  if (/^python[\d.]*$/.test(name)) {
    const i = argv.findIndex((a, k) => k > 0 && !a.startsWith("-"));
    if (i < 0 || !argv[i]!.endsWith("manage.py")) return false;
    return DJANGO_ONE_SHOT.has(argv[i + 1] ?? "");
  }
  if (name === "alembic") return ["upgrade", "downgrade", "stamp"].includes(argv[1] ?? "");
  if (name === "flask") return argv[1] === "db" && ["upgrade", "migrate", "init", "downgrade"].includes(argv[2] ?? "");
  if (name === "npm" || name === "yarn" || name === "pnpm") return ["ci", "install"].includes(argv[1] ?? "") || (argv[1] === "run" && argv[2] === "build") || argv[1] === "build";
  if (name === "pip" || name === "pip3") return argv[1] === "install";
  return ["echo", "printf", "true", "mkdir", "chmod", "chown", "cp", "mv", "rm", "ln", "touch", "cd", "export", "set", "test"].includes(name);
}
