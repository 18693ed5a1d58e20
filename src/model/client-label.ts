import type { FixedText } from "../engine/rule.js";

/** What kind of client a connection is, in words (English and Chinese), for rule messages and explain. */
export function clientLabel(client: string): FixedText {
  switch (client) {
    case "nginx": return { fixed: "nginx" };
    case "django-db": return { fixed: "Django DATABASES" };
    case "django-cache": return { fixed: "Django CACHES" };
    case "django-setting": return { fixed: "a Django setting", zh: "一项 Django 设置" };
    case "env": return { fixed: "an environment variable", zh: "一个环境变量" };
    case "redis-replica": return { fixed: "a redis replica", zh: "一个 redis 副本" };
    default: return { fixed: client };
  }
}
