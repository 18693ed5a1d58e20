/**
 * `stacklint explain`: read a log (streamed), recognise the known failures,
 * and with a project point each at the config lines behind it. The project
 * is read by the lint engine (discover → parse → model, no rules), so the
 * model is the one the rules see.
 */
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { lint } from "../engine/lint.js";
import { VERSION } from "../version.js";
import { Matcher, type Finding, type LogRef, type MatchResult, type Unrecognised } from "./match.js";
import { createLocateContext, locate, type ConfigLocation, type LocateContext } from "./locate.js";
import { normalizeLine, readLinesFromFd, readLinesFromFile, readLinesFromStream } from "./read-log.js";
import { collectSecrets } from "../secrets/secrets.js";
import { makeLogRedactor, redactLogText } from "./redact.js";
import { fillTemplate, SIGNATURES, type Severity, type Signature } from "./signatures.js";
import { t, template, type Lang } from "../i18n/index.js";

export interface ExplainedFinding {
  signature: string;
  severity: Severity;
  /** What happened (with the facts of the log line), then what to check. */
  message: string;
  cause: string;
  check: string;
  log: LogRef[];
  count: number;
  firstLine: number;
  lastLine: number;
  services: string[];
  config: ConfigLocation[];
  /** What the project tells when it has no line to show (e.g. "nginx → uWSGI looks consistent"). */
  notes: string[];
}

export interface ExplainReport {
  version: string;
  /** Lines read. */
  lines: number;
  findings: ExplainedFinding[];
  /** Error-looking lines that matched no signature (only collected with `verbose`). */
  unrecognised: Unrecognised[];
  unrecognisedOverflow: number;
  /** The project pointed into, relative to the current directory; undefined without one. */
  project: string | undefined;
}

export interface ExplainOptions {
  cwd: string;
  /** Project directory (absolute or relative to cwd); undefined: no config locations. */
  project: string | undefined;
  verbose: boolean;
  signatures?: readonly Signature[];
  /** Called after each line is matched (progress, memory sampling in tests). */
  onLine?: (lineNumber: number) => void;
  /** Language of title, cause and check (default English). */
  lang?: Lang;
}

/** Compose file names that make a directory a project by default. */
export const COMPOSE_NAMES = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];

/** The current directory is the default project when it holds a compose file. */
export function defaultProject(cwd: string): string | undefined {
  return COMPOSE_NAMES.some((n) => existsSync(join(cwd, n))) ? cwd : undefined;
}

function matcherFor(options: ExplainOptions): { matcher: Matcher; onLine: (raw: string, n: number) => void } {
  const matcher = new Matcher(options.signatures ?? SIGNATURES, options.verbose);
  return {
    matcher,
    onLine: (raw, number) => {
      const { text, service } = normalizeLine(raw);
      if (text !== "") matcher.push({ number, text, service });
      options.onLine?.(number);
    },
  };
}

/** Explain a log file (read in chunks, never whole). */
export function explainFile(path: string, options: ExplainOptions): ExplainReport {
  const { matcher, onLine } = matcherFor(options);
  const lines = readLinesFromFile(path, onLine);
  return report(matcher.finish(), lines, options);
}

/** Explain what a file descriptor (stdin: 0) delivers. */
export function explainFd(fd: number, options: ExplainOptions): ExplainReport {
  const { matcher, onLine } = matcherFor(options);
  const lines = readLinesFromFd(fd, onLine);
  return report(matcher.finish(), lines, options);
}

/** Explain a stream (chunks as they come). */
export async function explainStream(stream: AsyncIterable<Buffer | string>, options: ExplainOptions): Promise<ExplainReport> {
  const { matcher, onLine } = matcherFor(options);
  const lines = await readLinesFromStream(stream, onLine);
  return report(matcher.finish(), lines, options);
}

/** Explain log text already in memory (tests, editors). */
export function explainText(text: string, options: ExplainOptions): ExplainReport {
  const { matcher, onLine } = matcherFor(options);
  const parts = text.split("\n");
  if (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  parts.forEach((raw, i) => onLine(raw, i + 1));
  return report(matcher.finish(), parts.length, options);
}

interface ProjectView {
  ctx: LocateContext;
  redact: (text: string) => string;
  display: string;
}

function loadProject(options: ExplainOptions): ProjectView | undefined {
  if (options.project === undefined) return undefined;
  const dir = resolve(options.cwd, options.project);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return undefined;
  const run = lint({ paths: [dir], cwd: options.cwd, rules: [], configPath: false });
  const redact = makeLogRedactor(collectSecrets(run.project));
  return { ctx: createLocateContext(run.project, run.model, (v) => redactLogText(v, redact)), redact, display: run.project.display(dir) };
}

function report(result: MatchResult, lines: number, options: ExplainOptions): ExplainReport {
  // The model is built only when there is something to point at.
  const view = result.findings.length > 0 ? loadProject(options) : undefined;
  const projectRedact = view?.redact ?? ((t: string) => t);
  const redactLine = (t: string): string => redactLogText(t, projectRedact);
  const findings = result.findings.map((f) => explainFinding(f, view, redactLine, options.lang ?? "en"));
  return {
    version: VERSION,
    lines,
    findings,
    unrecognised: result.unrecognised.map((u) => ({ ...u, text: redactLine(u.text) })),
    unrecognisedOverflow: result.unrecognisedOverflow,
    project: view?.display ?? (options.project !== undefined ? options.project : undefined),
  };
}

/** A signature's title, cause or check in `lang` (the signature's English when the catalogue has none). */
function signatureText(sig: Signature, field: "title" | "cause" | "check", lang: Lang): string {
  return (lang === "en" ? undefined : template(`explain.${sig.id}.${field}`, lang)) ?? sig[field];
}

function explainFinding(f: Finding, view: ProjectView | undefined, redactLine: (t: string) => string, lang: Lang): ExplainedFinding {
  const sig = f.signature;
  let located: { config: ConfigLocation[]; notes: string[] } = { config: [], notes: [] };
  if (view) {
    try {
      located = locate(view.ctx, f);
    } catch (error) {
      // A bug in one strategy must not hide the finding itself.
      located = { config: [], notes: [t("explain.locateFailed", lang, { error: (error as Error).message })] };
    }
  }
  const title = fillTemplate(signatureText(sig, "title", lang), f.facts, redactLine);
  const log = [...f.log];
  if (f.last && !log.some((l) => l.line === f.last!.line)) log.push(f.last);
  return {
    signature: sig.id,
    severity: sig.severity,
    message: title,
    cause: fillTemplate(signatureText(sig, "cause", lang), f.facts, redactLine),
    check: signatureText(sig, "check", lang),
    log: log.map((l) => ({ line: l.line, text: redactLine(l.text) })),
    count: f.count,
    firstLine: f.firstLine,
    lastLine: f.lastLine,
    services: f.services,
    config: located.config,
    notes: located.notes,
  };
}
