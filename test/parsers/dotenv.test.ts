import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { mulberry32, mutateText } from "../helpers/random-text.js";
import { describe, expect, it } from "vitest";
import type { EnvEntry, EnvFile } from "../../src/parsers/dotenv/ast.js";
import { DOTENV_MESSAGES, parseDotenv } from "../../src/parsers/dotenv/parse.js";
import { readSource } from "../../src/source/read-source.js";
import { createSourceFile, positionAt, type Range, type SourceFile } from "../../src/source/source-file.js";

const EXAMPLES = "/work/shared/examples";
const CORPUS = "/work/shared/corpus";

function load(path: string): SourceFile {
  const r = readSource(path);
  if (!r.ok) throw new Error(`cannot read ${path}: ${r.reason}`);
  return r.file;
}

function parse(text: string): { file: SourceFile; env: EnvFile } {
  const file = createSourceFile("/virtual/.env", text);
  return { file, env: parseDotenv(file) };
}

function at(file: SourceFile, offset: number): string {
  const p = positionAt(file, offset);
  return `${p.line}:${p.column}`;
}

function entry(env: EnvFile, key: string): EnvEntry {
  const e = env.entries.find((x) => x.key === key);
  if (!e) throw new Error(`no entry ${key}`);
  return e;
}

function slice(file: SourceFile, r: Range): string {
  return file.text.slice(r.start, r.end);
}

function pairs(env: EnvFile): [string, string][] {
  return env.entries.map((e) => [e.key, e.value]);
}

function checkInvariants(file: SourceFile, env: EnvFile): void {
  const len = file.text.length;
  const inBounds = (r: Range, what: string): void => {
    if (!(Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.start <= r.end && r.end <= len)) {
      throw new Error(`${what} out of bounds: ${JSON.stringify(r)} (len ${len})`);
    }
  };
  const within = (inner: Range, outer: Range, what: string): void => {
    inBounds(inner, what);
    if (inner.start < outer.start || inner.end > outer.end) throw new Error(`${what} not within its entry`);
  };
  let last = 0;
  for (const [i, e] of env.entries.entries()) {
    inBounds(e, `entry[${i}]`);
    if (e.start < last) throw new Error(`entry[${i}] out of order`);
    within(e.keyRange, e, `entry[${i}] key`);
    within(e.valueRange, e, `entry[${i}] value`);
    if (e.keyRange.end > e.valueRange.start) throw new Error(`entry[${i}] key after value`);
    if (slice(file, e.keyRange) !== e.key) throw new Error(`entry[${i}] key text mismatch`);
    if (!e.hasValue && (e.value !== "" || e.valueRange.start !== e.valueRange.end)) throw new Error("value without hasValue");
    last = e.end;
  }
  let prev = 0;
  for (const c of env.comments) {
    inBounds(c, "comment");
    if (c.start < prev) throw new Error("comments out of order");
    prev = c.end;
  }
  for (const p of env.problems) inBounds(p, "problem");
}

describe("parseDotenv: examples", () => {
  it("seed-django-stack .env", () => {
    const file = load(`${EXAMPLES}/seed-django-stack/myproject/.env`);
    const env = parseDotenv(file);
    checkInvariants(file, env);
    expect(env.problems).toEqual([]);
    expect(pairs(env)).toEqual([
      ["MYSQL_ROOT_PASSWORD", "123456"],
      ["MYSQL_USER", "dbuser"],
      ["MYSQL_DATABASE", "myproject"],
      ["MYSQL_PASSWORD", "password"],
    ]);
    const pw = entry(env, "MYSQL_PASSWORD");
    expect(at(file, pw.start)).toBe("4:1");
    expect(at(file, pw.valueRange.start)).toBe("4:16");
    expect(slice(file, pw)).toBe("MYSQL_PASSWORD=password");
    expect(env.entries.every((e) => e.hasValue && e.quote === null && !e.exported)).toBe(true);
  });
});

describe("parseDotenv: compose-go rules", () => {
  it("comments, blank lines, export, whitespace around key and value", () => {
    const text = "# top\n\n  export FOO=bar\n  SPACED  =  value  \n\t# indented comment\nEMPTY=\n";
    const { file, env } = parse(text);
    checkInvariants(file, env);
    expect(env.problems).toEqual([]);
    expect(pairs(env)).toEqual([
      ["FOO", "bar"],
      ["SPACED", "value"],
      ["EMPTY", ""],
    ]);
    const foo = entry(env, "FOO");
    expect(foo.exported).toBe(true);
    expect(at(file, foo.start)).toBe("3:3");
    expect(at(file, foo.keyRange.start)).toBe("3:10");
    expect(slice(file, entry(env, "SPACED").valueRange)).toBe("value");
    const empty = entry(env, "EMPTY");
    expect(empty.hasValue).toBe(true);
    expect(empty.valueRange.start).toBe(empty.valueRange.end);
    expect(env.comments.map((c) => slice(file, c))).toEqual(["# top", "# indented comment"]);
  });

  it("unquoted values: the inline comment starts at ` #` only", () => {
    const { file, env } = parse("A=bar # comment\nB=bar#baz\nC=bar\t#tab\nD= #x\nE=a  b  \n");
    checkInvariants(file, env);
    expect(pairs(env)).toEqual([
      ["A", "bar"],
      ["B", "bar#baz"],
      ["C", "bar\t#tab"],
      ["D", "#x"],
      ["E", "a  b"],
    ]);
    expect(env.comments.map((c) => slice(file, c))).toEqual(["# comment"]);
    expect(slice(file, entry(env, "A"))).toBe("A=bar # comment");
  });

  it("single quotes are literal and may span lines", () => {
    const { file, env } = parse("A='a\\nb $X ${Y}'\nB='line1\nline2' # after\nC='it\\'s'\nNEXT=1\n");
    checkInvariants(file, env);
    expect(pairs(env)).toEqual([
      ["A", "a\\nb $X ${Y}"],
      ["B", "line1\nline2"],
      ["C", "it's"],
      ["NEXT", "1"],
    ]);
    const b = entry(env, "B");
    expect(b.quote).toBe("'");
    expect(slice(file, b.valueRange)).toBe("'line1\nline2'");
    expect(at(file, b.end)).toBe("3:7");
    expect(env.comments.map((c) => slice(file, c))).toEqual(["# after"]);
  });

  it("double quotes resolve escapes, keep ${VAR}, may span lines", () => {
    const { file, env } = parse('A="a\\nb \\"q\\" ${X} \\\\ \\t"\nB="x\ny"\nC="\\$HOME \\0101 \\x41 \\012"\nD="it\\\'s"\n');
    checkInvariants(file, env);
    expect(pairs(env)).toEqual([
      ["A", 'a\nb "q" ${X} \\ \t'],
      ["B", "x\ny"],
      ["C", "$$HOME A \\x41 \\012"],
      ["D", "it\\'s"],
    ]);
    expect(entry(env, "A").quote).toBe('"');
  });

  it("`KEY` alone takes the value from the environment", () => {
    const { file, env } = parse("FROM_SHELL\nexport ALSO\nLAST");
    checkInvariants(file, env);
    expect(env.entries.map((e) => [e.key, e.hasValue, e.exported])).toEqual([
      ["FROM_SHELL", false, false],
      ["ALSO", false, true],
      ["LAST", false, false],
    ]);
    expect(env.problems).toEqual([]);
  });

  it("`KEY: value` is accepted like compose-go does", () => {
    const { env } = parse("KEY: value\nURL=http://x:1\n");
    expect(pairs(env)).toEqual([
      ["KEY", "value"],
      ["URL", "http://x:1"],
    ]);
    expect(env.problems).toEqual([]);
  });

  it("keys: letters (any script), digits, _ . - [ ]", () => {
    const { env } = parse("名字=张三 # 注释\na.b-c[0]=1\n");
    expect(pairs(env)).toEqual([
      ["名字", "张三"],
      ["a.b-c[0]", "1"],
    ]);
    expect(env.problems).toEqual([]);
  });

  it("invalid keys are problems at the key; the next lines still parse", () => {
    const text = "MY KEY=x\nK$Y=1\n1KEY=2\nKEY # note\nOK=1\n";
    const { file, env } = parse(text);
    checkInvariants(file, env);
    expect(env.problems.map((p) => [at(file, p.start), slice(file, p), p.message])).toEqual([
      ["1:1", "MY KEY", DOTENV_MESSAGES.keySpace],
      ["2:1", "K$Y", DOTENV_MESSAGES.unexpectedCharacter("$")],
      ["3:1", "1KEY", DOTENV_MESSAGES.digitStart],
      ["4:1", "KEY # note", DOTENV_MESSAGES.unexpectedCharacter("#")],
    ]);
    expect(pairs(env)).toEqual([
      ["MY KEY", "x"],
      ["K$Y", "1"],
      ["1KEY", "2"],
      ["OK", "1"],
    ]);
  });

  it("an unterminated quote is a problem; parsing resumes on the next line", () => {
    const { file, env } = parse('A="abc\nB=2\nC=\'x\n');
    checkInvariants(file, env);
    expect(env.problems.map((p) => [at(file, p.start), p.message])).toEqual([
      ["1:3", DOTENV_MESSAGES.unterminated],
      ["3:3", DOTENV_MESSAGES.unterminated],
    ]);
    expect(pairs(env)).toEqual([["B", "2"]]);
  });

  it("text after a closing quote starts a new statement, as in compose-go", () => {
    const { env } = parse('A="x"B=1\n');
    expect(pairs(env)).toEqual([
      ["A", "x"],
      ["B", "1"],
    ]);
  });

  it("CRLF", () => {
    const { file, env } = parse('A=1\r\nB="x"\r\n# c\r\nC\r\nD=two words # c\r\n');
    checkInvariants(file, env);
    expect(env.entries.map((e) => [e.key, e.value, e.hasValue])).toEqual([
      ["A", "1", true],
      ["B", "x", true],
      ["C", "", false],
      ["D", "two words", true],
    ]);
    expect(slice(file, entry(env, "A"))).toBe("A=1");
    expect(at(file, entry(env, "D").start)).toBe("5:1");
    expect(env.comments.map((c) => slice(file, c))).toEqual(["# c", "# c"]);
  });
});

// ---------------------------------------------------------------------------


const PIECES = [
  '"', "'", "\\", "=", ":", "#", " #", " ", "\t", "\n", "\r\n", "\r", "\0", "export ", "export", "KEY", "1", "$", "${X}",
  "中文", "😀", "\ud800", "\udc00", "\u3000", "\v", "\u00a0", "\u0085", "\\0101", "\\n", "[", "]",
];

function randomInput(rand: () => number): string {
  return mutateText(rand, rand() < 0.5 ? "A=1 # c\nexport B='x'\nC=\"y\\n\"\nD\n" : "", PIECES);
}

describe("parseDotenv: robustness", () => {
  it("never throws and keeps ranges in bounds and ordered on thousands of random inputs", () => {
    const rand = mulberry32(0x5eed);
    for (let i = 0; i < 4000; i++) {
      const text = randomInput(rand);
      const file = createSourceFile("/fuzz.env", text);
      try {
        checkInvariants(file, parseDotenv(file));
      } catch (err) {
        throw new Error(`failed on ${JSON.stringify(text)}: ${String(err)}`);
      }
    }
  });

  it("handles huge inputs in linear time", () => {
    const n = 200_000;
    for (const text of [
      "A=" + "x #".repeat(n),
      'A="' + "\\".repeat(n),
      "A='" + "x\n".repeat(n),
      '"\n'.repeat(n),
      "K".repeat(n),
      "A B ".repeat(n),
      "#\n".repeat(n),
      'A="' + "\\0".repeat(n) + '"',
    ]) {
      const file = createSourceFile("/huge.env", text);
      checkInvariants(file, parseDotenv(file));
    }
  });
});

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) walk(full, out);
    else if (st.isFile()) out.push(full);
  }
}

describe.skipIf(!existsSync(CORPUS))("parseDotenv: corpus", () => {
  it("parses every .env* file without throwing", () => {
    const files: string[] = [];
    walk(CORPUS, files);
    let count = 0;
    for (const path of files) {
      const base = path.slice(path.lastIndexOf("/") + 1);
      if (!base.startsWith(".env")) continue;
      const file = load(path);
      checkInvariants(file, parseDotenv(file));
      count++;
    }
    expect(count).toBeGreaterThan(5);
  });

  it.skipIf(!existsSync(`${CORPUS}/36-taigaio__taiga-docker/.env`))("taiga .env: comments after values", () => {
    const file = load(`${CORPUS}/36-taigaio__taiga-docker/.env`);
    const env = parseDotenv(file);
    expect(entry(env, "TAIGA_SCHEME").value).toBe("http");
    expect(entry(env, "SUBPATH").value).toBe("");
    expect(entry(env, "SUBPATH").quote).toBe('"');
    expect(entry(env, "SECRET_KEY").value).toBe("taiga-secret-key");
  });
});
