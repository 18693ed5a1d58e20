import type { FileKind } from "../parsers/index.js";
import type { Project } from "../project/project.js";
import type { Model } from "../model/build-model.js";
import type { Loc } from "../model/types.js";
import type { SourceFile } from "../source/source-file.js";

export type Severity = "error" | "warning" | "info";

export type RuleCategory =
  | "cross-file" | "compose" | "dockerfile" | "nginx" | "uwsgi" | "redis" | "mysql" | "supervisor" | "shell" | "django" | "security";

export interface RuleMeta {
  /** kebab-case, also the folder name under rules/. */
  id: string;
  /** One line, shown by `stacklint rules` and in SARIF. */
  description: string;
  severity: Severity;
  category: RuleCategory;
  /** File kinds the rule reads (several for cross-file rules). */
  files: FileKind[];
  /** Message templates by id; `{{name}}` placeholders are filled from `data`. */
  messages: Record<string, string>;
  fixable: boolean;
}

export interface TextEdit {
  file: SourceFile;
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  /** Safe fixes are applied by --fix; unsafe ones are only shown. */
  safe: boolean;
  edits: TextEdit[];
}

/**
 * A message placeholder value. Strings and numbers come from the user's files
 * and are redacted when they contain a secret; `fixed(...)` marks the rule's
 * own wording (e.g. "redis.conf" as a file kind), which is never redacted.
 * Wording that is prose (not a name, option or quoted program output) gives
 * its Chinese too, `fixed("the compose file", "compose 文件")`: the engine
 * picks the variant of the output language.
 */
export type FixedText = { fixed: string; zh?: string };
export type DataValue = string | number | FixedText;
export type MessageData = Record<string, DataValue>;

export function fixed(text: string, zh?: string): FixedText {
  return zh === undefined ? { fixed: text } : { fixed: text, zh };
}

export interface RelatedDescriptor {
  at: Loc;
  messageId: string;
  data?: MessageData;
}

export interface ReportDescriptor {
  messageId: string;
  data?: MessageData;
  at: Loc;
  related?: RelatedDescriptor[];
  /** Overrides the rule's default severity for this finding (e.g. a warning variant of an error rule). */
  severity?: Severity;
  fix?: Fix;
}

export interface RuleContext {
  readonly project: Project;
  readonly model: Model;
  report(descriptor: ReportDescriptor): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** Identity function that gives rule modules their types. */
export function defineRule(rule: Rule): Rule {
  return rule;
}
