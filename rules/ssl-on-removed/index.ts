import { defineRule } from "../../src/engine/rule.js";
import { nginxInstances, nginxTagAtLeast } from "../../src/model/nginx-instance.js";
import type { ImageRef } from "../../src/model/types.js";
import { nginxTree } from "../../src/parsers/nginx/tree.js";
import type { ProjectFile } from "../../src/project/project.js";

export default defineRule({
  meta: {
    id: "ssl-on-removed",
    description: "`ssl on;`: deprecated since nginx 1.15.0 and removed in 1.25.1, where nginx refuses to start",
    severity: "error",
    category: "nginx",
    files: ["nginx", "compose", "dockerfile"],
    messages: {
      removed:
        "`ssl {{value}};` was removed in nginx 1.25.1, and the image `{{image}}` runs nginx 1.25.1 or newer: nginx refuses to start (\"[emerg] unknown directive \\\"ssl\\\"\"); delete this line and add `ssl` to the `listen` lines of this server (`listen 443 ssl;`)",
      deprecated:
        "`ssl {{value}};` is deprecated since nginx 1.15.0 (\"the \\\"ssl\\\" directive is deprecated, use the \\\"listen ... ssl\\\" directive instead\") and removed in 1.25.1, where nginx refuses to start; delete it and add `ssl` to the `listen` lines of this server (`listen 443 ssl;`)",
      image: "the nginx image",
    },
    fixable: false,
  },
  check({ project, model, report }) {
    // which nginx image loads each file
    const images = new Map<ProjectFile<"nginx">, ImageRef[]>();
    for (const instance of nginxInstances(project, model.stacks)) {
      if (!instance.image) continue;
      for (const l of instance.files) {
        const list = images.get(l.file) ?? [];
        if (!list.includes(instance.image)) list.push(instance.image);
        images.set(l.file, list);
      }
    }
    for (const file of project.filesOf("nginx")) {
      const removedIn = (images.get(file) ?? []).find((ref) => nginxTagAtLeast(ref, [1, 25, 1]) === "yes");
      for (const d of nginxTree(file.ast).named("ssl")) {
        if (!d.args[0]) continue;
        const at = { file: file.source, start: d.nameRange.start, end: d.end };
        if (removedIn) {
          report({ messageId: "removed", at, related: [{ at: removedIn.loc, messageId: "image" }], data: { value: d.args[0].value, image: removedIn.ref } });
        } else {
          report({ messageId: "deprecated", severity: "warning", at, data: { value: d.args[0].value } });
        }
      }
    }
  },
});
