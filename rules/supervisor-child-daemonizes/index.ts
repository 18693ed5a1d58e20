import { posix } from "node:path";
import { defineRule, fixed, type FixedText, type RelatedDescriptor } from "../../src/engine/rule.js";
import type { ProcessNode } from "../../src/model/types.js";

export default defineRule({
  meta: {
    id: "supervisor-child-daemonizes",
    description: "a [program:x] whose command daemonizes itself (uWSGI daemonize, redis daemonize yes, nginx without daemon off, gunicorn -D, `service x start`): supervisor sees exit 0 and gives up (FATAL)",
    severity: "error",
    category: "supervisor",
    files: ["supervisor", "uwsgi", "redis", "nginx", "dockerfile", "compose"],
    messages: {
      daemonizes:
        "{{program}} {{how}}: supervisord sees its child exit with 0 at once (\"exited: {{name}} (exit status 0; not expected)\"), restarts it a few times and stops trying (\"gave up: {{name}} entered FATAL state, too many start retries too quickly\"); the detached copy runs unsupervised, its output never reaches supervisor's logs, and `supervisorctl stop/restart` cannot reach it; run it in the foreground{{remedy}}",
      nginx:
        "nginx {{how}}: its first process exits with 0 at once (\"exited: {{name}} (exit status 0; not expected)\"), and every restart supervisord tries then fails on the port the detached nginx still holds (\"[emerg] bind() to ...:80 failed (98: Address already in use)\", \"exited: {{name}} (exit status 1; not expected)\"), forever; the detached nginx runs unsupervised and `supervisorctl stop/restart` cannot reach it; run it in the foreground{{remedy}}",
      program: "supervisord starts it here ([program:{{name}}])",
    },
    fixable: false,
  },
  check({ model, report }) {
    const done = new Set<string>();
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        for (const node of service.supervised) {
          if (node.mode !== "returns" || !node.why) continue;
          const key = `${node.why.file.path}:${node.why.start}`;
          if (done.has(key)) continue;
          done.add(key);
          const name = programName(node);
          const related: RelatedDescriptor[] = node.why.file === node.loc.file && node.why.start === node.loc.start ? [] : [{ at: node.loc, messageId: "program", data: { name } }];
          report({
            messageId: node.program === "nginx" ? "nginx" : "daemonizes",
            at: node.why,
            related,
            data: { program: fixed(label(node)), how: how(node), name, remedy: remedy(node) },
          });
        }
      }
    }
  },
});

/** `[program:web]` → web, read from the section the command line sits in. */
function programName(node: ProcessNode): string {
  const text = node.loc.file.text;
  const header = text.lastIndexOf("[program:", node.loc.start);
  if (header < 0) return "x";
  const end = text.indexOf("]", header);
  return end < 0 ? "x" : text.slice(header + 9, end).trim();
}

function label(node: ProcessNode): string {
  if (node.program === "other") return `\`${node.argv.slice(0, 3).join(" ")}\``;
  return node.program;
}

function how(node: ProcessNode): FixedText {
  switch (node.program) {
    case "uwsgi": return fixed("daemonizes (`daemonize` / `--daemonize`)", "变成了守护进程（`daemonize` / `--daemonize`）");
    case "redis-server": return fixed("daemonizes (`daemonize yes`)", "变成了守护进程（`daemonize yes`）");
    case "nginx": return fixed("daemonizes (nginx runs as a daemon unless `daemon off;`)", "变成了守护进程（除非设置 `daemon off;`，nginx 都以守护进程运行）");
    case "gunicorn": return fixed("daemonizes (`-D` / `--daemon`)", "变成了守护进程（`-D` / `--daemon`）");
    case "celery": return fixed("detaches (`--detach`)", "脱离了父进程（`--detach`）");
    case "supervisord": return fixed("daemonizes (a nested supervisord without `nodaemon=true`)", "变成了守护进程（嵌套的 supervisord 没有 `nodaemon=true`）");
    default:
      return posix.basename(node.argv[0] ?? "") === "service" || /^\/etc\/init\.d\//.test(node.argv[0] ?? "")
        ? fixed("starts a SysV service, which forks a daemon and returns", "启动的是 SysV 服务，它派生出守护进程后就返回了")
        : fixed("detaches from its parent", "脱离了父进程");
  }
}

function remedy(node: ProcessNode): FixedText {
  switch (node.program) {
    case "uwsgi": return fixed(" (remove `daemonize`; uWSGI then logs to stdout)", "（删除 `daemonize`；这样 uWSGI 会把日志输出到标准输出）");
    case "redis-server": return fixed(" (`daemonize no`)", "（`daemonize no`）");
    case "nginx": return fixed(" (`command=nginx -g 'daemon off;'`)", "（`command=nginx -g 'daemon off;'`）");
    case "gunicorn": return fixed(" (drop `-D`)", "（去掉 `-D`）");
    case "celery": return fixed(" (drop `--detach`)", "（去掉 `--detach`）");
    case "supervisord": return fixed(" (`-n`)", "（`-n`）");
    default: return fixed(" (run the daemon's binary with its foreground option instead of the init script)", "（不要用 /etc/init.d 下的脚本，直接以前台选项运行守护进程的程序）");
  }
}
