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
      // `location /static { alias /usr/share/nginx/html/static/; }`: `/static../x` reads /usr/share/nginx/html/x
      // (path traversal out of the alias; reproduced with nginx 1.22)
      "25-welliamcao__OpsManage/docker/opsmanage.conf:18 alias-traversal",
      // `post buffering` (a space instead of `-`): uWSGI ignores it silently; copied from the same tutorial
      "01-david0932__Docker-Django-Uwsgi-Nginx-MySQL-Redis/myproject/uwsgi.ini:25 uwsgi-unknown-option",
      "02-CtrlShiftSpace__DockerNginxDjangoMysql/mysite/uwsgi.ini:28 uwsgi-unknown-option",
      "05-zy30651__dockerLearn/djangoDocker3/uwsgi.ini:26 uwsgi-unknown-option",
      "06-pau1fang__blog_with_django/uwsgi.ini:25 uwsgi-unknown-option",
      "07-penn201500__docker-django-nginx-redis-mysql/myproject/uwsgi.ini:25 uwsgi-unknown-option",
      "09-ximuisgoddman__library_manager_system/uwsgi.ini:25 uwsgi-unknown-option",
      "10-s9891326__Maple/uwsgi.ini:24 uwsgi-unknown-option",
      "11-one810607__GameZoneWebService/GamePlatform/uwsgi.ini:25 uwsgi-unknown-option",
      "38-854771076__Employment_referral/web-server/uwsgi.ini:25 uwsgi-unknown-option",
      // `startinorder=true` is no supervisor option (ignored); `py-callos-afterfork` is a typo of py-call-osafterfork
      "14-mediacms-io__mediacms/deploy/docker/supervisord/supervisord-celery_beat.conf:11 supervisor-unknown-key",
      "14-mediacms-io__mediacms/deploy/docker/supervisord/supervisord-celery_long.conf:11 supervisor-unknown-key",
      "14-mediacms-io__mediacms/deploy/docker/supervisord/supervisord-celery_short.conf:11 supervisor-unknown-key",
      "14-mediacms-io__mediacms/deploy/docker/supervisord/supervisord-gunicorn.conf:8 supervisor-unknown-key",
      "14-mediacms-io__mediacms/deploy/docker/supervisord/supervisord-nginx.conf:8 supervisor-unknown-key",
      "35-GeoNode__geonode-project/src/uwsgi.ini:23 uwsgi-unknown-option",
      // my.cnf mounted at /etc/mysql/my.cnf has no [mysqld] header at all: every option is outside a group,
      // so mysqld aborts ("Found option without preceding group in config file ... at line: 1")
      "09-ximuisgoddman__library_manager_system/compose/mysql/conf/my.cnf:1 mycnf-no-group",
      // `appendonly yes  # 启用AOF`, `maxmemory 1gb  # ...`: redis has no inline comments, the words become
      // arguments and redis-server refuses the file (FATAL CONFIG FILE ERROR / wrong number of arguments)
      "09-ximuisgoddman__library_manager_system/compose/redis/redis.conf:6 redis-inline-comment",
      "09-ximuisgoddman__library_manager_system/compose/redis/redis.conf:7 redis-inline-comment",
      "09-ximuisgoddman__library_manager_system/compose/redis/redis.conf:8 redis-inline-comment",
      "09-ximuisgoddman__library_manager_system/compose/redis/redis.conf:16 redis-inline-comment",
      "09-ximuisgoddman__library_manager_system/compose/redis/redis.conf:19 redis-inline-comment",
    ];
    for (const r of reviewed) expect(errors).toContain(r);
    expect(errors.filter((e) => !reviewed.includes(e) && !OTHER_REVIEWED.includes(e))).toEqual([]);
  });
});
