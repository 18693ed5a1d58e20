// Writes schema/stacklint.config.schema.json from the rule list (rules/index.ts + the engine's
// built-in ids). Run by `npm run build` after generate-rule-index.mjs; a test checks the
// committed file is current. The TypeScript sources are bundled in memory with esbuild.
import { build } from "esbuild";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const root = join(import.meta.dirname, "..");
const entry = `
import { RULES } from "./rules/index.ts";
import { BUILTIN_RULES } from "./src/formatters/builtin-rules.ts";
import { buildConfigSchema, configSchemaText } from "./scripts/config-schema.ts";
export const text = configSchemaText(buildConfigSchema(RULES.map((r) => r.meta), BUILTIN_RULES));
`;
const out = await build({
  stdin: { contents: entry, resolveDir: root, loader: "ts", sourcefile: "schema-entry.ts" },
  bundle: true,
  platform: "node",
  format: "esm",
  write: false,
  logLevel: "warning",
  banner: { js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);' },
});
const dir = mkdtempSync(join(tmpdir(), "stacklint-schema-"));
try {
  const file = join(dir, "entry.mjs");
  writeFileSync(file, out.outputFiles[0].text);
  const { text } = await import(pathToFileURL(file).href);
  const path = join(root, "schema", "stacklint.config.schema.json");
  mkdirSync(join(root, "schema"), { recursive: true });
  if (!existsSync(path) || readFileSync(path, "utf8") !== text) writeFileSync(path, text);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
