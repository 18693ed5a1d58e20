/**
 * Running `nginx -t` on one config file in a sandbox, for the real-server tests.
 *
 * The sandbox is a temp prefix directory holding copies of Debian's /etc/nginx files
 * (uwsgi_params, mime.types, proxy_params, snippets/, modules-enabled/), the file under test
 * and, for a conf.d-style file, a main nginx.conf that includes it inside `http {}` (like the
 * official image) or inside `http { server {} }` (a snippet of server directives). Every
 * `/etc/nginx/` path in the file is pointed at the sandbox (same lines), so nothing of the
 * host's nginx setup (sites-enabled/default, conf.d) takes part. `nginx -t` binds no port.
 *
 * `nginx -t` stops at the first error. When that error is not about syntax but about the
 * environment (an upstream host only Docker's DNS knows, an include mounted from elsewhere, a
 * certificate that is not here, `user nginx` on a host without that user) or about meaning
 * (a directive not allowed in that context, a duplicate default server), `checkSyntax`
 * neutralises it in the sandbox's copy without moving a line (replace the host with
 * 127.0.0.1, point the include at an empty stub, blank the directive...), records what it
 * did and runs nginx again, until nginx accepts the file or stops at a syntax error.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { walkDirectives } from "../../src/parsers/nginx/walk.js";
import { parseNginx } from "../../src/parsers/nginx/parse.js";
import { createSourceFile } from "../../src/source/source-file.js";
import { haveProgram, runCommand, tempDir } from "./harness.js";

export const ETC_NGINX = "/etc/nginx";
const ENV = { ...process.env, LC_ALL: "C" };

/** Where the file under test is included: as the main nginx.conf, inside http {}, or inside http { server {} }. */
export type Role = "main" | "http" | "server";

export interface Emerg {
  message: string;
  /** Path as nginx printed it (inside the sandbox), when it printed one. */
  file: string | undefined;
  line: number | undefined;
}

export interface NginxResult {
  ok: boolean;
  emerg: Emerg | undefined;
  /** `[warn]` lines, without the `nginx: [warn] ` prefix. */
  warnings: string[];
  stderr: string;
}

/** What checkSyntax changed to get past a non-syntax error. */
export interface Neutralized {
  category: NonSyntaxCategory;
  /** nginx's message, sandbox paths replaced by the file's name. */
  message: string;
  line: number | undefined;
  /** File nginx named (basename), when not the file under test (e.g. a snippet). */
  inFile: string | undefined;
}

export type NonSyntaxCategory =
  | "host-not-found"
  | "include-missing"
  | "unknown-log-format"
  | "unknown-user"
  | "certificate"
  | "duplicate-default-server"
  | "not-allowed-here"
  | "unknown-directive"
  | "no-events"
  | "other";

export interface SyntaxVerdict {
  /** nginx accepted the file (after neutralising non-syntax errors). */
  valid: boolean;
  /** The syntax error nginx stopped at (line in the file under test). */
  error: { message: string; line: number; inTarget: boolean } | undefined;
  neutralized: Neutralized[];
  warnings: string[];
  /** The file under test as nginx finally accepted (or rejected) it: same lines as the original. */
  finalText: string;
  /** Neutralising did not converge or met an error it cannot attribute. */
  unresolved: string | undefined;
}

/** The messages of ngx_conf_file.c's tokenizer and block handling: syntax, in stacklint parser's sense. */
export const SYNTAX_MESSAGES: readonly RegExp[] = [
  /^unexpected "/,
  /^unexpected end of file/,
  /^too long parameter/,
  /^directive "[^"]*" is not terminated by ";"/,
  /^directive "[^"]*" has no opening "\{"/,
];

export function isSyntaxMessage(message: string): boolean {
  return SYNTAX_MESSAGES.some((re) => re.test(message));
}

/** Top-level directives that only the main context allows. */
const MAIN_ONLY = new Set(["events", "http", "stream", "mail", "worker_processes", "user", "pid", "daemon", "master_process", "worker_rlimit_nofile", "load_module", "env", "thread_pool", "worker_cpu_affinity", "worker_priority", "pcre_jit", "lock_file", "timer_resolution", "working_directory"]);
/** Top-level directives that only a server (or location) allows: the file is a server snippet. */
const SERVER_ONLY = new Set(["location", "listen", "server_name", "return", "rewrite", "if", "ssl_certificate", "try_files"]);

/** The context in which the file's top-level directives make sense. */
export function roleOf(text: string): Role {
  const top = parseNginx(createSourceFile("/virtual/nginx.conf", text)).directives.map((d) => d.name);
  if (top.some((n) => MAIN_ONLY.has(n))) return "main";
  if (!top.includes("server") && top.some((n) => SERVER_ONLY.has(n))) return "server";
  return "http";
}

let certPair: { cert: string; key: string } | undefined | null;

/** A throw-away self-signed certificate (for configs naming certificates that are not on this host); null without openssl. */
function selfSignedCert(): { cert: string; key: string } | null {
  if (certPair !== undefined) return certPair;
  certPair = null;
  if (!haveProgram("openssl")) return null;
  const dir = tempDir("stacklint-cert-");
  const cert = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  const r = runCommand("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "2", "-keyout", key, "-out", cert], { env: ENV, timeoutMs: 20_000 });
  if (r.status === 0 && existsSync(cert) && existsSync(key)) certPair = { cert, key };
  return certPair;
}

/**
 * Which image's /etc/nginx the sandbox imitates. "official": the `nginx` image (mime.types and
 * the fastcgi/scgi/uwsgi params only; its nginx.conf defines `log_format main` and includes
 * conf.d/*.conf inside http {}). "debian": Debian's nginx package (also proxy_params, snippets/,
 * modules-enabled/; no `log_format main`).
 */
export type Flavor = "official" | "debian";

const OFFICIAL_FILES = new Set(["mime.types", "fastcgi_params", "scgi_params", "uwsgi_params"]);

export interface SandboxOptions {
  /** Default "official". */
  flavor?: Flavor;
  /** File name of the copy under test (default: by role). */
  name?: string;
}

/** One prefix directory with a copy of the file under test, run with `nginx -t`. */
export class NginxSandbox {
  readonly dir: string;
  readonly target: string;
  readonly role: Role;
  private readonly logFormats = new Set<string>();
  private extraMain = "";

  constructor(role: Role, text: string, options: SandboxOptions = {}) {
    this.role = role;
    this.dir = tempDir("stacklint-nginx-");
    for (const sub of ["tmp", "log", "cache", "conf.d", "sites-enabled", "stubs"]) mkdirSync(join(this.dir, sub));
    const flavor = options.flavor ?? "official";
    for (const name of readdirSync(ETC_NGINX)) {
      const from = join(ETC_NGINX, name);
      const st = statSync(from);
      if (flavor === "official" && !OFFICIAL_FILES.has(name)) continue;
      if (st.isFile() && name !== "nginx.conf") copyFileSync(from, join(this.dir, name));
      else if (st.isDirectory() && (name === "snippets" || name === "modules-enabled")) cpSync(from, join(this.dir, name), { recursive: true, dereference: true });
    }
    if (flavor === "official") this.logFormats.add("main");
    this.target = join(this.dir, options.name ?? (role === "main" ? "nginx.conf" : "site.conf"));
    this.writeTarget(text);
    this.writeWrapper();
  }

  /** Point absolute paths of the host's nginx at the sandbox, keeping every line where it is. */
  private localise(text: string): string {
    return text
      .split("/etc/nginx/").join(`${this.dir}/`)
      .split("/var/log/nginx/").join(`${this.dir}/log/`)
      .split("/var/cache/nginx/").join(`${this.dir}/cache/`)
      .replace(/\/(?:var\/)?run\/nginx\.pid/g, `${this.dir}/nginx.pid`);
  }

  writeTarget(text: string): void {
    writeFileSync(this.target, this.localise(text));
  }

  /** Put another file into the sandbox (path relative to it; `/etc/nginx/` paths localised). */
  addFile(rel: string, text: string): string {
    const path = join(this.dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, this.localise(text));
    return path;
  }

  readTarget(): string {
    return readFileSync(this.target, "utf8");
  }

  /** The main nginx.conf including the file under test (not used for role "main"). */
  private writeWrapper(): void {
    if (this.role === "main") return;
    const d = this.dir;
    const formats = [...this.logFormats].map((f) => `    log_format ${f} '$remote_addr - $remote_user [$time_local] "$request" $status';\n`).join("");
    const include = this.role === "server" ? `    server {\n        listen 127.0.0.1:8080;\n        include ${this.target};\n    }\n` : `    include ${this.target};\n`;
    writeFileSync(
      join(d, "nginx.conf"),
      `pid ${d}/nginx.pid;\nerror_log ${d}/log/error.log;\n${this.extraMain}events { worker_connections 64; }\nhttp {\n    include ${d}/mime.types;\n${formats}    access_log ${d}/log/access.log;\n` +
        `    client_body_temp_path ${d}/tmp/client;\n    proxy_temp_path ${d}/tmp/proxy;\n    fastcgi_temp_path ${d}/tmp/fastcgi;\n    uwsgi_temp_path ${d}/tmp/uwsgi;\n    scgi_temp_path ${d}/tmp/scgi;\n` +
        include +
        "}\n",
    );
  }

  addLogFormat(name: string): void {
    this.logFormats.add(name);
    this.writeWrapper();
  }

  run(): NginxResult {
    const conf = join(this.dir, "nginx.conf");
    const r = runCommand("nginx", ["-t", "-p", `${this.dir}/`, "-c", conf, "-e", join(this.dir, "log", "startup.log")], { env: ENV, timeoutMs: 10_000 });
    const lines = r.stderr.split("\n");
    let emerg: Emerg | undefined;
    const warnings: string[] = [];
    for (const line of lines) {
      const m = /^nginx: \[(emerg|warn|alert|crit)\] (.*)$/.exec(line);
      if (m === null) continue;
      const body = m[2] ?? "";
      if (m[1] === "warn") {
        warnings.push(body);
        continue;
      }
      if (emerg !== undefined) continue;
      const at = / in (\/\S+):(\d+)$/.exec(body);
      emerg = at === null ? { message: body, file: undefined, line: undefined } : { message: body.slice(0, at.index), file: at[1], line: Number(at[2]) };
    }
    const ok = r.status === 0;
    if (!ok && emerg === undefined) emerg = { message: r.stderr.trim() || `nginx exited with ${String(r.status ?? r.signal)}`, file: undefined, line: undefined };
    return { ok, emerg, warnings, stderr: r.stderr };
  }

  /** A sandbox path as the user would name it: the file under test's own name, or the stub/snippet name. */
  display(path: string): string {
    return path.startsWith(`${this.dir}/`) ? path.slice(this.dir.length + 1) : path;
  }

  /**
   * Run nginx, neutralising non-syntax errors (at most `limit` times), until it accepts the
   * file or stops at a syntax error — or at an error on one of `stopLines` of the file under
   * test (where stacklint's parser expects nginx to stop: a missing `;` glues the next line's
   * directive onto the previous one, and nginx then fails with that directive's own message,
   * e.g. `invalid number of arguments`).
   */
  checkSyntax(options: { limit?: number; stopLines?: ReadonlySet<number> } = {}): SyntaxVerdict {
    const limit = options.limit ?? 16;
    const neutralized: Neutralized[] = [];
    const warnings = new Set<string>();
    for (let round = 0; round <= limit; round++) {
      const r = this.run();
      for (const w of r.warnings) warnings.add(w.split(this.dir + "/").join(""));
      const finalText = this.readTarget();
      const done = (v: Partial<SyntaxVerdict>): SyntaxVerdict => ({ valid: false, error: undefined, neutralized, warnings: [...warnings], finalText, unresolved: undefined, ...v });
      if (r.ok) return done({ valid: true });
      const e = r.emerg;
      if (e === undefined) return done({ unresolved: "nginx failed without an [emerg] line" });
      const stopHere = e.file === this.target && e.line !== undefined && options.stopLines?.has(e.line) === true;
      if (isSyntaxMessage(e.message) || stopHere) {
        if (e.line === undefined) return done({ unresolved: `syntax error without a line: ${e.message}` });
        return done({ error: { message: e.message.split(this.dir + "/").join(""), line: e.line, inTarget: e.file === this.target } });
      }
      if (round === limit) return done({ unresolved: `still failing after ${limit} neutralisations: ${e.message}` });
      const step = this.neutralize(e);
      if (typeof step === "string") return done({ unresolved: step });
      neutralized.push({ ...step, message: e.message.split(this.dir + "/").join(""), line: e.line, inFile: e.file !== undefined && e.file !== this.target ? this.display(e.file) : undefined });
    }
    throw new Error("unreachable");
  }

  /** Change the sandbox so that this error goes away; a string says why it cannot. */
  private neutralize(e: Emerg): { category: NonSyntaxCategory } | string {
    const msg = e.message;
    const file = e.file;
    const line = e.line;
    const editLine = (edit: (lineText: string) => string | undefined): string | undefined => {
      if (file === undefined || line === undefined || !file.startsWith(`${this.dir}/`)) return `cannot edit ${file ?? "(no file)"}`;
      const text = readFileSync(file, "utf8");
      const lines = text.split("\n");
      const old = lines[line - 1];
      if (old === undefined) return `${this.display(file)} has no line ${line}`;
      const replaced = edit(old);
      if (replaced === undefined || replaced === old) return `nothing to change on ${this.display(file)}:${line} for: ${msg}`;
      lines[line - 1] = replaced;
      writeFileSync(file, lines.join("\n"));
      return undefined;
    };
    let m: RegExpExecArray | null;
    if ((m = /^host not found in upstream "([^"]+)"/.exec(msg)) !== null) {
      const upstream = m[1] ?? "";
      const host = upstream.replace(/:\d+$/, "");
      const failed = editLine((l) => l.replace(host, "127.0.0.1"));
      return failed ?? { category: "host-not-found" };
    }
    if ((m = /^open\(\) "([^"]+)" failed \(2: No such file or directory\)/.exec(msg)) !== null && line !== undefined) {
      const missing = m[1] ?? "";
      const stub = join(this.dir, "stubs", `${basename(missing)}.${Date.now()}.${Math.random().toString(36).slice(2)}`);
      writeFileSync(stub, "");
      const failed = editLine((l) => {
        if (l.includes(missing)) return l.replace(missing, stub);
        // a relative include: nginx printed it resolved against the sandbox
        const rel = missing.startsWith(`${this.dir}/`) ? missing.slice(this.dir.length + 1) : undefined;
        return rel !== undefined && l.includes(rel) ? l.replace(rel, stub) : undefined;
      });
      return failed ?? { category: "include-missing" };
    }
    if ((m = /^unknown log format "([^"]+)"/.exec(msg)) !== null) {
      if (this.role === "main" || this.logFormats.has(m[1] ?? "")) return this.blank(file, line, "access_log") ?? { category: "unknown-log-format" };
      this.addLogFormat(m[1] ?? "");
      return { category: "unknown-log-format" };
    }
    if ((m = /^get(?:pw|gr)nam\("([^"]+)"\) failed/.exec(msg)) !== null) {
      // `user nginx;` of the official image: no such user here (the image creates it)
      const user = m[1] ?? "";
      return editLine((l) => l.replace(new RegExp(`\\b${user.replace(/[^\w-]/g, "")}\\b`), "root")) ?? { category: "unknown-user" };
    }
    if ((m = /^cannot load certificate( key)? "([^"]+)"/.exec(msg)) !== null) {
      const pair = selfSignedCert();
      if (pair === null) return "a certificate is missing and openssl is not installed to make one";
      const path = m[2] ?? "";
      const replacement = m[1] === undefined ? pair.cert : pair.key;
      let changed = false;
      for (const f of this.editableFiles()) {
        const text = readFileSync(f, "utf8");
        if (!text.includes(path)) continue;
        writeFileSync(f, text.split(path).join(replacement));
        changed = true;
      }
      return changed ? { category: "certificate" } : `cannot find "${path}" in the sandbox's files`;
    }
    if (/^a duplicate default server for /.test(msg)) {
      return editLine((l) => l.replace(/\bdefault_server\b/, "              ")) ?? { category: "duplicate-default-server" };
    }
    if (/^no "events" section in configuration/.test(msg)) {
      this.extraMain += "events { }\n";
      if (this.role === "main") {
        // Prefix the first line: the file's lines stay where they are.
        writeFileSync(this.target, `events { } ${this.readTarget()}`);
      } else this.writeWrapper();
      return { category: "no-events" };
    }
    const category: NonSyntaxCategory = /directive is not allowed here/.test(msg) ? "not-allowed-here" : /^unknown directive/.test(msg) ? "unknown-directive" : "other";
    return this.blank(file, line, /"([^"]+)"/.exec(msg)?.[1]) ?? { category };
  }

  /** Files of the sandbox nginx reads and that may be edited: the file under test, snippets, stubs. */
  private editableFiles(): string[] {
    const out = [this.target];
    for (const sub of ["snippets", "stubs"]) {
      const dir = join(this.dir, sub);
      if (existsSync(dir)) for (const n of readdirSync(dir)) out.push(join(dir, n));
    }
    return out;
  }

  /**
   * Blank (spaces, line breaks kept) the directive nginx stopped at: the one whose `;` or `{` is
   * on `line` (named `name` when nginx named one; else the outermost).
   */
  private blank(file: string | undefined, line: number | undefined, name?: string): string | undefined {
    if (file === undefined || line === undefined || !file.startsWith(`${this.dir}/`)) return `cannot blank a directive in ${file ?? "(no file)"}`;
    const text = readFileSync(file, "utf8");
    const source = createSourceFile(file, text);
    const parsed = parseNginx(source);
    const lineOfOffset = (offset: number): number => {
      let n = 1;
      for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) n++;
      return n;
    };
    let found: { start: number; end: number } | undefined;
    for (const d of walkDirectives(parsed.directives)) {
      const terminator = d.block !== undefined ? d.blockRange?.start : d.semicolon;
      if (terminator === undefined || lineOfOffset(terminator) !== line) continue;
      if (d.name === name) {
        found = { start: d.start, end: d.end };
        break;
      }
      found ??= { start: d.start, end: d.end };
    }
    if (found === undefined) return `no directive ends on ${this.display(file)}:${line}`;
    const { start, end } = found;
    writeFileSync(file, text.slice(0, start) + text.slice(start, end).replace(/[^\n]/g, " ") + text.slice(end));
    return undefined;
  }
}
