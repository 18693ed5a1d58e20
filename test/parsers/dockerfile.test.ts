import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDockerfile } from "../../src/parsers/dockerfile/parse.js";
import type { DockerInstruction, Dockerfile } from "../../src/parsers/dockerfile/ast.js";
import { parseShellCommands } from "../../src/parsers/shell/parse.js";
import { createSourceFile, type Range, type SourceFile } from "../../src/source/source-file.js";

const EXAMPLES = process.env["STACKLINT_EXAMPLES"] ?? "/work/shared/examples";

function parse(text: string): { file: SourceFile; df: Dockerfile } {
  const file = createSourceFile("/virtual/Dockerfile", text);
  return { file, df: parseDockerfile(file) };
}

function slice(file: SourceFile, r: Range): string {
  return file.text.slice(r.start, r.end);
}

/** Offset of 1-based line/column. */
function offsetOf(file: SourceFile, line: number, column: number): number {
  return (file.lineStarts[line - 1] ?? 0) + column - 1;
}

function byLine(df: Dockerfile, line: number): DockerInstruction {
  const inst = df.instructions.find((i) => i.startLine === line);
  if (inst === undefined) throw new Error(`no instruction on line ${line}`);
  return inst;
}

/** Everything a consumer may rely on, for any input (plain checks: this runs thousands of times). */
function checkInvariants(file: SourceFile, df: Dockerfile): void {
  const n = file.text.length;
  const fail = (what: string): never => {
    throw new Error(`${what} in ${JSON.stringify(file.text.slice(0, 300))}`);
  };
  const inBounds = (r: Range, what: string): void => {
    if (!(r.start >= 0 && r.end >= r.start && r.end <= n)) fail(`${what} out of bounds ${JSON.stringify(r)}`);
  };
  let prevEnd = 0;
  for (const inst of df.instructions) {
    inBounds(inst, "instruction");
    inBounds(inst.keywordRange, "keywordRange");
    inBounds(inst.argsRange, "argsRange");
    if (inst.start < prevEnd) fail("instructions overlap");
    prevEnd = inst.end;
    if (inst.keywordRange.start !== inst.start) fail("keyword does not start the instruction");
    if (inst.argsRange.start < inst.keywordRange.end || inst.argsRange.end > inst.end) fail("argsRange outside instruction");
    if (inst.args.length !== inst.argsRange.end - inst.argsRange.start) fail("args length differs from argsRange");
    // every character of args is the source character or a blanked one
    const src = slice(file, inst.argsRange);
    for (let k = 0; k < inst.args.length; k++) {
      if (inst.args[k] !== src[k] && inst.args[k] !== " ") fail(`args char ${k} not from source`);
    }
    if (inst.startLine < 1 || inst.endLine < inst.startLine) fail("bad lines");
    for (const f of inst.flags) inBounds(f, "flag");
    for (const a of inst.execArgs ?? []) inBounds(a, "execArg");
    for (const h of inst.heredocs) {
      inBounds(h.bodyRange, "heredoc body");
      if (slice(file, h.bodyRange) !== h.body) fail("heredoc body differs from its range");
    }
  }
  for (const s of df.stages) inBounds(s.imageRange, "imageRange");
  for (const c of df.comments) inBounds(c, "comment");
  for (const p of df.problems) {
    inBounds(p, "problem");
    if (p.message.length === 0) fail("empty problem message");
  }
}

describe.skipIf(!existsSync(EXAMPLES))("example Dockerfiles", () => {
  const load = (rel: string): { file: SourceFile; df: Dockerfile } => parse(readFileSync(join(EXAMPLES, rel), "utf8"));

  it("seed-django-stack/myproject/Dockerfile", () => {
    const { file, df } = load("seed-django-stack/myproject/Dockerfile");
    checkInvariants(file, df);
    expect(df.problems).toEqual([]);
    expect(df.escapeChar).toBe("\\");
    expect(df.stages).toHaveLength(1);
    const stage = df.stages[0];
    expect(stage?.image).toBe("python:3.9");
    expect(stage?.alias).toBeUndefined();
    expect(stage && slice(file, stage.imageRange)).toBe("python:3.9");
    expect(stage?.from.startLine).toBe(2);
    expect(stage?.instructions.map((i) => i.keyword)).toEqual([
      "RUN",
      "MAINTAINER",
      "ENV",
      "ENV",
      "COPY",
      "ENV",
      "RUN",
      "WORKDIR",
      "ADD",
      "RUN",
      "RUN",
      "RUN",
      "RUN",
      "ENTRYPOINT",
    ]);

    const sed = byLine(df, 32);
    expect(sed.keyword).toBe("RUN");
    expect(sed.start).toBe(521);
    expect(sed.keywordRange).toEqual({ start: 521, end: 524 });
    expect(sed.argsRange).toEqual({ start: 525, end: 550 });
    expect(sed.args).toBe("sed -i 's/r//' ./start.sh");
    expect(sed.form).toBe("shell");
    expect(sed.endLine).toBe(32);

    const maintainer = byLine(df, 8);
    expect(maintainer.keyword).toBe("MAINTAINER");
    expect(maintainer.args).toBe("DJG");
    expect(maintainer.form).toBeUndefined();

    const entry = byLine(df, 38);
    expect(entry.keyword).toBe("ENTRYPOINT");
    expect(entry.form).toBe("shell");
    expect(entry.execArgs).toBeUndefined();
    expect(entry.args).toBe("/bin/bash ./start.sh");
    expect(entry.argsRange).toEqual({ start: 625, end: 645 });
    expect(entry.end).toBe(645);

    // comments: the Chinese comment lines are kept with their ranges
    expect(df.comments.map((c) => file.text.slice(c.start, c.start + 1))).toEqual(Array(df.comments.length).fill("#"));
    expect(df.comments.some((c) => c.text.includes("r in windows"))).toBe(true);
  });

  it("seed-links-wordpress/app/Dockerfile: exec-form CMD with an \"&&\" element", () => {
    const { file, df } = load("seed-links-wordpress/app/Dockerfile");
    checkInvariants(file, df);
    expect(df.problems).toEqual([]);
    const cmd = byLine(df, 22);
    expect(cmd.keyword).toBe("CMD");
    expect(cmd.form).toBe("exec");
    expect(cmd.execArgs?.map((a) => a.value)).toEqual(["env", "FLASK_APP=app.py", "&&", "flask", "run", "--host=0.0.0.0"]);
    const and = cmd.execArgs?.[2];
    expect(and).toMatchObject({ value: "&&", start: 512, end: 516 });
    expect(and && slice(file, and)).toBe('"&&"');
    expect(and && offsetOf(file, 22, 33)).toBe(512);

    // RUN over lines 5-8 with continuations
    const run = byLine(df, 5);
    expect(run.endLine).toBe(8);
    expect(run.args).toBe("apt-get update && apt-get install -y    python-pip    python-dev    build-essential");
    expect(slice(file, run)).toBe("RUN apt-get update && apt-get install -y \\\n python-pip \\\n python-dev \\\n build-essential");
    // the shell parser gets the blanked text and maps back to source offsets
    const shell = parseShellCommands(run.args, run.argsRange.start);
    expect(shell.problems).toEqual([]);
    expect(shell.commands.map((c) => c.words.map((w) => w.value))).toEqual([
      ["apt-get", "update"],
      ["apt-get", "install", "-y", "python-pip", "python-dev", "build-essential"],
    ]);
    const last = shell.commands[1]?.words[5];
    expect(last && slice(file, last)).toBe("build-essential");
    expect(last && last.start).toBe(offsetOf(file, 8, 2));
  });

  it("seed-tornado-supervisor/Dockerfile and the other seeds parse without problems", () => {
    for (const rel of [
      "seed-tornado-supervisor/Dockerfile",
      "seed-django-stack/compose/nginx/Dockerfile",
      "seed-split-frontend-backend/backend/Dockerfile",
      "seed-split-frontend-backend/frontend/Dockerfile",
    ]) {
      const { file, df } = load(rel);
      checkInvariants(file, df);
      expect(df.problems, rel).toEqual([]);
      expect(df.stages, rel).toHaveLength(1);
    }
    const { df } = load("seed-tornado-supervisor/Dockerfile");
    const run = byLine(df, 2);
    expect(run.endLine).toBe(4);
    expect(df.stages[0]?.image).toBe("yankovg/python3.8.2-ubuntu18.04");
    expect(byLine(df, 21).execArgs?.map((a) => a.value)).toEqual(["/usr/bin/supervisord"]);
    const backend = load("seed-split-frontend-backend/backend/Dockerfile").df;
    expect(byLine(backend, 11).args).toBe("sed -i 's/\\r//' ./start.sh");
  });
});

describe("instructions", () => {
  it("keywords are case-insensitive and upper-cased; unknown ones are problems", () => {
    const { file, df } = parse("from alpine\nrun echo hi\nFORM x\nWhatever y\n");
    checkInvariants(file, df);
    expect(df.instructions.map((i) => i.keyword)).toEqual(["FROM", "RUN", "FORM", "WHATEVER"]);
    expect(df.problems).toEqual([
      { start: 24, end: 28, message: 'unknown instruction: "FORM" (did you mean "FROM"?)' },
      { start: 31, end: 39, message: 'unknown instruction: "WHATEVER"' },
    ]);
  });

  it("continuations with trailing blanks, comment lines and empty lines inside", () => {
    const text = "FROM a\nRUN apt-get update \\  \n# a comment inside\n\n    # indented comment\n  && apt-get install -y x \\\n  && rm -rf /var/lib/apt/lists/*\n";
    const { file, df } = parse(text);
    checkInvariants(file, df);
    expect(df.problems).toEqual([]);
    const run = df.instructions[1];
    expect(run?.startLine).toBe(2);
    expect(run?.endLine).toBe(7);
    expect(run?.args.replace(/ +/g, " ")).toBe("apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*");
    expect(run && slice(file, run).endsWith("lists/*")).toBe(true);
    expect(df.comments.map((c) => [c.text, positionLine(file, c.start)])).toEqual([
      ["a comment inside", 3],
      ["indented comment", 5],
    ]);
    // `&&` maps back to its source position
    const amp = run?.args.indexOf("&&") ?? -1;
    expect(run && file.text.slice(run.argsRange.start + amp, run.argsRange.start + amp + 2)).toBe("&&");
  });

  it("an empty line does not end a continuation: Docker joins the next instruction", () => {
    const { file, df } = parse("FROM a\nRUN echo hi \\\n\nCMD x\n");
    checkInvariants(file, df);
    expect(df.instructions.map((i) => [i.keyword, i.startLine, i.endLine, i.args])).toEqual([
      ["FROM", 1, 1, "a"],
      ["RUN", 2, 4, "echo hi    CMD x"],
    ]);
  });

  it("ONBUILD keeps its trigger in args and reads the trigger's heredoc", () => {
    const { file, df } = parse("FROM a\nONBUILD RUN <<EOF\necho x\nEOF\nONBUILD ONBUILD RUN x\n");
    checkInvariants(file, df);
    const onbuild = df.instructions[1];
    expect(onbuild?.args).toBe("RUN <<EOF");
    expect(onbuild?.endLine).toBe(4);
    expect(onbuild?.heredocs.map((h) => h.body)).toEqual(["echo x\n"]);
    expect(df.problems.map((p) => p.message)).toEqual(["Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"]);
  });

  it("a doubled escape at the end of a line is a literal, not a continuation", () => {
    const { df } = parse("FROM a\nRUN echo \\\\\nRUN echo b\n");
    expect(df.instructions.map((i) => i.args)).toEqual(["a", "echo \\\\", "echo b"]);
  });

  it("joins a word split by a continuation the way Docker does (exec-form values)", () => {
    const { file, df } = parse('FROM a\nCMD ["run\\\n-server", "x"]\n');
    checkInvariants(file, df);
    const cmd = df.instructions[1];
    expect(cmd?.form).toBe("exec");
    expect(cmd?.execArgs?.map((a) => a.value)).toEqual(["run-server", "x"]);
    expect(cmd?.execArgs?.[0] && slice(file, cmd.execArgs[0])).toBe('"run\\\n-server"');
    expect(cmd?.args).toBe('["run  -server", "x"]');
  });

  it("CRLF Dockerfile", () => {
    const text = "FROM python:3.9\r\nRUN apt-get update \\\r\n  && apt-get install -y netcat-openbsd\r\nCMD [\"python\", \"app.py\"]\r\n";
    const { file, df } = parse(text);
    checkInvariants(file, df);
    expect(df.problems).toEqual([]);
    expect(df.stages[0]?.image).toBe("python:3.9");
    const run = df.instructions[1];
    expect(run?.startLine).toBe(2);
    expect(run?.endLine).toBe(3);
    expect(run?.args).toBe("apt-get update      && apt-get install -y netcat-openbsd");
    expect(run && file.text.charAt(run.end)).toBe("\r");
    const cmd = df.instructions[2];
    expect(cmd?.execArgs?.map((a) => a.value)).toEqual(["python", "app.py"]);
    expect(cmd?.end).toBe(text.length - 2);
  });

  it("escape directive with backtick", () => {
    const text = "# syntax=docker/dockerfile:1\n# escape=`\n\nFROM mcr.microsoft.com/windows/servercore\nRUN dir c:\\ `\n    && echo done\n";
    const { file, df } = parse(text);
    checkInvariants(file, df);
    expect(df.escapeChar).toBe("`");
    expect(df.problems).toEqual([]);
    const run = df.instructions[1];
    expect(run?.endLine).toBe(6);
    expect(run?.args).toBe("dir c:\\       && echo done");
    expect(df.comments.map((c) => c.text)).toEqual(["syntax=docker/dockerfile:1", "escape=`"]);
  });

  it("directives only count at the very top", () => {
    const late = parse("# hello\n# escape=`\nFROM a\nRUN a `\n b\n").df;
    expect(late.escapeChar).toBe("\\");
    expect(late.instructions).toHaveLength(3);
    const bad = parse("# escape=x\nFROM a\n").df;
    expect(bad.problems.map((p) => p.message)).toEqual(["invalid escape token 'x' does not match ` or \\"]);
    const twice = parse("# escape=`\n# escape=\\\nFROM a\n").df;
    expect(twice.problems.map((p) => p.message)).toEqual(["only one escape parser directive can be used"]);
  });

  it("flags at the start of FROM/COPY/ADD/RUN/HEALTHCHECK", () => {
    const text = [
      "FROM --platform=linux/amd64 golang:1.22 AS build",
      "COPY --from=build --chown=app:app --link /out/app /usr/bin/app",
      "RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt",
      'ADD --chmod=755 "https://example.com/x" /x',
      "HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost/ || exit 1",
      "CMD --not-a-flag",
      "",
    ].join("\n");
    const { file, df } = parse(text);
    checkInvariants(file, df);
    expect(df.problems).toEqual([]);
    const flags = df.instructions.map((i) => i.flags.map((f) => [f.name, f.value, slice(file, f)]));
    expect(flags).toEqual([
      [["platform", "linux/amd64", "--platform=linux/amd64"]],
      [
        ["from", "build", "--from=build"],
        ["chown", "app:app", "--chown=app:app"],
        ["link", undefined, "--link"],
      ],
      [["mount", "type=cache,target=/root/.cache/pip", "--mount=type=cache,target=/root/.cache/pip"]],
      [["chmod", "755", "--chmod=755"]],
      [
        ["interval", "30s", "--interval=30s"],
        ["timeout", "3s", "--timeout=3s"],
      ],
      [],
    ]);
    expect(df.instructions.map((i) => i.args)).toEqual([
      "golang:1.22 AS build",
      "/out/app /usr/bin/app",
      "pip install -r requirements.txt",
      '"https://example.com/x" /x',
      "CMD curl -f http://localhost/ || exit 1",
      "--not-a-flag",
    ]);
    expect(df.instructions[4]?.form).toBe("shell");
  });

  it("exec form is strict JSON; anything else starting with [ is shell form", () => {
    const text = [
      "FROM a",
      'CMD ["nginx", "-g", "daemon off;"]',
      "CMD ['single', 'quotes']",
      'CMD ["a" "b"]',
      'CMD ["a"] trailing',
      'ENTRYPOINT ["a\\u0041\\n"]',
      "CMD []",
      'CMD ["a", 1]',
      'VOLUME ["/data"]',
      "VOLUME /data /logs",
      'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
      'HEALTHCHECK CMD ["curl", "-f", "http://localhost"]',
      "",
    ].join("\n");
    const { file, df } = parse(text);
    checkInvariants(file, df);
    const forms = df.instructions.map((i) => [i.form, i.execArgs?.map((a) => a.value)]);
    expect(forms).toEqual([
      [undefined, undefined],
      ["exec", ["nginx", "-g", "daemon off;"]],
      ["shell", undefined],
      ["shell", undefined],
      ["shell", undefined],
      ["exec", ["aA\n"]],
      ["exec", []],
      [undefined, undefined],
      ["exec", ["/data"]],
      ["shell", undefined],
      ["exec", ["/bin/bash", "-o", "pipefail", "-c"]],
      ["exec", ["curl", "-f", "http://localhost"]],
    ]);
    const nginx = df.instructions[1]?.execArgs?.[2];
    expect(nginx).toEqual({ start: 27, end: 40, value: "daemon off;" });
    expect(df.problems.map((p) => [p.message, positionLine(file, p.start)])).toEqual([
      ["when using JSON array syntax, arrays must be comprised of strings only", 8],
    ]);
  });

  it("heredocs", () => {
    const text = [
      "FROM alpine",
      "RUN <<EOF",
      "apk add curl",
      "echo done",
      "EOF",
      'RUN <<-"EOT" bash',
      "\techo tabbed",
      "\tEOT",
      "COPY <<EOF /etc/app.conf",
      "key=value",
      "EOF",
      "RUN cat <<A <<B > /x",
      "a",
      "A",
      "b",
      "B",
      'RUN ["echo", "<<EOF"]',
      "CMD echo end",
      "",
    ].join("\n");
    const { file, df } = parse(text);
    checkInvariants(file, df);
    expect(df.problems).toEqual([]);
    const lines = df.instructions.map((i) => [i.keyword, i.startLine, i.endLine, i.args]);
    expect(lines).toEqual([
      ["FROM", 1, 1, "alpine"],
      ["RUN", 2, 5, "<<EOF"],
      ["RUN", 6, 8, '<<-"EOT" bash'],
      ["COPY", 9, 11, "<<EOF /etc/app.conf"],
      ["RUN", 12, 16, "cat <<A <<B > /x"],
      ["RUN", 17, 17, '["echo", "<<EOF"]'],
      ["CMD", 18, 18, "echo end"],
    ]);
    const h = df.instructions.map((i) => i.heredocs.map((d) => [d.delimiter, d.body]));
    expect(h).toEqual([
      [],
      [["EOF", "apk add curl\necho done\n"]],
      [["EOT", "\techo tabbed\n"]],
      [["EOF", "key=value\n"]],
      [
        ["A", "a\n"],
        ["B", "b\n"],
      ],
      [],
      [],
    ]);
    const first = df.instructions[1]?.heredocs[0];
    expect(first?.bodyRange).toEqual({ start: offsetOf(file, 3, 1), end: offsetOf(file, 5, 1) });
    expect(df.instructions[1] && slice(file, df.instructions[1])).toBe("RUN <<EOF\napk add curl\necho done\nEOF");
  });

  it("heredoc terminator with CRLF line endings", () => {
    const { file, df } = parse("FROM a\r\nRUN <<EOF\r\necho hi\r\nEOF\r\nCMD x\r\n");
    checkInvariants(file, df);
    expect(df.problems).toEqual([]);
    expect(df.instructions.map((i) => [i.keyword, i.startLine, i.endLine])).toEqual([
      ["FROM", 1, 1],
      ["RUN", 2, 4],
      ["CMD", 5, 5],
    ]);
    expect(df.instructions[1]?.heredocs[0]?.body).toBe("echo hi\r\n");
  });

  it("unterminated heredoc is a problem at its marker", () => {
    const { file, df } = parse("FROM a\nRUN python3 <<PY\nprint(1)\n");
    checkInvariants(file, df);
    expect(df.problems).toEqual([{ start: 19, end: 23, message: 'unterminated heredoc: no line "PY" ends it' }]);
    expect(df.instructions[1]?.endLine).toBe(3);
    expect(df.instructions[1]?.heredocs[0]?.body).toBe("print(1)\n");
  });
});

describe("stages", () => {
  it("multi-stage build with aliases (lower-cased)", () => {
    const text = "FROM golang:1.22 AS Builder\nRUN go build -o /app\nFROM alpine:3.20\nCOPY --from=builder /app /app\nCMD [\"/app\"]\n";
    const { file, df } = parse(text);
    checkInvariants(file, df);
    expect(df.problems).toEqual([]);
    expect(df.stages.map((s) => [s.image, s.alias, s.from.startLine, s.instructions.map((i) => i.keyword)])).toEqual([
      ["golang:1.22", "builder", 1, ["RUN"]],
      ["alpine:3.20", undefined, 3, ["COPY", "CMD"]],
    ]);
    expect(df.stages[1] && slice(file, df.stages[1].imageRange)).toBe("alpine:3.20");
  });

  it("ARG defaults before the first FROM are substituted; imageRange stays on the written text", () => {
    const text = [
      "ARG PY=3.9",
      'ARG VARIANT="slim"',
      "ARG REGISTRY",
      "FROM python:${PY}-$VARIANT AS base",
      "ARG PY=3.12",
      "FROM python:${PY}",
      "FROM ${REGISTRY}/app:1",
      "FROM ${MISSING:-debian}:bookworm",
      "FROM --platform=$BUILDPLATFORM ${TARGETARCH}/alpine",
      "",
    ].join("\n");
    const { file, df } = parse(text);
    checkInvariants(file, df);
    expect(df.problems).toEqual([]);
    expect(df.stages.map((s) => [s.image, slice(file, s.imageRange)])).toEqual([
      ["python:3.9-slim", "python:${PY}-$VARIANT"],
      // an ARG inside a stage does not change later FROM lines
      ["python:3.9", "python:${PY}"],
      // no default: unknown until build time, kept as written
      ["${REGISTRY}/app:1", "${REGISTRY}/app:1"],
      ["debian:bookworm", "${MISSING:-debian}:bookworm"],
      ["${TARGETARCH}/alpine", "${TARGETARCH}/alpine"],
    ]);
    expect(df.stages[0]?.imageRange).toEqual({ start: offsetOf(file, 4, 6), end: offsetOf(file, 4, 27) });
  });

  it("invalid FROM lines", () => {
    const { df } = parse("FROM\nFROM a b\nFROM a AS 1st\n");
    expect(df.problems.map((p) => p.message)).toEqual([
      "FROM requires either one or three arguments",
      "FROM requires either one or three arguments",
      'invalid name for build stage: "1st", name can\'t start with a number or contain symbols',
    ]);
    expect(df.stages).toHaveLength(3);
  });
});

describe("problems", () => {
  it("instructions without the arguments Docker requires", () => {
    const text = "FROM a\nMAINTAINER\nWORKDIR\nEXPOSE\nCOPY onlyone\nENV\nENV A\nENV A=1 B\nSHELL /bin/sh -c\nHEALTHCHECK CMD\nRUN\nCMD\n";
    const { file, df } = parse(text);
    checkInvariants(file, df);
    expect(df.problems.map((p) => [positionLine(file, p.start), p.message, slice(file, p)])).toEqual([
      [2, "MAINTAINER requires exactly one argument", "MAINTAINER"],
      [3, "WORKDIR requires exactly one argument", "WORKDIR"],
      [4, "EXPOSE requires at least one argument", "EXPOSE"],
      [5, "COPY requires at least two arguments, but only one was provided. Destination could not be determined", "onlyone"],
      [6, "ENV requires at least one argument", "ENV"],
      [7, "ENV must have two arguments", "A"],
      [8, "Syntax error - can't find = in \"B\". Must be of the form: name=value", "B"],
      [9, "SHELL requires the arguments to be in JSON form", "/bin/sh -c"],
      [10, "Missing command after HEALTHCHECK CMD", "CMD"],
    ]);
  });

  it("continuation at end of file", () => {
    const { file, df } = parse("FROM a\nRUN apt-get update \\\n# only a comment follows\n");
    checkInvariants(file, df);
    expect(df.problems).toEqual([
      { start: 26, end: 27, message: 'line continuation "\\" at end of file: the instruction continues into nothing' },
    ]);
    expect(df.instructions[1]?.endLine).toBe(2);
    expect(df.instructions[1]?.args).toBe("apt-get update");
  });

  it("instructions before the first FROM other than ARG", () => {
    const { df } = parse("# comment\nARG X=1\nRUN echo hi\nENV A=b\nFROM alpine\n");
    expect(df.problems).toEqual([
      { start: 18, end: 21, message: 'no FROM before RUN: Docker needs a FROM first ("no build stage in current context")' },
    ]);
    expect(df.stages).toHaveLength(1);
    expect(df.stages[0]?.instructions).toEqual([]);
  });

  it("empty file and file without FROM", () => {
    expect(parse("").df.problems).toEqual([{ start: 0, end: 0, message: "no instructions: the Dockerfile is empty" }]);
    expect(parse("# just a comment\n\n").df.problems.map((p) => p.message)).toEqual(["no instructions: the Dockerfile is empty"]);
    expect(parse("ARG A=1\n").df.problems).toEqual([
      { start: 0, end: 3, message: "no FROM instruction: the Dockerfile contains no stages to build" },
    ]);
  });
});

function positionLine(file: SourceFile, offset: number): number {
  let line = 1;
  for (let k = 1; k < file.lineStarts.length; k++) if ((file.lineStarts[k] ?? 0) <= offset) line = k + 1;
  return line;
}

describe("robustness", () => {
  /** Deterministic PRNG so failures reproduce. */
  function rng(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (s * 1664525 + 1013904223) >>> 0;
      return s / 0x100000000;
    };
  }
  const pieces = [
    "FROM ",
    "RUN ",
    "run ",
    "COPY ",
    "CMD ",
    "ARG ",
    "ENV ",
    "ONBUILD RUN ",
    "HEALTHCHECK ",
    "# escape=`\n",
    "# syntax=x\n",
    "\\\n",
    "\\ \r\n",
    "`\n",
    "\n",
    "\r\n",
    "\r",
    "# c\n",
    "   ",
    "\t",
    '["a", "b"]',
    '["a\\',
    "[1,",
    "<<EOF\n",
    "<<-EOT ",
    "EOF\n",
    "\tEOT\n",
    "--mount=type=cache ",
    "--from=",
    "AS x ",
    "${A:-b}",
    "$A",
    "${",
    '"',
    "'",
    "\u0000",
    "\uFEFF",
    "日本",
    "\ud83d\ude00",
    "python:3.9",
    "&&",
    "=",
  ];
  const source = readFileSync(new URL("./dockerfile.test.ts", import.meta.url), "utf8");

  it("random and mutated inputs never throw and keep every range in bounds", () => {
    const rand = rng(12345);
    const seeds = [
      "FROM a AS b\nRUN x \\\n  y\nCOPY <<EOF /x\nhi\nEOF\nCMD [\"a\"]\n",
      "# escape=`\nFROM a\nRUN a `\n b\n",
      source.slice(0, 2000),
    ];
    for (let round = 0; round < 3000; round++) {
      let text: string;
      if (round % 3 === 0) {
        const count = 1 + Math.floor(rand() * 30);
        const parts: string[] = [];
        for (let k = 0; k < count; k++) parts.push(pieces[Math.floor(rand() * pieces.length)] ?? "");
        text = parts.join("");
      } else {
        const base = seeds[round % seeds.length] ?? "";
        const chars = base.split("");
        const edits = 1 + Math.floor(rand() * 5);
        for (let k = 0; k < edits; k++) {
          const at = Math.floor(rand() * (chars.length + 1));
          const op = rand();
          if (op < 0.4) chars.splice(at, 1);
          else if (op < 0.8) chars.splice(at, 0, pieces[Math.floor(rand() * pieces.length)] ?? "");
          else chars.splice(at, 0, String.fromCharCode(Math.floor(rand() * 128)));
        }
        text = chars.join("");
      }
      const file = createSourceFile("/virtual/Dockerfile", text);
      checkInvariants(file, parseDockerfile(file));
    }
  });

  it("pathological inputs", () => {
    const cases = [
      "FROM a\nRUN " + "(".repeat(100000) + "\n",
      "FROM " + "${A:-".repeat(50000) + "x" + "}".repeat(50000) + "\n",
      "ARG A=" + "${B:-".repeat(50000) + "\nFROM $A\n",
      "FROM a\nRUN x \\\n".repeat(20000),
      "FROM a\n" + "RUN <<EOF\n".repeat(20000),
      "\\\n".repeat(50000),
      "[".repeat(100000),
      "# escape=x" + " ".repeat(100000) + "y\nFROM a\n",
      "FROM a\nRUN x" + " \t".repeat(100000) + "\\\n",
      "FROM ${" + "a".repeat(100000) + "}\n",
      "FROM a\nCMD " + '["a",'.repeat(50000) + "\n",
    ];
    for (const text of cases) {
      const file = createSourceFile("/virtual/Dockerfile", text);
      const df = parseDockerfile(file);
      checkInvariants(file, df);
    }
  });

  it("a large Dockerfile parses in one pass", () => {
    const block = "RUN apt-get update \\\n  && apt-get install -y curl \\\n  # comment\n  && rm -rf /var/lib/apt/lists/*\n";
    const text = "FROM debian\n" + block.repeat(Math.ceil((5 * 1024 * 1024) / block.length));
    const df = parseDockerfile(createSourceFile("/virtual/Dockerfile", text));
    expect(df.problems).toEqual([]);
    expect(df.instructions.length).toBe(1 + Math.ceil((5 * 1024 * 1024) / block.length));
  });
});
