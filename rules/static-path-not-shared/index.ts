import { posix } from "node:path";
import { defineRule, fixed } from "../../src/engine/rule.js";
import { containerPathOf, sharedFileKey } from "../../src/model/container-fs.js";
import { djangoSettingsOf, evaluatePath, setting } from "../../src/model/django-settings.js";
import { nginxTree } from "../../src/parsers/nginx/tree.js";
import { nginxInstanceOf } from "../../src/model/nginx-instance.js";
import type { Service } from "../../src/model/types.js";

export default defineRule({
  meta: {
    id: "static-path-not-shared",
    description: "nginx serves STATIC_URL/MEDIA_URL from a directory that is not the volume the app's collectstatic/uploads write to",
    severity: "error",
    category: "cross-file",
    files: ["nginx", "compose", "django"],
    messages: {
      notShared:
        "nginx serves {{url}} from {{path}}, but {{why}}: {{what}} land in {{root}} inside \"{{app}}\", which nginx never sees, so every {{url}} file is 404 (\"open() \\\"{{path}}...\\\" failed (2: No such file or directory)\"); mount one volume at {{root}} in \"{{app}}\" and at {{path}} in \"{{nginx}}\"",
      root: "{{setting}} points here",
    },
    fixable: false,
  },
  check({ model, project, report }) {
    for (const stack of model.stacks) {
      const apps = stack.services.filter((s) => djangoSettingsOf(s).length > 0);
      if (apps.length === 0) continue;
      for (const nginx of stack.services) {
        if (!nginx.listeners.some((l) => l.program === "nginx")) continue;
        // a file included twice is read once
        for (const file of new Set((nginxInstanceOf(project, nginx)?.files ?? []).map((f) => f.file))) {
          for (const d of nginxTree(file.ast).named("alias", "root")) {
            if (!d.args[0]) continue;
            const location = d.parent;
            if (!location || location.name !== "location" || location.args.length !== 1) continue;
            const prefix = location.args[0]!.value;
            if (prefix.startsWith("~") || prefix === "/") continue;
            const dirPath = d.name === "alias" ? d.args[0].value : posix.join(d.args[0].value, prefix);
            if (dirPath.includes("$")) continue;
            for (const app of apps) {
              if (app === nginx) continue;
              for (const settings of djangoSettingsOf(app)) {
                const hit = matchSetting(project, app, settings, prefix);
                if (!hit) continue;
                const nginxKey = sharedFileKey(nginx, dirPath);
                const appKey = sharedFileKey(app, hit.root);
                if (nginxKey !== undefined && appKey !== undefined && keysOverlap(nginxKey, appKey)) continue;
                // the app's files may reach nginx by COPY at build time (frontends): only judge mounted or empty paths
                if (nginxKey === undefined && nginx.build?.image?.copies.some((c) => dirPath.startsWith(c.dest.replace(/\/$/, "")))) continue;
                const why = nginxKey === undefined
                  ? fixed(`nothing is mounted at ${dirPath} in "${nginx.name}"`, ` "${nginx.name}" 中的 ${dirPath} 没有挂载任何东西`)
                  : appKey === undefined
                    ? fixed(`${hit.root} is not on a volume in "${app.name}"`, ` "${app.name}" 中的 ${hit.root} 不在数据卷上`)
                    : fixed(`"${nginx.name}" and "${app.name}" mount different volumes there`, ` "${nginx.name}" 和 "${app.name}" 在那里挂载的是不同的数据卷`);
                report({
                  messageId: "notShared",
                  at: { file: file.source, start: d.start, end: d.end },
                  related: [{ at: hit.loc, messageId: "root", data: { setting: hit.setting } }],
                  data: { url: prefix, path: dirPath, why, what: hit.setting === "STATIC_ROOT" ? fixed("collectstatic's files", "collectstatic 生成的文件") : fixed("uploaded files", "上传的文件"), root: hit.root, app: app.name, nginx: nginx.name },
                });
              }
            }
          }
        }
      }
    }
  },
});

/** STATIC_URL ↔ STATIC_ROOT (MEDIA_URL ↔ MEDIA_ROOT) of the settings when the location serves that URL. */
function matchSetting(project: Parameters<typeof containerPathOf>[0], app: Service, settings: ReturnType<typeof djangoSettingsOf>[number], prefix: string) {
  const settingsPath = containerPathOf(project, app, settings.source.path);
  if (!settingsPath) return undefined;
  for (const [urlName, rootName] of [["STATIC_URL", "STATIC_ROOT"], ["MEDIA_URL", "MEDIA_ROOT"]] as const) {
    const url = setting(settings, urlName);
    const root = setting(settings, rootName);
    if (!url || !root || url.value.kind !== "str") continue;
    const norm = (u: string): string => "/" + u.replace(/^\/+|\/+$/g, "");
    if (norm(url.value.value) !== norm(prefix)) continue;
    const rootPath = evaluatePath(settings, root.value, settingsPath);
    if (!rootPath || !rootPath.startsWith("/")) continue;
    return { root: posix.normalize(rootPath), setting: rootName, loc: { file: settings.source, start: root.start, end: root.end } };
  }
  return undefined;
}

/** Same volume, and one path inside the other (a volume mounted at a parent still carries the files). */
function keysOverlap(a: string, b: string): boolean {
  const x = a.replace(/\/+$/, "");
  const y = b.replace(/\/+$/, "");
  return x === y || x.startsWith(y + "/") || y.startsWith(x + "/");
}
