// Generate src/knowledge/generated/nginx.ts from the installed nginx (Debian package).
// 1. nginx-probe.c, LD_PRELOADed into `nginx -v`, dumps the ngx_command_t table of
//    every compiled-in module and of the dynamic modules in /usr/lib/nginx/modules:
//    directive name, module, allowed contexts (type bits), argument spec (type bits).
// 2. Cross-check: for every directive and every context, `nginx -t` on a temporary
//    config with `NAME;` placed in that context must say "is not allowed here" exactly
//    when the decoded table says so. Generation fails on any disagreement.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SCRIPT_DIR, makeTempDir, removeDir, rows, run, tempFile, writeGenerated } from "./common.mjs";

const MODULES_DIR = "/usr/lib/nginx/modules";

const MODULE_TYPE = { 0x45524f43: "core", 0x464e4f43: "conf", 0x544e5645: "event", 0x50545448: "http", 0x4d525453: "stream", 0x4c49414d: "mail" };

/** Context bits per module type (src/http/ngx_http_config.h, src/stream/..., src/mail/...). */
const CONTEXT_BITS = {
  core: [[0x01000000, "main"]],
  event: [[0x02000000, "events"]],
  http: [[0x02000000, "http"], [0x04000000, "server"], [0x08000000, "location"], [0x10000000, "upstream"], [0x20000000, "if_server"], [0x40000000, "if_location"], [0x80000000, "limit_except"]],
  stream: [[0x02000000, "stream"], [0x04000000, "stream_server"], [0x08000000, "stream_upstream"]],
  mail: [[0x02000000, "mail"], [0x04000000, "mail_server"]],
};
export const ALL_CONTEXTS = ["main", "events", "http", "server", "location", "upstream", "if_server", "if_location", "limit_except", "stream", "stream_server", "stream_upstream", "mail", "mail_server"];

const ARG_BITS = [[0x1, "NOARGS"], [0x2, "TAKE1"], [0x4, "TAKE2"], [0x8, "TAKE3"], [0x10, "TAKE4"], [0x20, "TAKE5"], [0x40, "TAKE6"], [0x80, "TAKE7"], [0x100, "BLOCK"], [0x200, "FLAG"], [0x400, "ANY"], [0x800, "1MORE"], [0x1000, "2MORE"]];

function decodeContexts(moduleType, bits) {
  if (moduleType === "conf") return ["any"];
  return (CONTEXT_BITS[moduleType] ?? []).filter(([b]) => (bits & b) >>> 0 === b).map(([, n]) => n);
}

function decodeArgs(bits) {
  const names = ARG_BITS.filter(([b]) => bits & b).map(([, n]) => n);
  // nginx's own shorthands: TAKE12 = TAKE1|TAKE2 etc.
  const takes = names.filter((n) => /^TAKE\d$/.test(n)).map((n) => n.slice(4));
  const rest = names.filter((n) => !/^TAKE\d$/.test(n));
  return [...rest.filter((n) => n === "NOARGS"), ...(takes.length ? [`TAKE${takes.join("")}`] : []), ...rest.filter((n) => n !== "NOARGS")].join("|");
}

/** Wrap `line` so that it sits in context `ctx`; the rest is a minimal valid config. */
function configFor(ctx, line, dir, loads) {
  const main = [...loads, `pid ${dir}/nginx.pid;`, "error_log stderr;"];
  const http = (inner) => `http {\n access_log off;\n${inner}\n}`;
  const server = (inner) => http(`server {\n listen 127.0.0.1:1;\n${inner}\n}`);
  const location = (inner) => server(`location / {\n${inner}\n}`);
  switch (ctx) {
    case "main": return [...main, line, "events { }"].join("\n");
    case "events": return [...main, `events {\n${line}\n}`].join("\n");
    case "http": return [...main, "events { }", http(line)].join("\n");
    case "server": return [...main, "events { }", server(line)].join("\n");
    case "location": return [...main, "events { }", location(line)].join("\n");
    case "upstream": return [...main, "events { }", http(`upstream u {\n server 127.0.0.1:1;\n${line}\n}`)].join("\n");
    case "if_server": return [...main, "events { }", server(`if ($host) {\n${line}\n}`)].join("\n");
    case "if_location": return [...main, "events { }", location(`if ($host) {\n${line}\n}`)].join("\n");
    case "limit_except": return [...main, "events { }", location(`limit_except GET {\n${line}\n}`)].join("\n");
    case "stream": return [...main, "events { }", `stream {\n${line}\n}`].join("\n");
    case "stream_server": return [...main, "events { }", `stream {\nserver {\n listen 127.0.0.1:1;\n${line}\n}\n}`].join("\n");
    case "stream_upstream": return [...main, "events { }", `stream {\nupstream u {\n server 127.0.0.1:1;\n${line}\n}\n}`].join("\n");
    case "mail": return [...main, "events { }", `mail {\n${line}\n}`].join("\n");
    case "mail_server": return [...main, "events { }", `mail {\nserver {\n${line}\n}\n}`].join("\n");
    default: throw new Error(ctx);
  }
}

function nginxT(dir, text) {
  const conf = tempFile(dir, "nginx.conf", `${text}\n`);
  const r = run("nginx", ["-t", "-p", dir, "-c", conf, "-e", "stderr"]);
  return (r.stdout + r.stderr).split("\n").map((l) => l.replace(/^\d{4}\/\d\d\/\d\d [\d:]+ /, "").replace(/\d+#\d+: /, "").split(dir).join("<dir>").trim()).filter(Boolean);
}

/** Hand-picked snippets whose real `nginx -t` output is recorded verbatim. */
export const NGINX_T_SAMPLES = [
  ["server", "listen 127.0.0.1:2 http2;"],
  ["server", "http2_idle_timeout 30s;"],
  ["server", "http2_push_preload on;"],
  ["server", "http2 on;"],
  ["server", "ssl on;"],
  ["server", "proxy_pass http://127.0.0.1:8000;"],
  ["location", "listen 80;"],
  ["location", "uwsgi_pass 127.0.0.1:8000 extra;"],
  ["http", "uwsgi_pass 127.0.0.1:8000;"],
  ["location", "gzip maybe;"],
  ["location", "stacklint_unknown_directive on;"],
  ["if_location", "proxy_set_header Host $host;"],
  ["if_location", "proxy_pass http://127.0.0.1:8000;"],
  ["location", "access_log /dev/null main;"],
  ["location", "proxy_pass http://app:8000;"],
  ["location", "client_max_body_size;"],
  ["http", "upstream u { server 127.0.0.1:8000 }"],
];

export async function generateNginx() {
  const versionLine = run("nginx", ["-v"]).stderr.trim();
  const version = /nginx\/(\S+)/.exec(versionLine)?.[1] ?? versionLine;
  const pkgVersion = run("dpkg-query", ["-W", "-f=${Version}", "nginx"]).stdout.trim() || run("dpkg-query", ["-W", "-f=${Version}", "nginx-core"]).stdout.trim();
  const dir = makeTempDir("nginx");
  try {
    const so = join(dir, "probe.so");
    const cc = run("gcc", ["-shared", "-fPIC", "-O1", "-w", "-o", so, join(SCRIPT_DIR, "nginx-probe.c"), "-ldl"]);
    if (cc.code !== 0) throw new Error(`compiling nginx-probe.c failed:\n${cc.stderr}`);
    // ngx_stream_module first: ngx_stream_geoip_module needs its symbols
    const dyn = readdirSync(MODULES_DIR).filter((f) => f.endsWith(".so")).sort((a, b) => (a === "ngx_stream_module.so" ? -1 : b === "ngx_stream_module.so" ? 1 : a < b ? -1 : 1)).map((f) => join(MODULES_DIR, f));
    const dumpPath = join(dir, "dump.tsv");
    run("nginx", ["-v"], { env: { ...process.env, LD_PRELOAD: so, STACKLINT_NGINX_DUMP: dumpPath, STACKLINT_NGINX_DYNAMIC: dyn.join(":") } });
    const entries = [];
    for (const line of readFileSync(dumpPath, "utf8").split("\n").filter(Boolean)) {
      const [name = "", module = "", origin = "", mtype = "0", ctype = "0", setter = "?"] = line.split("\t");
      const moduleType = MODULE_TYPE[parseInt(mtype, 16)] ?? "unknown";
      const bits = parseInt(ctype, 16);
      const contexts = decodeContexts(moduleType, bits);
      const args = decodeArgs(bits & 0xffff);
      const value = /^ngx_conf_set_(\w+)_slot$/.exec(setter)?.[1] ?? "";
      entries.push([name, module, origin === "builtin" ? "" : origin, contexts, args, value]);
    }
    if (entries.length < 500) throw new Error(`nginx probe found only ${entries.length} directives`);

    // cross-check every directive x context with nginx -t
    const loads = dyn.map((p) => `load_module ${p};`);
    const byName = new Map();
    for (const e of entries) byName.set(e[0], [...(byName.get(e[0]) ?? []), e]);
    const mismatches = [];
    let checks = 0;
    for (const [name, list] of byName) {
      const allowed = new Set(list.flatMap((e) => e[3]));
      for (const ctx of ALL_CONTEXTS) {
        const needsLoads = ctx.startsWith("stream") || ctx.startsWith("mail") || list.some((e) => e[2] !== "");
        const out = nginxT(dir, configFor(ctx, `${name};`, dir, needsLoads ? loads : [])).join("\n");
        checks++;
        const notAllowed = out.includes(`"${name}" directive is not allowed here`);
        const expectAllowed = allowed.has("any") || allowed.has(ctx);
        if (notAllowed === expectAllowed) mismatches.push(`${name} in ${ctx}: table says ${expectAllowed ? "allowed" : "not allowed"}, nginx -t says ${out.split("\n")[0]}`);
      }
    }
    if (mismatches.length > 0) throw new Error(`nginx -t disagrees with the decoded table:\n${mismatches.slice(0, 40).join("\n")}`);
    const samples = NGINX_T_SAMPLES.map(([ctx, line]) => [ctx, line, nginxT(dir, configFor(ctx, line, dir, []))]);
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1));
    const code = [
      `export const NGINX_VERSION = ${JSON.stringify(version)};`,
      `export const NGINX_DEBIAN_PACKAGE_VERSION = ${JSON.stringify(pkgVersion)};`,
      `/** Every directive x context pair checked with nginx -t while generating. */`,
      `export const NGINX_CONTEXT_CHECKS = ${checks};`,
      "",
      "/**",
      " * [directive, module, dynamic module file (\"\" = compiled in), contexts, args, value kind].",
      " * contexts: main events http server location upstream if_server if_location limit_except",
      " *   stream stream_server stream_upstream mail mail_server, or any (include).",
      " * args: nginx's NGX_CONF_* names joined by |, e.g. TAKE12, 1MORE, FLAG, NOARGS|TAKE1, BLOCK|NOARGS.",
      " * value kind: the ngx_conf_set_<kind>_slot setter (flag, str, num, size, msec, sec, ...), \"\" if custom.",
      " */",
      `export const NGINX_DIRECTIVE_ROWS: readonly (readonly [string, string, string, readonly string[], string, string])[] = ${rows(entries)};`,
      "",
      "/** Real `nginx -t` output for hand-picked snippets: [context, snippet, output lines]. */",
      `export const NGINX_T_SAMPLE_RESULTS: readonly (readonly [string, string, readonly string[]])[] = ${rows(samples)};`,
    ].join("\n");
    const path = writeGenerated("nginx.ts", { program: "nginx", version: `${versionLine} (Debian package ${pkgVersion}, with the dynamic modules in ${MODULES_DIR})`, command: "nginx-probe.c LD_PRELOADed into nginx -v; every directive x context re-checked with nginx -t" }, code);
    return { program: "nginx", version, path, count: entries.length, checks };
  } finally {
    removeDir(dir);
  }
}
