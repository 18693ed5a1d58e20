import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { kindFromName } from "../../src/discover/classify.js";
import { REPOSITORY_URL } from "../../src/formatters/links.js";
import { VERSION } from "../../src/version.js";

const root = join(import.meta.dirname, "..", "..");

interface Hook {
  id: string;
  name: string;
  description: string;
  entry: string;
  language: string;
  pass_filenames: boolean;
  require_serial: boolean;
  files: string;
  minimum_pre_commit_version: string;
}
const hooks = parse(readFileSync(join(root, ".pre-commit-hooks.yaml"), "utf8")) as Hook[];
const hook = hooks[0]!;

const BAD = {
  "docker-compose.yml": "services:\n  redis:\n    image: redis:7.2\n    command: redis-server /etc/redis.conf\n    volumes:\n      - ./redis.conf:/etc/redis.conf\n  web:\n    image: example/web:1.0\n    environment:\n      REDIS_URL: redis://redis:6379/0\n",
  "redis.conf": "bind 127.0.0.1\n",
};
const GOOD = { "docker-compose.yml": "services:\n  web:\n    image: example/web:1.0\n", "README.md": "# app\n" };

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Python as pre-commit runs it (its `files` are Python regexes); undefined when there is none. */
function python(): string | undefined {
  for (const exe of ["/usr/bin/python3", "python3"]) {
    if (spawnSync(exe, ["-c", "pass"]).status === 0) return exe;
  }
  return undefined;
}

/** pre-commit on PATH, else installed from Debian's package (we may be root on a Debian image); the reason when impossible. */
function ensurePreCommit(): { ok: true } | { ok: false; reason: string } {
  if (spawnSync("pre-commit", ["--version"]).status === 0) return { ok: true };
  if (process.getuid?.() !== 0 || spawnSync("apt-get", ["--version"]).status !== 0) return { ok: false, reason: "pre-commit is not installed and apt-get is not usable here (install it: apt-get install pre-commit, or pip install pre-commit)" };
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  let r = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "pre-commit"], { env, timeout: 300_000 });
  if (r.status !== 0) {
    spawnSync("apt-get", ["update"], { env, timeout: 300_000 });
    r = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "pre-commit"], { env, timeout: 300_000 });
  }
  if (spawnSync("pre-commit", ["--version"]).status === 0) return { ok: true };
  return { ok: false, reason: `pre-commit could not be installed with apt-get (exit ${r.status ?? "timeout"})` };
}

function gitRepo(files: Record<string, string>, config: unknown): string {
  const dir = tempDir("stacklint-precommit-");
  for (const [path, content] of Object.entries(files)) writeFileSync(join(dir, path), content);
  writeFileSync(join(dir, ".pre-commit-config.yaml"), stringify(config));
  execFileSync("git", ["init", "-q", "."], { cwd: dir });
  execFileSync("git", ["add", "-A"], { cwd: dir });
  return dir;
}

function preCommit(dir: string, home: string, args: string[]): { code: number | null; out: string } {
  const r = spawnSync("pre-commit", args, { cwd: dir, encoding: "utf8", env: { ...process.env, PRE_COMMIT_HOME: home, PRE_COMMIT_COLOR: "never" }, timeout: 540_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe(".pre-commit-hooks.yaml", () => {
  it("one node hook that runs stacklint once on the repository", () => {
    expect(hooks).toHaveLength(1);
    expect(hook).toMatchObject({ id: "stacklint", name: "stacklint", entry: "stacklint", language: "node", pass_filenames: false, require_serial: true });
    expect(hook.description.length).toBeGreaterThan(20);
  });

  it("`files` (a Python regex, searched like pre-commit does) covers every kind stacklint reads by name, and not other files", () => {
    const py = python();
    if (!py) return expect.fail("python3 is needed to check the pattern the way pre-commit reads it");
    const kinds = [
      "docker-compose.yml", "compose.yaml", "deploy/docker-compose.prod.yml", "docker-compose.override.yaml", "compose-dev.yml",
      "Dockerfile", "app/Dockerfile.prod", "Dockerfile-dev", "web.dockerfile", "DOCKERFILE",
      ".env", ".env.production", "config/prod.env",
      "start.sh", "docker/entrypoint", "docker-entrypoint",
      "mysql/my.cnf", "conf.d/charset.cnf",
      "mysite/settings.py", "conf/base_settings.py", "settings_prod.py", "proj/settings/production.py",
      "db/init/01-schema.sql",
      "nginx/site.conf", "nginx.conf", "uwsgi.ini", "supervisord.conf", "redis/redis.conf", "nginx/default.conf.template", "site.nginx",
    ];
    for (const path of kinds) expect(kindFromName(path), path).not.toBeUndefined();
    const configs = ["stacklint.config.json", "sub/.stacklintrc.json", "package.json"];
    const others = ["README.md", "app/views.py", "package-lock.json", "src/index.ts", "docs/compose.md", "Makefile", "requirements.txt"];
    for (const path of others) expect(kindFromName(path), path).toBeUndefined();
    const script = "import re, sys, json\nr = re.compile(sys.argv[1])\nprint(json.dumps([bool(r.search(p)) for p in json.loads(sys.stdin.read())]))";
    const out = execFileSync(py, ["-c", script, hook.files], { input: JSON.stringify([...kinds, ...configs, ...others]), encoding: "utf8" });
    expect(JSON.parse(out)).toEqual([...kinds.map(() => true), ...configs.map(() => true), ...others.map(() => false)]);
  });
});

describe("README pre-commit snippets", () => {
  it("use this repository at the current version, and the hook's id", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const block = /```yaml\n# \.pre-commit-config\.yaml\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const config = parse(block![1]!) as { repos: { repo: string; rev: string; hooks: { id: string; language_version?: string }[] }[] };
    expect(config.repos[0]).toMatchObject({ repo: REPOSITORY_URL, rev: `v${VERSION}`, hooks: [{ id: hook.id, language_version: "system" }] });
    expect(readme).toContain(`additional_dependencies: ["stacklint@${VERSION}"]`);
  });
});

const available = ensurePreCommit();
const SKIP = available.ok ? "" : ` (skipped: ${available.reason})`;

describe.skipIf(!available.ok)(`pre-commit run${SKIP}`, () => {
  it("repo: local, language: node, language_version: system, the packed package as dependency: fails on a bad project, passes on a good one", () => {
    if (!existsSync(join(root, "dist", "cli.js"))) throw new Error("dist/cli.js is missing: run `npm run build` first");
    const packDir = tempDir("stacklint-pack-");
    execFileSync("npm", ["pack", "--ignore-scripts", "--pack-destination", packDir], { cwd: root, stdio: "ignore" });
    const tarball = join(packDir, readdirSync(packDir).find((f) => f.endsWith(".tgz"))!);
    // The hook exactly as the manifest declares it, installed from the tarball npm would publish.
    const config = {
      repos: [{ repo: "local", hooks: [{ id: hook.id, name: hook.name, entry: hook.entry, language: hook.language, language_version: "system", additional_dependencies: [tarball], pass_filenames: hook.pass_filenames, require_serial: hook.require_serial, files: hook.files }] }],
    };
    const home = tempDir("stacklint-precommit-home-");
    const bad = preCommit(gitRepo(BAD, config), home, ["run", "--all-files"]);
    expect(bad.code, bad.out).toBe(1);
    expect(bad.out).toMatch(/^stacklint\.+Failed$/m);
    expect(bad.out).toContain("listener-loopback-only");
    const goodDir = gitRepo(GOOD, config);
    const good = preCommit(goodDir, home, ["run", "--all-files"]);
    expect(good.code, good.out).toBe(0);
    expect(good.out).toMatch(/^stacklint\.+Passed$/m);
    // `files`: a change to nothing stacklint reads does not run the hook at all.
    const skipped = preCommit(goodDir, home, ["run", "--files", "README.md"]);
    expect(skipped.code, skipped.out).toBe(0);
    expect(skipped.out).toMatch(/^stacklint\.+\(no files to check\)Skipped$/m);
  }, 600_000);

  // What users write (`repo: https://github.com/stacklint/stacklint`, `rev: v0.1.0`): pre-commit clones the
  // repository at rev, `npm install`s it (the registry must be reachable: dev dependencies build dist/),
  // `npm pack`s it (prepack builds) and installs the tarball. A copy of the sources committed in a temp
  // repository stands in for the GitHub repository.
  const registry = available.ok && spawnSync("npm", ["ping"], { timeout: 30_000, stdio: "ignore" }).status === 0;
  it.skipIf(!registry)(`repo: <path to a clone>, rev: <sha>: pre-commit installs the hook from the repository by itself${registry ? "" : " (skipped: the npm registry is not reachable)"}`, () => {
    const src = tempDir("stacklint-src-");
    for (const entry of ["package.json", "package-lock.json", ".npmrc", ".pre-commit-hooks.yaml", "README.md", "tsconfig.json", "src", "rules", "scripts", "schema", "vscode"]) {
      cpSync(join(root, entry), join(src, entry), { recursive: true, filter: (p) => !p.includes("node_modules") });
    }
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.email=ci@example.com", "-c", "user.name=ci", ...args], { cwd: src, encoding: "utf8" }).trim();
    git("init", "-q", ".");
    git("add", "-A");
    git("commit", "-q", "-m", "stacklint");
    const rev = git("rev-parse", "HEAD");
    const config = { repos: [{ repo: src, rev, hooks: [{ id: "stacklint", language_version: "system" }] }] };
    const home = tempDir("stacklint-precommit-home-");
    const bad = preCommit(gitRepo(BAD, config), home, ["run", "--all-files"]);
    expect(bad.code, bad.out).toBe(1);
    expect(bad.out).toContain("listener-loopback-only");
    const good = preCommit(gitRepo(GOOD, config), home, ["run", "--all-files"]);
    expect(good.code, good.out).toBe(0);
  }, 600_000);
});
