/**
 * script-crlf and crlf-fix-wrong against real bash and GNU sed: a CRLF entrypoint cannot be
 * executed, `bash start.sh` trips over `\r`, and `sed -i 's/r//'` deletes letters, not CRs.
 */
import { chmodSync, copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findingsOf, requireReal, runCommand, runStacklint, tempDir, writeTree } from "./harness.js";

const gate = requireReal("CRLF shell scripts", { programs: ["bash", "sed"] });
/** Untranslated messages with ASCII quotes. */
const env = { ...process.env, LC_ALL: "C" };

const COMPOSE = `services:
  web:
    build: ./app
`;

/** Line 3 is the broken "fix" stacklint must point at; line 4 runs the script. */
const DOCKERFILE_BAD = `FROM debian:bookworm-slim
COPY start.sh /app/start.sh
RUN sed -i 's/r//' /app/start.sh && chmod +x /app/start.sh
CMD ["/app/start.sh"]
`;

const DOCKERFILE_GOOD = `FROM debian:bookworm-slim
COPY start.sh /app/start.sh
RUN sed -i 's/\\r$//' /app/start.sh && chmod +x /app/start.sh
CMD ["/app/start.sh"]
`;

const SCRIPT_LINES = ["#!/bin/bash", "# then: python manage.py makemigrations", 'echo "starting"', "", "exec sleep 0", ""];
const SCRIPT_CRLF = SCRIPT_LINES.join("\r\n");
const SCRIPT_LF = SCRIPT_LINES.join("\n");

function project(dockerfile: string, script: string): string {
  const dir = tempDir();
  writeTree(dir, { "docker-compose.yml": COMPOSE, "app/Dockerfile": dockerfile, "app/start.sh": script });
  chmodSync(join(dir, "app/start.sh"), 0o755);
  return dir;
}

describe.skipIf(gate.skip)("CRLF shell scripts (real bash, GNU sed)", () => {
  it("bad: a CRLF start.sh cannot run; stacklint: script-crlf at line 1 (related: the CMD)", () => {
    const dir = project(DOCKERFILE_BAD, SCRIPT_CRLF);
    const script = join(dir, "app/start.sh");

    // Exec form (what Docker does): the kernel looks for the interpreter "/bin/bash\r".
    expect(runCommand(script, [], { cwd: dir, env }).errorCode).toBe("ENOENT");
    // Through a shell: bash 5.2 "cannot execute: required file not found", older "bad interpreter".
    const direct = runCommand("bash", ["-c", script], { cwd: dir, env });
    expect(direct.status).toBe(127);
    expect(direct.stderr).toMatch(/cannot execute: required file not found|\/bin\/bash\r?: bad interpreter/);
    // `bash start.sh`: every line ends in \r.
    const viaBash = runCommand("bash", [script], { cwd: dir, env });
    expect(viaBash.stderr).toContain("line 4: $'\\r': command not found");
    // coreutils quotes the argument with the CR shown as `\r`.
    expect(viaBash.stderr).toContain("sleep: invalid time interval '0\\r'");
    expect(viaBash.status).not.toBe(0);

    const result = runStacklint(dir);
    expect(findingsOf(result, "script-crlf")).toEqual(["app/start.sh:1"]);
    const d = result.diagnostics.find((x) => x.ruleId === "script-crlf");
    expect(d?.severity).toBe("error");
    expect(d?.related.map((r) => `${r.file}:${r.line}`)).toEqual(["app/Dockerfile:4"]);
  });

  it("bad: `sed -i 's/r//'` deletes the first letter r of each line and keeps the CRs; stacklint: crlf-fix-wrong at the sed line", () => {
    const dir = project(DOCKERFILE_BAD, SCRIPT_CRLF);
    const copy = join(tempDir(), "start.sh");
    copyFileSync(join(dir, "app/start.sh"), copy);
    const sed = runCommand("sed", ["-i", "s/r//", copy], { env });
    expect(sed.status).toBe(0);
    const after = readFileSync(copy, "utf8");
    expect(after).toBe(["#!/bin/bash", "# then: python manage.py makemigations", 'echo "stating"', "", "exec sleep 0", ""].join("\r\n"));
    // Still not executable.
    expect(runCommand("bash", ["-c", copy], { env }).status).toBe(127);

    expect(findingsOf(runStacklint(dir), "crlf-fix-wrong")).toEqual(["app/Dockerfile:3"]);
  });

  it("good: `sed -i 's/\\r$//'` turns the script into one that runs; an LF script runs directly; stacklint is silent for both rules", () => {
    const copy = join(tempDir(), "start.sh");
    writeTree(join(copy, ".."), { "start.sh": SCRIPT_CRLF });
    chmodSync(copy, 0o755);
    expect(runCommand("sed", ["-i", "s/\\r$//", copy], { env }).status).toBe(0);
    expect(readFileSync(copy, "utf8")).toBe(SCRIPT_LF);
    const fixed = runCommand(copy, [], { env });
    expect(fixed.status).toBe(0);
    expect(fixed.stdout).toBe("starting\n");

    const dir = project(DOCKERFILE_GOOD, SCRIPT_LF);
    const run = runCommand(join(dir, "app/start.sh"), [], { cwd: dir, env });
    expect(run).toMatchObject({ status: 0, stdout: "starting\n", stderr: "" });
    const result = runStacklint(dir);
    expect(findingsOf(result, "script-crlf")).toEqual([]);
    expect(findingsOf(result, "crlf-fix-wrong")).toEqual([]);
  });
});
