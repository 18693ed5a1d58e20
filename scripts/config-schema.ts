import type { RuleMeta } from "../src/engine/rule.js";

/**
 * The JSON Schema of stacklint.config.json / .stacklintrc.json / "stacklint"
 * in package.json, built from the rule list so editors complete rule ids and
 * levels. scripts/generate-config-schema.mjs writes it to
 * schema/stacklint.config.schema.json; a test checks the file is current and
 * that the schema accepts exactly what src/engine/config.ts accepts.
 */
export function buildConfigSchema(
  rules: readonly Pick<RuleMeta, "id" | "description" | "severity">[],
  builtins: readonly Pick<RuleMeta, "id" | "description" | "severity">[],
): Record<string, unknown> {
  const all = [...rules, ...builtins.filter((b) => !rules.some((r) => r.id === b.id))].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ruleProperties: Record<string, unknown> = {};
  for (const r of all) {
    const text = r.description.replace(/`/g, "");
    ruleProperties[r.id] = {
      $ref: "#/definitions/level",
      description: `${text} (default: ${r.severity})`,
      markdownDescription: `${r.description} (default: \`${r.severity}\`)`,
    };
  }
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://unpkg.com/stacklint/schema/stacklint.config.schema.json",
    title: "stacklint configuration",
    description: "stacklint.config.json, .stacklintrc.json, or the \"stacklint\" key of package.json.",
    type: "object",
    additionalProperties: false,
    properties: {
      $schema: { type: "string", description: "The JSON Schema of this file (for editors)." },
      rules: {
        type: "object",
        description: "Level per rule id: off, info, warning or error.",
        additionalProperties: false,
        properties: ruleProperties,
      },
      ignore: {
        type: "array",
        description: "Glob patterns (relative to the config file; `**` any path, `*` any name part, `?` one character; a pattern without `/` matches at any depth) of paths not to lint.",
        items: { type: "string" },
      },
    },
    definitions: {
      level: {
        type: "string",
        enum: ["off", "info", "warning", "error"],
        description: "off disables the rule; info, warning and error set the severity of its findings (only errors make the exit code 1).",
      },
    },
  };
}

export function configSchemaText(schema: Record<string, unknown>): string {
  return JSON.stringify(schema, null, 2) + "\n";
}
