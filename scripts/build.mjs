// Bundle the CLI into one ESM file: start-up time matters for a pre-commit hook.
import { build } from "esbuild";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import ts from "typescript";

await build({
  entryPoints: ["src/cli.ts"],
  outfile: "dist/cli.js",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  minifySyntax: true,
  legalComments: "none",
  // yaml ships CommonJS for node; its require("process") needs a real require in an ESM bundle.
  banner: { js: 'import { createRequire as __stacklintCreateRequire } from "node:module"; const require = __stacklintCreateRequire(import.meta.url);' },
  sourcemap: false,
  logLevel: "warning",
});
chmodSync("dist/cli.js", 0o755);

// The programmatic API (package.json "exports"): its own bundle, so importing it never runs the CLI.
await build({
  entryPoints: ["src/api.ts"],
  outfile: "dist/index.js",
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

// dist/index.d.ts from src/api.ts alone (isolated declarations): the public types are declared
// there, so the declaration file must not import anything (internal modules are not shipped).
const api = readFileSync("src/api.ts", "utf8");
const dts = ts.transpileDeclaration(api, {
  fileName: "src/api.ts",
  reportDiagnostics: true,
  compilerOptions: { module: ts.ModuleKind.NodeNext, target: ts.ScriptTarget.ES2022, declaration: true, isolatedDeclarations: true },
});
const problems = (dts.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
if (problems.length > 0) throw new Error(`src/api.ts: cannot emit declarations:\n${problems.join("\n")}`);
if (/^\s*(import|export \* from|export \{[^}]*\} from)/m.test(dts.outputText)) throw new Error("dist/index.d.ts would import internal modules: declare the public types in src/api.ts");
writeFileSync("dist/index.d.ts", `// Generated from src/api.ts by scripts/build.mjs. Do not edit.\n${dts.outputText}`);
