import { relative } from "node:path";
import { toPosix } from "../../src/discover/walk.js";
import { defineRule, fixed } from "../../src/engine/rule.js";
import type { PyValue } from "../../src/parsers/django/ast.js";
import { positionAt } from "../../src/source/source-file.js";
import { isDjangoSettings, nameUses } from "../django-debug-misspelt/index.js";

/**
 * Tutorial placeholders that can never be the Host a browser sends: "your_server_IP",
 * "yourdomain.com", RFC 2606's example.com, "<your-ip>", "x.x.x.x", "domain_name".
 */
const PLACEHOLDERS: RegExp[] = [
  /^[.*]*(www\.)?your[-_. ]?(server|domain|host|site|web|ip|app|project|public|droplet|vps|ec2|instance|address|url|name|company|custom|dns)/i,
  /(^|\.)example\.(com|org|net)$/i,
  /<[^>]*>|\{\{[^}]*\}\}/,
  /^x{1,3}(\.x{1,3}){3}$/i,
  /^[.*]*(www\.)?(my|your)?(domain|website|site)\.(com|net|org)$/i,
  /^((server|host|public|my)[-_ ]?ip([-_ ]?address)?|ip[-_ ]?address|domain[-_ ]?name|host[-_ ]?name)$/i,
];

/** Test settings use example.com on purpose (the test client, the sites framework): not a deployment. */
const TEST_SETTINGS = /(^|[/_])(tests?|testing|ci)(_settings)?\.py$|(^|\/)tests?\//;

export function isPlaceholderHost(host: string): boolean {
  const h = host.trim();
  return PLACEHOLDERS.some((re) => re.test(h));
}

export default defineRule({
  meta: {
    id: "django-allowed-hosts-placeholder",
    description: "ALLOWED_HOSTS still holds tutorial placeholders (`your_server_IP`, `yourdomain.com`, `example.com`), or is empty while DEBUG is False: every request gets 400",
    severity: "warning",
    category: "django",
    files: ["django"],
    messages: {
      placeholder:
        "ALLOWED_HOSTS holds the placeholder \"{{host}}\"{{more}}: Django answers 400 Bad Request to every request whose Host header is not in the list (\"Invalid HTTP_HOST header: '203.0.113.5'. You may need to add '203.0.113.5' to ALLOWED_HOSTS.\"), whatever DEBUG is; put the real domain names / IP addresses the site is reached by",
      empty:
        "ALLOWED_HOSTS is empty while DEBUG is False (line {{debugLine}}): Django answers 400 Bad Request to every request (\"Invalid HTTP_HOST header\") and `runserver` refuses to start (\"CommandError: You must set settings.ALLOWED_HOSTS if DEBUG is False.\"); list the domain names / IP addresses the site is reached by",
    },
    fixable: false,
  },
  check({ project, report }) {
    const djangoFiles = project.filesOf("django");
    for (const file of djangoFiles) {
      if (!isDjangoSettings(file) || TEST_SETTINGS.test(toPosix(relative(project.root, file.source.path)))) continue;
      const hosts = file.ast.assignments.filter((a) => a.name === "ALLOWED_HOSTS");
      for (const a of hosts) {
        const items = listItems(a.value);
        if (!items) continue;
        const strings = items.filter((i): i is Extract<PyValue, { kind: "str" }> => i.kind === "str" && !i.formatted);
        if (strings.some((s) => s.value.trim() === "*")) continue;
        const placeholders = strings.filter((s) => isPlaceholderHost(s.value));
        const first = placeholders[0];
        if (!first) continue;
        const others = placeholders.slice(1).map((s) => `"${s.value}"`);
        report({
          messageId: "placeholder",
          at: { file: file.source, start: first.start, end: first.end },
          data: { host: first.value, more: others.length > 0 ? fixed(` (and ${others.join(", ")})`, `（还有 ${others.join("、")}）`) : fixed("") },
        });
      }
      // empty list with DEBUG False: only when nothing else can fill it
      if (hosts.length !== 1) continue;
      const only = hosts[0]!;
      const items = listItems(only.value);
      if (!items || items.length !== 0 || only.op !== "=" || only.depth !== 0) continue;
      if (nameUses(file.source, "ALLOWED_HOSTS").length !== 1) continue;
      if (file.ast.itemAssignments.some((i) => i.name === "ALLOWED_HOSTS")) continue;
      if (djangoFiles.some((f) => f !== file && (f.ast.assignments.some((a) => a.name === "ALLOWED_HOSTS") || nameUses(f.source, "ALLOWED_HOSTS").length > 0))) continue;
      const debug = file.ast.assignments.filter((a) => a.name === "DEBUG");
      const lastDebug = debug[debug.length - 1];
      if (!lastDebug || debug.some((d) => d.depth !== 0) || lastDebug.value.kind !== "bool" || lastDebug.value.value) continue;
      const debugLine = positionAt(file.source, lastDebug.nameRange.start).line;
      report({ messageId: "empty", at: { file: file.source, start: only.value.start, end: only.value.end }, data: { debugLine } });
    }
  },
});

function listItems(value: PyValue): PyValue[] | undefined {
  return value.kind === "list" || value.kind === "tuple" ? value.items : undefined;
}
