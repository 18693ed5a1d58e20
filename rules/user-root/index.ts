import { defineRule } from "../../src/engine/rule.js";
import { stageChain } from "../../src/model/image/dockerfile-stages.js";

export default defineRule({
  meta: {
    id: "user-root",
    description: "the image's last USER is root",
    severity: "info",
    category: "dockerfile",
    files: ["dockerfile"],
    messages: {
      root:
        "`USER {{user}}` is the image's last USER, so the app runs as root: a flaw in it gives root inside the container and write access to every bind-mounted host path; create a user (`RUN useradd --system app`) and end with `USER app`, or drop privileges in the entrypoint (gosu, su-exec)",
    },
    fixable: false,
  },
  check({ project, report }) {
    for (const file of project.filesOf("dockerfile")) {
      const last = file.ast.stages.at(-1);
      if (!last) continue;
      const user = stageChain(file.ast, last).flatMap((s) => s.instructions).filter((i) => i.keyword === "USER").at(-1);
      if (!user) continue;
      const name = user.args.trim();
      if (!/^(?:root|0)(?::.*)?$/.test(name)) continue;
      const start = user.argsRange.start + user.args.indexOf(name);
      report({ messageId: "root", data: { user: name }, at: { file: file.source, start, end: start + name.length } });
    }
  },
});
