/**
 * Languages of stacklint's output. English is the source: rule messages and
 * descriptions live in each rule's meta, explain texts in the signatures, the
 * CLI's own strings in `en.ts`. Every other language is one catalogue
 * (`zh-CN.ts`) keyed like this:
 *
 *   "<ruleId>.<messageId>"     a rule's message template (same {{placeholders}})
 *   "<ruleId>.description"     a rule's one-line description
 *   "explain.<signature>.title|cause|check"
 *   "engine.*", "summary.*", "compact.*", "github.*", "explain.format.*", "cli.*"
 *
 * Parser problems are literal English strings (often quoting the program's
 * own wording); the catalogue translates them with a table of patterns.
 * A missing translation falls back to English.
 */
import { EN } from "./en.js";
import { ZH_CN_YAML, zhCN } from "./zh-CN.js";

export type Lang = "en" | "zh-CN";
export const LANGS: readonly Lang[] = ["en", "zh-CN"];

export type Catalogue = Readonly<Record<string, string>>;

/** Catalogues other than English, loaded on first use. */
const CATALOGUES: Record<Exclude<Lang, "en">, () => Catalogue> = { "zh-CN": () => zhCN().texts };

/** `zh-CN`, `zh_CN`, `zh`, `zh-Hans`, `zh_CN.UTF-8`... → zh-CN; `en`, `en_US.UTF-8`, `C`... → en; anything else undefined. */
export function parseLang(value: string): Lang | undefined {
  const v = value.trim().toLowerCase();
  if (/^zh(?:$|[-_.@])/.test(v)) return "zh-CN";
  if (/^en(?:$|[-_.@])/.test(v) || v === "c" || v === "posix" || /^c\./.test(v)) return "en";
  return undefined;
}

/**
 * The output language: `--lang` when given, else the locale of the messages
 * (LC_ALL, then LC_MESSAGES, then LANG, as POSIX orders them): Chinese when
 * it starts with `zh`, English otherwise.
 */
export function resolveLang(option: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (option !== undefined) {
    const lang = parseLang(option);
    if (lang === undefined) throw new RangeError(`unknown language "${option}": use ${LANGS.join(" or ")}`);
    return lang;
  }
  for (const name of ["LC_ALL", "LC_MESSAGES", "LANG"]) {
    const value = env[name];
    if (value === undefined || value === "") continue;
    return /^zh/i.test(value) ? "zh-CN" : "en";
  }
  return "en";
}

/**
 * Takes `--lang X` / `--lang=X` out of a command line (it is accepted
 * anywhere, by every command), so the commands' own parsers never see it.
 */
export function extractLangOption(argv: readonly string[]): { lang: string | undefined; rest: string[]; missingValue: boolean } {
  const rest: string[] = [];
  let lang: string | undefined;
  let missingValue = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    if (a === "--lang") {
      const v = argv[i + 1];
      if (v === undefined) missingValue = true;
      else lang = v;
      i++;
    } else if (a.startsWith("--lang=")) lang = a.slice(7);
    else rest.push(a);
  }
  return { lang, rest, missingValue };
}

/** `{{name}}` placeholders, and `{{name:one|other}}` (English plurals: "one" when the value is 1). */
const PLACEHOLDER = /\{\{\s*(\w+)(?::([^|{}]*)\|([^{}]*))?\s*\}\}/g;

export function fill(template: string, data: Readonly<Record<string, string | number>>): string {
  return template.replace(PLACEHOLDER, (whole, key: string, one: string | undefined, other: string | undefined) => {
    if (!(key in data)) return whole;
    const value = data[key]!;
    if (one !== undefined && other !== undefined) return Number(value) === 1 ? one : other;
    return String(value);
  });
}

/** The placeholder names a template uses (plural forms count as their name). */
export function placeholders(template: string): Set<string> {
  return new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!));
}

/** The catalogue of a language (English: the CLI's own strings; rule texts come from the rules). */
export function catalogue(lang: Lang): Catalogue {
  return lang === "en" ? EN : CATALOGUES[lang]();
}

/** The template for `key` in `lang`, or undefined when that language has none. */
export function template(key: string, lang: Lang): string | undefined {
  return lang === "en" ? EN[key] : CATALOGUES[lang]()[key];
}

/**
 * `key` in `lang` filled with `data`; falls back to `englishFallback` (the
 * rule's own English template), then to the English catalogue, then the key.
 */
export function translate(key: string, data: Readonly<Record<string, string | number>>, lang: Lang, englishFallback?: string): string {
  const t = (lang === "en" ? undefined : template(key, lang)) ?? englishFallback ?? EN[key] ?? key;
  return fill(t, data);
}

/** Shorthand for the CLI's own strings. */
export function t(key: string, lang: Lang, data: Readonly<Record<string, string | number>> = {}): string {
  return translate(key, data, lang);
}

/**
 * A parser's (or the file reader's) problem message in `lang`: the first
 * pattern of the catalogue's table that matches the whole message gives the
 * translation (`$1`... are its groups: names and quoted text stay as they are).
 */
export function translateParserMessage(message: string, lang: Lang, kind?: string): string {
  if (lang === "en") return message;
  for (const [pattern, replacement] of zhCN().parser) {
    if (pattern.test(message)) return message.replace(pattern, replacement);
  }
  // The YAML library's own messages (compose files) are many: shown as the quoted error they are.
  if (kind === "compose") return ZH_CN_YAML.replace("$1", () => message);
  return message;
}

/** The parser patterns of a language (for tests). */
export function parserPatterns(lang: Exclude<Lang, "en">): readonly (readonly [RegExp, string])[] {
  return lang === "zh-CN" ? zhCN().parser : [];
}

/** A fixed phrase (rule wording passed as data) in `lang`: its own variant, else the English. */
export function pickFixed(value: { fixed: string; zh?: string }, lang: Lang): string {
  return lang === "zh-CN" && value.zh !== undefined ? value.zh : value.fixed;
}
