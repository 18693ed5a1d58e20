import { describe, expect, it } from "vitest";
import { parseImageRef } from "../../src/model/image-ref.js";
import { globMatch, nginxTagAtLeast } from "../../src/model/nginx-instance.js";
import { parseNginx } from "../../src/parsers/nginx/parse.js";
import { alternativeAnchors, canMatchChar, capturingGroups, domainDots, parseNginxRegex } from "../../src/parsers/nginx/regex.js";
import { defaultServers, listenAddresses, locationMatch, nginxTree } from "../../src/parsers/nginx/tree.js";
import { captureRegexFor, ifRegexCondition, setFromCapture, variablesIn } from "../../src/parsers/nginx/variables.js";
import { createSourceFile } from "../../src/source/source-file.js";

const conf = (text: string) => parseNginx(createSourceFile("/virtual/nginx.conf", text));
const loc = { file: createSourceFile("/virtual/compose.yml", ""), start: 0, end: 0 };

describe("nginx regexes through regexpp", () => {
  it("refuses PCRE-only syntax instead of misreading it", () => {
    for (const p of ["\\Aadmin", "x\\z", "\\Qa.b\\E", "[[:alpha:]]+", "[]a]", "(?>a)", "a++", "(*UTF)a", "(?x) a", "a(?i)b", "\\h", "\\p{L}"]) {
      expect(parseNginxRegex(p), p).toBeUndefined();
    }
  });
  it("keeps a leading (?i)/(?s) and Python-style named groups", () => {
    const re = parseNginxRegex("(?i)^/(?P<name>[a-z]+)$")!;
    expect(re.caseInsensitive).toBe(true);
    expect(capturingGroups(re).map((g) => g.name)).toEqual(["name"]);
    expect(parseNginxRegex("(?s)^/(.*)$")!.dotAll).toBe(true);
  });
  it("knows which characters a group can consume (PCRE's dot takes CR, not LF)", () => {
    const re = parseNginxRegex("^/a/(.*)/([^/]+)/(\\w+)/(\\s)$")!;
    const [dot, cls, word, space] = capturingGroups(re);
    expect([canMatchChar(dot!, "\n", re), canMatchChar(dot!, "\r", re)]).toEqual([false, true]);
    expect([canMatchChar(cls!, "\n", re), canMatchChar(cls!, "/", re)]).toEqual([true, false]);
    expect(canMatchChar(word!, "\n", re)).toBe(false);
    expect(canMatchChar(space!, "\n", re)).toBe(true);
    expect(canMatchChar(capturingGroups(parseNginxRegex("^/(A-Z)$", true)!)[0]!, "a", parseNginxRegex("^/(A-Z)$", true)!)).toBe(true);
  });
  it("anchoring per branch, through groups", () => {
    const anchors = (p: string) => alternativeAnchors(parseNginxRegex(p)!).map((a) => `${a.start ? "^" : ""}${a.end ? "$" : ""}`);
    expect(anchors("^/foo|/bar")).toEqual(["^", ""]);
    expect(anchors("(^https://a\\.com$|^https://b\\.com$)")).toEqual(["^$"]);
    expect(anchors("\\.php$")).toEqual(["$"]);
  });
  it("finds unescaped dots inside domain names only", () => {
    expect(domainDots(parseNginxRegex("^https://www.example\\.com$")!).length).toBe(1);
    expect(domainDots(parseNginxRegex("^https://(www.)?example\\.com$")!).length).toBe(1);
    expect(domainDots(parseNginxRegex("^https://.*\\.example\\.com$")!).length).toBe(0);
  });
});

describe("nginx directive helpers", () => {
  it("variables the way ngx_http_script_compile reads them", () => {
    expect(variablesIn("http://$host$1${arg_x}0$10").map((v) => v.name)).toEqual(["host", "1", "arg_x", "1"]);
  });
  it("if conditions with and without spaces around the parentheses", () => {
    const [a, b, c] = conf('if ($http_origin ~* ^https://a$) {}\nif ( $http_referer !~ "^x" ) {}\nif ($x) {}\n').directives;
    expect(ifRegexCondition(a!)).toMatchObject({ variable: "http_origin", operator: "~*", regex: "^https://a$" });
    expect(ifRegexCondition(b!)).toMatchObject({ variable: "http_referer", operator: "!~", regex: "^x" });
    expect(ifRegexCondition(c!)).toBeUndefined();
  });
  it("location modifiers, also written without a space", () => {
    const [a, b, c] = conf("location ~^/x {}\nlocation ^~ /s {}\nlocation = / {}\n").directives;
    expect([locationMatch(a!), locationMatch(b!), locationMatch(c!)].map((m) => `${m!.modifier} ${m!.path}`)).toEqual(["~ ^/x", "^~ /s", "= /"]);
  });
  it("captures come from the innermost regex location or if, unless something rematches", () => {
    const cfg = conf("location ~ ^/a/(.+)$ {\n  set $p $1;\n  return 302 /$p;\n}\nlocation ~ ^/b/(.+)$ {\n  rewrite ^/b/(.*)$ /c/$1;\n  return 302 /$1;\n}\n");
    const tree = nginxTree(cfg);
    const [ret1, ret2] = tree.directives.filter((d) => d.name === "return");
    expect(captureRegexFor(tree, ret1!)?.arg.value).toBe("^/a/(.+)$");
    expect(setFromCapture(tree, ret1!, "p")).toBe("1");
    expect(captureRegexFor(tree, ret2!)).toBeUndefined();
  });
  it("listen addresses and default servers", () => {
    const servers = conf("server { listen 80; }\nserver { listen *:80 default_server; }\nserver { }\nserver { listen [::]:8080; }\n").directives;
    expect(servers.map((s) => listenAddresses(s)!.map((l) => l.address).join(","))).toEqual(["0.0.0.0:80", "0.0.0.0:80", "0.0.0.0:80", "[::]:8080"]);
    expect(defaultServers(servers).get("0.0.0.0:80")).toBe(servers[1]);
    expect(listenAddresses(conf("server { listen ${PORT}; }").directives[0]!)).toBeUndefined();
  });
});

describe("nginx images and includes", () => {
  it("image tags name the newest release of their series", () => {
    const at = (ref: string) => nginxTagAtLeast(parseImageRef(ref, loc), [1, 25, 1]);
    expect(["nginx", "nginx:latest", "nginx:1.25", "nginx:1.25.1-alpine", "nginx:1", "nginx:stable-alpine", "nginx:mainline", "nginx:alpine"].map(at)).toEqual(Array(8).fill("yes"));
    expect(["nginx:1.25.0", "nginx:1.24-alpine", "nginx:1.19"].map(at)).toEqual(["no", "no", "no"]);
    expect(["nginx:${TAG}", "nginx@sha256:abc", "nginx:custom"].map(at)).toEqual(["unknown", "unknown", "unknown"]);
  });
  it("glob(3) matching of include patterns", () => {
    expect(globMatch("*.conf", "app.conf")).toBe(true);
    expect(globMatch("*.conf", ".hidden.conf")).toBe(false);
    expect(globMatch("*.conf", "app.conf.bak")).toBe(false);
    expect(globMatch("site-[a-c]?.conf", "site-b1.conf")).toBe(true);
    expect(globMatch("*", "default")).toBe(true);
  });
});

describe("nginxTree: parent pointers and the per-name index", () => {
  const text = [
    "http {",
    "  map $uri $x { default 1; server 2; }",
    "  server {",
    "    listen 80;",
    "    location / { proxy_pass http://a; { listen 81; } }",
    "    add_header X-A 1;",
    "  }",
    "  server { listen 82; }",
    "}",
  ].join("\n");
  const ast = conf(text);
  const tree = nginxTree(ast);
  const http = ast.directives[0]!;
  const map = http.block![0]!;
  const [server1, server2] = tree.named("server");

  it("named(): the directives of that name outside data blocks, in source order", () => {
    expect(tree.named("server")).toHaveLength(2); // the map entry `server 2` is data, not a directive
    expect(tree.named("listen").map((d) => d.args[0]!.value)).toEqual(["80", "81", "82"]);
    expect(tree.named("nope")).toEqual([]);
    const mixed = tree.named("add_header", "listen", "proxy_pass").map((d) => d.name);
    expect(mixed).toEqual(["listen", "proxy_pass", "listen", "add_header", "listen"]);
    expect(tree.named("listen", "nope")).toBe(tree.named("listen"));
    expect([...tree.names()].sort()).toEqual(["add_header", "http", "listen", "location", "map", "proxy_pass", "server"]);
  });

  it("parent(): the enclosing block (a nameless `{` adds to its block), data entries point at their data block", () => {
    const nested81 = tree.named("listen")[1]!;
    const location = tree.named("location")[0]!;
    expect(tree.parent(nested81)).toBe(location);
    expect(tree.ancestors(nested81)).toEqual([location, server1, http]);
    expect(tree.parent(http)).toBeUndefined();
    expect(tree.parent(server2!)).toBe(http);
    expect(map.block![0]!.parent).toBe(map);
  });

  it("isHttpLevel(): directly in http {}, whether written there or in a file included there", async () => {
    const { isHttpLevel } = await import("../../src/parsers/nginx/tree.js");
    expect(isHttpLevel([], server1!.context)).toBe(true);
    expect(isHttpLevel(["http"], [])).toBe(true);
    expect(isHttpLevel(["http"], ["http"])).toBe(false);
    expect(isHttpLevel([], [])).toBe(false);
    expect(isHttpLevel(["stream"], [])).toBe(false);
  });

  it("listenAddresses() is computed once per server block", () => {
    expect(listenAddresses(server2!)).toBe(listenAddresses(server2!));
    expect(listenAddresses(server2!)?.map((l) => l.address)).toEqual(["0.0.0.0:82"]);
  });
});
