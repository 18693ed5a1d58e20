/**
 * The structure of a compose file, as data: which keys each mapping allows and
 * which YAML node kinds (scalar / list / mapping) each value may be.
 *
 * Source: the Compose Specification's JSON schema,
 * https://github.com/compose-spec/compose-spec/blob/master/schema/compose-spec.json
 * (read at commit 00655e2222608fa6eaecdf12ac5195889ca2244a; docker compose v2
 * embeds this schema through compose-go and validates every file against it).
 * Only the structure is kept: scalar types (string vs number vs boolean) and
 * enums are not checked, because compose converts many of them and a wrong
 * guess would be a false positive.
 */

/** What a value may be. A null value (`key:` with nothing after it) is never reported. */
export interface Shape {
  /** A string, number or boolean. */
  scalar?: true;
  /** A sequence; `true`: items are not checked. */
  list?: Shape | true;
  /** A mapping; `true`: keys and values are not checked. */
  map?: MapShape | true;
}

export interface MapShape {
  /** Closed mapping: only these keys (plus `x-*` extensions). */
  keys?: Record<string, Shape>;
  /** Open mapping: any key, each value of this shape. */
  values?: Shape;
  /** Names allowed as keys of an open mapping (compose: `^[a-zA-Z0-9._-]+$`). */
  keyPattern?: RegExp;
}

const ANY: Shape = { scalar: true, list: true, map: true };
const SCALAR: Shape = { scalar: true };
const LIST_OF_STRINGS: Shape = { list: SCALAR };
const STRING_OR_LIST: Shape = { scalar: true, list: SCALAR };
const LIST_OR_DICT: Shape = { list: SCALAR, map: { values: SCALAR } };
const DICT_OF_SCALARS: Shape = { map: { values: SCALAR } };
const COMMAND: Shape = { scalar: true, list: SCALAR };
const NAME = /^[a-zA-Z0-9._-]+$/;

function closed(keys: Record<string, Shape>): Shape {
  return { map: { keys } };
}

function scalars(...names: string[]): Record<string, Shape> {
  return Object.fromEntries(names.map((n) => [n, SCALAR]));
}

const EXTRA_HOSTS: Shape = { list: SCALAR, map: { values: { scalar: true, list: SCALAR } } };
const CONFIG_OR_SECRET_REFS: Shape = { list: { scalar: true, map: { keys: scalars("source", "target", "uid", "gid", "mode") } } };
const ULIMITS: Shape = { map: { values: { scalar: true, map: { keys: scalars("hard", "soft") } } } };
const SERVICE_HOOK: Shape = closed({ command: COMMAND, ...scalars("user", "privileged", "working_dir"), environment: LIST_OR_DICT });
const DEVICE_REQUEST: Shape = closed({ capabilities: LIST_OF_STRINGS, count: SCALAR, device_ids: LIST_OF_STRINGS, driver: SCALAR, options: LIST_OR_DICT });

const BUILD: Shape = {
  scalar: true,
  map: {
    keys: {
      ...scalars("context", "dockerfile", "dockerfile_inline", "no_cache", "network", "pull", "target", "shm_size", "isolation", "privileged"),
      entitlements: LIST_OF_STRINGS,
      args: LIST_OR_DICT,
      ssh: LIST_OR_DICT,
      labels: LIST_OR_DICT,
      cache_from: LIST_OF_STRINGS,
      cache_to: LIST_OF_STRINGS,
      additional_contexts: LIST_OR_DICT,
      extra_hosts: EXTRA_HOSTS,
      secrets: CONFIG_OR_SECRET_REFS,
      tags: LIST_OF_STRINGS,
      ulimits: ULIMITS,
      platforms: LIST_OF_STRINGS,
    },
  },
};

const UPDATE_CONFIG: Shape = closed(scalars("parallelism", "delay", "failure_action", "monitor", "max_failure_ratio", "order"));

const DEPLOY: Shape = closed({
  ...scalars("mode", "endpoint_mode", "replicas"),
  labels: LIST_OR_DICT,
  rollback_config: UPDATE_CONFIG,
  update_config: UPDATE_CONFIG,
  resources: closed({
    limits: closed(scalars("cpus", "memory", "pids")),
    reservations: closed({ ...scalars("cpus", "memory"), generic_resources: { list: true }, devices: { list: DEVICE_REQUEST } }),
  }),
  restart_policy: closed(scalars("condition", "delay", "max_attempts", "window")),
  placement: closed({ constraints: LIST_OF_STRINGS, preferences: { list: closed(scalars("spread")) }, max_replicas_per_node: SCALAR }),
});

const HEALTHCHECK: Shape = closed({ ...scalars("disable", "interval", "retries", "timeout", "start_period", "start_interval"), test: COMMAND });

const DEVELOP: Shape = closed({
  watch: { list: closed({ ignore: STRING_OR_LIST, include: STRING_OR_LIST, ...scalars("path", "action", "target"), exec: SERVICE_HOOK }) },
});

const PORT: Shape = { scalar: true, map: { keys: scalars("name", "mode", "host_ip", "target", "published", "protocol", "app_protocol") } };

const VOLUME_MOUNT: Shape = {
  scalar: true,
  map: {
    keys: {
      ...scalars("type", "source", "target", "read_only", "consistency"),
      bind: closed(scalars("propagation", "create_host_path", "recursive", "selinux")),
      volume: closed({ labels: LIST_OR_DICT, ...scalars("nocopy", "subpath") }),
      tmpfs: closed(scalars("size", "mode")),
      image: closed(scalars("subpath")),
    },
  },
};

const SERVICE_NETWORKS: Shape = {
  list: SCALAR,
  map: {
    keyPattern: NAME,
    values: closed({
      aliases: LIST_OF_STRINGS,
      link_local_ips: LIST_OF_STRINGS,
      driver_opts: DICT_OF_SCALARS,
      ...scalars("interface_name", "ipv4_address", "ipv6_address", "mac_address", "priority", "gw_priority"),
    }),
  },
};

const DEPENDS_ON: Shape = { list: SCALAR, map: { keyPattern: NAME, values: closed(scalars("restart", "required", "condition")) } };

/** `services.<name>`: every property of the schema's `service` definition. */
export const SERVICE_KEYS: Record<string, Shape> = {
  develop: DEVELOP,
  deploy: DEPLOY,
  annotations: LIST_OR_DICT,
  attach: SCALAR,
  build: BUILD,
  blkio_config: { map: true },
  cap_add: LIST_OF_STRINGS,
  cap_drop: LIST_OF_STRINGS,
  cgroup: SCALAR,
  cgroup_parent: SCALAR,
  command: COMMAND,
  configs: CONFIG_OR_SECRET_REFS,
  container_name: SCALAR,
  cpu_count: SCALAR,
  cpu_percent: SCALAR,
  cpu_shares: SCALAR,
  cpu_quota: SCALAR,
  cpu_period: SCALAR,
  cpu_rt_period: SCALAR,
  cpu_rt_runtime: SCALAR,
  cpus: SCALAR,
  cpuset: SCALAR,
  credential_spec: closed(scalars("config", "file", "registry")),
  depends_on: DEPENDS_ON,
  device_cgroup_rules: LIST_OF_STRINGS,
  devices: { list: { scalar: true, map: { keys: scalars("source", "target", "permissions") } } },
  dns: STRING_OR_LIST,
  dns_opt: LIST_OF_STRINGS,
  dns_search: STRING_OR_LIST,
  domainname: SCALAR,
  entrypoint: COMMAND,
  env_file: { scalar: true, list: { scalar: true, map: { keys: scalars("path", "format", "required") } } },
  label_file: STRING_OR_LIST,
  environment: LIST_OR_DICT,
  expose: LIST_OF_STRINGS,
  extends: { scalar: true, map: { keys: scalars("service", "file") } },
  provider: closed({ type: SCALAR, options: { map: true } }),
  external_links: LIST_OF_STRINGS,
  extra_hosts: EXTRA_HOSTS,
  gpus: { scalar: true, list: true },
  group_add: LIST_OF_STRINGS,
  healthcheck: HEALTHCHECK,
  hostname: SCALAR,
  image: SCALAR,
  init: SCALAR,
  ipc: SCALAR,
  isolation: SCALAR,
  labels: LIST_OR_DICT,
  links: LIST_OF_STRINGS,
  logging: closed({ driver: SCALAR, options: DICT_OF_SCALARS }),
  mac_address: SCALAR,
  mem_limit: SCALAR,
  mem_reservation: SCALAR,
  mem_swappiness: SCALAR,
  memswap_limit: SCALAR,
  network_mode: SCALAR,
  models: { list: SCALAR, map: true },
  networks: SERVICE_NETWORKS,
  oom_kill_disable: SCALAR,
  oom_score_adj: SCALAR,
  pid: SCALAR,
  pids_limit: SCALAR,
  platform: SCALAR,
  ports: { list: PORT },
  post_start: { list: SERVICE_HOOK },
  pre_stop: { list: SERVICE_HOOK },
  privileged: SCALAR,
  profiles: LIST_OF_STRINGS,
  pull_policy: SCALAR,
  pull_refresh_after: SCALAR,
  read_only: SCALAR,
  restart: SCALAR,
  runtime: SCALAR,
  scale: SCALAR,
  security_opt: LIST_OF_STRINGS,
  shm_size: SCALAR,
  secrets: CONFIG_OR_SECRET_REFS,
  sysctls: LIST_OR_DICT,
  stdin_open: SCALAR,
  stop_grace_period: SCALAR,
  stop_signal: SCALAR,
  storage_opt: { map: true },
  tmpfs: STRING_OR_LIST,
  tty: SCALAR,
  ulimits: ULIMITS,
  use_api_socket: SCALAR,
  user: SCALAR,
  uts: SCALAR,
  userns_mode: SCALAR,
  volumes: { list: VOLUME_MOUNT },
  volumes_from: LIST_OF_STRINGS,
  working_dir: SCALAR,
};

const EXTERNAL: Shape = { scalar: true, map: { keys: scalars("name") } };

const NETWORK: Shape = closed({
  ...scalars("name", "driver", "internal", "enable_ipv4", "enable_ipv6", "attachable"),
  driver_opts: DICT_OF_SCALARS,
  ipam: closed({
    driver: SCALAR,
    config: { list: closed({ ...scalars("subnet", "ip_range", "gateway"), aux_addresses: DICT_OF_SCALARS }) },
    options: DICT_OF_SCALARS,
  }),
  external: EXTERNAL,
  labels: LIST_OR_DICT,
});

const VOLUME: Shape = closed({ ...scalars("name", "driver"), driver_opts: DICT_OF_SCALARS, external: EXTERNAL, labels: LIST_OR_DICT });

const SECRET: Shape = closed({
  ...scalars("name", "environment", "file", "driver", "template_driver"),
  external: { scalar: true, map: true },
  labels: LIST_OR_DICT,
  driver_opts: DICT_OF_SCALARS,
});

const CONFIG: Shape = closed({ ...scalars("name", "content", "environment", "file", "template_driver"), external: { scalar: true, map: true }, labels: LIST_OR_DICT });

/** The whole file. `version` is deprecated but allowed (compose-version-obsolete reports it). */
export const COMPOSE_FILE: Shape = closed({
  version: ANY,
  name: SCALAR,
  include: { list: { scalar: true, map: { keys: { path: STRING_OR_LIST, env_file: STRING_OR_LIST, project_directory: SCALAR } } } },
  services: { map: { keyPattern: NAME, values: { map: { keys: SERVICE_KEYS } } } },
  models: { map: true },
  networks: { map: { values: NETWORK } },
  volumes: { map: { keyPattern: NAME, values: VOLUME } },
  secrets: { map: { keyPattern: NAME, values: SECRET } },
  configs: { map: { keyPattern: NAME, values: CONFIG } },
});

/**
 * Keys of the old file formats (v1 / v2) that the Compose Specification dropped,
 * with what replaced them: docker compose v2 rejects them like any unknown key.
 */
export const LEGACY_KEYS: Record<string, string> = {
  net: "`network_mode:`",
  log_driver: "`logging: driver:`",
  log_opt: "`logging: options:`",
  dockerfile: "`build: dockerfile:`",
  volume_driver: "a named volume with `driver:` under the top-level `volumes:`",
};
