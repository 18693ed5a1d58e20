import type { AST } from "@eslint-community/regexpp";
import { defineRule, fixed } from "../../src/engine/rule.js";
import type { SourceFile } from "../../src/source/source-file.js";
import { alternativeAnchors, domainDots, parseNginxRegex } from "../../src/parsers/nginx/regex.js";
import { locationMatch, nginxTree } from "../../src/parsers/nginx/tree.js";
import { ifRegexCondition } from "../../src/parsers/nginx/variables.js";

/** Request headers whose regex check is a security decision (CORS, anti-hotlinking, CSRF-style checks). */
const CHECKED_HEADERS: Record<string, string> = { http_origin: "Origin", http_referer: "Referer" };

export default defineRule({
  meta: {
    id: "unanchored-regex",
    description: "Origin/Referer regex checks (`if`, `map`, `valid_referers`) that are unanchored or leave a dot in a domain unescaped, and regex locations anchored at neither end",
    severity: "warning",
    category: "security",
    files: ["nginx"],
    messages: {
      unanchoredStart:
        "this {{header}} check `{{regex}}` is not anchored at the start (`^`): a value that merely contains an allowed URL somewhere (`https://evil.example/?https://allowed...`) passes too; start the pattern with `^{{start}}`",
      unanchoredEnd:
        "this {{header}} check `{{regex}}` does not end the host with `$` or `/`: a host that merely starts with an allowed name (`allowed.example.evil.example`, registered by anyone) passes too; end the pattern with {{end}}",
      dot:
        "the `.` after `{{before}}` in `{{regex}}` is not escaped and matches any character: the {{header}} check also accepts look-alike domains that anyone can register (`x` instead of the dot); write `\\.`",
      location:
        "`location {{modifier}} {{regex}}` is anchored at neither end: it matches `{{regex}}` anywhere in the URI, not only where you expect it (and regex locations win over prefix locations); anchor it with `^` and/or `$`",
    },
    fixable: false,
  },
  check({ project, report }) {
    const looseLocations = new Map<string, boolean>();
    for (const file of project.filesOf("nginx")) {
      const src = file.source;
      for (const d of nginxTree(file.ast).named("if", "valid_referers", "map", "location")) {
        if (d.name === "if") {
          const cond = ifRegexCondition(d);
          const header = cond && CHECKED_HEADERS[cond.variable.toLowerCase()];
          if (!cond || !header) continue;
          checkHeaderRegex(src, cond.regex, cond.caseInsensitive, header, { start: cond.regexArg.start, end: cond.regexArg.end }, "url", report);
        } else if (d.name === "valid_referers") {
          for (const a of d.args) {
            if (!a.value.startsWith("~")) continue;
            // nginx matches these case-insensitively against the Referer without its `http://`/`https://`
            checkHeaderRegex(src, a.value.slice(1), true, "Referer", { start: a.start, end: a.end }, "host", report);
          }
        } else if (d.name === "map" && d.block) {
          const header = CHECKED_HEADERS[(d.args[0]?.value ?? "").replace(/^\$/, "").toLowerCase()];
          if (!header) continue;
          for (const entry of d.block) {
            const key = entry.name;
            if (!key.startsWith("~")) continue;
            const ci = key.startsWith("~*");
            checkHeaderRegex(src, key.slice(ci ? 2 : 1), ci, header, { start: entry.nameRange.start, end: entry.nameRange.end }, "url", report);
          }
        } else if (d.name === "location") {
          const loc = locationMatch(d);
          if (!loc || (loc.modifier !== "~" && loc.modifier !== "~*")) continue;
          // configs repeat the same regex location thousands of times: judged once per pattern
          const key = `${loc.modifier} ${loc.path}`;
          let loose = looseLocations.get(key);
          if (loose === undefined) {
            const re = parseNginxRegex(loc.path, loc.modifier === "~*");
            loose = re !== undefined && alternativeAnchors(re).some((a) => !a.start && !a.end && !dotfileIdiom(a.alternative));
            looseLocations.set(key, loose);
          }
          if (!loose) continue;
          report({
            messageId: "location",
            at: { file: src, start: loc.pathArg.start, end: loc.pathArg.end },
            data: { modifier: loc.modifier, regex: loc.path },
          });
        }
      }
    }
  },
});

type Report = Parameters<Parameters<typeof defineRule>[0]["check"]>[0]["report"];

/**
 * `subject` "url": the header holds `scheme://host...` (Origin, Referer in `if`/`map`);
 * "host": `valid_referers` strips the scheme first.
 */
function checkHeaderRegex(
  file: SourceFile, source: string, caseInsensitive: boolean, header: string, at: { start: number; end: number }, subject: "url" | "host", report: Report,
): void {
  const re = parseNginxRegex(source, caseInsensitive);
  if (!re) return;
  const anchors = alternativeAnchors(re);
  const data = {
    header: fixed(header), regex: source, before: "",
    start: fixed(subject === "host" ? "" : "https?://"), end: header === "Origin" ? fixed("`$`", " `$` ") : fixed("`/` after the domain (or `$`)", "域名后的 `/`（或 `$`）"),
  };
  if (anchors.some((a) => !a.start)) {
    report({ messageId: "unanchoredStart", at: { file, ...at }, data });
    return;
  }
  if (anchors.some((a) => !terminated(a.alternative))) {
    report({ messageId: "unanchoredEnd", at: { file, ...at }, data });
    return;
  }
  const dots = domainDots(re);
  if (dots.length > 0) {
    const dot = dots[0]!;
    const alt = dot.parent.type === "Alternative" ? dot.parent : undefined;
    const before = alt ? alt.raw.slice(0, dot.start - alt.start) : "";
    report({ messageId: "dot", at: { file, ...at }, data: { ...data, before: before.slice(-30) } });
  }
}

/** Ends with `$`, or with a `/` after the host (only optional parts after it). */
function terminated(alt: AST.Alternative): boolean {
  for (let i = alt.elements.length - 1; i >= 0; i--) {
    const e = alt.elements[i]!;
    if (e.type === "Quantifier" && e.min === 0) continue;
    if (e.type === "Assertion") {
      if (e.kind === "end") return true;
      if (e.kind === "lookahead" || e.kind === "lookbehind" || e.kind === "word") continue;
      return false;
    }
    if (e.type === "Character") return e.value === 0x2f; // "/"
    const group = e.type === "Quantifier" ? e.element : e;
    if (group.type === "Group" || group.type === "CapturingGroup") return group.alternatives.every(terminated);
    return false;
  }
  return false;
}

/** `location ~ /\.`, `~ /\.ht`, `~ (^|/)\.`: a dotfile match meant to apply in every directory. */
function dotfileIdiom(alt: AST.Alternative): boolean {
  const [a, b] = alt.elements;
  const isDot = (e: AST.Element | undefined): boolean => e?.type === "Character" && e.value === 0x2e;
  if (a?.type === "Character" && a.value === 0x2f) return isDot(b);
  if (a?.type === "Group" || a?.type === "CapturingGroup") {
    const segmentStart = a.alternatives.every((x) => {
      const only = x.elements.length === 1 ? x.elements[0]! : undefined;
      return only !== undefined && ((only.type === "Assertion" && only.kind === "start") || (only.type === "Character" && only.value === 0x2f));
    });
    return segmentStart && isDot(b);
  }
  return false;
}
