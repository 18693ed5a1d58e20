import { posix } from "node:path";
import { defineRule, fixed } from "../../src/engine/rule.js";
import { stageChain } from "../../src/model/image/dockerfile-stages.js";
import type { DockerExecArg, DockerInstruction } from "../../src/parsers/dockerfile/ast.js";

const OPERATORS = new Set(["&&", "||", "|", "|&", ";", "&", ">", ">>", "<", "<<", "2>", "2>>", "2>&1", ">&2", "1>&2", "&>"]);
const SHELLS = /^(?:ba|da|z|k|a|mk)?sh$/;
/** Programs whose arguments use `$` themselves: `${...}` placeholders (java/Spring, envsubst) or their own language (awk, jq, sed, perl, php...). */
const OWN_DOLLAR = /^(?:envsubst|java|awk|gawk|mawk|jq|yq|sed|perl|php[\d.]*|ruby|node|python[\d.]*|psql|mysql|redis-cli|sqlite3)$/;
/** Flags whose value is code for the program (`python -c`, `perl -e`, `php -r`, `node --eval`). */
const CODE_FLAG = /^(?:-[a-zA-Z]*c|-e|-E|-r|--eval|--execute|--command)$/;
/** Common programs: `"python app.py"` is a command line, not a path with a space. */
const COMMON_PROGRAMS = /^(?:python[\d.]*|pip[\d.]*|node|npm|npx|yarn|java|ruby|php|perl|sh|bash|dash|ash|gunicorn|uwsgi|uvicorn|daphne|celery|flask|django-admin|nginx|redis-server|mysqld|supervisord|env|exec|echo|cd|sleep|tail|cron|crond|httpd|apache2ctl|dotnet|go|cargo|make)$/;

export default defineRule({
  meta: {
    id: "exec-form-shell-operators",
    description: "exec-form CMD/ENTRYPOINT/RUN written like a shell command line (`&&`, `|`, `$VAR`, one string with spaces): no shell runs it",
    severity: "error",
    category: "dockerfile",
    files: ["dockerfile"],
    messages: {
      operator:
        "exec-form {{keyword}} runs `{{prog}}` directly, without a shell: `{{op}}` reaches it as a plain argument and chains or redirects nothing; write the shell form (`{{keyword}} a {{op}} b`) or `[\"sh\", \"-c\", \"a {{op}} b\"]`",
      operatorEnv:
        "exec-form {{keyword}} runs `env` directly, without a shell: `env` sets the variables and then tries to run `{{op}}` as a program (\"env: '{{op}}': No such file or directory\", exit code 127); drop `{{op}}` (`[\"env\", \"NAME=value\", \"prog\", ...]`) or use the shell form",
      variable:
        "exec-form {{keyword}} does no variable expansion: `{{prog}}` gets the literal text `{{arg}}`, not the value of `{{var}}`; use the shell form, or `[\"sh\", \"-c\", \"exec {{prog}} ...\"]`",
      spaces:
        "exec-form {{keyword}} takes `{{arg}}` as the name of one program, spaces included: {{what}} fails with `exec: \"{{arg}}\": executable file not found in $PATH`; give each argument its own string: `{{split}}`",
      spacesShell:
        "exec-form {{keyword}} takes `{{arg}}` as the name of one program, spaces included: {{what}} fails with `exec: \"{{arg}}\": executable file not found in $PATH`; this needs a shell: `[\"sh\", \"-c\", \"...\"]` or the shell form",
    },
    fixable: true,
  },
  check({ project, report }) {
    for (const file of project.filesOf("dockerfile")) {
      const ast = file.ast;
      for (const stage of ast.stages) {
        const chain = stageChain(ast, stage);
        const entrypoint = lastOf(chain.flatMap((s) => s.instructions), "ENTRYPOINT");
        // only the last CMD/ENTRYPOINT/HEALTHCHECK of a stage runs (multiple-cmd reports the others)
        const effective = new Set(["CMD", "ENTRYPOINT", "HEALTHCHECK"].map((k) => lastOf(stage.instructions, k)));
        for (const instr of stage.instructions) {
          const keyword = instr.keyword;
          if (!["RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK"].includes(keyword) || instr.form !== "exec" || !instr.execArgs?.length) continue;
          if (keyword !== "RUN" && !effective.has(instr)) continue;
          const args = instr.execArgs;
          const values = args.map((a) => a.value);
          if (runsShellScript(values)) continue;
          // CMD becomes the arguments of an ENTRYPOINT: a shell-form or `sh -c` entrypoint changes everything
          const cmdIsArgs = keyword === "CMD" && entrypoint !== undefined;
          if (cmdIsArgs && (entrypoint.form !== "exec" || runsShellScript(entrypoint.execArgs?.map((a) => a.value) ?? []))) continue;
          const at = (a: DockerExecArg) => ({ file: file.source, start: a.start, end: a.end });
          const kw = fixed(keyword === "HEALTHCHECK" ? "HEALTHCHECK CMD" : keyword);
          const progPath = cmdIsArgs ? entrypoint.execArgs?.[0]?.value ?? "" : values[0] ?? "";
          const prog = posix.basename(progPath);
          const what = keyword === "RUN" ? fixed("the build", "构建") : keyword === "HEALTHCHECK" ? fixed("every health check", "每次健康检查") : fixed("the container", "容器");

          const op = args.find((a, i) => i > 0 && OPERATORS.has(a.value));
          if (op) {
            report({ messageId: prog === "env" ? "operatorEnv" : "operator", data: { keyword: kw, prog: progPath, op: op.value }, at: at(op) });
            continue;
          }
          const first = args[0]!;
          if (!cmdIsArgs && /\s/.test(first.value.trim()) && looksLikeCommandLine(first.value)) {
            const words = first.value.trim().split(/\s+/);
            const simple = /^[\w@%+=:,./-]+$/.test(words.join(""));
            if (simple) {
              const split = words.map((w) => JSON.stringify(w)).join(", ");
              report({
                messageId: "spaces", data: { keyword: kw, what, arg: first.value, split: `[${[split, ...args.slice(1).map((a) => JSON.stringify(a.value))].join(", ")}]` }, at: at(first),
                fix: { safe: true, edits: [{ file: file.source, start: first.start, end: first.end, text: split }] },
              });
            } else report({ messageId: "spacesShell", data: { keyword: kw, what, arg: first.value }, at: at(first) });
            continue;
          }
          // an entrypoint script may expand its arguments itself (eval, envsubst)
          if (cmdIsArgs || OWN_DOLLAR.test(prog)) continue;
          for (let i = 0; i < args.length; i++) {
            const a = args[i]!;
            // `nginx -g "daemon off; ... $var"`: nginx variables, not shell ones
            if (prog === "nginx" && values[i - 1] === "-g") continue;
            if (i > 0 && CODE_FLAG.test(values[i - 1]!)) continue;
            const m = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(a.value);
            if (!m || a.value.includes("$$")) continue;
            report({ messageId: "variable", data: { keyword: kw, prog: progPath, arg: a.value, var: m[1]! }, at: at(a) });
            break;
          }
        }
      }
    }
  },
});

function lastOf(instructions: DockerInstruction[], keyword: string): DockerInstruction | undefined {
  let found: DockerInstruction | undefined;
  for (const i of instructions) if (i.keyword === keyword) found = i;
  return found;
}

/** `["sh", "-c", "..."]`, `["/bin/bash", "-lc", "..."]`, `["tini", "--", "sh", "-ec", "..."]`: a shell interprets the rest. */
function runsShellScript(values: string[]): boolean {
  const shell = values.findIndex((v) => SHELLS.test(posix.basename(v)));
  return shell >= 0 && values.slice(shell + 1).some((v) => /^-[a-z]*c[a-z]*$/.test(v));
}

/** `"python app.py"`, `"gunicorn -b :8000 app:app"` rather than `"/opt/My App/run"`. */
function looksLikeCommandLine(value: string): boolean {
  const words = value.trim().split(/\s+/);
  if (COMMON_PROGRAMS.test(posix.basename(words[0]!))) return true;
  if (words.slice(1).some((w) => w.startsWith("-") || /^(?:&&|\|\||[|;&<>])$/.test(w))) return true;
  // a path with spaces continues the path: `/opt/My App/bin/run`
  return !/^[/.~]/.test(value) || /\s/.test(posix.basename(value));
}
