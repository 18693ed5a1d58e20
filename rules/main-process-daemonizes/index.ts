import { SERVER_PROGRAMS } from "../../src/model/processes.js";
import { defineRule, fixed, type FixedText } from "../../src/engine/rule.js";
import type { ProcessNode, Service } from "../../src/model/types.js";
import type { ProjectFile } from "../../src/project/project.js";


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
          if (!SERVER_PROGRAMS.has(node.program) || node.mode !== "returns" || !node.why) continue;
          const data = { program: fixed(node.program), how: how(node), service: service.name, remedy: remedy(node), keepalive: main.keepalive ? `\`${main.keepalive.argv.join(" ")}\`` : "" };
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

function how(node: ProcessNode): FixedText {
  if (node.background) return fixed("is started in the background with `&`", "用 `&` 在后台启动");
  switch (node.program) {
    case "uwsgi": return fixed("daemonizes (`daemonize`)", "变成了守护进程（`daemonize`）");
    case "redis-server": return fixed("daemonizes (`daemonize yes`)", "变成了守护进程（`daemonize yes`）");
    case "supervisord": return fixed("daemonizes (no `nodaemon=true` in [supervisord], no `-n`)", "变成了守护进程（[supervisord] 中没有 `nodaemon=true`，也没有 `-n`）");
    case "nginx": return fixed("daemonizes (nginx runs as a daemon unless `daemon off;`)", "变成了守护进程（除非设置 `daemon off;`，nginx 都以守护进程运行）");
    default: return fixed("detaches from the shell", "脱离了 shell");
  }
}

function remedy(node: ProcessNode): FixedText {
  if (node.background) return fixed(" (drop the `&`, start it last, with `exec`)", "（去掉 `&`，把它放在最后，用 `exec` 启动）");
  switch (node.program) {
    case "uwsgi": return fixed(" (remove `daemonize`; uWSGI then logs to stdout)", "（删除 `daemonize`；这样 uWSGI 会把日志输出到标准输出）");
    case "redis-server": return fixed(" (`daemonize no`)", "（`daemonize no`）");
    case "supervisord": return fixed(" (`nodaemon=true` in [supervisord], or `supervisord -n`)", "（在 [supervisord] 中设置 `nodaemon=true`，或使用 `supervisord -n`）");
    case "nginx": return fixed(" (`nginx -g 'daemon off;'`)", "（`nginx -g 'daemon off;'`）");
    default: return fixed("");
  }
}

function sameLoc(a: { file: unknown; start: number }, b: { file: unknown; start: number }): boolean {
  return a.file === b.file && a.start === b.start;
}

export type { Service };
