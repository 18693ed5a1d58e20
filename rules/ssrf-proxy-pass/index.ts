import { defineRule, fixed, type FixedText } from "../../src/engine/rule.js";
import type { NginxDirective } from "../../src/parsers/nginx/ast.js";
import { canMatchChar } from "../../src/parsers/nginx/regex.js";
import { descendants, nginxTree, type NginxTree } from "../../src/parsers/nginx/tree.js";
import { argSubrange, captureGroupFor, captureRegexFor, setFromCapture, variablesIn, type VariableRef } from "../../src/parsers/nginx/variables.js";

const PATH_VARIABLES = new Set(["request_uri", "uri", "document_uri"]);

/** Variables a client sets directly. */
function userInput(name: string): boolean {
  return /^(http_|arg_|cookie_)/.test(name) || ["args", "query_string", "request_uri", "uri", "document_uri", "request_body"].includes(name);
}

export default defineRule({
  meta: {
    id: "ssrf-proxy-pass",
    description: "`proxy_pass` whose upstream host comes from the request (`$http_*`, `$arg_*`, a regex capture of the URL): anyone can make nginx connect to any host (SSRF)",
    severity: "error",
    category: "security",
    files: ["nginx"],
    messages: {
      ssrf:
        "the upstream host of `proxy_pass` is taken from {{origin}}: a client chooses where nginx connects (internal services, cloud metadata at 169.254.169.254) and reads the answer (server-side request forgery); map the request to a fixed list of upstreams (`map` with literal values) instead",
      regexHere: "the capture comes from this regex",
      setHere: "the variable is set from the request here",
    },
    fixable: false,
  },
  check({ project, report }) {
    for (const file of project.filesOf("nginx")) {
      const tree = nginxTree(file.ast);
      for (const d of tree.named("proxy_pass", "grpc_pass")) {
        const arg = d.args[0];
        if (!arg || !arg.value.includes("$")) continue;
        const value = arg.value;
        // the host part: after the scheme up to the first `/` (the whole value when a variable starts it)
        const scheme = /^(?:[a-z][a-z0-9+.-]*|\$\w+):\/\//i.exec(value);
        const hostStart = scheme ? scheme[0].length : 0;
        // `internal` locations are reached only through X-Accel-Redirect / error_page: the app chooses the URL
        if (tree.ancestors(d).some((a) => a.name === "location" && (a.block ?? []).some((x) => x.name === "internal"))) continue;
        const vars = variablesIn(value);
        const slash = value.indexOf("/", hostStart);
        // `$request_uri`, `$uri` start with "/": they end the host part
        const pathVar = vars.find((v) => v.start >= hostStart && PATH_VARIABLES.has(v.name));
        const hostEnd = Math.min(slash < 0 ? value.length : slash, pathVar ? pathVar.start : value.length);
        for (const v of vars) {
          if (v.start < hostStart || v.start >= hostEnd) continue;
          const atHostStart = v.start === hostStart;
          const finding = origin(tree, d, v, atHostStart);
          if (!finding) continue;
          const range = argSubrange(arg, v.start, v.end);
          report({ messageId: "ssrf", at: { file: file.source, ...range }, related: finding.related.map((r) => ({ ...r, at: { file: file.source, ...r.at } })), data: { origin: finding.origin } });
          break;
        }
      }
    }
  },
});

type Related = { at: { start: number; end: number }; messageId: string };

function origin(tree: NginxTree, d: NginxDirective, v: VariableRef, atHostStart: boolean): { origin: string | FixedText; related: Related[] } | undefined {
  if (userInput(v.name)) return { origin: fixed(`\`$${v.name}\`, which the client sends`, `客户端发送的 \`$${v.name}\``), related: [] };
  const copied = /^[1-9]$/.test(v.name) || isNamedCapture(tree, d, v.name) ? v.name : setFromCapture(tree, d, v.name);
  if (copied !== undefined && (/^[1-9]$/.test(copied) || isNamedCapture(tree, d, copied))) {
    const source = captureRegexFor(tree, d);
    if (!source) return undefined;
    const group = captureGroupFor(source.regex, copied);
    if (!group) return undefined;
    // at the start of the host any host can be named when the group takes a dot or a colon;
    // later in the host the value can still end the host part with `/`, `?`, `#` or `@`
    const chars = atHostStart ? [".", ":", "/", "@"] : ["/", "?", "#", "@"];
    if (!chars.some((c) => canMatchChar(group, c, source.regex))) return undefined;
    const text = copied === v.name
      ? fixed(`\`$${v.name}\`, a capture of the request path`, `\`$${v.name}\`，即请求路径的一个正则捕获`)
      : fixed(`\`$${v.name}\`, a copy of the capture \`$${copied}\` of the request path`, `\`$${v.name}\`，即请求路径的正则捕获 \`$${copied}\` 的副本`);
    return { origin: text, related: [{ at: { start: source.arg.start, end: source.arg.end }, messageId: "regexHere" }] };
  }
  // one level of `set $v <user input>` in the enclosing server
  const server = tree.ancestors(d).find((a) => a.name === "server");
  if (!server) return undefined;
  const sets = descendants(server).filter((x) => x.name === "set" && x.args[0]?.value === `$${v.name}`);
  if (sets.length === 0) return undefined;
  for (const s of sets) {
    const value = s.args[1]?.value ?? "";
    const refs = variablesIn(value);
    const first = refs[0];
    if (first && first.start === 0 && userInput(first.name)) {
      const text = fixed(`\`$${v.name}\`, set from \`$${first.name}\` which the client sends`, `\`$${v.name}\`，它由客户端发送的 \`$${first.name}\` 设置`);
      return { origin: text, related: [{ at: { start: s.start, end: s.end }, messageId: "setHere" }] };
    }
  }
  return undefined;
}

function isNamedCapture(tree: NginxTree, d: NginxDirective, name: string): boolean {
  const source = captureRegexFor(tree, d);
  return source !== undefined && captureGroupFor(source.regex, name) !== undefined;
}
