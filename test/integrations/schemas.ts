import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import AjvDraft04Module from "ajv-draft-04";
import AjvModule from "ajv";
import addFormatsModule from "ajv-formats";
import type { ValidateFunction } from "ajv";

// ajv ships CommonJS with `exports.default`; under NodeNext the default import is the module object.
interface AjvLike {
  compile(schema: object): ValidateFunction;
  addKeyword(keyword: string): unknown;
}
type AjvClass = new (options: Record<string, unknown>) => AjvLike;
const pick = <T>(m: unknown): T => ((m as { default?: T }).default ?? (m as T));
const AjvDraft04 = pick<AjvClass>(AjvDraft04Module);
const Ajv = pick<AjvClass>(AjvModule);
const addFormats = pick<(ajv: AjvLike) => void>(addFormatsModule);

const require = createRequire(import.meta.url);

/**
 * The SARIF 2.1.0 JSON schema (draft-04) as the npm package @microsoft/jest-sarif ships it
 * (sarif-2.1.0-rtm.5.json, MIT, Microsoft's SARIF SDK).
 */
export function sarifSchemaPath(): string {
  return require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
}

let sarifValidator: ValidateFunction | undefined;
export function validateSarif(log: unknown): string[] {
  if (!sarifValidator) {
    // unicodeRegExp off: the schema's "language" pattern is not valid with the u flag.
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    sarifValidator = ajv.compile(JSON.parse(readFileSync(sarifSchemaPath(), "utf8")) as object);
  }
  const validate = sarifValidator;
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}

/** A draft-07 validator for stacklint's own config schema. */
export function compileDraft07(schema: object): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  ajv.addKeyword("markdownDescription");
  return ajv.compile(schema);
}
