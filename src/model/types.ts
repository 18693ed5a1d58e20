import type { SourceFile } from "../source/source-file.js";
import type { ProjectFile } from "../project/project.js";
import type { ShellCommand } from "../parsers/shell/ast.js";
import type { NginxDirective } from "../parsers/nginx/ast.js";
import type { DockerImage } from "./image/dockerfile-image.js";

/** Where a value came from: a file and a [start, end) range in its text. */
export interface Loc {
  file: SourceFile;
  start: number;
  end: number;
}

/** A string value with the place it was written; `defined` points at the `.env` line a `${VAR}` came from. */
export interface Value {
  text: string;
  loc: Loc;
  /** True when interpolation met an unset variable without default: the value is not known. */
  unknown: boolean;
  /** Definitions of variables used through `${VAR}` in this value. */
  via: Loc[];
}

export interface ImageRef {
  /** As written, e.g. `mysql`, `redis:latest`, `python:3.9-slim@sha256:...`. */
  ref: string;
  /** Repository without registry/tag: `mysql`, `library/nginx` → `nginx`, `bitnami/redis`. */
  name: string;
  tag: string | undefined;
  digest: string | undefined;
  loc: Loc;
}

export interface Mount {
  type: "bind" | "volume" | "tmpfs";
  /** Absolute host path for binds; volume name for volumes (undefined for anonymous). */
  source: string | undefined;
  /** Absolute path inside the container. */
  target: string;
  readOnly: boolean;
  loc: Loc;
}

export interface PortMapping {
  /** Host IP when given (`127.0.0.1:6379:6379`). */
  hostIp: string | undefined;
  hostPort: number | undefined;
  containerPort: number;
  /** Range end for `8000-8002:8000-8002`. */
  containerPortEnd: number;
  protocol: "tcp" | "udp";
  loc: Loc;
}

export interface EnvVar {
  name: string;
  value: Value | undefined;
  /** Location of the definition (compose `environment` item or env_file line). */
  loc: Loc;
  origin: "environment" | "env_file" | "dockerfile";
}

export type Protocol = "http" | "uwsgi" | "fastcgi" | "redis" | "mysql" | "postgres" | "https" | "unknown";

/** Something a process accepts connections on. */
export interface Listener {
  service: Service;
  protocol: Protocol;
  /** TCP: address as configured (`0.0.0.0`, `127.0.0.1`, `*`, `::`, ``=all); unix: undefined. */
  address: string | undefined;
  port: number | undefined;
  /** Unix socket path inside the container. */
  socketPath: string | undefined;
  /** The config line that makes it listen there (or the program's default, then `implicit` is true). */
  loc: Loc;
  implicit: boolean;
  program: string;
  /** The process that opens it (its config file, its command line). */
  process: ProcessNode | undefined;
}

export interface Credential {
  text: string;
  loc: Loc;
}

/** A client side: nginx upstream, Django DATABASES/CACHES, a *_HOST / *_URL environment variable. */
export interface Connection {
  from: Service | undefined;
  protocol: Protocol;
  host: string;
  port: number | undefined;
  /** Unix socket path (nginx `unix:/run/app.sock`). */
  socketPath: string | undefined;
  /** The line naming the target (`server web:8000;`, `'HOST': 'db'`). */
  loc: Loc;
  /** The line choosing the protocol (`proxy_pass http://django;`) when it is elsewhere. */
  directiveLoc: Loc | undefined;
  /** What kind of client: "nginx", "django-db", "django-cache", "env", "redis-replica". */
  client: string;
  /** Credentials the client sends, where known (values with the place they are written). */
  credentials?: { user?: Credential; password?: Credential; database?: Credential };
  /** For nginx clients: the `*_pass` directive, its enclosing blocks and file (for inherited settings like timeouts). */
  nginx?: { pass: NginxDirective; parents: NginxDirective[]; file: ProjectFile<"nginx"> };
  /** Port written explicitly (false: the protocol's default was assumed). */
  explicitPort: boolean;
}

export type ProgramName =
  | "uwsgi" | "gunicorn" | "redis-server" | "mysqld" | "nginx" | "supervisord" | "django-runserver" | "daphne"
  | "celery" | "python" | "shell" | "keepalive" | "other";

/** One program a container runs, with what makes it stay up or return. */
export interface ProcessNode {
  program: ProgramName;
  /** The command (words) as written. */
  loc: Loc;
  argv: string[];
  /** The config file it reads, when known. */
  config: ProjectFile | undefined;
  /**
   * "foreground": keeps running until it dies; "returns": exits or detaches at once
   * (daemonize, `&`); "unknown": the model cannot tell.
   */
  mode: "foreground" | "returns" | "unknown";
  /** The config line or token that makes it return (daemonize, `&`). */
  why: Loc | undefined;
  /** Started with `&` by a script. */
  background: boolean;
}

/** What a container's PID 1 does, resolved through entrypoint, command and start scripts. */
export interface MainProcess {
  /** The argv PID 1 gets, and where it was set (Dockerfile CMD/ENTRYPOINT or compose command/entrypoint). */
  argv: string[];
  loc: Loc;
  /** Set in the Dockerfile in shell form: PID 1 is /bin/sh. */
  shellForm: boolean;
  /** Start script PID 1 runs, if any. */
  script: {
    file: ProjectFile<"shell"> | undefined;
    hostPath: string | undefined;
    containerPath: string;
    loc: Loc;
    /** The path as written (`./start.sh`); run directly, a name without `/` is looked up in PATH, not in the workdir. */
    written: string;
    /** Executed as a program (`./start.sh`, `CMD ["/start.sh"]`): its exec bit and shebang matter; false for `sh start.sh`. */
    direct: boolean;
  } | undefined;
  /** Programs started, in order. */
  programs: ProcessNode[];
  /** The command the container's life depends on: the last one run in the foreground. */
  last: ProcessNode | undefined;
  /** `tail -f /dev/null`, `sleep infinity` at the end of a script, keeping the container up. */
  keepalive: ProcessNode | undefined;
  /** Overall: does PID 1 stay up? */
  stays: "yes" | "no" | "unknown";
  /** Commands of the script, for rules that look at them. */
  scriptCommands: ShellCommand[];
}

export interface BuildInfo {
  /** Absolute build context directory. */
  context: string;
  /** Absolute path of the Dockerfile. */
  dockerfilePath: string;
  dockerfile: ProjectFile<"dockerfile"> | undefined;
  /** The final stage's facts (WORKDIR, COPY, RUN, CMD...), when the Dockerfile was found. */
  image: DockerImage | undefined;
  loc: Loc;
}

export interface NetworkRef {
  name: string;
  aliases: string[];
  loc: Loc | undefined;
}

export interface Service {
  name: string;
  /** The `name:` key in compose, or the `docker run` line. */
  loc: Loc;
  origin: "compose" | "docker-run" | "dockerfile";
  image: ImageRef | undefined;
  build: BuildInfo | undefined;
  mounts: Mount[];
  ports: PortMapping[];
  expose: { port: number; loc: Loc }[];
  environment: EnvVar[];
  /** compose `env_file:` entries, also those the repository does not hold (a gitignored .env.prod). */
  envFiles: { path: string; loc: Loc; required: boolean }[];
  networks: NetworkRef[];
  /** `network_mode: host` / `service:x` / `none`. */
  networkMode: Value | undefined;
  links: { target: string; alias: string | undefined; loc: Loc; external: boolean }[];
  dependsOn: { name: string; condition: string | undefined; loc: Loc }[];
  command: CommandSpec | undefined;
  entrypoint: CommandSpec | undefined;
  tty: Value | undefined;
  stdinOpen: Value | undefined;
  healthcheck: Healthcheck | undefined;
  restart: Value | undefined;
  containerName: Value | undefined;
  /** Filled by the model builder. */
  main: MainProcess | undefined;
  /** Programs a supervisord main process starts (`[program:x] command=`). */
  supervised: ProcessNode[];
  listeners: Listener[];
  connections: Connection[];
  /** Config files this container reads (for rules that need "which service uses this file"). */
  configFiles: ProjectFile[];
  /** MySQL/MariaDB/Postgres init scripts the image runs on first start (/docker-entrypoint-initdb.d). */
  initScripts: ProjectFile<"sql">[];
}

/** compose `healthcheck:`; `test` is `["CMD", ...]`, `["CMD-SHELL", "..."]` or a string (shell). */
export interface Healthcheck {
  test: CommandSpec | undefined;
  disabled: boolean;
  loc: Loc;
}

export interface CommandSpec {
  /**
   * "exec": a JSON/YAML list, passed as argv; "shell": Dockerfile shell form, run by `/bin/sh -c`;
   * "split": a compose string, split into words like a shell would but run WITHOUT a shell
   * (so `&&` in it is a plain argument).
   */
  form: "exec" | "shell" | "split";
  argv: Value[];
  loc: Loc;
}
