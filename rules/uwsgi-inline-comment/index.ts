import { defineRule, fixed } from "../../src/engine/rule.js";
import { lineRange, positionAt } from "../../src/source/source-file.js";
import { lookupUwsgiOption } from "../../src/knowledge/uwsgi-options.js";

/** Options whose value is a path or a Python name: a comment glued to it breaks them. */
const PATH_OPTIONS = new Set([
  "chdir", "module", "wsgi-file", "file", "callable", "home", "virtualenv", "venv", "pyhome", "pythonpath", "python-path", "pp",
  "pidfile", "pidfile2", "daemonize", "daemonize2", "logto", "logto2", "touch-reload", "touch-logrotate", "static-map", "mount",
  "wsgi", "env", "uid", "gid", "chown-socket", "plugins", "plugin", "ini", "include", "safe-pidfile", "stats",
]);
const SOCKET_OPTIONS = new Set(["socket", "uwsgi-socket", "http-socket", "http", "https-socket", "fastcgi-socket", "shared-socket"]);

export default defineRule({
  meta: {
    id: "uwsgi-inline-comment",
    description: "`# comment` after a value in uwsgi.ini: uWSGI keeps it as part of the value",
    severity: "warning",
    category: "uwsgi",
    files: ["uwsgi"],
    messages: {
      breaks:
        "the `{{marker}} ...` after the value is part of `{{key}}`'s value in uWSGI (only lines starting with # or ; are comments): {{effect}}; put the comment on its own line",
      harmless:
        "the `{{marker}} ...` after the value is part of `{{key}}`'s value in uWSGI (only lines starting with # or ; are comments); it is harmless here only because {{why}} — the same comment after a path or module breaks it; put the comment on its own line",
      unclear:
        "the `{{marker}} ...` after the value is part of `{{key}}`'s value in uWSGI (only lines starting with # or ; are comments): uWSGI gets `{{key}} = <value> {{marker}} ...`; put the comment on its own line",
      flagStaysOn:
        "`{{key}} = {{value}} {{marker}} ...`: uWSGI only turns a flag off for exactly `false`/`off`/`no`/`0`, and the comment is part of the value, so `{{key}}` stays ON; put the comment on its own line",
    },
    fixable: true,
  },
  check({ project, report }) {
    for (const file of project.filesOf("uwsgi")) {
      const text = file.source.text;
      for (const section of file.ast.sections) {
        for (const e of section.entries) {
          const comment = e.inlineComment;
          if (!comment) continue;
          const value = e.value.slice(0, Math.max(0, comment.range.start - e.valueRange.start)).trim();
          const marker = comment.text.trimStart().startsWith(";") ? ";" : "#";
          const isTcp = SOCKET_OPTIONS.has(e.key) && /:\d+$/.test(value) && !comment.text.includes(":");
          const known = lookupUwsgiOption(e.key)?.valueKind;
          // plugin options outside the generated list: a plain number is read with atoi like core ones
          const kind = known ?? (/^\d+$/.test(value) ? "integer" : undefined);
          const flagOff = kind === "flag" && /^(false|off|no|0)$/i.test(value);
          // numbers are read with atoi (stops at the first non-digit); flags are on unless the value is exactly false/off/no/0
          const quiet = !isTcp && !flagOff && ((kind === "integer" && /^\d+$/.test(value)) || kind === "flag");
          const breaks = flagOff || PATH_OPTIONS.has(e.key) || SOCKET_OPTIONS.has(e.key) || kind === "string";
          const harmless = isTcp || quiet;
          const isModule = e.key === "module" || e.key === "callable";
          const effect = SOCKET_OPTIONS.has(e.key)
            ? value.startsWith("/") || value.startsWith("@")
              ? fixed("the unix socket is created under a name that includes the comment, so nginx finds no such file (502)", "创建出的 unix 套接字文件名包含了这段注释，所以 nginx 找不到这个文件（502）")
              : fixed("the address includes the comment and its `:`, so uWSGI reads another port and host (checked with uWSGI 2.0.21: it binds 255.255.255.255 on a random port without any error) and nginx gets \"Connection refused\"", "地址中包含了这段注释及其中的 `:`，uWSGI 会读出别的端口和主机（uWSGI 2.0.21 实测：它不报任何错误地绑定到 255.255.255.255 的随机端口），nginx 得到 \"Connection refused\"")
            : fixed(`the ${isModule ? "module name" : "path"} includes the comment, so uWSGI does not find it`, `${isModule ? "模块名" : "路径"}中包含了这段注释，所以 uWSGI 找不到它`);
          // Move the comment to its own line above: the value keeps exactly what uWSGI should see.
          const line = lineRange(file.source, positionAt(file.source, e.start).line);
          const indent = /^[ \t]*/.exec(text.slice(line.start, line.end))?.[0] ?? "";
          const eol = file.source.lineEndings === "crlf" ? "\r\n" : "\n";
          let cut = comment.range.start;
          while (cut > e.valueRange.start && /[ \t]/.test(text[cut - 1]!)) cut--;
          const why = isTcp
            ? fixed("uWSGI reads the port with atoi after the last `:`", "uWSGI 用 atoi 读取最后一个 `:` 之后的端口号")
            : kind === "integer"
              ? fixed("uWSGI reads the number with atoi, which stops at the first non-digit", "uWSGI 用 atoi 读取数字，遇到第一个非数字字符就停止")
              : fixed("a flag stays on for any value but exactly false/off/no/0", "除非值恰好是 false/off/no/0，开关都保持开启");
          report({
            messageId: flagOff ? "flagStaysOn" : harmless ? "harmless" : breaks ? "breaks" : "unclear",
            severity: flagOff ? "error" : quiet ? "info" : harmless ? "warning" : breaks ? "error" : "warning",
            at: { file: file.source, start: comment.range.start, end: comment.range.end },
            data: { key: e.key, value, marker: fixed(marker), effect, why },
            fix: {
              safe: true,
              edits: [
                { file: file.source, start: line.start, end: line.start, text: `${indent}${comment.text.trim()}${eol}` },
                { file: file.source, start: cut, end: comment.range.end, text: "" },
              ],
            },
          });
        }
      }
    }
  },
});
