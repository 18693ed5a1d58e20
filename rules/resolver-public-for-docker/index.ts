import { ipVersion } from "../../src/model/ip.js";
import { defineRule, fixed, type RelatedDescriptor } from "../../src/engine/rule.js";
import { inheritedDirective, nginxInstanceOf } from "../../src/model/nginx-instance.js";
import type { NginxDirective } from "../../src/parsers/nginx/ast.js";
import { descendants, nginxTree } from "../../src/parsers/nginx/tree.js";
import { variablesIn } from "../../src/parsers/nginx/variables.js";

const PASSES = new Set(["proxy_pass", "uwsgi_pass", "fastcgi_pass", "grpc_pass", "scgi_pass"]);

/** Variables whose value starts with "/". */
const PATH_VARIABLES = new Set(["request_uri", "uri", "document_uri"]);

/** Docker's embedded DNS server on user-defined networks. */
const DOCKER_DNS = "127.0.0.11";

export default defineRule({
  meta: {
    id: "resolver-public-for-docker",
    description: "a `*_pass` with a variable resolves its host at request time through `resolver`: a public resolver (or none) never knows compose service names",
    severity: "error",
    category: "cross-file",
    files: ["nginx", "compose"],
    messages: {
      publicResolver:
        "`{{pass}}` contains a variable, so nginx resolves \"{{host}}\" per request through `resolver {{resolver}}`, a public DNS server that does not know the compose service names: every request gets 502 (\"{{host}} could not be resolved (3: Host not found)\"); use Docker's DNS, `resolver 127.0.0.11 valid=10s;`",
      noResolver:
        "`{{pass}}` contains a variable, so nginx resolves \"{{host}}\" per request, and no `resolver` is set: every request gets 502 (\"no resolver defined to resolve {{host}}\"); add `resolver 127.0.0.11 valid=10s;` (Docker's DNS) or pass a literal host",
      resolver: "the resolver in effect",
      set: "the variable is set here",
    },
    fixable: false,
  },
  check({ project, model, report }) {
    const seen = new Set<NginxDirective>();
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        // only containers on compose networks have Docker's DNS at 127.0.0.11 and reach services by name
        if (service.origin !== "compose" || service.networkMode) continue;
        const instance = nginxInstanceOf(project, service);
        if (!instance) continue;
        const upstreams = new Set<string>();
        const implicit = new Set<string>();
        for (const l of instance.files) {
          for (const d of nginxTree(l.file.ast).named("upstream", ...PASSES)) {
            if (d.name === "upstream" && d.args[0]) upstreams.add(d.args[0].value.toLowerCase());
            if (PASSES.has(d.name) && d.args[0] && !d.args[0].value.includes("$")) {
              const t = target(d.args[0].value);
              if (t) implicit.add(`${t.host}:${t.port ?? ""}`);
            }
          }
        }
        for (const loaded of instance.files) {
          const tree = nginxTree(loaded.file.ast);
          for (const d of tree.named(...PASSES)) {
            const arg = d.args[0];
            if (!arg || !arg.value.includes("$") || seen.has(d)) continue;
            // substitute `set $v literal;` values from the enclosing server
            const server = tree.ancestors(d).find((a) => a.name === "server");
            const related: RelatedDescriptor[] = [];
            let url = "";
            let last = 0;
            for (const v of variablesIn(arg.value)) {
              url += arg.value.slice(last, v.start);
              last = v.end;
              const sets = server ? descendants(server).filter((x) => x.name === "set" && x.args[0]?.value === `$${v.name}`) : [];
              const values = new Set(sets.map((s) => s.args[1]?.value ?? "$"));
              const value = values.size === 1 ? [...values][0]! : undefined;
              if (PATH_VARIABLES.has(v.name)) {
                url += "/"; // starts the path: the host before it is known
              } else if (value === undefined || value.includes("$")) {
                url += "\u0000"; // unknown value: fine in the path, fatal to the host
              } else {
                url += value;
                related.push({ at: { file: loaded.file.source, start: sets[0]!.start, end: sets[0]!.end }, messageId: "set" });
              }
            }
            url += arg.value.slice(last);
            const t = target(url);
            if (!t || t.host.includes("\u0000")) continue;
            if (ipVersion(t.host) || t.host.startsWith("unix:")) continue;
            if ((t.port === undefined && upstreams.has(t.host)) || implicit.has(`${t.host}:${t.port ?? ""}`)) continue;
            const resolution = stack.resolveHost(service, t.host);
            if (resolution.kind !== "service") continue;
            const resolver = inheritedDirective(instance, loaded, d, "resolver");
            if (resolver === "unknown") continue;
            const at = { file: loaded.file.source, start: arg.start, end: arg.end };
            if (resolver === "none") {
              seen.add(d);
              report({ messageId: "noResolver", at, related, data: { pass: d.name, host: t.host } });
              continue;
            }
            const addresses = resolver.directive.args.map((a) => a.value).filter((a) => !a.includes("="));
            if (addresses.length === 0 || addresses.some((a) => a.startsWith(DOCKER_DNS))) continue;
            if (!addresses.every(isPublicAddress)) continue;
            seen.add(d);
            report({
              messageId: "publicResolver",
              at,
              related: [{ at: { file: resolver.file.source, start: resolver.directive.start, end: resolver.directive.end }, messageId: "resolver" }, ...related],
              data: { pass: d.name, host: t.host, resolver: fixed(addresses.join(" ")) },
            });
          }
        }
      }
    }
  },
});

/** Host and port of a `*_pass` target (`http://web:8000/x`, `web:8000`, `uwsgi://web:8000`). */
function target(value: string): { host: string; port: number | undefined } | undefined {
  let rest = value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  if (rest.startsWith("unix:")) return { host: "unix:", port: undefined };
  rest = rest.split("/")[0] ?? rest;
  if (rest.startsWith("[")) {
    const close = rest.indexOf("]");
    if (close < 0) return undefined;
    const port = rest.slice(close + 2);
    return { host: rest.slice(1, close), port: /^\d+$/.test(port) ? Number(port) : undefined };
  }
  const colon = rest.lastIndexOf(":");
  if (colon >= 0 && /^\d+$/.test(rest.slice(colon + 1))) return { host: rest.slice(0, colon).toLowerCase(), port: Number(rest.slice(colon + 1)) };
  return rest ? { host: rest.toLowerCase(), port: undefined } : undefined;
}

/** A resolver address outside private, loopback and link-local ranges (e.g. 8.8.8.8, 1.1.1.1). */
function isPublicAddress(address: string): boolean {
  let host = address;
  if (host.startsWith("[")) host = host.slice(1, host.indexOf("]"));
  else if (/^[\d.]+:\d+$/.test(host)) host = host.slice(0, host.lastIndexOf(":"));
  const kind = ipVersion(host);
  if (kind === 4) {
    const [a, b] = host.split(".").map(Number) as [number, number];
    if (a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127)) return false;
    return true;
  }
  if (kind === 6) {
    const h = host.toLowerCase();
    return !(h === "::1" || h.startsWith("fe80") || h.startsWith("fc") || h.startsWith("fd") || h === "::");
  }
  return false; // a name: some DNS service the stack may run
}
