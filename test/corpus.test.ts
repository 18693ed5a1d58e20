import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintDir } from "./helpers/lint-dir.js";

const CORPUS = join(import.meta.dirname, "..", "..", "shared", "corpus");
const projects = existsSync(CORPUS) ? readdirSync(CORPUS).filter((d) => /^\d+-/.test(d)).sort() : [];

/**
 * Real projects, read from ../shared/corpus at test time (never copied):
 * no crash, and the error findings are the ones reviewed as real defects.
 */
describe.skipIf(projects.length === 0)("../shared/corpus", () => {
  it.each(projects)("%s lints without internal errors", (project) => {
    const run = lintDir(join(CORPUS, project));
    expect(run.internalErrors).toEqual([]);
  });

  it("error findings across the corpus are the reviewed ones", () => {
    const errors: string[] = [];
    for (const project of projects) {
      for (const d of lintDir(join(CORPUS, project)).result.diagnostics) if (d.severity === "error") errors.push(`${project}/${d.file}:${d.line} ${d.ruleId}`);
    }
    // 03-Jizishuo's compose file is mis-indented upstream (docker compose rejects it too).
    expect(errors).toEqual(["03-Jizishuo__HOTTOP/docker-compose.yml:51 parse-error"]);
  });
});
