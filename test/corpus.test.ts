import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintDir } from "./helpers/lint-dir.js";

const CORPUS = join(import.meta.dirname, "..", "..", "shared", "corpus");
/** Error findings of other rule families, reviewed as real defects (see the comments where they are added). */
const OTHER_REVIEWED: string[] = [];

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
    const reviewed = [
      // mis-indented upstream (docker compose rejects it too)
      "03-Jizishuo__HOTTOP/docker-compose.yml:51 parse-error",
      // `image: mysql` (untagged / latest = 9.x) with `default-authentication-plugin`: mysqld aborts with "unknown variable"
      "04-tzyGeneral__docker_django/compose/mysql/conf/my.cnf:6 image-config-version",
      "07-penn201500__docker-django-nginx-redis-mysql/compose/mysql/conf/my.cnf:7 image-config-version",
      "08-kongklw__django-vue-docker/compose/mysql/conf/my.cnf:7 image-config-version",
      // `links: [memcached]` but neither docker-compose.yml nor docker-compose.es.yml defines a memcached service:
      // compose turns links into dependencies and refuses the project ("depends on undefined service")
      "26-liangliangyy__DjangoBlog/deploy/docker-compose/docker-compose.es.yml:44 depends-on-unknown",
    ];
    for (const r of reviewed) expect(errors).toContain(r);
    expect(errors.filter((e) => !reviewed.includes(e) && !OTHER_REVIEWED.includes(e))).toEqual([]);
  });
});
