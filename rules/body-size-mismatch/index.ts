import { defineRule, fixed, type FixedText } from "../../src/engine/rule.js";
import { djangoSettingsOf, setting } from "../../src/model/django-settings.js";
import { inherited } from "../../src/parsers/nginx/walk.js";

/** nginx size values: `10m`, `1M`, `512k`, `1048576`, `0` (no limit) → bytes. */
function nginxBytes(text: string): number | undefined {
  const m = /^(\d+)([kKmMgG]?)$/.exec(text.trim());
  if (!m) return undefined;
  const unit = m[2]!.toLowerCase();
  return Number(m[1]) * (unit === "k" ? 1024 : unit === "m" ? 1048576 : unit === "g" ? 1073741824 : 1);
}

function human(bytes: number): string {
  return bytes >= 1048576 && bytes % 1048576 === 0 ? `${bytes / 1048576} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
}

export default defineRule({
  meta: {
    id: "body-size-mismatch",
    description: "nginx's client_max_body_size (default 1m) is smaller than the uploads the Django app accepts",
    severity: "warning",
    category: "cross-file",
    files: ["nginx", "django"],
    messages: {
      smaller:
        "nginx accepts request bodies up to {{nginx}} ({{how}}), but \"{{service}}\" accepts {{what}}: larger uploads never reach Django — nginx answers 413 Request Entity Too Large and logs \"client intended to send too large body\"; raise `client_max_body_size` for this location",
      settings: "the app's limit",
    },
    fixable: false,
  },
  check({ model, report }) {
    for (const stack of model.stacks) {
      for (const connection of stack.connections) {
        if (!connection.nginx || (connection.protocol !== "http" && connection.protocol !== "uwsgi")) continue;
        const target = stack.target(connection);
        if (!target.service) continue;
        const { pass, parents, file } = connection.nginx;
        const set = inherited("client_max_body_size", pass, parents, file.ast.directives);
        const nginx = set?.args[0] ? nginxBytes(set.args[0].value) : 1048576;
        // `0` disables the check; an unreadable value: no judgement
        if (nginx === undefined || nginx === 0) continue;
        for (const settings of djangoSettingsOf(target.service)) {
          const data = setting(settings, "DATA_UPLOAD_MAX_MEMORY_SIZE");
          const dataBytes = data?.value.kind === "num" ? data.value.value : undefined;
          const media = setting(settings, "MEDIA_ROOT");
          let what: FixedText | undefined;
          let at = undefined as typeof data | undefined;
          if (dataBytes !== undefined && dataBytes > nginx) {
            what = fixed(`request bodies up to ${human(dataBytes)} (DATA_UPLOAD_MAX_MEMORY_SIZE)`, `最大 ${human(dataBytes)} 的请求体（DATA_UPLOAD_MAX_MEMORY_SIZE）`);
            at = data;
          } else if (!set && media && dataBytes === undefined) {
            // Django streams file uploads of any size to MEDIA_ROOT; nginx's default 1m cuts them off
            what = fixed("file uploads (MEDIA_ROOT is set; Django has no size limit for uploaded files)", "任意大小的文件上传（设置了 MEDIA_ROOT；Django 对上传文件没有大小限制）");
            at = media;
          }
          if (!what || !at) continue;
          report({
            messageId: "smaller",
            at: set ? { file: file.source, start: set.start, end: set.end } : { file: file.source, start: pass.start, end: pass.end },
            related: [{ at: { file: settings.source, start: at.start, end: at.end }, messageId: "settings" }],
            data: { nginx: fixed(human(nginx)), how: set ? fixed("client_max_body_size") : fixed("the default, no client_max_body_size is set", "默认值，没有设置 client_max_body_size"), service: target.service.name, what },
          });
        }
      }
    }
  },
});
