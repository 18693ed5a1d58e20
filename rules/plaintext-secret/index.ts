import { basename } from "node:path";
import { defineRule, fixed, type FixedText } from "../../src/engine/rule.js";
import { collectSecrets, isWeakSecret, type SecretValue } from "../../src/secrets/secrets.js";

const WHERE: Record<SecretValue["where"], FixedText> = {
  compose: fixed("the compose file", " compose 文件"),
  "env-file": fixed("the env file", " env 文件"),
  settings: fixed("settings", " settings "),
  redis: fixed("redis.conf", " redis.conf "),
  mysql: fixed("the MySQL option file", " MySQL 选项文件"),
  dockerfile: fixed("the Dockerfile (it stays in the image's history)", " Dockerfile（它会一直留在镜像的历史记录中）"),
  supervisor: fixed("supervisord.conf", " supervisord.conf "),
  url: fixed("a connection URL", "一个连接 URL "),
};

/** Matched against the file name only: the project itself may live under an "examples" folder. */
const EXAMPLE_FILE = /[._-](example|sample|template|dist|tmpl|tpl)([._-][^/]*)?$/i;

export default defineRule({
  meta: {
    id: "plaintext-secret",
    description: "a password, token or key written in plain text in a committed file (the value is never printed)",
    severity: "warning",
    category: "security",
    files: ["compose", "dotenv", "django", "redis", "mysql", "dockerfile", "supervisor"],
    messages: {
      plaintext:
        "`{{name}}` is a secret written in plain text in {{where}}: anyone with the repository has it; read it from the environment or a secret file (compose `secrets:`, `${VAR}` from an uncommitted .env)",
      weak:
        "`{{name}}` is a weak or placeholder password (value hidden) written in {{where}}: replace it with a long random value and keep it out of the repository",
    },
    fixable: false,
  },
  check({ project, report }) {
    for (const secret of collectSecrets(project)) {
      // `.env.example`, `*.sample`, `docker-compose.override.example.yml`: documentation, not deployed secrets.
      if (EXAMPLE_FILE.test(basename(secret.loc.file.path))) continue;
      const weak = isWeakSecret(secret.value);
      // An env file is where secrets belong; it is only wrong when the value is weak.
      if (secret.where === "env-file" && !weak) continue;
      report({ messageId: weak ? "weak" : "plaintext", at: secret.loc, data: { name: secret.name, where: WHERE[secret.where] } });
    }
  },
});
