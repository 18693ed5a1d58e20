import { posix } from "node:path";
import { defineRule, fixed } from "../../src/engine/rule.js";

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
    fixable: false,
  },
  check({ model, project, report }) {
    for (const stack of model.stacks) {
      for (const service of stack.services) {
        // `docker run --link` is reported from the script below, with its own advice
        if (service.origin !== "compose") continue;
        for (const link of service.links) {
          report({ messageId: "composeLinks", at: link.loc, data: { key: fixed(link.external ? "external_links" : "links") } });
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
