import { defineRule, fixed } from "../../src/engine/rule.js";
import { mapGet } from "../../src/parsers/compose/parse.js";
import type { Stack } from "../../src/model/stack.js";

export default defineRule({
  meta: {
    id: "image-unpinned",
    description: "compose service `image:` without a tag or with `latest`: every pull may bring another version",
    severity: "warning",
    category: "compose",
    files: ["compose"],
    messages: {
      unpinned:
        "this image {{what}}: it resolves to whatever `latest` is on the day of the pull, so a new host or a `docker compose pull` silently gets another version (a new major release may refuse the old data directory or config options); pin a version tag (`name:1.2`) or a digest",
    },
    fixable: false,
  },
  check({ model, report }) {
    const done = new Set<string>();
    for (const stack of model.stacks) {
      // `image: app:latest` with `build:` in one service and plain `image: app:latest` in others: built here, never pulled
      const built = new Set(stack.services.filter((s) => s.image && (s.build || hasBuildKey(stack, s.name))).map((s) => s.image!.ref));
      for (const service of stack.services) {
        const image = service.image;
        // with `build:` the image name is the tag given to the built image, not something pulled
        if (service.origin !== "compose" || !image || service.build || image.digest || built.has(image.ref) || hasBuildKey(stack, service.name)) continue;
        if (image.tag !== undefined && image.tag.toLowerCase() !== "latest") continue;
        // `${REGISTRY}/app:${TAG:-latest}`: the tag is a deployment parameter, not an oversight
        const raw = image.loc.file.text.slice(image.loc.start, image.loc.end);
        if (raw.slice(raw.lastIndexOf("/") + 1).includes("$")) continue;
        if (image.ref.trim() === "" || image.ref.includes("$")) continue;
        const key = `${image.loc.file.path}\0${image.loc.start}`;
        if (done.has(key)) continue;
        done.add(key);
        report({
          messageId: "unpinned",
          at: image.loc,
          data: { what: image.tag === undefined ? fixed("has no tag (it means `:latest`)", "没有标签（即 `:latest`）") : fixed("uses the `latest` tag", "使用 `latest` 标签") },
        });
      }
    }
  },
});

/** `build:` written for the service in any file of the configuration (the model drops URL and unresolved contexts). */
function hasBuildKey(stack: Stack, name: string): boolean {
  return stack.composeFiles.some((f) => {
    const services = mapGet(f.ast.doc, f.ast.root, "services");
    const service = services ? mapGet(f.ast.doc, services.value, name) : undefined;
    return service !== undefined && mapGet(f.ast.doc, service.value, "build") !== undefined;
  });
}
