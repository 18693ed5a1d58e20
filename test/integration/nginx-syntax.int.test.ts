/**
 * stacklint's nginx parser against `nginx -t`, over every file of fixtures/ that stacklint
 * classifies as nginx: both must agree on which files are syntactically valid and, for an
 * invalid one, on the error line, up to the documented differences:
 *
 * - a missing `;`: stacklint reports it on the directive that lacks it; nginx reads on into
 *   the next line and reports the line where that token list ends (the next `;`, `{` or `}`),
 *   usually the next line (ground-truth.md). `nginxLineFor` encodes this.
 * - end of file inside a block or a string: stacklint points at the unclosed `{` / quote,
 *   nginx at the last line.
 * - a missing `;` where the glued directive happens to take any number of arguments
 *   (`server_name a` + `listen 80;`): nginx accepts it, stacklint still reports it (on purpose).
 *
 * Errors of meaning or environment (an upstream host only Docker's DNS knows, an include
 * mounted from elsewhere, ...) are not syntax: the sandbox neutralises them without moving a
 * line and runs nginx again (see nginx-run.ts); the claims some rules make about exactly those
 * errors are checked on their fixtures below. Each fixture is then mutated (a `;` dropped, the
 * last `}` dropped, a closing quote dropped) and parser and nginx must agree on every mutant.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NGINX_VERSION_CHANGES } from "../../src/knowledge/nginx-directives.js";
import { parseAs } from "../../src/parsers/index.js";
import { walkDirectives } from "../../src/parsers/nginx/walk.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { expectedFindings, FIXTURES, fixtureFiles, lineOf, type FixtureFile } from "./fixture-files.js";
import { findingsOf, requireReal, runExplain, runStacklint, tempDir, writeTree } from "./harness.js";
import { isSyntaxMessage, NginxSandbox, roleOf, type Flavor, type NginxResult, type Role, type SyntaxVerdict } from "./nginx-run.js";

const gate = requireReal("nginx -t over the nginx fixtures", { programs: ["nginx"], files: ["/etc/nginx/uwsgi_params", "/etc/nginx/mime.types"] });

const FILES: FixtureFile[] = gate.skip ? [] : fixtureFiles("nginx");

// ---------------------------------------------------------------------------------------------
// The parser's view

interface ParserProblem {
  start: number;
  line: number;
  message: string;
}

/** Parse problems as stacklint reports them (parseAs: the envsubst-template handling included). */
function parserProblems(text: string, path: string): ParserProblem[] {
  const source = createSourceFile(path, text);
  return parseAs("nginx", source).problems.map((p) => ({ start: p.start, line: lineOf(text, p.start), message: p.message }));
}

/** Offset of the `;`, `{` or `}` that ends the token list running through `from` (comments and quoted strings skipped). */
function nextTerminator(text: string, from: number): number | undefined {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    const prev = i > 0 ? text[i - 1] : "\n";
    if (c === "#" && (prev === " " || prev === "\t" || prev === "\n" || prev === "\r" || prev === ";" || prev === "{" || prev === "}")) {
      const nl = text.indexOf("\n", i);
      if (nl < 0) return undefined;
      i = nl;
      continue;
    }
    if ((c === '"' || c === "'") && (prev === " " || prev === "\t" || prev === "\n" || prev === "\r")) {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === "\\" ? 2 : 1;
      i = j;
      continue;
    }
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === ";" || c === "}" || (c === "{" && prev !== "$")) return i;
  }
  return undefined;
}

/** Last line as nginx counts it at end of file: 1 + the number of LFs. */
function eofLine(text: string): number {
  return lineOf(text, text.length);
}

/**
 * The line nginx reports for the syntax error stacklint's parser found at `p`:
 * the documented difference for a missing `;` (the line where nginx's token list ends) and for
 * end of file (nginx's last line); the same line for everything else.
 */
function nginxLineFor(p: ParserProblem, text: string): number {
  if (/^missing ";" after/.test(p.message)) {
    const t = nextTerminator(text, p.start);
    return t === undefined ? eofLine(text) : lineOf(text, t);
  }
  if (/^unexpected end of file/.test(p.message) || /^unterminated quoted string/.test(p.message)) return eofLine(text);
  return p.line;
}

// ---------------------------------------------------------------------------------------------
// Running nginx on a fixture

/** envsubst as the official image does before nginx starts: `${NAME}` → a value (ports numeric). */
function renderTemplate(file: FixtureFile, text: string): string {
  if (!/\.template$/.test(file.rel)) return text;
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => (/PORT/i.test(name) ? "8080" : "placeholder"));
}

interface Mutant {
  kind: "drop-semicolon" | "drop-last-brace" | "drop-closing-quote";
  /** 1-based line of the character removed. */
  line: number;
  text: string;
}

/** Deletion mutants of an nginx config that nginx accepted. */
function mutants(text: string): Mutant[] {
  const out: Mutant[] = [];
  const parsed = parseAs("nginx", createSourceFile("/virtual/site.conf", text));
  const remove = (at: number): string => text.slice(0, at) + text.slice(at + 1);
  let lastBrace: number | undefined;
  let firstQuoteClose: number | undefined;
  for (const d of walkDirectives(parsed.directives)) {
    if (d.block !== undefined && d.blockRange !== undefined && text[d.blockRange.end - 1] === "}") lastBrace = Math.max(lastBrace ?? -1, d.blockRange.end - 1);
    for (const a of d.args) {
      if (a.quote !== null && firstQuoteClose === undefined && text[a.end - 1] === a.quote) firstQuoteClose = a.end - 1;
    }
    const semi = d.semicolon;
    if (d.block !== undefined || semi === undefined) continue;
    // only a `;` that ends its line (spaces or a comment after it) and is followed by more config
    const rest = text.slice(semi + 1, (text.indexOf("\n", semi) + 1 || text.length + 1) - 1);
    if (!/^[ \t]*(#.*)?\r?$/.test(rest)) continue;
    if (nextTerminator(text, semi + 1) === undefined) continue;
    out.push({ kind: "drop-semicolon", line: lineOf(text, semi), text: remove(semi) });
  }
  if (lastBrace !== undefined) out.push({ kind: "drop-last-brace", line: lineOf(text, lastBrace), text: remove(lastBrace) });
  if (firstQuoteClose !== undefined) out.push({ kind: "drop-closing-quote", line: lineOf(text, firstQuoteClose), text: remove(firstQuoteClose) });
  return out;
}

interface MutantOutcome {
  mutant: Mutant;
  parser: ParserProblem | undefined;
  nginx: NginxResult;
  /** How the two relate; "disagree" fails the test. */
  verdict: "agree" | "agree-both-valid" | "stricter-missing-semicolon" | "disagree";
  note: string;
}

function compareMutant(sandbox: NginxSandbox, m: Mutant): MutantOutcome {
  sandbox.writeTarget(m.text);
  const nginx = sandbox.run();
  const problems = parserProblems(m.text, "/virtual/site.conf");
  const p = problems[0];
  const e = nginx.emerg;
  const base = { mutant: m, parser: p, nginx };
  const shown = e === undefined ? "ok" : `${e.message} at ${e.line ?? "?"}`;
  if (p === undefined) {
    if (nginx.ok) return { ...base, verdict: "agree-both-valid", note: "both accept the mutant" };
    return { ...base, verdict: "disagree", note: `parser silent, nginx: ${shown}` };
  }
  const expected = nginxLineFor(p, m.text);
  if (e?.file === sandbox.target && e.line === expected) return { ...base, verdict: "agree", note: `parser ${p.line} (${p.message}), nginx ${e.line} (${e.message})` };
  // nginx took the glued directive (its arguments are free-form: `server_name a` + `listen 80`)
  // and either started or failed later for a consequence of the swallowed directive.
  if (/^missing ";" after/.test(p.message) && (e === undefined || !isSyntaxMessage(e.message))) {
    return { ...base, verdict: "stricter-missing-semicolon", note: `nginx accepts the glued directive (${shown}); stacklint: ${p.message} at ${p.line}` };
  }
  if (nginx.ok) return { ...base, verdict: "disagree", note: `nginx accepts, parser: ${p.message} at ${p.line}` };
  return { ...base, verdict: "disagree", note: `parser: ${p.message} at ${p.line} → nginx expected at ${expected}; nginx: ${shown} in ${e?.file === sandbox.target ? "the file" : e?.file ?? "?"}` };
}

interface Swept {
  file: FixtureFile;
  role: Role;
  problems: ParserProblem[];
  verdict: SyntaxVerdict;
  mutants: MutantOutcome[];
  sandbox: NginxSandbox;
}

const swept = new Map<string, Swept>();

function sweep(file: FixtureFile, flavor: Flavor = "official"): Swept {
  const key = `${flavor}:${file.id}`;
  const known = swept.get(key);
  if (known !== undefined) return known;
  const text = renderTemplate(file, file.source.text);
  const role = roleOf(text);
  const problems = parserProblems(file.source.text, file.path);
  const sandbox = new NginxSandbox(role, text, { flavor });
  const verdict = sandbox.checkSyntax({ stopLines: new Set(problems.map((p) => nginxLineFor(p, file.source.text))) });
  const outcomes: MutantOutcome[] = [];
  if (verdict.valid) {
    for (const m of mutants(verdict.finalText)) outcomes.push(compareMutant(sandbox, m));
    sandbox.writeTarget(verdict.finalText);
  }
  const result = { file, role, problems, verdict, mutants: outcomes, sandbox };
  swept.set(key, result);
  return result;
}

function sweptById(id: string, flavor: Flavor = "official"): Swept {
  const file = FILES.find((f) => f.id === id);
  if (file === undefined) throw new Error(`no nginx fixture ${id}`);
  return sweep(file, flavor);
}

/** Where a fixture's compose file mounts `rel` in the container (`- ./rel:/etc/nginx/...`). */
function containerPath(caseDir: string, rel: string): string | undefined {
  let compose: string;
  try {
    compose = readFileSync(join(caseDir, "docker-compose.yml"), "utf8");
  } catch {
    return undefined;
  }
  const escaped = rel.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`-\\s*["']?\\./${escaped}:(/[^:"'\\s]+)`).exec(compose)?.[1];
}

// ---------------------------------------------------------------------------------------------

describe.skipIf(gate.skip)("nginx -t over every nginx fixture (real nginx)", () => {
  it("finds the nginx fixtures", () => {
    expect(FILES.length).toBeGreaterThan(20);
  });

  it.each(FILES.map((f) => [f.id, f] as const))("%s: parser and nginx agree (file and its mutants)", (_id, file) => {
    const s = sweep(file);
    expect(s.verdict.unresolved, JSON.stringify(s.verdict.neutralized)).toBeUndefined();
    const first = s.problems[0];
    if (first === undefined) {
      expect(s.verdict.error, `nginx rejects what stacklint parses cleanly (after ${JSON.stringify(s.verdict.neutralized)})`).toBeUndefined();
      expect(s.verdict.valid).toBe(true);
    } else {
      expect(s.verdict.error?.line, `${first.message}`).toBe(nginxLineFor(first, file.source.text));
    }
    const disagreements = s.mutants.filter((m) => m.verdict === "disagree").map((m) => `${m.mutant.kind}@${m.mutant.line}: ${m.note}`);
    expect(disagreements).toEqual([]);
  });

  it("the sweep ran mutants, and every kind of agreement it relies on happened", () => {
    const all = FILES.flatMap((f) => sweep(f).mutants);
    expect(all.length).toBeGreaterThan(100);
    const verdicts = new Set(all.map((m) => m.verdict));
    expect(verdicts.has("agree")).toBe(true);
    // The documented line difference really occurs: stacklint's line < nginx's line for a missing `;`.
    const semis = all.filter((m) => m.verdict === "agree" && m.mutant.kind === "drop-semicolon");
    expect(semis.length).toBeGreaterThan(50);
    expect(semis.every((m) => (m.nginx.emerg?.line ?? 0) > (m.parser?.line ?? 0))).toBe(true);
    const eof = all.filter((m) => m.verdict === "agree" && m.mutant.kind === "drop-last-brace");
    expect(eof.every((m) => m.nginx.emerg?.message.startsWith("unexpected end of file") === true)).toBe(true);
 
    if (process.env["STACKLINT_INT_VERBOSE"] === "1") {
      const count = (pred: (m: MutantOutcome) => boolean): number => all.filter(pred).length;
      console.info(`[integration] nginx sweep: ${FILES.length} files, ${all.length} mutants: ${count((m) => m.verdict === "agree")} agree, ${count((m) => m.verdict === "agree-both-valid")} both valid, ${count((m) => m.verdict === "stricter-missing-semicolon")} stricter (missing ; nginx accepts)`);
      for (const m of all.filter((x) => x.verdict === "stricter-missing-semicolon")) console.info(`  stricter: ${m.note}`);
      const neutral = new Map<string, number>();
      for (const f of FILES) for (const n of sweep(f).verdict.neutralized) neutral.set(`${n.category}: ${n.message.replace(/"[^"]*"/g, '"…"')}`, (neutral.get(`${n.category}: ${n.message.replace(/"[^"]*"/g, '"…"')}`) ?? 0) + 1);
      for (const [k, v] of neutral) console.info(`  neutralised ${v}× ${k}`);
      for (const f of FILES) for (const n of sweep(f).verdict.neutralized) if (!["host-not-found", "include-missing", "certificate", "unknown-user"].includes(n.category)) console.info(`  ${f.id}:${n.line ?? "-"}${n.inFile !== undefined ? ` (in ${n.inFile})` : ""}: ${n.message}`);
    }
  });
});

describe.skipIf(gate.skip)("missing `;`: stacklint, nginx and `stacklint explain` on one real error (real nginx)", () => {
  it("stacklint: parse-error on the directive's line L; nginx: the next line L+1; explain maps nginx's L+1 back to L", () => {
    const id = "proxy-protocol-mismatch/good/uwsgi-pass-to-socket/nginx/app.conf";
    const fixture = FILES.find((f) => f.id === id);
    expect(fixture, id).toBeDefined();
    if (fixture === undefined) return;
    const text = fixture.source.text;
    const includeLine = text.split("\n").findIndex((l) => /^\s*include uwsgi_params;\s*$/.test(l)) + 1;
    expect(includeLine).toBeGreaterThan(0);
    const mutated = text.split("\n").map((l, i) => (i === includeLine - 1 ? l.replace(";", "") : l)).join("\n");

    // stacklint (the CLI) on a copy of the project with the mutated file
    const project = tempDir();
    const files: Record<string, string> = {};
    for (const rel of ["docker-compose.yml", "nginx/app.conf", "app/uwsgi.ini"]) {
      try {
        files[rel] = readFileSync(join(fixture.caseDir, rel), "utf8");
      } catch {
        // not every fixture has every file
      }
    }
    files["nginx/app.conf"] = mutated;
    writeTree(project, files);
    const lint = runStacklint(project);
    expect(findingsOf(lint, "parse-error")).toEqual([`nginx/app.conf:${includeLine}`]);

    // real nginx
    const sandbox = new NginxSandbox("http", mutated, { name: "app.conf" });
    const verdict = sandbox.checkSyntax({ stopLines: new Set([includeLine + 1]) });
    expect(verdict.error).toMatchObject({ line: includeLine + 1, inTarget: true });
    expect(verdict.error?.message).toMatch(/^invalid number of arguments in "include" directive|^unexpected "}"/);
    const r = sandbox.run();
    const raw = r.stderr.split("\n").find((l) => l.includes("[emerg]")) ?? "";
    expect(raw).toContain(`${sandbox.target}:${includeLine + 1}`);

    // explain: the log as the container prints it (the file at its mount point)
    const mount = containerPath(fixture.caseDir, "nginx/app.conf");
    expect(mount).toBe("/etc/nginx/conf.d/app.conf");
    const log = `nginx-1  | ${raw.split(sandbox.target).join(mount ?? "")}\n`;
    const explained = runExplain(log, project);
    const finding = explained.findings.find((f) => f.signature === "nginx-unexpected-brace");
    expect(finding, JSON.stringify(explained)).toBeDefined();
    expect(finding?.config.map((c) => `${c.file}:${c.line}`)).toEqual([`nginx/app.conf:${includeLine}`, `nginx/app.conf:${includeLine + 1}`]);
  });
});

/** A fixture's file run in the role its project gives it, through the neutralising loop. */
function runInRole(id: string, role: Role, flavor: Flavor): { verdict: SyntaxVerdict; sandbox: NginxSandbox; file: FixtureFile } {
  const file = FILES.find((f) => f.id === id);
  if (file === undefined) throw new Error(`no nginx fixture ${id}`);
  const sandbox = new NginxSandbox(role, renderTemplate(file, file.source.text), { flavor });
  return { verdict: sandbox.checkSyntax(), sandbox, file };
}

describe.skipIf(gate.skip)("rule claims nginx itself decides (real nginx)", () => {
  it("listen-duplicate (same file): nginx refuses `a duplicate default server for 0.0.0.0:80` at the line stacklint reports", () => {
    const s = sweptById("listen-duplicate/bad/same-file/nginx/sites.conf");
    const dup = s.verdict.neutralized.filter((n) => n.category === "duplicate-default-server");
    expect(dup.map((n) => n.message)).toEqual(["a duplicate default server for 0.0.0.0:80"]);
    const lines = findingsOf(runStacklint(s.file.caseDir), "listen-duplicate");
    expect(lines).toContain(`nginx/sites.conf:${dup[0]?.line ?? 0}`);
  });

  it("listen-duplicate (two conf.d files): nginx starts but warns `conflicting server name` and serves one of them; stacklint points at b.conf", () => {
    const dir = join(FIXTURES, "listen-duplicate/bad/two-conf-d-files/nginx/conf.d");
    const sandbox = new NginxSandbox("http", "include conf.d/*.conf;\n");
    for (const name of ["a.conf", "b.conf"]) sandbox.addFile(`conf.d/${name}`, readFileSync(join(dir, name), "utf8"));
    const verdict = sandbox.checkSyntax();
    expect(verdict.valid).toBe(true);
    expect(verdict.warnings.some((w) => /^conflicting server name "" on 0\.0\.0\.0:80, ignored/.test(w)), verdict.warnings.join("\n")).toBe(true);
    expect(findingsOf(runStacklint(join(FIXTURES, "listen-duplicate/bad/two-conf-d-files")), "listen-duplicate")).toEqual(["nginx/conf.d/b.conf:2"]);
  });

  it("nginx-include-missing: on the official image nginx stops with open() ... failed at exactly the lines stacklint reports", () => {
    // the project's files its compose mounts under /etc/nginx (the sandbox stands for /etc/nginx)
    const MOUNTED: Record<string, Record<string, string>> = { "missing-in-mounted-dir": { "nginx/snippets/gzip.conf": "snippets/gzip.conf" } };
    for (const caseName of ["debian-snippet-on-official-image", "missing-in-mounted-dir"]) {
      const caseDir = join(FIXTURES, "nginx-include-missing/bad", caseName);
      const expected = expectedFindings(caseDir).map((l) => l.split(":").slice(0, 2).join(":"));
      const seen: string[] = [];
      for (const f of FILES.filter((x) => x.caseDir === caseDir)) {
        const sandbox = new NginxSandbox(roleOf(f.source.text), f.source.text, { flavor: "official" });
        for (const [from, to] of Object.entries(MOUNTED[caseName] ?? {})) sandbox.addFile(to, readFileSync(join(caseDir, from), "utf8"));
        const verdict = sandbox.checkSyntax();
        expect(verdict.valid).toBe(true);
        for (const n of verdict.neutralized) {
          if (n.category !== "include-missing") continue;
          expect(n.message).toMatch(/^open\(\) ".*" failed \(2: No such file or directory\)$/);
          if (n.inFile === undefined) seen.push(`${f.rel}:${n.line ?? 0}`);
        }
      }
      expect(seen.sort(), caseName).toEqual(expected);
      expect(findingsOf(runStacklint(caseDir), "nginx-include-missing").sort()).toEqual(expected);
    }
  });

  it("nginx-include-missing (good, Debian package): proxy_params exists in Debian's nginx and the config starts", () => {
    const s = runInRole("nginx-include-missing/good/debian-package/nginx/app.conf", "http", "debian");
    expect(s.verdict.unresolved).toBeUndefined();
    expect(s.verdict.neutralized.filter((n) => n.category === "include-missing")).toEqual([]);
    // the fixture used to include Debian's snakeoil snippet inside a location, which nginx refuses
    // ("ssl_certificate" directive is not allowed here): it was removed, nothing else is refused now
    expect(s.verdict.neutralized).toEqual([]);
  });

  it("upstream-host-unknown: nginx refuses to start, `host not found in upstream \"web:8000\"` at the line stacklint reports; explain maps it there", () => {
    const s = sweptById("upstream-host-unknown/bad/typo-in-upstream/nginx.conf");
    const first = s.verdict.neutralized[0];
    expect(first).toMatchObject({ category: "host-not-found", message: 'host not found in upstream "web:8000"', line: 2 });
    expect(findingsOf(runStacklint(s.file.caseDir), "upstream-host-unknown")).toEqual(["nginx.conf:2"]);
    const mount = containerPath(s.file.caseDir, "nginx.conf");
    expect(mount).toBe("/etc/nginx/conf.d/default.conf");
    const log = `nginx-1  | 2024/05/01 10:00:00 [emerg] 1#1: ${first?.message ?? ""} in ${mount ?? ""}:${first?.line ?? 0}\n`;
    const explained = runExplain(log, s.file.caseDir);
    const finding = explained.findings.find((f) => f.signature === "nginx-host-not-found");
    expect(finding, JSON.stringify(explained)).toBeDefined();
    expect(finding?.config.map((c) => `${c.file}:${c.line}`)).toContain("nginx.conf:2");
  });

  it("proxy-directive-in-uwsgi-location: nginx accepts every line the rule reports (the directives are ignored, not refused)", () => {
    // The fixture once put `proxy_buffering` inside an `if`, which nginx refuses ("not allowed here"):
    // the rule's claim is "silently ignored", so the fixture now only holds lines nginx accepts.
    const s = sweptById("proxy-directive-in-uwsgi-location/bad/server-level-and-reverse/nginx/site.conf");
    expect(s.verdict.neutralized.filter((n) => n.category === "not-allowed-here")).toEqual([]);
    const lint = runStacklint(s.file.caseDir);
    expect(findingsOf(lint, "proxy-directive-in-uwsgi-location").sort()).toEqual(["nginx/site.conf:17", "nginx/site.conf:18", "nginx/site.conf:4", "nginx/site.conf:9"].sort());
  });

  it("ssl-on-removed: nginx 1.22 only warns `the \"ssl\" directive is deprecated` at the line stacklint reports (the 1.25+ error needs a newer nginx)", () => {
    for (const caseName of ["new-image", "old-image-warning", "untagged-dockerfile"]) {
      const caseDir = join(FIXTURES, "ssl-on-removed/bad", caseName);
      const files = FILES.filter((f) => f.caseDir === caseDir);
      expect(files.length, caseName).toBe(1);
      const f = files[0];
      if (f === undefined) continue;
      const s = sweep(f);
      const warned = s.verdict.warnings.filter((w) => w.startsWith('the "ssl" directive is deprecated, use the "listen ... ssl" directive instead'));
      expect(warned.length, caseName).toBe(1);
      const at = / in .*:(\d+)$/.exec(warned[0] ?? "")?.[1];
      expect(expectedFindings(caseDir).map((l) => l.split(":").slice(0, 2).join(":"))).toContain(`${f.rel}:${at ?? "?"}`);
    }
  });

  /** Rules whose claim is exactly an error `nginx -t` reports (where the image's nginx is the 1.22 here). */
  const MEANING_RULES: Record<string, RegExp> = {
    "nginx-arg-count": /^invalid number of arguments in "[^"]+" directive$|^invalid value "[^"]*" in "[^"]+" directive, it must be "on" or "off"$/,
    "nginx-unknown-directive": /^unknown directive "[^"]+"$/,
    "nginx-wrong-context": /^"[^"]+" directive is not allowed here$/,
  };
  const meaningRules = Object.keys(MEANING_RULES).filter((r) => existsSync(join(FIXTURES, r)));

  it.each(meaningRules)("%s: nginx -t stops at exactly the lines stacklint reports (bad), and raises no such error on the good fixtures", (rule) => {
    const pattern = MEANING_RULES[rule] ?? /$^/;
    const files = FILES.filter((f) => f.rule === rule);
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) {
      const s = sweep(f);
      expect(s.verdict.valid, f.id).toBe(true);
      const stops = s.verdict.neutralized.filter((n) => n.inFile === undefined && pattern.test(n.message)).map((n) => `${f.rel}:${n.line ?? 0}`);
      if (f.group === "bad") {
        const expected = expectedFindings(f.caseDir).filter((l) => l.endsWith(` ${rule}`) && l.startsWith(`${f.rel}:`)).map((l) => l.split(":").slice(0, 2).join(":"));
        expect(stops.sort(), f.id).toEqual(expected.sort());
      } else if (rule === "nginx-unknown-directive") {
        // the good fixtures use directives of the image's newer nginx: 1.22 does not know them, the knowledge table says so
        for (const n of s.verdict.neutralized.filter((x) => x.category === "unknown-directive" || /^invalid parameter/.test(x.message))) {
          const name = /"([^"]+)"/.exec(n.message)?.[1] ?? "";
          expect(NGINX_VERSION_CHANGES.some((c) => c.directive === name || c.note.includes(name)), `${f.id}: ${n.message}`).toBe(true);
        }
      } else {
        expect(stops, f.id).toEqual([]);
      }
    }
  });

  interface ContextCase {
    id: string;
    role: Role;
    flavor: Flavor;
    message: RegExp;
    /** nginx's line; undefined: nginx names no line. */
    line: number | undefined;
  }
  const CONTEXT_CASES: ContextCase[] = [
    { id: "nginx-image-context/bad/http-block-in-conf-d/nginx/nginx.conf", role: "http", flavor: "official", message: /^"worker_processes" directive is not allowed here$/, line: 1 },
    { id: "nginx-image-context/bad/server-as-main-conf/nginx/default.conf", role: "main", flavor: "official", message: /^"server" directive is not allowed here$/, line: 1 },
    { id: "nginx-image-context/bad/no-events/nginx/nginx.conf", role: "main", flavor: "official", message: /^no "events" section in configuration$/, line: undefined },
    { id: "nginx-image-context/bad/log-format-main-on-debian/site.conf", role: "http", flavor: "debian", message: /^unknown log format "main"$/, line: 3 },
    { id: "nginx-image-context/bad/template-with-http-block/nginx/templates/default.conf.template", role: "http", flavor: "official", message: /^"http" directive is not allowed here$/, line: 1 },
  ];

  it.each(CONTEXT_CASES.map((c) => [c.id, c] as const))("nginx-image-context %s: in the role its image gives it, nginx stops where stacklint points", (_id, c) => {
    const file = FILES.find((f) => f.id === c.id);
    if (file === undefined) {
      console.warn(`[integration] nginx-image-context: fixture ${c.id} is gone; case not run`);
      return;
    }
    const { verdict } = runInRole(c.id, c.role, c.flavor);
    expect(verdict.unresolved).toBeUndefined();
    const stop = verdict.neutralized.find((n) => c.message.test(n.message));
    expect(stop, JSON.stringify(verdict.neutralized)).toBeDefined();
    expect(stop?.line).toBe(c.line);
    const reported = expectedFindings(file.caseDir).filter((l) => l.endsWith(" nginx-image-context")).map((l) => l.split(":").slice(0, 2).join(":"));
    // nginx names the line for all but the missing events block (stacklint: the http line).
    if (c.line !== undefined) expect(reported).toContain(`${file.rel}:${c.line}`);
    else expect(reported.filter((l) => l.startsWith(`${file.rel}:`)).length).toBe(1);
    expect(findingsOf(runStacklint(file.caseDir), "nginx-image-context").sort()).toEqual(reported.sort());
  });

  it("nginx-image-context (good): the same `log_format main` file runs on the official image; the official-image main.conf + conf.d runs too", () => {
    const s = runInRole("nginx-image-context/bad/log-format-main-on-debian/site.conf", "http", "official");
    expect(s.verdict.valid).toBe(true);
    expect(s.verdict.neutralized).toEqual([]);
    const main = FILES.find((f) => f.id === "nginx-image-context/good/official-image-conf-d/nginx/main.conf");
    const site = FILES.find((f) => f.id === "nginx-image-context/good/official-image-conf-d/nginx/site.conf");
    if (main === undefined || site === undefined) return;
    const sandbox = new NginxSandbox("main", main.source.text, { flavor: "official" });
    sandbox.addFile("conf.d/site.conf", site.source.text);
    const verdict = sandbox.checkSyntax();
    expect(verdict.valid).toBe(true);
    // what stands between this config and a start here is only the environment
    expect(verdict.neutralized.map((n) => `${n.category}: ${n.message}`).sort()).toEqual(['host-not-found: host not found in upstream "web:8000"', 'unknown-user: getpwnam("nginx") failed']);
  });
});
