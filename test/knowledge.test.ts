import { describe, expect, it } from "vitest";
import { NGINX_DIRECTIVE_ROWS } from "../src/knowledge/generated/nginx.js";
import { REDIS_PARAMETER_ROWS } from "../src/knowledge/generated/redis.js";
import { UWSGI_OPTION_ROWS } from "../src/knowledge/generated/uwsgi.js";
import { MARIADBD_OPTION_ROWS } from "../src/knowledge/generated/mariadb.js";
import {
  NGINX_DIRECTIVES,
  NGINX_T_SAMPLE_RESULTS,
  NGINX_VERSION,
  NGINX_VERSION_CHANGES,
  isNginxDirectiveAllowed,
  nginxArgCountOk,
  nginxDirectiveIn,
  parseNginxArgSpec,
} from "../src/knowledge/nginx-directives.js";
import {
  MARIADB_CLIENT_GROUP_SAFE_OPTIONS,
  MARIADB_CLIENT_PROBES,
  MARIADB_MYSQLD_PROBES,
  MARIADB_VERSION,
  MARIADBD_COMPAT_OPTIONS,
  MARIADBD_OPTIONS,
  MYSQL_MARIADB_DIFFERENCES,
  normalizeMysqlOptionName,
  resolveMariadbdOption,
} from "../src/knowledge/mysql-options.js";
import {
  REDIS_DIRECTIVES,
  REDIS_LEGACY_DIRECTIVES,
  REDIS_OLD_DIRECTIVE_PROBES,
  REDIS_VERSION,
  lookupRedisDirective,
} from "../src/knowledge/redis-options.js";
import {
  SUPERVISOR_KEYS,
  SUPERVISOR_VERSION,
  SUPERVISORD_PROBE_RESULTS,
  isKnownSupervisorKey,
  supervisorSectionType,
} from "../src/knowledge/supervisor-options.js";
import { UWSGI_OPTIONS, UWSGI_PROBE_RESULTS, UWSGI_SHORT_ALIASES, UWSGI_VERSION, lookupUwsgiOption } from "../src/knowledge/uwsgi-options.js";

function duplicates(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup: string[] = [];
  for (const n of names) {
    if (seen.has(n)) dup.push(n);
    seen.add(n);
  }
  return dup;
}

describe("uwsgi options", () => {
  it("records the program version and has no duplicate names", () => {
    expect(UWSGI_VERSION).toMatch(/^2\.0\.\d+/);
    expect(duplicates(UWSGI_OPTION_ROWS.map((r) => r[0]))).toEqual([]);
    expect(UWSGI_OPTIONS.size).toBe(UWSGI_OPTION_ROWS.length);
  });

  it("knows the options stacks use, and not their misspellings", () => {
    for (const name of ["socket", "http-socket", "daemonize", "harakiri", "post-buffering", "master", "die-on-term", "env", "chdir", "uid", "strict"]) {
      expect(lookupUwsgiOption(name), name).toBeDefined();
    }
    expect(lookupUwsgiOption("post buffering")).toBeUndefined();
    expect(lookupUwsgiOption("post_buffering")).toBeUndefined();
    expect(lookupUwsgiOption("s")).toBeUndefined();
  });

  it("tells core, python3 and http plugin options apart", () => {
    expect(lookupUwsgiOption("http-socket")?.plugin).toBe("core");
    expect(lookupUwsgiOption("http")?.plugin).toBe("http");
    expect(lookupUwsgiOption("module")?.plugin).toBe("python3");
    expect(lookupUwsgiOption("wsgi-file")?.plugin).toBe("python3");
    expect(lookupUwsgiOption("harakiri")?.valueKind).toBe("integer");
    expect(lookupUwsgiOption("master")?.argument).toBe("none");
    expect(lookupUwsgiOption("socket")?.argument).toBe("required");
  });

  it("marks list options repeatable and scalars not", () => {
    for (const name of ["socket", "env", "http-socket", "pythonpath", "attach-daemon", "route", "static-map", "plugins"]) {
      expect(lookupUwsgiOption(name)?.repeatable, name).toBe(true);
    }
    for (const name of ["harakiri", "chdir", "module", "daemonize", "processes", "master"]) {
      expect(lookupUwsgiOption(name)?.repeatable, name).toBe(false);
    }
  });

  it("keeps short aliases as command-line aliases", () => {
    expect(UWSGI_SHORT_ALIASES.get("s")).toEqual(expect.arrayContaining(["socket", "uwsgi-socket"]));
    expect(lookupUwsgiOption("socket")?.shortAlias).toBe("s");
  });

  it("recorded the real strict-mode and missing-plugin messages", () => {
    const byBody = new Map(UWSGI_PROBE_RESULTS.map((r) => [r[0], r]));
    expect(byBody.get("strict = true\npost buffering = 1\nsocket = 127.0.0.1:PORT")?.[2]).toContain("[strict-mode] unknown config directive: post buffering");
    expect(byBody.get("http = 127.0.0.1:PORT")?.[2]).toContain("The -s/--socket option is missing and stdin is not a socket.");
    expect(byBody.get("socket = 127.0.0.1:PORT\ndaemonize = /nonexistent-stacklint/uwsgi.log")?.[1]).toBe("exit 0");
  });
});

describe("redis directives", () => {
  it("records the version and has no duplicate names or aliases", () => {
    expect(REDIS_VERSION).toMatch(/^7\./);
    const all = REDIS_PARAMETER_ROWS.flatMap((r) => [r[0], ...r[3]]);
    expect(duplicates(all)).toEqual([]);
  });

  it("knows common directives with their kinds", () => {
    for (const name of ["bind", "requirepass", "maxmemory", "port", "save", "appendonly", "protected-mode", "include", "rename-command", "user", "loadmodule"]) {
      expect(lookupRedisDirective(name), name).toBeDefined();
    }
    expect(lookupRedisDirective("maxmemory")?.kind).toBe("memory");
    expect(lookupRedisDirective("appendonly")?.kind).toBe("bool");
    expect(lookupRedisDirective("appendfsync")?.enumValues).toEqual(expect.arrayContaining(["always", "everysec", "no"]));
    expect(lookupRedisDirective("maxmemory-policy")?.enumValues).toEqual(expect.arrayContaining(["noeviction", "allkeys-lru", "volatile-lru"]));
    expect(lookupRedisDirective("loglevel")?.enumValues).toEqual(["debug", "verbose", "notice", "warning"]);
    expect(lookupRedisDirective("bind")?.args).toBe("1+");
    expect(lookupRedisDirective("MaxMemory")?.name).toBe("maxmemory");
  });

  it("maps old names to their canonical directive", () => {
    expect(lookupRedisDirective("slaveof")?.name).toBe("replicaof");
    expect(lookupRedisDirective("slave-read-only")?.name).toBe("replica-read-only");
    expect(lookupRedisDirective("hash-max-ziplist-entries")?.name).toBe("hash-max-listpack-entries");
    expect(lookupRedisDirective("lua-time-limit")?.name).toBe("busy-reply-threshold");
    expect(lookupRedisDirective("vm-enabled")).toBeUndefined();
    expect(REDIS_DIRECTIVES.get("maxmemory")?.defaultValue).toBe("0");
  });

  it("legacy table agrees with the real starts", () => {
    const probes = new Map(REDIS_OLD_DIRECTIVE_PROBES.map((p) => [p[0], p]));
    for (const l of REDIS_LEGACY_DIRECTIVES) {
      const p = probes.get(l.probe);
      expect(p, l.probe).toBeDefined();
      expect(p?.[1], l.name).toBe(l.status === "fatal" ? 0 : 1);
      if (l.status === "alias") expect(lookupRedisDirective(l.name), l.name).toBeDefined();
      if (l.status === "fatal") expect(p?.[2]).toContain("Bad directive or wrong number of arguments");
    }
    expect(probes.get("maxmemory 256mb # limit")?.[2]).toContain("wrong number of arguments");
  });
});

describe("mariadb / mysql options", () => {
  it("records the version and has no duplicates", () => {
    expect(MARIADB_VERSION).toMatch(/^10\.11\./);
    expect(duplicates(MARIADBD_OPTION_ROWS.map((r) => r[0]))).toEqual([]);
    expect(MARIADBD_OPTIONS.size).toBeGreaterThan(600);
  });

  it("normalises underscores and resolves like mariadbd", () => {
    expect(normalizeMysqlOptionName(" bind_address ")).toBe("bind-address");
    expect(resolveMariadbdOption("bind_address").status).toBe("exact");
    expect(resolveMariadbdOption("innodb_buffer_pool_size").status).toBe("exact");
    expect(resolveMariadbdOption("key_buffer")).toMatchObject({ status: "prefix", matches: ["key-buffer-size"] });
    expect(resolveMariadbdOption("innodb_buffer").status).toBe("ambiguous");
    expect(resolveMariadbdOption("default-authentication-plugin").status).toBe("compat");
    expect(resolveMariadbdOption("skip-name-resolve").status).toBe("exact");
    expect(resolveMariadbdOption("skip-mysqlx").status).toBe("unknown");
    expect(resolveMariadbdOption("mysqlx-bind-address").status).toBe("unknown");
    expect(resolveMariadbdOption("loose-mysqlx-bind-address")).toMatchObject({ status: "unknown", modifiers: ["loose"] });
    expect(resolveMariadbdOption("tx_isolation").status).toBe("unknown");
  });

  it("resolution agrees with every real [mysqld] probe", () => {
    for (const [line, started, messages] of MARIADB_MYSQLD_PROBES) {
      if (line.includes("\n")) continue;
      const name = line.split("=")[0] ?? line;
      const r = resolveMariadbdOption(name);
      const text = messages.join("\n");
      if (/unknown (variable|option)/.test(text)) {
        expect(r.status, line).toBe("unknown");
        // loose- turns the error into a warning
        expect(started, line).toBe(r.modifiers.includes("loose") ? 1 : 0);
      } else if (/ambiguous option/.test(text)) {
        expect(r.status, line).toBe("ambiguous");
      } else {
        expect(["exact", "prefix", "compat"], line).toContain(r.status);
      }
      if (r.status === "compat") expect(messages, line).toContain(MARIADBD_COMPAT_OPTIONS.get(r.matches[0] ?? ""));
    }
  });

  it("verified the MariaDB claims of ground-truth.md", () => {
    const probes = new Map(MARIADB_MYSQLD_PROBES.map((p) => [p[0], p]));
    expect(probes.get("default-authentication-plugin=mysql_native_password")?.[1]).toBe(1);
    expect(probes.get("secure-file-priv=NULL")).toEqual(["secure-file-priv=NULL", 0, ["[Warning] Failed to normalize the argument for --secure-file-priv."]]);
    expect(probes.get("stacklint_unknown_option=1")?.[2]).toEqual(["[ERROR] mariadbd: unknown variable 'stacklint_unknown_option=1'", "[ERROR] Aborting"]);
  });

  it("knows which keys are safe in [client]", () => {
    expect(MARIADB_CLIENT_GROUP_SAFE_OPTIONS.has("default-character-set")).toBe(true);
    expect(MARIADB_CLIENT_GROUP_SAFE_OPTIONS.has("user")).toBe(true);
    expect(MARIADB_CLIENT_GROUP_SAFE_OPTIONS.has("quick")).toBe(false);
    const quick = MARIADB_CLIENT_PROBES.find((p) => p[0] === "quick");
    expect(quick?.[1]["mariadb-admin"]).toBe(0);
  });

  it("every difference row has sources and a MariaDB behaviour", () => {
    for (const d of MYSQL_MARIADB_DIFFERENCES) {
      expect(d.sources.length, d.setting).toBeGreaterThan(0);
      expect(d.behaviour["mariadb-10.11"], d.setting).toBeDefined();
      for (const s of d.sources.filter((x) => x.startsWith("probe: "))) {
        const line = s.slice("probe: ".length);
        expect(MARIADB_MYSQLD_PROBES.some((p) => p[0] === line) || MARIADB_CLIENT_PROBES.some((p) => p[0] === line), s).toBe(true);
      }
    }
  });
});

describe("supervisor keys", () => {
  it("records the version and has no duplicate keys per section", () => {
    expect(SUPERVISOR_VERSION).toMatch(/^4\.2\./);
    for (const [section, keys] of Object.entries(SUPERVISOR_KEYS)) {
      expect(keys.size, section).toBeGreaterThan(0);
    }
  });

  it("program sections take stdout_logfile but not stdout", () => {
    expect(isKnownSupervisorKey("program", "stdout_logfile")).toBe(true);
    expect(isKnownSupervisorKey("program", "command")).toBe(true);
    expect(isKnownSupervisorKey("program", "autorestart")).toBe(true);
    expect(isKnownSupervisorKey("program", "stdout")).toBe(false);
    expect(isKnownSupervisorKey("program", "logfile")).toBe(false);
    expect(isKnownSupervisorKey("supervisord", "nodaemon")).toBe(true);
    expect(isKnownSupervisorKey("supervisord", "logfile")).toBe(true);
    expect(isKnownSupervisorKey("fcgi-program", "socket")).toBe(true);
    expect(isKnownSupervisorKey("eventlistener", "events")).toBe(true);
    expect(isKnownSupervisorKey("group", "programs")).toBe(true);
    expect(isKnownSupervisorKey("include", "files")).toBe(true);
    expect(isKnownSupervisorKey("unix_http_server", "chmod")).toBe(true);
    expect(isKnownSupervisorKey("inet_http_server", "port")).toBe(true);
    expect(isKnownSupervisorKey("supervisorctl", "serverurl")).toBe(true);
    expect(isKnownSupervisorKey("rpcinterface", "anything")).toBe(true);
  });

  it("classifies section headers", () => {
    expect(supervisorSectionType("program:web")).toBe("program");
    expect(supervisorSectionType("supervisord")).toBe("supervisord");
    expect(supervisorSectionType("program web")).toBeUndefined();
    expect(supervisorSectionType("program:")).toBeUndefined();
    expect(supervisorSectionType("supervisord:x")).toBeUndefined();
  });

  it("real supervisord ignores stdout= and rejects autorestart=maybe", () => {
    const byLine = new Map(SUPERVISORD_PROBE_RESULTS.map((p) => [p[0], p]));
    expect(byLine.get("stdout=/tmp/stacklint-out.log")?.[1]).toBe(1);
    const maybe = byLine.get("autorestart=maybe");
    expect(maybe?.[1]).toBe(0);
    expect(maybe?.[2].join("\n")).toMatch(/Error: invalid 'autorestart' value 'maybe' in section 'program:x'/);
  });
});

describe("nginx directives", () => {
  it("records the version and has no duplicate (name, module) pairs", () => {
    expect(NGINX_VERSION).toMatch(/^1\.\d+\.\d+$/);
    expect(duplicates(NGINX_DIRECTIVE_ROWS.map((r) => `${r[0]}/${r[1]}`))).toEqual([]);
  });

  it("knows the contexts of the directives stacks use", () => {
    expect(isNginxDirectiveAllowed("proxy_pass", "location")).toBe(true);
    expect(isNginxDirectiveAllowed("proxy_pass", "if_location")).toBe(true);
    expect(isNginxDirectiveAllowed("proxy_pass", "server")).toBe(false);
    expect(isNginxDirectiveAllowed("uwsgi_pass", "location")).toBe(true);
    expect(isNginxDirectiveAllowed("uwsgi_pass", "http")).toBe(false);
    expect(isNginxDirectiveAllowed("listen", "server")).toBe(true);
    expect(isNginxDirectiveAllowed("listen", "location")).toBe(false);
    expect(isNginxDirectiveAllowed("listen", "http")).toBe(false);
    expect(nginxDirectiveIn("listen", "stream_server").length).toBe(1);
    expect(isNginxDirectiveAllowed("proxy_set_header", "if_location")).toBe(false);
    expect(isNginxDirectiveAllowed("worker_connections", "events")).toBe(true);
    expect(isNginxDirectiveAllowed("worker_connections", "http")).toBe(false);
    expect(isNginxDirectiveAllowed("include", "upstream")).toBe(true);
    expect(isNginxDirectiveAllowed("http2", "server")).toBeUndefined();
  });

  it("decodes argument specs", () => {
    const pass = nginxDirectiveIn("proxy_pass", "location")[0];
    expect(pass?.args.spec).toBe("TAKE1");
    expect(pass && nginxArgCountOk(pass.args, 1)).toBe(true);
    expect(pass && nginxArgCountOk(pass.args, 2)).toBe(false);
    const gzip = nginxDirectiveIn("gzip", "location")[0];
    expect(gzip?.args.flag).toBe(true);
    expect(nginxDirectiveIn("location", "server")[0]?.args.block).toBe(true);
    expect(parseNginxArgSpec("TAKE13")).toMatchObject({ min: 1, max: 3, counts: [1, 3] });
    expect(parseNginxArgSpec("1MORE")).toMatchObject({ min: 1, max: undefined });
    expect(parseNginxArgSpec("NOARGS|TAKE1")).toMatchObject({ min: 0, max: 1, counts: undefined });
    expect(nginxDirectiveIn("add_header", "location")[0]?.args.spec).toBe("TAKE23");
  });

  it("every directive in the table has a known context and arg spec", () => {
    for (const [name, list] of NGINX_DIRECTIVES) {
      for (const d of list) {
        expect(d.contexts.length, name).toBeGreaterThan(0);
        expect(d.args.spec.length, name).toBeGreaterThan(0);
      }
    }
  });

  it("recorded the real nginx -t messages", () => {
    const byLine = new Map(NGINX_T_SAMPLE_RESULTS.map((s) => [s[1], s[2]]));
    expect(byLine.get("listen 80;")?.[0]).toMatch(/^\[emerg\] "listen" directive is not allowed here in /);
    expect(byLine.get("http2 on;")?.[0]).toMatch(/^\[emerg\] unknown directive "http2" in /);
    expect(byLine.get("ssl on;")?.[0]).toMatch(/the "ssl" directive is deprecated/);
  });

  it("version changes cover http2 and ssl", () => {
    const http2 = NGINX_VERSION_CHANGES.find((c) => c.directive === "http2");
    expect(http2).toMatchObject({ change: "added", version: "1.25.1" });
    expect(NGINX_VERSION_CHANGES.find((c) => c.directive === "ssl")).toMatchObject({ change: "removed", version: "1.25.1" });
    // directives that only exist in newer nginx are not in the 1.22 table, and vice versa
    for (const c of NGINX_VERSION_CHANGES.filter((x) => x.change === "added")) {
      expect(NGINX_DIRECTIVES.has(c.directive), c.directive).toBe(false);
    }
  });
});
