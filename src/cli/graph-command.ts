/** `stacklint graph [paths...] [--format mermaid|dot|json|html] [--output-file F]`: the stack model as a diagram. */
import { scanOptions } from "./option-scan.js";
import { existsSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseRuleOption } from "../engine/config.js";
import type { LintResult } from "../engine/diagnostic.js";
import { BUILTIN_IDS, lint, type LintRun } from "../engine/lint.js";
import { buildGraph } from "../graph/graph-model.js";
import { renderDot } from "../graph/render-dot.js";
import { renderHtml } from "../graph/render-html.js";
import { renderJson } from "../graph/render-json.js";
import { renderMermaid } from "../graph/render-mermaid.js";
import { VERSION } from "../version.js";
import { RULES } from "../../rules/index.js";
import { UsageError } from "./args.js";

export const GRAPH_FORMATS = ["mermaid", "dot", "json", "html"] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export const GRAPH_HELP = `Usage: stacklint graph [paths...] [options]

Draw the stack as stacklint models it: containers (service, image:tag or
build context, main program, what each listens on), every connection (nginx
upstream, database and cache clients, *_URL variables) labelled with its
protocol and port or unix socket, published ports from the host, networks
as groups, shared volumes and sockets. Connections that cannot work and
elements a finding concerns are drawn red (orange for warnings) with the
rule ids. Default path: "."

Options:
  -f, --format <name>    mermaid (default; pastes into a GitHub README or
                         issue), dot (graphviz: dot -Tsvg), json (the graph
                         model), html (one self-contained file: the diagram
                         beside the findings, no network needed to view it)
  -o, --output-file <file>
                         write to a file instead of stdout
  -c, --config <file>    config file (rule levels decide which findings show)
  --no-config            ignore config files
  --rule <id:level>      set a rule's level (repeatable)
  --quiet                mark errors only
  -h, --help             print this help

Exit codes: 0 drawn (whatever the findings), 2 usage error or internal
failure. \`stacklint --format html\` writes the same page as a lint report.
`;

export interface GraphArgs {
  paths: string[];
  format: GraphFormat;
  outputFile: string | undefined;
  config: string | undefined;
  noConfig: boolean;
  rules: string[];
  quiet: boolean;
  help: boolean;
}

export function parseGraphArgs(argv: readonly string[]): GraphArgs {
  const args: GraphArgs = { paths: [], format: "mermaid", outputFile: undefined, config: undefined, noConfig: false, rules: [], quiet: false, help: false };
  for (const { arg: a, name, value } of scanOptions(argv)) {
    switch (name) {
      case "-h":
      case "--help":
        args.help = true;
        break;
      case "-f":
      case "--format": {
        const v = value();
        if (!(GRAPH_FORMATS as readonly string[]).includes(v)) throw new UsageError(`unknown format "${v}" for graph: use ${GRAPH_FORMATS.join(", ")}`);
        args.format = v as GraphFormat;
        break;
      }
      case "-o":
      case "--output-file":
        args.outputFile = value();
        break;
      case "-c":
      case "--config":
        args.config = value();
        break;
      case "--no-config":
        args.noConfig = true;
        break;
      case "--rule":
        args.rules.push(value());
        break;
      case "--quiet":
        args.quiet = true;
        break;
      default:
        if (a.startsWith("-") && a !== "-") throw new UsageError(`unknown option for graph: ${a} (see stacklint graph --help)`);
        args.paths.push(a);
    }
  }
  if (args.paths.length === 0) args.paths.push(".");
  return args;
}

export interface GraphIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Render a lint run as a graph in the given format. */
export function renderGraph(run: Pick<LintRun, "model" | "project" | "redact">, result: LintResult, format: GraphFormat, cwd: string, title?: string): string {
  const graph = buildGraph({ model: run.model, project: run.project, result, redact: run.redact });
  switch (format) {
    case "mermaid":
      return renderMermaid(graph);
    case "dot":
      return renderDot(graph);
    case "json":
      return renderJson(graph);
    case "html":
      return renderHtml(graph, { cwd, version: VERSION, ...(title !== undefined ? { title } : {}) });
  }
}

/** The lint report as HTML (`stacklint --format html`): the same page as `stacklint graph --format html`. */
export function formatLintHtml(run: Pick<LintRun, "model" | "project" | "redact">, result: LintResult, cwd: string): string {
  return renderGraph(run, result, "html", cwd);
}

/** Run `stacklint graph`; returns the exit code. Usage errors are thrown as UsageError. */
export function runGraphCommand(argv: readonly string[], io: GraphIo): number {
  const args = parseGraphArgs(argv);
  if (args.help) {
    io.stdout(GRAPH_HELP);
    return 0;
  }
  for (const path of args.paths) {
    if (!existsSync(resolve(io.cwd, path))) throw new UsageError(`no such file or directory: ${path}`);
  }
  const known = new Set([...RULES.map((r) => r.meta.id), ...BUILTIN_IDS]);
  const overrides = args.rules.map((r) => parseRuleOption(r, known));
  const run = lint({ paths: args.paths, cwd: io.cwd, rules: RULES, configPath: args.noConfig ? false : args.config, ruleOverrides: overrides });
  for (const message of run.internalErrors) io.stderr(`stacklint: ${message}\n`);
  let result = run.result;
  if (args.quiet) result = { ...result, diagnostics: result.diagnostics.filter((d) => d.severity === "error") };
  const text = renderGraph(run, result, args.format, io.cwd);
  if (args.outputFile) writeFileSync(resolve(io.cwd, args.outputFile), text);
  else io.stdout(text);
  return run.internalErrors.length > 0 ? 2 : 0;
}
