import { posix } from "node:path";
import { defineRule, fixed } from "../../src/engine/rule.js";
import { parseImageRef } from "../../src/model/image-ref.js";
import { runCommands } from "../../src/model/image/dockerfile-image.js";
import { finalImageStages, programWords, runsPosixShell, stageBaseImage, stageChain } from "../../src/model/image/dockerfile-stages.js";
import type { DockerInstruction } from "../../src/parsers/dockerfile/ast.js";
import type { ShellCommand, ShellWord } from "../../src/parsers/shell/ast.js";
import { positionAt, type SourceFile } from "../../src/source/source-file.js";

/** apt/apt-get options that take the next word as their value. */
const OPTIONS_WITH_VALUE = new Set(["-o", "-c", "-t", "-a", "--option", "--config-file", "--target-release", "--default-release", "--host-architecture"]);
/** Subcommands that ask "Do you want to continue? [Y/n]" before changing packages. */
const PROMPTING = new Set(["install", "upgrade", "dist-upgrade", "full-upgrade", "remove", "purge", "autoremove", "reinstall"]);
/** `apt X` → `apt-get X` does the same thing for these (not for upgrade, list, search, show...). */
const SAME_IN_APT_GET = new Set(["install", "update", "remove", "purge"]);
/**
 * Official Debian/Ubuntu-based images remove /var/lib/apt/lists/* at the end of their build,
 * so `apt-get install` without `apt-get update` finds no package at all.
 */
const BASES_WITHOUT_LISTS = new Set([
  "debian", "ubuntu", "python", "node", "ruby", "golang", "php", "perl", "buildpack-deps", "rust", "gcc", "httpd", "nginx",
  "postgres", "redis", "wordpress", "eclipse-temurin", "openjdk", "pypy",
]);

interface AptCall {
  instr: DockerInstruction;
  command: ShellCommand;
  tool: ShellWord;
  toolName: string;
  sub: ShellWord | undefined;
  args: ShellWord[];
}

export default defineRule({
  meta: {
    id: "apt-hygiene",
    description: "apt in Dockerfile RUN: `apt` instead of `apt-get`, missing `-y`, `update` in another layer, lists not removed, recommends installed",
    severity: "warning",
    category: "dockerfile",
    files: ["dockerfile"],
    messages: {
      aptCli:
        "`apt` is the interactive front end: in a script it warns \"WARNING: apt does not have a stable CLI interface. Use with caution in scripts.\" and its behaviour may change between releases; use `apt-get`",
      noYes:
        "`{{tool}} {{sub}}` without `-y` asks \"Do you want to continue? [Y/n]\", reads end-of-file in the build and stops with \"Abort.\" (the RUN fails); add `-y`",
      separateUpdate:
        "`{{tool}} install` runs in another layer than `apt-get update` (line {{line}}): Docker keeps reusing the cached update layer, so once this line changes the lists are stale (\"E: Unable to locate package\", \"404 Not Found\") and they stay in the image; use one RUN: `apt-get update && apt-get install -y ... && rm -rf /var/lib/apt/lists/*`",
      listsRemoved:
        "`{{tool}} install` runs after the package lists were removed (line {{line}}): apt has no lists and fails with \"E: Unable to locate package\"; run `apt-get update &&` in this RUN",
      noLists:
        "`{{tool}} install` without `apt-get update`: the `{{base}}` image ships without package lists, so apt fails with \"E: Unable to locate package\"; run `apt-get update &&` in this RUN",
      noCleanup:
        "the package lists `apt-get update` downloaded (tens of MB) are not removed in this RUN, so they stay in the image layer for good; end the RUN with `&& rm -rf /var/lib/apt/lists/*`",
      noRecommends:
        "`{{tool}} install` without `--no-install-recommends` also installs every recommended package (often hundreds of MB the app never uses); add `--no-install-recommends` and list what is needed",
      updateHere: "`apt-get update` runs here, in a separate layer",
      removedHere: "the lists are removed here",
    },
    fixable: true,
  },
  check({ project, report }) {
    for (const file of project.filesOf("dockerfile")) {
      const ast = file.ast;
      const source = file.source;
      const inFinal = finalImageStages(ast);
      const lineOf = (offset: number): number => positionAt(source, offset).line;
      for (const stage of ast.stages) {
        // apt state along the stage's FROM chain, in build order
        let lastUpdate: ShellWord | undefined;
        let removedAfterUpdate: ShellWord | undefined;
        let assumeYesConfigured = false;
        let noRecommendsConfigured = false;
        for (const s of stageChain(ast, stage)) {
          const own = s === stage;
          for (const instr of s.instructions) {
            if (instr.keyword !== "RUN" || instr.form !== "shell" || !runsPosixShell(ast, s, instr)) continue;
            const commands = runCommands(instr);
            const calls = commands.map((c) => aptCall(instr, c)).filter((c): c is AptCall => c !== undefined);
            const cacheMounted = instr.flags.some((f) => f.name === "mount" && /target=\/var\/lib\/apt/.test(f.value ?? ""));
            if (own) {
              for (const call of calls) {
                checkCall(call, commands, { lastUpdate, removedAfterUpdate, assumeYesConfigured, noRecommendsConfigured, cacheMounted, inFinal: inFinal.has(stage), base: stageBaseImage(ast, stage) });
              }
            }
            // carry the state on to the next RUN
            for (const command of commands) {
              const call = calls.find((c) => c.command === command);
              if (call?.sub?.value === "update") {
                lastUpdate = call.sub;
                removedAfterUpdate = undefined;
              } else if (lastUpdate && removesLists(command)) removedAfterUpdate = command.words[0];
              if (command.words.some((w) => w.value.includes("Assume-Yes"))) assumeYesConfigured = true;
              if (command.words.some((w) => w.value.includes("Install-Recommends"))) noRecommendsConfigured = true;
            }
          }
        }
      }

      function checkCall(
        call: AptCall,
        commands: ShellCommand[],
        state: {
          lastUpdate: ShellWord | undefined; removedAfterUpdate: ShellWord | undefined; assumeYesConfigured: boolean;
          noRecommendsConfigured: boolean; cacheMounted: boolean; inFinal: boolean; base: string;
        },
      ): void {
        const { tool, toolName, sub, args, command } = call;
        const tooldata = { tool: fixed(toolName) };
        if (toolName === "apt") {
          const rawOk = !tool.quoted && tool.raw.endsWith("apt");
          const fix = sub && SAME_IN_APT_GET.has(sub.value) && rawOk
            ? { safe: true, edits: [{ file: source, start: tool.start, end: tool.end, text: `${tool.raw}-get` }] }
            : undefined;
          report({ messageId: "aptCli", at: { file: source, start: tool.start, end: tool.end }, ...(fix ? { fix } : {}) });
        }
        if (!sub) return;
        const index = commands.indexOf(command);
        const pipedInto = commands[index - 1]?.terminator === "|";
        if (PROMPTING.has(sub.value) && !assumesYes(args) && !state.assumeYesConfigured && !pipedInto) {
          report({
            messageId: "noYes",
            data: { ...tooldata, sub: fixed(sub.value) },
            at: { file: source, start: sub.start, end: sub.end },
            fix: { safe: true, edits: [{ file: source, start: sub.end, end: sub.end, text: " -y" }] },
          });
        }
        if (sub.value !== "install") return;
        const at = { file: source, start: sub.start, end: sub.end };
        const packages = args.filter((w) => w !== sub && !w.value.startsWith("-"));
        const localDebsOnly = packages.length > 0 && packages.every((w) => w.value.endsWith(".deb"));
        const updateBefore = commands.slice(0, index).some((c) => aptCall(call.instr, c)?.sub?.value === "update");
        if (!updateBefore && !state.cacheMounted && !localDebsOnly) {
          if (state.lastUpdate && state.removedAfterUpdate) {
            report({
              messageId: "listsRemoved", at, data: { ...tooldata, line: lineOf(state.removedAfterUpdate.start) },
              related: [{ messageId: "removedHere", at: { file: source, start: state.removedAfterUpdate.start, end: state.removedAfterUpdate.end } }],
            });
          } else if (state.lastUpdate) {
            report({
              messageId: "separateUpdate", at, data: { ...tooldata, line: lineOf(state.lastUpdate.start) },
              related: [{ messageId: "updateHere", at: { file: source, start: state.lastUpdate.start, end: state.lastUpdate.end } }],
            });
          } else if (shipsWithoutLists(state.base, source)) {
            report({ messageId: "noLists", at, data: { ...tooldata, base: state.base } });
          }
        }
        if (updateBefore && state.inFinal && !state.cacheMounted && !commands.slice(index + 1).some(removesLists)) {
          report({ messageId: "noCleanup", at });
        }
        if (state.inFinal && !state.noRecommendsConfigured && !args.some((w) => w.value === "--no-install-recommends" || w.value.includes("Install-Recommends"))) {
          report({ messageId: "noRecommends", at, data: tooldata, severity: "info" });
        }
      }
    }
  },
});

function aptCall(instr: DockerInstruction, command: ShellCommand): AptCall | undefined {
  const { words } = programWords(command);
  const tool = words[0];
  if (!tool) return undefined;
  const toolName = posix.basename(tool.value);
  if (toolName !== "apt" && toolName !== "apt-get") return undefined;
  let sub: ShellWord | undefined;
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (OPTIONS_WITH_VALUE.has(w.value)) {
      i++;
      continue;
    }
    if (!w.value.startsWith("-")) {
      sub = w;
      break;
    }
  }
  return { instr, command, tool, toolName, sub, args: words.slice(1) };
}

/** `-y`, `--yes`, `--assume-yes`, `-qq`, `-q=2`, `-qy`, `-o APT::Get::Assume-Yes=true`. */
function assumesYes(args: ShellWord[]): boolean {
  let quiet = 0;
  for (const w of args) {
    const v = w.value;
    if (v === "--yes" || v === "--assume-yes" || v === "-q=2" || v === "--quiet=2" || v.includes("Assume-Yes")) return true;
    if (v === "--quiet") quiet++;
    if (/^-[a-zA-Z]+$/.test(v)) {
      if (v.includes("y")) return true;
      quiet += [...v].filter((c) => c === "q").length;
    }
  }
  return quiet >= 2;
}

function removesLists(command: ShellCommand): boolean {
  const name = posix.basename(programWords(command).words[0]?.value ?? "");
  if (name !== "rm" && name !== "find") return false;
  return command.words.some((w) => /^\/var\/lib\/apt(?:\/lists)?\/?(?:\*|$)|^\/var\/lib\/apt\/lists\//.test(w.value));
}

function shipsWithoutLists(base: string, source: SourceFile): boolean {
  if (!base || base.includes("$")) return false;
  const ref = parseImageRef(base, { file: source, start: 0, end: 0 });
  if (!BASES_WITHOUT_LISTS.has(ref.name)) return false;
  // alpine, windowsservercore... variants have no apt at all
  return !/alpine|windows|nanoserver/.test(ref.tag ?? "");
}
