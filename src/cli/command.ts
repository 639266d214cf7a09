import { helpText } from "./helpText.js";
import { UsageError } from "./usageError.js";
import { HELP, parseOptions, type OptionTable, type ParsedArgs } from "./options/index.js";

/** One `fisherlab` sub-command. `run` returns the process exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** every option, `--help` included (docs/cli.md and `--help` list them from here) */
  options: OptionTable;
  run(argv: string[]): Promise<number>;
}

export interface CommandDefinition<T extends OptionTable> {
  name: string;
  summary: string;
  usage: string;
  options: T;
  /** true: the command takes no positional arguments, and defineCommand refuses any with one usage line */
  noPositionals?: boolean;
  /** the command itself, given its parsed arguments (and the raw argv, to record how it was called) */
  run(args: ParsedArgs<T>, argv: readonly string[]): Promise<number>;
}

/** A command from its definition: `--help` is added to its options, parsed and answered here. */
export function defineCommand<T extends OptionTable>(def: CommandDefinition<T>): Command {
  const options = { ...def.options, ...HELP };
  return {
    name: def.name, summary: def.summary, usage: def.usage, options,
    async run(argv) {
      const args = parseOptions(def.name, argv, options);
      if (args.values.help) { console.log(helpText(def.name, def.summary, def.usage, options)); return 0; }
      if (def.noPositionals && args.positionals.length > 0) {
        throw new UsageError(`fisherlab ${def.name}: takes no positional arguments, got ${JSON.stringify(args.positionals[0])}; usage: ${def.usage}`);
      }
      return def.run(args, argv);
    },
  };
}
