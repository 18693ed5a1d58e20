import { editDistance } from "../../src/knowledge/closest-name.js";
import { defineRule, fixed, type FixedText } from "../../src/engine/rule.js";
import { deref, isMap, isScalar, isSeq, mapPairs, nodeRange, pairKey, type YamlNode } from "../../src/parsers/compose/parse.js";
import type { ProjectFile } from "../../src/project/project.js";
import { COMPOSE_FILE, LEGACY_KEYS, type Shape } from "./compose-spec-keys.js";

export default defineRule({
  meta: {
    id: "compose-schema",
    description: "compose file keys and value kinds that the Compose Specification does not allow (typos, v1 layout, a list where a mapping belongs): docker compose refuses the whole file",
    severity: "error",
    category: "compose",
    files: ["compose"],
    messages: {
      unknownKey:
        "`{{key}}` is not allowed here: docker compose refuses to load the file (`{{path}} additional properties '{{key}}' not allowed`){{hint}}",
      legacyKey:
        "`{{key}}` belongs to the old v1/v2 file format and is not in the Compose Specification: current docker compose refuses the file (`{{path}} additional properties '{{key}}' not allowed`; older releases only warned); use {{replacement}}",
      badName:
        "`{{key}}` is not a valid name (letters, digits, `.`, `_`, `-` only): docker compose refuses to load the file (`{{path}} additional properties '{{key}}' not allowed`)",
      wrongKind:
        "`{{path}}` must be {{expected}}, not {{actual}}: docker compose refuses to load the file (`{{path}} must be {{expected}}`){{hint}}",
    },
    fixable: false,
  },
  check({ project, report }) {
    for (const file of project.filesOf("compose")) {
      const { doc, root } = file.ast;
      // YAML errors are reported by parse-error; the structure of a broken file is not worth a second error
      if (!root || file.ast.problems.length > 0 || doc.errors.length > 0) continue;
      const seen = new Set<string>();
      const at = (node: YamlNode | null | undefined): { file: ProjectFile["source"]; start: number; end: number } | undefined => {
        const r = nodeRange(node ?? undefined);
        return r ? { file: file.source, start: r.start, end: r.end } : undefined;
      };
      const once = (node: YamlNode | null | undefined): ReturnType<typeof at> => {
        const loc = at(node);
        if (!loc) return undefined;
        // a key brought in by an anchor (`<<: *common`) is reported once, where it is written
        const k = `${loc.start}:${loc.end}`;
        if (seen.has(k)) return undefined;
        seen.add(k);
        return loc;
      };

      const walk = (raw: unknown, shape: Shape, path: string, where: YamlNode | null | undefined): void => {
        if ((raw as { tag?: string } | null)?.tag === "!reset") return;
        const node = deref(doc, raw);
        if (!node) return;
        if (isScalar(node)) {
          if (node.value === null || node.value === undefined) return; // `key:` with nothing: not ours to judge
          if (shape.scalar) return;
          wrongKind(shape, "a single value", path, where ?? node);
          return;
        }
        if (isSeq(node)) {
          if (!shape.list) {
            wrongKind(shape, "a list", path, where ?? node);
            return;
          }
          if (shape.list === true) return;
          const itemShape = shape.list;
          node.items.forEach((item, i) => walk(item, itemShape, `${path}[${i}]`, deref(doc, item)));
          return;
        }
        if (isMap(node)) {
          if (!shape.map) {
            wrongKind(shape, "a mapping", path, where ?? node);
            return;
          }
          if (shape.map === true) return;
          const { keys, values, keyPattern } = shape.map;
          for (const pair of mapPairs(doc, node)) {
            const key = pairKey(pair);
            if (key === undefined || key.startsWith("x-")) continue;
            const keyNode = pair.key as YamlNode;
            const child = path === "" ? key : `${path}.${key}`;
            if (keys) {
              if (!Object.hasOwn(keys, key)) {
                const loc = once(keyNode);
                const value = deref(doc, pair.value);
                const looksLikeService = path === "" && isMap(value) && mapPairs(doc, value).some((p) => ["image", "build", "command", "ports"].includes(pairKey(p) ?? ""));
                // keys of the old file formats: older docker compose releases still took some of them with a warning
                const legacy = isServicePath(path) && Object.hasOwn(LEGACY_KEYS, key);
                if (!loc) continue;
                if (legacy) report({ messageId: "legacyKey", at: loc, severity: "warning", data: { key, path, replacement: fixed(LEGACY_KEYS[key]!, LEGACY_ZH[key]) } });
                else report({ messageId: "unknownKey", at: loc, data: { key, path: path === "" ? fixed("(root)") : path, hint: unknownHint(key, Object.keys(keys), looksLikeService) } });
                continue;
              }
              walk(pair.value, keys[key]!, child, keyNode);
            } else if (values) {
              if (keyPattern && !keyPattern.test(key)) {
                const loc = once(keyNode);
                if (loc) report({ messageId: "badName", at: loc, data: { key, path } });
                continue;
              }
              walk(pair.value, values, child, keyNode);
            }
          }
        }
      };

      const wrongKind = (shape: Shape, actual: string, path: string, where: YamlNode): void => {
        const loc = once(where);
        if (!loc) return;
        // list items of strings are strings; a key's scalar may also be a number or boolean (`privileged: true`)
        const scalarName = path.endsWith("]") || /\.(image|container_name|hostname|restart|network_mode|user|working_dir|platform|entrypoint|command|env_file|build|extends)$/.test(path) ? "a string" : "a single value";
        const kinds = [shape.scalar ? scalarName : "", shape.list ? "a list" : "", shape.map ? "a mapping" : ""].filter(Boolean);
        const expected = fixed(kinds.join(" or "), kinds.map((k) => KIND_ZH[k] ?? k).join("或"));
        report({ messageId: "wrongKind", at: loc, data: { path, expected, actual: fixed(actual, KIND_ZH[actual]), hint: kindHint(path, actual) } });
      };

      walk(root, COMPOSE_FILE, "", undefined);
    }
  },
});

/** The value kinds in Chinese (the English ones are docker compose's wording). */
const KIND_ZH: Record<string, string> = { "a string": "字符串", "a single value": "单个值", "a list": "列表", "a mapping": "映射" };

/** Chinese of the replacements in LEGACY_KEYS that are prose. */
const LEGACY_ZH: Record<string, string> = { volume_driver: "顶层 `volumes:` 下带 `driver:` 的命名数据卷" };

function unknownHint(key: string, allowed: string[], looksLikeService: boolean): FixedText {
  if (looksLikeService) {
    return fixed(
      "; services belong under `services:` (the v1 file format put them at the top level, docker compose v2 does not read it)",
      "；服务应该写在 `services:` 下面（v1 文件格式把它们放在顶层，docker compose v2 不读取这种格式）",
    );
  }
  const lower = key.toLowerCase();
  const near = allowed.filter((k) => (Math.abs(k.length - key.length) <= 2 && editDistance(k, lower) <= (key.length > 5 ? 2 : 1)) || (lower.length >= 4 && (k.startsWith(lower) || lower.startsWith(k)) && Math.abs(k.length - lower.length) <= 3));
  if (near.length > 0) return fixed(`; did you mean \`${near[0]}\`?`, `；是不是想写 \`${near[0]}\`？`);
  return fixed("; remove it or move it where it belongs", "；请删除它，或把它移到正确的位置");
}

function kindHint(path: string, actual: string): FixedText {
  if (/\.(environment|labels|args|annotations|sysctls)\[\d+\]$/.test(path) && actual === "a mapping") {
    return fixed("; a list item is `- KEY=value`, or drop the `-` to write a mapping `KEY: value`", "；列表项应写成 `- KEY=value`，或者去掉 `-`，写成映射 `KEY: value`");
  }
  if (/\.(ports|volumes|expose|cap_add|links|depends_on|profiles)$/.test(path) && actual === "a single value") {
    return fixed("; write each entry as a list item starting with `- `", "；请把每一项写成以 `- ` 开头的列表项");
  }
  return fixed("");
}


function isServicePath(path: string): boolean {
  return path.startsWith("services.") && !path.includes(".", "services.".length);
}
