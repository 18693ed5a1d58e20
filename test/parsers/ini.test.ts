import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { mulberry32, mutateText } from "../helpers/random-text.js";
import { describe, expect, it } from "vitest";
import type { IniDialect, IniEntry, IniFile, IniSection } from "../../src/parsers/ini/ast.js";
import { INI_MESSAGES, parseIni } from "../../src/parsers/ini/parse.js";
import { readSource } from "../../src/source/read-source.js";
import { createSourceFile, positionAt, type Range, type SourceFile } from "../../src/source/source-file.js";

const EXAMPLES = "/work/shared/examples";
const CORPUS = "/work/shared/corpus";

function load(path: string): SourceFile {
  const r = readSource(path);
  if (!r.ok) throw new Error(`cannot read ${path}: ${r.reason}`);
  return r.file;
}

function parse(text: string, dialect: IniDialect): { file: SourceFile; ini: IniFile } {
  const file = createSourceFile(`/virtual/${dialect}.ini`, text);
  return { file, ini: parseIni(file, dialect) };
}

function at(file: SourceFile, offset: number): string {
  const p = positionAt(file, offset);
  return `${p.line}:${p.column}`;
}

function section(ini: IniFile, name: string): IniSection {
  const s = ini.sections.find((x) => x.name === name);
  if (!s) throw new Error(`no section ${name}`);
  return s;
}

function entry(ini: IniFile, sectionName: string, key: string, nth = 0): IniEntry {
  const e = section(ini, sectionName).entries.filter((x) => x.key === key)[nth];
  if (!e) throw new Error(`no entry ${key} in ${sectionName}`);
  return e;
}

function slice(file: SourceFile, r: Range): string {
  return file.text.slice(r.start, r.end);
}

/** Every range in bounds, ordered, nested where it must be. */
function checkInvariants(file: SourceFile, ini: IniFile): void {
  const len = file.text.length;
  const inBounds = (r: Range, what: string): void => {
    if (!(Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.start <= r.end && r.end <= len)) {
      throw new Error(`${what} out of bounds: ${JSON.stringify(r)} (len ${len})`);
    }
  };
  const within = (inner: Range, outer: Range, what: string): void => {
    inBounds(inner, what);
    if (inner.start < outer.start || inner.end > outer.end) {
      throw new Error(`${what} ${JSON.stringify(inner)} not within ${JSON.stringify(outer)}`);
    }
  };
  const checkEntry = (e: IniEntry, what: string): void => {
    inBounds(e, what);
    within(e.keyRange, e, `${what} key`);
    within(e.valueRange, e, `${what} value`);
    if (e.keyRange.end > e.valueRange.start) throw new Error(`${what}: key ends after value starts`);
    if (slice(file, e.keyRange) !== e.key) throw new Error(`${what}: key text mismatch`);
    if (e.hasEquals !== (e.separator !== undefined)) throw new Error(`${what}: hasEquals/separator mismatch`);
    if (e.inlineComment) {
      within(e.inlineComment.range, e, `${what} inline comment`);
      if (slice(file, e.inlineComment.range) !== e.inlineComment.text) throw new Error(`${what}: comment text mismatch`);
    }
  };
  let last = 0;
  for (const [i, e] of ini.preamble.entries()) {
    checkEntry(e, `preamble[${i}]`);
    if (e.section !== null) throw new Error("preamble entry with a section");
    if (e.start < last) throw new Error("preamble out of order");
    last = e.end;
  }
  for (const [i, s] of ini.sections.entries()) {
    inBounds(s, `section[${i}]`);
    within(s.headerRange, s, `section[${i}] header`);
    within(s.nameRange, s.headerRange, `section[${i}] name`);
    if (slice(file, s.nameRange) !== s.name) throw new Error(`section[${i}] name text mismatch`);
    if (s.start < last) throw new Error(`section[${i}] starts before the previous one ends`);
    let prev = s.headerRange.end;
    for (const [j, e] of s.entries.entries()) {
      checkEntry(e, `section[${i}].entries[${j}]`);
      within(e, s, `section[${i}].entries[${j}]`);
      if (e.start < prev) throw new Error(`section[${i}].entries[${j}] out of order`);
      if (e.section !== s.name) throw new Error("entry.section mismatch");
      prev = e.end;
    }
    last = s.end;
  }
  let prevComment = 0;
  for (const c of ini.comments) {
    inBounds(c, "comment");
    if (c.start < prevComment) throw new Error("comments out of order");
    prevComment = c.end;
  }
  for (const d of ini.directives) {
    inBounds(d, "directive");
    within(d.argRange, d, "directive arg");
  }
  for (const p of ini.problems) inBounds(p, "problem");
}

// ---------------------------------------------------------------------------

describe("parseIni uwsgi: examples", () => {
  it("seed-django-stack uwsgi.ini", () => {
    const file = load(`${EXAMPLES}/seed-django-stack/myproject/uwsgi.ini`);
    const ini = parseIni(file, "uwsgi");
    checkInvariants(file, ini);
    expect(ini.problems).toEqual([]);
    expect(ini.preamble).toEqual([]);
    expect(ini.sections.map((s) => s.name)).toEqual(["uwsgi"]);
    const d = entry(ini, "uwsgi", "daemonize");
    expect(at(file, d.keyRange.start)).toBe("21:1");
    expect(d.value).toBe("/tmp/%(project)-uwsgi.log");
    expect(at(file, d.valueRange.start)).toBe("21:11");
    const pb = entry(ini, "uwsgi", "post buffering");
    expect(at(file, pb.start)).toBe("25:1");
    expect(pb.value).toBe("8192");
    expect(at(file, pb.valueRange.start)).toBe("25:18");
    expect(entry(ini, "uwsgi", "buffer-size").value).toBe("65535");
    expect(entry(ini, "uwsgi", "chdir").value).toBe("%(base)/%(project)");
    // the CJK comment lines are comments, not entries
    expect(ini.comments.map((c) => positionAt(file, c.start).line)).toEqual([23, 27, 30, 33, 36]);
    const s = section(ini, "uwsgi");
    expect(at(file, s.headerRange.start)).toBe("1:1");
    expect(slice(file, s.headerRange)).toBe("[uwsgi]");
    expect(s.end).toBe(s.entries[s.entries.length - 1]?.end);
    expect(s.entries.every((e) => e.inlineComment === undefined)).toBe(true);
  });

  it("seed-split-frontend-backend uwsgi.ini: the inline comment stays in the value", () => {
    const file = load(`${EXAMPLES}/seed-split-frontend-backend/backend/src/uwsgi.ini`);
    const ini = parseIni(file, "uwsgi");
    checkInvariants(file, ini);
    const sock = entry(ini, "uwsgi", "socket");
    expect(at(file, sock.start)).toBe("2:1");
    expect(sock.value.startsWith("0.0.0.0:8000   # 容器内 uWSGI")).toBe(true);
    expect(sock.inlineComment?.text.startsWith("# 容器内")).toBe(true);
    expect(at(file, sock.inlineComment?.range.start ?? -1)).toBe("2:25");
    expect(sock.inlineComment?.range.end).toBe(sock.valueRange.end);
    expect(slice(file, sock.valueRange)).toBe(sock.value);
  });
});

describe("parseIni uwsgi: edge cases", () => {
  it("keeps `# x` and `; x` after a value inside the value", () => {
    const { file, ini } = parse("[uwsgi]\nsocket = /tmp/app.sock ; shared with nginx\nchdir=/app\t# note\nkey=#abc\nk2 = # only\n", "uwsgi");
    checkInvariants(file, ini);
    const sock = entry(ini, "uwsgi", "socket");
    expect(sock.value).toBe("/tmp/app.sock ; shared with nginx");
    expect(sock.inlineComment?.text).toBe("; shared with nginx");
    expect(entry(ini, "uwsgi", "chdir").value).toBe("/app\t# note");
    expect(entry(ini, "uwsgi", "chdir").inlineComment?.text).toBe("# note");
    expect(entry(ini, "uwsgi", "key").value).toBe("#abc");
    expect(entry(ini, "uwsgi", "key").inlineComment).toBeUndefined();
    expect(entry(ini, "uwsgi", "k2").value).toBe("# only");
    expect(entry(ini, "uwsgi", "k2").inlineComment?.text).toBe("# only");
    expect(ini.comments).toEqual([]);
  });

  it("comment lines, bare keys, repeated keys, case, empty values", () => {
    const text = "[uwsgi]\n  # indented comment\n\t; another\nmaster\nSocket = :8000\nsocket = :8001\nenv=\nempty =   \n";
    const { file, ini } = parse(text, "uwsgi");
    checkInvariants(file, ini);
    expect(ini.comments.map((c) => slice(file, c))).toEqual(["# indented comment", "; another"]);
    const master = entry(ini, "uwsgi", "master");
    expect(master.hasEquals).toBe(false);
    expect(master.separator).toBeUndefined();
    expect(master.value).toBe("");
    expect(master.valueRange).toEqual({ start: master.keyRange.end, end: master.keyRange.end });
    expect(section(ini, "uwsgi").entries.map((e) => `${e.key}=${e.value}`)).toEqual([
      "master=",
      "Socket=:8000",
      "socket=:8001",
      "env=",
      "empty=",
    ]);
    const env = entry(ini, "uwsgi", "env");
    expect(env.hasEquals).toBe(true);
    expect(env.valueRange.start).toBe(env.valueRange.end);
  });

  it("only `=` separates (a `:` is part of the key or value)", () => {
    const { ini } = parse("[uwsgi]\nhttp-socket: 0.0.0.0:80\nsocket=a=b\n", "uwsgi");
    expect(section(ini, "uwsgi").entries.map((e) => [e.key, e.value, e.hasEquals])).toEqual([
      ["http-socket: 0.0.0.0:80", "", false],
      ["socket", "a=b", true],
    ]);
  });

  it("options before any section are a preamble, silently ignored by uWSGI", () => {
    const { file, ini } = parse("socket = :1\n[uwsgi]\nmaster = true\n[other]\nx=1\n", "uwsgi");
    checkInvariants(file, ini);
    expect(ini.problems).toEqual([]);
    expect(ini.preamble.map((e) => e.key)).toEqual(["socket"]);
    expect(ini.sections.map((s) => s.name)).toEqual(["uwsgi", "other"]);
    expect(entry(ini, "other", "x").section).toBe("other");
  });

  it("bad headers are problems and the section is still opened", () => {
    const { file, ini } = parse("[uwsgi\nsocket=:1\n[uwsgi] # main\nmaster=1\n", "uwsgi");
    checkInvariants(file, ini);
    expect(ini.problems.map((p) => [at(file, p.start), p.message])).toEqual([
      ["1:1", INI_MESSAGES.unclosedHeader],
      ["3:8", INI_MESSAGES.uwsgiHeaderTrailing],
    ]);
    expect(ini.sections.map((s) => s.name)).toEqual(["uwsgi", "uwsgi"]);
    expect(ini.sections[0]?.entries.map((e) => e.key)).toEqual(["socket"]);
  });

  it("section range spans header to the last entry, not trailing comments", () => {
    const { file, ini } = parse("[uwsgi]\na=1\nb=2\n# trailing\n\n[x]\n", "uwsgi");
    const s = section(ini, "uwsgi");
    expect(slice(file, s)).toBe("[uwsgi]\na=1\nb=2");
    const x = section(ini, "x");
    expect(slice(file, x)).toBe("[x]");
  });

  it("CRLF", () => {
    const { file, ini } = parse("[uwsgi]\r\nsocket = :8000   \r\n# c\r\nchdir=/app\r\n", "uwsgi");
    checkInvariants(file, ini);
    expect(entry(ini, "uwsgi", "socket").value).toBe(":8000");
    expect(entry(ini, "uwsgi", "chdir").value).toBe("/app");
    expect(at(file, entry(ini, "uwsgi", "chdir").start)).toBe("4:1");
    expect(slice(file, section(ini, "uwsgi").headerRange)).toBe("[uwsgi]");
    expect(ini.comments.map((c) => slice(file, c))).toEqual(["# c"]);
  });
});

// ---------------------------------------------------------------------------

describe("parseIni mysql", () => {
  it("seed-django-stack my.cnf", () => {
    const file = load(`${EXAMPLES}/seed-django-stack/compose/mysql/conf/my.cnf`);
    const ini = parseIni(file, "mysql");
    checkInvariants(file, ini);
    expect(ini.problems).toEqual([]);
    expect(ini.preamble).toEqual([]);
    expect(ini.sections.map((s) => s.name)).toEqual(["mysqld", "client", "mysql"]);
    const sfp = entry(ini, "mysqld", "secure-file-priv");
    expect(at(file, sfp.start)).toBe("6:1");
    expect(sfp.value).toBe("NULL");
    expect(slice(file, sfp.valueRange)).toBe("NULL");
    expect(sfp.inlineComment?.text.startsWith("# mysql 8")).toBe(true);
    expect(at(file, sfp.inlineComment?.range.start ?? -1)).toBe("6:23");
    expect(entry(ini, "mysqld", "default-authentication-plugin").value).toBe("mysql_native_password");
    expect(entry(ini, "mysqld", "port").value).toBe("3306");
    const snr = entry(ini, "mysqld", "skip-name-resolve");
    expect(at(file, snr.start)).toBe("17:1");
    expect(snr.hasEquals).toBe(false);
    expect(snr.value).toBe("");
    expect(snr.inlineComment?.text.startsWith("# 这个参数")).toBe(true);
    expect(entry(ini, "mysql", "no-auto-rehash").hasEquals).toBe(false);
    // line 10 `#bind-address= localhost #...` is a comment line
    expect(section(ini, "mysqld").entries.some((e) => e.key.includes("bind-address"))).toBe(false);
    expect(ini.comments.some((c) => at(file, c.start) === "10:1")).toBe(true);
  });

  it("`#` comments outside quotes; quotes removed; `;` is not an inline comment", () => {
    const text = [
      "[mysqld]",
      'a = "x # y"   # real',
      "b='single'",
      "c=3306#tight",
      "d=1 ; not a comment",
      "e=\"mismatch'",
      'f=""',
      "g=it's # inside a quote",
      "h=C:\\path\\n",
      "i = \"a\\\"b\"",
      "",
    ].join("\n");
    const { file, ini } = parse(text, "mysql");
    checkInvariants(file, ini);
    const v = (k: string): string => entry(ini, "mysqld", k).value;
    expect(v("a")).toBe("x # y");
    expect(slice(file, entry(ini, "mysqld", "a").valueRange)).toBe('"x # y"');
    expect(entry(ini, "mysqld", "a").inlineComment?.text).toBe("# real");
    expect(v("b")).toBe("single");
    expect(v("c")).toBe("3306");
    expect(entry(ini, "mysqld", "c").inlineComment?.text).toBe("#tight");
    expect(v("d")).toBe("1 ; not a comment");
    expect(v("e")).toBe("\"mismatch'");
    expect(v("f")).toBe("");
    expect(v("g")).toBe("it's # inside a quote");
    expect(v("h")).toBe("C:\\path\n");
    expect(v("i")).toBe('a"b');
    expect(ini.comments.map((c) => slice(file, c))).toEqual(["# real", "#tight"]);
  });

  it("!include and !includedir directives", () => {
    const { file, ini } = parse("!includedir /etc/mysql/conf.d/\n[mysqld]\n!include   /etc/extra.cnf  \n!include\n!unknown x\n", "mysql");
    checkInvariants(file, ini);
    expect(ini.directives.map((d) => [d.name, d.arg])).toEqual([
      ["includedir", "/etc/mysql/conf.d/"],
      ["include", "/etc/extra.cnf"],
      ["include", ""],
      ["unknown", "x"],
    ]);
    expect(at(file, ini.directives[1]?.argRange.start ?? -1)).toBe("3:12");
    expect(ini.problems.map((p) => [at(file, p.start), p.message])).toEqual([["4:1", INI_MESSAGES.includeWithoutArg]]);
    expect(ini.preamble).toEqual([]);
    expect(section(ini, "mysqld").entries).toEqual([]);
  });

  it("options before any group go to the preamble; unclosed group is a problem", () => {
    const { file, ini } = parse("user=mysql\n[mysqld\nport=1\n[ client ]\nx=1\n= 5\n", "mysql");
    checkInvariants(file, ini);
    expect(ini.preamble.map((e) => [e.key, e.value, e.section])).toEqual([["user", "mysql", null]]);
    expect(ini.problems.map((p) => [at(file, p.start), p.message])).toEqual([
      ["2:1", INI_MESSAGES.unclosedHeader],
      ["6:1", INI_MESSAGES.emptyKey],
    ]);
    expect(ini.sections.map((s) => s.name)).toEqual(["mysqld", " client"]);
    expect(entry(ini, "mysqld", "port").value).toBe("1");
  });

  it("keys are kept as written", () => {
    const { ini } = parse("[mysqld]\nskip_name_resolve\nDefault-Character-Set = utf8mb4\n", "mysql");
    expect(section(ini, "mysqld").entries.map((e) => e.key)).toEqual(["skip_name_resolve", "Default-Character-Set"]);
  });

  it("CRLF", () => {
    const { file, ini } = parse("[mysqld]\r\nport = 3306 # c\r\nskip-name-resolve\r\n", "mysql");
    checkInvariants(file, ini);
    expect(entry(ini, "mysqld", "port").value).toBe("3306");
    expect(entry(ini, "mysqld", "port").inlineComment?.text).toBe("# c");
    expect(entry(ini, "mysqld", "skip-name-resolve").key).toBe("skip-name-resolve");
    expect(at(file, entry(ini, "mysqld", "skip-name-resolve").start)).toBe("3:1");
  });
});

// ---------------------------------------------------------------------------

describe("parseIni supervisor", () => {
  it("seed-tornado-supervisor supervisord.conf", () => {
    const file = load(`${EXAMPLES}/seed-tornado-supervisor/supervisord.conf`);
    const ini = parseIni(file, "supervisor");
    checkInvariants(file, ini);
    expect(ini.problems).toEqual([]);
    expect(ini.sections.map((s) => s.name)).toEqual([
      "supervisord",
      "program:nginx",
      "group:tornadoes",
      "program:tornado-8000",
      "program:tornado-8001",
    ]);
    const stdout = entry(ini, "program:tornado-8000", "stdout");
    expect(at(file, stdout.start)).toBe("16:1");
    expect(stdout.value).toBe("/var/log/tornado-8000.log");
    expect(stdout.section).toBe("program:tornado-8000");
    expect(entry(ini, "supervisord", "nodaemon").value).toBe("true");
    expect(entry(ini, "program:tornado-8000", "command").value).toBe("python3.8 /root/mytornado/main.py --port=8000");
    expect(ini.comments.length).toBe(8);
  });

  it("inline comments need whitespace before `;` or `#`", () => {
    const text = "[program:x]\ncommand = foo ;bar\nurl=http://x;y\na=b#c\nb=b\t#c\nc = \"quoted ; still comment\"\n";
    const { file, ini } = parse(text, "supervisor");
    checkInvariants(file, ini);
    const v = (k: string): string => entry(ini, "program:x", k).value;
    expect(v("command")).toBe("foo");
    expect(entry(ini, "program:x", "command").inlineComment?.text).toBe(";bar");
    expect(v("url")).toBe("http://x;y");
    expect(v("a")).toBe("b#c");
    expect(v("b")).toBe("b");
    expect(v("c")).toBe('"quoted');
    expect(ini.comments.map((c) => slice(file, c))).toEqual([";bar", "#c", '; still comment"']);
  });

  it("Python 3.11's round-based comment search: a valid `#` found in the same round beats an earlier `;`", () => {
    const { ini } = parse("[x]\na=p;q ;r #s\n", "supervisor");
    expect(entry(ini, "x", "a").value).toBe("p;q ;r");
    expect(entry(ini, "x", "a").inlineComment?.text).toBe("#s");
  });

  it("`=` or `:` separate, the first one wins", () => {
    const { ini } = parse("[x]\ncommand: python -c 'a=1'\nenv=A:1\n", "supervisor");
    const c = entry(ini, "x", "command");
    expect([c.separator, c.value]).toEqual([":", "python -c 'a=1'"]);
    const e = entry(ini, "x", "env");
    expect([e.separator, e.value]).toEqual(["=", "A:1"]);
  });

  it("continuation lines join with \\n; blank lines inside are kept, comments are not", () => {
    const text = [
      "[program:x]",
      "command=python",
      "  -m app ; comment",
      "environment=A=\"1\",",
      "    B=\"2\"",
      "",
      "# not part of it",
      "    C=\"3\"",
      "",
      "",
      "stdout_logfile=/dev/stdout",
      "",
    ].join("\n");
    const { file, ini } = parse(text, "supervisor");
    checkInvariants(file, ini);
    const cmd = entry(ini, "program:x", "command");
    expect(cmd.value).toBe("python\n-m app");
    expect(slice(file, cmd.valueRange)).toBe("python\n  -m app");
    expect(slice(file, cmd)).toBe("command=python\n  -m app ; comment");
    expect(cmd.inlineComment?.text).toBe("; comment");
    const env = entry(ini, "program:x", "environment");
    expect(env.value).toBe('A="1",\nB="2"\n\nC="3"');
    expect(at(file, env.valueRange.end)).toBe("8:10");
    expect(entry(ini, "program:x", "stdout_logfile").value).toBe("/dev/stdout");
    expect(slice(file, section(ini, "program:x"))).toBe(text.slice(0, text.indexOf("/dev/stdout") + "/dev/stdout".length));
  });

  it("an empty first value continued on the next lines", () => {
    const { ini } = parse("[x]\ncommand=\n   foo\n   bar\n", "supervisor");
    expect(entry(ini, "x", "command").value).toBe("\nfoo\nbar");
  });

  it("continuation needs MORE indentation than the option line", () => {
    const { ini } = parse("[x]\n  a=1\n  b=2\n    more\n", "supervisor");
    expect(section(ini, "x").entries.map((e) => [e.key, e.value])).toEqual([
      ["a", "1"],
      ["b", "2\nmore"],
    ]);
  });

  it("a line without separator is a ParsingError and is recorded", () => {
    const { file, ini } = parse("[program:x]\ncommand=a\njust some words\nautostart=true\n", "supervisor");
    checkInvariants(file, ini);
    expect(ini.problems.map((p) => [at(file, p.start), p.message])).toEqual([["3:1", INI_MESSAGES.notKeyValue]]);
    const bad = entry(ini, "program:x", "just some words");
    expect(bad.hasEquals).toBe(false);
    expect(entry(ini, "program:x", "autostart").value).toBe("true");
  });

  it("options before the first section are a problem (MissingSectionHeaderError)", () => {
    const { file, ini } = parse("; comment\nnodaemon=true\n[supervisord]\nlogfile=/dev/null\n", "supervisor");
    checkInvariants(file, ini);
    expect(ini.preamble.map((e) => [e.key, e.value])).toEqual([["nodaemon", "true"]]);
    expect(ini.problems.map((p) => [at(file, p.start), p.message])).toEqual([["2:1", INI_MESSAGES.noSectionHeader]]);
  });

  it("headers: comments after them, greedy `]`, unclosed and empty", () => {
    const { file, ini } = parse("[supervisord] ; main\na=1\n[a]b]\n[program:x\nc=1\n[]\n", "supervisor");
    checkInvariants(file, ini);
    expect(ini.sections.map((s) => s.name)).toEqual(["supervisord", "a]b", "program:x", ""]);
    expect(ini.comments.map((c) => slice(file, c))).toEqual(["; main"]);
    expect(ini.problems.map((p) => [at(file, p.start), p.message])).toEqual([
      ["4:1", INI_MESSAGES.unclosedHeader],
      ["6:1", INI_MESSAGES.emptySectionName],
    ]);
    expect(entry(ini, "program:x", "c").value).toBe("1");
  });

  it("keys keep their case; empty keys are problems", () => {
    const { file, ini } = parse("[x]\nCommand=a\n=b\n", "supervisor");
    expect(section(ini, "x").entries.map((e) => e.key)).toEqual(["Command", ""]);
    expect(ini.problems.map((p) => [at(file, p.start), p.message])).toEqual([["3:1", INI_MESSAGES.emptyKey]]);
  });

  it("CRLF and full-width spaces (Python strips them)", () => {
    const { file, ini } = parse("[program:web]\r\ncommand = uwsgi\u3000\r\n  --ini /app/uwsgi.ini\r\nautostart=true ; yes\r\n", "supervisor");
    checkInvariants(file, ini);
    expect(entry(ini, "program:web", "command").value).toBe("uwsgi\n--ini /app/uwsgi.ini");
    expect(entry(ini, "program:web", "autostart").value).toBe("true");
    expect(at(file, entry(ini, "program:web", "autostart").start)).toBe("4:1");
  });
});

// ---------------------------------------------------------------------------


const PIECES = [
  "[", "]", "=", ":", "#", ";", '"', "'", "\\", " ", "\t", "\n", "\r\n", "\r", "\0", "a", "Z", "1",
  "[uwsgi]", "[program:x]", "key", "!include ", "!includedir", "中文", "😀", "\ud800", "\u3000", "\v", "\f", "\u00a0",
  "  ", "\n  ", "%(x)", "\\n", "\\'",
];

const SEEDS = [
  "[uwsgi]\nsocket = 0.0.0.0:8000   # note\nmaster\n",
  "[mysqld]\nport = 3306 # x\nskip-name-resolve\n!include /x\n",
  "[program:x]\ncommand=a\n  b ; c\n\n  d\n[supervisord]\nnodaemon=true\n",
];

function randomInput(rand: () => number): string {
  const seed = SEEDS[Math.floor(rand() * SEEDS.length)] ?? "";
  return mutateText(rand, rand() < 0.5 ? seed : "", PIECES);
}

describe("parseIni: robustness", () => {
  const dialects: IniDialect[] = ["uwsgi", "mysql", "supervisor"];

  it("never throws and keeps ranges in bounds and ordered on thousands of random inputs", () => {
    const rand = mulberry32(0xc0ffee);
    for (let i = 0; i < 3000; i++) {
      const text = randomInput(rand);
      for (const dialect of dialects) {
        const file = createSourceFile("/fuzz.ini", text);
        let ini: IniFile | undefined;
        try {
          ini = parseIni(file, dialect);
          checkInvariants(file, ini);
        } catch (err) {
          throw new Error(`${dialect} failed on ${JSON.stringify(text)}: ${String(err)}`);
        }
      }
    }
  });

  it("handles huge lines in linear time", () => {
    const n = 200_000;
    const inputs = [
      "[uwsgi]\nkey = " + "a ".repeat(n),
      "[x]\na=" + "p;".repeat(n) + "\n",
      "[x]\na=" + ";#".repeat(n) + "\n",
      "[mysqld]\na=" + "'\"#".repeat(n) + "\n",
      "[" + "x".repeat(n),
      "[x]\n" + "  more\n".repeat(n / 10),
      "[x]\na=1\n" + "\n".repeat(n),
      "!include" + " ".repeat(n),
    ];
    for (const text of inputs) {
      for (const dialect of dialects) {
        const file = createSourceFile("/huge.ini", text);
        checkInvariants(file, parseIni(file, dialect));
      }
    }
  });
});

// ---------------------------------------------------------------------------

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) walk(full, out);
    else if (st.isFile()) out.push(full);
  }
}

describe.skipIf(!existsSync(CORPUS))("parseIni: corpus", () => {
  it("parses every uWSGI ini, my.cnf and supervisord config without throwing", () => {
    const files: string[] = [];
    walk(CORPUS, files);
    let count = 0;
    for (const path of files) {
      const base = path.slice(path.lastIndexOf("/") + 1);
      const dialects: IniDialect[] = [];
      if (base.endsWith(".ini")) {
        const head = readFileSync(path, "latin1");
        if (/^uwsgi.*\.ini$/.test(base) || /^\s*\[uwsgi\]/m.test(head)) dialects.push("uwsgi");
        if (/^\s*\[(program:|supervisord\]|group:)/m.test(head)) dialects.push("supervisor");
      }
      if (base.endsWith(".cnf")) dialects.push("mysql");
      if (/^supervisord.*\.conf$/.test(base)) dialects.push("supervisor");
      for (const dialect of dialects) {
        const file = load(path);
        const ini = parseIni(file, dialect);
        checkInvariants(file, ini);
        count++;
      }
    }
    expect(count).toBeGreaterThan(20);
  });
});
