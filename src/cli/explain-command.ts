/** `stacklint explain [LOGFILE|-] [--project DIR] [--format ...] [--verbose] [--no-color]`. */
import { scanOptions } from "./option-scan.js";
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { defaultProject, explainFd, explainFile, type ExplainReport } from "../explain/explain.js";
import { EXPLAIN_FORMATS, formatExplain, type ExplainFormat } from "../explain/format.js";
import { UsageError } from "./args.js";
import { extractLangOption, parseLang, resolveLang, translate, type Lang } from "../i18n/index.js";

export const EXPLAIN_HELP = `Usage: stacklint explain [LOGFILE|-] [options]

Read an error log and explain each known failure in it: the cause in one
sentence, what to check, and, with a project, the config lines behind it.
Reads nginx error/access logs, uWSGI, gunicorn, redis, MySQL/MariaDB,
supervisord, \`docker compose up\`/\`logs\` output (service prefixes, colours),
docker build output, bash and Django tracebacks; any mix, any size (the log
is streamed). LOGFILE "-" (or none, with input piped in) reads stdin.

Options:
  --project <dir>        the project whose config explains the failures
                         (default: the current directory when it holds a
                         compose file)
  --format <name>        stylish (default), json, github, compact
  --verbose              also list error-looking lines that matched no known
                         signature (to report new ones)
  --color / --no-color   force colors on or off (NO_COLOR is honoured)
  --lang <en|zh-CN>      language of the explanations (default: from LC_ALL,
                         LC_MESSAGES or LANG)
  -h, --help             print this help

Exit codes: 0 no known failure recognised, 1 known failures recognised,
2 usage error (missing file, bad option) or internal failure.
`;

export interface ExplainArgs {
  log: string | undefined;
  project: string | undefined;
  format: ExplainFormat;
  verbose: boolean;
  color: boolean | undefined;
  help: boolean;
  /** `--lang` as given; undefined: from the environment. */
  lang: string | undefined;
}

export function parseExplainArgs(argv: readonly string[]): ExplainArgs {
  const extracted = extractLangOption(argv);
  if (extracted.missingValue) throw new UsageError("--lang needs a value: en or zh-CN");
  if (extracted.lang !== undefined && parseLang(extracted.lang) === undefined) throw new UsageError(`unknown language "${extracted.lang}": use en or zh-CN`);
  argv = extracted.rest;
  const args: ExplainArgs = { log: undefined, project: undefined, format: "stylish", verbose: false, color: undefined, help: false, lang: extracted.lang };
  for (const { arg: a, name, value } of scanOptions(argv)) {
    switch (name) {
      case "-h":
      case "--help":
        args.help = true;
        break;
      case "--project":
      case "-p":
        args.project = value();
        break;
      case "--format":
      case "-f": {
        const v = value();
        if (!(EXPLAIN_FORMATS as readonly string[]).includes(v)) throw new UsageError(`unknown format "${v}" for explain: use ${EXPLAIN_FORMATS.join(", ")}`);
        args.format = v as ExplainFormat;
        break;
      }
      case "--verbose":
        args.verbose = true;
        break;
      case "--color":
        args.color = true;
        break;
      case "--no-color":
        args.color = false;
        break;
      default:
        if (a.startsWith("-") && a !== "-") throw new UsageError(`unknown option for explain: ${a} (see stacklint explain --help)`);
        if (args.log !== undefined) throw new UsageError(`explain reads one log at a time (got "${args.log}" and "${a}")`);
        args.log = a;
    }
  }
  return args;
}

export interface ExplainIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
}

export interface ExplainDeps {
  /** File descriptor read for `-` (default 0, stdin). */
  stdinFd?: number;
  /** Is stdin a terminal (then a missing LOGFILE is a usage error rather than a wait for input)? */
  stdinIsTTY?: boolean;
}

/** Run `stacklint explain`; returns the exit code. Usage errors are thrown as UsageError. */
export function runExplainCommand(argv: readonly string[], io: ExplainIo, deps: ExplainDeps = {}): number {
  const args = parseExplainArgs(argv);
  const lang: Lang = resolveLang(args.lang, io.env);
  if (args.help) {
    io.stdout(lang === "en" ? EXPLAIN_HELP : translate("cli.explainHelp", {}, lang, EXPLAIN_HELP));
    return 0;
  }
  let project: string | undefined;
  if (args.project !== undefined) {
    const dir = resolve(io.cwd, args.project);
    if (!existsSync(dir)) throw new UsageError(`no such project directory: ${args.project}`);
    if (!statSync(dir).isDirectory()) throw new UsageError(`--project needs a directory: ${args.project}`);
    project = dir;
  } else project = defaultProject(io.cwd);

  const log = args.log ?? "-";
  const options = { cwd: io.cwd, project, verbose: args.verbose, lang };
  let report: ExplainReport;
  if (log === "-") {
    const tty = deps.stdinIsTTY ?? (deps.stdinFd === undefined && process.stdin.isTTY === true);
    if (args.log === undefined && tty) throw new UsageError("no log given: stacklint explain LOGFILE, or pipe a log into stacklint explain -");
    report = explainFd(deps.stdinFd ?? 0, options);
  } else {
    const path = resolve(io.cwd, log);
    if (!existsSync(path)) throw new UsageError(`no such file: ${log}`);
    if (statSync(path).isDirectory()) throw new UsageError(`${log} is a directory; give a log file (or --project ${log})`);
    report = explainFile(path, options);
  }
  // io.isTTY last: asking it sets up process.stdout, which only colour needs
  const color = args.color ?? (!("NO_COLOR" in io.env && io.env["NO_COLOR"] !== "") && io.env["TERM"] !== "dumb" && io.isTTY);
  io.stdout(formatExplain(report, args.format, { color, logName: log === "-" ? "<stdin>" : log, verbose: args.verbose, lang }));
  return report.findings.length > 0 ? 1 : 0;
}
