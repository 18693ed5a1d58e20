import type { SourceFile } from "../source/source-file.js";
import { parseCompose, type ComposeFile } from "./compose/parse.js";
import type { PySettings } from "./django/ast.js";
import { parsePythonSettings } from "./django/parse.js";
import type { Dockerfile } from "./dockerfile/ast.js";
import { parseDockerfile } from "./dockerfile/parse.js";
import type { EnvFile } from "./dotenv/ast.js";
import { parseDotenv } from "./dotenv/parse.js";
import type { IniFile } from "./ini/ast.js";
import { parseIni } from "./ini/parse.js";
import type { NginxConfig } from "./nginx/ast.js";
import { parseNginx } from "./nginx/parse.js";
import { walkDirectives } from "./nginx/walk.js";
import type { RedisConfig } from "./redis/ast.js";
import { parseRedisConf } from "./redis/parse.js";
import type { ShellScript } from "./shell/ast.js";
import type { SqlScript } from "./sql/ast.js";
import { parseSql } from "./sql/parse.js";
import { parseShell } from "./shell/parse.js";

/** Every kind of file stacklint understands. */
export type FileKind =
  | "compose"
  | "dockerfile"
  | "nginx"
  | "uwsgi"
  | "supervisor"
  | "redis"
  | "mysql"
  | "dotenv"
  | "shell"
  | "django"
  | "sql";

export interface AstByKind {
  compose: ComposeFile;
  dockerfile: Dockerfile;
  nginx: NginxConfig;
  uwsgi: IniFile;
  supervisor: IniFile;
  redis: RedisConfig;
  mysql: IniFile;
  dotenv: EnvFile;
  shell: ShellScript;
  django: PySettings;
  sql: SqlScript;
}

export const FILE_KINDS: readonly FileKind[] = [
  "compose", "dockerfile", "nginx", "uwsgi", "supervisor", "redis", "mysql", "dotenv", "shell", "django", "sql",
];

export function parseAs<K extends FileKind>(kind: K, file: SourceFile): AstByKind[K] {
  return PARSERS[kind](file) as AstByKind[K];
}

const PARSERS: { [K in FileKind]: (file: SourceFile) => AstByKind[K] } = {
  compose: parseCompose,
  dockerfile: parseDockerfile,
  nginx: parseNginxOrTemplate,
  uwsgi: (f) => parseIni(f, "uwsgi"),
  supervisor: (f) => parseIni(f, "supervisor"),
  redis: parseRedisConf,
  mysql: (f) => parseIni(f, "mysql"),
  dotenv: parseDotenv,
  shell: parseShell,
  django: parsePythonSettings,
  sql: parseSql,
};

/**
 * envsubst templates (the official nginx image renders /etc/nginx/templates/*.template)
 * may hold a whole directive in one `$VAR` line; nginx only ever sees the
 * rendered file, so a missing `;` after such a placeholder is not an error.
 */
function parseNginxOrTemplate(file: SourceFile): NginxConfig {
  const config = parseNginx(file);
  if (config.problems.length === 0 || !/\.template\b|\/templates?\//.test(file.path)) return config;
  const placeholders = [...walkDirectives(config.directives)].filter((d) => d.name.startsWith("$"));
  if (placeholders.length === 0) return config;
  return { ...config, problems: config.problems.filter((p) => !placeholders.some((d) => p.start >= d.start && p.start <= d.end)) };
}
