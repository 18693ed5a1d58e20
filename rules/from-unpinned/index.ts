import { defineRule } from "../../src/engine/rule.js";
import { parseImageRef } from "../../src/model/image-ref.js";

export default defineRule({
  meta: {
    id: "from-unpinned",
    description: "FROM without a tag or with `:latest`: every build may get another base image",
    severity: "warning",
    category: "dockerfile",
    files: ["dockerfile"],
    messages: {
      noTag:
        "`FROM {{image}}` has no tag, so Docker pulls `{{image}}:latest`: a rebuild silently gets whatever version is newest that day (another OS release, another language major version) and can break without any change here; pin a version tag such as `{{example}}`",
      latest:
        "`FROM {{image}}` follows `latest`: a rebuild silently gets whatever version is newest that day (another OS release, another language major version) and can break without any change here; pin a version tag such as `{{example}}`",
      viaArg:
        "`FROM {{written}}` resolves to `{{image}}` with the ARG default: without `--build-arg` Docker pulls `latest`, which changes under you between builds; give the ARG a pinned default",
    },
    fixable: false,
  },
  check({ project, report }) {
    for (const file of project.filesOf("dockerfile")) {
      const ast = file.ast;
      const aliases = new Set<string>();
      for (const stage of ast.stages) {
        const image = stage.image;
        const written = file.source.text.slice(stage.imageRange.start, stage.imageRange.end);
        const isAlias = aliases.has(image.toLowerCase());
        if (stage.alias) aliases.add(stage.alias);
        // scratch is no image; `FROM builder` is an earlier stage; an unresolved `$VAR` is unknown
        if (!image || isAlias || image.toLowerCase() === "scratch" || image.includes("$")) continue;
        const ref = parseImageRef(image, { file: file.source, start: stage.imageRange.start, end: stage.imageRange.end });
        if (ref.digest) continue;
        if (ref.tag !== undefined && ref.tag !== "latest") continue;
        const at = { file: file.source, start: stage.imageRange.start, end: stage.imageRange.end };
        const base = image.replace(/:latest$/, "");
        const data = { image: base, written, example: `${base}:${exampleTag(ref.name)}` };
        if (written.includes("$")) report({ messageId: "viaArg", at, data: { ...data, image } });
        else report({ messageId: ref.tag === "latest" ? "latest" : "noTag", at, data: ref.tag === "latest" ? { ...data, image: written } : data });
      }
    }
  },
});

/** A plausible pinned tag for the advice (the rule never writes it into the file). */
function exampleTag(name: string): string {
  const tags: Record<string, string> = {
    python: "3.12-slim", node: "22-slim", ubuntu: "24.04", debian: "bookworm-slim", alpine: "3.20", nginx: "1.27",
    redis: "7.4", mysql: "8.4", postgres: "16", mariadb: "11.4", golang: "1.23", ruby: "3.3", php: "8.3-fpm",
  };
  return Object.hasOwn(tags, name) ? tags[name]! : "<version>";
}
