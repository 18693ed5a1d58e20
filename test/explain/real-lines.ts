/**
 * Real log lines, one set per signature of docs/log-signatures.md.
 *
 * Provenance of each set:
 * - "captured": printed by the real program here (nginx 1.22.1, uWSGI 2.0.21-debian, Redis 7.0.15,
 *   MariaDB 10.11, bash 5.2.15, dash, supervisor 4.2.5 on Debian bookworm), copied verbatim.
 * - "docs": the wording in docs/log-signatures.md / docs/ground-truth.md (programs not installable
 *   here: the Docker daemon and compose, MySQL 8, Django, redis-py, PyMySQL); where a public source
 *   shows the same string it is named.
 */
export interface RealLines {
  id: string;
  provenance: string;
  lines: string[];
  /** Facts the match must yield (named groups). */
  facts?: Record<string, string>;
}

export const REAL_LINES: RealLines[] = [
  {
    id: "nginx-upstream-refused",
    provenance: "captured: nginx 1.22.1, proxy_pass to a closed port",
    lines: ['2026/11/23 15:55:03 [error] 16496#16496: *1 connect() failed (111: Connection refused) while connecting to upstream, client: 127.0.0.1, server: , request: "GET /refused HTTP/1.1", upstream: "http://127.0.0.1:18009/refused", host: "127.0.0.1:18080"'],
    facts: { scheme: "http", upstream: "127.0.0.1:18009" },
  },
  {
    id: "uwsgi-http-on-socket",
    provenance: "captured: uWSGI 2.0.21 `socket` behind nginx proxy_pass",
    lines: ["invalid request block size: 21573 (max 4096)...skip"],
    facts: { size: "21573", max: "4096" },
  },
  {
    id: "nginx-upstream-closed",
    provenance: "captured: nginx 1.22.1 proxy_pass to a uWSGI socket, and uwsgi_pass to a harakiri-killed worker",
    lines: [
      '2026/11/23 15:55:03 [error] 16496#16496: *3 upstream prematurely closed connection while reading response header from upstream, client: 127.0.0.1, server: , request: "GET /mismatch HTTP/1.1", upstream: "http://127.0.0.1:18001/mismatch", host: "127.0.0.1:18080"',
      '2026/11/23 15:55:06 [error] 16496#16496: *5 upstream prematurely closed connection while reading response header from upstream, client: 127.0.0.1, server: , request: "GET /harakiri HTTP/1.1", upstream: "uwsgi://127.0.0.1:18001", host: "127.0.0.1:18080"',
    ],
  },
  {
    id: "nginx-host-not-found",
    provenance: "captured: nginx -t 1.22.1 (upstream block and proxy_pass forms)",
    lines: [
      '2026/11/23 15:54:44 [emerg] 14717#14717: host not found in upstream "app:8000" in /tmp/cap/ng/conf.d/hostnf.conf:2',
      '2026/11/23 15:54:45 [emerg] 14720#14720: host not found in upstream "app" in /tmp/cap/ng/conf.d/hostnf2.conf:3',
    ],
    facts: { host: "app:8000", file: "/tmp/cap/ng/conf.d/hostnf.conf", line: "2" },
  },
  {
    id: "nginx-upstream-timeout",
    provenance: "captured: nginx 1.22.1, proxy_read_timeout 1s to a server that never answers",
    lines: ['2026/11/23 15:55:07 [error] 16496#16496: *7 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 127.0.0.1, server: , request: "GET /timeout HTTP/1.1", upstream: "http://127.0.0.1:18002/timeout", host: "127.0.0.1:18080"'],
    facts: { phase: "reading response header from upstream" },
  },
  {
    id: "nginx-no-live-upstreams",
    provenance: "captured: nginx 1.22.1, upstream with two closed servers, second request",
    lines: ['2026/11/23 15:55:08 [error] 16496#16496: *18 no live upstreams while connecting to upstream, client: 127.0.0.1, server: , request: "GET /nolive HTTP/1.1", upstream: "http://nolive/nolive", host: "127.0.0.1:18080"'],
    facts: { upstream: "nolive" },
  },
  {
    id: "nginx-unexpected-brace",
    provenance: "captured: nginx -t 1.22.1 with a missing `;` (three shapes)",
    lines: [
      '2026/11/23 15:54:45 [emerg] 14722#14722: unexpected "}" in /tmp/cap/ng/conf.d/brace.conf:5',
      '2026/11/23 15:54:45 [emerg] 14725#14725: invalid number of arguments in "include" directive in /tmp/cap/ng/conf.d/nargs.conf:5',
      '2026/11/23 15:54:48 [emerg] 15219#15219: unexpected end of file, expecting ";" or "}" in /tmp/cap/ng/conf.d/eof3.conf:4',
      '2026/11/23 15:54:45 [emerg] 14727#14727: unexpected end of file, expecting "}" in /tmp/cap/ng/conf.d/eof.conf:5',
    ],
  },
  {
    id: "nginx-unknown-directive",
    provenance: "captured: nginx -t 1.22.1",
    lines: ['2026/11/23 15:54:45 [emerg] 14730#14730: unknown directive "locaton" in /tmp/cap/ng/conf.d/unkdir.conf:3'],
    facts: { directive: "locaton", line: "3" },
  },
  {
    id: "nginx-not-allowed-here",
    provenance: "captured: nginx -t 1.22.1, http {} inside a file included in http {}",
    lines: ['2026/11/23 15:54:45 [emerg] 14732#14732: "http" directive is not allowed here in /tmp/cap/ng/conf.d/notallowed.conf:1'],
    facts: { directive: "http" },
  },
  {
    id: "nginx-unknown-log-format",
    provenance: "captured: nginx -t 1.22.1 (Debian nginx.conf has no log_format main)",
    lines: ['2026/11/23 15:54:45 [emerg] 14734#14734: unknown log format "main" in /tmp/cap/ng/conf.d/logfmt.conf:3'],
    facts: { format: "main" },
  },
  {
    id: "nginx-bind-in-use",
    provenance: "docs (nginx's wording, also in its source ngx_connection.c: `bind() to %V failed`)",
    lines: ["2024/01/01 12:00:00 [emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address already in use)", "nginx: [emerg] bind() to [::]:80 failed (98: Address already in use)"],
    facts: { port: "80" },
  },
  {
    id: "nginx-static-missing",
    provenance: "captured: nginx 1.22.1, alias to a missing directory",
    lines: ['2026/11/23 15:55:07 [error] 16496#16496: *9 open() "/tmp/cap/rt/nostatic/app.css" failed (2: No such file or directory), client: 127.0.0.1, server: , request: "GET /static/app.css HTTP/1.1", host: "127.0.0.1:18080"'],
    facts: { path: "/tmp/cap/rt/nostatic/app.css" },
  },
  {
    id: "nginx-static-denied",
    provenance: "captured: nginx 1.22.1, worker user nobody, file mode 600",
    lines: ['2026/11/23 15:55:07 [error] 16496#16496: *10 open() "/tmp/cap/rt/denied/a.css" failed (13: Permission denied), client: 127.0.0.1, server: , request: "GET /denied/a.css HTTP/1.1", host: "127.0.0.1:18080"'],
  },
  {
    id: "nginx-body-too-large",
    provenance: "captured: nginx 1.22.1, client_max_body_size 1k",
    lines: ['2026/11/23 15:55:08 [error] 16496#16496: *19 client intended to send too large body: 12813 bytes, client: 127.0.0.1, server: , request: "POST /upload HTTP/1.1", host: "127.0.0.1:18080"'],
    facts: { bytes: "12813" },
  },
  {
    id: "nginx-unix-socket-missing",
    provenance: "captured: nginx 1.22.1 uwsgi_pass to a socket file that does not exist",
    lines: ['2026/11/23 15:55:07 [crit] 16496#16496: *11 connect() to unix:/tmp/cap/rt/missing.sock failed (2: No such file or directory) while connecting to upstream, client: 127.0.0.1, server: , request: "GET /sock HTTP/1.1", upstream: "uwsgi://unix:/tmp/cap/rt/missing.sock:", host: "127.0.0.1:18080"'],
    facts: { socket: "/tmp/cap/rt/missing.sock" },
  },
  {
    id: "nginx-unix-socket-denied",
    provenance: "captured: nginx 1.22.1 (worker nobody) to a uWSGI socket in a root-only directory",
    lines: ['2026/11/23 15:55:07 [crit] 16496#16496: *13 connect() to unix:/tmp/cap/rt/private/app.sock failed (13: Permission denied) while connecting to upstream, client: 127.0.0.1, server: , request: "GET /sockdenied HTTP/1.1", upstream: "uwsgi://unix:/tmp/cap/rt/private/app.sock:", host: "127.0.0.1:18080"'],
    facts: { socket: "/tmp/cap/rt/private/app.sock" },
  },
  {
    id: "uwsgi-no-app",
    provenance: "captured: uWSGI 2.0.21, module that does not import; the second line on a request",
    lines: [
      "unable to load app 0 (mountpoint='') (callable not found or import error)",
      "*** no app loaded. going in full dynamic mode ***",
      "--- no python application found, check your startup logs for errors ---",
    ],
  },
  {
    id: "uwsgi-bind-failed",
    provenance: "captured: uWSGI 2.0.21, port taken (with and without an inline comment) and a foreign IP",
    lines: [
      "probably another instance of uWSGI is running on the same address (127.0.0.1:18012).",
      "bind(): Address already in use [core/socket.c line 769]",
      "probably another instance of uWSGI is running on the same address (0.0.0.0:18012   # note).",
      "bind(): Cannot assign requested address [core/socket.c line 769]",
    ],
  },
  {
    id: "uwsgi-harakiri",
    provenance: "captured: uWSGI 2.0.21 harakiri = 2, a 5 s request",
    lines: ["Mon Nov 23 15:55:06 2026 - *** HARAKIRI ON WORKER 1 (pid: 16263, try: 1) ***"],
    facts: { worker: "1" },
  },
  {
    id: "uwsgi-no-plugin",
    provenance: "captured: Debian uWSGI 2.0.21 (missing plugin, python option without plugin, `http` without the http plugin)",
    lines: [
      "!!! UNABLE to load uWSGI plugin: /usr/lib/uwsgi/plugins/python39_plugin.so: cannot open shared object file: No such file or directory !!!",
      "uwsgi: unrecognized option '--module'",
      "The -s/--socket option is missing and stdin is not a socket.",
    ],
  },
  {
    id: "uwsgi-oom",
    provenance: "captured: uWSGI 2.0.21 worker killed with SIGKILL",
    lines: ["DAMN ! worker 1 (pid: 16263) died, killed by signal 9 :( trying respawn ..."],
  },
  {
    id: "docker-exit-0",
    provenance: "docs (compose v2 `web-1 exited with code 0`, v1 `myproject_web_1 exited with code 0`; seed 000)",
    lines: ["web-1 exited with code 0", "myproject_web_1 exited with code 0"],
    facts: { service: "web" },
  },
  {
    id: "docker-exec-format",
    provenance: "docs (runc: `exec /start.sh: no such file or directory`, older `standard_init_linux.go:228: exec user process caused: no such file or directory`)",
    lines: [
      "exec /start.sh: no such file or directory",
      "standard_init_linux.go:228: exec user process caused: no such file or directory",
      "exec /usr/local/bin/docker-entrypoint.sh: exec format error",
    ],
  },
  {
    id: "docker-permission",
    provenance: 'docs (runc: `exec: "./start.sh": permission denied`); captured: bash 5.2 running a file without exec bit',
    lines: [
      'Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "./start.sh": permission denied: unknown',
      "bash: line 47: ./x.sh: Permission denied",
    ],
  },
  {
    id: "docker-port-allocated",
    provenance: "docs (dockerd: `Bind for 0.0.0.0:3002 failed: port is already allocated`, seen in many public READMEs)",
    lines: [
      "Error response from daemon: driver failed programming external connectivity on endpoint web-1 (0f3c): Bind for 0.0.0.0:8000 failed: port is already allocated",
      "Error starting userland proxy: listen tcp4 0.0.0.0:6379: bind: address already in use",
    ],
    facts: { port: "8000" },
  },
  {
    id: "docker-no-such-service",
    provenance: 'docs (compose v2: `service "app" depends on undefined service "builder": invalid compose project`)',
    lines: ["no such service: wbe", 'service "web" depends on undefined service "dbb": invalid compose project'],
  },
  {
    id: "docker-network-undefined",
    provenance: 'docs (compose v2: `service "web" refers to undefined network missing-network: invalid compose project`)',
    lines: ['service "web" refers to undefined network backnet: invalid compose project'],
    facts: { service: "web", network: "backnet" },
  },
  {
    id: "docker-yaml",
    provenance: "docs (go-yaml errors as compose prints them)",
    lines: ["yaml: line 12: mapping values are not allowed in this context", "yaml: line 7: did not find expected key"],
    facts: { line: "12" },
  },
  {
    id: "docker-build-missing-file",
    provenance: "docs (BuildKit and the classic builder)",
    lines: [
      'ERROR: failed to solve: failed to compute cache key: failed to calculate checksum of ref 8f0c5d1e::xv9: "/requirements.txt": not found',
      "COPY failed: file not found in build context or excluded by .dockerignore: stat requirements.txt: file does not exist",
    ],
    facts: { path: "/requirements.txt" },
  },
  {
    id: "apt-no-candidate",
    provenance: "docs / ground-truth (apt on Debian bookworm); BuildKit prefix `#8 1.234`",
    lines: ["#8 2.345 E: Package 'netcat' has no installation candidate", "E: Unable to locate package python3-foo"],
    facts: { package: "netcat" },
  },
  {
    id: "pip-missing-req",
    provenance: "docs (pip's wording)",
    lines: ["ERROR: Could not open requirements file: [Errno 2] No such file or directory: 'requirements/production.txt'"],
    facts: { path: "requirements/production.txt" },
  },
  {
    id: "bash-crlf",
    provenance: "captured: bash 5.2.15 and dash on CRLF scripts",
    lines: [
      "e.sh: line 2: $'\\r': command not found",
      "crlf.sh: line 3: cd: $'/tmp\\r': No such file or directory",
      "crlf.sh: line 7: syntax error: unexpected end of file",
      "p.sh: line 2: set: pipefail\r: invalid option name",
      "bash: line 46: ./crlf.sh: cannot execute: required file not found",
      "crlf.sh: 7: Syntax error: end of file unexpected (expecting \"then\")",
      "/bin/bash^M: bad interpreter: No such file or directory",
    ],
  },
  {
    id: "mysql-cant-connect",
    provenance: "captured: mariadb client 10.11 (refused/unreachable and socket); docs: PyMySQL 2003 wording",
    lines: [
      "ERROR 2002 (HY000): Can't connect to server on '127.0.0.2' (115)",
      "ERROR 2002 (HY000): Can't connect to local server through socket '/tmp/cap/my/run/none.sock' (2)",
      "django.db.utils.OperationalError: (2003, \"Can't connect to MySQL server on 'db' ([Errno 111] Connection refused)\")",
      "django.db.utils.OperationalError: (2002, \"Can't connect to MySQL server on 'db' (115)\")",
    ],
  },
  {
    id: "mysql-access-denied",
    provenance: "captured: mariadb client 10.11",
    lines: ["ERROR 1045 (28000): Access denied for user 'dbuser'@'localhost' (using password: YES)", "ERROR 1045 (28000): Access denied for user 'dbuser'@'localhost' (using password: NO)"],
    facts: { user: "dbuser", password: "YES" },
  },
  {
    id: "mysql-unknown-variable",
    provenance: "captured: mariadbd 10.11; docs: MySQL 8.4 `[ERROR] [MY-000067] [Server] unknown variable 'default-authentication-plugin=mysql_native_password'.`",
    lines: [
      "2026-11-23 15:55:59 0 [ERROR] mariadbd: unknown variable 'foo-bar-option=1'",
      "2024-05-01T10:00:00.123456Z 0 [ERROR] [MY-000067] [Server] unknown variable 'default-authentication-plugin=mysql_native_password'.",
    ],
    facts: { option: "foo-bar-option", value: "1" },
  },
  {
    id: "mysql-auth-plugin",
    provenance: "docs (libmysqlclient 5.7 / PyMySQL wording)",
    lines: [
      "django.db.utils.OperationalError: (2059, \"Authentication plugin 'caching_sha2_password' cannot be loaded: /usr/lib/x86_64-linux-gnu/mariadb19/plugin/caching_sha2_password.so: cannot open shared object file: No such file or directory\")",
      "RuntimeError: 'cryptography' package is required for sha256_password or caching_sha2_password auth methods",
    ],
  },
  {
    id: "mysql-unknown-db",
    provenance: "docs (ERROR 1049); captured: mariadb client 10.11 (ERROR 1044 for a database MYSQL_USER has no grant on)",
    lines: ["django.db.utils.OperationalError: (1049, \"Unknown database 'myproject'\")", "ERROR 1044 (42000): Access denied for user 'dbuser'@'localhost' to database 'nosuchdb'"],
  },
  {
    id: "mysql-initdb-failed",
    provenance: "captured: mariadb client 10.11 reading an init .sql on stdin (as docker-entrypoint.sh does)",
    lines: ["ERROR 1064 (42000) at line 2: You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use near 'BY 'pw'' at line 1"],
    facts: { code: "1064", line: "2" },
  },
  {
    id: "mysql-secure-file-priv",
    provenance: "captured: mariadbd 10.11 (ground truth wording); docs: `Error while setting value 'NULL' to 'secure_file_priv'`",
    lines: ["2026-11-23 15:55:45 0 [Warning] Failed to normalize the argument for --secure-file-priv.", "[ERROR] mariadbd: Error while setting value 'NULL' to 'secure_file_priv'"],
  },
  {
    id: "mysql-gone-away",
    provenance: "docs (2006)",
    lines: ["django.db.utils.OperationalError: (2006, 'MySQL server has gone away')"],
  },
  {
    id: "redis-refused",
    provenance: "captured: redis-cli 7.0.15; docs: redis-py `Error 111 connecting to redis:6379. Connection refused.`",
    lines: ["Could not connect to Redis at 127.0.0.1:16399: Connection refused", "redis.exceptions.ConnectionError: Error 111 connecting to redis:6379. Connection refused."],
  },
  {
    id: "redis-noauth",
    provenance: "captured: redis-server 7.0.15 + redis-cli",
    lines: ["NOAUTH Authentication required."],
  },
  {
    id: "redis-wrongpass",
    provenance: "captured: redis-server 7.0.15 + redis-cli -a wrong",
    lines: ["AUTH failed: WRONGPASS invalid username-password pair or user is disabled."],
  },
  {
    id: "redis-protected",
    provenance: "captured: redis-server 7.0.15, bind 0.0.0.0, no password, client from 127.0.0.2",
    lines: ["-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. In this mode connections are only accepted from the loopback interface."],
  },
  {
    id: "redis-config-fatal",
    provenance: "captured: redis-server 7.0.15 with `maxmemory 256mb # limit`",
    lines: ["*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***"],
    facts: { version: "7.0.15" },
  },
  {
    id: "redis-oom",
    provenance: "captured: redis-server 7.0.15 maxmemory 1mb noeviction",
    lines: ["OOM command not allowed when used memory > 'maxmemory'."],
  },
  {
    id: "django-disallowed-host",
    provenance: "docs (django/http/request.py: \"Invalid HTTP_HOST header: %r. You may need to add %r to ALLOWED_HOSTS.\")",
    lines: ["Invalid HTTP_HOST header: 'web:8000'. You may need to add 'web' to ALLOWED_HOSTS."],
    facts: { host: "web:8000", domain: "web" },
  },
  {
    id: "django-csrf-origin",
    provenance: "docs (django/middleware/csrf.py REASON_BAD_ORIGIN, logged as `Forbidden (...)`)",
    lines: ["Forbidden (Origin checking failed - https://example.com does not match any trusted origins.): /admin/login/"],
    facts: { origin: "https://example.com" },
  },
  {
    id: "django-static-404",
    provenance: "docs (nginx access log / Django `Not Found:` warning)",
    lines: ['172.18.0.1 - - [23/Nov/2026:15:55:07 +0000] "GET /static/css/app.css HTTP/1.1" 404 153 "-" "curl/7.88.1"', "Not Found: /static/admin/css/base.css"],
  },
  {
    id: "django-inconsistent-migrations",
    provenance: "docs (django/db/migrations/loader.py)",
    lines: ["django.db.migrations.exceptions.InconsistentMigrationHistory: Migration admin.0001_initial is applied before its dependency accounts.0001_initial on database 'default'."],
    facts: { migration: "admin.0001_initial", dependency: "accounts.0001_initial" },
  },
  {
    id: "supervisor-exit-0",
    provenance: "captured: supervisord 4.2.5 CRIT line; docs: compose exit line",
    lines: [
      "app-1  | 2026-11-23 15:56:32,193 CRIT Supervisor is running as root.  Privileges were not dropped because no user is specified in the config file.  If you intend to run as root, you can set user=root in the config file to avoid this message.",
      "app-1 exited with code 0",
    ],
  },
  {
    id: "supervisor-spawn-error",
    provenance: "captured: supervisord 4.2.5",
    lines: ["2026-11-23 15:56:33,196 INFO spawnerr: can't find command '/usr/bin/nosuchprog'", "2026-11-23 15:56:35,215 INFO gave up: quick entered FATAL state, too many start retries too quickly"],
  },
];
