import { defineRule, fixed } from "../../src/engine/rule.js";
import type { ProcessNode, Service } from "../../src/model/types.js";
import type { ProjectFile } from "../../src/project/project.js";

/** Programs that are servers: when one of them returns, the container's purpose is gone. */
const SERVERS = new Set(["uwsgi", "gunicorn", "redis-server", "mysqld", "nginx", "supervisord", "celery", "daphne", "django-runserver"]);

export default defineRule({
  meta: {
    id: "main-process-daemonizes",
    description: "the container's main process daemonizes or returns (uWSGI daemonize, redis daemonize yes, supervisord without nodaemon, `&`, nginx without daemon off): the container exits with code 0 or restarts forever",
    severity: "error",
    category: "cross-file",
    files: ["uwsgi", "redis", "supervisor", "nginx", "shell", "dockerfile", "compose"],
    messages: {
      exits:
        "{{program}} {{how}}, and nothing keeps container \"{{service}}\" in the foreground after it: PID 1 returns, the container exits with code 0 (\"{{service}} exited with code 0\") and `restart:` loops; run it in the foreground{{remedy}}",
      masked:
        "{{program}} {{how}}, and {{keepalive}} keeps container \"{{service}}\" up instead: when {{program}} dies nothing restarts it, `docker stop` cannot stop it cleanly and its output never reaches `docker logs`; run it in the foreground{{remedy}} and drop the keep-alive",
      unusedDaemonize:
        "`{{key}}` makes {{program}} detach from whatever starts it: in a container nothing restarts it and its logs miss `docker logs`; when it is the container's main process the container exits with code 0; remove it and run {{program}} in the foreground",
      started: "{{program}} is started here",
      keepalive: "this keeps the container alive instead",
    },
    fixable: false,
  },
  check({ model, project, report }) {
    const usedConfigs = new Set<ProjectFile>();
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        for (const f of service.configFiles) usedConfigs.add(f);
        const main = service.main;
        if (!main) continue;
        for (const node of main.programs) {
          if (!SERVERS.has(node.program) || node.mode !== "returns" || !node.why) continue;
          const data = { program: fixed(node.program), how: fixed(how(node)), service: service.name, remedy: fixed(remedy(node)), keepalive: main.keepalive ? `\`${main.keepalive.argv.join(" ")}\`` : "" };
          const related = sameLoc(node.why, node.loc) ? [] : [{ at: node.loc, messageId: "started", data }];
          if (main.stays === "no") report({ messageId: "exits", at: node.why, related, data });
          else if (main.keepalive && main.last === main.keepalive) {
            report({ messageId: "masked", severity: "warning", at: node.why, related: [...related, { at: main.keepalive.loc, messageId: "keepalive", data }], data });
          }
        }
      }
    }
    // A daemonize option in a config no modelled container runs: still wrong in a containerised project.
    const containerised = project.filesOf("dockerfile").length > 0 || project.filesOf("compose").length > 0;
    if (!containerised) return;
    for (const file of project.filesOf("uwsgi")) {
      if (usedConfigs.has(file)) continue;
      for (const section of file.ast.sections) {
        if (section.name !== "uwsgi") continue;
        for (const e of section.entries) {
          if ((e.key === "daemonize" || e.key === "daemonize2") && e.value !== "") {
            report({ messageId: "unusedDaemonize", severity: "warning", at: { file: file.source, start: e.start, end: e.end }, data: { key: e.key, program: fixed("uWSGI") } });
          }
        }
      }
    }
    for (const file of project.filesOf("redis")) {
      if (usedConfigs.has(file)) continue;
      for (const d of file.ast.directives) {
        if (d.name === "daemonize" && d.args[0]?.value.toLowerCase() === "yes") {
          report({ messageId: "unusedDaemonize", severity: "warning", at: { file: file.source, start: d.start, end: d.end }, data: { key: fixed("daemonize yes"), program: fixed("redis-server") } });
        }
      }
    }
  },
});

function how(node: ProcessNode): string {
  if (node.background) return "is started in the background with `&`";
  switch (node.program) {
    case "uwsgi": return "daemonizes (`daemonize`)";
    case "redis-server": return "daemonizes (`daemonize yes`)";
    case "supervisord": return "daemonizes (no `nodaemon=true` in [supervisord], no `-n`)";
    case "nginx": return "daemonizes (nginx runs as a daemon unless `daemon off;`)";
    default: return "detaches from the shell";
  }
}

function remedy(node: ProcessNode): string {
  if (node.background) return " (drop the `&`, start it last, with `exec`)";
  switch (node.program) {
    case "uwsgi": return " (remove `daemonize`; uWSGI then logs to stdout)";
    case "redis-server": return " (`daemonize no`)";
    case "supervisord": return " (`nodaemon=true` in [supervisord], or `supervisord -n`)";
    case "nginx": return " (`nginx -g 'daemon off;'`)";
    default: return "";
  }
}

function sameLoc(a: { file: unknown; start: number }, b: { file: unknown; start: number }): boolean {
  return a.file === b.file && a.start === b.start;
}

export type { Service };
