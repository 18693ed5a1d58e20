import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FORMATS } from "../src/cli/args.js";
import { indexedRedactor } from "../src/engine/redact-index.js";
import { isSecretName, isWeakSecret, makeRedactor, type SecretValue } from "../src/secrets/secrets.js";
import { runCli } from "./helpers/run-cli.js";
import { tempProject } from "./helpers/temp-project.js";

const SECRETS = ["Tr0ub4dor-and-3-horses", "9f8e7d6c5b4a39281706f5e4d3c2b1a0", "yourpassword", "hunter2hunter2", "s3cr3t-Value-1234", "django-insecure-7x!k2@p9", "Pa55-in-my-cnf", "AKIAEXAMPLEKEY123"];

const FULL_OF_SECRETS = {
  "docker-compose.yml": `services:
  db:
    image: mysql:8.0
    environment:
      MYSQL_ROOT_PASSWORD: ${SECRETS[0]}
      - broken
  web:
    build: .
    environment:
      - API_TOKEN=${SECRETS[1]}
      - CACHE_URL=redis://:${SECRETS[3]}@cache:6379/0
`,
  "Dockerfile": `FROM python:3.12\nENV AWS_SECRET_ACCESS_KEY=${SECRETS[7]}\nRUN sed -i 's/r//' x.sh\n`,
  "redis.conf": `requirepass ${SECRETS[2]}\nbind 127.0.0.1 # ${SECRETS[2]}\n`,
  "my.cnf": `[client]\npassword = ${SECRETS[6]}\n`,
  "app/settings.py": `SECRET_KEY = "${SECRETS[5]}"\nDATABASES = {"default": {"ENGINE": "django.db.backends.mysql", "HOST": "db", "PASSWORD": "${SECRETS[4]}"}}\n`,
  ".env": `MYSQL_ROOT_PASSWORD=${SECRETS[2]}\n`,
};

describe("secrets never reach any output", () => {
  // every format the CLI accepts, so a new one is covered the day it is added
  for (const format of FORMATS) {
    it(`format ${format}`, () => {
      const dir = tempProject(FULL_OF_SECRETS);
      const summary = join(dir, "step-summary.md");
      const r = runCli(dir, ["--format", format, "--color"], { GITHUB_STEP_SUMMARY: summary });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain("plaintext-secret");
      const written = existsSync(summary) ? readFileSync(summary, "utf8") : "";
      for (const secret of SECRETS) {
        expect(r.stdout, secret).not.toContain(secret);
        expect(r.stderr, secret).not.toContain(secret);
        expect(written, secret).not.toContain(secret);
      }
    });
    it(`format ${format} --output-file`, () => {
      const dir = tempProject(FULL_OF_SECRETS);
      runCli(dir, ["--format", format, "--output-file", "report.out"]);
      const out = readFileSync(join(dir, "report.out"), "utf8");
      for (const secret of SECRETS) expect(out, secret).not.toContain(secret);
    });
  }
  it("--fix-dry-run diffs do not show them either when a fix touches their file", () => {
    const dir = tempProject(FULL_OF_SECRETS);
    const r = runCli(dir, ["--fix-dry-run"]);
    for (const secret of SECRETS) expect(r.stdout, secret).not.toContain(secret);
  });

  const examples = join(import.meta.dirname, "..", "..", "shared", "examples");
  it.skipIf(!existsSync(examples))("the seed examples' secrets, in every format", () => {
    const secrets = ["123456", "yourpassword", "django-insecure-change-me"];
    for (const example of ["seed-django-stack", "seed-links-wordpress", "seed-split-frontend-backend", "seed-tornado-supervisor"]) {
      for (const format of FORMATS) {
        const out = runCli(join(examples, example), ["--format", format]).stdout;
        for (const s of secrets) expect(out, `${example} ${format} ${s}`).not.toContain(s);
      }
    }
  });
});

describe("secret detection", () => {
  it("names", () => {
    for (const n of ["MYSQL_ROOT_PASSWORD", "DB_PASS", "API_TOKEN", "SECRET_KEY", "AWS_SECRET_ACCESS_KEY", "requirepass_x_PASSWORD"]) expect(isSecretName(n), n).toBe(true);
    for (const n of ["MYSQL_ALLOW_EMPTY_PASSWORD", "MYSQL_ROOT_PASSWORD_FILE", "PASSWORD_RESET_TIMEOUT", "AUTH_PASSWORD_VALIDATORS", "OIDC_OP_TOKEN_ENDPOINT", "MYSQL_USER"]) expect(isSecretName(n), n).toBe(false);
  });
  it("weak values", () => {
    for (const v of ["123456", "password", "yourpassword", "foobared", "changeme", "django-insecure-abc", "root"]) expect(isWeakSecret(v), v).toBe(true);
    expect(isWeakSecret("Kq3v8-ZxR2m-Tt91w-Lp0sb")).toBe(false);
  });
  it("redaction replaces longest values first", () => {
    const redact = makeRedactor([
      { name: "A", value: "abc", loc: undefined as never, where: "compose" },
      { name: "B", value: "abcdef", loc: undefined as never, where: "compose" },
    ]);
    expect(redact("x abcdef y abc")).toBe("x *** y ***");
  });
  it("the engine's indexed redactor gives exactly makeRedactor's answer", () => {
    const alphabet = fc.constantFrom("a", "b", "c", "*", "x", "-", " ");
    const word = fc.string({ unit: alphabet, minLength: 0, maxLength: 8 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), fc.array(word, { maxLength: 8 }), (values, parts) => {
        const secrets: SecretValue[] = values.map((value, i) => ({ name: `S${i}`, value, loc: undefined as never, where: "compose" }));
        const text = parts.join(values[0] ?? "") + (values[1] ?? "");
        expect(indexedRedactor(secrets)(text)).toBe(makeRedactor(secrets)(text));
      }),
      { numRuns: 2000, seed: 42 },
    );
  });
});
