import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../rules/index.js";
import { buildConfigSchema, configSchemaText } from "../../scripts/config-schema.js";
import { ConfigError, validateConfig } from "../../src/engine/config.js";
import { BUILTIN_IDS } from "../../src/engine/lint.js";
import { BUILTIN_RULES } from "../../src/formatters/builtin-rules.js";
import { configSchemaUrl, CONFIG_SCHEMA_FILE } from "../../src/formatters/links.js";
import { VERSION } from "../../src/version.js";
import { runCli } from "../helpers/run-cli.js";
import { tempProject } from "../helpers/temp-project.js";
import { compileDraft07 } from "./schemas.js";

const root = join(import.meta.dirname, "..", "..");
const schemaPath = join(root, CONFIG_SCHEMA_FILE);
const committed = (): Record<string, unknown> => JSON.parse(readFileSync(schemaPath, "utf8")) as Record<string, unknown>;

describe("config JSON Schema (schema/stacklint.config.schema.json)", () => {
  it("is generated from the current rule list (run `npm run build` after adding a rule)", () => {
    expect(readFileSync(schemaPath, "utf8")).toBe(configSchemaText(buildConfigSchema(RULES.map((r) => r.meta), BUILTIN_RULES)));
  });

  it("lists every rule id the config accepts", () => {
    const rules = ((committed()["properties"] as Record<string, { properties: Record<string, unknown> }>)["rules"]!).properties;
    expect(Object.keys(rules).sort()).toEqual([...RULES.map((r) => r.meta.id), ...BUILTIN_IDS].sort());
  });

  it("accepts exactly what the config loader accepts", () => {
    const validate = compileDraft07(committed());
    const known = new Set([...RULES.map((r) => r.meta.id), ...BUILTIN_IDS]);
    const cases: unknown[] = [
      {},
      { $schema: "https://example.com/s.json" },
      { rules: { "links-legacy": "off", "parse-error": "warning" }, ignore: ["legacy/**"] },
      Object.fromEntries([["rules", Object.fromEntries([...known].map((id) => [id, "info"]))]]),
      { rules: { "no-such-rule": "off" } },
      { rules: { "links-legacy": "loud" } },
      { rules: { "links-legacy": 2 } },
      { rules: [] },
      { ignore: "legacy/**" },
      { ignore: [1] },
      { rulez: {} },
      [],
      "x",
    ];
    for (const config of cases) {
      let loaderAccepts = true;
      try {
        validateConfig(config, "stacklint.config.json", known);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        loaderAccepts = false;
      }
      expect(validate(config), JSON.stringify(config)).toBe(loaderAccepts);
    }
  });
});

describe("stacklint --init", () => {
  it("writes a starter stacklint.config.json with $schema, which the loader and the schema accept", () => {
    const dir = tempProject({ "docker-compose.yml": "services:\n  web:\n    image: example/web:1.0\n" });
    const r = runCli(dir, ["--init"]);
    expect(r).toEqual({ code: 0, stdout: "stacklint: wrote stacklint.config.json\n", stderr: "" });
    const config = JSON.parse(readFileSync(join(dir, "stacklint.config.json"), "utf8")) as Record<string, unknown>;
    expect(config).toEqual({ $schema: configSchemaUrl(VERSION), rules: {}, ignore: [] });
    expect(configSchemaUrl(VERSION)).toBe(`https://unpkg.com/stacklint@${VERSION}/schema/stacklint.config.schema.json`);
    expect(compileDraft07(committed())(config)).toBe(true);
    expect(runCli(dir, ["--format", "json"]).code).toBe(0);
  });

  it("points $schema at node_modules/stacklint when the package is installed there", () => {
    const dir = tempProject({ [`node_modules/stacklint/${CONFIG_SCHEMA_FILE}`]: "{}" });
    expect(runCli(dir, ["--init"]).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "stacklint.config.json"), "utf8"))).toMatchObject({ $schema: `./node_modules/stacklint/${CONFIG_SCHEMA_FILE}` });
  });

  it("refuses to overwrite: exit 2 with a message, the file unchanged", () => {
    for (const [name, content] of [["stacklint.config.json", '{"rules":{"links-legacy":"off"}}'], [".stacklintrc.json", "{}"], ["package.json", '{"name":"x","stacklint":{}}']] as const) {
      const dir = tempProject({ [name]: content });
      const r = runCli(dir, ["--init"]);
      expect(r.code, name).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(`stacklint: ${name} already configures stacklint here; not writing a new config\n`);
      expect(readFileSync(join(dir, name), "utf8")).toBe(content);
      if (name !== "stacklint.config.json") expect(existsSync(join(dir, "stacklint.config.json"))).toBe(false);
    }
  });

  it("a package.json without a stacklint key does not count as a config", () => {
    const dir = tempProject({ "package.json": '{"name":"x"}' });
    expect(runCli(dir, ["--init"]).code).toBe(0);
  });
});
