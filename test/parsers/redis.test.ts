import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { mulberry32, mutateText } from "../helpers/random-text.js";
import { describe, expect, it } from "vitest";
import type { RedisConfig, RedisDirective } from "../../src/parsers/redis/ast.js";
import { parseRedisConf, REDIS_MESSAGES } from "../../src/parsers/redis/parse.js";
import { readSource } from "../../src/source/read-source.js";
import { createSourceFile, positionAt, type Range, type SourceFile } from "../../src/source/source-file.js";

const EXAMPLES = "/work/shared/examples";
const CORPUS = "/work/shared/corpus";

function load(path: string): SourceFile {
  const r = readSource(path);
  if (!r.ok) throw new Error(`cannot read ${path}: ${r.reason}`);
  return r.file;
}

function parse(text: string): { file: SourceFile; conf: RedisConfig } {
  const file = createSourceFile("/virtual/redis.conf", text);
  return { file, conf: parseRedisConf(file) };
}

function at(file: SourceFile, offset: number): string {
  const p = positionAt(file, offset);
  return `${p.line}:${p.column}`;
}

function directive(conf: RedisConfig, name: string, nth = 0): RedisDirective {
  const d = conf.directives.filter((x) => x.name === name)[nth];
  if (!d) throw new Error(`no directive ${name}`);
  return d;
}

function values(d: RedisDirective): string[] {
  return d.args.map((a) => a.value);
}

function checkInvariants(file: SourceFile, conf: RedisConfig): void {
  const len = file.text.length;
  const inBounds = (r: Range, what: string): void => {
    if (!(Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.start <= r.end && r.end <= len)) {
      throw new Error(`${what} out of bounds: ${JSON.stringify(r)} (len ${len})`);
    }
  };
  let last = 0;
  for (const [i, d] of conf.directives.entries()) {
    inBounds(d, `directive[${i}]`);
    if (d.start < last) throw new Error(`directive[${i}] out of order`);
    inBounds(d.nameRange, "name");
    if (d.nameRange.start !== d.start || d.nameRange.end > d.end) throw new Error(`directive[${i}] name not at its start`);
    let prev = d.nameRange.end;
    for (const a of d.args) {
      inBounds(a, "arg");
      if (a.start < prev || a.end > d.end) throw new Error(`directive[${i}] args out of order`);
      if (file.text.slice(a.start, a.end) !== a.raw) throw new Error("raw mismatch");
      prev = a.end;
    }
    last = d.end;
  }
  let prevComment = 0;
  for (const c of conf.comments) {
    inBounds(c, "comment");
    if (c.start < prevComment) throw new Error("comments out of order");
    prevComment = c.end;
  }
  for (const p of conf.problems) inBounds(p, "problem");
}

describe("parseRedisConf: examples", () => {
  it("seed-django-stack redis.conf", () => {
    const file = load(`${EXAMPLES}/seed-django-stack/compose/redis/redis.conf`);
    const conf = parseRedisConf(file);
    checkInvariants(file, conf);
    expect(conf.problems).toEqual([]);
    expect(conf.directives.map((d) => d.name)).toEqual(["bind", "requirepass"]);
    const bind = directive(conf, "bind");
    expect(at(file, bind.start)).toBe("5:1");
    expect(values(bind)).toEqual(["127.0.0.1"]);
    expect(at(file, bind.args[0]?.start ?? -1)).toBe("5:6");
    const pass = directive(conf, "requirepass");
    expect(at(file, pass.start)).toBe("8:1");
    expect(values(pass)).toEqual(["yourpassword"]);
    expect(file.text.slice(pass.start, pass.end)).toBe("requirepass yourpassword");
    expect(conf.comments.map((c) => positionAt(file, c.start).line)).toEqual([1, 2, 4, 7]);
  });

  it("seed-links-wordpress redis configs parse cleanly", () => {
    for (const dir of ["redis-master", "redis-slave"]) {
      const base = `${EXAMPLES}/seed-links-wordpress/${dir}`;
      if (!existsSync(base)) continue;
      for (const name of readdirSync(base)) {
        if (!name.endsWith(".conf")) continue;
        const file = load(join(base, name));
        const conf = parseRedisConf(file);
        checkInvariants(file, conf);
        expect(conf.problems).toEqual([]);
      }
    }
  });
});

describe("parseRedisConf: sdssplitargs", () => {
  it("`#` in the middle of a line is an argument, not a comment", () => {
    const { file, conf } = parse("maxmemory 256mb # limit\nbind 0.0.0.0 # x\n");
    checkInvariants(file, conf);
    expect(values(directive(conf, "maxmemory"))).toEqual(["256mb", "#", "limit"]);
    expect(values(directive(conf, "bind"))).toEqual(["0.0.0.0", "#", "x"]);
    expect(at(file, directive(conf, "maxmemory").args[1]?.start ?? -1)).toBe("1:17");
    expect(conf.comments).toEqual([]);
  });

  it("comments only when `#` is the first non-blank character", () => {
    const { file, conf } = parse("  # indented comment\n\t#tab\n#bind 127.0.0.1\nport 6379\n");
    checkInvariants(file, conf);
    expect(conf.comments.map((c) => file.text.slice(c.start, c.end))).toEqual(["# indented comment", "#tab", "#bind 127.0.0.1"]);
    expect(conf.directives.map((d) => d.name)).toEqual(["port"]);
  });

  it("directive names are lower-cased, nameRange points at the original", () => {
    const { file, conf } = parse("   BIND 127.0.0.1   \nRequirePass Secret\n");
    const bind = directive(conf, "bind");
    expect(file.text.slice(bind.nameRange.start, bind.nameRange.end)).toBe("BIND");
    expect(at(file, bind.start)).toBe("1:4");
    expect(file.text.slice(bind.start, bind.end)).toBe("BIND 127.0.0.1");
    expect(values(directive(conf, "requirepass"))).toEqual(["Secret"]);
  });

  it("double quotes: escapes \\n \\r \\t \\b \\a \\\\ \\\" \\xHH, other escapes drop the backslash", () => {
    const { file, conf } = parse('requirepass "pa ss\\x41\\n\\t\\\\\\"\\q\\xZZ"\n');
    checkInvariants(file, conf);
    const arg = directive(conf, "requirepass").args[0];
    expect(arg?.value).toBe('pa ssA\n\t\\"qxZZ');
    expect(arg?.quoted).toBe(true);
    expect(arg?.raw).toBe('"pa ss\\x41\\n\\t\\\\\\"\\q\\xZZ"');
    const { conf: c2 } = parse('x "\\b\\a\\r"\n');
    expect(values(directive(c2, "x"))).toEqual(["\b\x07\r"]);
  });

  it("single quotes: only \\' is an escape", () => {
    const { conf } = parse("rename-command 'CONFIG' ''\nx 'it\\'s \\n'\n");
    expect(values(directive(conf, "rename-command"))).toEqual(["CONFIG", ""]);
    expect(values(directive(conf, "x"))).toEqual(["it's \\n"]);
  });

  it("a quote inside a bare word starts quoting", () => {
    const { conf } = parse('save ""\nfoo bar"baz qux" end\n');
    expect(values(directive(conf, "save"))).toEqual([""]);
    expect(values(directive(conf, "foo"))).toEqual(["barbaz qux", "end"]);
    expect(directive(conf, "foo").args[0]?.quoted).toBe(true);
  });

  it("unbalanced quotes are a problem at the line; the next lines still parse", () => {
    const text = 'requirepass "abc"def\nbind "127.0.0.1\nlogfile \'x\'y\nport 6379\ndir "ok" \n';
    const { file, conf } = parse(text);
    checkInvariants(file, conf);
    expect(conf.problems.map((p) => [at(file, p.start), p.message])).toEqual([
      ["1:13", REDIS_MESSAGES.unbalancedQuotes],
      ["2:6", REDIS_MESSAGES.unbalancedQuotes],
      ["3:9", REDIS_MESSAGES.unbalancedQuotes],
    ]);
    expect(conf.directives.map((d) => d.name)).toEqual(["port", "dir"]);
    expect(values(directive(conf, "dir"))).toEqual(["ok"]);
  });

  it("only space, tab, CR and LF end a bare word; other C blanks separate words", () => {
    const { conf } = parse("a b\vc\n\v\f\nd\fe f\n");
    expect(conf.directives.map((d) => [d.name, values(d)])).toEqual([
      ["a", ["b\vc"]],
      ["d\fe", ["f"]],
    ]);
  });

  it("a NUL ends the line for the C string functions", () => {
    const { conf } = parse("a b\0c d\nport 1\n");
    expect(values(directive(conf, "a"))).toEqual(["b"]);
    expect(values(directive(conf, "port"))).toEqual(["1"]);
  });

  it("CRLF and CJK", () => {
    const { file, conf } = parse("# 注释\r\nbind 0.0.0.0\r\nrequirepass \"密码 1\"\r\nport 6379   \r\n");
    checkInvariants(file, conf);
    expect(values(directive(conf, "bind"))).toEqual(["0.0.0.0"]);
    expect(values(directive(conf, "requirepass"))).toEqual(["密码 1"]);
    expect(values(directive(conf, "port"))).toEqual(["6379"]);
    expect(at(file, directive(conf, "port").start)).toBe("4:1");
    expect(file.text.slice(directive(conf, "port").start, directive(conf, "port").end)).toBe("port 6379");
    // the full-width space is not a C blank: part of the word
    const { conf: c2 } = parse("bind\u30000.0.0.0\n");
    expect(conf.problems).toEqual([]);
    expect(c2.directives[0]?.name).toBe("bind\u30000.0.0.0");
  });
});

// ---------------------------------------------------------------------------


const PIECES = [
  '"', "'", "\\", "\\x", "\\x4", "\\x41", " ", "\t", "\n", "\r\n", "\r", "\0", "#", "a", "Z", "bind", "requirepass",
  "中文", "😀", "\ud800", "\u3000", "\v", "\f", '""', "''", "\\'", '\\"',
];

function randomInput(rand: () => number): string {
  return mutateText(rand, rand() < 0.5 ? 'bind 127.0.0.1 # x\nrequirepass "a b"\nsave \'\'\n' : "", PIECES);
}

describe("parseRedisConf: robustness", () => {
  it("never throws and keeps ranges in bounds and ordered on thousands of random inputs", () => {
    const rand = mulberry32(0xbadc0de);
    for (let i = 0; i < 4000; i++) {
      const text = randomInput(rand);
      const file = createSourceFile("/fuzz.conf", text);
      try {
        checkInvariants(file, parseRedisConf(file));
      } catch (err) {
        throw new Error(`failed on ${JSON.stringify(text)}: ${String(err)}`);
      }
    }
  });

  it("handles huge lines in linear time", () => {
    const n = 200_000;
    for (const text of [
      "x " + '"\\x41'.repeat(n),
      "x " + "a ".repeat(n),
      '"'.repeat(n),
      "#".repeat(n),
      "x '" + "\\'".repeat(n),
      "a\n".repeat(n),
    ]) {
      const file = createSourceFile("/huge.conf", text);
      checkInvariants(file, parseRedisConf(file));
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

describe.skipIf(!existsSync(CORPUS))("parseRedisConf: corpus", () => {
  it("parses every redis*.conf without throwing", () => {
    const files: string[] = [];
    walk(CORPUS, files);
    let count = 0;
    for (const path of files) {
      const base = path.slice(path.lastIndexOf("/") + 1);
      if (!/^redis.*\.conf$/.test(base)) continue;
      const file = load(path);
      checkInvariants(file, parseRedisConf(file));
      count++;
    }
    expect(count).toBeGreaterThan(5);
  });
});
