import { defineRule, fixed, type FixedText } from "../../src/engine/rule.js";
import type { NginxArg, NginxDirective } from "../../src/parsers/nginx/ast.js";
import { canMatchChar } from "../../src/parsers/nginx/regex.js";
import { nginxTree } from "../../src/parsers/nginx/tree.js";
import { argSubrange, captureGroupFor, captureRegexFor, setFromCapture, variablesIn } from "../../src/parsers/nginx/variables.js";

/** Variables nginx fills with the URL-decoded path: `%0d%0a` arrives as CR LF. */
const DECODED = new Set(["uri", "document_uri"]);
const REDIRECT_CODES = new Set(["301", "302", "303", "307", "308"]);

interface Sink {
  arg: NginxArg;
  /** Goes into a request to the upstream (only LF matters) rather than a response header. */
  upstream: boolean;
  /** Captures are escaped here (rewrite) and cannot inject. */
  capturesSafe: boolean;
  what: FixedText;
}

const LOCATION_HEADER = fixed("the Location header", " Location 响应头");

/** Inside a location marked `internal` (walks the parent chain: no array per directive). */
function inInternalLocation(d: NginxDirective): boolean {
  for (let p = d.parent; p; p = p.parent) if (p.name === "location" && p.block?.some((x) => x.name === "internal")) return true;
  return false;
}

/** The directives sinkOf knows. */
const SINK_DIRECTIVES = ["return", "rewrite", "add_header", "proxy_set_header", "proxy_pass"];

function sinkOf(d: NginxDirective): Sink | undefined {
  const [a, b, c] = d.args;
  // no variable in any argument: nothing can inject (and no Sink to build for thousands of directives)
  if (!d.args.some((x) => x.value.includes("$"))) return undefined;
  switch (d.name) {
    case "return":
      if (a && b && REDIRECT_CODES.has(a.value)) return { arg: b, upstream: false, capturesSafe: false, what: LOCATION_HEADER };
      if (a && !b && /^(https?:\/\/|\$scheme)/.test(a.value)) return { arg: a, upstream: false, capturesSafe: false, what: LOCATION_HEADER };
      return undefined;
    case "rewrite":
      // captures of the rewrite's own regex are escaped in redirects; variables are copied as they are
      if (b && (c?.value === "redirect" || c?.value === "permanent" || /^(https?:\/\/|\$scheme)/.test(b.value))) return { arg: b, upstream: false, capturesSafe: true, what: LOCATION_HEADER };
      return undefined;
    case "add_header":
      return b ? { arg: b, upstream: false, capturesSafe: false, what: fixed(`the response header ${a?.value ?? ""}`, `响应头 ${a?.value ?? ""}`) } : undefined;
    case "proxy_set_header":
      return b ? { arg: b, upstream: true, capturesSafe: false, what: fixed(`the ${a?.value ?? ""} header sent to the upstream`, `发往上游的 ${a?.value ?? ""} 请求头`) } : undefined;
    case "proxy_pass":
      return a ? { arg: a, upstream: true, capturesSafe: false, what: fixed("the request line sent to the upstream", "发往上游的请求行") } : undefined;
    default:
      return undefined;
  }
}

export default defineRule({
  meta: {
    id: "http-splitting",
    description: "`$uri`, `$document_uri` or a regex capture that can hold CR/LF written into a response header, redirect or upstream request (HTTP response/request splitting)",
    severity: "error",
    category: "security",
    files: ["nginx"],
    messages: {
      decoded:
        "`${{variable}}` is the URL-decoded path, so a request for `/%0d%0aSet-Cookie:%20x=y` puts a line break into {{what}}: an attacker adds headers or a whole response (HTTP splitting); use `$request_uri` (kept encoded) instead",
      capture:
        "`${{variable}}`{{copy}} is captured by `{{regex}}`, whose group can match a {{char}} (the path is URL-decoded before matching), so `%0d%0a` in the URL puts a line break into {{what}} (HTTP splitting); capture with a class that excludes line breaks, e.g. `([^\\r\\n]*)`, or use `$request_uri`",
      regexHere: "the capture comes from this regex",
    },
    fixable: false,
  },
  check({ project, report }) {
    for (const file of project.filesOf("nginx")) {
      // Text checks first: a capture is used only as `$1`..`$9` or by the name of a named group,
      // and the decoded variables only as `$uri`/`$document_uri`: a file with neither is skipped.
      const text = file.source.text;
      const capturesPossible = /\$\{?[1-9]|\(\?(?:P?<|')[A-Za-z_]/.test(text);
      if (!capturesPossible && !/\$\{?(?:document_)?uri\b/.test(text)) continue;
      const tree = nginxTree(file.ast);
      for (const d of tree.named(...SINK_DIRECTIVES)) {
        const sink = sinkOf(d);
        if (!sink) continue;
        // `internal` locations are reached only through X-Accel-Redirect / error_page: the app chooses the URI
        if (inInternalLocation(d)) continue;
        // the regex whose captures apply here: looked up once per directive, for its first variable that may be a capture
        let source: ReturnType<typeof captureRegexFor> | null = null;
        for (const v of variablesIn(sink.arg.value)) {
          const range = argSubrange(sink.arg, v.start, v.end);
          if (DECODED.has(v.name)) {
            report({ messageId: "decoded", at: { file: file.source, ...range }, data: { variable: v.name, what: sink.what } });
            continue;
          }
          if (!capturesPossible || sink.capturesSafe || !/^[1-9]$|^[A-Za-z_]\w*$/.test(v.name)) continue;
          if (source === null) source = captureRegexFor(tree, d);
          if (!source) continue;
          // `set $p $2; ... $p` copies the capture
          const captureName = captureGroupFor(source.regex, v.name) ? v.name : setFromCapture(tree, d, v.name);
          const group = captureName === undefined ? undefined : captureGroupFor(source.regex, captureName);
          if (!group) continue;
          const lf = canMatchChar(group, "\n", source.regex);
          const cr = canMatchChar(group, "\r", source.regex);
          if (!lf && (sink.upstream || !cr)) continue;
          const regexArg = source.arg;
          report({
            messageId: "capture",
            severity: lf ? "error" : "warning",
            at: { file: file.source, ...range },
            related: [{ at: { file: file.source, start: regexArg.start, end: regexArg.end }, messageId: "regexHere" }],
            data: {
              variable: v.name,
              copy: captureName === v.name ? fixed("") : fixed(` (a copy of \`$${captureName}\`)`, `（\`$${captureName}\` 的副本）`),
              regex: regexArg.value,
              char: lf ? fixed("line feed", "换行符（LF）") : fixed("carriage return", "回车符（CR）"),
              what: sink.what,
            },
          });
        }
      }
    }
  },
});
