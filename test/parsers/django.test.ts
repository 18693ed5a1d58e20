import { readFileSync } from "node:fs";
import { mulberry32 } from "../helpers/random-text.js";
import { describe, expect, it } from "vitest";
import type { PyAssignment, PySettings, PyValue } from "../../src/parsers/django/ast.js";
import { MAX_EXPR_DEPTH, MAX_PROBLEMS, parsePythonSettings } from "../../src/parsers/django/parse.js";
import { createSourceFile, positionAt, type Range, type SourceFile } from "../../src/source/source-file.js";

const EXAMPLE = "/work/shared/examples/seed-django-stack/myproject/myproject/settings.py";

function parse(text: string): { file: SourceFile; out: PySettings } {
  const file = createSourceFile("/virtual/settings.py", text);
  return { file, out: parsePythonSettings(file) };
}

function assignment(out: PySettings, name: string): PyAssignment {
  const found = out.assignments.find((a) => a.name === name);
  if (!found) throw new Error(`no assignment to ${name}; have ${out.assignments.map((a) => a.name).join(", ")}`);
  return found;
}

/** The PyValue member for one kind; Extract alone misses "list", which shares a member with "tuple" and "set". */
type NodeOf<K extends PyValue["kind"]> = PyValue extends infer V ? (V extends { kind: infer VK } ? (K extends VK ? V & { kind: K } : never) : never) : never;

function as<K extends PyValue["kind"]>(value: PyValue | undefined, kind: K): NodeOf<K> {
  if (!value || value.kind !== kind) throw new Error(`expected ${kind}, got ${value ? JSON.stringify(value) : "undefined"}`);
  return value as NodeOf<K>;
}

function dictGet(value: PyValue | undefined, key: string): PyValue | undefined {
  return as(value, "dict").entries.find((e) => e.key.kind === "str" && e.key.value === key)?.value;
}

function where(file: SourceFile, range: Range): { line: number; column: number; text: string } {
  return { ...positionAt(file, range.start), text: file.text.slice(range.start, range.end) };
}

/** Children of a value node, for iterative walks (trees can be deep; recursion in tests would hide parser bugs behind test crashes). */
function children(v: PyValue): PyValue[] {
  switch (v.kind) {
    case "list":
    case "tuple":
    case "set":
      return v.items;
    case "dict":
      return v.entries.flatMap((e) => [e.key, e.value]);
    case "call":
      return [...v.args, ...v.kwargs.map((k) => k.value)];
    case "subscript":
      return [v.index];
    case "binop":
      return [v.left, v.right];
    default:
      return [];
  }
}

/** Every range in bounds, every child inside its parent, str ranges starting at a prefix or quote. */
function checkInvariants(file: SourceFile, out: PySettings): void {
  const n = file.text.length;
  const inBounds = (r: Range, what: string): void => {
    if (!(Number.isInteger(r.start) && Number.isInteger(r.end) && 0 <= r.start && r.start <= r.end && r.end <= n)) {
      throw new Error(`${what} range out of bounds: [${r.start}, ${r.end}) in text of ${n}`);
    }
  };
  const values: { v: PyValue; parent: Range }[] = [];
  for (const a of out.assignments) {
    inBounds(a, "assignment");
    inBounds(a.nameRange, "nameRange");
    if (file.text.slice(a.nameRange.start, a.nameRange.end) !== a.name) throw new Error(`nameRange of ${a.name} does not hold the name`);
    if (a.nameRange.start !== a.start) throw new Error("assignment range must start at the name");
    values.push({ v: a.value, parent: { start: a.nameRange.end, end: a.end } });
  }
  for (const a of out.itemAssignments) {
    inBounds(a.range, "item assignment");
    values.push({ v: a.value, parent: a.range });
  }
  for (const c of out.comments) {
    inBounds(c, "comment");
    if (file.text[c.start] !== "#") throw new Error("comment does not start with #");
  }
  for (const p of out.problems) inBounds(p, "problem");
  let visited = 0;
  while (values.length > 0) {
    const { v, parent } = values.pop() ?? { v: undefined, parent: { start: 0, end: 0 } };
    if (!v) break;
    if (++visited > 1_000_000) throw new Error("value tree too large (cycle?)");
    inBounds(v, v.kind);
    if (v.start < parent.start || v.end > parent.end) throw new Error(`${v.kind} [${v.start}, ${v.end}) outside parent [${parent.start}, ${parent.end})`);
    if (v.kind === "str" && !/^[rRbBuUfFtT]{0,2}['"]/.test(file.text.slice(v.start, v.end))) throw new Error(`str range does not start at its literal: ${file.text.slice(v.start, v.end)}`);
    if (v.kind === "expr" && v.text !== file.text.slice(v.start, v.end)) throw new Error("expr text differs from its range");
    if (v.kind === "call") for (const k of v.kwargs) inBounds(k.nameRange, "kwarg name");
    for (const c of children(v)) values.push({ v: c, parent: v });
  }
}

describe("parsePythonSettings: the example settings.py", () => {
  const text = readFileSync(EXAMPLE, "utf8");
  const { file, out } = parse(text);

  it("reads it without problems and keeps every comment", () => {
    expect(out.problems).toEqual([]);
    expect(out.comments.map((c) => positionAt(file, c.start).line)).toEqual([8, 11, 14, 18, 22, 26, 27, 28, 29, 30, 34, 38, 41]);
    expect(where(file, out.comments[0] ?? { start: 0, end: 0 }).text).toBe("# 生产环境设置 Debug = False");
    expect(out.assignments.map((a) => a.name)).toEqual([
      "BASE_DIR", "SECRET_KEY", "Debug", "ALLOWED_HOSTS", "STATIC_ROOT", "STATIC_URL", "MEDIA_ROOT", "MEDIA_URL", "DATABASES", "CACHES",
    ]);
    expect(out.assignments.every((a) => a.depth === 0 && a.op === "=")).toBe(true);
    expect(out.itemAssignments).toEqual([]);
    checkInvariants(file, out);
  });

  it("finds `Debug = False` on line 9 (the comment on line 8 mentioning it is not code)", () => {
    const debug = assignment(out, "Debug");
    expect(where(file, debug.nameRange)).toEqual({ line: 9, column: 1, text: "Debug" });
    const value = as(debug.value, "bool");
    expect(value.value).toBe(false);
    expect(where(file, value)).toEqual({ line: 9, column: 9, text: "False" });
    expect(where(file, debug).text).toBe("Debug = False");
  });

  it("ALLOWED_HOSTS is a list of two strs with exact item ranges", () => {
    const hosts = assignment(out, "ALLOWED_HOSTS");
    const list = as(hosts.value, "list");
    expect(where(file, list)).toEqual({ line: 12, column: 17, text: "['your_server_IP', 'your_domain_name']" });
    const [a, b] = list.items;
    expect(as(a, "str").value).toBe("your_server_IP");
    expect(where(file, as(a, "str"))).toEqual({ line: 12, column: 18, text: "'your_server_IP'" });
    expect(positionAt(file, as(a, "str").end)).toEqual({ line: 12, column: 34 });
    expect(as(b, "str").value).toBe("your_domain_name");
    expect(where(file, as(b, "str"))).toEqual({ line: 12, column: 36, text: "'your_domain_name'" });
    expect(list.items).toHaveLength(2);
  });

  it("DATABASES['default'] values keep their lines and columns across inline CJK comments", () => {
    const databases = assignment(out, "DATABASES");
    expect(positionAt(file, databases.start).line).toBe(23);
    expect(positionAt(file, databases.end)).toEqual({ line: 32, column: 2 });
    const def = dictGet(databases.value, "default");
    expect(positionAt(file, as(def, "dict").start)).toEqual({ line: 24, column: 16 });
    const host = as(dictGet(def, "HOST"), "str");
    expect(host.value).toBe("db");
    expect(where(file, host)).toEqual({ line: 29, column: 17, text: "'db'" });
    const password = as(dictGet(def, "PASSWORD"), "str");
    expect(password.value).toBe("password");
    expect(where(file, password)).toEqual({ line: 28, column: 20, text: "'password'" });
    expect(as(dictGet(def, "USER"), "str").value).toBe("dbuser");
    expect(as(dictGet(def, "PORT"), "str").value).toBe("3306");
    expect(as(dictGet(def, "ENGINE"), "str").value).toBe("django.db.backends.mysql");
    const keys = as(def, "dict").entries.map((e) => where(file, e.key));
    expect(keys[3]).toEqual({ line: 28, column: 9, text: "'PASSWORD'" });
  });

  it("CACHES LOCATION and OPTIONS PASSWORD", () => {
    const def = dictGet(assignment(out, "CACHES").value, "default");
    const location = as(dictGet(def, "LOCATION"), "str");
    expect(location.value).toBe("redis://redis:6379/1");
    expect(where(file, location)).toEqual({ line: 38, column: 21, text: '"redis://redis:6379/1"' });
    const password = as(dictGet(dictGet(def, "OPTIONS"), "PASSWORD"), "str");
    expect(password.value).toBe("yourpassword");
    expect(where(file, password)).toEqual({ line: 41, column: 25, text: '"yourpassword"' });
  });

  it("STATIC_ROOT is a call to os.path.join; BASE_DIR's attribute chain is kept as text", () => {
    const call = as(assignment(out, "STATIC_ROOT").value, "call");
    expect(call.callee).toBe("os.path.join");
    expect(call.kwargs).toEqual([]);
    expect(as(call.args[0], "name").name).toBe("BASE_DIR");
    expect(where(file, as(call.args[1], "str"))).toEqual({ line: 15, column: 38, text: "'static'" });
    expect(where(file, call).text).toBe("os.path.join(BASE_DIR, 'static')");
    const base = as(assignment(out, "BASE_DIR").value, "expr");
    expect(base.text).toBe("Path(__file__).resolve().parent.parent");
  });

  it("reads the same settings with CRLF line endings, tabs and a leading BOM character", () => {
    const crlf = parse(text.replace(/\n/g, "\r\n"));
    expect(crlf.out.problems).toEqual([]);
    expect(crlf.out.assignments.map((a) => a.name)).toEqual(out.assignments.map((a) => a.name));
    const host = as(dictGet(dictGet(assignment(crlf.out, "DATABASES").value, "default"), "HOST"), "str");
    expect(where(crlf.file, host)).toEqual({ line: 29, column: 17, text: "'db'" });
    expect(crlf.out.comments.every((c) => !crlf.file.text.slice(c.start, c.end).includes("\r"))).toBe(true);
    checkInvariants(crlf.file, crlf.out);

    const tabbed = parse("\uFEFF" + text.replace(/^ {4}/gm, "\t"));
    expect(tabbed.out.problems).toEqual([]);
    expect(as(dictGet(dictGet(assignment(tabbed.out, "CACHES").value, "default"), "LOCATION"), "str").value).toBe("redis://redis:6379/1");
  });
});

describe("parsePythonSettings: environment idioms", () => {
  const { file, out } = parse(
    [
      "import os",
      "DB_HOST = os.environ.get('DB_HOST', 'localhost')",
      'X = os.getenv("X")',
      "Y = env('X', default='y')",
      "DEBUG = config('DEBUG', default=False, cast=bool)",
      "DATABASES = {'default': env.db()}",
      'SECRET = os.environ["SECRET_KEY"]',
      'LIVE = os.environ.get("DEBUG") == "1"',
      "PORT = int(os.environ.get('PORT', 8000))",
      "HOST = os.getenv('A') or 'fallback'",
      "",
    ].join("\n"),
  );

  it("os.environ.get with a default", () => {
    const call = as(assignment(out, "DB_HOST").value, "call");
    expect(call.callee).toBe("os.environ.get");
    expect(call.args.map((a) => as(a, "str").value)).toEqual(["DB_HOST", "localhost"]);
    expect(where(file, call.args[1] ?? call)).toEqual({ line: 2, column: 37, text: "'localhost'" });
  });

  it("os.getenv, env(default=), config(default=, cast=), env.db()", () => {
    expect(as(assignment(out, "X").value, "call")).toMatchObject({ callee: "os.getenv", args: [{ kind: "str", value: "X" }], kwargs: [] });
    const env = as(assignment(out, "Y").value, "call");
    expect(env.callee).toBe("env");
    expect(env.kwargs).toHaveLength(1);
    expect(env.kwargs[0]?.name).toBe("default");
    expect(where(file, env.kwargs[0]?.nameRange ?? env)).toEqual({ line: 4, column: 14, text: "default" });
    expect(as(env.kwargs[0]?.value, "str").value).toBe("y");
    const config = as(assignment(out, "DEBUG").value, "call");
    expect(config.callee).toBe("config");
    expect(config.kwargs.map((k) => [k.name, k.value.kind])).toEqual([["default", "bool"], ["cast", "name"]]);
    expect(as(config.kwargs[1]?.value, "name").name).toBe("bool");
    const db = as(dictGet(assignment(out, "DATABASES").value, "default"), "call");
    expect(db).toMatchObject({ callee: "env.db", args: [], kwargs: [] });
    expect(where(file, db).text).toBe("env.db()");
  });

  it("os.environ[...] is a subscript; comparisons and `or` are binops", () => {
    const sub = as(assignment(out, "SECRET").value, "subscript");
    expect(sub.target).toBe("os.environ");
    expect(as(sub.index, "str").value).toBe("SECRET_KEY");
    expect(where(file, sub).text).toBe('os.environ["SECRET_KEY"]');
    const eq = as(assignment(out, "LIVE").value, "binop");
    expect(eq.op).toBe("==");
    expect(as(eq.left, "call").callee).toBe("os.environ.get");
    expect(as(eq.right, "str").value).toBe("1");
    expect(where(file, eq).text).toBe('os.environ.get("DEBUG") == "1"');
    const or = as(assignment(out, "HOST").value, "binop");
    expect(or.op).toBe("or");
    expect(as(or.right, "str").value).toBe("fallback");
    const port = as(assignment(out, "PORT").value, "call");
    expect(port.callee).toBe("int");
    expect(as(port.args[0], "call").args[1]).toMatchObject({ kind: "num", value: 8000, text: "8000" });
    checkInvariants(file, out);
  });
});

describe("parsePythonSettings: statements", () => {
  it("assignments inside if/try/with/for have depth > 0; def and class bodies are skipped", () => {
    const { out } = parse(
      [
        "if DEBUG:",
        "    A = 1",
        "    try:",
        "        from .local import *",
        "        B = 2",
        "    except ImportError:",
        "        C = 3",
        "else:",
        "    D = 4",
        "def helper():",
        "    NOT_A_SETTING = 1",
        "    if x:",
        "        ALSO_NOT = 2",
        "class Config:",
        "    INNER = 1",
        "    def method(self):",
        "        DEEP = 2",
        "@decorator",
        "async def f():",
        "    ASYNC = 1",
        "E = 5",
        "with open('x') as fh:",
        "    F = fh.read()",
        "for app in EXTRA:",
        "    INSTALLED_APPS += [app]",
        "if X: G = 1; H = 2",
        "def g(): I = 1",
        "while False:",
        "  J = 1",
        "",
      ].join("\n"),
    );
    expect(out.assignments.map((a) => [a.name, a.depth])).toEqual([
      ["A", 1], ["B", 2], ["C", 2], ["D", 1], ["E", 0], ["F", 1], ["INSTALLED_APPS", 1], ["G", 1], ["H", 1], ["J", 1],
    ]);
    expect(as(assignment(out, "F").value, "call").callee).toBe("fh.read");
    expect(assignment(out, "INSTALLED_APPS").op).toBe("+=");
    expect(out.problems).toEqual([]);
  });

  it("counts depth by block nesting, not by spaces", () => {
    const { out } = parse("if A:\n        X = 1\n        if B:\n          Y = 2\nZ = 3\n");
    expect(out.assignments.map((a) => [a.name, a.depth])).toEqual([["X", 1], ["Y", 2], ["Z", 0]]);
  });

  it("chained, augmented and annotated assignments", () => {
    const { file, out } = parse("A = B = 'x'\nN += ['a']\nT: int = 5\nU: str\nPATHS |= {1}\n");
    const a = assignment(out, "A");
    const b = assignment(out, "B");
    expect(where(file, a).text).toBe("A = B = 'x'");
    expect(where(file, b).text).toBe("B = 'x'");
    expect(a.value).toBe(b.value);
    expect(as(a.value, "str").value).toBe("x");
    expect(assignment(out, "N")).toMatchObject({ op: "+=", value: { kind: "list" } });
    const t = assignment(out, "T");
    expect(t.op).toBe("=");
    expect(where(file, t.nameRange)).toEqual({ line: 3, column: 1, text: "T" });
    expect(where(file, t.value)).toEqual({ line: 3, column: 10, text: "5" });
    expect(out.assignments.some((x) => x.name === "U")).toBe(false);
    expect(assignment(out, "PATHS").op).toBe("|=");
  });

  it("item assignments, nested keys, at any block depth", () => {
    const { file, out } = parse("DATABASES['default']['HOST'] = 'x'\nCACHES[\"default\"] = {}\nif DEBUG:\n    LOGGING['root'] = {'level': 'DEBUG'}\nX[0] = 1\nobj.attr = 2\nY[k] = 3\n");
    expect(out.itemAssignments.map((i) => [i.name, i.keys, i.depth])).toEqual([
      ["DATABASES", ["default", "HOST"], 0],
      ["CACHES", ["default"], 0],
      ["LOGGING", ["root"], 1],
      ["X", ["0"], 0],
    ]);
    const first = out.itemAssignments[0];
    expect(as(first?.value, "str").value).toBe("x");
    expect(where(file, first?.range ?? { start: 0, end: 0 }).text).toBe("DATABASES['default']['HOST'] = 'x'");
    expect(out.assignments).toEqual([]);
  });

  it("semicolons, tuple values, and statements that are not assignments", () => {
    const { out } = parse("import os; A = 1; B = 2\nADMINS = ('a', 'b'),\nC = 1, 2\nassert x == 1\nprint('A = 1')\nfoo(b=1)\nx == 2\nD = lambda k=1: k\n");
    expect(out.assignments.map((a) => a.name)).toEqual(["A", "B", "ADMINS", "C", "D"]);
    const admins = as(assignment(out, "ADMINS").value, "tuple");
    expect(as(admins.items[0], "tuple").items).toHaveLength(2);
    expect(as(assignment(out, "C").value, "tuple").items.map((i) => as(i, "num").value)).toEqual([1, 2]);
    expect(as(assignment(out, "D").value, "expr").text).toBe("lambda k=1: k");
  });

  it("`match` and `case` are names unless they head a block", () => {
    const { out } = parse("match = 1\nmatch command:\n    case 'x':\n        M = 2\n");
    expect(out.assignments.map((a) => [a.name, a.depth])).toEqual([["match", 0], ["M", 2]]);
  });
});

describe("parsePythonSettings: values", () => {
  it("implicit concatenation of adjacent literals, across lines and with comments between", () => {
    const { file, out } = parse('A = "a" \'b\'\nB = (\n    "line1"  # first\n    r"\\d"\n)\nC = "x" \\\n    "y"\n');
    const a = as(assignment(out, "A").value, "str");
    expect(a.value).toBe("ab");
    expect(where(file, a).text).toBe("\"a\" 'b'");
    const b = as(assignment(out, "B").value, "str");
    expect(b.value).toBe("line1\\d");
    expect(positionAt(file, b.start)).toEqual({ line: 3, column: 5 });
    expect(positionAt(file, b.end)).toEqual({ line: 4, column: 10 });
    expect(where(file, assignment(out, "B")).text).toBe('B = (\n    "line1"  # first\n    r"\\d"\n)');
    expect(as(assignment(out, "C").value, "str").value).toBe("xy");
    expect(out.comments).toHaveLength(1);
  });

  it("triple-quoted strings spanning lines may contain `=`, quotes and #", () => {
    const { file, out } = parse("A = '''x = 1\n# not a comment\nB = \"2\"'''\nC = \"\"\"\"quoted\" \"\"\"\nD = 3\n");
    expect(out.assignments.map((a) => a.name)).toEqual(["A", "C", "D"]);
    const a = as(assignment(out, "A").value, "str");
    expect(a.value).toBe('x = 1\n# not a comment\nB = "2"');
    expect(positionAt(file, a.end)).toEqual({ line: 3, column: 11 });
    expect(as(assignment(out, "C").value, "str").value).toBe('"quoted" ');
    expect(out.comments).toEqual([]);
  });

  it("prefixes, escapes and formatted strings", () => {
    const { file, out } = parse(
      [
        "R = rb'\\d+'",
        "E = 'it\\'s\\n\\x41\\u00e9\\101\\q'",
        "U = u'caf\\xe9'",
        "F = f'{host}:{port:>{width}}'",
        'G = f"{x["k"]}/db"',
        "P = 'postgres://%s:%s' % (user, pw)",
        "M = '{}/{}'.format(a, b=2)",
        "J = ','.join(HOSTS)",
        "N = Fr'{a}\\d' 'tail'",
        "",
      ].join("\n"),
    );
    expect(out.problems).toEqual([]);
    expect(as(assignment(out, "R").value, "str")).toMatchObject({ value: "\\d+", formatted: false });
    expect(where(file, assignment(out, "R").value).text).toBe("rb'\\d+'");
    expect(as(assignment(out, "E").value, "str").value).toBe("it's\nAéA\\q");
    expect(as(assignment(out, "U").value, "str").value).toBe("café");
    expect(as(assignment(out, "F").value, "str")).toMatchObject({ value: "{host}:{port:>{width}}", formatted: true });
    expect(as(assignment(out, "G").value, "str")).toMatchObject({ value: '{x["k"]}/db', formatted: true });
    const p = as(assignment(out, "P").value, "binop");
    expect(p.op).toBe("%");
    expect(as(p.left, "str")).toMatchObject({ value: "postgres://%s:%s", formatted: true });
    expect(as(p.right, "tuple").items).toHaveLength(2);
    const m = as(assignment(out, "M").value, "call");
    expect(m.callee).toBe("str.format");
    expect(as(m.args[0], "str")).toMatchObject({ value: "{}/{}", formatted: true });
    expect(where(file, as(m.args[0], "str")).text).toBe("'{}/{}'");
    expect(m.kwargs.map((k) => k.name)).toEqual(["b"]);
    const j = as(assignment(out, "J").value, "call");
    expect(j.callee).toBe("str.join");
    expect(as(j.args[0], "str")).toMatchObject({ value: ",", formatted: false });
    expect(as(assignment(out, "N").value, "str")).toMatchObject({ value: "{a}\\dtail", formatted: true });
  });

  it("numbers, booleans, None, containers", () => {
    const { file, out } = parse("N = [0x1F, 1_000, 1.5e-3, -4, .5, 0o17, 0b11, 10., 0644, 3j]\nB = (True, False, None)\nS = {1, 2}\nD = {}\nL = []\nT = ()\nX = {**BASE, 'k': -1.5}\n");
    const n = as(assignment(out, "N").value, "list").items;
    expect(n.slice(0, 9).map((v) => as(v, "num").value)).toEqual([31, 1000, 0.0015, -4, 0.5, 15, 3, 10, 0o644]);
    expect(where(file, as(n[3], "num"))).toEqual({ line: 1, column: 27, text: "-4" });
    expect(as(n[3], "num").text).toBe("-4");
    expect(as(n[9], "expr").text).toBe("3j");
    const b = as(assignment(out, "B").value, "tuple");
    expect(b.items.map((v) => v.kind)).toEqual(["bool", "bool", "none"]);
    expect(where(file, b).text).toBe("(True, False, None)");
    expect(as(assignment(out, "S").value, "set").items).toHaveLength(2);
    expect(as(assignment(out, "D").value, "dict").entries).toEqual([]);
    expect(as(assignment(out, "L").value, "list").items).toEqual([]);
    expect(as(assignment(out, "T").value, "tuple").items).toEqual([]);
    const x = as(assignment(out, "X").value, "dict");
    expect(x.entries.map((e) => [e.key.kind, e.value.kind])).toEqual([["expr", "name"], ["str", "num"]]);
    expect(as(x.entries[1]?.value, "num").value).toBe(-1.5);
  });

  it("binary operators: left-associative with Python's precedence", () => {
    const { out } = parse("A = BASE_DIR / 'static' / 'css'\nB = 1 + 2 * 3\nC = a or b and not c\nD = x | y == z\nE = (1 + 2) * 3\nF = 2 ** -1\nG = k not in ('a',)\n");
    const a = as(assignment(out, "A").value, "binop");
    expect(a.op).toBe("/");
    expect(as(a.left, "binop").op).toBe("/");
    expect(as(a.right, "str").value).toBe("css");
    const b = as(assignment(out, "B").value, "binop");
    expect([b.op, as(b.right, "binop").op]).toEqual(["+", "*"]);
    const c = as(assignment(out, "C").value, "binop");
    expect(c.op).toBe("or");
    const and = as(c.right, "binop");
    expect(and.op).toBe("and");
    expect(as(and.right, "expr").text).toBe("not c");
    const d = as(assignment(out, "D").value, "binop");
    expect([d.op, as(d.left, "binop").op]).toEqual(["==", "|"]);
    const e = as(assignment(out, "E").value, "binop");
    expect([e.op, as(e.left, "binop").op]).toEqual(["*", "+"]);
    expect(as(assignment(out, "F").value, "binop").op).toBe("**");
    expect(as(assignment(out, "G").value, "binop").op).toBe("not in");
  });

  it("unmodelled valid Python becomes expr with its source text and no problem", () => {
    const { out } = parse(
      [
        "A = 'a' if DEBUG else 'b'",
        "B = [x for x in range(3)]",
        "C = {k: v for k, v in items}",
        "D = sorted(x for x in y)",
        "E = HOSTS[1:]",
        "F = lambda: 1",
        "G = Path(__file__).resolve().parent",
        "H = ...",
        "",
      ].join("\n"),
    );
    expect(out.problems).toEqual([]);
    expect(as(assignment(out, "A").value, "expr").text).toBe("'a' if DEBUG else 'b'");
    expect(as(assignment(out, "B").value, "expr").text).toBe("[x for x in range(3)]");
    expect(as(assignment(out, "C").value, "expr").text).toBe("{k: v for k, v in items}");
    const d = as(assignment(out, "D").value, "call");
    expect(d.callee).toBe("sorted");
    expect(as(d.args[0], "expr").text).toBe("x for x in y");
    expect(as(as(assignment(out, "E").value, "subscript").index, "expr").text).toBe("1:");
    expect(as(assignment(out, "F").value, "expr").text).toBe("lambda: 1");
    expect(as(assignment(out, "G").value, "expr").text).toBe("Path(__file__).resolve().parent");
    expect(as(assignment(out, "H").value, "expr").text).toBe("...");
  });
});

describe("parsePythonSettings: broken input", () => {
  it("an unterminated string is reported at its opening quote and reading resumes on the next line", () => {
    const { file, out } = parse('A = "abc\nB = 2\nC = f\'{x\nD = """open\nE = 5\n');
    expect(out.problems.map((p) => [p.message, where(file, p)])).toEqual([
      ["unterminated string literal", { line: 1, column: 5, text: '"' }],
      ["unterminated string literal", { line: 3, column: 6, text: "'" }],
      ["unterminated triple-quoted string literal", { line: 4, column: 5, text: '"""' }],
    ]);
    expect(out.assignments.map((a) => a.name)).toEqual(["A", "B", "C", "D", "E"]);
    expect(as(assignment(out, "A").value, "str").value).toBe("abc");
    expect(as(assignment(out, "E").value, "num").value).toBe(5);
  });

  it("unbalanced brackets are problems; the next statement at column 0 is still read", () => {
    const { file, out } = parse("A = [1, 2\nB = 3\nC = 4)\nD = {'a': (1]\nE = 6\n");
    expect(out.problems.map((p) => [p.message, where(file, p).line, where(file, p).column])).toEqual([
      ["'[' was never closed", 1, 5],
      ["unmatched ')'", 3, 6],
      ["'{' was never closed (with 1 more unclosed inside it)", 4, 5],
      ["unmatched ']'", 4, 13],
    ]);
    expect(out.assignments.map((a) => a.name)).toEqual(["A", "B", "C", "D", "E"]);
    expect(as(assignment(out, "A").value, "expr").text).toBe("[1, 2");
    expect(as(assignment(out, "C").value, "num").value).toBe(4);
    expect(as(assignment(out, "E").value, "num").value).toBe(6);
    checkInvariants(file, out);
  });

  it("a valid keyword argument at column 0 inside a call is not mistaken for a statement", () => {
    const { out } = parse("X = dict(\nA=1,\n)\nY = 2\n");
    expect(out.problems).toEqual([]);
    expect(out.assignments.map((a) => a.name)).toEqual(["X", "Y"]);
    expect(as(assignment(out, "X").value, "call").kwargs.map((k) => k.name)).toEqual(["A"]);
  });

  it("bad indentation, stray characters, a missing value", () => {
    const { file, out } = parse("if A:\n    X = 1\n  Y = 2\n    Z = 3\nW = $ 1\nV =\nU = '中文' ；\n");
    const messages = out.problems.map((p) => `${where(file, p).line}: ${p.message}`);
    expect(messages).toEqual([
      "3: unindent does not match any outer indentation level",
      "4: unexpected indent",
      "5: invalid character '$' (U+0024)",
      "6: expected a value after '='",
      "7: invalid character '；' (U+FF1B)",
    ]);
    expect(out.assignments.map((a) => a.name)).toEqual(["X", "Y", "Z", "W", "U"]);
    expect(as(assignment(out, "U").value, "str").value).toBe("中文");
  });

  it("problems come sorted by offset and capped, and stray closers cost constant time", () => {
    const { file, out } = parse(`X = ${"(".repeat(100_000)}${"]".repeat(100_000)}\nY = 1\n`);
    expect(out.problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(out.problems[0]?.message).toBe("'(' was never closed (with 99999 more unclosed inside it)");
    expect(out.problems[MAX_PROBLEMS]?.message).toMatch(/^\d+ more syntax problems not listed$/);
    const starts = out.problems.map((p) => p.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(as(assignment(out, "Y").value, "num").value).toBe(1);
    checkInvariants(file, out);
  });

  it("compound statements without a colon or without a body", () => {
    const { file, out } = parse("if DEBUG\n    A = 1\ntry:\nB = 2\nfor x in y:\n");
    expect(out.problems.map((p) => [p.message, where(file, p).line])).toEqual([
      ["expected ':' after 'if' header", 1],
      ["unexpected indent", 2],
      ["expected an indented block after 'try'", 3],
      ["expected an indented block after 'for'", 5],
    ]);
    expect(out.assignments.map((a) => [a.name, a.depth])).toEqual([["A", 1], ["B", 0]]);
  });

  it("100000 nested brackets neither overflow the stack nor produce 100000 problems", () => {
    const { file, out } = parse(`X = ${"[".repeat(100_000)}\nY = 1\n`);
    expect(as(assignment(out, "X").value, "expr").text).toHaveLength(100_000);
    expect(as(assignment(out, "Y").value, "num").value).toBe(1);
    expect(out.problems.map((p) => p.message)).toEqual([
      "'[' was never closed (with 99999 more unclosed inside it)",
      `expression nested more than ${MAX_EXPR_DEPTH} levels deep; the rest is kept as text`,
    ]);
    checkInvariants(file, out);
  });

  it("deep but balanced nesting and long operator chains stay bounded", () => {
    const deep = `A = ${"[".repeat(5000)}1${"]".repeat(5000)}\n`;
    const unary = `B = ${"-".repeat(100_000)}1\n`;
    const nots = `C = ${"not ".repeat(50_000)}x\n`;
    const chain = `D = ${"1 + ".repeat(50_000)}1\n`;
    const power = `E = ${"2 ** ".repeat(50_000)}1\n`;
    const fstrings = `F = ${'f"{'.repeat(5000)}\nG = 7\n`;
    const calls = `H = ${"f(".repeat(50_000)}${")".repeat(50_000)}\n`;
    const { file, out } = parse(deep + unary + nots + chain + power + fstrings + calls);
    expect(out.assignments.map((a) => a.name)).toEqual(["A", "B", "C", "D", "E", "F", "G", "H"]);
    let depth = 0;
    let v: PyValue | undefined = assignment(out, "A").value;
    while (v && v.kind === "list") {
      depth++;
      v = v.items[0];
    }
    expect(depth).toBeLessThanOrEqual(MAX_EXPR_DEPTH);
    expect(v?.kind).toBe("expr");
    expect(as(assignment(out, "G").value, "num").value).toBe(7);
    checkInvariants(file, out);
  });

  it("runs in roughly linear time on large and hostile files", () => {
    const big = Array.from({ length: 30_000 }, (_, i) => `SETTING_${i} = {'a': [${i}, "x${i}", os.environ.get("V${i}", 'd')]}  # c\n`).join("");
    const quotes = "A = '''\n\"\"\"\n'\n\"\n".repeat(5_000) + "f'''{\n".repeat(5_000);
    const started = Date.now();
    const a = parse(big);
    const b = parse(quotes);
    const elapsed = Date.now() - started;
    expect(a.out.assignments).toHaveLength(30_000);
    expect(a.out.problems).toEqual([]);
    checkInvariants(b.file, b.out);
    expect(elapsed).toBeLessThan(8_000);
  });

  it("never throws and keeps every range in bounds under thousands of random mutations", () => {
    const seeds = [
      readFileSync(EXAMPLE, "utf8"),
      [
        "import os",
        "if DEBUG:",
        "\tA = f'{x!r:>{w}}' \"b\" \\",
        "\t    'c'",
        "try:",
        "    DATABASES['default']['HOST'] = os.environ.get('H', 'db')",
        "except Exception:  # 注释",
        "    pass",
        "class K:",
        "    X = 1",
        "T: int = (1, [2, {3: '4'}], -5.5e3)",
        "S = '''multi",
        "line = 1'''",
        "C = config('X', default=None, cast=lambda v: [s for s in v.split(',')])",
        "P = BASE_DIR / 'a' % b or not c",
        "",
      ].join("\r\n"),
    ];
    const pieces = ["'", '"', "'''", '"""', "f'{", "}", "(", ")", "[", "]", "{", "}", ",", ":", "=", "==", "\\", "\\\n", "\n", "\r\n", "\r", "\t", "    ", "#", " if ", " else ", "lambda ", "not ", "**", "*", "-", ".", "0x", "1_0", "中文", "😀", "\u3000", "def f():\n", "class C:\n", "X = ", "Y['k'] = ", "rb", "f", "r'\\", "\u0000", ";"];
    // reproducible, so a failure can be replayed by its iteration number
    const random = mulberry32(0x5eed);
    const pick = (n: number): number => Math.floor(random() * n);
    for (let iteration = 0; iteration < 3000; iteration++) {
      let text = seeds[iteration % seeds.length] ?? "";
      const edits = 1 + pick(6);
      for (let e = 0; e < edits; e++) {
        const at = pick(text.length + 1);
        const kind = pick(4);
        if (kind === 0) text = text.slice(0, at) + text.slice(at + 1 + pick(20));
        else if (kind === 1) text = text.slice(0, at) + (pieces[pick(pieces.length)] ?? "") + text.slice(at);
        else if (kind === 2) {
          const from = pick(text.length + 1);
          text = text.slice(0, at) + text.slice(from, from + pick(40)) + text.slice(at);
        } else text = text.slice(0, at) + String.fromCharCode(pick(0x3000)) + text.slice(at + 1);
      }
      try {
        const { file, out } = parse(text);
        checkInvariants(file, out);
      } catch (error) {
        throw new Error(`iteration ${iteration}: ${String(error)}\n--- input ---\n${text}`);
      }
    }
  });
});
