/**
 * Every address stacklint prints (SARIF helpUri, informationUri, the config
 * schema) comes from here, so moving the repository is a one-line change.
 * package.json's "repository"/"homepage" are checked against it by a test.
 */
export const REPOSITORY_URL = "https://github.com/stacklint/stacklint";

/** Path of the config JSON Schema inside the repository and the npm package. */
export const CONFIG_SCHEMA_FILE = "schema/stacklint.config.schema.json";

/** A rule's README on GitHub; built-in diagnostics point at the README section that explains them. */
export function ruleHelpUri(ruleId: string): string {
  switch (ruleId) {
    case "parse-error":
      return `${REPOSITORY_URL}/blob/main/README.md#what-it-checks`;
    case "unused-suppression":
      return `${REPOSITORY_URL}/blob/main/README.md#suppressing-a-finding`;
    case "internal-error":
      return `${REPOSITORY_URL}/issues`;
    default:
      return `${REPOSITORY_URL}/blob/main/rules/${ruleId}/README.md`;
  }
}

/** The config schema as published with a given package version (what `stacklint --init` writes into "$schema"). */
export function configSchemaUrl(version: string): string {
  return `https://unpkg.com/stacklint@${version}/${CONFIG_SCHEMA_FILE}`;
}
