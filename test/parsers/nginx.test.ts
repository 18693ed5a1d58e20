import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { mulberry32 } from "../helpers/random-text.js";
import { describe, expect, it } from "vitest";
import type { NginxConfig, NginxDirective } from "../../src/parsers/nginx/ast.js";
import { MAX_CONTEXT_DEPTH, parseNginx, unescapeNginx } from "../../src/parsers/nginx/parse.js";
import { createSourceFile, positionAt, type SourceFile } from "../../src/source/source-file.js";

function parse(text: string): { file: SourceFile; cfg: NginxConfig } {
  const file = createSourceFile("/virtual/nginx.conf", text);
  return { file, cfg: parseNginx(file) };
}

function lc(file: SourceFile, offset: number): string {
  const p = positionAt(file, offset);
  return `${p.line}:${p.column}`;
}

/** Problems as `line:col message`, the way a user would read them. */
function problems(file: SourceFile, cfg: NginxConfig): string[] {
  return cfg.problems.map((p) => `${lc(file, p.start)} ${p.message}`);
}

/** Every directive, depth first, without recursion (trees may be 100000 deep). */
function allDirectives(list: readonly NginxDirective[]): NginxDirective[] {
  const out: NginxDirective[] = [];
  const stack: NginxDirective[] = [...list].reverse();
  for (let d = stack.pop(); d !== undefined; d = stack.pop()) {
    out.push(d);
    const block = d.block;
    if (block !== undefined) for (let i = block.length - 1; i >= 0; i--) stack.push(block[i] as NginxDirective);
  }
  return out;
}

function only<T>(list: readonly T[]): T {
  expect(list).toHaveLength(1);
  return list[0] as T;
}

function nth<T>(list: readonly T[] | undefined, i: number): T {
  const v = list?.[i];
  if (v === undefined) throw new Error(`no element ${i}`);
  return v;
}

function argValues(d: NginxDirective): string[] {
  return d.args.map((a) => a.value);
}

/** Structural invariants every parse must satisfy, whatever the input. */
function checkInvariants(file: SourceFile, cfg: NginxConfig): void {
  const len = file.text.length;
  const fail = (msg: string): never => {
    throw new Error(`${msg} in ${JSON.stringify(file.text.slice(0, 200))}`);
  };
  const inBounds = (start: number, end: number, what: string): void => {
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= len)) {
      fail(`${what} range [${start}, ${end}) out of bounds`);
    }
  };
  // Siblings: ordered and non-overlapping; children inside their block.
  const levels: { list: readonly NginxDirective[]; lo: number; hi: number }[] = [
    { list: cfg.directives, lo: 0, hi: len },
  ];
  for (let level = levels.pop(); level !== undefined; level = levels.pop()) {
    let prevEnd = level.lo;
    for (const d of level.list) {
      inBounds(d.start, d.end, "directive");
      if (d.start < prevEnd) fail(`directive at ${d.start} overlaps previous sibling ending at ${prevEnd}`);
      if (d.end > level.hi) fail(`directive at ${d.start} ends after its parent`);
      prevEnd = d.end;
      if (d.nameRange.start !== d.start || d.nameRange.end > d.end) fail("nameRange not at directive start");
      let argEnd = d.nameRange.end;
      for (const a of d.args) {
        inBounds(a.start, a.end, "arg");
        if (a.start < argEnd || a.end > d.end) fail(`arg at ${a.start} out of order`);
        if (file.text.slice(a.start, a.end) !== a.raw) fail("arg raw differs from source");
        argEnd = a.end;
      }
      if (d.semicolon !== undefined) {
        if (d.semicolon !== d.end - 1 || file.text.charCodeAt(d.semicolon) !== 59) fail("semicolon offset wrong");
        if (d.block !== undefined) fail("block directive with semicolon");
      }
      if (d.block !== undefined) {
        const br = d.blockRange;
        if (br === undefined) return fail("block without blockRange");
        inBounds(br.start, br.end, "blockRange");
        if (file.text.charCodeAt(br.start) !== 123) fail("blockRange does not start at {");
        if (br.start < argEnd || br.end !== d.end) fail("blockRange misplaced");
        levels.push({ list: d.block, lo: br.start + 1, hi: br.end });
      } else if (d.blockRange !== undefined) fail("blockRange without block");
      if (d.trailingComment !== undefined) {
        // After the `;`, after the `{`, or after the last token when the `;` is missing.
        const anchor = d.semicolon ?? d.blockRange?.start ?? d.end - 1;
        if (d.trailingComment.start <= anchor) fail("trailing comment before its anchor");
        if (file.text.charCodeAt(d.trailingComment.start) !== 35) fail("trailing comment is not a comment");
      }
    }
  }
  let prev = 0;
  for (const c of cfg.comments) {
    inBounds(c.start, c.end, "comment");
    if (c.start < prev) fail("comments out of order");
    if (file.text.charCodeAt(c.start) !== 35) fail("comment does not start with #");
    prev = c.end;
  }
  prev = 0;
  for (const p of cfg.problems) {
    inBounds(p.start, p.end, "problem");
    if (p.start < prev) fail("problems not sorted");
    if (typeof p.message !== "string" || p.message.length === 0) fail("empty message");
    prev = p.start;
  }
}

describe("parseNginx: structure", () => {
  it("parses simple directives with exact offsets", () => {
    const text = "user nginx;\nworker_processes  4;\n";
    const { file, cfg } = parse(text);
    expect(cfg.problems).toEqual([]);
    expect(cfg.directives).toEqual([
      {
        start: 0,
        end: 11,
        name: "user",
        nameRange: { start: 0, end: 4 },
        args: [{ start: 5, end: 10, value: "nginx", raw: "nginx", quote: null }],
        block: undefined,
        blockRange: undefined,
        semicolon: 10,
        context: [],
        trailingComment: undefined,
      },
      {
        start: 12,
        end: 32,
        name: "worker_processes",
        nameRange: { start: 12, end: 28 },
        args: [{ start: 30, end: 31, value: "4", raw: "4", quote: null }],
        block: undefined,
        blockRange: undefined,
        semicolon: 31,
        context: [],
        trailingComment: undefined,
      },
    ]);
    const second = nth(cfg.directives, 1);
    expect(lc(file, second.start)).toBe("2:1");
    expect(lc(file, nth(second.args, 0).start)).toBe("2:19");
    expect(text.slice(second.start, second.end)).toBe("worker_processes  4;");
  });

  it("parses nested http/server/location/upstream with context and block ranges", () => {
    const text = [
      "http {", //                                  1
      "    upstream backend {", //                  2
      "        server web:8000;", //                3
      "    }", //                                   4
      "    server {", //                            5
      "        listen 80;", //                      6
      "        location /static/ {", //             7
      "            alias /srv/static/;", //         8
      "        }", //                               9
      "        location / {", //                    10
      "            uwsgi_pass backend;", //         11
      "            include uwsgi_params;", //       12
      "        }", //                               13
      "    }", //                                   14
      "}", //                                       15
      "",
    ].join("\n");
    const { file, cfg } = parse(text);
    expect(cfg.problems).toEqual([]);
    const http = only(cfg.directives);
    expect(http.name).toBe("http");
    expect(http.context).toEqual([]);
    expect(http.start).toBe(0);
    expect(http.end).toBe(text.length - 1);
    expect(http.blockRange).toEqual({ start: 5, end: text.length - 1 });
    expect(http.semicolon).toBeUndefined();

    const [upstream, server] = http.block ?? [];
    expect(upstream?.name).toBe("upstream");
    expect(upstream?.context).toEqual(["http"]);
    expect(upstream && argValues(upstream)).toEqual(["backend"]);
    const member = only(upstream?.block ?? []);
    expect(member.name).toBe("server");
    expect(argValues(member)).toEqual(["web:8000"]);
    expect(member.context).toEqual(["http", "upstream"]);
    expect(lc(file, member.start)).toBe("3:9");
    expect(upstream && lc(file, upstream.end - 1)).toBe("4:5");

    expect(server?.name).toBe("server");
    const [listen, staticLoc, rootLoc] = server?.block ?? [];
    expect(listen?.context).toEqual(["http", "server"]);
    expect(staticLoc && argValues(staticLoc)).toEqual(["/static/"]);
    const alias = only(staticLoc?.block ?? []);
    expect(alias.context).toEqual(["http", "server", "location"]);
    expect(lc(file, alias.start)).toBe("8:13");
    expect(alias.semicolon !== undefined && lc(file, alias.semicolon)).toBe("8:31");
    const names = (rootLoc?.block ?? []).map((d) => d.name);
    expect(names).toEqual(["uwsgi_pass", "include"]);
    expect(rootLoc && lc(file, rootLoc.start)).toBe("10:9");
    expect(rootLoc?.blockRange && lc(file, rootLoc.blockRange.start)).toBe("10:20");
    expect(rootLoc && lc(file, rootLoc.end - 1)).toBe("13:9");
    expect(allDirectives(cfg.directives)).toHaveLength(10);
    checkInvariants(file, cfg);
  });

  it("treats `{` right after a token as a block start, like nginx (location /a{)", () => {
    const { file, cfg } = parse("location /a{ return 200; }\n");
    expect(cfg.problems).toEqual([]);
    const loc = only(cfg.directives);
    expect(loc.name).toBe("location");
    expect(loc.args).toEqual([{ start: 9, end: 11, value: "/a", raw: "/a", quote: null }]);
    expect(loc.blockRange).toEqual({ start: 11, end: 26 });
    expect(argValues(only(loc.block ?? []))).toEqual(["200"]);
    checkInvariants(file, cfg);
  });

  it("splits an unquoted regex at `{` (quote it to keep the brace), as nginx does", () => {
    const bare = parse("location ~ ^/a{2}$ {\n}\n");
    const loc = nth(bare.cfg.directives, 0);
    expect(argValues(loc)).toEqual(["~", "^/a"]);
    expect(loc.blockRange?.start).toBe(14);
    // `2}$` became a directive name inside the block; the outer `{` is the unclosed one.
    expect(problems(bare.file, bare.cfg)).toEqual([
      '1:15 unexpected end of file, expecting "}": the "{" of "location" on line 1 is never closed',
    ]);

    const quoted = parse('location ~ "^/a{2}$" {\n}\n');
    expect(quoted.cfg.problems).toEqual([]);
    expect(only(quoted.cfg.directives).args.map((a) => [a.value, a.quote])).toEqual([
      ["~", null],
      ["^/a{2}$", '"'],
    ]);
  });

  it("keeps `}` inside a token (nginx only closes a block with `}` at token start)", () => {
    const { cfg } = parse("location / { return 200;}\nset $a b};\n");
    expect(cfg.problems).toEqual([]);
    expect(cfg.directives.map((d) => d.name)).toEqual(["location", "set"]);
    expect(argValues(nth(cfg.directives, 1))).toEqual(["$a", "b}"]);
  });

  it("keeps ${var} and $var inside values, and `${` does not open a block", () => {
    const { cfg } = parse("proxy_pass http://${UPSTREAM_HOST}:$port/${path}x;\nset $a ${{b;\n");
    expect(cfg.problems).toEqual([]);
    expect(argValues(nth(cfg.directives, 0))).toEqual(["http://${UPSTREAM_HOST}:$port/${path}x"]);
    // nginx does not reset its `variable` flag on `{`, so `${{` stays in the token too.
    expect(argValues(nth(cfg.directives, 1))).toEqual(["$a", "${{b"]);
  });

  it("treats only space, tab, CR and LF as separators (NUL, NBSP, form feed are token bytes)", () => {
    const { cfg } = parse("a\u0000b c\u00a0d\fe;");
    expect(cfg.problems).toEqual([]);
    const d = only(cfg.directives);
    expect(d.name).toBe("a\u0000b");
    expect(argValues(d)).toEqual(["c\u00a0d\fe"]);
  });

  it("returns an empty config for empty and whitespace-only input", () => {
    for (const text of ["", "   \n\t\r\n", "# only a comment"]) {
      const { cfg } = parse(text);
      expect(cfg.directives).toEqual([]);
      expect(cfg.problems).toEqual([]);
    }
  });
});

describe("parseNginx: quotes and escapes", () => {
  it("strips quotes, resolves \\\" \\' \\\\ and keeps ranges on the raw token", () => {
    const text = `add_header X-A "a \\"b\\" c" always;\nreturn 200 'it\\'s \\\\ ok';\n`;
    const { file, cfg } = parse(text);
    expect(cfg.problems).toEqual([]);
    const [header, ret] = cfg.directives;
    expect(header?.args).toEqual([
      { start: 11, end: 14, value: "X-A", raw: "X-A", quote: null },
      { start: 15, end: 26, value: 'a "b" c', raw: '"a \\"b\\" c"', quote: '"' },
      { start: 27, end: 33, value: "always", raw: "always", quote: null },
    ]);
    const body = nth(ret?.args, 1);
    expect(body.value).toBe("it's \\ ok");
    expect(body.raw).toBe("'it\\'s \\\\ ok'");
    expect(body.quote).toBe("'");
    expect(lc(file, body.start)).toBe("2:12");
    expect(lc(file, body.end)).toBe("2:25");
  });

  it("keeps other backslashes, and turns \\t \\r \\n into control characters like nginx", () => {
    const { cfg } = parse(`rewrite "^/a\\.b\\d" "\\t\\r\\n\\x" last;\n`);
    expect(cfg.problems).toEqual([]);
    expect(argValues(only(cfg.directives))).toEqual(["^/a\\.b\\d", "\t\r\n\\x", "last"]);
  });

  it("applies the same unescaping to bare tokens, where `\\` also protects `;` and spaces", () => {
    const { cfg } = parse("set $a a\\;b\\ c\\\"d;\n");
    expect(cfg.problems).toEqual([]);
    expect(argValues(only(cfg.directives))).toEqual(["$a", 'a\\;b\\ c"d']);
  });

  it("treats a quote inside a bare token as an ordinary character", () => {
    const { cfg } = parse(`set $a a"b;\n`);
    expect(cfg.problems).toEqual([]);
    expect(only(cfg.directives).args.map((a) => [a.value, a.quote])).toEqual([
      ["$a", null],
      ['a"b', null],
    ]);
  });

  it("allows `;`, `{`, `)` and whitespace right after a closing quote", () => {
    const { cfg } = parse(`if ($request_method = "POST") {\n  return 405;\n}\nset $a "b";\nlocation "/x"{\n}\n`);
    expect(cfg.problems).toEqual([]);
    const [ifBlock, set, loc] = cfg.directives;
    // nginx's tokenizer yields `)` as its own token; the `if` handler strips the parentheses.
    expect(ifBlock && argValues(ifBlock)).toEqual(["($request_method", "=", "POST", ")"]);
    expect(set && argValues(set)).toEqual(["$a", "b"]);
    expect(loc && argValues(loc)).toEqual(["/x"]);
  });

  it('reports a character glued to a closing quote (nginx: unexpected "d")', () => {
    const { file, cfg } = parse(`set $a "abc"def;\nroot /x;\n`);
    expect(problems(file, cfg)).toEqual(['1:13 unexpected "d" after quoted string: nginx needs a space here']);
    expect(argValues(nth(cfg.directives, 0))).toEqual(["$a", "abc", "def"]);
    expect(nth(cfg.directives, 1).name).toBe("root");
  });

  it("reports a quote closed right before `}` once, as a missing `;`", () => {
    const { file, cfg } = parse('location / {\n  return 200 "ok"}\n');
    expect(problems(file, cfg)).toEqual(['2:18 missing ";" after "return" directive']);
    expect(argValues(nth(only(cfg.directives).block, 0))).toEqual(["200", "ok"]);
  });

  it("keeps a lone backslash at end of file", () => {
    const { cfg } = parse("set $a b\\");
    expect(argValues(only(cfg.directives))).toEqual(["$a", "b\\"]);
  });

  it("exports nginx's unescaping for reuse", () => {
    const s = 'a\\"b\\\\c\\qd\\';
    expect(unescapeNginx(s, 0, s.length)).toBe('a"b\\c\\qd\\');
  });
});

describe("parseNginx: comments", () => {
  it("collects full-line and trailing comments; trailing ones attach to the directive", () => {
    const text = [
      "# main config",
      "server { # the app",
      "    listen 80; # http",
      "    # full line",
      "    root /srv;",
      "}",
      "",
    ].join("\n");
    const { file, cfg } = parse(text);
    expect(cfg.problems).toEqual([]);
    expect(cfg.comments.map((c) => [lc(file, c.start), c.text])).toEqual([
      ["1:1", " main config"],
      ["2:10", " the app"],
      ["3:16", " http"],
      ["4:5", " full line"],
    ]);
    const server = only(cfg.directives);
    expect(server.trailingComment).toEqual({ start: 23, end: 32, text: " the app" });
    const [listen, root] = server.block ?? [];
    expect(listen?.trailingComment?.text).toBe(" http");
    expect(listen?.trailingComment && lc(file, listen.trailingComment.end)).toBe("3:22");
    // A comment on the next line is not trailing.
    expect(root?.trailingComment).toBeUndefined();
  });

  it("starts a comment only at the start of a token (a#b is one token)", () => {
    const { cfg } = parse("set $a a#b; # real\nproxy_pass http://x/#frag;\n");
    expect(cfg.problems).toEqual([]);
    expect(argValues(nth(cfg.directives, 0))).toEqual(["$a", "a#b"]);
    expect(argValues(nth(cfg.directives, 1))).toEqual(["http://x/#frag"]);
    expect(cfg.comments.map((c) => c.text)).toEqual([" real"]);
  });

  it("does not attach a comment after `}` or after a stray `;` on another line", () => {
    const { cfg } = parse("location / {\n  root /x;\n} # end of location\n");
    const loc = only(cfg.directives);
    expect(loc.trailingComment).toBeUndefined();
    expect(nth(loc.block, 0).trailingComment).toBeUndefined();
    expect(cfg.comments.map((c) => c.text)).toEqual([" end of location"]);
  });

  it("keeps a comment between arguments out of the arguments", () => {
    const { cfg } = parse("server_name a.example # first\n    b.example;\n");
    expect(cfg.problems).toEqual([]);
    expect(argValues(only(cfg.directives))).toEqual(["a.example", "b.example"]);
    expect(cfg.comments.map((c) => c.text)).toEqual([" first"]);
  });

  it("handles CJK comments with UTF-16 columns", () => {
    const text = "# 中文注释：主配置\nserver {\n    listen 80; # 监听端口 😀\n    root /srv/网站;\n}\n";
    const { file, cfg } = parse(text);
    expect(cfg.problems).toEqual([]);
    expect(cfg.comments.map((c) => c.text)).toEqual([" 中文注释：主配置", " 监听端口 😀"]);
    const [listen, root] = only(cfg.directives).block ?? [];
    expect(listen?.trailingComment?.text).toBe(" 监听端口 😀");
    expect(listen && lc(file, listen.start)).toBe("3:5");
    expect(listen?.trailingComment && lc(file, listen.trailingComment.end)).toBe("3:25");
    expect(root && argValues(root)).toEqual(["/srv/网站"]);
    expect(root && lc(file, root.end)).toBe("4:18");
  });
});

describe("parseNginx: CRLF", () => {
  it("keeps offsets into the CRLF text and never puts CR into values or comments", () => {
    const text = "server {\r\n    listen 80; # web\r\n    server_name a.example\r\n        b.example;\r\n}\r\n";
    const { file, cfg } = parse(text);
    expect(file.lineEndings).toBe("crlf");
    expect(cfg.problems).toEqual([]);
    const server = only(cfg.directives);
    expect(server.blockRange).toEqual({ start: 7, end: 80 });
    const [listen, name] = server.block ?? [];
    expect(listen).toMatchObject({ start: 14, end: 24, semicolon: 23 });
    expect(listen?.trailingComment).toEqual({ start: 25, end: 30, text: " web" });
    expect(name && argValues(name)).toEqual(["a.example", "b.example"]);
    expect(name && lc(file, nth(name.args, 1).start)).toBe("4:9");
    expect(name?.semicolon !== undefined && lc(file, name.semicolon)).toBe("4:18");
    expect(lc(file, server.end - 1)).toBe("5:1");
    checkInvariants(file, cfg);
  });

  it("reports a CRLF missing `;` on the directive's line", () => {
    const { file, cfg } = parse("location / {\r\n    uwsgi_pass backend\r\n}\r\n");
    expect(problems(file, cfg)).toEqual(['2:23 missing ";" after "uwsgi_pass" directive']);
  });
});

describe("parseNginx: problems point at the real cause", () => {
  it('missing ";" before `}`: at the end of the last argument, and the directive is kept', () => {
    const text = "server {\n  location / {\n    uwsgi_pass backend  # comment\n }\n}\n";
    const { file, cfg } = parse(text);
    // nginx says `unexpected "}"` on line 4; the `;` belongs on line 3.
    expect(problems(file, cfg)).toEqual(['3:23 missing ";" after "uwsgi_pass" directive']);
    const problem = only(cfg.problems);
    expect(problem.end).toBe(problem.start);
    const loc = nth(only(cfg.directives).block, 0);
    const pass = only(loc.block ?? []);
    expect(pass.name).toBe("uwsgi_pass");
    expect(argValues(pass)).toEqual(["backend"]);
    expect(pass.semicolon).toBeUndefined();
    expect(text.slice(pass.start, pass.end)).toBe("uwsgi_pass backend");
    expect(pass.trailingComment?.text).toBe(" comment");
    expect(lc(file, loc.end - 1)).toBe("4:2");
    checkInvariants(file, cfg);
  });

  it('unexpected "}" at the brace, and parsing continues', () => {
    const { file, cfg } = parse("server {\n  listen 80;\n}\n}\nworker_processes 2;\n");
    expect(problems(file, cfg)).toEqual(['4:1 unexpected "}": no block is open here']);
    expect(cfg.directives.map((d) => d.name)).toEqual(["server", "worker_processes"]);
  });

  it("unclosed block: at the `{` that is never closed, naming the directive and its line", () => {
    const text = "http {\n  server {\n    listen 80;\n  }\n  server {\n    listen 81;\n\n";
    const { file, cfg } = parse(text);
    expect(problems(file, cfg)).toEqual([
      '1:6 unexpected end of file, expecting "}": the "{" of "http" on line 1 is never closed',
      '5:10 unexpected end of file, expecting "}": the "{" of "server" on line 5 is never closed',
    ]);
    const http = only(cfg.directives);
    const second = nth(http.block, 1);
    expect(argValues(nth(second.block, 0))).toEqual(["81"]);
    // An unclosed block ends with the last thing inside it.
    expect(second.end).toBe(text.indexOf("81;") + 3);
    expect(second.blockRange?.end).toBe(second.end);
    checkInvariants(file, cfg);
  });

  it("unterminated quote: at the opening quote; parsing resumes at the next `;` or line end", () => {
    const text = 'server {\n  add_header X-Frame "DENY;\n  root /srv;\n  return 200 \'ok\n  index a;\n}\n';
    const { file, cfg } = parse(text);
    expect(problems(file, cfg)).toEqual([
      '2:22 unterminated quoted string: no closing " before end of file',
      "4:14 unterminated quoted string: no closing ' before end of file",
    ]);
    const [header, root, ret] = only(cfg.directives).block ?? [];
    expect(header?.args.map((a) => [a.value, a.raw])).toEqual([
      ["X-Frame", "X-Frame"],
      ["DENY", '"DENY'],
    ]);
    expect(header?.semicolon !== undefined && lc(file, header.semicolon)).toBe("2:27");
    expect(root && argValues(root)).toEqual(["/srv"]);
    // No extra missing-";" report: the open quote is the one cause.
    expect(ret && argValues(ret)).toEqual(["200", "ok", "index", "a"]);
    checkInvariants(file, cfg);
  });

  it("unterminated quote at end of a CRLF line keeps the CR out of the token", () => {
    const { cfg } = parse('return 200 "a\r\n');
    const arg = nth(only(cfg.directives).args, 1);
    expect(arg.raw).toBe('"a');
    expect(arg.value).toBe("a");
  });

  it('`;` or `{` without a directive name: "unexpected" at that character', () => {
    const { file, cfg } = parse("listen 80;;\n;\nserver {\n  {\n    root /x;\n  }\n}\n");
    expect(problems(file, cfg)).toEqual([
      '1:11 unexpected ";": no directive name before it',
      '2:1 unexpected ";": no directive name before it',
      '4:3 unexpected "{": no directive name before it',
    ]);
    // The nameless block's directives are kept, in the enclosing block; its `}` matches it.
    const server = nth(cfg.directives, 1);
    expect(only(server.block ?? []).name).toBe("root");
    expect(only(server.block ?? []).context).toEqual(["server"]);
    expect(lc(file, server.end - 1)).toBe("7:1");
  });

  it("directive at end of file without `;`: at the end of its last token", () => {
    const { file, cfg } = parse("user nginx;\nworker_processes auto # cores\n\n");
    expect(problems(file, cfg)).toEqual(['2:22 unexpected end of file: missing ";" after "worker_processes" directive']);
    const last = nth(cfg.directives, 1);
    expect(argValues(last)).toEqual(["auto"]);
    expect(last.semicolon).toBeUndefined();
    expect(last.end).toBe(33);
    expect(last.trailingComment?.text).toBe(" cores");
  });

  it("a name alone at end of file is still a directive", () => {
    const { file, cfg } = parse("gzip");
    expect(problems(file, cfg)).toEqual(['1:5 unexpected end of file: missing ";" after "gzip" directive']);
    expect(only(cfg.directives)).toMatchObject({ name: "gzip", start: 0, end: 4, args: [] });
  });

  it("recovers: directives after each error are still parsed", () => {
    const text = [
      "}", //                                   1 stray
      "events {", //                            2
      "  worker_connections 1024", //           3 missing ;
      "}", //                                   4
      "http {", //                              5
      "  ;", //                                 6 stray
      "  server {", //                          7
      '    set $a "x"y;', //                    8 glued
      "    listen 80;", //                      9
      "  }", //                                 10
      "  gzip on;", //                          11
      "}", //                                   12
      "pid /run/nginx.pid;", //                 13
      "",
    ].join("\n");
    const { file, cfg } = parse(text);
    expect(problems(file, cfg)).toEqual([
      '1:1 unexpected "}": no block is open here',
      '3:26 missing ";" after "worker_connections" directive',
      '6:3 unexpected ";": no directive name before it',
      '8:15 unexpected "y" after quoted string: nginx needs a space here',
    ]);
    expect(allDirectives(cfg.directives).map((d) => `${d.context.join("/")}:${d.name}`)).toEqual([
      ":events",
      "events:worker_connections",
      ":http",
      "http:server",
      "http/server:set",
      "http/server:listen",
      "http:gzip",
      ":pid",
    ]);
    checkInvariants(file, cfg);
  });
});

describe("parseNginx: missing `;` glued to the next line's directive", () => {
  it("splits when the next line starts with a known directive followed by arguments and `;`", () => {
    const text = "location / {\n    uwsgi_pass backend\n    include uwsgi_params;\n}\n";
    const { file, cfg } = parse(text);
    // nginx: `invalid number of arguments in "uwsgi_pass" directive` on line 3.
    expect(problems(file, cfg)).toEqual(['2:23 missing ";" after "uwsgi_pass" directive']);
    const [pass, include] = only(cfg.directives).block ?? [];
    expect(pass).toMatchObject({ name: "uwsgi_pass", semicolon: undefined, context: ["location"] });
    expect(pass && argValues(pass)).toEqual(["backend"]);
    expect(pass && text.slice(pass.start, pass.end)).toBe("uwsgi_pass backend");
    expect(include).toMatchObject({ name: "include", context: ["location"] });
    expect(include && argValues(include)).toEqual(["uwsgi_params"]);
    expect(include?.semicolon !== undefined && lc(file, include.semicolon)).toBe("3:25");
    expect(include && lc(file, include.start)).toBe("3:5");
    checkInvariants(file, cfg);
  });

  it("keeps the first directive's trailing comment when splitting", () => {
    const { file, cfg } = parse("proxy_pass http://web:8000  # app\nproxy_set_header Host $host;\n");
    expect(problems(file, cfg)).toEqual(['1:27 missing ";" after "proxy_pass" directive']);
    const [pass, header] = cfg.directives;
    expect(pass?.trailingComment?.text).toBe(" app");
    expect(header && argValues(header)).toEqual(["Host", "$host"]);
  });

  it("splits several glued lines, and also before a `}`", () => {
    const text = "location / {\n  uwsgi_pass backend\n  include uwsgi_params\n  uwsgi_read_timeout 60\n}\n";
    const { file, cfg } = parse(text);
    expect(problems(file, cfg)).toEqual([
      '2:21 missing ";" after "uwsgi_pass" directive',
      '3:23 missing ";" after "include" directive',
      '4:24 missing ";" after "uwsgi_read_timeout" directive',
    ]);
    expect((only(cfg.directives).block ?? []).map((d) => [d.name, ...argValues(d)])).toEqual([
      ["uwsgi_pass", "backend"],
      ["include", "uwsgi_params"],
      ["uwsgi_read_timeout", "60"],
    ]);
    checkInvariants(file, cfg);
  });

  it("does not split legitimate multi-line argument lists", () => {
    const cases = [
      // log_format is wrapped on purpose.
      "log_format main '$remote_addr'\n    root '$status';\n",
      // Quoted continuation.
      'add_header Content-Security-Policy\n    "default-src \'self\'";\n',
      // Next line is not a known directive name.
      "server_name a.example\n    b.example c.example;\n",
      "rewrite ^/old /new\n    permanent;\n",
      // Known name but alone on its line: could be a plain argument.
      "try_files $uri\n    index;\n",
      // `;` on its own line (with an argument count nginx accepts: index takes any number).
      "index index.html\n    root /y\n;\n",
      // Data blocks hold entries, not directives.
      "map $host $root {\n    default\n    root /x;\n}\n",
      // Block-only directive ending in `;`: the mistake is a missing `{`.
      "location /x\n    root /y;\n",
      // A quoted candidate is an argument.
      "return 200\n    'root' x;\n",
    ];
    for (const text of cases) {
      const { file, cfg } = parse(text);
      expect(cfg.problems, text).toEqual([]);
      expect(allDirectives(cfg.directives).filter((d) => d.semicolon !== undefined), text).toHaveLength(1);
      checkInvariants(file, cfg);
    }
  });

  // Checked with `nginx -t` (nginx 1.22; test/integration/nginx-syntax.int.test.ts sweeps every
  // fixture with such mutations): nginx refuses these token lists, one line after the real mistake.
  it("reports a missing `;` where nginx certainly refuses the argument count, even for wrapped directives", () => {
    // add_header takes 2 or 3 arguments: nginx says `invalid number of arguments in "add_header"` at line 2.
    let r = parse("add_header X-A a\nadd_header X-B b;\n");
    expect(problems(r.file, r.cfg)).toEqual(['1:17 missing ";" after "add_header" directive']);
    expect(r.cfg.directives.map((d) => [d.name, ...argValues(d)])).toEqual([
      ["add_header", "X-A", "a"],
      ["add_header", "X-B", "b"],
    ]);
    checkInvariants(r.file, r.cfg);
    // proxy_pass takes 1 argument, even when the `;` stands on its own line (nginx: line 3).
    r = parse("proxy_pass http://x\n    root /y\n;\n");
    expect(problems(r.file, r.cfg)).toEqual(['1:20 missing ";" after "proxy_pass" directive']);
    expect(r.cfg.directives.map((d) => [d.name, ...argValues(d)])).toEqual([
      ["proxy_pass", "http://x"],
      ["root", "/y"],
    ]);
    // A count nginx accepts (return takes 1 or 2) is never split, nor a quoted candidate.
    expect(parse("return 301\n    https://x;\n").cfg.problems).toEqual([]);
    expect(parse("return 200\n    'root' x;\n").cfg.problems).toEqual([]);
    // Directives nginx 1.22 does not know (third-party modules) are left alone.
    expect(parse("more_set_headers 'A: b'\n    'C: d';\n").cfg.problems).toEqual([]);
  });

  it("reports a missing `;` after listen / upstream server when nginx would refuse the glued word as a parameter", () => {
    // nginx: `invalid parameter "on"` at line 3 (`ssl` alone would be a valid listen parameter).
    let r = parse("server {\n    listen 443\n    ssl on;\n}\n");
    expect(problems(r.file, r.cfg)).toEqual(['2:15 missing ";" after "listen" directive']);
    checkInvariants(r.file, r.cfg);
    // nginx: `invalid parameter "keepalive"` at line 3.
    r = parse("upstream app {\n    server app:8000\n    keepalive 8;\n}\n");
    expect(problems(r.file, r.cfg)).toEqual(['2:20 missing ";" after "server" directive']);
    expect(only(r.cfg.directives).block?.map((d) => [d.name, ...argValues(d)])).toEqual([
      ["server", "app:8000"],
      ["keepalive", "8"],
    ]);
    // Parameters nginx knows, wrapped over lines, stay one directive.
    expect(parse("listen 443 ssl\n    http2 default_server;\n").cfg.problems).toEqual([]);
    expect(parse("upstream a {\n    server a:1\n        max_fails=3 fail_timeout=5s;\n}\n").cfg.problems).toEqual([]);
  });

  it("reports a missing `;` between map entries (nginx: invalid number of the map parameters)", () => {
    const r = parse('map $http_origin $cors {\n    default ""\n    "~^https://a$" $http_origin;\n}\n');
    expect(problems(r.file, r.cfg)).toEqual(['2:15 missing ";" after "default" directive']);
    checkInvariants(r.file, r.cfg);
    expect(parse("map $host $x {\n    hostnames;\n    default 0;\n    include /x;\n}\n").cfg.problems).toEqual([]);
    // `hostnames` takes no value: nginx refuses `hostnames default 0` (line 3).
    const h = parse("map $a $b {\n    hostnames\n    default 0;\n}\n");
    expect(problems(h.file, h.cfg)).toEqual(['2:14 missing ";" after "hostnames" directive']);
  });

  it("reports a simple directive running into a block: the `;` before `location`/`if` is missing", () => {
    // nginx: `directive "listen" is not terminated by ";"` at the `{` line (2).
    let r = parse("server {\n    listen 80\n    location / {\n        return 200;\n    }\n}\n");
    expect(problems(r.file, r.cfg)).toEqual(['2:14 missing ";" after "listen" directive']);
    const server = only(r.cfg.directives);
    expect((server.block ?? []).map((d) => [d.name, ...argValues(d)])).toEqual([
      ["listen", "80"],
      ["location", "/"],
    ]);
    expect(nth(server.block, 1).block?.map((d) => d.name)).toEqual(["return"]);
    checkInvariants(r.file, r.cfg);
    // Several glued simple directives before the block: each missing `;` is reported.
    r = parse("server {\n    listen 80\n    server_name a\n    if ($x) {\n        return 403;\n    }\n}\n");
    expect(problems(r.file, r.cfg)).toEqual(['2:14 missing ";" after "listen" directive', '3:18 missing ";" after "server_name" directive']);
    checkInvariants(r.file, r.cfg);
    // No block directive to blame: the `{` itself is the error (nginx: same message, same line).
    r = parse("server_name a {\n}\n");
    expect(problems(r.file, r.cfg)).toEqual(['1:15 unexpected "{": "server_name" does not take a block (nginx: directive "server_name" is not terminated by ";")']);
    checkInvariants(r.file, r.cfg);
    // Block directives, unknown names and names with a block form are not judged.
    expect(parse("server {\n}\nupstream u {\n    server a:1;\n}\n").cfg.problems).toEqual([]);
    expect(parse("my_module_block x {\n}\n").cfg.problems).toEqual([]);
  });

  it("splits only the glued part when a directive legitimately spans lines first", () => {
    const text = "server_name a.example\n    b.example\nlisten 80;\n";
    const { file, cfg } = parse(text);
    expect(problems(file, cfg)).toEqual(['2:14 missing ";" after "server_name" directive']);
    expect(cfg.directives.map((d) => [d.name, ...argValues(d)])).toEqual([
      ["server_name", "a.example", "b.example"],
      ["listen", "80"],
    ]);
  });
});

describe("parseNginx: nginx's 4096-byte token buffer", () => {
  it("reports a token too long for nginx and accepts the longest that fits", () => {
    const fits = "a".repeat(4095);
    expect(parse(`set $a ${fits};\n`).cfg.problems).toEqual([]);
    expect(parse(`set $a "${"q".repeat(4094)}";\n`).cfg.problems).toEqual([]);
    const { file, cfg } = parse(`set $a ${fits}a;\nset $b "${"q".repeat(4095)}";\n`);
    expect(problems(file, cfg)).toEqual([
      '1:8 too long parameter "aaaaaaaaaa...": nginx accepts at most 4095 bytes per token',
      '2:8 too long parameter "qqqqqqqqqq...": nginx accepts at most 4095 bytes per token',
    ]);
    expect(nth(cfg.problems, 0).end).toBe(8 + 4096 - 1);
    expect(cfg.directives).toHaveLength(2);
  });

  it("counts UTF-8 bytes, not UTF-16 units", () => {
    // 1400 CJK characters are 4200 bytes.
    const { cfg } = parse(`set $a ${"中".repeat(1400)};\n`);
    expect(cfg.problems.map((p) => p.message)).toEqual([
      'too long parameter "中中中中中中中中中中...": nginx accepts at most 4095 bytes per token',
    ]);
    expect(parse(`set $a ${"中".repeat(1365)};\n`).cfg.problems).toEqual([]);
  });

  it("reports a comment line too long for the buffer (nginx keeps the whole comment in it)", () => {
    const { file, cfg } = parse(`# ${"x".repeat(4100)}\nroot /x;\n`);
    expect(problems(file, cfg)).toEqual([
      '1:1 too long comment line: nginx reads at most 4095 bytes per line of comment and fails with "too long parameter"',
    ]);
    expect(parse(`# ${"x".repeat(4093)}\nroot /x;\n`).cfg.problems).toEqual([]);
  });
});

describe("parseNginx: robustness", () => {
  it("survives 100000 nameless `{` and 100000 `}` without recursion", () => {
    const opens = parse("{".repeat(100000));
    expect(opens.cfg.problems).toHaveLength(100000);
    expect(opens.cfg.directives).toEqual([]);
    const closes = parse("}".repeat(100000));
    expect(closes.cfg.problems).toHaveLength(100000);
  });

  it("survives 100000 nested named blocks; context stops growing at the depth limit", () => {
    const depth = 100000;
    const text = "a {\n".repeat(depth) + "b c;\n" + "}\n".repeat(depth);
    const { file, cfg } = parse(text);
    expect(cfg.problems.map((p) => p.message)).toEqual([
      `blocks nested more than ${MAX_CONTEXT_DEPTH} levels deep; context is not tracked below this level`,
    ]);
    const all = allDirectives(cfg.directives);
    expect(all).toHaveLength(depth + 1);
    const leaf = all[all.length - 1];
    expect(leaf?.name).toBe("b");
    expect(leaf?.context).toHaveLength(MAX_CONTEXT_DEPTH);
    expect(nth(all, 10).context).toHaveLength(10);
    expect(nth(cfg.directives, 0).end).toBe(text.length - 1);
    checkInvariants(file, cfg);

    const unclosed = parse("a {".repeat(depth));
    expect(unclosed.cfg.problems.length).toBe(depth + 1);
    checkInvariants(unclosed.file, unclosed.cfg);
  });

  it("stays linear with many stray quotes and backslashes", () => {
    const text = 'a "'.repeat(20000) + " '\\".repeat(20000) + "\\".repeat(50000) + '"';
    const { file, cfg } = parse(text);
    checkInvariants(file, cfg);
    // Thousands of glued directives, each with a comment, in one token list.
    const glued = parse("include x # c\n".repeat(49999) + "include x;\n");
    expect(glued.cfg.directives).toHaveLength(50000);
    expect(glued.cfg.problems).toHaveLength(49999);
    expect(nth(glued.cfg.directives, 0).trailingComment?.text).toBe(" c");
    checkInvariants(glued.file, glued.cfg);
  });

  it("parses a 5 MB config with thousands of server blocks", () => {
    const server = (i: number): string =>
      [
        `server { # site ${i}`,
        `    listen ${8000 + (i % 1000)};`,
        `    server_name site${i}.example.com www.site${i}.example.com;`,
        `    location / {`,
        `        proxy_pass http://backend${i % 10}:8000;`,
        `        proxy_set_header Host $host;`,
        `        add_header X-Site "site ${i}; \\"quoted\\"";`,
        `    }`,
        `    location ~ "^/static/(.*)\\.(css|js){1}$" { alias /srv/static/$1.$2; expires 30d; }`,
        `}`,
        ``,
      ].join("\n");
    const parts: string[] = ["http {\n"];
    let size = 0;
    let count = 0;
    while (size < 5 * 1024 * 1024) {
      const s = server(count++);
      parts.push(s);
      size += s.length;
    }
    parts.push("}\n");
    const { file, cfg } = parse(parts.join(""));
    expect(cfg.problems).toEqual([]);
    const http = only(cfg.directives);
    expect(http.block).toHaveLength(count);
    expect(allDirectives(cfg.directives)).toHaveLength(1 + count * 10);
    expect(cfg.comments).toHaveLength(count);
    const last = nth(http.block, count - 1);
    expect(argValues(nth(nth(last.block, 2).block, 2))).toEqual(["X-Site", `site ${count - 1}; "quoted"`]);
    checkInvariants(file, cfg);
  });

  it("never throws and keeps every range in bounds on thousands of random and mutated inputs", () => {
    // reproducible, so a failure can be replayed by its iteration number
    const random = mulberry32(0x5eed1234);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const alphabet = [..."ab_1 \t\n\r;{}#\"'\\$()~^*中😀\u0000\u00a0"];
    const seeds = [
      "http {\n  server {\n    listen 80; # c\n    location / {\n      uwsgi_pass backend;\n      include uwsgi_params;\n    }\n  }\n}\n",
      'log_format main \'$remote_addr "$request"\'\n    \'$status\';\nmap $a $b {\n  default 0;\n  ~^x 1;\n}\n',
      "upstream app {\r\n  server web:8000;\r\n}\r\nserver {\r\n  add_header X \"a\\\"b\" always;\r\n  set $v ${x}y;\r\n}\r\n",
    ];
    const fragments = [";", "{", "}", "\n", "#", '"', "'", "\\", "${", " include x;", "\r\n", "location / {", "proxy_pass"];
    for (let round = 0; round < 3000; round++) {
      let text: string;
      if (round % 2 === 0) {
        const length = Math.floor(random() * 120);
        let s = "";
        for (let k = 0; k < length; k++) s += pick(alphabet);
        text = s;
      } else {
        text = pick(seeds);
        const edits = 1 + Math.floor(random() * 4);
        for (let e = 0; e < edits; e++) {
          const at = Math.floor(random() * (text.length + 1));
          const op = random();
          if (op < 0.4) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 5));
          else if (op < 0.8) text = text.slice(0, at) + pick(fragments) + text.slice(at);
          else text = text.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x10000)) + text.slice(at + 1);
        }
      }
      const file = createSourceFile("/virtual/fuzz.conf", text);
      let cfg: NginxConfig | undefined;
      expect(() => {
        cfg = parseNginx(file);
      }, JSON.stringify(text)).not.toThrow();
      if (cfg !== undefined) checkInvariants(file, cfg);
    }
  });

  it("never throws on random bytes decoded as latin1 and UTF-8", () => {
    let x = 12345;
    for (let round = 0; round < 200; round++) {
      const bytes = new Uint8Array(256 + round * 8);
      for (let k = 0; k < bytes.length; k++) {
        x = (Math.imul(x, 1103515245) + 12345) | 0;
        bytes[k] = (x >>> 16) & 0xff;
      }
      for (const encoding of ["latin1", "utf-8"] as const) {
        const file = createSourceFile("/virtual/bytes.conf", new TextDecoder(encoding).decode(bytes));
        checkInvariants(file, parseNginx(file));
      }
    }
  });
});

const CORPUS = "/work/shared/corpus";

/** nginx files of the real-world corpus: any file whose path inside its project mentions nginx. */
function corpusFiles(): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(CORPUS, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const inProject = relative(CORPUS, path).split(sep).slice(1).join("/");
    if (/nginx/i.test(inProject)) out.push(path);
  }
  return out.sort();
}

describe.skipIf(!existsSync(CORPUS))("parseNginx: real-world corpus", () => {
  it("parses every nginx file without throwing; clean files have sane directive ranges", () => {
    const files = corpusFiles();
    expect(files.length).toBeGreaterThan(10);
    let clean = 0;
    for (const path of files) {
      const bytes = readFileSync(path);
      if (bytes.includes(0)) continue; // binary
      const file = createSourceFile(path, bytes.toString("utf8"));
      const cfg = parseNginx(file);
      checkInvariants(file, cfg);
      if (cfg.problems.length > 0) continue;
      clean++;
      for (const d of allDirectives(cfg.directives)) {
        const slice = file.text.slice(d.start, d.end);
        expect(slice.startsWith(file.text.slice(d.nameRange.start, d.nameRange.end)), `${path}:${lc(file, d.start)}`).toBe(
          true,
        );
        if (d.nameRange.end - d.nameRange.start === d.name.length) expect(slice.startsWith(d.name)).toBe(true);
        expect(d.semicolon !== undefined || d.block !== undefined, `${path}:${lc(file, d.start)}`).toBe(true);
      }
    }
    expect(clean).toBeGreaterThan(files.length / 2);
  });
});
