// nginx directive index: name -> contexts -> argument spec, generated from the
// ngx_command_t tables of Debian's nginx 1.22 binary and its dynamic modules and
// re-checked with `nginx -t` (scripts/knowledge/nginx.mjs -> generated/nginx.ts),
// plus a curated table of directives added/removed up to the mainline versions the
// official `nginx` image ships. See README.md in this folder.
import { NGINX_CONTEXT_CHECKS, NGINX_DEBIAN_PACKAGE_VERSION, NGINX_DIRECTIVE_ROWS, NGINX_T_SAMPLE_RESULTS, NGINX_VERSION } from "./generated/nginx.js";

export { NGINX_CONTEXT_CHECKS, NGINX_DEBIAN_PACKAGE_VERSION, NGINX_T_SAMPLE_RESULTS, NGINX_VERSION };

/**
 * Where a directive may appear. `if_server` / `if_location` are `if` blocks in a
 * server / location; `limit_except` is the block inside a location; the stream_* and
 * mail_* contexts are the server/upstream blocks of stream {} and mail {}; `any`
 * (include only) is everywhere.
 */
export type NginxContext =
  | "main"
  | "events"
  | "http"
  | "server"
  | "location"
  | "upstream"
  | "if_server"
  | "if_location"
  | "limit_except"
  | "stream"
  | "stream_server"
  | "stream_upstream"
  | "mail"
  | "mail_server"
  | "any";

const CONTEXTS: readonly NginxContext[] = ["main", "events", "http", "server", "location", "upstream", "if_server", "if_location", "limit_except", "stream", "stream_server", "stream_upstream", "mail", "mail_server", "any"];

export interface NginxArgSpec {
  /** nginx's own notation, e.g. "TAKE12", "1MORE", "FLAG", "NOARGS|TAKE1", "BLOCK|NOARGS". */
  readonly spec: string;
  /** Fewest arguments accepted. */
  readonly min: number;
  /** Most arguments accepted; undefined = no upper limit (1MORE, 2MORE, ANY). */
  readonly max: number | undefined;
  /** Exact counts accepted when there is no range (TAKE13 accepts 1 or 3, not 2). */
  readonly counts: readonly number[] | undefined;
  /** The directive opens a block `{ ... }`. */
  readonly block: boolean;
  /** The single argument must be `on` or `off`. */
  readonly flag: boolean;
}

export interface NginxDirective {
  readonly name: string;
  readonly module: string;
  /** File in /usr/lib/nginx/modules for Debian's dynamic modules; undefined when compiled in. */
  readonly dynamicModule: string | undefined;
  readonly contexts: readonly NginxContext[];
  readonly args: NginxArgSpec;
  /** The generic setter kind (flag, str, num, size, msec, sec, ...) or undefined for a custom parser. */
  readonly valueKind: string | undefined;
}

/** Parse nginx's argument notation ("TAKE12", "NOARGS|TAKE1", "BLOCK|1MORE", ...). */
export function parseNginxArgSpec(spec: string): NginxArgSpec {
  const parts = spec.split("|").filter((p) => p.length > 0);
  const counts = new Set<number>();
  let atLeast: number | undefined;
  let flag = false;
  let block = false;
  for (const p of parts) {
    if (p === "NOARGS") counts.add(0);
    else if (p === "BLOCK") block = true;
    else if (p === "FLAG") {
      flag = true;
      counts.add(1);
    } else if (p === "ANY") atLeast = Math.min(atLeast ?? 0, 0);
    else if (p === "1MORE") atLeast = Math.min(atLeast ?? 1, 1);
    else if (p === "2MORE") atLeast = Math.min(atLeast ?? 2, 2);
    else if (p.startsWith("TAKE")) for (const d of p.slice(4)) counts.add(Number(d));
  }
  const sorted = [...counts].sort((a, b) => a - b);
  if (atLeast !== undefined) {
    const min = Math.min(atLeast, ...sorted);
    return { spec, min, max: undefined, counts: undefined, block, flag };
  }
  const min = sorted[0] ?? 0;
  const max = sorted[sorted.length - 1] ?? 0;
  const contiguous = sorted.every((n, i) => n === min + i);
  return { spec, min, max, counts: contiguous ? undefined : sorted, block, flag };
}

/** Whether `n` arguments satisfy the spec. */
export function nginxArgCountOk(args: NginxArgSpec, n: number): boolean {
  if (args.counts) return args.counts.includes(n);
  return n >= args.min && (args.max === undefined || n <= args.max);
}

function build(): ReadonlyMap<string, readonly NginxDirective[]> {
  // built when the CLI starts: ~700 rows share ~30 argument notations, parsed once each
  const map = new Map<string, NginxDirective[]>();
  const specs = new Map<string, NginxArgSpec>();
  const known: ReadonlySet<string> = new Set(CONTEXTS);
  for (const [name, module, dyn, contexts, args, value] of NGINX_DIRECTIVE_ROWS) {
    let spec = specs.get(args);
    if (spec === undefined) specs.set(args, (spec = parseNginxArgSpec(args)));
    const entry: NginxDirective = {
      name,
      module,
      dynamicModule: dyn === "" ? undefined : dyn,
      contexts: contexts.filter((c): c is NginxContext => known.has(c)),
      args: spec,
      valueKind: value === "" ? undefined : value,
    };
    const list = map.get(name) ?? [];
    list.push(entry);
    map.set(name, list);
  }
  return map;
}

/**
 * Directive name -> its definitions (several when modules share a name: `server` in
 * http, upstream, stream, mail; `proxy_pass` in http and stream ...).
 */
export const NGINX_DIRECTIVES: ReadonlyMap<string, readonly NginxDirective[]> = build();

/** The definitions of `name` usable in `context` (empty when it is not allowed there). */
export function nginxDirectiveIn(name: string, context: NginxContext): readonly NginxDirective[] {
  // asked for every directive by several rules: each (name, context) is filtered once
  let byContext = DIRECTIVE_IN.get(name);
  if (byContext === undefined) DIRECTIVE_IN.set(name, (byContext = new Map()));
  let defs = byContext.get(context);
  if (defs === undefined) byContext.set(context, (defs = (NGINX_DIRECTIVES.get(name) ?? []).filter((d) => d.contexts.includes("any") || d.contexts.includes(context))));
  return defs;
}
const DIRECTIVE_IN = new Map<string, Map<NginxContext, readonly NginxDirective[]>>();

/**
 * true / false, or undefined for a directive Debian's nginx 1.22 does not know (check
 * NGINX_VERSION_CHANGES: it may exist in a newer nginx). nginx itself says
 * `"NAME" directive is not allowed here` when this is false.
 */
export function isNginxDirectiveAllowed(name: string, context: NginxContext): boolean | undefined {
  if (!NGINX_DIRECTIVES.has(name)) return undefined;
  return nginxDirectiveIn(name, context).length > 0;
}

export interface NginxVersionChange {
  readonly directive: string;
  readonly change: "added" | "removed" | "deprecated" | "obsolete" | "context-added";
  /** First nginx version with the change. */
  readonly version: string;
  readonly note: string;
  /** What nginx -t prints, when known (verbatim). */
  readonly message: string | undefined;
  readonly source: string;
}

const CHANGES_XML = "https://github.com/nginx/nginx/blob/master/docs/xml/nginx/changes.xml (nginx.org/en/CHANGES)";

/**
 * Directive changes between Debian bookworm's nginx 1.22.1 and the mainline versions of
 * the official `nginx` image (1.27.x, 1.29.x). Messages marked "observed" come from
 * Debian's nginx -t (NGINX_T_SAMPLE_RESULTS); the rest is from nginx's changes.xml and
 * the nginx.org module pages.
 */
export const NGINX_VERSION_CHANGES: readonly NginxVersionChange[] = [
  { directive: "http2_idle_timeout", change: "obsolete", version: "1.19.7", note: "use keepalive_timeout; likewise http2_recv_timeout -> client_header_timeout, http2_max_requests -> keepalive_requests, http2_max_field_size / http2_max_header_size -> large_client_header_buffers", message: '[warn] the "http2_idle_timeout" directive is obsolete, use the "keepalive_timeout" directive instead (observed on 1.22)', source: CHANGES_XML },
  { directive: "http3", change: "added", version: "1.25.0", note: "HTTP/3 (ngx_http_v3_module, --with-http_v3_module): http3, http3_hq, http3_max_concurrent_streams, http3_stream_buffer_size, quic_active_connection_id_limit, quic_bpf, quic_gso, quic_host_key, quic_retry, and `listen ... quic`", message: undefined, source: `${CHANGES_XML}; https://nginx.org/en/docs/http/ngx_http_v3_module.html` },
  { directive: "http2", change: "added", version: "1.25.1", note: "`http2 on;` in http/server enables HTTP/2; unknown on 1.22", message: '[emerg] unknown directive "http2" (observed on 1.22)', source: `${CHANGES_XML}; https://nginx.org/en/docs/http/ngx_http_v2_module.html` },
  { directive: "listen", change: "deprecated", version: "1.25.1", note: "the http2 parameter of listen is deprecated in favour of the http2 directive (still works)", message: '[warn] the "listen ... http2" directive is deprecated, use the "http2" directive instead', source: CHANGES_XML },
  { directive: "ssl", change: "removed", version: "1.25.1", note: "`ssl on;` (deprecated since 1.15.0) is no longer supported: use `listen ... ssl`", message: '1.22: [warn] the "ssl" directive is deprecated, use the "listen ... ssl" directive instead (observed); 1.25.1+: [emerg] unknown directive "ssl"', source: CHANGES_XML },
  { directive: "http2_push", change: "obsolete", version: "1.25.1", note: "HTTP/2 server push removed; http2_push, http2_push_preload and http2_max_concurrent_pushes are accepted and ignored", message: '[warn] the "http2_push" directive is obsolete, ignored', source: CHANGES_XML },
  { directive: "http2_push_preload", change: "obsolete", version: "1.25.1", note: "HTTP/2 server push removed", message: '[warn] the "http2_push_preload" directive is obsolete, ignored', source: CHANGES_XML },
  { directive: "http2_max_concurrent_pushes", change: "obsolete", version: "1.25.1", note: "HTTP/2 server push removed", message: '[warn] the "http2_max_concurrent_pushes" directive is obsolete, ignored', source: CHANGES_XML },
  { directive: "server_name", change: "context-added", version: "1.25.5", note: "virtual servers in the stream module: server_name in stream server{}; new ngx_stream_pass_module (`pass`)", message: undefined, source: CHANGES_XML },
  { directive: "pass", change: "added", version: "1.25.5", note: "ngx_stream_pass_module", message: undefined, source: CHANGES_XML },
  { directive: "proxy_pass_trailers", change: "added", version: "1.27.2", note: "ngx_http_proxy_module", message: undefined, source: CHANGES_XML },
  { directive: "resolver", change: "context-added", version: "1.27.3", note: "resolver and resolver_timeout in upstream{}; `server ... resolve` in upstream", message: undefined, source: CHANGES_XML },
  { directive: "resolver_timeout", change: "context-added", version: "1.27.3", note: "allowed in upstream{}", message: undefined, source: CHANGES_XML },
  { directive: "ssl_certificate_cache", change: "added", version: "1.27.4", note: "also ssl_object_cache_inheritable, proxy_ssl_certificate_cache, grpc_ssl_certificate_cache, uwsgi_ssl_certificate_cache", message: undefined, source: CHANGES_XML },
  { directive: "ssl_object_cache_inheritable", change: "added", version: "1.27.4", note: "", message: undefined, source: CHANGES_XML },
  { directive: "uwsgi_ssl_certificate_cache", change: "added", version: "1.27.4", note: "", message: undefined, source: CHANGES_XML },
  { directive: "keepalive_min_timeout", change: "added", version: "1.27.4", note: "", message: undefined, source: CHANGES_XML },
  { directive: "early_hints", change: "added", version: "1.29.0", note: "103 responses from proxy and gRPC backends", message: undefined, source: CHANGES_XML },
  { directive: "ssl_certificate_compression", change: "added", version: "1.29.1", note: "TLSv1.3 certificate compression now off by default", message: undefined, source: CHANGES_XML },
];

/**
 * The two nginx builds stacklint meets. Debian facts were read from the installed
 * package (`nginx -V`, /etc/nginx); official-image facts are from the
 * nginxinc/docker-nginx Dockerfiles and ground-truth.md.
 */
export const NGINX_BUILDS = {
  debianBookworm: {
    version: NGINX_VERSION,
    /** stream, mail, geoip, image_filter, xslt, perl are dynamic modules, loaded by /etc/nginx/modules-enabled/*.conf (included from nginx.conf). */
    dynamicModulesLoadedBy: "include /etc/nginx/modules-enabled/*.conf;",
    /** Debian's nginx.conf has no `log_format main`: `access_log ... main` fails with [emerg] unknown log format "main". */
    definesLogFormatMain: false,
    hasHttpV3: false,
  },
  officialImage: {
    /** Mainline tags track nginx mainline (1.27.x in 2024-25, 1.29.x later); `stable` tags track 1.26 / 1.28. */
    version: "mainline",
    /** nginx.org packages; conf.d/*.conf is included inside http {}. */
    confDInsideHttp: true,
    definesLogFormatMain: true,
    /** njs, geoip, image-filter, xslt are installed as dynamic modules but not loaded (need load_module). */
    dynamicModulesInstalledNotLoaded: ["ngx_http_js_module", "ngx_stream_js_module", "ngx_http_geoip_module", "ngx_stream_geoip_module", "ngx_http_image_filter_module", "ngx_http_xslt_filter_module"],
    stopSignal: "SIGQUIT",
  },
} as const;
