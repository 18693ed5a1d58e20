import { posix } from "node:path";
import { defineRule, fixed } from "../../src/engine/rule.js";
import { missingPackage } from "../../src/model/image/distro-packages.js";
import { runCommands } from "../../src/model/image/dockerfile-image.js";
import { distroReleases } from "../../src/model/image/versions.js";
import { parseImageRef } from "../../src/model/image-ref.js";
import type { DockerStage } from "../../src/parsers/dockerfile/ast.js";

export default defineRule({
  meta: {
    id: "base-image-package",
    description: "an apt package that does not exist in the base image's Debian/Ubuntu release (`netcat` on bookworm, `python-pip` on Ubuntu ≥ 20.04)",
    severity: "error",
    category: "dockerfile",
    files: ["dockerfile"],
    messages: {
      missing:
        "`{{pkg}}` has no installation candidate on {{releases}} (the base of `{{image}}`): the build stops with \"E: Package '{{pkg}}' has no installation candidate\"; install {{instead}}",
      base: "the base image",
    },
    fixable: false,
  },
  check({ project, report }) {
    for (const file of project.filesOf("dockerfile")) {
      const stages = file.ast.stages;
      const byAlias = new Map(stages.map((s) => [s.alias ?? "", s]));
      for (const stage of stages) {
        // follow `FROM builder` to the image the chain starts from
        let base: DockerStage = stage;
        for (let hops = 0; hops < stages.length && byAlias.has(base.image.toLowerCase()); hops++) base = byAlias.get(base.image.toLowerCase())!;
        if (base.image.includes("$")) continue;
        const image = parseImageRef(base.image, { file: file.source, start: base.imageRange.start, end: base.imageRange.end });
        const releases = distroReleases(image);
        if (!releases) continue;
        for (const instr of stage.instructions) {
          if (instr.keyword !== "RUN") continue;
          for (const command of runCommands(instr)) {
            const words = command.words;
            const tool = posix.basename(words[0]?.value ?? "");
            if (tool !== "apt-get" && tool !== "apt" && tool !== "aptitude") continue;
            const install = words.findIndex((w) => w.value === "install");
            if (install < 0) continue;
            for (const word of words.slice(install + 1)) {
              if (word.value.startsWith("-") || word.hasExpansion) continue;
              const pkg = word.value.replace(/[=:].*$/, "");
              const missing = missingPackage(pkg, releases);
              if (!missing) continue;
              report({
                messageId: "missing",
                at: { file: file.source, start: word.start, end: word.end },
                related: [{ at: image.loc, messageId: "base" }],
                data: {
                  pkg,
                  releases: fixed(releases.map(releaseName).join(" and "), releases.map(releaseName).join(" 和 ")),
                  image: base.image,
                  instead: fixed(missing.instead, insteadZh(missing.instead)),
                },
              });
            }
          }
        }
      }
    }
  },
});

/** The replacement package list in Chinese: only its connecting words change. */
function insteadZh(instead: string): string {
  return instead.replace(/, or the (\S+) image$/, "，或使用 $1 镜像").replace(/ \(or ([^)]+)\)/g, "（或 $1）").replace(/ \(([^)]+)\)/g, "（$1）");
}

function releaseName(r: string): string {
  const names: Record<string, string> = {
    buster: "Debian 10 buster", bullseye: "Debian 11 bullseye", bookworm: "Debian 12 bookworm", trixie: "Debian 13 trixie",
    bionic: "Ubuntu 18.04", focal: "Ubuntu 20.04", jammy: "Ubuntu 22.04", noble: "Ubuntu 24.04",
  };
  return names[r] ?? r;
}
