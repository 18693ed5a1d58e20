// Bundle the CLI into one file: start-up time matters for a pre-commit hook.
//
// dist/cli.js is a small CommonJS prelude followed by the whole CLI bundle (CommonJS), kept as
// `//` comment lines inside a function that is never called. `--version` and `--help` are
// answered by the prelude, so V8 only skims those comment lines instead of compiling ~1.4 MB of
// JavaScript and loading its built-in modules. Any other command takes the bundle's text from
// that function's source (Function.prototype.toString: no file read), drops the `//`, and
// evaluates it with vm.Script under the file's own name and line numbers (stack traces point at
// the right line of dist/cli.js), with V8's code cache.
//
// Measured choices (bench/RESULTS.md):
// - CommonJS, not ESM: dist/package.json says {"type": "commonjs"} (the package itself is
//   "module"). An ESM entry costs the ESM loader and, for `import ... from "node:fs"`, a facade
//   that touches every fs export (loading fs streams): ≈ 4–5 ms on every run, --version included.
//   The API stays ESM as dist/index.mjs.
// - Whitespace minified (identifiers kept, so stack traces and profiles keep function names):
//   the readable bundle had 30 000 lines, and dropping 30 000 `//` prefixes cost ≈ 6 ms per run;
//   minified it has a few hundred lines (those inside template literals) and is 20% smaller.
import { build } from "esbuild";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import ts from "typescript";

const MARKER = "//# stacklint-cli-bundle (evaluated by the prelude above; do not edit)";

// Built-in modules that only some runs use (hashes for SARIF/baselines, the log reader's
// decoder): loaded on first call instead of when the bundle starts. Only their function exports
// are offered; importing anything else from them fails the build, on purpose.
const LAZY_BUILTINS = ["crypto", "string_decoder"];
const lazyBuiltins = {
  name: "lazy-builtins",
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(node:)?(${LAZY_BUILTINS.join("|")})$`) }, (args) =>
      // the shim's own require() is the real module
      args.kind === "require-call" ? { path: args.path, external: true } : { path: args.path.replace(/^node:/, ""), namespace: "lazy-builtin" });
    b.onLoad({ filter: /.*/, namespace: "lazy-builtin" }, async (args) => {
      const real = await import(`node:${args.path}`);
      const names = Object.keys(real).filter((k) => k !== "default" && /^[A-Za-z_$][\w$]*$/.test(k) && typeof real[k] === "function");
      const body = names.map((n) => `export function ${n}(...a) { const f = load().${n}; return new.target ? new f(...a) : f.apply(this, a); }`);
      return { loader: "js", contents: `let m;\nconst load = () => (m ??= require("node:${args.path}"));\n${body.join("\n")}\n` };
    });
  },
};

const payload = await build({
  plugins: [lazyBuiltins],
  entryPoints: ["src/cli.ts"],
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  minifySyntax: true,
  // STACKLINT_READABLE_BUILD=1: one statement per line with module comments, for profiling.
  minifyWhitespace: !process.env.STACKLINT_READABLE_BUILD,
  legalComments: "none",
  charset: "ascii",
  sourcemap: false,
  logLevel: "warning",
  write: false,
});
// charset ascii escapes every literal; what non-ASCII is left sits in comments. An all-ASCII
// file is a one-byte string for V8: half the memory and faster to scan than a two-byte one.
const bundle = payload.outputFiles[0].text.replace(/^#!.*\n/, "").replace(/[^\x00-\x7f]/g, "?");
// A line comment ends at any line terminator: the bundle must have \n only (esbuild escapes the rest).
if (/[\r\u2028\u2029]/.test(bundle)) throw new Error("CLI bundle contains a CR/U+2028/U+2029 line terminator; cannot embed it in comment lines");

const prelude = await build({
  stdin: {
    sourcefile: "cli-prelude.ts",
    resolveDir: ".",
    loader: "ts",
    contents: `
// node:fs and node:path are loaded by node itself; node:vm and node:v8 are not, so they are
// required only on the bundle's path (--version/--help load nothing).
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Script } from "node:vm";
import { HELP } from "./src/cli/args.js";
import { VERSION } from "./src/version.js";

const argv = process.argv.slice(2);
const only = argv.length === 1 ? argv[0] : undefined;
// The English help only: a Chinese locale (resolveLang in src/i18n/index.ts) takes the bundle's path.
const locale = [process.env["LC_ALL"], process.env["LC_MESSAGES"], process.env["LANG"]].find((v) => v !== undefined && v !== "") ?? "";
if (only === "--version" || only === "-v") process.stdout.write(\`\${VERSION}\\n\`);
else if ((only === "--help" || only === "-h") && !/^zh/i.test(locale)) process.stdout.write(HELP);
else {
  // Keep V8's young generation at its initial size instead of letting it double up to 16 MB
  // per semi-space: nearly everything stacklint allocates (ASTs, the model) lives to the end of
  // the run, so a big nursery only means copying the same objects later and more resident
  // memory. Measured (bench/RESULTS.md): a 5 MB nginx.conf ~210 -> ~175 MiB max RSS and 1000
  // projects ~215 -> ~196 MiB, same wall time. V8 reads this flag each time it would grow the
  // space; set before the bundle is compiled, so the code cache's flag hash always matches.
  // (required here, not imported: --version and --help do not load node:v8)
  (require("node:v8") as typeof import("node:v8")).setFlagsFromString("--semi-space-growth-factor=1");
  const file = __filename;
  const source = bundleText.toString();
  const body = source.slice(source.indexOf("\\n") + 1, source.lastIndexOf("\\n")).slice(2).replaceAll("\\n//", "\\n");
  const code = \`(function (exports, require, module, __filename, __dirname) { "use strict"; \${body}\\n})\`;
  const cache = compileCache(file);
  let cachedData: Buffer | undefined;
  try {
    if (cache) cachedData = readFileSync(cache.path);
  } catch {
    // first run of this build: compiled from source, cached at exit
  }
  const { Script } = require("node:vm") as typeof import("node:vm");
  const script = new Script(code, { filename: file, lineOffset: BUNDLE_LINE - 1, ...(cachedData ? { cachedData } : {}) });
  if (cache && (!cachedData || script.cachedDataRejected)) process.once("exit", () => writeCache(cache, script));
  const fn = script.runInThisContext() as (e: object, r: NodeJS.Require, m: { exports: object }, f: string, d: string) => void;
  const module = { exports: {} };
  // this file's own require resolves like one made for the bundle (same file, same directory)
  fn.call(module.exports, module.exports, require, module, file, dirname(file));
}

/**
 * V8's compiled code for the bundle, kept per user (\$XDG_CACHE_HOME/stacklint, ~/.cache/stacklint):
 * compiling ~1 MB of JavaScript is most of a small run. Keyed by this file's size and mtime and
 * by the V8 version; V8 itself rejects data that does not fit. STACKLINT_NO_CACHE=1 turns it off.
 */
function compileCache(file: string): { dir: string; path: string } | undefined {
  if (process.env["STACKLINT_NO_CACHE"]) return undefined;
  const base = process.env["XDG_CACHE_HOME"] || (process.env["HOME"] ? join(process.env["HOME"], ".cache") : "");
  if (!base) return undefined;
  try {
    const st = statSync(file);
    const dir = join(base, "stacklint");
    return { dir, path: join(dir, \`cli-\${VERSION}-\${st.size}-\${Math.floor(st.mtimeMs)}-v8-\${process.versions.v8}-\${process.arch}.cache\`) };
  } catch {
    return undefined;
  }
}

function writeCache(cache: { dir: string; path: string }, script: Script): void {
  try {
    const data = script.createCachedData();
    mkdirSync(cache.dir, { recursive: true, mode: 0o700 });
    for (const old of readdirSync(cache.dir)) if (old.startsWith("cli-") && join(cache.dir, old) !== cache.path) unlinkSync(join(cache.dir, old));
    const temp = \`\${cache.path}.\${process.pid}.tmp\`;
    writeFileSync(temp, data, { mode: 0o600 });
    renameSync(temp, cache.path);
  } catch {
    // a cache is an optimisation: never an error
  }
}
`,
  },
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  minifySyntax: true,
  legalComments: "none",
  charset: "ascii",
  sourcemap: false,
  logLevel: "warning",
  write: false,
});
const head = prelude.outputFiles[0].text;
if (head.length > 32 * 1024) throw new Error(`the CLI prelude is ${head.length} bytes: --version/--help must not pull in the rest of the CLI`);
// The bundle's lines as `//` comments in a function body: the bundle's line N is line
// BUNDLE_LINE + N - 1 of dist/cli.js (stack traces stay right).
const commented = bundle.replace(/\n$/, "").split("\n").map((line) => `//${line}`).join("\n");
const top = `#!/usr/bin/env node\n${head}`;
const bundleLine = top.split("\n").length + 2;
mkdirSync("dist", { recursive: true }); // a fresh clone has none (esbuild made it when it wrote the file itself)
writeFileSync("dist/cli.js", `${top.replace("BUNDLE_LINE", String(bundleLine))}${MARKER}\nfunction bundleText() {\n${commented}\n}\n`);
chmodSync("dist/cli.js", 0o755);
writeFileSync("dist/package.json", `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);

// The programmatic API (package.json "exports"): its own bundle, so importing it never runs the CLI.
await build({
  entryPoints: ["src/api.ts"],
  outfile: "dist/index.mjs",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  minifySyntax: true,
  legalComments: "none",
  banner: { js: 'import { createRequire as __stacklintCreateRequire } from "node:module"; const require = __stacklintCreateRequire(import.meta.url);' },
  sourcemap: false,
  logLevel: "warning",
});

// dist/index.d.mts from src/api.ts alone (isolated declarations): the public types are declared
// there, so the declaration file must not import anything (internal modules are not shipped).
const api = readFileSync("src/api.ts", "utf8");
const dts = ts.transpileDeclaration(api, {
  fileName: "src/api.ts",
  reportDiagnostics: true,
  compilerOptions: { module: ts.ModuleKind.NodeNext, target: ts.ScriptTarget.ES2022, declaration: true, isolatedDeclarations: true },
});
const problems = (dts.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
if (problems.length > 0) throw new Error(`src/api.ts: cannot emit declarations:\n${problems.join("\n")}`);
if (/^\s*(import|export \* from|export \{[^}]*\} from)/m.test(dts.outputText)) throw new Error("dist/index.d.mts would import internal modules: declare the public types in src/api.ts");
writeFileSync("dist/index.d.mts", `// Generated from src/api.ts by scripts/build.mjs. Do not edit.\n${dts.outputText}`);
