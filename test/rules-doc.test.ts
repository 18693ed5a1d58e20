import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { RULES } from "../rules/index.js";

const PATH = join(import.meta.dirname, "..", "docs", "rules.md");
const ORDER = ["cross-file", "compose", "dockerfile", "nginx", "uwsgi", "redis", "mysql", "supervisor", "shell", "django", "security"];

/** docs/rules.md is generated from the rules' meta (like ruff's docs): one table per category. */
function render(): string {
  const lines = [
    "# stacklint rules",
    "",
    "Generated from the rules' meta by `npm run docs` (test/rules-doc.test.ts checks it is current).",
    "Each rule's README explains the real failure it prevents, with the real error or log line.",
    "",
  ];
  for (const category of ORDER) {
    const rules = RULES.filter((r) => r.meta.category === category);
    if (rules.length === 0) continue;
    lines.push(`## ${category}`, "", "| rule | severity | fix | what it finds |", "|---|---|---|---|");
    for (const r of rules) lines.push(`| [\`${r.meta.id}\`](../rules/${r.meta.id}/README.md) | ${r.meta.severity} | ${r.meta.fixable ? "yes" : ""} | ${r.meta.description.replace(/\|/g, "\\|")} |`);
    lines.push("");
  }
  lines.push(`Built-in: \`parse-error\` (a file that cannot be read or parsed, with the exact position; nginx's missing \`;\` is fixable), \`unused-suppression\`, \`internal-error\`.`, "");
  return lines.join("\n");
}

it("docs/rules.md lists every rule as the meta says", () => {
  const text = render();
  if (process.env["UPDATE_DOCS"] === "1" || !existsSync(PATH)) writeFileSync(PATH, text);
  expect(readFileSync(PATH, "utf8")).toBe(text);
  expect(RULES.every((r) => ORDER.includes(r.meta.category))).toBe(true);
});
