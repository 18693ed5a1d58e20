/**
 * Messages in Chinese (`--lang zh-CN`, `LANG=zh_CN.UTF-8`): every message id,
 * description, explain text and CLI string has a zh-CN template with the same
 * placeholders; every parser message is translated; the output on the seed
 * examples and on every fixture is Chinese except identifiers, paths and the
 * programs' own (quoted) output; English output is unchanged.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../rules/index.js";
import { HELP } from "../src/cli/args.js";
import { EXPLAIN_HELP } from "../src/cli/explain-command.js";
import { BUILTIN_IDS, lint } from "../src/engine/lint.js";
import { explainFile } from "../src/explain/explain.js";
import { SIGNATURES } from "../src/explain/signatures.js";
import { EN } from "../src/i18n/en.js";
import { catalogue, extractLangOption, fill, parserPatterns, placeholders, resolveLang, translate, translateParserMessage } from "../src/i18n/index.js";
import { readingZh, redisNoteZh } from "../src/i18n/phrases.js";
import { englishWords } from "./helpers/english-words.js";
import { runCli } from "./helpers/run-cli.js";

const ROOT = join(import.meta.dirname, "..");
const EXAMPLES = join(ROOT, "..", "shared", "examples");
const ZH = catalogue("zh-CN");
const CJK = /[\u4e00-\u9fff]/;

/** Placeholder names of an explain template: `{{name}}`, `{{name|fallback}}` (fallbacks may nest one `{{x}}`). */
function explainPlaceholders(template: string): Set<string> {
  return new Set([...template.matchAll(/\{\{(\w+)(?=[|}])/g)].map((m) => m[1]!));
}

const sorted = (s: Set<string>): string[] => [...s].sort();

/** Every key of the English source with its template. */
function englishSource(): Map<string, { text: string; explain: boolean }> {
  const out = new Map<string, { text: string; explain: boolean }>();
  for (const rule of RULES) {
    out.set(`${rule.meta.id}.description`, { text: rule.meta.description, explain: false });
    for (const [id, text] of Object.entries(rule.meta.messages)) out.set(`${rule.meta.id}.${id}`, { text, explain: false });
  }
  for (const s of SIGNATURES) for (const f of ["title", "cause", "check"] as const) out.set(`explain.${s.id}.${f}`, { text: s[f], explain: true });
  for (const [k, text] of Object.entries(EN)) out.set(k, { text, explain: false });
  return out;
}

describe("the zh-CN catalogue", () => {
  const source = englishSource();

  it("has every rule message id and description, every explain text and every CLI string", () => {
    const missing = [...source.keys()].filter((k) => ZH[k] === undefined);
    expect(missing, "run `node scripts/i18n-missing.mjs --english` and translate these in src/i18n/zh-CN.ts").toEqual([]);
  });

  it("uses exactly the placeholders of the English template", () => {
    const wrong: string[] = [];
    for (const [key, { text, explain }] of source) {
      const zh = ZH[key];
      if (zh === undefined) continue;
      const names = explain ? explainPlaceholders : placeholders;
      if (sorted(names(zh)).join() !== sorted(names(text)).join()) wrong.push(`${key}: {${sorted(names(text))}} vs {${sorted(names(zh))}}`);
    }
    expect(wrong).toEqual([]);
  });

  it("has no stale keys and is Chinese throughout", () => {
    const stale = Object.keys(ZH).filter((k) => !source.has(k) && k !== "cli.help" && k !== "cli.explainHelp");
    expect(stale).toEqual([]);
    // (a template of placeholders only, like "{{what}}", has no words to translate)
    const notChinese = Object.entries(ZH).filter(([k, v]) => /[A-Za-z]/.test(v.replace(/\{\{\w+\}\}/g, "")) && !CJK.test(v) && k !== "explain.format.repeated");
    expect(notChinese.map(([k]) => k)).toEqual([]);
  });

  it("has no English prose of its own (names and quoted program output aside)", () => {
    const english: string[] = [];
    for (const [key, text] of Object.entries(ZH)) {
      if (key === "cli.help" || key === "cli.explainHelp") continue;
      const words = englishWords(text.replace(/\{\{\w+(?:\|[^{}]*)?\}\}/g, " "));
      if (words.length > 0) english.push(`${key}: [${words.join(" ")}]`);
    }
    expect(english, "quote names in `code spans`, or translate").toEqual([]);
  });

  it("describes the built-in diagnostics", () => {
    for (const id of BUILTIN_IDS) expect(ZH[`${id}.description`], id).toMatch(CJK);
  });

  it("keeps the code spans of the English messages", () => {
    // A code span holds names, options and commands: the Chinese must not lose or change one.
    const spans = (t: string): string[] => [...t.matchAll(/`[^`]+`/g)].map((m) => m[0]).sort();
    const wrong: string[] = [];
    for (const [key, { text }] of source) {
      const zh = ZH[key];
      if (zh === undefined || key.endsWith(".description") || key.startsWith("explain.")) continue;
      // compose's own message quotes the value kinds in English; the Chinese names them in Chinese and quotes its start
      if (key === "compose-schema.wrongKind") continue;
      const missing = spans(text).filter((s) => !zh.includes(s));
      if (missing.length > 0) wrong.push(`${key}: ${missing.join(" ")}`);
    }
    expect(wrong).toEqual([]);
  });

  it("documents every option of `stacklint --help` and `stacklint explain --help` in Chinese", () => {
    const options = (t: string): string[] => [...new Set([...t.matchAll(/(?<![\w-])--?[a-z][\w-]*/g)].map((m) => m[0]))];
    const zhHelp = ZH["cli.help"]!;
    const zhExplain = ZH["cli.explainHelp"]!;
    expect(options(HELP).filter((o) => !zhHelp.includes(o))).toEqual([]);
    expect(options(EXPLAIN_HELP).filter((o) => !zhExplain.includes(o))).toEqual([]);
    expect(zhHelp).toMatch(CJK);
  });
});

describe("fill and translate", () => {
  it("picks English plurals with {{name:one|other}}", () => {
    expect(fill("{{n}} {{n:problem|problems}}", { n: 1 })).toBe("1 problem");
    expect(fill("{{n}} {{n:problem|problems}}", { n: 2 })).toBe("2 problems");
    expect(translate("summary.problems", { total: 3, errors: 1, warnings: 2, infos: 0 }, "en")).toBe("✖ 3 problems (1 error, 2 warnings, 0 info)");
    expect(translate("summary.problems", { total: 3, errors: 1, warnings: 2, infos: 0 }, "zh-CN")).toBe("✖ 共 3 个问题（1 个错误，2 个警告，0 个提示）");
  });

  it("falls back to the English template for a key the catalogue lacks", () => {
    expect(translate("no-such-rule.message", { x: "1" }, "zh-CN", "value {{x}}")).toBe("value 1");
  });

  it("translates the phrases rules take from the knowledge tables", () => {
    expect(readingZh("untagged = latest, 9.x")).toBe("未指定标签 = latest，9.x");
    expect(readingZh("`redis:7` is 7.4")).toBe("`redis:7` 即 7.4");
    expect(readingZh("`mysql:latest` is the latest 9.x")).toBe("`mysql:latest` 是最新的 9.x");
    expect(redisNoteZh("virtual memory was removed in redis 2.6")).toMatch(CJK);
    expect(redisNoteZh("alias since redis 5.0")).toMatch(CJK);
  });
});

describe("choosing the language", () => {
  it("--lang wins, then LC_ALL, LC_MESSAGES, LANG", () => {
    expect(resolveLang(undefined, {})).toBe("en");
    expect(resolveLang(undefined, { LANG: "zh_CN.UTF-8" })).toBe("zh-CN");
    expect(resolveLang(undefined, { LANG: "zh_TW.UTF-8" })).toBe("zh-CN");
    expect(resolveLang(undefined, { LANG: "zh_CN.UTF-8", LC_MESSAGES: "en_US.UTF-8" })).toBe("en");
    expect(resolveLang(undefined, { LANG: "en_US.UTF-8", LC_ALL: "zh_CN.GBK" })).toBe("zh-CN");
    expect(resolveLang(undefined, { LANG: "C.UTF-8" })).toBe("en");
    expect(resolveLang("en", { LANG: "zh_CN.UTF-8" })).toBe("en");
    expect(resolveLang("zh-CN", {})).toBe("zh-CN");
    expect(resolveLang("zh_CN", {})).toBe("zh-CN");
    expect(() => resolveLang("fr", {})).toThrow(/unknown language/);
  });

  it("takes --lang out of any command line", () => {
    expect(extractLangOption(["a", "--lang", "zh-CN", "-f", "json"])).toEqual({ lang: "zh-CN", rest: ["a", "-f", "json"], missingValue: false });
    expect(extractLangOption(["--lang=en"])).toEqual({ lang: "en", rest: [], missingValue: false });
    expect(extractLangOption(["--lang"]).missingValue).toBe(true);
  });
});

// ---------------------------------------------------------------- parser messages

/** The parsers' (and the file reader's) problem messages as their sources write them. */
function parserMessageSources(): { file: string; template: string }[] {
  const files = [
    "src/parsers/nginx/parse.ts", "src/parsers/ini/parse.ts", "src/parsers/dotenv/parse.ts", "src/parsers/redis/parse.ts", "src/parsers/compose/parse.ts",
    "src/parsers/sql/parse.ts", "src/parsers/dockerfile/parse.ts", "src/parsers/shell/parse.ts", "src/parsers/django/parse.ts", "src/parsers/django/tokenize.ts",
    "src/source/read-source.ts", "src/discover/walk.ts", "src/discover/discover.ts",
  ];
  const literal = /"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.|\$\{(?:[^{}]|\{[^{}]*\})*\})*)`/g;
  const out: { file: string; template: string }[] = [];
  for (const file of files) {
    const lines = readFileSync(join(ROOT, file), "utf8").split("\n");
    let inMessages = false;
    lines.forEach((line, i) => {
      if (/_MESSAGES = \{/.test(line)) inMessages = true;
      const context = lines.slice(Math.max(0, i - 3), i + 1).join("\n");
      const relevant = inMessages || /problem\(|problems\.push|message:|reason:|Problem\(/.test(context);
      if (inMessages && /^\}/.test(line)) inMessages = false;
      if (!relevant || /^\s*(\/\/|\*)/.test(line)) return;
      for (const m of line.matchAll(literal)) {
        const raw = m[1] ?? m[2] ?? m[3] ?? "";
        // messages, not fragments of one (` (did you mean ...)`) or of a nested template
        if (!/ /.test(raw) || !/[a-z]{3}/.test(raw) || /^[\s(]/.test(raw)) continue;
        const opened = (raw.match(/\$\{/g) ?? []).length;
        const closed = (raw.match(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g) ?? []).length;
        if (opened !== closed) continue;
        out.push({ file, template: raw });
      }
    });
  }
  return out;
}

/** A message as a template would produce it: interpolations become sample values. */
function sample(template: string): string {
  return template
    .replace(/\$\{[^{}]*\? "" : "s"\}/g, "s")
    .replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}$/g, "")
    .replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g, "7")
    .replace(/\\(.)/g, "$1");
}

describe("parser messages in Chinese", () => {
  const found = parserMessageSources();
  const samples = [
    ...found.map((f) => sample(f.template)),
    'unknown instruction: "RUNN" (did you mean "RUN"?)',
    "unterminated identifier",
    "unterminated string",
    "'(' was never closed (with 2 more unclosed inside it)",
    "1 more syntax problem not listed",
  ];

  it("finds the parsers' messages in their sources", () => {
    expect(found.length).toBeGreaterThan(80);
    expect(found.map((f) => f.file)).toContain("src/parsers/nginx/parse.ts");
  });

  it("translates every message a parser can produce", () => {
    const untranslated = samples.filter((m) => !CJK.test(translateParserMessage(m, "zh-CN")));
    expect(untranslated, "add a pattern to parserPatterns in src/i18n/zh-CN.ts").toEqual([]);
    for (const m of samples) expect(translateParserMessage(m, "en")).toBe(m);
  });

  it("has no pattern that matches none of them", () => {
    const unused = parserPatterns("zh-CN").filter(([re]) => !samples.some((m) => re.test(m)));
    expect(unused.map(([re]) => String(re))).toEqual([]);
  });

  it("keeps the quoted names and values of the message", () => {
    expect(translateParserMessage('missing ";" after "proxy_pass" directive', "zh-CN")).toBe('指令 "proxy_pass" 后缺少 ";"');
    expect(translateParserMessage("line continuation \"\\\" at end of file: the instruction continues into nothing", "zh-CN")).toContain('"\\"');
  });

  it("shows a YAML library message of a compose file as quoted output", () => {
    expect(translateParserMessage("Implicit map keys need to be followed by map values", "zh-CN", "compose")).toBe('YAML 语法错误："Implicit map keys need to be followed by map values"');
    expect(translateParserMessage("Implicit map keys need to be followed by map values", "zh-CN", "nginx")).toBe("Implicit map keys need to be followed by map values");
  });
});

// ---------------------------------------------------------------- output on real projects

/** The seed examples and every fixture case (read in place). */
function projects(): string[] {
  const out: string[] = [];
  if (existsSync(EXAMPLES)) for (const e of readdirSync(EXAMPLES).sort()) if (statSync(join(EXAMPLES, e)).isDirectory()) out.push(join(EXAMPLES, e));
  for (const rule of readdirSync(join(ROOT, "fixtures")).sort()) {
    for (const kind of ["bad", "good"]) {
      const dir = join(ROOT, "fixtures", rule, kind);
      if (existsSync(dir)) for (const c of readdirSync(dir).sort()) if (statSync(join(dir, c)).isDirectory()) out.push(join(dir, c));
    }
  }
  return out;
}

/** Names from the user's files that messages quote without quotes: services, networks, path segments. */
function identifiers(run: ReturnType<typeof lint>, dir: string): Set<string> {
  const names = new Set<string>();
  for (const stack of run.model.stacks) {
    for (const s of stack.services) {
      names.add(s.name);
      for (const n of stack.networksOf(s)) names.add(n);
    }
  }
  for (const path of run.project.files.keys()) for (const part of relative(dir, path).split(sep)) for (const w of part.split(/[^A-Za-z]+/)) if (w) names.add(w);
  return names;
}

describe("--lang zh-CN output", () => {
  it("is Chinese on the seed examples and every fixture, except identifiers, paths and quoted program output", () => {
    const english: string[] = [];
    let messages = 0;
    for (const dir of projects()) {
      const run = lint({ paths: [dir], cwd: dir, rules: RULES, configPath: false, lang: "zh-CN" });
      const known = identifiers(run, dir);
      for (const d of run.result.diagnostics) {
        for (const message of [d.message, ...d.related.map((r) => r.message)]) {
          messages++;
          const words = englishWords(message, known);
          if (words.length > 0) english.push(`${relative(ROOT, dir)} ${d.ruleId}: [${words.join(" ")}] ${message}`);
        }
      }
    }
    expect(messages).toBeGreaterThan(500);
    expect(english).toEqual([]);
  });

  it("is the same finding for finding as the English output", () => {
    const dir = join(EXAMPLES, "seed-django-stack");
    if (!existsSync(dir)) return;
    const en = lint({ paths: [dir], cwd: dir, rules: RULES, configPath: false });
    const zh = lint({ paths: [dir], cwd: dir, rules: RULES, configPath: false, lang: "zh-CN" });
    const key = (d: { ruleId: string; file: string; line: number; column: number }): string => `${d.ruleId} ${d.file}:${d.line}:${d.column}`;
    expect(zh.result.diagnostics.map(key)).toEqual(en.result.diagnostics.map(key));
    expect(zh.result.summary).toEqual(en.result.summary);
    // `lang: "en"` is the default, byte for byte
    const en2 = lint({ paths: [dir], cwd: dir, rules: RULES, configPath: false, lang: "en" });
    expect(en2.result.diagnostics.map((d) => d.message)).toEqual(en.result.diagnostics.map((d) => d.message));
    expect(en.result.diagnostics.every((d) => !CJK.test(d.message))).toBe(true);
  });
});

describe("the CLI in Chinese", () => {
  const dir = join(EXAMPLES, "seed-django-stack");

  it("--lang zh-CN: messages and summary", () => {
    if (!existsSync(dir)) return;
    const out = runCli(dir, ["--lang", "zh-CN", "--no-config"]);
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/✖ 共 \d+ 个问题（\d+ 个错误，\d+ 个警告，\d+ 个提示）/);
    expect(out.stdout).toContain("可以用 --fix 自动修复");
    expect(out.stdout).not.toMatch(/\d+ problems/);
  });

  it("LANG=zh_CN.UTF-8 selects Chinese, --lang en English", () => {
    if (!existsSync(dir)) return;
    const zh = runCli(dir, ["--no-config"], { LANG: "zh_CN.UTF-8" });
    expect(zh.stdout).toMatch(/✖ 共 \d+ 个问题/);
    const en = runCli(dir, ["--no-config", "--lang=en"], { LANG: "zh_CN.UTF-8" });
    const plain = runCli(dir, ["--no-config"]);
    expect(en.stdout).toBe(plain.stdout);
    expect(plain.stdout).toMatch(/✖ \d+ problems \(/);
  });

  it("compact and github output", () => {
    if (!existsSync(dir)) return;
    const compact = runCli(dir, ["--no-config", "--lang", "zh-CN", "-f", "compact"]);
    expect(compact.stdout).toMatch(/\n共 \d+ 个问题\n$/);
    expect(compact.stdout).toContain("[参见 ");
    const github = runCli(dir, ["--no-config", "--lang", "zh-CN", "-f", "github"]);
    expect(github.stdout).toMatch(/stacklint：共 \d+ 个问题/);
  });

  it("help and the rule list", () => {
    const help = runCli(ROOT, ["--help", "--lang", "zh-CN"]);
    expect(help.stdout).toBe(ZH["cli.help"]);
    expect(runCli(ROOT, ["--help"], { LC_ALL: "zh_CN.UTF-8" }).stdout).toBe(ZH["cli.help"]);
    expect(runCli(ROOT, ["--help"]).stdout).toBe(HELP);
    const rules = runCli(ROOT, ["rules", "--lang", "zh-CN"]).stdout.trim().split("\n");
    expect(rules).toHaveLength(RULES.length);
    for (const line of rules) expect(line).toMatch(CJK);
  });

  it("rejects an unknown language", () => {
    const out = runCli(ROOT, ["--lang", "fr"]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('unknown language "fr"');
    expect(runCli(ROOT, ["--lang"]).code).toBe(2);
  });

  it("explain: help, title, cause and check in Chinese", () => {
    expect(runCli(ROOT, ["explain", "--help", "--lang", "zh-CN"]).stdout).toBe(ZH["cli.explainHelp"]);
    const fixture = join(ROOT, "fixtures-explain", "nginx-upstream-refused");
    const out = runCli(fixture, ["explain", "log.txt", "--lang", "zh-CN", "--no-color"]);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain("nginx 无法连接上游");
    expect(out.stdout).toContain("原因   ");
    expect(out.stdout).toContain("检查   ");
    expect(out.stdout).toMatch(/✖ 在 \d+ 行日志中识别出 \d+ 个已知故障/);
    const en = runCli(fixture, ["explain", "log.txt", "--no-color"]);
    expect(en.stdout).toContain("nginx could not connect to the upstream");
    expect(runCli(fixture, ["explain", "log.txt", "--no-color"], { LANG: "zh_CN.UTF-8" }).stdout).toContain("原因");
  });

  it("explains every fixture log in Chinese (facts from the log aside)", () => {
    const root = join(ROOT, "fixtures-explain");
    const english: string[] = [];
    let findings = 0;
    for (const name of readdirSync(root).sort()) {
      const log = join(root, name, "log.txt");
      if (!existsSync(log)) continue;
      const project = join(root, name, "project");
      const report = explainFile(log, { cwd: join(root, name), project: existsSync(project) ? project : undefined, verbose: false, lang: "zh-CN" });
      for (const f of report.findings) {
        findings++;
        const fromLog = new Set([...f.log.flatMap((l) => l.text.split(/[^A-Za-z]+/)), ...f.services]);
        for (const text of [f.message, f.cause, f.check]) {
          const words = englishWords(text, fromLog);
          if (words.length > 0 || !CJK.test(text)) english.push(`${name} ${f.signature}: [${words.join(" ")}] ${text}`);
        }
      }
    }
    expect(findings).toBeGreaterThan(40);
    expect(english).toEqual([]);
  });
});
