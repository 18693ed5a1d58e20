/** Command-line parsing: a small, strict parser so `--help` documents exactly what exists. */
export type Format = "stylish" | "json" | "compact" | "sarif" | "github" | "html";
export const FORMATS: readonly Format[] = ["stylish", "json", "compact", "sarif", "github", "html"];

export interface LintArgs {
  command: "lint";
  paths: string[];
  format: Format;
  config: string | undefined;
  noConfig: boolean;
  rules: string[];
  maxWarnings: number | undefined;
  quiet: boolean;
  color: boolean | undefined;
  outputFile: string | undefined;
  baseline: string | undefined;
  writeBaseline: string | undefined;
  fix: boolean;
  fixDryRun: boolean;
}

export type ParsedArgs =
  | LintArgs
  | { command: "rules"; format: "text" | "json" }
  | { command: "help" }
  | { command: "init" }
  | { command: "version" };

export { UsageError } from "./args-error.js";
import { UsageError } from "./args-error.js";
import { scanOptions } from "./option-scan.js";

export const HELP = `Usage: stacklint [paths...] [options]
       stacklint rules [--format json]
       stacklint explain [LOGFILE|-] [--project DIR] [--format stylish|json|github|compact]
                         [--verbose]   explain an error log (see stacklint explain --help)
       stacklint graph [paths...] [--format mermaid|dot|json|html] [-o FILE]
                                       draw the stack (see stacklint graph --help)

Lint a whole small-stack deployment read together: docker-compose (+ overrides,
.env), Dockerfiles, nginx, uWSGI, supervisord, redis.conf, my.cnf, shell
entrypoints, .env files and Django settings.py. Default path: "."

Options:
  -f, --format <name>    stylish (default), json, compact, sarif (SARIF 2.1.0),
                         github (GitHub Actions annotations + job summary),
                         html (one self-contained page: stack diagram +
                         findings)
  -c, --config <file>    config file (default: stacklint.config.json or
                         .stacklintrc.json or "stacklint" in package.json,
                         searched upward from the current directory)
  --no-config            ignore config files
  --rule <id:level>      set a rule's level: off, info, warning, error
                         (repeatable)
  --max-warnings <n>     exit 1 when there are more than n warnings
  --quiet                report errors only
  --baseline <file>      report only findings that are not in this baseline
  --write-baseline <file>
                         record the current findings as the accepted baseline
  --fix                  apply safe fixes
  --fix-dry-run          print the safe fixes as a diff, change nothing
  -o, --output-file <file>
                         write the report to a file instead of stdout
  --color / --no-color   force colors on or off (NO_COLOR is honoured)
  --lang <en|zh-CN>      language of messages, help and summary (default: from
                         LC_ALL, LC_MESSAGES or LANG: zh_CN.UTF-8 → zh-CN)
  -v, --version          print the version
  --init                 write a starter stacklint.config.json here (never
                         overwrites an existing config)
  -h, --help             print this help

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage error
or internal failure.
Suppress a finding in the file's own comments:
  # stacklint-disable-next-line <rule-id> -- reason
  # stacklint-disable-line <rule-id>      # stacklint-disable-file <rule-id>
`;

export function parseArgs(argv: string[]): ParsedArgs {
  if (argv[0] === "rules") {
    const rest = argv.slice(1);
    let format: "text" | "json" = "text";
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i]!;
      if (a === "--format") format = readFormat(rest[++i], ["text", "json"]) as "text" | "json";
      else if (a.startsWith("--format=")) format = readFormat(a.slice(9), ["text", "json"]) as "text" | "json";
      else if (a === "-h" || a === "--help") return { command: "help" };
      else throw new UsageError(`unknown option for "rules": ${a}`);
    }
    return { command: "rules", format };
  }
  const args: LintArgs = {
    command: "lint", paths: [], format: "stylish", config: undefined, noConfig: false, rules: [], maxWarnings: undefined,
    quiet: false, color: undefined, outputFile: undefined, baseline: undefined, writeBaseline: undefined, fix: false, fixDryRun: false,
  };
  for (const { arg: a, name, value } of scanOptions(argv)) {
    switch (name) {
      case "-h":
      case "--help":
        return { command: "help" };
      case "--init":
        return { command: "init" };
      case "-v":
      case "--version":
        return { command: "version" };
      case "--format":
      case "-f":
        args.format = readFormat(value(), FORMATS) as Format;
        break;
      case "--config":
      case "-c":
        args.config = value();
        break;
      case "--no-config":
        args.noConfig = true;
        break;
      case "--rule":
        args.rules.push(value());
        break;
      case "--max-warnings": {
        const v = value();
        if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings needs a non-negative integer, got "${v}"`);
        args.maxWarnings = Number(v);
        break;
      }
      case "--quiet":
        args.quiet = true;
        break;
      case "--fix":
        args.fix = true;
        break;
      case "--fix-dry-run":
        args.fixDryRun = true;
        break;
      case "--baseline":
        args.baseline = value();
        break;
      case "--write-baseline":
        args.writeBaseline = value();
        break;
      case "--output-file":
      case "-o":
        args.outputFile = value();
        break;
      case "--color":
        args.color = true;
        break;
      case "--no-color":
        args.color = false;
        break;
      default:
        if (a.startsWith("-") && a !== "-") throw new UsageError(`unknown option: ${a} (see --help)`);
        args.paths.push(a);
    }
  }
  if (args.paths.length === 0) args.paths.push(".");
  return args;
}

function readFormat(value: string | undefined, allowed: readonly string[]): string {
  if (value === undefined) throw new UsageError(`--format needs a value: ${allowed.join(", ")}`);
  if (!allowed.includes(value)) throw new UsageError(`unknown format "${value}": use ${allowed.join(", ")}`);
  return value;
}
