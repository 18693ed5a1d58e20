/**
 * Map findings to the config lines behind them, through the same stack
 * model the lint rules query (connections, stack.target, listeners, main
 * processes, mounts). When the model cannot tell, a finding gets no config
 * location (and maybe a note), never a guess.
 */
import type { Model } from "../model/build-model.js";
import type { Project } from "../project/project.js";
import { positionAt } from "../source/source-file.js";
import type { Finding } from "./match.js";
import type { LocateId } from "./signatures.js";
import {
  locateAptPackage, locateBuildCopy, locateComposeYaml, locateCrlfScripts, locateDependsOn, locateHarakiri, locateMainProcess, locateMakemigrations,
  locateNetworks, locatePipRequirements, locatePublishedPort, locateScriptExecBit, locateSupervisordDaemon, locateSupervisorProgram, locateUwsgiApp,
  locateUwsgiBind, locateUwsgiMemory, locateUwsgiPlugin,
} from "./locate-app.js";
import {
  locateAllowedHosts, locateCsrfOrigins, locateDbCredentials, locateDbHost, locateDbName, locateInitdb, locateMysqlAuthPlugin, locateMysqlOption,
  locateMysqlTimeouts, locateRedisConfigLine, locateRedisHost, locateRedisMaxmemory, locateRedisPassword, locateRedisProtected, locateStaticFiles,
} from "./locate-data.js";
import {
  dedupeHits, locateBodySize, locateHostNotFound, locateLogFormat, locateNginxBind, locateNginxFileLine, locateNginxStatic, locateProtocolMismatch,
  locateUnixSocket, locateUnixSocketPerms, locateUpstreamClosed, locateUpstreamRefused, locateUpstreamServers, locateUpstreamTimeout,
} from "./locate-nginx.js";
import type { Located, LocateContext } from "./locate-util.js";

export type { Located, LocateContext } from "./locate-util.js";

const STRATEGIES: Record<LocateId, (ctx: LocateContext, finding: Finding) => Located> = {
  "upstream-refused": locateUpstreamRefused,
  "protocol-mismatch": locateProtocolMismatch,
  "upstream-closed": locateUpstreamClosed,
  "host-not-found": locateHostNotFound,
  "upstream-timeout": locateUpstreamTimeout,
  "upstream-servers": locateUpstreamServers,
  "nginx-file-line": locateNginxFileLine,
  "nginx-log-format": locateLogFormat,
  "nginx-bind": locateNginxBind,
  "nginx-static": (ctx, f) => locateNginxStatic(ctx, f),
  "nginx-body-size": locateBodySize,
  "unix-socket": locateUnixSocket,
  "unix-socket-perms": locateUnixSocketPerms,
  "uwsgi-app": locateUwsgiApp,
  "uwsgi-bind": locateUwsgiBind,
  harakiri: locateHarakiri,
  "uwsgi-plugin": locateUwsgiPlugin,
  "uwsgi-memory": locateUwsgiMemory,
  "main-process": locateMainProcess,
  "supervisord-daemon": locateSupervisordDaemon,
  "supervisor-program": locateSupervisorProgram,
  "crlf-scripts": locateCrlfScripts,
  "script-exec-bit": locateScriptExecBit,
  "published-port": locatePublishedPort,
  "depends-on": locateDependsOn,
  networks: locateNetworks,
  "compose-yaml": locateComposeYaml,
  "build-copy": locateBuildCopy,
  "apt-package": locateAptPackage,
  "pip-requirements": locatePipRequirements,
  "db-host": locateDbHost,
  "db-credentials": locateDbCredentials,
  "mysql-option": locateMysqlOption,
  "mysql-auth-plugin": locateMysqlAuthPlugin,
  "db-name": locateDbName,
  "initdb-sql": locateInitdb,
  "mysql-timeouts": locateMysqlTimeouts,
  "redis-host": locateRedisHost,
  "redis-password": locateRedisPassword,
  "redis-protected": locateRedisProtected,
  "redis-config-line": locateRedisConfigLine,
  "redis-maxmemory": locateRedisMaxmemory,
  "allowed-hosts": locateAllowedHosts,
  "csrf-origins": locateCsrfOrigins,
  "static-files": locateStaticFiles,
  makemigrations: locateMakemigrations,
};

/** A config location as every output format shows it. */
export interface ConfigLocation {
  /** Path relative to the current directory, forward slashes. */
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface LocateResult {
  config: ConfigLocation[];
  notes: string[];
}

export function createLocateContext(project: Project, model: Model, redact: (text: string) => string): LocateContext {
  return { project, model, data: redact };
}

/** The config locations behind a finding (one per line, the first reason kept), with notes. */
export function locate(ctx: LocateContext, finding: Finding): LocateResult {
  const id = finding.signature.locate;
  if (!id) return { config: [], notes: [] };
  const result = STRATEGIES[id](ctx, finding);
  const config: ConfigLocation[] = [];
  const seen = new Set<string>();
  for (const hit of dedupeHits(result.hits)) {
    const pos = positionAt(hit.loc.file, hit.loc.start);
    const file = ctx.project.display(hit.loc.file.path);
    const key = `${file}:${pos.line}`;
    if (seen.has(key)) {
      // Same line, another reason: keep both reasons in one location.
      const prev = config.find((c) => `${c.file}:${c.line}` === key);
      if (prev && !prev.message.includes(hit.message)) prev.message += `; ${hit.message}`;
      continue;
    }
    seen.add(key);
    config.push({ file, line: pos.line, column: pos.column, message: hit.message });
  }
  return { config, notes: [...new Set(result.notes)] };
}
