import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../rules/index.js";

const ROOT = join(import.meta.dirname, "..");
const folders = readdirSync(join(ROOT, "rules")).filter((n) => statSync(join(ROOT, "rules", n)).isDirectory()).sort();

describe("rule registry", () => {
  it("every rules/<id>/ folder is registered, under its folder name", () => {
    expect(RULES.map((r) => r.meta.id).sort()).toEqual(folders);
  });
  it.each(RULES.map((r) => [r.meta.id, r] as const))("%s has a README with the real failure and fixtures", (id, rule) => {
    const readme = readFileSync(join(ROOT, "rules", id, "README.md"), "utf8");
    expect(readme.startsWith(`# ${id}\n`)).toBe(true);
    expect(readme).toMatch(/## (Why|What)/);
    expect(readme).toContain(`**Severity:** ${rule.meta.severity}`);
    expect(existsSync(join(ROOT, "fixtures", id, "bad"))).toBe(true);
    expect(existsSync(join(ROOT, "fixtures", id, "good"))).toBe(true);
    expect(rule.meta.description.length).toBeGreaterThan(10);
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
    if (rule.meta.fixable) expect(existsSync(join(ROOT, "fixtures", id, "fix"))).toBe(true);
  });
  it("ids are kebab-case and unique", () => {
    for (const r of RULES) expect(r.meta.id).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
    expect(new Set(RULES.map((r) => r.meta.id)).size).toBe(RULES.length);
  });
});
