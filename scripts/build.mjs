// Bundle the CLI into one ESM file: start-up time matters for a pre-commit hook.
import { build } from "esbuild";
import { chmodSync } from "node:fs";

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
