/**
 * The log signatures `stacklint explain` recognises, as data: one entry per
 * row of docs/log-signatures.md, with the same ids. Patterns run over a
 * normalised line (no ANSI colours, no CR, no `docker compose` prefix, no
 * leading timestamp; see read-log.ts); named groups become the finding's
 * facts, `{{name}}` / `{{name|fallback}}` in `title` are filled from them.
 *
 * Order matters: the first signature whose pattern matches a line wins.
 */
export type Severity = "error" | "warning" | "info";

/** How to find the config lines behind a finding (implemented in locate.ts). */
export type LocateId =
  | "upstream-refused" | "protocol-mismatch" | "upstream-closed" | "host-not-found" | "upstream-timeout" | "upstream-servers"
  | "nginx-file-line" | "nginx-log-format" | "nginx-bind" | "nginx-static" | "nginx-body-size" | "unix-socket" | "unix-socket-perms"
  | "uwsgi-app" | "uwsgi-bind" | "harakiri" | "uwsgi-plugin" | "uwsgi-memory"
  | "main-process" | "supervisord-daemon" | "supervisor-program" | "crlf-scripts" | "script-exec-bit" | "published-port"
  | "depends-on" | "networks" | "compose-yaml" | "build-copy" | "apt-package" | "pip-requirements"
  | "db-host" | "db-credentials" | "mysql-option" | "mysql-auth-plugin" | "db-name" | "initdb-sql" | "mysql-timeouts"
  | "redis-host" | "redis-password" | "redis-protected" | "redis-config-line" | "redis-maxmemory"
  | "allowed-hosts" | "csrf-origins" | "static-files" | "makemigrations";

export interface Signature {
  /** Id as in docs/log-signatures.md. */
  id: string;
  /** The program that writes the line. */
  source: string;
  severity: Severity;
  /** Any of these, searched in the normalised line. */
  patterns: readonly RegExp[];
  /** One-line summary; `{{name}}` is a named group of the match. */
  title: string;
  /** The usual cause, in one sentence. */
  cause: string;
  /** What to look at in the config. */
  check: string;
  /** Strategy that maps the finding to config lines; undefined: the cause is not in config files. */
  locate: LocateId | undefined;
  /** Named groups that tell findings apart; repeated lines with the same values collapse into one finding. */
  key?: readonly string[];
  /** The line only counts after an earlier line (same service) matched this. */
  after?: RegExp;
  /** An earlier line (same service) whose named groups are added to the finding when present. */
  context?: RegExp;
  /**
   * Lines that follow the match (same service, within a few lines) and belong to the same finding,
   * in order; each may be absent. Repeat a pattern to accept it more than once.
   */
  followers?: readonly RegExp[];
}

/** `upstream: "http://10.0.0.3:8000/path"` at the end of nginx error lines. */
const UPSTREAM = String.raw`(?:.*?, upstream: "(?<scheme>[a-z]+):\/\/(?<upstream>[^"/]*?)(?::)?(?:\/[^"]*)?")?`;
/** ` in /etc/nginx/conf.d/app.conf:12` */
const IN_FILE = String.raw` in (?<file>\/\S+?):(?<line>\d+)`;

function re(...parts: string[]): RegExp {
  return new RegExp(parts.join(""));
}

export const SIGNATURES: readonly Signature[] = [
  // ---------------------------------------------------------------- nginx ↔ app server
  {
    id: "nginx-upstream-refused",
    source: "nginx",
    severity: "error",
    patterns: [re(String.raw`connect\(\) failed \(111: Connection refused\) while connecting to upstream`, UPSTREAM)],
    title: "nginx could not connect to the upstream {{upstream|app server}} (connection refused): 502",
    cause: "Nothing listens on that upstream host:port: the app listens on another port, binds to 127.0.0.1 inside its container, or its container is down.",
    check: "the upstream host:port in nginx against the app server's listener (uWSGI socket/http-socket, gunicorn --bind) and its bind address",
    locate: "upstream-refused",
    key: ["scheme", "upstream"],
  },
  {
    id: "uwsgi-http-on-socket",
    source: "uWSGI",
    severity: "error",
    patterns: [/invalid request block size: (?<size>\d+) \(max (?<max>\d+)\)/],
    title: "uWSGI received a request it cannot read (invalid request block size {{size}}, max {{max}})",
    cause: "HTTP (nginx proxy_pass or a browser) reached a uWSGI `socket`, which speaks the binary uwsgi protocol; with uwsgi_pass it means the request headers exceed uWSGI's buffer-size.",
    check: "nginx proxy_pass ↔ uWSGI socket: use uwsgi_pass + include uwsgi_params, or let uWSGI listen with http-socket",
    locate: "protocol-mismatch",
  },
  {
    id: "nginx-upstream-closed",
    source: "nginx",
    severity: "error",
    patterns: [re(String.raw`upstream prematurely closed connection while reading (?:response header from upstream|upstream)`, UPSTREAM)],
    title: "the upstream {{upstream|app server}} closed the connection before answering: 502",
    cause: "nginx and the app server speak different protocols (proxy_pass to a uWSGI socket, uwsgi_pass to an HTTP listener), or the worker was killed mid-request (harakiri, OOM).",
    check: "the *_pass directive against the app server's socket type, and harakiri against nginx's read timeout",
    locate: "upstream-closed",
    key: ["scheme", "upstream"],
  },
  {
    id: "nginx-host-not-found",
    source: "nginx",
    severity: "error",
    patterns: [
      re(String.raw`host not found in upstream "(?<host>[^"]+)"(?:`, IN_FILE, ")?"),
      /(?<host>[\w.-]+) could not be resolved \((?:\d+: )?Host not found\)/,
    ],
    title: 'nginx cannot resolve the upstream host "{{host}}"',
    cause: "The upstream name is no compose service, network alias or container name on a network nginx shares, or that container was not running when nginx resolved it at start.",
    check: "compose service names, networks and depends_on against the upstream host in nginx",
    locate: "host-not-found",
    key: ["host"],
  },
  {
    id: "nginx-upstream-timeout",
    source: "nginx",
    severity: "error",
    patterns: [re(String.raw`upstream timed out \(110: (?:Connection|Operation) timed out\) while (?<phase>reading response header from upstream|connecting to upstream|reading upstream|sending request to upstream)`, UPSTREAM)],
    title: "the upstream {{upstream|app server}} timed out ({{phase}}): 504",
    cause: "The app took longer than nginx's timeout (slow request, timeout shorter than the work), or packets to it are dropped (firewall, bound to another interface).",
    check: "nginx *_read_timeout / *_connect_timeout against uWSGI harakiri and gunicorn --timeout",
    locate: "upstream-timeout",
    key: ["scheme", "upstream"],
  },
  {
    id: "nginx-no-live-upstreams",
    source: "nginx",
    severity: "error",
    patterns: [/no live upstreams while connecting to upstream(?:.*?, upstream: "(?<scheme>[a-z]+):\/\/(?<upstream>[^"/]*))?/],
    title: 'every server of the upstream "{{upstream|?}}" is marked failed: 502',
    cause: "All servers of the nginx upstream failed recently (refused, timed out), so nginx stops trying them for fail_timeout.",
    check: "the servers of that upstream block and why each fails (see the connect() errors before this line)",
    locate: "upstream-servers",
    key: ["upstream"],
  },
  // ---------------------------------------------------------------- nginx config
  {
    id: "nginx-unexpected-brace",
    source: "nginx",
    severity: "error",
    patterns: [
      re(String.raw`unexpected "\}"`, IN_FILE),
      re(String.raw`unexpected end of file, expecting (?<expecting>"[;}]"(?: or "\}")?)`, IN_FILE),
      re(String.raw`invalid number of arguments in "(?<directive>[^"]+)" directive`, IN_FILE),
    ],
    title: "nginx config syntax error in {{file}}:{{line}}",
    cause: "A `;` is missing at the end of the directive before the reported line (nginx reads on into the next line), or a block is not closed.",
    check: "the line before the reported one for a missing `;`, and the braces of the block",
    locate: "nginx-file-line",
    key: ["file", "line"],
  },
  {
    id: "nginx-unknown-directive",
    source: "nginx",
    severity: "error",
    patterns: [re(String.raw`unknown directive "(?<directive>[^"]+)"`, IN_FILE)],
    title: 'nginx does not know the directive "{{directive}}" ({{file}}:{{line}})',
    cause: "A typo, a directive of a module this nginx does not load, or stray text in the config.",
    check: "the directive's spelling and whether the image's nginx has that module",
    locate: "nginx-file-line",
    key: ["file", "line"],
  },
  {
    id: "nginx-not-allowed-here",
    source: "nginx",
    severity: "error",
    patterns: [re(String.raw`"(?<directive>[^"]+)" directive is not allowed here`, IN_FILE)],
    title: '"{{directive}}" is not allowed where it stands ({{file}}:{{line}})',
    cause: "The directive is in the wrong context: a conf.d file is already included inside http {}, so http/events there are nested, or server {} stands outside http.",
    check: "which context includes the file (conf.d/*.conf is inside http {} in the official image)",
    locate: "nginx-file-line",
    key: ["file", "line"],
  },
  {
    id: "nginx-unknown-log-format",
    source: "nginx",
    severity: "error",
    patterns: [re(String.raw`unknown log format "(?<format>[^"]+)"(?:`, IN_FILE, ")?")],
    title: 'nginx has no log_format "{{format}}"',
    cause: "`access_log ... {{format}}` names a log_format that the main nginx.conf of this image does not define (the official nginx image defines `main`, Debian's package does not).",
    check: "the access_log line and the image's main nginx.conf",
    locate: "nginx-log-format",
    key: ["format"],
  },
  {
    id: "nginx-bind-in-use",
    source: "nginx",
    severity: "error",
    patterns: [/bind\(\) to (?<address>\S*?):(?<port>\d+) failed \(98: Address (?:already )?in use\)/],
    title: "nginx cannot listen on {{address}}:{{port}}: the address is in use",
    cause: "Another process (another nginx, Apache, a container publishing the port) already listens on that port of the host.",
    check: "published host ports and duplicate listen directives",
    locate: "nginx-bind",
    key: ["port"],
  },
  {
    id: "nginx-static-missing",
    source: "nginx",
    severity: "warning",
    patterns: [/open\(\) "(?<path>(?<dir>\/(?:[^"]*\/)?)[^"/]*)" failed \(2: No such file or directory\)/],
    title: 'nginx finds no file at "{{path}}": 404',
    cause: "The alias/root points at a directory that is not mounted into the nginx container, or collectstatic wrote the files somewhere else.",
    check: "alias/root against the nginx container's volumes and the collectstatic target (STATIC_ROOT)",
    locate: "nginx-static",
    key: ["dir"],
  },
  {
    id: "nginx-static-denied",
    source: "nginx",
    severity: "error",
    patterns: [
      /open\(\) "(?<path>(?<dir>\/(?:[^"]*\/)?)[^"/]*)" failed \(13: Permission denied\)/,
      /"(?<path>(?<dir>\/(?:[^"]*\/)?)[^"/]*)" is forbidden \(13: Permission denied\)/,
    ],
    title: 'nginx may not read "{{path}}": 403',
    cause: "The files (or a directory above them) are not readable by nginx's worker user.",
    check: "ownership and mode of the mounted files and volumes nginx serves",
    locate: "nginx-static",
    key: ["dir"],
  },
  {
    id: "nginx-body-too-large",
    source: "nginx",
    severity: "warning",
    patterns: [/client intended to send too large (?:chunked )?body: (?<bytes>\d+) bytes/],
    title: "a request body of {{bytes}} bytes was refused: 413",
    cause: "The upload is larger than client_max_body_size, which defaults to 1m.",
    check: "client_max_body_size in the server/location that handles uploads",
    locate: "nginx-body-size",
  },
  {
    id: "nginx-unix-socket-missing",
    source: "nginx",
    severity: "error",
    patterns: [/connect\(\) to unix:(?<socket>\S+?) failed \(2: No such file or directory\)/],
    title: "nginx finds no socket at {{socket}}: 502",
    cause: "The app server's socket file is not on a volume shared with the nginx container, is created under another path, or the app is not running.",
    check: "the uWSGI socket path and the volumes nginx and the app share",
    locate: "unix-socket",
    key: ["socket"],
  },
  {
    id: "nginx-unix-socket-denied",
    source: "nginx",
    severity: "error",
    patterns: [/connect\(\) to unix:(?<socket>\S+?) failed \(13: Permission denied\)/],
    title: "nginx may not connect to {{socket}}: 502",
    cause: "nginx's worker user has no write permission on the socket file (uWSGI chmod-socket / chown-socket).",
    check: "uWSGI chmod-socket / chown-socket and the users of both containers",
    locate: "unix-socket-perms",
    key: ["socket"],
  },
  // ---------------------------------------------------------------- uWSGI
  {
    id: "uwsgi-no-app",
    source: "uWSGI",
    severity: "error",
    patterns: [
      /\*\*\* no app loaded\. going in full dynamic mode \*\*\*/,
      /--- no python application found, check your startup logs for errors ---/,
      /unable to load app \d+ \(mountpoint='[^']*'\) \(callable not found or import error\)/,
    ],
    title: "uWSGI loaded no application: every request gets 500",
    cause: "`module` / `wsgi-file` / `chdir` point at something that does not exist or fails to import inside the container (see the traceback before this line).",
    check: "uWSGI module, wsgi-file and chdir against the paths mounted or copied into the container",
    locate: "uwsgi-app",
  },
  {
    id: "uwsgi-bind-failed",
    source: "uWSGI",
    severity: "error",
    patterns: [
      /probably another instance of uWSGI is running on the same address \((?<address>.*)\)\./,
      /^bind\(\): (?<reason>Address already in use|Cannot assign requested address)/,
    ],
    title: "uWSGI cannot bind its socket ({{address}}{{reason}})",
    cause: "The port is taken, or the address is bogus: an inline `# comment` after the value is part of it in a uWSGI ini, or the IP is not one of the container's.",
    check: "the uWSGI socket / http-socket value",
    locate: "uwsgi-bind",
  },
  {
    id: "uwsgi-harakiri",
    source: "uWSGI",
    severity: "error",
    patterns: [/HARAKIRI ON WORKER (?<worker>\d+) \(pid: (?<pid>\d+), try: \d+/],
    title: "uWSGI killed worker {{worker}}: the request ran longer than harakiri",
    cause: "A request took longer than `harakiri`, so uWSGI killed the worker; nginx then logs `upstream prematurely closed connection` and returns 502.",
    check: "uWSGI harakiri against nginx's uwsgi_read_timeout / proxy_read_timeout",
    locate: "harakiri",
    followers: [/^HARAKIRI /, /^HARAKIRI /, /^HARAKIRI /, /^DAMN ! worker \d+ \(pid: \d+\) died, killed by signal 9/],
  },
  {
    id: "uwsgi-no-plugin",
    source: "uWSGI",
    severity: "error",
    patterns: [
      /!!! UNABLE to load uWSGI plugin: (?<plugin>.*?) !!!/,
      /uwsgi: unrecognized option '(?<option>--?[\w-]+)'/,
      /The -s\/--socket option is missing and stdin is not a socket/,
    ],
    title: "uWSGI is missing a plugin ({{option}}{{plugin}})",
    cause: "Debian's packaged uWSGI has no built-in Python or HTTP: without `plugins = python3` (and the uwsgi-plugin-python3 package) Python options are unknown and `http` is silently ignored.",
    check: "`plugins = python3` in the uWSGI ini and the packages the Dockerfile installs",
    locate: "uwsgi-plugin",
    key: ["option"],
  },
  {
    id: "uwsgi-oom",
    source: "uWSGI/kernel",
    severity: "error",
    patterns: [
      /DAMN ! worker (?<worker>\d+) \(pid: \d+\) died, killed by signal 9 :\( trying respawn/,
      /Out of memory: Kill(?:ed)? process \d+ \((?<program>[^)]+)\)/,
    ],
    title: "a worker was killed with SIGKILL (out of memory?)",
    cause: "The kernel's OOM killer (container memory limit) or a uWSGI reload-on-as/rss limit killed the worker.",
    check: "the container's memory limit and uWSGI reload-on-as / reload-on-rss / limit-as",
    locate: "uwsgi-memory",
  },
  // ---------------------------------------------------------------- containers
  {
    id: "supervisor-exit-0",
    source: "supervisord",
    severity: "error",
    after: /Supervisord? is running as root/,
    patterns: [/^(?<service>[A-Za-z0-9][\w.-]*?)(?:[-_]\d+)? exited with code 0\b/],
    title: "container {{service}} exited with code 0 right after supervisord started",
    cause: "supervisord daemonized (no `nodaemon=true`), so the container's foreground process returned at once.",
    check: "`nodaemon=true` in the [supervisord] section, or `supervisord -n`",
    locate: "supervisord-daemon",
    key: ["service"],
  },
  {
    id: "docker-exit-0",
    source: "compose",
    severity: "error",
    patterns: [/^(?<service>[A-Za-z0-9][\w.-]*?)(?:[-_]\d+)? exited with code 0\b/, /\bexited with code 0\b/, /\bExited \(0\)/],
    title: "container {{service}} exited with code 0",
    cause: "The container's main process daemonized or returned: uWSGI `daemonize`, redis `daemonize yes`, supervisord without nodaemon, a `&` at the end of start.sh, or a start script that runs off its end.",
    check: "the command/entrypoint, the start script's last command and the daemonize options of what it starts",
    locate: "main-process",
    key: ["service"],
  },
  {
    id: "docker-exec-format",
    source: "docker",
    severity: "error",
    patterns: [
      /exec (?<path>\S+): (?<reason>no such file or directory|exec format error)/,
      /exec user process caused:? "?(?<reason>no such file or directory|exec format error)/,
    ],
    title: "the container's entrypoint cannot be executed ({{reason}})",
    cause: "The script's shebang line ends in CR (CRLF line endings), its interpreter is missing from the image, or the binary is built for another architecture.",
    check: "the line endings and shebang of the entrypoint script and the base image",
    locate: "crlf-scripts",
    key: ["path"],
  },
  {
    id: "docker-permission",
    source: "docker",
    severity: "error",
    patterns: [/exec: "(?<path>[^"]+)": permission denied/, /(?:^|\s)(?<path>\S+\.sh): Permission denied/],
    title: "{{path}} is not executable",
    cause: "The script has no exec bit inside the container: a bind mount from the host (or Windows) hides the `chmod +x` the Dockerfile did.",
    check: "the script's mode, the Dockerfile's chmod and bind mounts over it",
    locate: "script-exec-bit",
    key: ["path"],
  },
  {
    id: "docker-port-allocated",
    source: "docker",
    severity: "error",
    patterns: [
      /Bind for (?<address>\S*?):(?<port>\d+) failed: port is already allocated/,
      /Error starting userland proxy: listen tcp[46]? (?<address>\S*?):(?<port>\d+): bind: address already in use/,
    ],
    title: "host port {{port}} is already in use",
    cause: "Another container or a process on the host already uses that published host port.",
    check: "the published ports (`ports:`) of the services",
    locate: "published-port",
    key: ["port"],
  },
  {
    id: "docker-no-such-service",
    source: "compose",
    severity: "error",
    patterns: [/no such service: (?<name>[\w.-]+)/, /service "?(?<from>[\w.-]+)"? depends on undefined service "?(?<name>[\w.-]+)"?/],
    title: 'compose has no service "{{name}}"',
    cause: "A typo in depends_on / links or on the command line, or the service is in a profile or file that is not loaded.",
    check: "service names in depends_on, links and the command",
    locate: "depends-on",
    key: ["name"],
  },
  {
    id: "docker-network-undefined",
    source: "compose",
    severity: "error",
    patterns: [/service "?(?<service>[\w.-]+)"? refers to undefined network "?(?<network>[\w.-]+?)"?(?::|$|\s)/],
    title: 'service "{{service}}" uses the undeclared network "{{network}}"',
    cause: "The network is used by a service but not declared in the top-level `networks:` section.",
    check: "the top-level networks against the services' networks",
    locate: "networks",
    key: ["service", "network"],
  },
  {
    id: "docker-yaml",
    source: "compose",
    severity: "error",
    patterns: [/(?:(?<file>[^\s:'"]+\.ya?ml)\b.*?)?yaml: line (?<line>\d+): (?<reason>.+)$/],
    title: "the compose file is not valid YAML (line {{line}}: {{reason}})",
    cause: "Wrong indentation, a tab, or a `key: value` where YAML expects something else.",
    check: "the indentation around that line of the compose file",
    locate: "compose-yaml",
    key: ["line"],
  },
  {
    id: "docker-build-missing-file",
    source: "docker build",
    severity: "error",
    patterns: [
      /failed to compute cache key: (?:failed to calculate checksum of ref \S+: )?"(?<path>[^"]+)": not found/,
      /(?:COPY|ADD) failed: (?:file not found in build context|forbidden path outside the build context)[^:]*(?::\s*stat (?<path>\S+?): file does not exist)?/,
      /(?:COPY|ADD) failed: stat \S*?docker-builder\d+\/(?<path>\S+): no such file or directory/,
    ],
    title: "the build context has no {{path|file to copy}}",
    cause: "The COPY/ADD source is outside the build context, misspelled, or excluded by .dockerignore.",
    check: "the build context and the COPY/ADD sources",
    locate: "build-copy",
    key: ["path"],
  },
  {
    id: "apt-no-candidate",
    source: "docker build",
    severity: "error",
    patterns: [/E: Package '(?<package>[^']+)' has no installation candidate/, /E: Unable to locate package (?<package>\S+)/],
    title: 'apt has no package "{{package}}" in this base image',
    cause: "The package was renamed or dropped in the Debian release of the base image (netcat → netcat-openbsd on bookworm), or `apt-get update` did not run in the same RUN.",
    check: "the base image tag against the package name",
    locate: "apt-package",
    key: ["package"],
  },
  {
    id: "pip-missing-req",
    source: "docker build",
    severity: "error",
    patterns: [/Could not open requirements file: \[Errno 2\] No such file or directory: '(?<path>[^']+)'/],
    title: "pip finds no requirements file {{path}}",
    cause: "The path in `pip install -r` does not exist in the image at that point: wrong path, WORKDIR, or it was never copied from the build context.",
    check: "the RUN pip install line, WORKDIR and the COPY before it",
    locate: "pip-requirements",
    key: ["path"],
  },
  {
    id: "bash-crlf",
    source: "bash",
    severity: "error",
    patterns: [
      /(?:^|\s)(?<script>[^\s:]+): line \d+: .*\$'[^']*\\r'/,
      /\$'[^']*\\r'/,
      /(?<interpreter>\/\S*?)\^M: bad interpreter/,
      /\w\^M: (?:invalid option name|command not found|No such file or directory|not found)/,
      /(?:^|\s)(?<script>[^\s:]+): cannot execute: required file not found/,
      /(?:^|\s)(?<script>[^\s:]+): line \d+: syntax error: unexpected end of file/,
      /(?:^|\s)(?<script>[^\s:]+): \d+: Syntax error: end of file unexpected/,
    ],
    title: "a shell script fails on its line endings ({{script}}{{interpreter}})",
    cause: "The script has Windows (CRLF) line endings: the shell sees `\\r` at the end of every line (or, for \"cannot execute\", the interpreter in the shebang does not exist).",
    check: "shell scripts with CRLF line endings that containers run",
    locate: "crlf-scripts",
    key: ["script"],
  },
  // ---------------------------------------------------------------- MySQL / MariaDB
  {
    id: "mysql-initdb-failed",
    source: "entrypoint",
    severity: "error",
    context: /running (?<initfile>\/docker-entrypoint-initdb\.d\/\S+)/,
    patterns: [/ERROR (?<code>\d+) \((?<state>[0-9A-Z]{5})\) at line (?<line>\d+)(?: in file: '(?<file>[^']+)')?: (?<reason>.*)/],
    title: "an init script failed at line {{line}} (ERROR {{code}})",
    cause: "A statement in /docker-entrypoint-initdb.d is not valid for this server version (e.g. IDENTIFIED WITH mysql_native_password on MySQL 8.4+/MariaDB), so the first start aborts.",
    check: "the init SQL against the image's server version",
    locate: "initdb-sql",
    key: ["initfile", "file", "line"],
  },
  {
    id: "mysql-cant-connect",
    source: "client",
    severity: "error",
    patterns: [
      /Can't connect to (?:local )?(?:MySQL |MariaDB )?server (?:on '(?<host>[^':]+)(?::(?<port>\d+))?'|through socket '(?<socket>[^']+)')(?: \((?:\[Errno )?(?<errno>-?\d+))?/,
      /Unknown (?:MySQL )?server host '(?<host>[^']+)' \((?<errno>-?\d+)\)/,
    ],
    title: "the database client cannot reach the server ({{host}}{{socket}})",
    cause: "Wrong HOST (localhost inside a container is the container itself), the server binds to 127.0.0.1 (bind-address), it is not ready yet, or the two containers share no network.",
    check: "the DB HOST in settings/.env, my.cnf bind-address, networks and a healthcheck + depends_on condition",
    locate: "db-host",
    key: ["host", "socket"],
  },
  {
    id: "mysql-access-denied",
    source: "client",
    severity: "error",
    patterns: [/Access denied for user '(?<user>[^']*)'@'(?<from>[^']*)' \(using password: (?<password>YES|NO)\)/],
    title: "MySQL refuses user '{{user}}' (using password: {{password}})",
    cause: "The user or password differ between the app and the server's MYSQL_* environment, or the data volume kept a database initialised with older credentials (init runs only once).",
    check: "the app's DB USER/PASSWORD against MYSQL_USER/MYSQL_PASSWORD and the existing data volume",
    locate: "db-credentials",
    key: ["user"],
  },
  {
    id: "mysql-unknown-variable",
    source: "mysqld",
    severity: "error",
    patterns: [/unknown (?:variable|option) '(?:--)?(?<option>[^'=]+)(?:=(?<value>[^']*))?'/],
    title: "the database server does not know the option {{option}}",
    cause: "The option was removed in this server version (default-authentication-plugin in MySQL 8.4) or is MySQL-only on MariaDB, so mysqld aborts.",
    check: "my.cnf against the image tag",
    locate: "mysql-option",
    key: ["option"],
  },
  {
    id: "mysql-auth-plugin",
    source: "client",
    severity: "error",
    patterns: [
      /Authentication plugin '(?<plugin>[^']+)' (?:cannot be loaded|reported error: Authentication requires secure connection)/,
      /'cryptography' package is required for sha256_password or caching_sha2_password auth methods/,
    ],
    title: "the client cannot use the authentication plugin {{plugin|caching_sha2_password}}",
    cause: "An old client library meets MySQL 8's default caching_sha2_password (or needs TLS / the cryptography package for it).",
    check: "the client library, the user's auth plugin and default-authentication-plugin",
    locate: "mysql-auth-plugin",
    key: ["plugin"],
  },
  {
    id: "mysql-unknown-db",
    source: "client",
    severity: "error",
    patterns: [/Unknown database '(?<db>[^']+)'/, /Access denied for user '(?<user>[^']*)'@'(?<from>[^']*)' to database '(?<db>[^']+)'/],
    title: "database '{{db}}' does not exist for this user",
    cause: "The app's database NAME differs from MYSQL_DATABASE (the only database the image creates and grants to MYSQL_USER).",
    check: "NAME in the app's settings against MYSQL_DATABASE",
    locate: "db-name",
    key: ["db"],
  },
  {
    id: "mysql-secure-file-priv",
    source: "mariadbd",
    severity: "error",
    patterns: [/Error while setting value '(?<value>[^']*)' to 'secure_file_priv'/, /Failed to normalize the argument for --secure-file-priv/],
    title: "MariaDB rejects secure-file-priv",
    cause: "`secure-file-priv=NULL` is a MySQL-only value; MariaDB refuses it and exits.",
    check: "secure-file-priv in my.cnf against the image (mysql vs mariadb)",
    locate: "mysql-option",
  },
  {
    id: "mysql-gone-away",
    source: "client",
    severity: "warning",
    patterns: [/MySQL server has gone away/, /Lost connection to (?:MySQL )?server during query/],
    title: "the database connection was dropped (MySQL server has gone away)",
    cause: "The server closed an idle connection (wait_timeout shorter than CONN_MAX_AGE) or a packet exceeded max_allowed_packet.",
    check: "wait_timeout / max_allowed_packet in my.cnf against CONN_MAX_AGE",
    locate: "mysql-timeouts",
  },
  // ---------------------------------------------------------------- redis
  {
    id: "redis-refused",
    source: "client",
    severity: "error",
    patterns: [
      /Error (?:111|61|10061) connecting to (?<host>[^:\s]+):(?<port>\d+)\. Connection refused/,
      /Could not connect to Redis at (?<host>[^:\s]+):(?<port>\d+): Connection refused/,
    ],
    title: "the redis client cannot connect to {{host}}:{{port}}",
    cause: "redis binds to 127.0.0.1 inside its container, the client uses the wrong host (localhost in a container), or redis is down.",
    check: "bind in redis.conf and the REDIS host in settings/env",
    locate: "redis-host",
    key: ["host", "port"],
  },
  {
    id: "redis-noauth",
    source: "redis",
    severity: "error",
    patterns: [/NOAUTH Authentication required/],
    title: "redis requires a password the client did not send (NOAUTH)",
    cause: "requirepass is set in redis but the client connects without a password.",
    check: "requirepass against the password in REDIS_URL / CACHES OPTIONS PASSWORD",
    locate: "redis-password",
  },
  {
    id: "redis-wrongpass",
    source: "redis",
    severity: "error",
    patterns: [/WRONGPASS invalid username-password pair/],
    title: "redis rejects the client's password (WRONGPASS)",
    cause: "The client's password differs from requirepass (or the ACL user's).",
    check: "requirepass against the client's password",
    locate: "redis-password",
  },
  {
    id: "redis-protected",
    source: "redis",
    severity: "error",
    patterns: [/DENIED Redis is running in protected mode/],
    title: "redis refuses clients from other containers (protected mode)",
    cause: "redis runs with protected-mode on and no password, so it only accepts loopback clients; `bind 0.0.0.0` does not lift that in Redis 7.",
    check: "protected-mode, requirepass and bind in redis.conf",
    locate: "redis-protected",
  },
  {
    id: "redis-config-fatal",
    source: "redis",
    severity: "error",
    patterns: [/\*\*\* FATAL CONFIG FILE ERROR \(Redis (?<version>[^)]+)\) \*\*\*/],
    followers: [/^Reading the configuration file, at line (?<confline>\d+)/, /^>>> '(?<directive>.*)'$/, /^(?<reason>(?!\d+:[CMSX] )[^*>\s].*)$/],
    title: "redis refuses its config file ({{directive}})",
    cause: "A line redis cannot read: an inline `# comment` (redis has none), a wrong number of arguments, or an option this version does not know.",
    check: "that line of redis.conf",
    locate: "redis-config-line",
    key: ["confline"],
  },
  {
    id: "redis-oom",
    source: "redis",
    severity: "error",
    patterns: [/OOM command not allowed when used memory > 'maxmemory'/],
    title: "redis is full and refuses writes (OOM)",
    cause: "maxmemory is reached and the eviction policy is noeviction (the default), so writes fail.",
    check: "maxmemory and maxmemory-policy (e.g. allkeys-lru for a cache)",
    locate: "redis-maxmemory",
  },
  // ---------------------------------------------------------------- Django
  {
    id: "django-disallowed-host",
    source: "Django",
    severity: "error",
    patterns: [/Invalid HTTP_HOST header: '(?<host>[^']+)'\.(?: You may need to add '(?<domain>[^']+)' to ALLOWED_HOSTS\.)?/],
    title: "Django rejects the Host header '{{host}}': 400",
    cause: "ALLOWED_HOSTS lacks the name the request arrives with (through nginx: the proxy_pass host unless `proxy_set_header Host $host`).",
    check: "ALLOWED_HOSTS against server_name and the Host header nginx forwards",
    locate: "allowed-hosts",
    key: ["host"],
  },
  {
    id: "django-csrf-origin",
    source: "Django",
    severity: "error",
    patterns: [/Origin checking failed - (?<origin>\S+) does not match any trusted origins/],
    title: "Django's CSRF check rejects the origin {{origin}}: 403",
    cause: "Behind an HTTPS proxy Django sees http (no X-Forwarded-Proto / SECURE_PROXY_SSL_HEADER) or the origin is missing from CSRF_TRUSTED_ORIGINS.",
    check: "CSRF_TRUSTED_ORIGINS and SECURE_PROXY_SSL_HEADER in settings, X-Forwarded-Proto in nginx",
    locate: "csrf-origins",
    key: ["origin"],
  },
  {
    id: "django-static-404",
    source: "Django/nginx",
    severity: "warning",
    patterns: [/"(?:GET|HEAD) (?<path>\/static\/\S*) HTTP\/[\d.]+" 404\b/, /Not Found: (?<path>\/static\/\S+)/],
    title: "static files are not found (404 on {{path}})",
    cause: "With DEBUG=False Django serves no static files: collectstatic must write STATIC_ROOT into the volume nginx serves /static/ from.",
    check: "STATIC_ROOT, the volumes shared by the app and nginx, and the nginx alias for /static/",
    locate: "static-files",
  },
  {
    id: "django-inconsistent-migrations",
    source: "Django",
    severity: "error",
    patterns: [/Migration (?<migration>\S+) is applied before its dependency (?<dependency>\S+)/],
    title: "migration history is inconsistent ({{migration}} before {{dependency}})",
    cause: "Migrations are generated at container start (makemigrations in start.sh) or not committed, so the database's history diverges from the files.",
    check: "makemigrations in the start script",
    locate: "makemigrations",
    key: ["migration"],
  },
  // ---------------------------------------------------------------- supervisord
  {
    id: "supervisor-spawn-error",
    source: "supervisord",
    severity: "error",
    patterns: [/spawnerr: can't find command '(?<command>[^']+)'/, /gave up: (?<program>\S+) entered FATAL state, too many start retries too quickly/],
    title: "supervisord cannot keep {{program|{{command}}}} running",
    cause: "The program's command does not exist in the image, or the program exits at once (it daemonizes itself, e.g. uWSGI with daemonize).",
    check: "the [program:x] command and the daemon flags of the program",
    locate: "supervisor-program",
    key: ["command", "program"],
  },
];

/** The signature with this id. */
export function signatureById(id: string): Signature | undefined {
  return SIGNATURES.find((s) => s.id === id);
}

/** Fill `{{name}}` / `{{name|fallback}}` from a finding's facts. */
export function fillTemplate(template: string, facts: Readonly<Record<string, string>>, format: (value: string) => string = (v) => v): string {
  // Fallbacks may hold one nested `{{x}}`; resolve inner placeholders first.
  let out = template;
  for (let guard = 0; guard < 3 && /\{\{/.test(out); guard++) {
    out = out.replace(/\{\{(\w+)(?:\|([^{}]*))?\}\}/g, (_whole, name: string, fallback: string | undefined) => {
      const v = facts[name];
      if (v !== undefined && v !== "") return format(v);
      return fallback ?? "";
    });
  }
  return out.replace(/\s+\)/g, ")").replace(/\(\s*\)/g, "").replace(/\s{2,}/g, " ").trim();
}
