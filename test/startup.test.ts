/**
 * dist/cli.js answers --version/--help from a small prelude and evaluates the rest of the bundle
 * (with a per-user V8 code cache) only for other commands (scripts/build.mjs). Both paths must
 * print exactly what main() prints.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/run-cli.js";

const CLI = resolve(import.meta.dirname, "..", "dist", "cli.js");
const EXAMPLE = resolve(import.meta.dirname, "..", "examples", "django-stack");
const cacheHome = mkdtempSync(join(tmpdir(), "stacklint-cache-"));

/** dist/cli.js built from the current sources? (CI builds first; a stale local build is skipped, not failed.) */
function builtFromCurrentSources(): boolean {
  if (!existsSync(CLI)) return false;
  const built = statSync(CLI).mtimeMs;
  const stack = ["src", "rules"].map((d) => resolve(import.meta.dirname, "..", d));
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) stack.push(path);
      else if (statSync(path).mtimeMs > built) return false;
    }
  }
  return true;
}
const FRESH = builtFromCurrentSources();
afterAll(() => rmSync(cacheHome, { recursive: true, force: true }));

function node(args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: resolve(import.meta.dirname, ".."), env: { PATH: process.env["PATH"], XDG_CACHE_HOME: cacheHome, NO_COLOR: "1", ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!FRESH)("dist/cli.js start-up paths (skipped when dist/cli.js is missing or older than src/, rules/: npm run build)", () => {
  for (const args of [["--version"], ["-v"], ["--help"], ["-h"]]) {
    it(`prelude: ${args.join(" ")} prints what main() prints`, () => {
      const ours = node(args);
      const main = runCli(process.cwd(), args);
      expect(ours).toEqual({ code: 0, stdout: main.stdout, stderr: "" });
    });
  }

  it("the bundle: `rules --format json` and a lint run print what main() prints", () => {
    expect(node(["rules", "--format", "json"]).stdout).toBe(runCli(process.cwd(), ["rules", "--format", "json"]).stdout);
    const lint = node(["--format", "json", "--no-config", EXAMPLE]);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toBe(runCli(resolve(import.meta.dirname, ".."), ["--format", "json", "--no-config", EXAMPLE]).stdout);
  });

  it("the compile cache: written once per build, used after, rebuilt when corrupt, off with STACKLINT_NO_CACHE", () => {
    const dir = join(cacheHome, "stacklint");
    rmSync(dir, { recursive: true, force: true });
    const plain = node(["--format", "json", "--no-config", EXAMPLE], { STACKLINT_NO_CACHE: "1" });
    expect(existsSync(dir)).toBe(false);
    const first = node(["--format", "json", "--no-config", EXAMPLE]);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    const second = node(["--format", "json", "--no-config", EXAMPLE]);
    writeFileSync(join(dir, files[0]!), "not V8 code cache data");
    const corrupt = node(["--format", "json", "--no-config", EXAMPLE]);
    expect(readFileSync(join(dir, files[0]!)).length).toBeGreaterThan(1000); // rewritten
    for (const r of [first, second, corrupt]) expect(r).toEqual(plain);
  });

  it("a reader that stops early (`| head`) ends the output quietly: no EPIPE stack trace", () => {
    // 87 KB of JSON: more than a pipe buffer, so the write after head exits fails with EPIPE
    const r = spawnSync("bash", ["--norc", "--noprofile", "-c", `"${process.execPath}" "${CLI}" rules --format json | head -c 5 >/dev/null; echo "rc=\${PIPESTATUS[0]}"`], { encoding: "utf8", env: { PATH: process.env["PATH"], XDG_CACHE_HOME: cacheHome } });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("rc=0");
  });

  it("output goes to a file or pipe in full (written synchronously, before exit)", () => {
    const r = spawnSync("bash", ["--norc", "--noprofile", "-c", `"${process.execPath}" "${CLI}" rules --format json | wc -c`], { encoding: "utf8", env: { PATH: process.env["PATH"], XDG_CACHE_HOME: cacheHome } });
    expect(Number(r.stdout.trim())).toBe(Buffer.byteLength(runCli(process.cwd(), ["rules", "--format", "json"]).stdout));
  });

  it("a usage error still exits 2 with the message, through the bundle", () => {
    const r = node(["--no-such-option"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option: --no-such-option");
  });
});
