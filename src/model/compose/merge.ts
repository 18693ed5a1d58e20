import type { ServiceSpec } from "./read-services.js";

/**
 * Merge a service defined in several compose files (base first), following
 * the compose spec's merge rules: scalars are replaced; `ports`/`expose`/
 * `links`/`depends_on`/`env_file` are appended; `environment` is merged by
 * name, `volumes` by container path, `networks` by name; `!reset` empties a
 * key and `!override` replaces it instead of merging.
 */
export function mergeServiceSpecs(base: ServiceSpec, over: ServiceSpec): ServiceSpec {
  const out: ServiceSpec = {
    ...base,
    environment: new Map(base.environment),
    envFiles: [...base.envFiles],
    ports: [...base.ports],
    expose: [...base.expose],
    mounts: [...base.mounts],
    networks: new Map(base.networks),
    links: [...base.links],
    dependsOn: [...base.dependsOn],
    reset: new Set([...base.reset, ...over.reset]),
    override: new Set([...base.override, ...over.override]),
  };
  const replaceList = (key: string): boolean => over.reset.has(key) || over.override.has(key);
  if (over.image !== undefined) out.image = over.image;
  if (over.build !== undefined) out.build = over.build;
  if (over.command !== undefined) out.command = over.command;
  if (over.entrypoint !== undefined) out.entrypoint = over.entrypoint;
  if (over.networkMode !== undefined) out.networkMode = over.networkMode;
  if (over.tty !== undefined) out.tty = over.tty;
  if (over.stdinOpen !== undefined) out.stdinOpen = over.stdinOpen;
  if (over.restart !== undefined) out.restart = over.restart;
  if (over.containerName !== undefined) out.containerName = over.containerName;
  if (over.healthcheck !== undefined) out.healthcheck = over.healthcheck;

  if (replaceList("environment")) out.environment = new Map();
  for (const [k, v] of over.environment) out.environment.set(k, v);
  if (replaceList("env_file")) out.envFiles = [];
  out.envFiles.push(...over.envFiles);
  if (replaceList("ports")) out.ports = [];
  out.ports.push(...over.ports);
  if (replaceList("expose")) out.expose = [];
  out.expose.push(...over.expose);
  if (replaceList("volumes")) out.mounts = [];
  for (const mount of over.mounts) {
    out.mounts = out.mounts.filter((m) => m.target !== mount.target);
    out.mounts.push(mount);
  }
  if (replaceList("networks")) out.networks = new Map();
  for (const [k, v] of over.networks) out.networks.set(k, v);
  if (replaceList("links")) out.links = [];
  out.links.push(...over.links);
  if (replaceList("depends_on")) out.dependsOn = [];
  for (const dep of over.dependsOn) {
    out.dependsOn = out.dependsOn.filter((d) => d.name !== dep.name);
    out.dependsOn.push(dep);
  }
  if (over.reset.has("command")) out.command = null;
  if (over.reset.has("entrypoint")) out.entrypoint = null;
  return out;
}
