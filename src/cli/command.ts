import type { OptionSpec } from "./args.js";

/** One `fisherlab` sub-command. `run` returns the process exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  run(argv: string[]): Promise<number>;
}
