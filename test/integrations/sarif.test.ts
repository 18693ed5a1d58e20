import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../rules/index.js";
import { BUILTIN_IDS } from "../../src/engine/lint.js";
import type { LintResult } from "../../src/engine/diagnostic.js";
import { BUILTIN_RULES } from "../../src/formatters/builtin-rules.js";
import { REPOSITORY_URL } from "../../src/formatters/links.js";
import { buildSarif, FINGERPRINT_KEY, type SarifLog } from "../../src/formatters/sarif.js";
import { runCli } from "../helpers/run-cli.js";
import { tempProject } from "../helpers/temp-project.js";
import { validateSarif } from "./schemas.js";

const CROSS_FILE = {
  "docker-compose.yml": "services:\n  redis:\n    image: redis:7.2\n    command: redis-server /etc/redis.conf\n    volumes:\n      - ./redis.conf:/etc/redis.conf\n  web:\n    image: example/web:1.0\n    links: [redis]\n    environment:\n      REDIS_URL: redis://redis:6379/0\n",
  "redis.conf": "bind 127.0.0.1\n",
};
const FIXABLE = { "my app/Dockerfile": "FROM python:3.9\nRUN sed -i 's/r//' /start.sh\n" };
const BROKEN = { "docker-compose.yml": "services:\n  web:\n    image: [unclosed\n" };

interface JsonOut {
  diagnostics: { ruleId: string; severity: string; message: string; file: string; line: number; column: number; endLine: number; endColumn: number; related?: { file: string; line: number; column: number; endLine: number; endColumn: number; message: string }[] }[];
}

function sarifOf(files: Record<string, string>, args: string[] = []): { log: SarifLog; json: JsonOut; dir: string } {
  const dir = tempProject(files);
  const out = runCli(dir, ["--format", "sarif", ...args]);
  expect(out.stderr).toBe("");
  return { log: JSON.parse(out.stdout) as SarifLog, json: JSON.parse(runCli(dir, ["--format", "json", ...args]).stdout) as JsonOut, dir };
}

const LEVEL = { error: "error", warning: "warning", info: "note" } as const;

describe("sarif", () => {
  it("is valid against the SARIF 2.1.0 schema (cross-file, fixes, parse errors, no findings)", () => {
    for (const files of [CROSS_FILE, FIXABLE, BROKEN, { "docker-compose.yml": "services:\n  web:\n    image: example/web:1.0\n" }]) {
      const { log } = sarifOf(files);
      expect(validateSarif(log), JSON.stringify(files)).toEqual([]);
    }
    // The validator does reject what the schema forbids.
    const { log } = sarifOf(CROSS_FILE);
    const broken = JSON.parse(JSON.stringify(log)) as { runs: { results: { level: string }[]; columnKind: string }[] };
    broken.runs[0]!.results[0]!.level = "fatal";
    broken.runs[0]!.columnKind = "bytes";
    expect(validateSarif(broken).length).toBeGreaterThanOrEqual(2);
  });

  it("is valid on the bundled example project", () => {
    const out = runCli(join(import.meta.dirname, "..", ".."), ["--format", "sarif", "examples/django-stack"]);
    const log = JSON.parse(out.stdout) as SarifLog;
    expect(log.runs[0]!.results.length).toBeGreaterThan(0);
    expect(validateSarif(log)).toEqual([]);
  });

  it("describes every rule: id, descriptions, helpUri to its README, default level", () => {
    const { log } = sarifOf(CROSS_FILE);
    const driver = log.runs[0]!.tool.driver;
    expect(driver).toMatchObject({ name: "stacklint", informationUri: REPOSITORY_URL });
    expect(driver.rules.map((r) => r.id)).toEqual([...RULES.map((r) => r.meta.id), ...BUILTIN_IDS]);
    for (const rule of RULES) {
      const d = driver.rules.find((r) => r.id === rule.meta.id)!;
      expect(d.helpUri).toBe(`${REPOSITORY_URL}/blob/main/rules/${rule.meta.id}/README.md`);
      expect(d.shortDescription.text.length).toBeGreaterThan(10);
      expect(d.fullDescription.text).toContain(d.shortDescription.text);
      expect(d.defaultConfiguration.level).toBe(LEVEL[rule.meta.severity]);
    }
  });

  it("the built-in diagnostics described for SARIF are the engine's", () => {
    expect(BUILTIN_RULES.map((b) => b.id)).toEqual([...BUILTIN_IDS]);
  });

  it("results: rule by id and index, level, relative forward-slash URIs from %SRCROOT%, real UTF-16 columns", () => {
    const { log, json, dir } = sarifOf(CROSS_FILE);
    const run = log.runs[0]!;
    expect(run.columnKind).toBe("utf16CodeUnits");
    expect(run.originalUriBaseIds?.["%SRCROOT%"]?.uri).toBe(`file://${dir}/`);
    expect(run.results).toHaveLength(json.diagnostics.length);
    run.results.forEach((r, i) => {
      const d = json.diagnostics[i]!;
      expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
      expect(r.ruleId).toBe(d.ruleId);
      expect(r.level).toBe(LEVEL[d.severity as keyof typeof LEVEL]);
      expect(r.locations[0]!.physicalLocation).toEqual({
        artifactLocation: { uri: d.file, uriBaseId: "%SRCROOT%" },
        region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
      });
    });
  });

  it("relatedLocations hold the other end of a cross-file finding, linked from the message", () => {
    const { log, json } = sarifOf(CROSS_FILE);
    const result = log.runs[0]!.results.find((r) => r.ruleId === "listener-loopback-only")!;
    const d = json.diagnostics.find((x) => x.ruleId === "listener-loopback-only")!;
    expect(result.relatedLocations).toEqual(
      d.related!.map((r, i) => ({
        id: i + 1,
        physicalLocation: { artifactLocation: { uri: r.file, uriBaseId: "%SRCROOT%" }, region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn } },
        message: { text: r.message },
      })),
    );
    expect(result.message.text).toBe(`${d.message} (see [docker-compose.yml:11:18](1))`);
  });

  it("URIs are percent-encoded per path segment", () => {
    const { log } = sarifOf(FIXABLE);
    const result = log.runs[0]!.results.find((r) => r.ruleId === "crlf-fix-wrong")!;
    expect(result.locations[0]!.physicalLocation.artifactLocation.uri).toBe("my%20app/Dockerfile");
  });

  it("fixes carry the edits as replacements with line/column regions", () => {
    const { log } = sarifOf(FIXABLE);
    const result = log.runs[0]!.results.find((r) => r.ruleId === "crlf-fix-wrong")!;
    expect(result.fixes).toHaveLength(1);
    const change = result.fixes![0]!.artifactChanges[0]!;
    expect(change.artifactLocation.uri).toBe("my%20app/Dockerfile");
    const text = FIXABLE["my app/Dockerfile"];
    const rep = change.replacements[0]!;
    // Apply the replacement by line/column to the original text: the same change --fix makes.
    const lines = text.split("\n");
    const r = rep.deletedRegion;
    const start = lines.slice(0, r.startLine! - 1).join("\n").length + (r.startLine! > 1 ? 1 : 0) + r.startColumn! - 1;
    const end = lines.slice(0, r.endLine! - 1).join("\n").length + (r.endLine! > 1 ? 1 : 0) + r.endColumn! - 1;
    expect(text.slice(0, start) + rep.insertedContent.text + text.slice(end)).toBe("FROM python:3.9\nRUN sed -i 's/\\r$//' /start.sh\n");
  });

  it("levels: error, warning, note", () => {
    const { log } = sarifOf({ ...CROSS_FILE, "nginx.conf": "server {\n  # stacklint-disable-next-line links-legacy -- nothing here\n  listen 80;\n}\n" });
    expect(new Set(log.runs[0]!.results.map((r) => r.level))).toEqual(new Set(["error", "warning", "note"]));
  });

  it("partialFingerprints survive lines moving, differ between findings, never hash a secret", () => {
    const before = sarifOf(CROSS_FILE).log.runs[0]!.results;
    const moved = sarifOf({ ...CROSS_FILE, "docker-compose.yml": `# a comment\n\n${CROSS_FILE["docker-compose.yml"]}`, "redis.conf": `# moved\n${CROSS_FILE["redis.conf"]}` }).log.runs[0]!.results;
    const fp = (rs: typeof before) => rs.map((r) => `${r.ruleId} ${r.partialFingerprints[FINGERPRINT_KEY]}`).sort();
    expect(fp(moved)).toEqual(fp(before));
    expect(new Set(before.map((r) => r.partialFingerprints[FINGERPRINT_KEY])).size).toBe(before.length);
    expect(moved[0]!.locations[0]!.physicalLocation.region!.startLine).not.toBe(before[0]!.locations[0]!.physicalLocation.region!.startLine);
    // The flagged line holds a password: the fingerprint is of the redacted line, the same for any value.
    const secret = (pw: string) => sarifOf({ "docker-compose.yml": `services:\n  db:\n    image: mysql:8.0\n    environment:\n      MYSQL_ROOT_PASSWORD: ${pw}\n` });
    const a = secret("hunter2hunter2");
    const b = secret("correct-horse-battery");
    const pick = (s: ReturnType<typeof secret>) => s.log.runs[0]!.results.filter((r) => r.ruleId === "plaintext-secret").map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(pick(a).length).toBeGreaterThan(0);
    expect(pick(a)).toEqual(pick(b));
    expect(JSON.stringify(a.log)).not.toContain("hunter2hunter2");
  });

  it("identical findings on identical lines get distinct fingerprints (occurrence counter)", () => {
    const result: LintResult = {
      version: "0.0.0",
      summary: { files: 1, errors: 0, warnings: 2, infos: 0, fixable: 0 },
      diagnostics: [1, 2].map((line) => ({ ruleId: "links-legacy", severity: "warning" as const, message: "m", file: "a.yml", line, column: 1, endLine: line, endColumn: 2, related: [], fix: undefined })),
    };
    const log = buildSarif(result, { rules: RULES.map((r) => r.meta), source: { lineText: () => "links: [x]", positionAt: () => undefined } });
    expect(log.runs[0]!.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]!.split(":")[1])).toEqual(["1", "2"]);
    expect(validateSarif(log)).toEqual([]);
  });

  it("brackets in messages are escaped so they never read as links", () => {
    const result: LintResult = {
      version: "0.0.0",
      summary: { files: 1, errors: 1, warnings: 0, infos: 0, fixable: 0 },
      diagnostics: [{ ruleId: "parse-error", severity: "error", message: "listen [::]:80 \\[x]", file: "a b/[x].conf", line: 1, column: 1, endLine: 1, endColumn: 2, related: [], fix: undefined }],
    };
    const log = buildSarif(result, { rules: [] });
    expect(log.runs[0]!.results[0]!.message.text).toBe("listen \\[::\\]:80 \\\\\\[x\\]");
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe("a%20b/%5Bx%5D.conf");
    expect(log.runs[0]!.tool.driver.rules.map((r) => r.id)).toEqual([...BUILTIN_IDS]);
    expect(validateSarif(log)).toEqual([]);
  });

  it("--output-file writes the same SARIF", () => {
    const dir = tempProject(CROSS_FILE);
    runCli(dir, ["--format", "sarif", "--output-file", "out.sarif"]);
    expect(validateSarif(JSON.parse(readFileSync(join(dir, "out.sarif"), "utf8")))).toEqual([]);
  });
});
