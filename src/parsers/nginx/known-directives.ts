/**
 * Directive-name sets used only to recover from a missing `;`.
 *
 * nginx does not see a missing `;` where it is: it keeps reading the next
 * line as more arguments and then fails with `invalid number of arguments in
 * "uwsgi_pass" directive` (or `unexpected "}"`) one line too late. We guess
 * the real spot only when the next line starts with one of these well-known
 * simple directives, so a legitimate multi-line argument list is never split.
 */

/** Simple (`;`-terminated) directives common enough that a line starting with one is almost surely a new directive. */
export const COMMON_SIMPLE_DIRECTIVES: ReadonlySet<string> = new Set([
  "access_log",
  "add_header",
  "alias",
  "allow",
  "auth_basic",
  "auth_basic_user_file",
  "autoindex",
  "charset",
  "client_body_timeout",
  "client_max_body_size",
  "default_type",
  "deny",
  "error_log",
  "error_page",
  "expires",
  "fastcgi_index",
  "fastcgi_param",
  "fastcgi_pass",
  "fastcgi_read_timeout",
  "grpc_pass",
  "gzip",
  "gzip_comp_level",
  "gzip_min_length",
  "gzip_proxied",
  "gzip_types",
  "gzip_vary",
  "include",
  "index",
  "keepalive_timeout",
  "limit_conn",
  "limit_req",
  "listen",
  "log_format",
  "pid",
  "proxy_buffer_size",
  "proxy_buffering",
  "proxy_buffers",
  "proxy_cache",
  "proxy_cache_valid",
  "proxy_connect_timeout",
  "proxy_hide_header",
  "proxy_http_version",
  "proxy_pass",
  "proxy_pass_header",
  "proxy_read_timeout",
  "proxy_redirect",
  "proxy_send_timeout",
  "proxy_set_header",
  "resolver",
  "return",
  "rewrite",
  "root",
  "scgi_pass",
  "sendfile",
  "server",
  "server_name",
  "server_tokens",
  "set",
  "ssl_certificate",
  "ssl_certificate_key",
  "ssl_ciphers",
  "ssl_prefer_server_ciphers",
  "ssl_protocols",
  "ssl_session_cache",
  "ssl_session_timeout",
  "tcp_nodelay",
  "tcp_nopush",
  "try_files",
  "user",
  "uwsgi_buffering",
  "uwsgi_connect_timeout",
  "uwsgi_param",
  "uwsgi_pass",
  "uwsgi_read_timeout",
  "uwsgi_send_timeout",
  "worker_connections",
  "worker_processes",
]);

/**
 * Directives whose argument lists are often wrapped over several lines on
 * purpose (long header values, log formats); never split these.
 */
export const MULTILINE_DIRECTIVES: ReadonlySet<string> = new Set([
  "add_header",
  "add_trailer",
  "js_set",
  "log_format",
  "more_clear_headers",
  "more_set_headers",
  "perl_set",
  "ssl_conf_command",
  "sub_filter",
]);

/**
 * Block-only directives: when one of these ends in `;` the mistake is a
 * missing `{`, not a missing `;`, so splitting would point at the wrong thing.
 */
export const BLOCK_ONLY_DIRECTIVES: ReadonlySet<string> = new Set([
  "events",
  "geo",
  "http",
  "if",
  "limit_except",
  "location",
  "map",
  "split_clients",
  "stream",
  "types",
  "upstream",
]);

/**
 * Blocks whose entries are data (`text/html html;`, `default 0;`), not
 * directives: an entry may legitimately look like a directive name.
 */
export const DATA_BLOCKS: ReadonlySet<string> = new Set([
  "charset_map",
  "geo",
  "map",
  "match",
  "split_clients",
  "types",
]);
