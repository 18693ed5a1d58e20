import type { ParseProblem, Range } from "../../source/source-file.js";

export interface DockerFlag extends Range {
  /** `--from=builder` → name "from", value "builder"; `--no-cache` → value undefined. */
  name: string;
  value: string | undefined;
}

export interface DockerExecArg extends Range {
  /** JSON-decoded string value. Range covers the quoted string in the source. */
  value: string;
}

export interface DockerInstruction extends Range {
  // Range: from the keyword to the end of the last continuation line (without its line terminator);
  // with heredocs, to the end of the last heredoc terminator line.
  /** Upper-cased keyword: FROM, RUN, CMD, ... (unknown keywords are kept as written, upper-cased). */
  keyword: string;
  keywordRange: Range;
  flags: DockerFlag[];
  /** Range of the arguments after keyword and flags, to the end of the instruction. */
  argsRange: Range;
  /**
   * The argument text with the same length as argsRange: line continuations
   * (escape char + newline) and comment lines inside continuations are
   * replaced by spaces, so `argsRange.start + i` is the source offset of
   * character i. Heredoc bodies are not included (see heredocs).
   */
  args: string;
  /**
   * For RUN/CMD/ENTRYPOINT/SHELL/COPY/ADD/VOLUME: "exec" when args is a valid JSON array of strings.
   * For `HEALTHCHECK CMD ...` the same test applies to the part after `CMD` (execArgs hold that array).
   * undefined for other instructions, for empty args, and for a JSON array that is not all strings
   * (Docker rejects that; a problem is reported).
   */
  form: "exec" | "shell" | undefined;
  execArgs: DockerExecArg[] | undefined;
  /** `RUN <<EOF ... EOF` bodies. */
  heredocs: { delimiter: string; body: string; bodyRange: Range }[];
  /** 1-based line of the keyword and of the last line. */
  startLine: number;
  endLine: number;
}

export interface DockerComment extends Range {
  text: string;
}

export interface DockerStage {
  /** The FROM instruction that opens the stage. */
  from: DockerInstruction;
  /** Image reference as written (after ARG substitution where ARG has a default). */
  image: string;
  imageRange: Range;
  /** `AS name`, lower-cased as docker does. */
  alias: string | undefined;
  instructions: DockerInstruction[];
}

export interface Dockerfile {
  instructions: DockerInstruction[];
  stages: DockerStage[];
  /** Parser directives (`# syntax=`, `# escape=`). */
  escapeChar: "\\" | "`";
  comments: DockerComment[];
  problems: ParseProblem[];
}
