/**
 * Every parser on damaged real files: the answer is an AST plus problems (data), never an
 * exception, and every range points into the text. Inputs are bounded (see seeds.ts), so a
 * hang would show as the test timing out; there are no timing assertions.
 */
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../src/parsers/compose/parse.js";
import { parsePythonSettings } from "../../src/parsers/django/parse.js";
import { parseDockerfile } from "../../src/parsers/dockerfile/parse.js";
import { parseDotenv } from "../../src/parsers/dotenv/parse.js";
import { parseIni } from "../../src/parsers/ini/parse.js";
import { parseAs, type FileKind } from "../../src/parsers/index.js";
import { parseNginx } from "../../src/parsers/nginx/parse.js";
import { parseRedisConf } from "../../src/parsers/redis/parse.js";
import { parseShell } from "../../src/parsers/shell/parse.js";
import { parseSql } from "../../src/parsers/sql/parse.js";
import { sourceFromBytes } from "../../src/source/read-source.js";
import { createSourceFile, type SourceFile } from "../../src/source/source-file.js";
import { fc, garbage, mutated, outOfBounds, params, seedsOf, timeLimit } from "./seeds.js";

interface Parsed {
  problems: readonly { start: number; end: number; message: string }[];
}

const PARSERS: [string, FileKind, (file: SourceFile) => Parsed][] = [
  ["nginx", "nginx", parseNginx],
  ["dockerfile", "dockerfile", parseDockerfile],
  ["shell", "shell", parseShell],
  ["ini (uwsgi)", "uwsgi", (f) => parseIni(f, "uwsgi")],
  ["ini (supervisor)", "supervisor", (f) => parseIni(f, "supervisor")],
  ["ini (mysql)", "mysql", (f) => parseIni(f, "mysql")],
  ["redis", "redis", parseRedisConf],
  ["dotenv", "dotenv", parseDotenv],
  ["django", "django", parsePythonSettings],
  ["compose", "compose", parseCompose],
  ["sql", "sql", parseSql],
];

/** Parse and check the contract; returns a message on violation (fast-check shrinks on it). */
function check(parse: (file: SourceFile) => Parsed, file: SourceFile): void {
  const ast = parse(file);
  for (const p of ast.problems) {
    expect(typeof p.message).toBe("string");
    expect(p.start).toBeGreaterThanOrEqual(0);
    expect(p.end).toBeGreaterThanOrEqual(p.start);
    expect(p.end).toBeLessThanOrEqual(file.text.length);
  }
  const bad = outOfBounds({ ...ast, doc: undefined }, file.text.length);
  expect(bad).toBeUndefined();
}

describe.each(PARSERS)("fuzz: %s parser", (_name, kind, parse) => {
  it("mutated real files: data, never an exception; ranges within the text", () => {
    fc.assert(
      fc.property(mutated(seedsOf(kind)), ({ bytes }) => {
        const read = sourceFromBytes("/fuzz/input", bytes);
        if (!read.ok) return; // binary (NUL bytes): skipped with a diagnostic by the reader
        check(parse, read.file);
      }),
      params(50),
    );
  }, timeLimit(120_000));
  it("random bytes and random text", () => {
    fc.assert(
      fc.property(fc.oneof(garbage.map((b) => b.toString("latin1")), fc.string({ maxLength: 2000, unit: "binary" })), (text) => {
        check(parse, createSourceFile("/fuzz/input", text));
      }),
      params(60),
    );
  }, timeLimit(60_000));
});

describe("fuzz: parseAs dispatch", () => {
  it("any kind on any seed (files are sometimes read as the wrong kind)", () => {
    const kinds: FileKind[] = ["compose", "dockerfile", "nginx", "uwsgi", "supervisor", "redis", "mysql", "dotenv", "shell", "django", "sql"];
    fc.assert(
      fc.property(fc.constantFrom(...kinds), mutated(seedsOf("nginx").concat(seedsOf("compose"), seedsOf("shell"))), (kind, { bytes }) => {
        const read = sourceFromBytes("/fuzz/input", bytes);
        if (!read.ok) return;
        const ast = parseAs(kind, read.file) as Parsed;
        for (const p of ast.problems) expect(p.end).toBeLessThanOrEqual(read.file.text.length);
      }),
      params(80),
    );
  }, timeLimit(60_000));
});

describe("fuzz: decoding", () => {
  it("any bytes decode without throwing, offsets of notes within the text", () => {
    fc.assert(
      fc.property(fc.oneof(garbage, mutated(seedsOf("nginx")).map((m) => m.bytes)), (bytes) => {
        const read = sourceFromBytes("/fuzz/input", bytes);
        if (!read.ok) return;
        for (const n of read.notes) expect(n.offset).toBeLessThanOrEqual(bytes.length);
        expect(read.file.lineStarts[0]).toBe(0);
      }),
      params(100),
    );
  }, timeLimit(60_000));
});
