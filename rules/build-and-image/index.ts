import { defineRule } from "../../src/engine/rule.js";
import { deref, isScalar, mapGet, mapPairs, nodeRange, pairKey, scalarText, type YamlNode } from "../../src/parsers/compose/parse.js";

export default defineRule({
  meta: {
    id: "build-and-image",
    description: "a service with both `build:` and `image:` (the image name becomes the build's tag, but pull and up treat it as a registry image too)",
    severity: "info",
    category: "compose",
    files: ["compose"],
    messages: {
      both:
        "service \"{{service}}\" has both `build:` and `image: {{image}}`: compose tags the built image `{{image}}`, but `docker compose up` reuses any local image of that name instead of rebuilding (until `--build`), and `docker compose pull` fetches `{{image}}` from the registry over your build; fine when the image name is meant as the build's tag for a registry push, otherwise keep only one of the two",
    },
    fixable: false,
  },
  check({ project, report }) {
    for (const file of project.filesOf("compose")) {
      const { doc, root } = file.ast;
      const seen = new Set<number>();
      for (const p of mapPairs(doc, mapGet(doc, root, "services")?.value)) {
        const name = pairKey(p);
        const node = deref(doc, p.value);
        if (name === undefined || name.startsWith("x-") || !node) continue;
        const image = mapGet(doc, node, "image");
        const build = mapGet(doc, node, "build");
        const buildValue = deref(doc, build?.value);
        if (!image || !build || !buildValue || (buildValue as { tag?: string }).tag === "!reset" || (isScalar(buildValue) && buildValue.value === null)) continue;
        const imageText = scalarText(doc, image.value);
        const r = nodeRange(image.key as YamlNode);
        const v = nodeRange(deref(doc, image.value));
        if (imageText === undefined || !r || !v || seen.has(r.start)) continue;
        seen.add(r.start);
        report({ messageId: "both", at: { file: file.source, start: r.start, end: v.end }, data: { service: name, image: imageText } });
      }
    }
  },
});
