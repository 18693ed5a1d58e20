import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { encode, planFixes, writeAtomically } from "../fix/apply-fixes.js";
import { unifiedDiff } from "../fix/diff.js";
import { ConfigError, parseRuleOption } from "../engine/config.js";
import { BUILTIN_IDS, lint } from "../engine/lint.js";
import { applyBaseline, readBaseline, writeBaseline } from "../engine/baseline.js";
import { summarize } from "../engine/summary.js";
import type { LintResult } from "../engine/diagnostic.js";
import { formatCompact } from "../formatters/compact.js";
import { formatJson } from "../formatters/json.js";
import { formatStylish } from "../formatters/stylish.js";
import { formatGithub, formatGithubSummary } from "../formatters/github.js";
import { sarifSourceOf } from "../formatters/run-source.js";
import { formatSarif } from "../formatters/sarif.js";
import { init } from "../api.js";
import { VERSION } from "../version.js";
import { RULES } from "../../rules/index.js";
import { HELP, parseArgs, UsageError, type LintArgs } from "./args.js";
import { runExplainCommand } from "./explain-command.js";
import { formatLintHtml, runGraphCommand } from "./graph-command.js";
import { extractLangOption, resolveLang, t, translate, type Lang } from "../i18n/index.js";

export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
}

/** Run the CLI; returns the exit code (0 clean, 1 findings, 2 usage error or crash). */
export function main(argv: string[], io: Io): number {
  let lang: Lang = "en";
  try {
    // `--lang` is accepted anywhere, by every command; explain reads it itself.
    if (argv[0] === "explain") return runExplainCommand(argv.slice(1), io);
    const extracted = extractLangOption(argv);
    lang = langOf(extracted, io.env);
    argv = extracted.rest;
    if (argv[0] === "graph") return runGraphCommand(argv.slice(1), io);
    const args = parseArgs(argv);
    switch (args.command) {
      case "help":
        io.stdout(lang === "en" ? HELP : translate("cli.help", {}, lang, HELP));
        return 0;
      case "version":
        io.stdout(`${VERSION}\n`);
        return 0;
      case "rules":
        io.stdout(args.format === "json" ? JSON.stringify(RULES.map((r) => r.meta), null, 2) + "\n" : RULES.map((r) => `${r.meta.id.padEnd(32)} ${r.meta.severity.padEnd(8)} ${translate(`${r.meta.id}.description`, {}, lang, r.meta.description)}`).join("\n") + "\n");
        return 0;
      case "init": {
        const created = init({ cwd: io.cwd });
        const shown = relative(io.cwd, created.path) || created.path;
        if (!created.created) {
          io.stderr(`${t("cli.initExists", lang, { path: shown })}\n`);
          return 2;
        }
        io.stdout(`${t("cli.initWrote", lang, { path: shown })}\n`);
        return 0;
      }
      case "lint":
        return runLint(args, io, lang);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.stderr(`stacklint: ${error.message}\n`);
      return 2;
    }
    io.stderr(`${t("cli.internalError", lang, { error: (error as Error).stack ?? String(error) })}\n`);
    return 2;
  }
}

/** The output language: `--lang`, else LC_ALL / LC_MESSAGES / LANG. */
export function langOf(extracted: { lang: string | undefined; missingValue: boolean }, env: NodeJS.ProcessEnv): Lang {
  if (extracted.missingValue) throw new UsageError(t("cli.langNeedsValue", "en"));
  try {
    return resolveLang(extracted.lang, env);
  } catch {
    throw new UsageError(t("cli.unknownLang", "en", { lang: extracted.lang ?? "" }));
  }
}

function runLint(args: LintArgs, io: Io, lang: Lang): number {
  for (const path of args.paths) {
    if (!existsSync(resolve(io.cwd, path))) throw new UsageError(t("cli.noSuchPath", lang, { path }));
  }
  const known = new Set([...RULES.map((r) => r.meta.id), ...BUILTIN_IDS]);
  const overrides = args.rules.map((r) => parseRuleOption(r, known));
  const options = { paths: args.paths, cwd: io.cwd, rules: RULES, configPath: args.noConfig ? false : args.config, ruleOverrides: overrides, lang } as const;
  let run = lint(options);
  if (args.fixDryRun) {
    for (const change of planFixes(run.project, run.diagnostics)) io.stdout(run.redact(unifiedDiff(run.project.display(change.path), change.before, change.after)));
    return run.internalErrors.length > 0 ? 2 : 0;
  }
  if (args.fix) {
    // Repeat until stable: one fix can make another applicable (bounded, every pass re-reads the files).
    for (let pass = 0; pass < 10; pass++) {
      const changes = planFixes(run.project, run.diagnostics);
      if (changes.length === 0) break;
      for (const change of changes) writeAtomically(change.path, encode(change.file, change.after));
      run = lint(options);
    }
  }
  for (const message of run.internalErrors) io.stderr(`stacklint: ${message}\n`);
  let result: LintResult = run.result;
  if (args.writeBaseline) {
    writeBaseline(resolve(io.cwd, args.writeBaseline), result.diagnostics);
    io.stderr(`${t("cli.baselineWrote", lang, { count: result.diagnostics.length, path: args.writeBaseline })}\n`);
    return run.internalErrors.length > 0 ? 2 : 0;
  }
  if (args.baseline) {
    const diagnostics = applyBaseline(result.diagnostics, readBaseline(resolve(io.cwd, args.baseline)));
    result = { ...result, diagnostics, summary: summarize(diagnostics, result.summary.files) };
  }
  const counted = result.summary;
  if (args.quiet) result = { ...result, diagnostics: result.diagnostics.filter((d) => d.severity === "error") };
  // io.isTTY last: asking it sets up process.stdout, which only colour needs
  const color = (): boolean => args.color ?? (!("NO_COLOR" in io.env && io.env["NO_COLOR"] !== "") && io.env["TERM"] !== "dumb" && io.isTTY);
  const text =
    args.format === "json" ? formatJson(result)
    : args.format === "compact" ? formatCompact(result, lang)
    : args.format === "sarif" ? formatSarif(result, { rules: RULES.map((r) => r.meta), cwd: io.cwd, source: sarifSourceOf(run, io.cwd) })
    : args.format === "github" ? formatGithub(result, lang)
    : args.format === "html" ? formatLintHtml(run, result, io.cwd)
    : formatStylish(result, { color: args.outputFile ? false : color(), cwd: io.cwd, lang });
  // GitHub shows at most 10 annotations per level and step: the job summary lists every finding.
  const stepSummary = io.env["GITHUB_STEP_SUMMARY"];
  if (args.format === "github" && stepSummary) {
    try {
      appendFileSync(stepSummary, formatGithubSummary(result, { lang }));
    } catch (error) {
      io.stderr(`${t("cli.stepSummaryFailed", lang, { path: stepSummary, error: (error as Error).message })}\n`);
    }
  }
  if (args.outputFile) writeFileSync(resolve(io.cwd, args.outputFile), text);
  else io.stdout(text);
  if (run.internalErrors.length > 0) return 2;
  if (counted.errors > 0) return 1;
  if (args.maxWarnings !== undefined && counted.warnings > args.maxWarnings) return 1;
  return 0;
}
