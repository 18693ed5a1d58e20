#!/usr/bin/env node
// `npm run bench`: generate inputs in a temp dir, time stacklint against `node -e 0` and its
// peers, print a table and write bench/RESULTS.md. Numbers are wall-clock medians of >= 5 runs
// (hyperfine when installed, else our own loop) with min/max; max RSS from /usr/bin/time -f %M
// (else from a preload that reports process.resourceUsage().maxRSS).
//
//   node bench/run.mjs [--quick] [--no-build] [--no-peers] [--keep]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, release, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { nginxConfText, writeComposeOnly, writeMonorepo } from "./generate.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..");
const CLI = join(ROOT, "dist", "cli.js");
const argv = new Set(process.argv.slice(2));
const QUICK = argv.has("--quick");
const NODE = process.execPath;
const PEERS = { dclint: "3.1.0", dockerfilelint: "1.8.0", "nginx-linter": "0.7.0" };

const env = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" };
const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" }).status === 0;
const HYPERFINE = has("hyperfine") && !argv.has("--no-hyperfine");
const GNU_TIME = existsSync("/usr/bin/time") && spawnSync("/usr/bin/time", ["-f", "%M", "true"], { encoding: "utf8" }).status === 0;

function log(text) {
  process.stderr.write(`${text}\n`);
}

// ---------------------------------------------------------------- build + inputs
if (!argv.has("--no-build") || !existsSync(CLI)) {
  log("building dist/cli.js ...");
  const b = spawnSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: "inherit" });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const work = mkdtempSync(join(tmpdir(), "stacklint-bench-"));
log(`inputs in ${work}`);
const loadAtStart = loadavg();
// the CLI's V8 compile cache lives in a dir of the bench's own (warm-up runs fill it)
env.XDG_CACHE_HOME = join(work, "cache");
const inputs = {
  mono10: join(work, "mono10"),
  mono100: join(work, "mono100"),
  mono1000: join(work, "mono1000"),
  compose100: join(work, "compose100"),
  compose1000: join(work, "compose1000"),
  nginx5mb: join(work, "nginx5mb", "nginx.conf"),
};
writeMonorepo(inputs.mono10, 10);
writeMonorepo(inputs.mono100, 100);
writeMonorepo(inputs.mono1000, 1000);
writeComposeOnly(inputs.compose100, 100);
writeComposeOnly(inputs.compose1000, 1000);
mkdirSync(dirname(inputs.nginx5mb), { recursive: true });
writeFileSync(inputs.nginx5mb, nginxConfText(5 * 1024 * 1024));

// ---------------------------------------------------------------- peers
let peerBin;
if (!argv.has("--no-peers")) {
  const dir = join(tmpdir(), "stacklint-bench-peers");
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, "package.json"))) writeFileSync(join(dir, "package.json"), '{ "name": "stacklint-bench-peers", "private": true }\n');
  const wanted = Object.entries(PEERS).filter(([name, version]) => {
    try {
      return JSON.parse(readFileSync(join(dir, "node_modules", name, "package.json"), "utf8")).version !== version;
    } catch {
      return true;
    }
  });
  if (wanted.length > 0) {
    log(`installing ${wanted.map(([n, v]) => `${n}@${v}`).join(" ")} into ${dir} ...`);
    const r = spawnSync("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error", ...Object.entries(PEERS).map(([n, v]) => `${n}@${v}`)], { cwd: dir, stdio: "inherit" });
    if (r.status !== 0) log("peer install failed: peer comparisons are skipped");
  }
  peerBin = (name, file) => {
    const p = join(dir, "node_modules", name, file);
    return existsSync(p) ? p : undefined;
  };
}
const dclint = peerBin?.("dclint", "bin/dclint.cjs");
const dockerfilelint = peerBin?.("dockerfilelint", "bin/dockerfilelint");
const nginxLinter = peerBin?.("nginx-linter", "bin/nginx-linter.js");

// ---------------------------------------------------------------- timing
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return { median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2, min: s[0], max: s[s.length - 1], runs: s.length };
};

/**
 * Time commands (arrays of argv) side by side: median/min/max seconds each. `interleave`: run
 * them in turn (a, b, a, b, ...) with our own loop instead of hyperfine's one-after-the-other,
 * for ratios between fast commands: on a shared machine the speed drifts within seconds, and
 * interleaving makes the drift hit every command alike.
 */
function time(commands, { runs, warmup = 1, cwd = ROOT, interleave = false }) {
  if (QUICK) runs = Math.max(5, Math.ceil(runs / 3));
  if (HYPERFINE && !interleave && commands.every((c) => !c.env)) {
    const out = join(work, "hyperfine.json");
    const quoted = commands.map((c) => c.map((a) => (/[\s"'\\]/.test(a) ? JSON.stringify(a) : a)).join(" "));
    const r = spawnSync("hyperfine", ["-N", "-i", "--style", "none", "--warmup", String(warmup), "--runs", String(runs), "--export-json", out, ...quoted], { cwd, env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`hyperfine failed: ${r.stderr}`);
    return JSON.parse(readFileSync(out, "utf8")).results.map((x) => stats(x.times));
  }
  // our own loop: interleaved, so a change in machine load hits every command alike
  const times = commands.map(() => []);
  for (let i = -warmup; i < runs; i++) {
    commands.forEach((c, k) => {
      const t0 = process.hrtime.bigint();
      spawnSync(c[0], c.slice(1), { cwd, env: c.env ? { ...env, ...c.env } : env, stdio: "ignore" });
      const t = Number(process.hrtime.bigint() - t0) / 1e9;
      if (i >= 0) times[k].push(t);
    });
  }
  return times.map(stats);
}

/** Max resident set size in MiB (largest of a few runs). */
function maxRss(command, { runs = 3, cwd = ROOT } = {}) {
  let best = 0;
  for (let i = 0; i < runs; i++) {
    let kib;
    if (GNU_TIME) {
      const r = spawnSync("/usr/bin/time", ["-f", "%M", ...command], { cwd, env, encoding: "utf8", maxBuffer: 1 << 28 });
      kib = Number(r.stderr.trim().split("\n").pop());
    } else {
      const probe = join(HERE, "rss-probe.cjs");
      const [node, ...rest] = command;
      const r = spawnSync(node, ["--require", probe, ...rest], { cwd, env: { ...env, STACKLINT_BENCH_RSS: "1" }, encoding: "utf8", maxBuffer: 1 << 28 });
      kib = Number(/stacklint-bench-maxrss=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
    }
    if (Number.isFinite(kib)) best = Math.max(best, kib / 1024);
  }
  return best;
}

// ---------------------------------------------------------------- runs
const rows = [];
const row = (what, s, target, verdict, note = "") => rows.push({ what, s, target, verdict, note });
const fmt = (s) => (s === undefined ? "-" : `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`);
const ms = (sec) => (sec < 1 ? `${(sec * 1000).toFixed(1)} ms` : `${sec.toFixed(2)} s`);
const check = (ok) => (ok ? "met" : "NOT met");
const cli = (...args) => [NODE, CLI, ...args];

log("start-up ...");
{
  const [base, version, help] = time([[NODE, "-e", "0"], cli("--version"), cli("--help")], { runs: 40, warmup: 3, interleave: true });
  const ratio = version.median / base.median;
  row("`node -e 0` (interleaved with the two rows below)", base, "", "");
  row("`stacklint --version`", version, "≤ 1.15× node -e 0", `${ratio.toFixed(2)}× — ${check(ratio <= 1.15)}`);
  row("`stacklint --help`", help, "", `${(help.median / base.median).toFixed(2)}×`);
}

log("one example project, cold ...");
{
  // no cache: set in the child's environment, not with an `env` wrapper (its exec would be timed too)
  const noCacheRun = Object.assign(cli("examples/django-stack"), { env: { STACKLINT_NO_CACHE: "1" } });
  const [base, one, noCache] = time([[NODE, "-e", "0"], cli("examples/django-stack"), noCacheRun], { runs: 30, warmup: 2, interleave: true });
  const ratio = one.median / base.median;
  row("`node -e 0` (interleaved with the two rows below)", base, "", "");
  row("`stacklint examples/django-stack` (new process, compile cache warm)", one, "≤ 1.8× node -e 0", `${ratio.toFixed(2)}× — ${check(ratio <= 1.8)}`);
  row("same, `STACKLINT_NO_CACHE=1` (no compile cache)", noCache, "", `${(noCache.median / base.median).toFixed(2)}×`);
}

log("monorepos (10 / 100 / 1000 projects) ...");
const mono = {};
for (const n of [10, 100, 1000]) {
  [mono[n]] = time([cli(inputs[`mono${n}`])], { runs: n === 1000 ? 5 : 10, warmup: 1 });
}
const monoRss = maxRss(cli(inputs.mono1000));
row("1000 projects (8000 linted files): wall", mono[1000], "≤ 4 s", check(mono[1000].median <= 4));
row("1000 projects: max RSS", undefined, "≤ 200 MiB", `${monoRss.toFixed(0)} MiB — ${check(monoRss <= 200)}`);
const g1 = mono[100].median / mono[10].median;
const g2 = mono[1000].median / mono[100].median;
row("10 projects", mono[10], "", "");
row("100 projects", mono[100], "", `×${g1.toFixed(2)} vs 10`);
row("1000 projects", mono[1000], "linear (×10 per ×10 input)", `×${g2.toFixed(2)} vs 100 — ${check(g2 <= 11)}`, "fixed start-up cost makes small runs look cheaper");
const marginal = (mono[1000].median - mono[10].median) / (mono[100].median - mono[10].median);
row("  cost of 990 vs 90 more projects", undefined, "≤ 11 (linear: 11)", `×${marginal.toFixed(2)} — ${check(marginal <= 11 * 1.1)}`, "(t1000 − t10) / (t100 − t10): start-up removed");

log("5 MB nginx.conf ...");
{
  const [big] = time([cli(inputs.nginx5mb)], { runs: 5, warmup: 1 });
  const rss = maxRss(cli(inputs.nginx5mb));
  row("one 5 MB nginx.conf: wall", big, "≤ 0.8 s", check(big.median <= 0.8));
  row("one 5 MB nginx.conf: max RSS", undefined, "≤ 200 MiB", `${rss.toFixed(0)} MiB — ${check(rss <= 200)}`);
  const [without] = time([cli("--rule", "add-header-redefinition:off", inputs.nginx5mb)], { runs: 5, warmup: 1 });
  row("  same without rule add-header-redefinition", without, "", "the rule's share of the time");
  if (nginxLinter) {
    const [peer] = time([[NODE, nginxLinter, "--include", inputs.nginx5mb, "--no-follow-includes"]], { runs: 5, warmup: 1 });
    row("  nginx-linter 0.7.0, same file", peer, "", `stacklint ${(peer.median / big.median).toFixed(1)}× faster`);
  }
}

if (dclint) {
  for (const n of [100, 1000]) {
    log(`compose only, ${n} files, vs dclint ...`);
    const dir = inputs[`compose${n}`];
    const target = n === 100 ? 15 : 40;
    const [ours, theirs] = time([cli(dir), [NODE, dclint, "-r", dir]], { runs: 5, warmup: 1 });
    const speedup = theirs.median / ours.median;
    row(`${n} compose files: stacklint`, ours, "", "");
    row(`${n} compose files: dclint ${PEERS.dclint} (-r, default rules)`, theirs, `stacklint ≥ ${target}× faster`, `${speedup.toFixed(1)}× — ${check(speedup >= target)}`);
  }
} else row("compose files vs dclint", undefined, "≥ 15× / ≥ 40×", "skipped (dclint not installed)");

if (dockerfilelint || nginxLinter) {
  log("same 100 Dockerfiles / nginx confs vs dockerfilelint / nginx-linter ...");
  const dockerfiles = Array.from({ length: 100 }, (_, i) => join(inputs.mono100, `p${String(i).padStart(4, "0")}`, "app", "Dockerfile"));
  const confs = Array.from({ length: 100 }, (_, i) => join(inputs.mono100, `p${String(i).padStart(4, "0")}`, "nginx", "site.conf"));
  if (dockerfilelint) {
    const [ours, theirs] = time([cli(...dockerfiles), [NODE, dockerfilelint, ...dockerfiles]], { runs: 5, warmup: 1 });
    row("100 Dockerfiles: stacklint", ours, "", "");
    row(`100 Dockerfiles: dockerfilelint ${PEERS.dockerfilelint}`, theirs, "", `stacklint ${(theirs.median / ours.median).toFixed(1)}× faster`);
  }
  if (nginxLinter) {
    const [ours, theirs] = time([cli(...confs), [NODE, nginxLinter, ...confs.flatMap((c) => ["--include", c]), "--no-follow-includes"]], { runs: 5, warmup: 1 });
    row("100 nginx confs: stacklint", ours, "", "");
    row(`100 nginx confs: nginx-linter ${PEERS["nginx-linter"]}`, theirs, "", `stacklint ${(theirs.median / ours.median).toFixed(1)}× faster`);
  }
}

// ---------------------------------------------------------------- report
const machine = [
  `- CPUs: ${cpus().length} × ${cpus()[0]?.model ?? "unknown"} (\`nproc\`: ${spawnSync("nproc", { encoding: "utf8" }).stdout?.trim() || "?"})`,
  `- memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB total, ${(freemem() / 2 ** 30).toFixed(1)} GiB free at the end`,
  `- load average (1, 5, 15 min) at the start: ${loadAtStart.map((x) => x.toFixed(2)).join(" ")}; at the end: ${loadavg().map((x) => x.toFixed(2)).join(" ")} (other work on the machine slows every number)`,
  `- node ${process.version}, ${process.platform} ${release()}`,
  `- timing: ${HYPERFINE ? `${spawnSync("hyperfine", ["--version"], { encoding: "utf8" }).stdout.trim()}; the start-up rows with our own interleaved loop (a, b, c, a, b, c, ...)` : "own interleaved loop (hyperfine not installed)"}; RSS: ${GNU_TIME ? "/usr/bin/time -f %M" : "process.resourceUsage().maxRSS"}`,
  `- date: ${new Date().toISOString()}`,
];
const header = "| measurement | median (min–max) | target | result |\n|---|---|---|---|";
const table = rows.map((r) => `| ${r.what} | ${fmt(r.s)} | ${r.target} | ${r.verdict}${r.note ? ` (${r.note})` : ""} |`).join("\n");
const md = `# Benchmark results

Generated by \`npm run bench\` (bench/run.mjs${QUICK ? " --quick" : ""}); inputs are generated in a temp dir
(bench/generate.mjs). Wall-clock medians of ≥ 5 runs with min–max, each run a new process.

## Machine

${machine.join("\n")}

## Numbers

${header}
${table}
`;
process.stdout.write(`\n${header}\n${table}\n\n${machine.join("\n")}\n`);
// a hand-written "## Notes" section (why a target is or is not met) survives a new run
let notes = "";
try {
  const old = readFileSync(join(HERE, "RESULTS.md"), "utf8");
  const at = old.indexOf("\n## Notes");
  if (at >= 0) notes = old.slice(at);
} catch {
  // first run
}
writeFileSync(join(HERE, "RESULTS.md"), md + notes);
log("wrote bench/RESULTS.md");
if (!argv.has("--keep")) rmSync(work, { recursive: true, force: true });
