/**
 * stacklint's shell parser against `bash -n`, and script-crlf against ShellCheck's SC1017, over
 * every file of fixtures/ that stacklint classifies as a shell script.
 *
 * - Syntax: the parser reports a problem exactly when `bash -n` fails — on each fixture and on
 *   mutants of it (a closing `fi`/`done`/`esac` dropped, a closing `"` dropped, a `then`/`do`
 *   dropped). Lines are not compared: bash reports unclosed constructs at end of file, stacklint
 *   at the opener (documented difference, like nginx's).
 * - CRLF: where ShellCheck reports SC1017 (literal carriage return), stacklint's script-crlf
 *   reports the file, and script-crlf reports no file ShellCheck finds clean of CR.
 *   ShellCheck's style codes (SC2164, SC2148, ...) are informational and not asserted.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAs } from "../../src/parsers/index.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { findingLines, lintDir } from "../helpers/lint-dir.js";
import { fixtureFiles, lineOf, type FixtureFile } from "./fixture-files.js";
import { findingsOf, haveProgram, requireReal, runCommand, runStacklint, tempDir } from "./harness.js";

const gate = requireReal("shell fixtures (bash -n)", { programs: ["bash"] });
const scGate = requireReal("shell fixtures (ShellCheck)", { programs: ["shellcheck"] });
const FILES: FixtureFile[] = gate.skip ? [] : fixtureFiles("shell");
const env = { ...process.env, LC_ALL: "C" };

function parserProblems(text: string, path: string): { line: number; message: string }[] {
  return parseAs("shell", createSourceFile(path, text)).problems.map((p) => ({ line: lineOf(text, p.start), message: p.message }));
}

function bashN(path: string): { ok: boolean; message: string } {
  const r = runCommand("bash", ["-n", path], { env, timeoutMs: 5_000 });
  return { ok: r.status === 0, message: r.stderr.trim() };
}

interface Mutant {
  kind: string;
  line: number;
  text: string;
}

/** Deletion mutants: each drops one thing a construct needs. */
function mutants(text: string): Mutant[] {
  const lines = text.split("\n");
  const out: Mutant[] = [];
  const dropLine = (i: number, kind: string): void => {
    out.push({ kind, line: i + 1, text: lines.map((l, k) => (k === i ? "" : l)).join("\n") });
  };
  const lastIndex = (re: RegExp): number => {
    for (let i = lines.length - 1; i >= 0; i--) if (re.test(lines[i] ?? "")) return i;
    return -1;
  };
  for (const [kw, kind] of [["fi", "drop-fi"], ["done", "drop-done"], ["esac", "drop-esac"], ["}", "drop-closing-brace"]] as const) {
    const i = lastIndex(new RegExp(`^\\s*${kw === "}" ? "\\}" : kw}\\s*(#.*)?\\r?$`));
    if (i >= 0) dropLine(i, kind);
  }
  // `then` / `do` at the end of a line (`if x; then`, `while y; do`)
  for (const [kw, kind] of [["then", "drop-then"], ["do", "drop-do"]] as const) {
    const i = lines.findIndex((l) => new RegExp(`;\\s*${kw}\\s*\\r?$`).test(l));
    if (i >= 0) out.push({ kind, line: i + 1, text: lines.map((l, k) => (k === i ? l.replace(new RegExp(`;\\s*${kw}(\\s*\\r?)$`), "$1") : l)).join("\n") });
  }
  // the closing quote of the first three lines holding one "..." or '...' string
  for (const quote of ['"', "'"]) {
    let taken = 0;
    for (let q = 0; q < lines.length && taken < 3; q++) {
      const l = lines[q] ?? "";
      if (/^\s*#/.test(l) || l.split(quote).length !== 3) continue;
      const close = l.lastIndexOf(quote);
      out.push({ kind: `drop-closing-${quote === '"' ? "double" : "single"}-quote`, line: q + 1, text: lines.map((x, k) => (k === q ? l.slice(0, close) + l.slice(close + 1) : x)).join("\n") });
      taken++;
    }
  }
  // the `)` of the first `$( ... )` on one line
  const c = lines.findIndex((l) => /\$\([^()]*\)/.test(l) && !/^\s*#/.test(l));
  if (c >= 0) {
    const l = lines[c] ?? "";
    const m = /\$\([^()]*\)/.exec(l);
    if (m !== null) {
      const at = m.index + m[0].length - 1;
      out.push({ kind: "drop-command-substitution-paren", line: c + 1, text: lines.map((x, k) => (k === c ? l.slice(0, at) + l.slice(at + 1) : x)).join("\n") });
    }
  }
  return out;
}

describe.skipIf(gate.skip)("bash -n agrees with stacklint's shell parser (every shell fixture and its mutants)", () => {
  it("finds the shell fixtures", () => {
    expect(FILES.length).toBeGreaterThan(20);
  });

  it.each(FILES.map((f) => [f.id, f] as const))("%s", (_id, file) => {
    const problems = parserProblems(file.source.text, file.path);
    const real = bashN(file.path);
    expect(problems.length === 0, `bash -n: ${real.message || "ok"}; parser: ${JSON.stringify(problems)}`).toBe(real.ok);

    const dir = tempDir("stacklint-sh-");
    const disagreements: string[] = [];
    let failing = 0;
    for (const m of mutants(file.source.text)) {
      const path = join(dir, `${m.kind}.sh`);
      writeFileSync(path, m.text);
      const p = parserProblems(m.text, path);
      const b = bashN(path);
      if (!b.ok) failing++;
      if ((p.length === 0) !== b.ok) disagreements.push(`${m.kind}@${m.line}: bash -n ${b.ok ? "ok" : b.message.split("\n")[0] ?? ""}; parser ${p.length === 0 ? "ok" : `${p[0]?.line ?? 0}: ${p[0]?.message ?? ""}`}`);
    }
    expect(disagreements).toEqual([]);
    mutantStats.files++;
    mutantStats.failing += failing;
  });

  it("the mutants exercised the parser: at least 20 of them break bash", () => {
    if (process.env["STACKLINT_INT_VERBOSE"] === "1") console.info(`[integration] shell: ${mutantStats.files} files, ${mutantStats.failing} mutants that bash -n rejects, all flagged by the parser`);
    if (mutantStats.files === FILES.length) expect(mutantStats.failing).toBeGreaterThanOrEqual(20);
  });
});

const mutantStats = { files: 0, failing: 0 };

interface ScComment {
  file: string;
  code: number;
  line: number;
}

/** ShellCheck's comments for all files, in one run (it starts slowly). */
function shellcheck(paths: readonly string[]): ScComment[] {
  const r = runCommand("shellcheck", ["-f", "json", ...paths], { env, timeoutMs: 60_000 });
  const parsed: unknown = JSON.parse(r.stdout || "[]");
  if (!Array.isArray(parsed)) throw new Error(`shellcheck: not a list: ${r.stdout.slice(0, 200)} ${r.stderr.slice(0, 200)}`);
  return parsed.flatMap((c: unknown) => {
    if (typeof c !== "object" || c === null) return [];
    const rec = c as Record<string, unknown>;
    const file = rec["file"];
    const code = rec["code"];
    const line = rec["line"];
    return typeof file === "string" && typeof code === "number" && typeof line === "number" ? [{ file, code, line }] : [];
  });
}

describe.skipIf(gate.skip || scGate.skip || !haveProgram("shellcheck"))("ShellCheck SC1017 (carriage return) ⇔ stacklint script-crlf", () => {
  it("every shell fixture with SC1017 is reported by script-crlf (the CLI, on its project); no CR-free file is", () => {
    const withCr: FixtureFile[] = [];
    const reportedByCase = new Map<string, string[]>();
    const comments = shellcheck(FILES.map((f) => f.path));
    expect(comments.length).toBeGreaterThan(0);
    for (const f of FILES) {
      const cr = comments.some((c) => c.file === f.path && c.code === 1017);
      expect(cr, `${f.id}: SC1017 vs the bytes`).toBe(f.source.text.includes("\r\n"));
      if (cr) withCr.push(f);
      if (!reportedByCase.has(f.caseDir)) reportedByCase.set(f.caseDir, findingLines(lintDir(f.caseDir), "script-crlf").map((l) => l.split(":")[0] ?? ""));
      if (!cr) expect(reportedByCase.get(f.caseDir), `${f.id} has no CR but script-crlf reports it`).not.toContain(f.rel);
    }
    expect(withCr.length).toBeGreaterThan(0);
    for (const f of withCr) {
      const files = findingsOf(runStacklint(f.caseDir), "script-crlf").map((l) => l.split(":")[0]);
      expect(files, f.id).toContain(f.rel);
    }
  });
});
