// Every option uWSGI 2.0 (Debian's uwsgi-core) accepts, with the python3 and http
// plugins loaded. The option table is generated from the real binary
// (scripts/knowledge/uwsgi.mjs -> generated/uwsgi.ts); see README.md in this folder.
import { UWSGI_OPTION_ROWS, UWSGI_PROBE_RESULTS, UWSGI_PYTHON_VERSION, UWSGI_VERSION } from "./generated/uwsgi.js";

export { UWSGI_PROBE_RESULTS, UWSGI_PYTHON_VERSION, UWSGI_VERSION };

/** Where an option comes from: built into uwsgi-core, or a plugin loaded with `plugins =`. */
export type UwsgiPlugin = "core" | "python3" | "http";
/** getopt argument type of the option (`none` options are flags: `master = true`). */
export type UwsgiArgument = "none" | "required" | "optional";
/** What the option's handler does with the value. */
export type UwsgiValueKind = "flag" | "integer" | "string" | "other";

export interface UwsgiOption {
  readonly name: string;
  readonly argument: UwsgiArgument;
  /** One-letter command-line alias (`-s`); NOT accepted as an ini key. */
  readonly shortAlias: string | undefined;
  readonly plugin: UwsgiPlugin;
  /**
   * True when every occurrence adds one more item (socket, env, route, attach-daemon,
   * pythonpath, logger ...). Otherwise a repeated key overrides the previous one.
   */
  readonly repeatable: boolean;
  /** uWSGI handler function without the `uwsgi_opt_` prefix (e.g. `add_socket`). */
  readonly handler: string;
  readonly valueKind: UwsgiValueKind;
}

function valueKindOf(handler: string): UwsgiValueKind {
  if (handler === "true" || handler === "false") return "flag";
  if (/^set_(int|64bit|16bit|megabytes|rawint)$/.test(handler)) return "integer";
  if (handler === "set_str" || handler === "add_string_list") return "string";
  return "other";
}

function build(): ReadonlyMap<string, UwsgiOption> {
  const map = new Map<string, UwsgiOption>();
  for (const [name, argument, short, plugin, repeatable, handler] of UWSGI_OPTION_ROWS) {
    map.set(name, {
      name,
      argument,
      shortAlias: short === "" ? undefined : short,
      plugin,
      repeatable: repeatable === 1,
      handler,
      valueKind: valueKindOf(handler),
    });
  }
  return map;
}

/** All options by exact name (uWSGI does not map `_` to `-`: `post_buffering` is unknown). */
export const UWSGI_OPTIONS: ReadonlyMap<string, UwsgiOption> = build();

/** Command-line short alias -> the long options that share it (`s` -> socket, uwsgi-socket). */
export const UWSGI_SHORT_ALIASES: ReadonlyMap<string, readonly string[]> = (() => {
  const m = new Map<string, string[]>();
  for (const o of UWSGI_OPTIONS.values()) {
    if (o.shortAlias === undefined) continue;
    const list = m.get(o.shortAlias) ?? [];
    list.push(o.name);
    m.set(o.shortAlias, list);
  }
  return m;
})();

/** Look up an ini key exactly as uWSGI does (case-sensitive, no `_`/`-` folding). */
export function lookupUwsgiOption(key: string): UwsgiOption | undefined {
  return UWSGI_OPTIONS.get(key);
}

/**
 * Facts about Debian's packaged uWSGI (bookworm, checked on the real program; the
 * messages are verbatim from UWSGI_PROBE_RESULTS).
 */
export const UWSGI_DEBIAN_FACTS = {
  /** /usr/bin/uwsgi is an alternatives link to /usr/bin/uwsgi-core, which has no language plugin built in. */
  binary: "/usr/bin/uwsgi-core",
  pluginDir: "/usr/lib/uwsgi/plugins",
  /**
   * The http router (`http =`, `https =`, `http-to` ...) is http_plugin.so, shipped in the
   * uwsgi-core package itself (Debian has no uwsgi-plugin-http package) but not built in:
   * without `plugins = http` the `http` key is silently ignored (unknown option).
   * `http-socket` is core and always works. pip's uWSGI has http built in.
   */
  httpPluginLoad: "plugins = http",
  /** python3_plugin.so comes from the uwsgi-plugin-python3 package; without `plugins = python3`, `module`/`wsgi-file` are unknown. */
  python3PluginLoad: "plugins = python3",
  /** Short aliases are command-line only: `s = :8000` in an ini is an unknown key. */
  shortAliasesInIni: false,
  messages: {
    strictUnknown: "[strict-mode] unknown config directive: {key}",
    noSocket: "The -s/--socket option is missing and stdin is not a socket.",
    noRequestPlugin: "no request plugin is loaded, you will not be able to manage requests.",
    noApp: "*** no app loaded. going in full dynamic mode ***",
    daemonizeMissingDir: 'open("{path}"): No such file or directory [core/logging.c line 288]',
  },
} as const;
