// supervisord.conf keys per section type, traced from supervisor's own parser
// (scripts/knowledge/supervisor_keys.py -> generated/supervisor.ts), plus real
// supervisord runs. See README.md in this folder.
import {
  SUPERVISOR_CONVERTERS,
  SUPERVISOR_DEFAULTS,
  SUPERVISOR_FALSY,
  SUPERVISOR_LOGLEVELS,
  SUPERVISOR_SECTION_KEYS,
  SUPERVISOR_TRUTHY,
  SUPERVISOR_VERSION,
  SUPERVISORD_PROBE_RESULTS,
} from "./generated/supervisor.js";

export { SUPERVISOR_CONVERTERS, SUPERVISOR_DEFAULTS, SUPERVISOR_FALSY, SUPERVISOR_LOGLEVELS, SUPERVISOR_TRUTHY, SUPERVISOR_VERSION, SUPERVISORD_PROBE_RESULTS };

export type SupervisorSectionType =
  | "supervisord"
  | "program"
  | "group"
  | "include"
  | "unix_http_server"
  | "inet_http_server"
  | "supervisorctl"
  | "eventlistener"
  | "fcgi-program"
  | "rpcinterface"
  | "ctlplugin";

/** Section types whose header carries a name after a colon: [program:web]. */
const NAMED: ReadonlySet<string> = new Set(["program", "group", "eventlistener", "fcgi-program", "rpcinterface", "ctlplugin"]);
const UNNAMED: ReadonlySet<string> = new Set(["supervisord", "include", "unix_http_server", "inet_http_server", "supervisorctl"]);

/**
 * The section type of a header (without brackets), or undefined for a section
 * supervisor never reads (e.g. `program web` without a colon, `programs:x`): such a
 * section is ignored silently.
 */
export function supervisorSectionType(header: string): SupervisorSectionType | undefined {
  const h = header.trim();
  const colon = h.indexOf(":");
  const kind = colon < 0 ? h : h.slice(0, colon);
  if (colon < 0 ? !UNNAMED.has(kind) : !NAMED.has(kind) || h.length === colon + 1) return undefined;
  return kind as SupervisorSectionType;
}

/** Keys the parser reads per section type (everything else is silently ignored). */
export const SUPERVISOR_KEYS: Readonly<Record<SupervisorSectionType, ReadonlySet<string>>> = {
  supervisord: new Set(SUPERVISOR_SECTION_KEYS["supervisord"] ?? []),
  program: new Set(SUPERVISOR_SECTION_KEYS["program"] ?? []),
  group: new Set(SUPERVISOR_SECTION_KEYS["group"] ?? []),
  include: new Set(SUPERVISOR_SECTION_KEYS["include"] ?? []),
  unix_http_server: new Set(SUPERVISOR_SECTION_KEYS["unix_http_server"] ?? []),
  inet_http_server: new Set(SUPERVISOR_SECTION_KEYS["inet_http_server"] ?? []),
  supervisorctl: new Set(SUPERVISOR_SECTION_KEYS["supervisorctl"] ?? []),
  eventlistener: new Set(SUPERVISOR_SECTION_KEYS["eventlistener"] ?? []),
  "fcgi-program": new Set(SUPERVISOR_SECTION_KEYS["fcgi-program"] ?? []),
  rpcinterface: new Set(SUPERVISOR_SECTION_KEYS["rpcinterface"] ?? []),
  // [ctlplugin:x] is read by supervisorctl through the same get_plugins() as rpcinterface
  ctlplugin: new Set(["supervisor.ctl_factory"]),
};

/**
 * Whether supervisor reads `key` in a section of this type. [rpcinterface:x] and
 * [ctlplugin:x] pass every other key to their factory, so any key is accepted there.
 */
export function isKnownSupervisorKey(section: SupervisorSectionType, key: string): boolean {
  if (section === "rpcinterface" || section === "ctlplugin") return true;
  return SUPERVISOR_KEYS[section].has(key.trim());
}

/**
 * Behaviour of the real supervisord 4.2 (SUPERVISORD_PROBE_RESULTS):
 * - unknown keys (`stdout=`) are silently ignored: the program starts, nothing is logged;
 * - invalid values stop supervisord before it starts anything, with
 *   "Error: ... in section 'program:x' (file: '...')" and "For help, use /usr/bin/supervisord -h";
 * - ` ;` and ` #` start inline comments (configparser inline_comment_prefixes), so
 *   `command=/bin/sleep 30 ; note` runs `/bin/sleep 30`.
 */
export const SUPERVISOR_MESSAGES = {
  invalidAutorestart: "Error: invalid 'autorestart' value '{value}' in section 'program:{name}' (file: '{file}')",
  invalidBoolean: "Error: not a valid boolean value: '{value}' in section 'program:{name}' (file: '{file}')",
  invalidSignal: "Error: value '{value}' is not a valid signal name in section 'program:{name}' (file: '{file}')",
  invalidInteger: "Error: invalid literal for int() with base 10: '{value}' in section 'program:{name}' (file: '{file}')",
  unknownUser: "Error: Invalid user name {user} in section 'program:{name}' (file: '{file}')",
  noCommand: "Error: program section program:{name} does not specify a command in section 'program:{name}' (file: '{file}')",
  numprocsNeedsProcessNum: "Error: %(process_num) must be present within process_name when numprocs > 1 in section 'program:{name}' (file: '{file}')",
  help: "For help, use /usr/bin/supervisord -h",
  redirectStderrIgnoresLogfile: "WARN For [program:{name}], redirect_stderr=true but stderr_logfile has also been set to a filename, the filename has been ignored",
} as const;
