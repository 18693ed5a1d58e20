import { posix } from "node:path";
import { defineRule, fixed, type Fix } from "../../src/engine/rule.js";
import { mapPairs, nodeRange, pairKey, seqItems, scalarText, type YamlNode } from "../../src/parsers/compose/parse.js";
import type { Stack } from "../../src/model/stack.js";
import type { Service } from "../../src/model/types.js";

export default defineRule({
  meta: {
    id: "links-legacy",
    description: "`links:` / `external_links:` / `docker run --link`: a legacy feature; a user-defined network replaces it",
    severity: "warning",
    category: "compose",
    files: ["compose", "shell"],
    messages: {
      composeLinks:
        "`{{key}}` is a legacy Docker feature: services on a shared network already reach each other by service name; declare a network (or use the default one) and remove the link",
      dockerRunLink:
        "`docker run --link` is a legacy Docker feature (no longer maintained, may be removed): create a network (`docker network create app`) and start both containers with `--network app`; they reach each other by container name",
    },
    fixable: true,
  },
  check({ model, project, report }) {
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        // `docker run --link` is reported from the script below, with its own advice
        if (service.origin !== "compose") continue;
        const fix = dependsOnFix(stack, service);
        for (const link of service.links) {
          report({ messageId: "composeLinks", at: link.loc, data: { key: fixed(link.external ? "external_links" : "links") }, ...(fix && !link.external ? { fix } : {}) });
        }
      }
    }
    for (const file of project.filesOf("shell")) {
      for (const command of file.ast.commands) {
        const words = command.words;
        if (words.length < 3 || posix.basename(words[0]!.value) !== "docker") continue;
        const sub = words.findIndex((w, i) => i > 0 && !w.value.startsWith("-"));
        if (sub < 0 || !["run", "create"].includes(words[sub]!.value) && !(words[sub]!.value === "container" && ["run", "create"].includes(words[sub + 1]?.value ?? ""))) continue;
        for (let i = sub + 1; i < words.length; i++) {
          const w = words[i]!;
          if (w.value === "--link" || w.value.startsWith("--link=")) {
            const end = w.value === "--link" && words[i + 1] ? words[i + 1]!.end : w.end;
            report({ messageId: "dockerRunLink", at: { file: file.source, start: w.start, end } });
          }
        }
      }
    }
  },
});

/**
 * The trivial case: `links: [db]` without aliases, to services the service
 * already reaches by name on a shared network. There the link only adds a
 * start order, which `depends_on` keeps: renaming the key changes nothing else.
 */
function dependsOnFix(stack: Stack, service: Service): Fix | undefined {
  if (service.links.length === 0 || service.links.some((l) => l.external || l.alias !== undefined)) return undefined;
  const file = stack.composeFiles.find((f) => f.source === service.loc.file);
  if (!file) return undefined;
  const { doc, root } = file.ast;
  const services = mapPairs(doc, root).find((p) => pairKey(p) === "services");
  const pair = mapPairs(doc, services?.value).find((p) => pairKey(p) === service.name);
  const keys = mapPairs(doc, pair?.value);
  if (keys.some((p) => pairKey(p) === "depends_on")) return undefined;
  const linksPair = keys.find((p) => pairKey(p) === "links");
  if (!linksPair) return undefined;
  // every link of the service must be written in this one `links:` list
  if (seqItems(doc, linksPair.value).length !== service.links.length) return undefined;
  for (const link of service.links) {
    const target = stack.service(link.target);
    if (!target || target === service) return undefined;
    const shared = stack.networksOf(service).filter((n) => n !== "bridge" && stack.networksOf(target).includes(n));
    if (shared.length === 0) return undefined;
  }
  const keyRange = nodeRange(linksPair.key as YamlNode);
  if (!keyRange || scalarText(doc, linksPair.key) !== "links" || file.source.text.slice(keyRange.start, keyRange.end) !== "links") return undefined;
  return { safe: true, edits: [{ file: file.source, start: keyRange.start, end: keyRange.end, text: "depends_on" }] };
}
