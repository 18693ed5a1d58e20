import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseShell, parseShellCommands } from "../../src/parsers/shell/parse.js";
import type { ShellCommand, ShellScript, ShellWord } from "../../src/parsers/shell/ast.js";
import { createSourceFile, positionAt, type Range, type SourceFile } from "../../src/source/source-file.js";

const EXAMPLES = process.env["STACKLINT_EXAMPLES"] ?? "/work/shared/examples";

function parse(text: string): { file: SourceFile; script: ShellScript } {
  const file = createSourceFile("/virtual/start.sh", text);
  return { file, script: parseShell(file) };
}

function words(c: ShellCommand | undefined): string[] {
  return c?.words.map((w) => w.value) ?? [];
}

function line(file: SourceFile, offset: number): number {
  return positionAt(file, offset).line;
}

/** Plain checks (no expect per item): this runs thousands of times in the random test. */
function checkInvariants(text: string, base: number, result: { commands: ShellCommand[]; problems: Range[] }, comments: Range[] = []): void {
  const lo = base;
  const hi = base + text.length;
  const fail = (what: string): never => {
    throw new Error(`${what} in ${JSON.stringify(text.slice(0, 300))}`);
  };
  const inBounds = (r: Range, what: string): void => {
    if (!(r.start >= lo && r.end >= r.start && r.end <= hi)) fail(`${what} out of bounds ${JSON.stringify(r)}`);
  };
  const wordOk = (w: ShellWord): void => {
    inBounds(w, "word");
    if (text.slice(w.start - base, w.end - base) !== w.raw) fail("word raw differs from its range");
  };
  let prevStart = lo;
  for (const c of result.commands) {
    inBounds(c, "command");
    if (c.start < prevStart) fail("commands out of source order");
    prevStart = c.start;
    for (const w of c.words) wordOk(w);
    for (const w of c.assignments) wordOk(w);
    for (const r of c.redirects) {
      inBounds(r, "redirect");
      if (r.target !== undefined) wordOk(r.target);
    }
    if (c.terminatorRange !== undefined) inBounds(c.terminatorRange, "terminator");
    if (c.depth < 0 || c.enclosing.length > c.depth) fail("depth/enclosing mismatch");
    if (c.words.length + c.assignments.length + c.redirects.length === 0) fail("empty command");
  }
  for (const p of result.problems) inBounds(p, "problem");
  for (const r of comments) inBounds(r, "comment");
}

describe.skipIf(!existsSync(EXAMPLES))("example scripts", () => {
  it("seed-django-stack/myproject/start.sh", () => {
    const text = readFileSync(join(EXAMPLES, "seed-django-stack/myproject/start.sh"), "utf8");
    const { file, script } = parse(text);
    checkInvariants(text, 0, script, script.comments);
    expect(script.problems).toEqual([]);
    expect(script.shebang).toEqual({ interpreter: "/bin/bash", args: [], range: { start: 0, end: 11 } });
    // shebang + 7 comment lines
    expect(script.comments.map((c) => line(file, c.start))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    const summary = script.commands.map((c) => [line(file, c.start), words(c).join(" "), c.terminator, c.depth, c.enclosing]);
    expect(summary).toEqual([
      [9, "nc -z db 3306", ";", 1, ["while"]],
      [10, "echo Waiting for the MySQL Server", "newline", 1, ["while"]],
      [11, "sleep 3", "newline", 1, ["while"]],
      [14, "python manage.py collectstatic --noinput", "&&", 0, []],
      [15, "python manage.py makemigrations", "&&", 0, []],
      [16, "python manage.py migrate", "&&", 0, []],
      [17, "uwsgi --ini /var/www/html/myproject/uwsgi.ini", "&&", 0, []],
      [18, "tail -f /dev/null", "newline", 0, []],
      [20, "exec $@", "newline", 0, []],
    ]);

    const uwsgi = script.commands[6];
    expect(uwsgi).toMatchObject({ start: 372, end: 417, terminator: "&&", terminatorRange: { start: 417, end: 419 } });
    expect(uwsgi?.words[2]).toEqual({
      start: 384,
      end: 417,
      raw: "/var/www/html/myproject/uwsgi.ini",
      value: "/var/www/html/myproject/uwsgi.ini",
      quoted: false,
      hasExpansion: false,
    });
    const tail = script.commands[7];
    expect(tail && text.slice(tail.start, tail.end)).toBe("tail -f /dev/null");
    const exec = script.commands[8];
    expect(exec?.words[1]).toMatchObject({ raw: '"$@"', value: "$@", quoted: true, hasExpansion: true });
    expect(exec?.terminator).toBe("newline");
    expect(script.commands.every((c) => !c.inFunction)).toBe(true);
  });

  it("seed-split-frontend-backend/backend/src/start.sh (no shebang, && newline chains)", () => {
    const text = readFileSync(join(EXAMPLES, "seed-split-frontend-backend/backend/src/start.sh"), "utf8");
    const { file, script } = parse(text);
    checkInvariants(text, 0, script, script.comments);
    expect(script.shebang).toBeUndefined();
    expect(script.problems).toEqual([]);
    expect(script.commands.map((c) => [line(file, c.start), words(c)[0], c.terminator])).toEqual([
      [1, "python", "&&"],
      [2, "python", "&&"],
      [3, "uwsgi", "newline"],
    ]);
  });

  it("run.sh files", () => {
    for (const rel of ["seed-links-wordpress/run.sh", "seed-split-frontend-backend/run.sh"]) {
      const text = readFileSync(join(EXAMPLES, rel), "utf8");
      const { script } = parse(text);
      checkInvariants(text, 0, script, script.comments);
      expect(script.problems, rel).toEqual([]);
      expect(script.shebang?.interpreter, rel).toBe("/bin/sh");
      expect(script.commands.every((c) => words(c)[0] === "docker"), rel).toBe(true);
    }
  });
});

describe("words", () => {
  it("quotes, escapes and expansions", () => {
    const text = `echo plain 'single $x' "double $HOME" e\\ scaped $(date "+%s") \`id -u\` \${X:-"q"} $'a\\tb' $"loc" mixed"$A"'b' \\$lit #comment`;
    const { script } = parse(text);
    checkInvariants(text, 0, script, script.comments);
    expect(script.problems).toEqual([]);
    const ws = script.commands[0]?.words ?? [];
    expect(ws.map((w) => [w.raw, w.value, w.quoted, w.hasExpansion])).toEqual([
      ["echo", "echo", false, false],
      ["plain", "plain", false, false],
      ["'single $x'", "single $x", true, false],
      ['"double $HOME"', "double $HOME", true, true],
      ["e\\ scaped", "e scaped", true, false],
      ['$(date "+%s")', '$(date "+%s")', false, true],
      ["`id -u`", "`id -u`", false, true],
      ['${X:-"q"}', '${X:-"q"}', false, true],
      ["$'a\\tb'", "a\tb", true, false],
      ['$"loc"', "loc", true, false],
      [`mixed"$A"'b'`, "mixed$Ab", true, true],
      ["\\$lit", "$lit", true, false],
    ]);
    expect(script.comments).toEqual([{ start: text.indexOf("#comment"), end: text.length }]);
  });

  it("nested command substitutions stay inside one word", () => {
    const text = 'x=$(echo "$(cat "$(ls ")")" )") y\necho $((1 + (2 * 3))) "${a:-it\'s}" $(case $1 in a) echo A;; esac)\n';
    const { script } = parse(text);
    checkInvariants(text, 0, script);
    expect(script.problems).toEqual([]);
    expect(script.commands[0]?.assignments.map((w) => w.raw)).toEqual(['x=$(echo "$(cat "$(ls ")")" )")']);
    expect(words(script.commands[0])).toEqual(["y"]);
    expect(script.commands[1]?.words.map((w) => w.raw)).toEqual(["echo", "$((1 + (2 * 3)))", `"\${a:-it's}"`, "$(case $1 in a) echo A;; esac)"]);
  });

  it("line continuations join words and commands", () => {
    const text = "docker run \\\n  --name x \\\n  image\nab\\\ncd\n";
    const { script } = parse(text);
    expect(script.commands.map(words)).toEqual([["docker", "run", "--name", "x", "image"], ["abcd"]]);
    expect(script.commands[1]?.words[0]?.raw).toBe("ab\\\ncd");
  });

  it("assignments before the command name only", () => {
    const { script } = parse("A=1 B='x y' env C=2 cmd\nexport D=4\nE=5\narr=(a \"b c\")\n");
    expect(script.commands.map((c) => [c.assignments.map((w) => w.value), words(c)])).toEqual([
      [["A=1", "B=x y"], ["env", "C=2", "cmd"]],
      [[], ["export", "D=4"]],
      [["E=5"], []],
      [['arr=(a "b c")'], []],
    ]);
  });
});

describe("operators and redirections", () => {
  it("terminators, && across a newline", () => {
    const text = "a && b || c | d ; e & f |& g\nh &&\n\n  i\nj";
    const { script } = parse(text);
    expect(script.problems).toEqual([]);
    expect(script.commands.map((c) => [words(c)[0], c.terminator, c.terminatorRange && text.slice(c.terminatorRange.start, c.terminatorRange.end)])).toEqual([
      ["a", "&&", "&&"],
      ["b", "||", "||"],
      ["c", "|", "|"],
      ["d", ";", ";"],
      ["e", "&", "&"],
      ["f", "|", "|&"],
      ["g", "newline", "\n"],
      ["h", "&&", "&&"],
      ["i", "newline", "\n"],
      ["j", "end", undefined],
    ]);
  });

  it("redirections", () => {
    const text = "cmd > out 2>&1 >> log < in 2>/dev/null &>all >&2 3<&- <<< here\n";
    const { script } = parse(text);
    checkInvariants(text, 0, script);
    expect(script.problems).toEqual([]);
    const c = script.commands[0];
    expect(words(c)).toEqual(["cmd"]);
    expect(c?.redirects.map((r) => [r.op, r.target?.value, text.slice(r.start, r.end)])).toEqual([
      [">", "out", "> out"],
      ["2>&1", undefined, "2>&1"],
      [">>", "log", ">> log"],
      ["<", "in", "< in"],
      ["2>", "/dev/null", "2>/dev/null"],
      ["&>", "all", "&>all"],
      [">&2", undefined, ">&2"],
      ["3<&-", undefined, "3<&-"],
      ["<<<", "here", "<<< here"],
    ]);
    expect(c?.end).toBe(text.length - 1);
  });

  it("heredoc bodies are skipped, not parsed as commands", () => {
    const text = [
      "cat <<EOF > /etc/nginx/conf.d/app.conf",
      "server {",
      "  listen 80; rm -rf /",
      "}",
      "EOF",
      "echo after",
      "cat <<-'END' | sh",
      "\techo not a command",
      "\tEND",
      'cat <<"A"; cat <<B',
      "a",
      "A",
      "b",
      "B",
      "echo last",
    ].join("\n");
    const { file, script } = parse(text);
    checkInvariants(text, 0, script);
    expect(script.problems).toEqual([]);
    expect(script.commands.map((c) => [line(file, c.start), words(c).join(" ")])).toEqual([
      [1, "cat"],
      [6, "echo after"],
      [7, "cat"],
      [7, "sh"],
      [10, "cat"],
      [10, "cat"],
      [15, "echo last"],
    ]);
    expect(script.commands[0]?.redirects.map((r) => [r.op, r.target?.value])).toEqual([
      ["<<", "EOF"],
      [">", "/etc/nginx/conf.d/app.conf"],
    ]);
  });

  it("unterminated heredoc", () => {
    const { script } = parse("cat <<EOF\nno end\n");
    expect(script.problems).toEqual([{ start: 4, end: 9, message: 'here-document delimited by end of file (wanted "EOF")' }]);
  });
});

describe("compound commands", () => {
  it("if / elif / else, for, case, while, until", () => {
    const text = [
      "if [ -f /x ]; then",
      "  a",
      "elif b; then c; else d; fi",
      "for i in 1 2 3; do echo $i; done",
      "for f",
      "do g; done",
      "case \"$1\" in",
      "  start|run) exec app ;;",
      "  (stop) kill 1 ;;",
      "  *) echo usage; exit 1 ;;",
      "esac",
      "until false; do :; done",
      "",
    ].join("\n");
    const { file, script } = parse(text);
    checkInvariants(text, 0, script);
    expect(script.problems).toEqual([]);
    expect(script.commands.map((c) => [line(file, c.start), words(c).join(" "), c.depth, c.enclosing.join(">")])).toEqual([
      [1, "[ -f /x ]", 1, "if"],
      [2, "a", 1, "if"],
      [3, "b", 1, "if"],
      [3, "c", 1, "if"],
      [3, "d", 1, "if"],
      [4, "echo $i", 1, "for"],
      [6, "g", 1, "for"],
      [8, "exec app", 1, "case"],
      [9, "kill 1", 1, "case"],
      [10, "echo usage", 1, "case"],
      [10, "exit 1", 1, "case"],
      [12, "false", 1, "until"],
      [12, ":", 1, "until"],
    ]);
  });

  it("functions, groups, subshells and nesting", () => {
    const text = [
      "f() { local x=1; g; }",
      "function h {",
      "  ( cd /tmp && ls )",
      "  if true; then while read l; do echo $l; done < f; fi",
      "}",
      "function k() (echo sub)",
      "{ echo grouped; } > log 2>&1 &",
      "(cd / ; pwd)",
      "outer",
    ].join("\n");
    const { file, script } = parse(text);
    checkInvariants(text, 0, script);
    expect(script.problems).toEqual([]);
    expect(script.commands.map((c) => [line(file, c.start), words(c).join(" "), c.depth, c.inFunction, c.enclosing.join(">"), c.terminator])).toEqual([
      [1, "local x=1", 1, true, "function", ";"],
      [1, "g", 1, true, "function", ";"],
      [3, "cd /tmp", 2, true, "function>subshell", "&&"],
      [3, "ls", 2, true, "function>subshell", "end"],
      [4, "true", 2, true, "function>if", ";"],
      [4, "read l", 3, true, "function>if>while", ";"],
      [4, "echo $l", 3, true, "function>if>while", ";"],
      [6, "echo sub", 1, true, "function", "end"],
      [7, "echo grouped", 1, false, "group", ";"],
      [8, "cd /", 1, false, "subshell", ";"],
      [8, "pwd", 1, false, "subshell", "end"],
      [9, "outer", 0, false, "", "end"],
    ]);
  });

  it("keywords are only keywords at the start of a command", () => {
    const { script } = parse("echo if then fi done }\n'if' x\n");
    expect(script.problems).toEqual([]);
    expect(script.commands.map(words)).toEqual([
      ["echo", "if", "then", "fi", "done", "}"],
      ["if", "x"],
    ]);
  });

  it("arithmetic, [[ ]], process substitution", () => {
    const text = "(( i++ ))\nfor ((i=0; i<3; i++)); do x; done\n[[ -f a && $b < c ]] && echo y\ndiff <(ls a) <(ls b)\n((a) | b)\n";
    const { script } = parse(text);
    checkInvariants(text, 0, script);
    expect(script.problems).toEqual([]);
    expect(script.commands.map((c) => [c.words.map((w) => w.raw), c.enclosing.join(">")])).toEqual([
      [["(( i++ ))"], ""],
      [["x"], "for"],
      [["[[", "-f", "a", "&&", "$b", "<", "c", "]]"], ""],
      [["echo", "y"], ""],
      [["diff", "<(ls a)", "<(ls b)"], ""],
      [["a"], "subshell>subshell"],
      [["b"], "subshell"],
    ]);
  });
});

describe("CRLF", () => {
  it("keeps \\r inside the last word of each line, as bash does", () => {
    const text = "#!/bin/bash\r\nset -euo pipefail\r\necho hi\r\n\r\nexec \"$@\"\r\n";
    const { script } = parse(text);
    checkInvariants(text, 0, script, script.comments);
    expect(script.shebang).toEqual({ interpreter: "/bin/bash\r", args: [], range: { start: 0, end: 12 } });
    expect(script.commands.map((c) => c.words.map((w) => w.value))).toEqual([
      ["set", "-euo", "pipefail\r"],
      ["echo", "hi\r"],
      ["\r"],
      ["exec", "$@\r"],
    ]);
    expect(script.commands[0]?.words[2]).toEqual({ start: 22, end: 31, raw: "pipefail\r", value: "pipefail\r", quoted: false, hasExpansion: false });
  });

  it("keywords followed by \\r are not keywords (bash: unexpected end of file)", () => {
    const { script } = parse("#!/usr/bin/env bash\r\nwhile true; do\r\n  sleep 1\r\ndone\r\n");
    expect(script.shebang?.interpreter).toBe("/usr/bin/env");
    expect(script.shebang?.args).toEqual(["bash\r"]);
    expect(script.commands.map((c) => c.words.map((w) => w.value))).toEqual([["true"], ["do\r"], ["sleep", "1\r"], ["done\r"]]);
    expect(script.problems).toEqual([{ start: 21, end: 26, message: '"while" without matching "done"' }]);
  });
});

describe("problems", () => {
  it("unterminated quotes point at the opening quote", () => {
    expect(parse("echo 'abc\necho next\n").script.problems).toEqual([{ start: 5, end: 6, message: "unterminated single quote" }]);
    expect(parse('echo ok "abc\n').script.problems).toEqual([{ start: 8, end: 9, message: "unterminated double quote" }]);
  });

  it("unterminated $( and ${", () => {
    expect(parse("x=$(date\n").script.problems).toEqual([{ start: 2, end: 4, message: 'unterminated "$("' }]);
    expect(parse("echo ${x\n").script.problems).toEqual([{ start: 5, end: 7, message: 'unterminated "${"' }]);
    expect(parse("echo `id\n").script.problems).toEqual([{ start: 5, end: 6, message: 'unterminated "`"' }]);
  });

  it("unmatched closers and unclosed openers", () => {
    const { script } = parse("fi\ndone\n}\n)\nesac\nif true; then\n  { echo\n");
    expect(script.problems.map((p) => p.message)).toEqual([
      'unmatched "fi"',
      'unmatched "done"',
      'unmatched "}"',
      'unmatched ")"',
      'unmatched "esac"',
      '"if" without matching "fi"',
      '"{" without matching "}"',
    ]);
    expect(script.commands.map(words)).toEqual([["true"], ["echo"]]);
  });

  it("syntax errors", () => {
    const { script } = parse("; a\na && && b\nc &&\n");
    expect(script.problems).toEqual([
      { start: 0, end: 1, message: 'syntax error near unexpected token ";"' },
      { start: 9, end: 11, message: 'syntax error near unexpected token "&&"' },
      { start: 16, end: 18, message: 'syntax error: unexpected end of file after "&&"' },
    ]);
  });
});

describe("parseShellCommands", () => {
  it("offsets ranges by baseOffset", () => {
    const res = parseShellCommands("cd /app && exec gunicorn -b 0.0.0.0:8000 app:app", 100);
    expect(res.problems).toEqual([]);
    expect(res.commands.map((c) => [c.start, c.end, c.terminator])).toEqual([
      [100, 107, "&&"],
      [111, 148, "end"],
    ]);
    expect(res.commands[1]?.words[3]).toMatchObject({ start: 128, end: 140, value: "0.0.0.0:8000" });
    expect(res.commands[0]?.terminatorRange).toEqual({ start: 108, end: 110 });
  });

  it("problems are offset too", () => {
    expect(parseShellCommands("echo 'x", 50).problems).toEqual([{ start: 55, end: 56, message: "unterminated single quote" }]);
  });
});

describe("robustness", () => {
  function rng(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (s * 1664525 + 1013904223) >>> 0;
      return s / 0x100000000;
    };
  }
  const pieces = [
    "echo ",
    "a",
    " ",
    "\n",
    "\r\n",
    "\r",
    "\\",
    "\\\n",
    "'",
    '"',
    "$",
    "$(",
    "$((",
    "${",
    "`",
    "(",
    ")",
    "((",
    "))",
    "{ ",
    " }",
    ";",
    ";;",
    "&",
    "&&",
    "|",
    "||",
    ">",
    "2>&1",
    "<<EOF\n",
    "<<-EOF\n",
    "EOF\n",
    "<<",
    "#",
    "if ",
    "then ",
    "elif ",
    "else ",
    "fi",
    "while ",
    "do ",
    "done",
    "for x in ",
    "case x in ",
    "esac",
    "f() ",
    "function ",
    "[[ ",
    " ]]",
    "A=",
    "=(",
    "<(",
    "\u0000",
    "日本",
    "\ud83d\ude00",
  ];

  it("random and mutated inputs never throw, never hang, keep ranges in bounds", () => {
    const rand = rng(2024);
    const seeds = [
      "#!/bin/sh\nset -e\nwhile ! nc -z db 3306; do sleep 1; done\ncase \"$1\" in a|b) x;; esac\nf() { g \"$@\" > /dev/null 2>&1 & }\nexec \"$@\"\n",
      'cat <<EOF\n$(x)\nEOF\nfor i in $(seq 3); do echo "${i:-0}"; done\n[[ -n $a ]] && (( b++ ))\n',
    ];
    for (let round = 0; round < 4000; round++) {
      let text: string;
      if (round % 2 === 0) {
        const count = 1 + Math.floor(rand() * 40);
        const parts: string[] = [];
        for (let k = 0; k < count; k++) parts.push(pieces[Math.floor(rand() * pieces.length)] ?? "");
        text = parts.join("");
      } else {
        const chars = (seeds[round % seeds.length] ?? "").split("");
        const edits = 1 + Math.floor(rand() * 6);
        for (let k = 0; k < edits; k++) {
          const at = Math.floor(rand() * (chars.length + 1));
          const op = rand();
          if (op < 0.4) chars.splice(at, 1);
          else if (op < 0.8) chars.splice(at, 0, pieces[Math.floor(rand() * pieces.length)] ?? "");
          else chars.splice(at, 0, String.fromCharCode(Math.floor(rand() * 128)));
        }
        text = chars.join("");
      }
      const file = createSourceFile("/virtual/x.sh", text);
      const script = parseShell(file);
      checkInvariants(text, 0, script, script.comments);
      const base = Math.floor(rand() * 1000);
      checkInvariants(text, base, parseShellCommands(text, base));
    }
  });

  it("deep nesting uses explicit stacks", () => {
    const deep = 100000;
    const cases = [
      "( ".repeat(deep) + "echo" + " )".repeat(deep),
      "(".repeat(deep) + "echo" + ")".repeat(deep),
      "(".repeat(deep),
      ")".repeat(deep),
      "echo " + "$(".repeat(deep),
      "echo " + "$(".repeat(deep) + ")".repeat(deep),
      "echo " + "${".repeat(deep),
      "echo " + '"$('.repeat(deep),
      "{ ".repeat(deep) + "x" + "; }".repeat(deep),
      "if true; then ".repeat(deep),
      "((".repeat(deep),
      "$((".repeat(deep),
      "(a;".repeat(deep),
      "case x in a) ".repeat(deep),
      "f() ".repeat(deep),
      "<<A ".repeat(deep) + "\n",
    ];
    for (const text of cases) {
      const script = parseShell(createSourceFile("/virtual/x.sh", text));
      checkInvariants(text, 0, script, script.comments);
    }
    const nested = parseShell(createSourceFile("/virtual/x.sh", "( ".repeat(deep) + "echo" + " )".repeat(deep)));
    expect(nested.problems).toEqual([]);
    expect(nested.commands[0]?.depth).toBe(deep);
    expect(nested.commands[0]?.enclosing.length).toBe(64);
  });

  it("a 5 MB script parses in one linear pass", () => {
    const block = 'if [ -n "$X" ]; then\n  echo "$(date) ${X:-x}" >> /var/log/app.log 2>&1 && sleep 1\nfi\ncat <<EOF\nbody line\nEOF\n';
    const repeats = Math.ceil((5 * 1024 * 1024) / block.length);
    const script = parseShell(createSourceFile("/virtual/big.sh", block.repeat(repeats)));
    expect(script.problems).toEqual([]);
    expect(script.commands.length).toBe(repeats * 4);
  });
});
