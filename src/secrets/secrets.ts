import type { PyValue } from "../parsers/django/ast.js";
import type { Project } from "../project/project.js";
import { isMap, isScalar, isSeq, mapPairs, pairKey, scalarText, seqItems, nodeRange, deref } from "../parsers/compose/parse.js";
import type { Loc } from "../model/types.js";

/** A secret value written into a project file. */
export interface SecretValue {
  /** Name it is assigned to: `MYSQL_ROOT_PASSWORD`, `requirepass`, `DATABASES.default.PASSWORD`. */
  name: string;
  value: string;
  /** Where the value is written. */
  loc: Loc;
  /** Where the secret lives: a compose environment, an env file, a settings module, a server config. */
  where: "compose" | "env-file" | "settings" | "redis" | "mysql" | "dockerfile" | "supervisor" | "url";
}

/** Names that hold secrets; `_FILE` variants hold a path, not the secret. */
const SECRET_NAME = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|AUTH_?KEY|CREDENTIALS?|_PASS$|^PASS$|_PWD$|^PWD_?)/i;
const NOT_SECRET_NAME = /(_FILE|_PATH|_DIR|_LENGTH|_EXPIR\w*|_TTL|_LIFETIME|_TIMEOUT|_ENABLED?|_REQUIRED|_HASHERS|_VALIDATORS|_URL_?PATH|_HEADER|_NAME|_FIELD|_BACKEND|_USER(NAME)?|_RESET\w*|ALLOW_EMPTY_PASSWORD|RANDOM_ROOT_PASSWORD|ONETIME_PASSWORD|_ALGORITHM|_METHOD|_ENDPOINT|_URL|_URI|_HOST|_PORT|_ISSUER|_SCOPE|_TYPE)$/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(name);
}

/** Values that are not secrets even under a secret-looking name: empty, booleans, references. */
export function isSecretValue(value: string): boolean {
  const v = value.trim();
  if (v.length < 3) return false;
  if (/^(true|false|yes|no|on|off|none|null|nil|1|0)$/i.test(v)) return false;
  if (/^\$\{?[A-Za-z_]\w*\}?$/.test(v) || /^\$\{[^}]+\}$/.test(v)) return false;
  if (v.startsWith("/run/secrets/") || v.startsWith("/")) return false;
  return true;
}

const WEAK = new Set([
  "123456", "1234567", "12345678", "123456789", "1234567890", "111111", "000000", "654321", "123123", "password", "passw0rd", "password1",
  "password123", "root", "admin", "admin123", "secret", "changeme", "change_me", "change-me", "changeit", "yourpassword", "your_password",
  "your-password", "mypassword", "my_password", "example", "test", "test123", "qwerty", "abc123", "mysql", "redis", "wordpress", "postgres",
  "django", "foobared", "pass", "dbpass", "db_password", "default", "guest", "letmein", "toor", "1q2w3e4r", "p@ssw0rd", "xxx", "xxxx", "xxxxxx",
]);

/** Placeholders and famous weak passwords. */
export function isWeakSecret(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (WEAK.has(v)) return true;
  if (/^(your|my|some|enter|insert|replace)[-_ ]?\w*(pass|secret|key|token)/.test(v)) return true;
  if (v.startsWith("django-insecure-") || /change[-_]?me|replace[-_]?me|^<.*>$|^\*+$/.test(v)) return true;
  if (/^\d{1,8}$/.test(v)) return true;
  return v.length < 8;
}

/**
 * Every secret written in plain text in the project's files, found once.
 * The plaintext-secret rule reports them; the engine redacts their values
 * from every output.
 */
export function collectSecrets(project: Project): SecretValue[] {
  // the engine (redaction), plaintext-secret and explain all ask: scan the files once per run
  const cached = SECRETS.get(project);
  if (cached && cached.files === project.files.size) return cached.secrets;
  const secrets = scanSecrets(project);
  SECRETS.set(project, { files: project.files.size, secrets });
  return secrets;
}

const SECRETS = new WeakMap<Project, { files: number; secrets: SecretValue[] }>();

function scanSecrets(project: Project): SecretValue[] {
  const out: SecretValue[] = [];
  const push = (s: SecretValue): void => {
    if (isSecretValue(s.value)) out.push(s);
  };
  for (const file of project.filesOf("dotenv")) {
    for (const e of file.ast.entries) {
      if (!e.hasValue) continue;
      const loc = { file: file.source, start: e.valueRange.start, end: e.valueRange.end };
      if (isSecretName(e.key)) push({ name: e.key, value: e.value, loc, where: "env-file" });
      const pw = urlPassword(e.value);
      if (pw) push({ name: e.key, value: pw, loc, where: "url" });
    }
  }
  for (const file of project.filesOf("compose")) {
    const { doc, root } = file.ast;
    if (!root) continue;
    const services = mapPairs(doc, root).find((p) => pairKey(p) === "services");
    for (const svc of mapPairs(doc, services?.value)) {
      // `command: redis-server --requirepass 123456`, `mysqladmin -p123456 ping`
      for (const key of ["command", "entrypoint", "healthcheck"]) {
        const pair = mapPairs(doc, svc.value).find((p) => pairKey(p) === key);
        const node = pair ? deref(doc, pair.value) : undefined;
        const r = nodeRange(node);
        if (!r) continue;
        const raw = file.source.text.slice(r.start, r.end);
        for (const m of raw.matchAll(/(--requirepass|--masterauth|--password)[= ]+["']?([^\s"',\]]+)|(?<=\s|")-p([^\s"',\]$]{3,})/g)) {
          const value = m[2] ?? m[3] ?? "";
          const offset = r.start + (m.index ?? 0) + m[0].length - value.length;
          push({ name: m[1] ? m[1].replace(/^--/, "") : "-p", value, loc: { file: file.source, start: offset, end: offset + value.length }, where: "compose" });
        }
      }
      const env = mapPairs(doc, svc.value).find((p) => pairKey(p) === "environment");
      if (!env) continue;
      const node = deref(doc, env.value);
      const entries: { name: string; value: string; range: { start: number; end: number } | undefined }[] = [];
      if (isMap(node)) {
        for (const p of mapPairs(doc, node)) {
          const name = pairKey(p);
          const value = scalarText(doc, p.value);
          if (name !== undefined && value !== undefined) entries.push({ name, value, range: nodeRange(deref(doc, p.value)) });
        }
      } else if (isSeq(node)) {
        for (const item of seqItems(doc, node)) {
          const text = scalarText(doc, item);
          if (text === undefined || !text.includes("=")) continue;
          const eq = text.indexOf("=");
          const r = nodeRange(item);
          const shift = isScalar(item) && (item.type === "QUOTE_DOUBLE" || item.type === "QUOTE_SINGLE") ? 1 : 0;
          entries.push({ name: text.slice(0, eq), value: text.slice(eq + 1), range: r ? { start: r.start + shift + eq + 1, end: r.end - shift } : undefined });
        }
      }
      for (const e of entries) {
        if (!e.range) continue;
        const loc = { file: file.source, start: e.range.start, end: e.range.end };
        if (isSecretName(e.name)) push({ name: e.name, value: e.value, loc, where: "compose" });
        const pw = urlPassword(e.value);
        if (pw) push({ name: e.name, value: pw, loc, where: "url" });
      }
    }
  }
  for (const file of project.filesOf("django")) {
    for (const a of file.ast.assignments) visitPy(a.name, a.value, (name, v) => {
      const loc = { file: file.source, start: v.start, end: v.end };
      if (v.kind !== "str" || v.formatted) return;
      if (isSecretName(name)) push({ name, value: v.value, loc, where: "settings" });
      const pw = urlPassword(v.value);
      if (pw) push({ name, value: pw, loc, where: "url" });
    });
  }
  for (const file of project.filesOf("redis")) {
    for (const d of file.ast.directives) {
      if ((d.name === "requirepass" || d.name === "masterauth") && d.args[0]) {
        push({ name: d.name, value: d.args[0].value, loc: { file: file.source, start: d.args[0].start, end: d.args[0].end }, where: "redis" });
      }
      if (d.name === "user") {
        for (const a of d.args) if (a.value.startsWith(">") && a.value.length > 1) push({ name: "user", value: a.value.slice(1), loc: { file: file.source, start: a.start + 1, end: a.end }, where: "redis" });
      }
    }
  }
  for (const file of project.filesOf("mysql")) {
    for (const s of file.ast.sections) for (const e of s.entries) {
      if (/^(password|pass|admin-password)$/i.test(e.key.replace(/_/g, "-"))) push({ name: e.key, value: e.value, loc: { file: file.source, ...e.valueRange }, where: "mysql" });
    }
  }
  for (const file of project.filesOf("supervisor")) {
    for (const s of file.ast.sections) for (const e of s.entries) {
      if (e.key === "password") push({ name: e.key, value: e.value, loc: { file: file.source, ...e.valueRange }, where: "supervisor" });
    }
  }
  for (const file of project.filesOf("dockerfile")) {
    for (const instr of file.ast.instructions) {
      if (instr.keyword !== "ENV" && instr.keyword !== "ARG") continue;
      for (const m of instr.args.matchAll(/([A-Za-z_][\w.-]*)=("([^"]*)"|'([^']*)'|(\S+))/g)) {
        const value = m[3] ?? m[4] ?? m[5] ?? "";
        if (!isSecretName(m[1]!)) continue;
        const start = instr.argsRange.start + (m.index ?? 0) + m[1]!.length + 1;
        push({ name: m[1]!, value, loc: { file: file.source, start, end: start + m[2]!.length }, where: "dockerfile" });
      }
    }
  }
  return out;
}

/** `scheme://user:PASSWORD@host` → PASSWORD. */
export function urlPassword(text: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^:@/\s]*:([^@/\s]+)@/i.exec(text.trim());
  return m && !/^\$\{?\w+\}?$/.test(m[1]!) ? m[1] : undefined;
}

/** Walk nested settings literals: `DATABASES['default']['PASSWORD']` is visited as PASSWORD. */
function visitPy(name: string, value: PyValue, visit: (name: string, value: PyValue) => void, depth = 0): void {
  if (depth > 20) return;
  visit(name, value);
  if (value.kind === "dict") for (const e of value.entries) visitPy(e.key.kind === "str" ? e.key.value : name, e.value, visit, depth + 1);
  else if (value.kind === "list" || value.kind === "tuple") for (const item of value.items) visitPy(name, item, visit, depth + 1);
}

/**
 * Replace every secret value in a string by `***`. Longest values first, so
 * a secret that contains another is not half-redacted.
 */
export function makeRedactor(secrets: readonly SecretValue[]): (text: string) => string {
  const values = [...new Set(secrets.map((s) => s.value).filter((v) => v.length >= 3))].sort((a, b) => b.length - a.length);
  if (values.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const v of values) if (out.includes(v)) out = out.split(v).join("***");
    return out;
  };
}
