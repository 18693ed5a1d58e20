/**
 * Secrets in log lines: passwords in URLs, `mysql -pPASSWORD`,
 * `--password=`, `IDENTIFIED BY '...'`, `requirepass x`, `PASSWORD=x`
 * assignments, plus every secret value the project holds. `using password:
 * YES` (MySQL's access-denied wording) stays readable.
 */
import { isSecretName, type SecretValue } from "../secrets/secrets.js";

const KEEP = /\(using password: (?:YES|NO)\)/g;

/** Redact what looks like a secret in a log line, then the project's own secret values. */
export function redactLogText(text: string, projectRedact: (text: string) => string = (t) => t): string {
  const kept: string[] = [];
  let out = text.replace(KEEP, (m) => {
    kept.push(m);
    return `\u0000${kept.length - 1}\u0000`;
  });
  // scheme://user:password@host
  out = out.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^:@/\s"']*:)([^@/\s"']+)@/gi, "$1***@");
  // mysql -pSECRET / --password=SECRET / --requirepass SECRET / redis-cli -a SECRET
  if (/\b(?:mysql|mariadb|mysqldump|mysqladmin|mariadb-dump|mariadb-admin)\b/i.test(out)) out = out.replace(/(^|\s)-p(?=[^\s-])\S+/g, "$1-p***");
  if (/\bredis-cli\b/.test(out)) out = out.replace(/(\s-a\s+)(\S+)/g, "$1***");
  out = out.replace(/(--(?:password|requirepass|masterauth|pass|passwd)(?:=|\s+))("[^"]*"|'[^']*'|\S+)/gi, "$1***");
  // SQL: IDENTIFIED [WITH plugin] BY 'x', PASSWORD('x'), and MySQL's echo of it: near 'BY 'x''
  if (/identified|\bnear 'by\b|password\s*\(/i.test(out)) {
    out = out.replace(/\b(BY|AS)(\s+)'(?:[^'\\]|\\.|'')*'/gi, "$1$2'***'");
    out = out.replace(/\bPASSWORD\s*\(\s*'[^']*'\s*\)/gi, "PASSWORD('***')");
  }
  // redis.conf / CONFIG SET echoes
  out = out.replace(/\b(requirepass|masterauth)(\s+)("[^"]*"|'[^']*'|\S+)/gi, "$1$2***");
  // NAME=value / "name": "value" / 'PASSWORD': 'value' for secret-looking names
  out = out.replace(/(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\1(\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;})\]]+)/g, (whole, q: string, name: string, sep: string, value: string) => {
    if (!isSecretName(name.replace(/[.-]/g, "_"))) return whole;
    if (/^\$|^\*+$|^["']\*+["']$/.test(value) || /^(?:YES|NO|true|false|none|null)$/i.test(value)) return whole;
    const quote = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : "";
    return `${q}${name}${q}${sep}${quote}***${quote}`;
  });
  out = projectRedact(out);
  return out.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => kept[Number(i)] ?? "");
}

/**
 * Replace the project's secret values in log text, where they stand as a
 * token of their own: a weak password such as "password" or "mysql" must
 * not turn `mysql_native_password` into `mysql_native_***`. (Secrets glued to
 * a flag, `-pSECRET`, are caught by the patterns of redactLogText.)
 */
export function makeLogRedactor(secrets: readonly Pick<SecretValue, "value">[]): (text: string) => string {
  const values = [...new Set(secrets.map((s) => s.value).filter((v) => v.length >= 3))].sort((a, b) => b.length - a.length);
  if (values.length === 0) return (text) => text;
  const escaped = values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const re = new RegExp(`(?<![A-Za-z0-9_])(?:${escaped.join("|")})(?![A-Za-z0-9_])`, "g");
  return (text) => (values.some((v) => text.includes(v)) ? text.replace(re, "***") : text);
}
