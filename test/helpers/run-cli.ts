import { main } from "../../src/cli/main.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process, as `stacklint ...args` in `cwd`. */
export function runCli(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}, isTTY = false): CliResult {
  let stdout = "";
  let stderr = "";
  const code = main(args, { cwd, env, isTTY, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}
