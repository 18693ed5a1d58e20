// Lists the message keys that a catalogue (default zh-CN) lacks, or whose {{placeholders}}
// differ from the English source: rule messages and descriptions (rules/*/index.ts meta),
// explain signatures (src/explain/signatures.ts) and stacklint's own strings (src/i18n/en.ts).
//
//   node scripts/i18n-missing.mjs            # report; exit 1 when something is missing
//   node scripts/i18n-missing.mjs --english  # also print the English text of each missing key
//   node scripts/i18n-missing.mjs --json     # {"key": "English template", ...} of the missing keys
//
// Rules are read from their folders (not rules/index.ts), so a rule added a minute ago counts.
import { build } from "esbuild";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const root = join(import.meta.dirname, "..");
const ids = readdirSync(join(root, "rules"), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, "rules", d.name, "index.ts")))
  .map((d) => d.name)
  .sort();
const entry = `
${ids.map((id, i) => `import r${i} from ${JSON.stringify(`./rules/${id}/index.ts`)};`).join("\n")}
import { SIGNATURES } from "./src/explain/signatures.ts";
import { EN } from "./src/i18n/en.ts";
import { catalogue } from "./src/i18n/index.ts";
export const rules = [${ids.map((_, i) => `r${i}`).join(", ")}];
export { SIGNATURES, EN, catalogue };
`;
const dir = mkdtempSync(join(tmpdir(), "stacklint-i18n-"));
const out = join(dir, "bundle.mjs");
try {
  await build({
    stdin: { contents: entry, resolveDir: root, sourcefile: "i18n-entry.ts", loader: "ts" },
    outfile: out,
    bundle: true,
    platform: "node",
    format: "esm",
    logLevel: "error",
    banner: { js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);' },
  });
  const { rules, SIGNATURES, EN, catalogue } = await import(pathToFileURL(out).href);
  const lang = process.argv.find((a) => !a.startsWith("-") && a !== process.argv[0] && a !== process.argv[1]) ?? "zh-CN";
  const target = catalogue(lang);

  /** @type {Map<string, string>} key → English template */
  const source = new Map();
  for (const rule of rules) {
    source.set(`${rule.meta.id}.description`, rule.meta.description);
    for (const [id, text] of Object.entries(rule.meta.messages)) source.set(`${rule.meta.id}.${id}`, text);
  }
  for (const s of SIGNATURES) for (const f of ["title", "cause", "check"]) source.set(`explain.${s.id}.${f}`, s[f]);
  for (const [k, v] of Object.entries(EN)) source.set(k, v);

  const names = (t) => [...new Set([...t.matchAll(/\{\{\s*(\w+)(?:[:|][^{}]*)?\s*\}\}/g)].map((m) => m[1]))].sort().join(",");
  const missing = [];
  const mismatched = [];
  for (const [key, en] of source) {
    const zh = target[key];
    if (zh === undefined) missing.push(key);
    else if (names(zh) !== names(en)) mismatched.push(`${key}: {${names(en)}} vs {${names(zh)}}`);
  }
  const fixedKeys = new Set(["cli.help", "cli.explainHelp"]);
  const stale = Object.keys(target).filter((k) => !source.has(k) && !fixedKeys.has(k));

  if (process.argv.includes("--json")) {
    writeFileSync(1, JSON.stringify(Object.fromEntries(missing.map((k) => [k, source.get(k)])), null, 1) + "\n");
  } else {
    const english = process.argv.includes("--english");
    console.log(`${lang}: ${source.size} keys in the English source, ${source.size - missing.length} translated`);
    for (const k of missing) console.log(`missing    ${k}${english ? `\n           ${source.get(k)}` : ""}`);
    for (const m of mismatched) console.log(`placeholders ${m}`);
    for (const k of stale) console.log(`stale      ${k} (no such key in the English source)`);
  }
  process.exitCode = missing.length > 0 || mismatched.length > 0 ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
