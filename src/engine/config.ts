import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Severity } from "./rule.js";
import { globSource } from "../discover/glob.js";

export type RuleLevel = Severity | "off";

export interface StacklintConfig {
  /** Severity per rule id; "off" disables. */
  rules: Record<string, RuleLevel>;
  /** Glob patterns (relative to the config file) of paths not to lint. */
  ignore: string[];
  /** Where the config came from (for messages). */
  path: string | undefined;
}

export class ConfigError extends Error {}

const CONFIG_NAMES = ["stacklint.config.json", ".stacklintrc.json"];
const LEVELS = new Set(["off", "info", "warning", "error"]);

/** Find the config upward from `start`: stacklint.config.json, .stacklintrc.json, or "stacklint" in package.json. */
export function findConfig(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const p = join(dir, name);
      if (existsSync(p)) return p;
    }
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        const json = JSON.parse(readFileSync(pkg, "utf8")) as Record<string, unknown>;
        if (json && typeof json === "object" && "stacklint" in json) return pkg;
      } catch {
        // a broken package.json is not our config
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function loadConfig(path: string | undefined, knownRules: ReadonlySet<string>): StacklintConfig {
  if (!path) return { rules: {}, ignore: [], path: undefined };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError(`cannot read config ${path}: ${(error as Error).message}`);
  }
  if (path.endsWith("package.json")) raw = (raw as Record<string, unknown>)["stacklint"];
  return validateConfig(raw, path, knownRules);
}

export function validateConfig(raw: unknown, path: string, knownRules: ReadonlySet<string>): StacklintConfig {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new ConfigError(`${path}: the config must be a JSON object`);
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (key !== "rules" && key !== "ignore" && key !== "$schema") throw new ConfigError(`${path}: unknown key "${key}" (allowed: rules, ignore)`);
  }
  const rules: Record<string, RuleLevel> = {};
  if (obj["rules"] !== undefined) {
    if (typeof obj["rules"] !== "object" || obj["rules"] === null || Array.isArray(obj["rules"])) throw new ConfigError(`${path}: "rules" must be an object`);
    for (const [id, level] of Object.entries(obj["rules"] as Record<string, unknown>)) {
      if (!knownRules.has(id)) throw new ConfigError(`${path}: unknown rule "${id}"`);
      if (typeof level !== "string" || !LEVELS.has(level)) throw new ConfigError(`${path}: rule "${id}" must be one of off, info, warning, error`);
      rules[id] = level as RuleLevel;
    }
  }
  const ignore: string[] = [];
  if (obj["ignore"] !== undefined) {
    if (!Array.isArray(obj["ignore"]) || obj["ignore"].some((p) => typeof p !== "string")) throw new ConfigError(`${path}: "ignore" must be an array of glob strings`);
    ignore.push(...(obj["ignore"] as string[]));
  }
  return { rules, ignore, path };
}

/** `--rule id:level`. */
export function parseRuleOption(text: string, knownRules: ReadonlySet<string>): [string, RuleLevel] {
  const i = text.lastIndexOf(":");
  const id = i < 0 ? text : text.slice(0, i);
  const level = i < 0 ? "" : text.slice(i + 1);
  if (!knownRules.has(id)) throw new ConfigError(`--rule: unknown rule "${id}"`);
  if (!LEVELS.has(level)) throw new ConfigError(`--rule ${text}: level must be one of off, info, warning, error`);
  return [id, level as RuleLevel];
}

/** An `ignore` pattern: `**` any path, `*` any name part, `?` one char; a pattern without `/` matches at any depth, a directory also covers what is below it. */
export function globToRegExp(pattern: string): RegExp {
  let p = pattern.replace(/^\.\//, "");
  const anchored = p.includes("/") && !p.startsWith("**/");
  if (p.endsWith("/")) p += "**";
  const re = globSource(p);
  return new RegExp(anchored ? `^${re}(/.*)?$` : `(^|/)${re}(/.*)?$`);
}
