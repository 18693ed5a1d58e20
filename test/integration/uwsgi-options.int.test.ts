/**
 * uWSGI's own option parser against stacklint's uwsgi rules, over every uwsgi.ini of fixtures/.
 *
 * - Unknown options: `uwsgi --strict --ini FILE --get socket` parses the file exactly as uWSGI
 *   does, stops at the first key it does not know (`[strict-mode] unknown config directive:
 *   KEY`, exit 1) and otherwise prints the value and exits 0 without starting anything (no
 *   socket, no daemonize). Blanking each reported key's lines and running again lists them all;
 *   they must be exactly the lines uwsgi-unknown-option reports. uWSGI runs with
 *   `--plugin python3 --plugin http`, the option set stacklint's knowledge was generated with
 *   (pip's uWSGI has both built in; Debian's binary loads them as plugins). Documented
 *   difference: strict mode also refuses custom placeholders (`project = shop` used as
 *   `%(project)`), which stacklint accepts on purpose — they are legal without `strict`.
 * - Inline comments (uwsgi-inline-comment): the real uWSGI started on the fixture (loopback,
 *   free port, temp paths; same lines), and the variants the rule's messages describe.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findingLines, lintDir } from "../helpers/lint-dir.js";
import { fixtureFiles, type FixtureFile } from "./fixture-files.js";
import {
  adaptConfig, freePort, haveProgram, REPO_ROOT, requireReal, runCommand, startProcess, tcpConnect, tempDir, waitForPort, writeTree,
} from "./harness.js";

const PLUGINS = "/usr/lib/uwsgi/plugins";
const gate = requireReal("uwsgi.ini fixtures on uWSGI", { programs: ["uwsgi"], files: [`${PLUGINS}/python3_plugin.so`, `${PLUGINS}/http_plugin.so`] });
const FILES: FixtureFile[] = gate.skip ? [] : fixtureFiles("uwsgi");
const env = { ...process.env, LC_ALL: "C" };
const haveUnknownOptionRule = existsSync(join(REPO_ROOT, "rules", "uwsgi-unknown-option"));

/** Lines of the [uwsgi] section with their key, as uWSGI's ini reader splits them (`key = value`, key trimmed). */
function uwsgiKeys(text: string): { key: string; line: number }[] {
  const out: { key: string; line: number }[] = [];
  let inUwsgi = false;
  text.split("\n").forEach((raw, i) => {
    const l = raw.replace(/\r$/, "").trim();
    if (l === "" || l.startsWith("#") || l.startsWith(";")) return;
    const section = /^\[([^\]]*)\]$/.exec(l);
    if (section !== null) {
      inUwsgi = section[1] === "uwsgi";
      return;
    }
    const eq = l.indexOf("=");
    if (inUwsgi && eq > 0) out.push({ key: l.slice(0, eq).trim(), line: i + 1 });
  });
  return out;
}

interface StrictRun {
  /** Keys strict mode refused, in the order uWSGI met them. */
  unknown: string[];
  /** Lines of those keys. */
  lines: number[];
  /** uWSGI accepted the rest (exit 0). */
  accepted: boolean;
  messages: string[];
}

function strictCheck(text: string): StrictRun {
  const dir = tempDir("stacklint-uwsgi-");
  const ini = join(dir, "uwsgi.ini");
  let current = text;
  const unknown: string[] = [];
  const lines: number[] = [];
  const messages: string[] = [];
  for (let round = 0; round < 40; round++) {
    writeFileSync(ini, current);
    const r = runCommand("uwsgi", ["--plugin", "python3", "--plugin", "http", "--strict", "--ini", ini, "--get", "socket"], { cwd: dir, env, timeoutMs: 10_000 });
    const m = /\[strict-mode\] unknown config directive: (.*)/.exec(r.stderr);
    if (m === null) return { unknown, lines, accepted: r.status === 0, messages: [...messages, r.stderr.trim()] };
    const key = m[1] ?? "";
    messages.push(m[0]);
    unknown.push(key);
    const hits = uwsgiKeys(current).filter((k) => k.key === key);
    if (hits.length === 0) return { unknown, lines, accepted: false, messages: [...messages, `cannot find key ${key}`] };
    const all = current.split("\n");
    for (const h of hits) {
      lines.push(h.line);
      all[h.line - 1] = "";
    }
    current = all.join("\n");
  }
  return { unknown, lines, accepted: false, messages: [...messages, "too many unknown keys"] };
}

/** Keys used as `%(name)` placeholders somewhere in the file. */
function placeholders(text: string): Set<string> {
  return new Set([...text.matchAll(/%\(([^)]+)\)/g)].map((m) => m[1] ?? ""));
}

describe.skipIf(gate.skip)("uwsgi --strict over every uwsgi.ini fixture (real uWSGI)", () => {
  it("finds the uwsgi fixtures", () => {
    expect(FILES.length).toBeGreaterThan(10);
  });

  it.each(FILES.map((f) => [f.id, f] as const))("%s: strict mode's unknown keys are uwsgi-unknown-option's findings", (_id, file) => {
    const strict = strictCheck(file.source.text);
    expect(strict.accepted, strict.messages.join("\n")).toBe(true);
    const custom = placeholders(file.source.text);
    const keys = uwsgiKeys(file.source.text);
    // documented difference: custom placeholders are refused by strict mode only
    const real = strict.lines.filter((l) => !custom.has(keys.find((k) => k.line === l)?.key ?? "")).map((l) => `${file.rel}:${l}`).sort();
    if (!haveUnknownOptionRule) {
      console.warn("[integration] rules/uwsgi-unknown-option is missing: strict mode's unknown keys are not compared with stacklint");
      return;
    }
    const reported = findingLines(lintDir(file.caseDir), "uwsgi-unknown-option").map((l) => l.split(":").slice(0, 2).join(":")).filter((l) => l.startsWith(`${file.rel}:`)).sort();
    expect(reported).toEqual(real);
  });

  it("the documented placeholder difference really occurs, and `post buffering` is what strict mode names", () => {
    const good = FILES.find((f) => f.id === "uwsgi-unknown-option/good/placeholders/uwsgi.ini");
    const bad = FILES.find((f) => f.id === "uwsgi-unknown-option/bad/typos/uwsgi.ini");
    if (good === undefined || bad === undefined) return;
    expect(strictCheck(good.source.text).unknown).toEqual(["project", "base"]);
    const b = strictCheck(bad.source.text);
    expect(b.messages[0]).toBe("[strict-mode] unknown config directive: post buffering");
    expect(b.unknown).toEqual(["post buffering", "harakri", "listen-backlog"]);
    // without strict, uWSGI takes the same file silently (it just ignores the keys)
    const dir = tempDir("stacklint-uwsgi-");
    writeTree(dir, { "uwsgi.ini": bad.source.text });
    expect(runCommand("uwsgi", ["--plugin", "python3", "--ini", join(dir, "uwsgi.ini"), "--get", "harakri"], { cwd: dir, env })).toMatchObject({ status: 0, stdout: "30\n" });
  });
});

describe.skipIf(gate.skip)("uwsgi-inline-comment against the real uWSGI", () => {
  it("`chdir = /srv/app # project root`: uWSGI chdirs into a path with the comment (it fails unless such a directory exists); `socket = 0.0.0.0:8000   # note` still binds port 8000", async () => {
    const f = FILES.find((x) => x.id === "uwsgi-inline-comment/bad/comments/uwsgi.ini");
    expect(f).toBeDefined();
    if (f === undefined) return;
    const run = tempDir("stacklint-uwsgi-");
    const port = await freePort();
    mkdirSync(join(run, "srv", "app"), { recursive: true });
    const ini = adaptConfig(f.source.text, [["0.0.0.0:8000", `127.0.0.1:${port}`], ["/srv/app", join(run, "srv/app")]]);
    writeTree(run, { "uwsgi.ini": ini });

    // as written: the directory exists, but uWSGI looks for "app # project root"
    const fails = startProcess("uwsgi", ["--plugin", "python3", "--ini", join(run, "uwsgi.ini")], { cwd: run, env, stopSignal: "SIGINT", timeoutMs: 10_000 });
    expect(await fails.waitForExit(5_000), fails.output()).toEqual({ code: 1, signal: null });
    expect(fails.output()).toContain(`chdir() to ${join(run, "srv/app")} # project root\nchdir(): No such file or directory`);

    // with a directory really named like that, uWSGI goes on and binds the socket, comment and all
    mkdirSync(join(run, "srv", "app # project root"));
    const runs = startProcess("uwsgi", ["--plugin", "python3", "--ini", join(run, "uwsgi.ini")], { cwd: run, env, stopSignal: "SIGINT", timeoutMs: 10_000 });
    expect(await runs.waitForOutput(/uwsgi socket 0 bound to TCP address/, 5_000), runs.output()).toBe(true);
    expect(runs.output()).toContain(`uwsgi socket 0 bound to TCP address 127.0.0.1:${port}   # TCP for nginx fd 3`);
    await waitForPort("127.0.0.1", port, 3_000);
    await runs.stop();

    const lines = findingLines(lintDir(f.caseDir), "uwsgi-inline-comment");
    expect(lines).toEqual(["uwsgi.ini:2:25 uwsgi-inline-comment", "uwsgi.ini:3:18 uwsgi-inline-comment"]);
    const d = lintDir(f.caseDir).result.diagnostics.filter((x) => x.ruleId === "uwsgi-inline-comment");
    expect(d.map((x) => `${x.line}:${x.severity}`)).toEqual(["2:warning", "3:error"]);
  });

  it("a unix socket path with a comment is created under that name (nginx finds no `app.sock`); a comment with `:` in a TCP address makes uWSGI listen on 255.255.255.255 at a random port", async () => {
    const run = tempDir("stacklint-uwsgi-");
    const port = await freePort();
    const project = tempDir();
    const ini = `[uwsgi]\nsocket = ${join(run, "app.sock")} ; shared with nginx\nsocket = 127.0.0.1:${port} # see: docs\nmaster = true\n`;
    writeTree(run, { "uwsgi.ini": ini });
    writeTree(project, { "uwsgi.ini": ini.split(run).join("/run/uwsgi").replace(`127.0.0.1:${port}`, "0.0.0.0:8000") });
    const u = startProcess("uwsgi", ["--ini", join(run, "uwsgi.ini")], { cwd: run, env, stopSignal: "SIGINT", timeoutMs: 10_000 });
    expect(await u.waitForOutput(/uwsgi socket 1 bound to TCP address/, 5_000), u.output()).toBe(true);
    expect(u.output()).toContain(`uwsgi socket 0 bound to UNIX address ${join(run, "app.sock")} ; shared with nginx fd 3`);
    expect(readdirSync(run)).toContain("app.sock ; shared with nginx");
    expect(readdirSync(run)).not.toContain("app.sock");
    expect(u.output()).toContain(`uwsgi socket 1 bound to TCP address 127.0.0.1:${port} # see: docs fd 4`);
    // atoi(" docs") = 0: an ephemeral port, on inet_addr("127.0.0.1:PORT # see") = INADDR_NONE
    if (haveProgram("ss")) {
      const mine = runCommand("ss", ["-Hltnp"], { env }).stdout.split("\n").filter((l) => l.includes(`pid=${u.pid},`));
      expect(mine.some((l) => /\s255\.255\.255\.255:\d+\s/.test(l)), mine.join("\n")).toBe(true);
    }
    expect(await tcpConnect("127.0.0.1", port)).toBe("refused");
    expect(u.output()).not.toMatch(/bind\(\): Cannot assign requested address/);
    await u.stop();

    const d = lintDir(project).result.diagnostics.filter((x) => x.ruleId === "uwsgi-inline-comment");
    expect(d.map((x) => `${x.line}:${x.severity}`)).toEqual(["2:error", "3:error"]);
    // (the rule's message for the `:` case predicts `bind(): Cannot assign requested address`, which
    // uWSGI does not print: it listens on 255.255.255.255 at a random port; see COVERAGE.md)
  });
});
