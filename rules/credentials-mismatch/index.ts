import { defineRule, fixed, type FixedText, type RelatedDescriptor, type RuleContext } from "../../src/engine/rule.js";
import { isMysqlImage } from "../../src/model/image/known-images.js";
import type { Connection, Credential, EnvVar, Loc, Service } from "../../src/model/types.js";
import type { ProjectFile } from "../../src/project/project.js";
import { clientLabel } from "../../src/model/client-label.js";

export default defineRule({
  meta: {
    id: "credentials-mismatch",
    description: "the user, password or database a client uses differ from what the database or redis service is set up with",
    severity: "error",
    category: "cross-file",
    files: ["django", "compose", "dotenv", "redis"],
    messages: {
      password:
        "{{client}} connects to {{target}} as `{{user}}` with a different password than {{server}} sets for that user ({{variable}}): the server answers \"{{error}}\"; take both from the same variable",
      user:
        "{{client}} connects to {{target}} as `{{user}}`, but the image only creates `{{expected}}` ({{variable}}) and root: \"Access denied for user '{{user}}'\"",
      database:
        "{{client}} uses database `{{database}}`, but the image creates `{{expected}}` ({{variable}}) and no init script creates it: \"Unknown database '{{database}}'\"",
      noPassword:
        "{{client}} connects to {{target}} without a password, but redis requires one (`requirepass`): every command fails with \"NOAUTH Authentication required.\"",
      wrongRedisPassword:
        "{{client}} sends a different password than redis' `requirepass`: \"WRONGPASS invalid username-password pair or user is disabled.\"",
      server: "the server side is set here",
    },
    fixable: false,
  },
  check({ model, report }) {
    for (const stack of model.stacks) {
      for (const connection of stack.connections) {
        const target = stack.target(connection);
        const service = target.service;
        if (!service || !connection.from || target.resolution.kind !== "service") continue;
        const image = service.image?.name ?? service.build?.image?.base?.name ?? "";
        if (connection.protocol === "mysql" && isMysqlImage(image)) checkMysql(connection, service, report);
        else if (connection.protocol === "postgres" && /postgres|postgis/.test(image)) checkPostgres(connection, service, report);
        else if (connection.protocol === "redis") checkRedis(connection, target.listeners.map((l) => l.process?.config).find((c) => c?.kind === "redis") as ProjectFile<"redis"> | undefined, report);
      }
    }
  },
});

type Report = RuleContext["report"];

function env(service: Service, ...names: string[]): EnvVar | undefined {
  for (const n of names) {
    const v = service.environment.find((e) => e.name === n);
    if (v) return v;
  }
  return undefined;
}

function known(v: EnvVar | undefined): v is EnvVar & { value: { text: string; loc: Loc; unknown: false } } {
  return v?.value !== undefined && !v.value.unknown;
}

function related(v: EnvVar): RelatedDescriptor[] {
  return [{ at: v.value?.loc ?? v.loc, messageId: "server" }];
}

function base(connection: Connection, service: Service): { client: FixedText; target: string; server: string } {
  return { client: clientLabel(connection.client), target: `${connection.host}:${connection.port ?? ""}`, server: service.name };
}

function checkMysql(connection: Connection, service: Service, report: Report): void {
  const creds = connection.credentials;
  if (!creds?.user) return;
  const user = creds.user.text;
  const prefix = env(service, "MARIADB_USER") ? "MARIADB" : "MYSQL";
  const dbUser = env(service, `${prefix}_USER`);
  const dbPassword = env(service, `${prefix}_PASSWORD`);
  const rootPassword = env(service, `${prefix}_ROOT_PASSWORD`);
  const database = env(service, `${prefix}_DATABASE`);
  const initCreates = (name: string): boolean => service.initScripts.some((s) => s.ast.statements.some((st) => new RegExp(`create\\s+(database|schema)\\s+(if\\s+not\\s+exists\\s+)?[\`'"]?${escape(name)}[\`'"]?(\\s|;|$)`, "i").test(st.normalized)));
  const initCreatesUser = (name: string): boolean => service.initScripts.some((s) => s.ast.statements.some((st) => new RegExp(`create\\s+user\\s+(if\\s+not\\s+exists\\s+)?['"\`]?${escape(name)}['"\`]?@`, "i").test(st.normalized)));
  const data = { ...base(connection, service), user };
  if (user === "root") {
    if (known(rootPassword) && creds.password && creds.password.text !== rootPassword.value.text) {
      report({ messageId: "password", at: creds.password.loc, related: related(rootPassword), data: { ...data, variable: fixed(`${prefix}_ROOT_PASSWORD`), error: fixed(`Access denied for user 'root'@'...' (using password: YES)`) } });
    }
  } else if (known(dbUser)) {
    if (dbUser.value.text !== user) {
      if (!initCreatesUser(user)) report({ messageId: "user", at: creds.user.loc, related: related(dbUser), data: { ...data, expected: dbUser.value.text, variable: fixed(`${prefix}_USER`) } });
    } else if (known(dbPassword) && creds.password && creds.password.text !== dbPassword.value.text) {
      report({ messageId: "password", at: creds.password.loc, related: related(dbPassword), data: { ...data, variable: fixed(`${prefix}_PASSWORD`), error: fixed(`Access denied for user '${user}'@'...' (using password: YES)`) } });
    }
  }
  if (creds.database && known(database) && creds.database.text !== database.value.text && !initCreates(creds.database.text)) {
    report({ messageId: "database", at: creds.database.loc, related: related(database), data: { ...data, database: creds.database.text, expected: database.value.text, variable: fixed(`${prefix}_DATABASE`) } });
  }
}

function checkPostgres(connection: Connection, service: Service, report: Report): void {
  const creds = connection.credentials;
  if (!creds?.user) return;
  const dbUser = env(service, "POSTGRES_USER");
  const userName = known(dbUser) ? dbUser.value.text : "postgres";
  const dbPassword = env(service, "POSTGRES_PASSWORD");
  const data = { ...base(connection, service), user: creds.user.text };
  if (creds.user.text !== userName) {
    if (dbUser && !known(dbUser)) return;
    if (service.initScripts.length > 0) return;
    report({ messageId: "user", at: creds.user.loc, related: dbUser ? related(dbUser) : [], data: { ...data, expected: userName, variable: fixed("POSTGRES_USER") } });
    return;
  }
  if (known(dbPassword) && creds.password && creds.password.text !== dbPassword.value.text) {
    report({ messageId: "password", at: creds.password.loc, related: related(dbPassword), data: { ...data, variable: fixed("POSTGRES_PASSWORD"), error: fixed(`FATAL: password authentication failed for user "${creds.user.text}"`) } });
  }
}

function checkRedis(connection: Connection, config: ProjectFile<"redis"> | undefined, report: Report): void {
  if (!config) return;
  const requirepass = config.ast.directives.filter((d) => d.name === "requirepass").pop();
  const value = requirepass?.args[0]?.value;
  if (!requirepass || !value || value.includes("$")) return;
  const password: Credential | undefined = connection.credentials?.password;
  const at: RelatedDescriptor[] = [{ at: { file: config.source, start: requirepass.start, end: requirepass.end }, messageId: "server" }];
  if (!password) {
    // clients that read the password from elsewhere (an env var the model does not see) cannot be judged
    if (connection.client !== "django-cache" && connection.client !== "env" && connection.client !== "django-setting") return;
    report({ messageId: "noPassword", at: connection.loc, related: at, data: { client: clientLabel(connection.client), target: `${connection.host}:${connection.port ?? ""}` } });
  } else if (password.text !== value) {
    report({ messageId: "wrongRedisPassword", at: password.loc, related: at, data: { client: clientLabel(connection.client) } });
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
