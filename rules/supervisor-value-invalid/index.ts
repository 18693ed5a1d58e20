import { defineRule, fixed } from "../../src/engine/rule.js";
import {
  SUPERVISOR_CONVERTERS,
  SUPERVISOR_FALSY,
  SUPERVISOR_LOGLEVELS,
  SUPERVISOR_TRUTHY,
  isKnownSupervisorKey,
  supervisorSectionType,
} from "../../src/knowledge/supervisor-options.js";
import type { Loc } from "../../src/model/types.js";
import type { IniEntry } from "../../src/parsers/ini/ast.js";
import type { SourceFile } from "../../src/source/source-file.js";

/** Python's `signal` module on Linux (supervisor's signal_number accepts these, with or without SIG). */
const SIGNAL_NAMES = new Set([
  "SIGABRT", "SIGALRM", "SIGBUS", "SIGCHLD", "SIGCLD", "SIGCONT", "SIGFPE", "SIGHUP", "SIGILL", "SIGINT", "SIGIO", "SIGIOT",
  "SIGKILL", "SIGPIPE", "SIGPOLL", "SIGPROF", "SIGPWR", "SIGQUIT", "SIGRTMAX", "SIGRTMIN", "SIGSEGV", "SIGSTKFLT", "SIGSTOP",
  "SIGSYS", "SIGTERM", "SIGTRAP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGUSR1", "SIGUSR2", "SIGVTALRM", "SIGWINCH",
  "SIGXCPU", "SIGXFSZ",
]);

type Converter = "integer" | "boolean" | "auto_restart" | "signal_number" | "logging_level" | "octal_type" | "list_of_exitcodes" | "byte_size";
const CHECKED: ReadonlySet<string> = new Set(["integer", "boolean", "auto_restart", "signal_number", "logging_level", "octal_type", "list_of_exitcodes", "byte_size"]);

/** The converter supervisor's options.py applies to a key (the generated map plus the per-stream keys it builds at run time). */
function converterOf(key: string): Converter | undefined {
  const c = SUPERVISOR_CONVERTERS[key];
  if (c !== undefined) return CHECKED.has(c) ? (c as Converter) : undefined;
  if (/^(stdout|stderr)_(logfile|capture)_maxbytes$/.test(key)) return "byte_size";
  if (/^(stdout|stderr)_logfile_backups$/.test(key)) return "integer";
  if (/^(stdout|stderr)_(syslog|events_enabled)$/.test(key)) return "boolean";
  return undefined;
}

/** Python int(): sign, digits, single underscores between digits, surrounding blanks. */
const PY_INT = /^\s*[+-]?\d+(?:_\d+)*\s*$/;

export default defineRule({
  meta: {
    id: "supervisor-value-invalid",
    description: "a supervisord.conf value supervisor cannot convert (autorestart=maybe, bad boolean, number, signal, log level): supervisord exits before starting anything",
    severity: "error",
    category: "supervisor",
    files: ["supervisor"],
    messages: {
      invalid:
        "`{{key}}={{value}}` is not a valid {{what}}: supervisord exits at start, before running any program (\"{{error}}\", \"For help, use /usr/bin/supervisord -h\"){{expected}}",
      numprocs:
        "`numprocs={{value}}` needs `%(process_num)` in `process_name` (every process needs its own name): supervisord exits at start (\"Error: %(process_num) must be present within process_name when numprocs > 1 in section '{{section}}' (file: '{{file}}')\"); add e.g. `process_name=%(program_name)s_%(process_num)02d`",
    },
    fixable: false,
  },
  check({ project, report }) {
    for (const file of project.filesOf("supervisor")) {
      for (const section of file.ast.sections) {
        const kind = supervisorSectionType(section.name);
        if (!kind) continue;
        const where = kind === "supervisord" ? "" : ` in section '${section.name}' (file: '${project.display(file.source.path)}')`;
        for (const e of section.entries) {
          const key = e.key.toLowerCase();
          if (!isKnownSupervisorKey(kind, key)) continue;
          const converter = converterOf(key);
          // %(ENV_X)s and %(here)s are expanded first: the result is not known here
          if (!converter || e.value.includes("%")) continue;
          const problem = convert(converter, e.value, key);
          if (!problem) continue;
          report({
            messageId: "invalid",
            at: valueLoc(file.source, e),
            data: {
              key: e.key,
              value: e.value,
              what: fixed(problem.what, whatZh(problem.what)),
              // the section text is only added where supervisor adds it (program-like sections)
              // supervisor converts loglevel, [supervisord] numbers and priority outside the section's error context
              error: `Error: ${problem.error}${converter === "logging_level" || (converter === "integer" && (kind === "supervisord" || key === "priority")) ? "" : where}`,
              expected: problem.expected ? fixed(`; use ${problem.expected}`, `；请使用${expectedZh(problem.expected)}`) : fixed(""),
            },
          });
        }
        if (kind === "program" || kind === "fcgi-program" || kind === "eventlistener") {
          const numprocs = lastEntry(section.entries, "numprocs");
          const processName = lastEntry(section.entries, "process_name");
          if (numprocs && PY_INT.test(numprocs.value) && Number(numprocs.value.replace(/_/g, "")) > 1 && !numprocs.value.includes("%")) {
            const name = processName?.value ?? "%(program_name)s";
            if (!name.includes("%(process_num)")) {
              report({ messageId: "numprocs", at: valueLoc(file.source, numprocs), data: { value: numprocs.value, section: section.name, file: project.display(file.source.path) } });
            }
          }
        }
      }
    }
  },
});

function lastEntry(entries: IniEntry[], key: string): IniEntry | undefined {
  let found: IniEntry | undefined;
  for (const e of entries) if (e.key.toLowerCase() === key) found = e;
  return found;
}

function valueLoc(file: SourceFile, e: IniEntry): Loc {
  return e.valueRange.end > e.valueRange.start ? { file, start: e.valueRange.start, end: e.valueRange.end } : { file, start: e.keyRange.start, end: e.keyRange.end };
}

interface Problem {
  what: string;
  error: string;
  expected: string | undefined;
}

/** `Problem.what` in Chinese. */
function whatZh(what: string): string {
  const names: Record<string, string> = {
    number: "数字", boolean: "布尔值", "`autorestart` value": " `autorestart` 值", "signal name": "信号名", "supervisor log level": " supervisor 日志级别",
    "octal number": "八进制数", "list of exit codes": "退出码列表",
  };
  return names[what] ?? what.replace(/^size for (`[^`]+`)$/, " $1 的大小");
}

/** `Problem.expected` in Chinese (a list of level names stays as it is). */
function expectedZh(expected: string): string {
  const texts: Record<string, string> = {
    "a whole number (no unit)": "整数（不带单位）",
    "true or false": " `true` 或 `false`",
    "true, false or unexpected": " `true`、`false` 或 `unexpected`",
    "a signal name such as TERM, INT, QUIT, HUP, KILL": "信号名，例如 TERM、INT、QUIT、HUP、KILL",
    "an octal number such as 022": "八进制数，例如 022",
    "comma-separated numbers 0-255": "逗号分隔的 0-255 之间的数字",
    "a number with an optional KB, MB or GB suffix (e.g. 50MB)": "数字，可以带 KB、MB 或 GB 后缀（例如 50MB）",
  };
  return texts[expected] ?? ` ${expected.split(", ").map((x) => `\`${x}\``).join("、")}`;
}

/** supervisor.datatypes, as supervisor 4.2 applies them (messages verbatim from real runs). */
function convert(converter: Converter, value: string, key: string): Problem | undefined {
  const lower = value.toLowerCase();
  const truthy = SUPERVISOR_TRUTHY.includes(lower);
  const falsy = SUPERVISOR_FALSY.includes(lower);
  switch (converter) {
    case "integer":
      return PY_INT.test(value) ? undefined : { what: "number", error: `invalid literal for int() with base 10: '${value}'`, expected: "a whole number (no unit)" };
    case "boolean":
      return truthy || falsy ? undefined : { what: "boolean", error: `not a valid boolean value: '${value}'`, expected: "true or false" };
    case "auto_restart":
      return truthy || falsy || lower === "unexpected" ? undefined : { what: "`autorestart` value", error: `invalid 'autorestart' value '${lower}'`, expected: "true, false or unexpected" };
    case "signal_number": {
      if (PY_INT.test(value)) return undefined;
      const name = value.trim().toUpperCase();
      const full = name.startsWith("SIG") ? name : `SIG${name}`;
      return SIGNAL_NAMES.has(full) || full.startsWith("SIG_") ? undefined : { what: "signal name", error: `value '${value}' is not a valid signal name`, expected: "a signal name such as TERM, INT, QUIT, HUP, KILL" };
    }
    case "logging_level":
      return SUPERVISOR_LOGLEVELS.includes(lower) ? undefined : { what: "supervisor log level", error: `bad logging level name '${value}'`, expected: SUPERVISOR_LOGLEVELS.join(", ") };
    case "octal_type":
      return /^\s*[+-]?(0[oO])?[0-7]+(?:_[0-7]+)*\s*$/.test(value) ? undefined : { what: "octal number", error: `${value} can not be converted to an octal type`, expected: "an octal number such as 022" };
    case "list_of_exitcodes": {
      if (value === "") return undefined;
      const ok = value.split(",").every((x) => PY_INT.test(x) && Number(x.replace(/_/g, "")) >= 0 && Number(x.replace(/_/g, "")) <= 255);
      return ok ? undefined : { what: "list of exit codes", error: `not a valid list of exit codes: '${value}'`, expected: "comma-separated numbers 0-255" };
    }
    case "byte_size": {
      const suffix = /(kb|mb|gb)$/.exec(lower);
      const number = suffix ? lower.slice(0, -2) : lower;
      return PY_INT.test(number) ? undefined : { what: `size for \`${key}\``, error: `invalid literal for int() with base 10: '${number}'`, expected: "a number with an optional KB, MB or GB suffix (e.g. 50MB)" };
    }
  }
}
