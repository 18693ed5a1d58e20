/**
 * The English source of stacklint's own strings (not rule messages: those
 * live in each rule's meta, nor explain texts: those are in the signatures).
 * `{{name:one|other}}` picks the English plural by the value of `name`.
 * Every key needs a translation in each other catalogue (test/i18n.test.ts).
 */
export const EN: Readonly<Record<string, string>> = {
  // ---------------------------------------------------------------- engine
  "engine.internalError": "rule {{rule}} crashed; please report this ({{error}})",
  "engine.unusedSuppression": "unused stacklint-disable directive (no finding here)",
  "engine.unusedSuppressionRules": "unused stacklint-disable directive (no {{rules}} finding here)",
  "parse-error.description": "A file that cannot be read or parsed (exact line and column); the other files are still linted",
  "unused-suppression.description": "A stacklint-disable directive that suppresses nothing",
  "internal-error.description": "A rule crashed: a bug in stacklint, please report it",

  // ---------------------------------------------------------------- stylish / compact / github
  "summary.problems": "✖ {{total}} {{total:problem|problems}} ({{errors}} {{errors:error|errors}}, {{warnings}} {{warnings:warning|warnings}}, {{infos}} info)",
  "summary.fixable": "  {{fixable}} fixable with --fix",
  "summary.see": "{{message}} [see {{where}}]",
  "compact.problems": "{{total}} {{total:problem|problems}}",
  "github.see": "see {{where}}: {{message}}",
  "github.totals": "stacklint: {{total}} {{total:problem|problems}} ({{errors}} {{errors:error|errors}}, {{warnings}} {{warnings:warning|warnings}}, {{infos}} info)",
  "github.overLimit": "; GitHub shows at most {{limit}} annotations of each level per step: the job summary lists them all",
  "github.summary.none": "No problems in {{files}} {{files:file|files}}.",
  "github.summary.total": "**{{total}} {{total:problem|problems}}** in {{files}} {{files:file|files}} linted.",
  "github.summary.header": "| severity | count |",
  "github.summary.overLimit": "GitHub shows at most {{limit}} annotations of each level per step; every finding is listed here.",
  "github.summary.tableHeader": "| severity | location | rule | message |",
  "github.summary.more": "… and {{count}} more (run stacklint locally, or upload SARIF, to see them all).",

  // ---------------------------------------------------------------- CLI
  "cli.initExists": "stacklint: {{path}} already configures stacklint here; not writing a new config",
  "cli.initWrote": "stacklint: wrote {{path}}",
  "cli.baselineWrote": "stacklint: wrote {{count}} finding(s) to {{path}}",
  "cli.noSuchPath": "no such file or directory: {{path}}",
  "cli.unknownLang": "unknown language \"{{lang}}\": use en or zh-CN",
  "cli.langNeedsValue": "--lang needs a value: en or zh-CN",
  "cli.internalError": "stacklint: internal error: {{error}}",
  "cli.stepSummaryFailed": "stacklint: cannot write the job summary to {{path}}: {{error}}",

  // ---------------------------------------------------------------- explain output
  "explain.format.full": "{{message}}; check {{check}}",
  "explain.format.log": "log",
  "explain.format.cause": "cause",
  "explain.format.check": "check",
  "explain.format.config": "config",
  "explain.format.note": "note",
  "explain.format.line": "line {{line}}:",
  "explain.format.repeated": "×{{count}}, lines {{first}}–{{last}}",
  "explain.format.services": "{{count:service|services}}: {{services}}",
  "explain.format.total": "✖ {{total}} known {{total:failure|failures}} recognised in {{lines}} {{lines:line|lines}} ({{errors}} {{errors:error|errors}}, {{warnings}} {{warnings:warning|warnings}})",
  "explain.format.addProject": "  add --project DIR to see the config lines behind them",
  "explain.format.none": "No known failure recognised in {{lines}} {{lines:line|lines}}.",
  "explain.format.unrecognised": "Error-looking lines no signature matched ({{count}}):",
  "explain.format.unrecognisedMore": "Error-looking lines no signature matched ({{count}}, and {{more}} more kinds):",
  "explain.format.unrecognisedLine": "line {{line}}:",
  "explain.format.unrecognisedLineCount": "line {{line}} (×{{count}}):",
  "explain.format.report": "  If one of these is a failure stacklint should know, please report it with the line.",
  "explain.format.noUnrecognised": "No unrecognised error-looking lines.",
  "explain.format.compactTotal": "{{total}} known {{total:failure|failures}}",
  "explain.locateFailed": "stacklint could not map this finding to the config ({{error}}); please report it",
};
