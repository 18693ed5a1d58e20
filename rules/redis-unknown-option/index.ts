import { defineRule, fixed, type RelatedDescriptor } from "../../src/engine/rule.js";
import { readingZh, redisNoteZh } from "../../src/i18n/phrases.js";
import { closestName } from "../../src/knowledge/closest-name.js";
import { REDIS_DIRECTIVE_NAMES, REDIS_LEGACY_DIRECTIVES, REDIS_VERSION, lookupRedisDirective } from "../../src/knowledge/redis-options.js";
import { redisServerVersion, type RedisServerVersion } from "../../src/model/image/versions.js";
import type { Loc } from "../../src/model/types.js";
import type { ProjectFile } from "../../src/project/project.js";

/**
 * Parameters redis 7.0 accepts in redis.conf but hides from `CONFIG GET *` (HIDDEN_CONFIG in
 * config.c), so the generated table does not list them. Each started a real redis-server 7.0.15
 * (README "How it was checked").
 */
const HIDDEN_ACCEPTED = new Set(["use-exit-on-panic", "rdb-key-save-delay", "key-load-delay", "watchdog-period", "loading-process-events-interval-bytes"]);

/**
 * How the knowledge data (redis 7.0) applies to the redis that reads the file:
 * exact: 7.0 itself; older: 2.x-6.x (the data says nothing about what they removed or renamed);
 * newer: 7.2+/8.x/valkey (they may have added names and values); unknown: no image known.
 */
type Judgement = "exact" | "older" | "newer" | "unknown";

interface Reader {
  judgement: Judgement;
  version: RedisServerVersion | undefined;
  imageLoc: Loc | undefined;
}

const DATA_MAJOR = Number(REDIS_VERSION.split(".")[0]);
const DATA_MINOR = Number(REDIS_VERSION.split(".")[1]);

export default defineRule({
  meta: {
    id: "redis-unknown-option",
    description: "a redis.conf directive or value the image's redis-server rejects at start (unknown or removed name, wrong argument count, invalid yes/no or enum value)",
    severity: "error",
    category: "redis",
    files: ["redis", "compose", "dockerfile"],
    messages: {
      unknown:
        "`{{name}}` is not a redis directive{{suggestion}}: redis-server refuses to start (Redis 7.0: \"*** FATAL CONFIG FILE ERROR ***\", \">>> '{{line}}'\", \"Bad directive or wrong number of arguments\"){{reading}}",
      removed:
        "`{{name}}` no longer exists ({{note}}): Redis 7.0 refuses to start with \"Bad directive or wrong number of arguments\"{{reading}}; {{remedy}}",
      ignored:
        "`{{name}}` is accepted but ignored by Redis 7 ({{note}}), so this line has no effect{{reading}}; {{remedy}}",
      renamed:
        "`{{name}}` is the old name of `{{current}}` ({{note}}); redis still accepts it, but new documentation and `CONFIG GET` only use `{{current}}`",
      argCount:
        "`{{name}}` takes exactly {{expected}}, this line gives {{given}}: redis-server refuses to start (Redis 7.0: \">>> '{{line}}'\", \"wrong number of arguments\"); quote a value that contains spaces",
      badBool:
        "`{{name}} {{value}}`: redis accepts only yes or no here, and refuses to start (Redis 7.0: \">>> '{{line}}'\", \"argument must be 'yes' or 'no'\"){{reading}}",
      badEnum:
        "`{{value}}` is not a valid `{{name}}`: redis-server refuses to start (Redis 7.0: \">>> '{{line}}'\", \"argument(s) must be one of the following: {{values}}\"){{reading}}",
      image: "the image that runs redis-server with this file",
    },
    fixable: false,
  },
  check({ project, model, report }) {
    const readers = new Map<ProjectFile, Reader[]>();
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        const image = service.image ?? service.build?.image?.base;
        const version = redisServerVersion(image);
        for (const f of service.configFiles) {
          if (f.kind !== "redis") continue;
          const list = readers.get(f) ?? [];
          list.push({ judgement: judge(version), version, imageLoc: image?.loc });
          readers.set(f, list);
        }
      }
    }
    for (const file of project.filesOf("redis")) {
      const reader = combine(readers.get(file) ?? []);
      const j = reader.judgement;
      const related: RelatedDescriptor[] = reader.imageLoc ? [{ at: reader.imageLoc, messageId: "image" }] : [];
      const reading = reader.version ? fixed(` (${reader.version.reading})`, `（${readingZh(reader.version.reading)}）`) : fixed("");
      const text = file.source.text;
      for (const d of file.ast.directives) {
        const line = text.slice(d.start, d.end);
        const nameAt: Loc = { file: file.source, start: d.nameRange.start, end: d.nameRange.end };
        // `sentinel ...` is valid in a sentinel config; redis-sentinel reads those files.
        if (d.name === "sentinel" || HIDDEN_ACCEPTED.has(d.name)) continue;
        const known = lookupRedisDirective(d.name);
        if (!known) {
          const legacy = REDIS_LEGACY_DIRECTIVES.find((l) => l.name === d.name);
          if (legacy) {
            if (j === "older" || j === "unknown" || legacy.status === "alias") continue;
            const remedy = legacy.replacement
              ? fixed(`use \`${legacy.replacement}\` instead`, `请改用 \`${legacy.replacement}\``)
              : fixed("remove the line", "请删除这一行");
            report({
              messageId: legacy.status === "fatal" ? "removed" : "ignored",
              severity: legacy.status === "fatal" ? "error" : "warning",
              at: nameAt,
              related,
              data: { name: d.name, note: fixed(legacy.note, redisNoteZh(legacy.note)), reading, remedy },
            });
            continue;
          }
          // Only 7.0 itself is known well enough to call any other name unknown. An older
          // server (2.x-6.x) knows no name that 7.0 lacks except removed ones, so a near miss of
          // a 7.0 name is a typo there too. Newer servers added names that look like typos of
          // 7.0 ones (`set-max-listpack-entries`, 7.2): nothing is claimed for them.
          if (j === "newer" || j === "unknown") continue;
          const suggestion = closestName(d.name, REDIS_DIRECTIVE_NAMES.keys());
          if (j === "older" && suggestion === undefined) continue;
          report({
            messageId: "unknown",
            at: nameAt,
            related,
            data: { name: d.name, suggestion: suggestion ? fixed(` (did you mean \`${suggestion}\`?)`, `（是不是想写 \`${suggestion}\`？）`) : fixed(""), line, reading },
          });
          continue;
        }
        if (known.name !== d.name && (j === "exact" || j === "newer")) {
          const legacy = REDIS_LEGACY_DIRECTIVES.find((l) => l.name === d.name);
          report({
            messageId: "renamed",
            severity: "info",
            at: nameAt,
            data: { name: d.name, current: known.name, note: fixed(legacy?.note ?? `an alias in redis ${REDIS_VERSION}`, redisNoteZh(legacy?.note ?? `an alias in redis ${REDIS_VERSION}`)) },
          });
        }
        // extra words starting with `#` are redis-inline-comment's finding
        const args = d.args;
        if (args.some((a) => !a.quoted && a.raw.startsWith("#"))) continue;
        if ((known.args === "1" && args.length !== 1) || (known.args === "2" && args.length !== 2)) {
          const n = known.args === "1" ? 1 : 2;
          report({
            messageId: "argCount",
            at: args.length > n ? { file: file.source, start: args[n]!.start, end: d.end } : nameAt,
            data: { name: d.name, expected: n === 1 ? fixed("one value", "一个值") : fixed("two values", "两个值"), given: fixed(String(args.length)), line },
          });
          continue;
        }
        if (known.kind === "bool" && args.length === 1) {
          const v = args[0]!;
          if (!/^(yes|no)$/i.test(v.value) && !v.value.includes("$")) {
            report({ messageId: "badBool", at: { file: file.source, start: v.start, end: v.end }, related, data: { name: d.name, value: v.value, line, reading } });
          }
        } else if (known.kind === "enum" && known.enumValues.length > 0) {
          for (const v of args) {
            if (known.enumValues.some((e) => e.toLowerCase() === v.value.toLowerCase()) || v.value.includes("$")) continue;
            report({
              messageId: "badEnum",
              // newer servers may have added values (loglevel `nothing` in 7.2)
              severity: j === "newer" || j === "unknown" ? "warning" : "error",
              at: { file: file.source, start: v.start, end: v.end },
              related,
              data: { name: d.name, value: v.value, line, values: fixed(known.enumValues.join(", ")), reading },
            });
            break;
          }
        }
      }
    }
  },
});

function judge(v: RedisServerVersion | undefined): Judgement {
  if (!v) return "unknown";
  if (v.major < DATA_MAJOR) return "older";
  if (v.major === DATA_MAJOR && v.minor === DATA_MINOR) return "exact";
  return "newer";
}

/** Several services may read one file: judge by the most permissive of them. */
function combine(readers: Reader[]): Reader {
  for (const j of ["older", "unknown", "newer", "exact"] as const) {
    const r = readers.find((x) => x.judgement === j);
    if (r) return r;
  }
  return { judgement: "unknown", version: undefined, imageLoc: undefined };
}
