import { defineRule, fixed } from "../../src/engine/rule.js";
import { lookupRedisDirective } from "../../src/knowledge/redis-options.js";
import type { RedisArg, RedisDirective } from "../../src/parsers/redis/ast.js";
import { lineRange, positionAt } from "../../src/source/source-file.js";

/**
 * Directives whose arguments may legitimately start with `#`: ACL rules (`#<sha256>` is a
 * hashed password), module arguments, sentinel commands. Left alone.
 */
const FREE_FORM = new Set(["user", "loadmodule", "sentinel"]);

export default defineRule({
  meta: {
    id: "redis-inline-comment",
    description: "`# comment` after a redis.conf value: redis has no inline comments, the words become arguments and the server refuses to start",
    severity: "error",
    category: "redis",
    files: ["redis"],
    messages: {
      args:
        "redis has no inline comments: `{{comment}}` becomes {{count}} more argument(s) of `{{name}}`, and redis-server refuses to start (Redis 7.0: \"*** FATAL CONFIG FILE ERROR ***\", \">>> '{{line}}'\", \"{{reason}}\"); put the comment on its own line",
      bind:
        "redis has no inline comments: `{{comment}}` is read as more addresses to bind, and redis-server exits at start (Redis 7.0: \"Could not create server TCP listening socket #:6379: Name or service not known\", \"Failed listening on port 6379 (TCP), aborting.\"); put the comment on its own line",
    },
    fixable: true,
  },
  check({ project, report }) {
    for (const file of project.filesOf("redis")) {
      const text = file.source.text;
      for (const d of file.ast.directives) {
        if (FREE_FORM.has(d.name)) continue;
        const at = commentStart(d);
        if (at === undefined) continue;
        const first = d.args[at]!;
        const comment = text.slice(first.start, d.end);
        const kept = at;
        const known = lookupRedisDirective(d.name);
        // The fix must leave a line redis accepts: a one-value directive needs its value.
        const exact = kept >= 1 && (known?.args === "1" ? kept === 1 : known?.args === "2" ? kept === 2 : true);
        const line = lineRange(file.source, positionAt(file.source, d.start).line);
        const indent = /^[ \t]*/.exec(text.slice(line.start, line.end))?.[0] ?? "";
        const eol = file.source.lineEndings === "crlf" ? "\r\n" : "\n";
        let cut = first.start;
        while (cut > d.start && /[ \t]/.test(text[cut - 1]!)) cut--;
        const fix = exact
          ? {
              safe: true,
              edits: [
                { file: file.source, start: line.start, end: line.start, text: `${indent}${comment}${eol}` },
                { file: file.source, start: cut, end: d.end, text: "" },
              ],
            }
          : undefined;
        const base = { at: { file: file.source, start: first.start, end: d.end }, ...(fix ? { fix } : {}) };
        if (d.name === "bind") {
          report({ ...base, messageId: "bind", data: { comment } });
        } else {
          report({
            ...base,
            messageId: "args",
            data: { comment, name: d.name, count: d.args.length - at, line: text.slice(d.start, d.end), reason: fixed(reason(d.name, known)) },
          });
        }
      }
    }
  },
});

/** Index of the argument where an inline comment starts, if any. */
function commentStart(d: RedisDirective): number | undefined {
  const isComment = (a: RedisArg): boolean => !a.quoted && a.raw.startsWith("#");
  for (let i = 0; i < d.args.length; i++) {
    const a = d.args[i]!;
    if (!isComment(a)) continue;
    // `requirepass #secret`: a lone first value starting with `#` is a value, not a comment
    if (i === 0 && d.args.length === 1) return undefined;
    return i;
  }
  return undefined;
}

/** The FATAL reason redis 7.0 prints for the extra arguments (each from a real start: see README). */
function reason(name: string, known: ReturnType<typeof lookupRedisDirective>): string {
  if (!known || known.fileOnly) return "Bad directive or wrong number of arguments";
  switch (known.name) {
    case "save": return "Invalid save parameters";
    case "client-output-buffer-limit": return "Wrong number of arguments in buffer limit configuration.";
    case "latency-tracking-info-percentiles": return "Invalid latency-tracking-info-percentiles parameters";
    case "shutdown-on-sigint":
    case "shutdown-on-sigterm": return `argument(s) must be one of the following: ${known.enumValues.join(", ")}`;
    default: return name === "bind" ? "" : "wrong number of arguments";
  }
}
