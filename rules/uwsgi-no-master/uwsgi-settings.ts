// What a uWSGI process is configured with, from the three places uWSGI reads options:
// UWSGI_* environment variables, the ini file it is given (its [uwsgi] section) and the
// command line. Shared by the uwsgi-* rules that need the effective settings.
import { posix } from "node:path";
import { UWSGI_OPTIONS, UWSGI_SHORT_ALIASES } from "../../src/knowledge/uwsgi-options.js";
import { containerPathOf } from "../../src/model/container-fs.js";
import type { Loc, ProcessNode, Service } from "../../src/model/types.js";
import type { IniEntry } from "../../src/parsers/ini/ast.js";
import type { Project, ProjectFile } from "../../src/project/project.js";

export interface UwsgiSetting {
  key: string;
  /** The value after `%(name)`/magic-variable interpolation; undefined when it could not be resolved. */
  value: string | undefined;
  raw: string;
  source: "env" | "ini" | "argv";
  /** The ini line (source "ini"), the command (argv) or the variable definition (env). */
  loc: Loc;
  entry: IniEntry | undefined;
}

export interface UwsgiConfig {
  ini: ProjectFile<"uwsgi"> | undefined;
  /** Container path of the ini (for `%d`). */
  iniPath: string | undefined;
  settings: UwsgiSetting[];
  /**
   * False when part of the configuration is out of sight: an ini that is not in the project,
   * included files (`ini =`, `include`, `inherit`, yaml/json/xml configs), the emperor, or a
   * section other than [uwsgi]. Rules stay silent then.
   */
  complete: boolean;
}

/** Keys that pull in more configuration stacklint does not follow. */
const INCLUDES = new Set(["ini", "include", "inherit", "yaml", "yml", "json", "js", "xml", "config", "emperor", "sqlite3", "ldap", "ini-paste", "ini-paste-logged", "for-readline"]);

export function uwsgiConfig(project: Project, service: Service, node: ProcessNode): UwsgiConfig {
  const settings: UwsgiSetting[] = [];
  // UWSGI_* variables baked into an image we cannot read are options too
  const base = service.build ? service.build.image?.base : service.image;
  let complete = (!service.build || service.build.image !== undefined) && base !== undefined && !base.name.includes("/");
  // 1. environment (UWSGI_MASTER=1 is `master = 1`)
  for (const env of service.environment) {
    if (!env.name.startsWith("UWSGI_") || !env.value) continue;
    const key = env.name.slice(6).toLowerCase().replace(/_/g, "-");
    if (INCLUDES.has(key)) complete = false;
    settings.push({ key, value: env.value.unknown ? undefined : env.value.text, raw: env.value.text, source: "env", loc: env.loc, entry: undefined });
  }
  for (const [name, value] of service.build?.image?.env ?? []) {
    if (!name.startsWith("UWSGI_")) continue;
    const key = name.slice(6).toLowerCase().replace(/_/g, "-");
    if (INCLUDES.has(key)) complete = false;
    if (service.environment.some((e) => e.name === name)) continue;
    settings.push({ key, value, raw: value, source: "env", loc: node.loc, entry: undefined });
  }
  // 2. the command line, which may name the ini
  const argvSettings: UwsgiSetting[] = [];
  let iniWord: string | undefined;
  const argv = node.argv;
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i]!;
    if (!w.startsWith("-")) {
      if (/\.ini(:[\w-]+)?$/.test(w)) iniWord = w;
      else complete = false;
      continue;
    }
    let key: string;
    let value: string | undefined;
    if (w.startsWith("--")) {
      const eq = w.indexOf("=");
      key = eq >= 0 ? w.slice(2, eq) : w.slice(2);
      value = eq >= 0 ? w.slice(eq + 1) : undefined;
    } else {
      const long = UWSGI_SHORT_ALIASES.get(w.slice(1, 2));
      if (!long || long.length === 0) {
        complete = false;
        continue;
      }
      key = long[0]!;
      value = w.length > 2 ? w.slice(2) : undefined;
    }
    const option = UWSGI_OPTIONS.get(key);
    if (value === undefined && option && option.argument === "required") {
      value = argv[i + 1];
      i++;
    }
    if (key === "ini") {
      iniWord = value;
      continue;
    }
    if (INCLUDES.has(key)) complete = false;
    argvSettings.push({ key, value: value ?? "", raw: value ?? "", source: "argv", loc: node.loc, entry: undefined });
  }
  // 3. the ini's [uwsgi] section
  const ini = node.config?.kind === "uwsgi" ? (node.config as ProjectFile<"uwsgi">) : undefined;
  let iniPath: string | undefined;
  if (iniWord !== undefined) {
    if (!ini || /\.ini:[\w-]+$/.test(iniWord) && !iniWord.endsWith(":uwsgi")) complete = false;
  }
  if (ini) {
    iniPath = containerPathOf(project, service, ini.source.path) ?? (iniWord && iniWord.startsWith("/") ? iniWord.replace(/:[\w-]+$/, "") : undefined);
    const defined = new Map<string, string | undefined>();
    for (const s of settings) defined.set(s.key, s.value);
    for (const section of ini.ast.sections) {
      if (section.name !== "uwsgi") continue;
      for (const e of section.entries) {
        if (!e.hasEquals) continue;
        if (INCLUDES.has(e.key)) complete = false;
        const value = interpolate(e.value, defined, iniPath, service);
        defined.set(e.key, value);
        settings.push({ key: e.key, value, raw: e.value, source: "ini", loc: { file: ini.source, start: e.start, end: e.end }, entry: e });
      }
    }
  }
  settings.push(...argvSettings);
  return { ini, iniPath, settings, complete };
}

/** uWSGI's `%(name)` placeholders and the magic variables that only depend on the ini's path. */
function interpolate(raw: string, defined: Map<string, string | undefined>, iniPath: string | undefined, service: Service): string | undefined {
  let unresolved = false;
  let out = raw.replace(/%\(([^)]+)\)/g, (_, name: string) => {
    const v = defined.get(name);
    if (v === undefined) unresolved = true;
    return v ?? "";
  });
  out = out.replace(/%([a-zA-Z%])/g, (whole, c: string) => {
    if (c === "%") return "%";
    if (!iniPath) {
      unresolved = true;
      return whole;
    }
    switch (c) {
      case "d": return posix.dirname(iniPath) + "/";
      case "p": return iniPath;
      case "s": return posix.basename(iniPath);
      case "n": return posix.basename(iniPath).replace(/\.[^.]*$/, "");
      case "e": return posix.extname(iniPath);
      case "c": return posix.basename(posix.dirname(iniPath));
      default:
        unresolved = true;
        return whole;
    }
  });
  out = out.replace(/\$\(([A-Za-z_]\w*)\)/g, (whole, name: string) => {
    const v = service.environment.find((e) => e.name === name)?.value;
    const image = service.build?.image?.env.get(name);
    if (v && !v.unknown) return v.text;
    if (image !== undefined) return image;
    unresolved = true;
    return whole;
  });
  if (/@\(|\$\(/.test(out)) unresolved = true;
  return unresolved ? undefined : out;
}

/** The last value of a scalar option (later ones win), looking at every spelling given. */
export function lastSetting(config: UwsgiConfig, keys: readonly string[]): UwsgiSetting | undefined {
  let found: UwsgiSetting | undefined;
  for (const s of config.settings) if (keys.includes(s.key)) found = s;
  return found;
}

/** uwsgi_opt_true: a flag is on unless its value is false/off/no/0. */
export function flagOn(setting: UwsgiSetting | undefined): boolean {
  if (!setting) return false;
  const v = (setting.value ?? setting.raw).trim().toLowerCase();
  return !(v === "false" || v === "off" || v === "no" || v === "0");
}

/** uWSGI processes of a service: the main process's and those supervisord starts. */
export function uwsgiNodes(service: Service): ProcessNode[] {
  return [...(service.main?.programs ?? []), ...service.supervised].filter((p) => p.program === "uwsgi");
}

/**
 * uWSGI as a container's main process, in the foreground, with every setting visible
 * (ini, command line, UWSGI_* environment): the services the master/die-on-term rules judge.
 */
export function* mainUwsgi(project: Project, stacks: readonly { services: Service[] }[]): Generator<{ service: Service; node: ProcessNode; config: UwsgiConfig }> {
  for (const stack of stacks) {
    for (const service of stack.services) {
      const node = service.main?.last;
      if (!node || node.program !== "uwsgi" || node.mode !== "foreground" || node.background) continue;
      const config = uwsgiConfig(project, service, node);
      if (config.complete) yield { service, node, config };
    }
  }
}
