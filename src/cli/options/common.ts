import { flagOption, listOption, stringOption, type ParsedArgs } from "./optionTable.js";

/** `--help` (`-h`): every command takes it; `defineCommand` adds it and prints the command's help. */
export const HELP = { help: { type: "boolean", short: "h", help: "show this help" } } as const;

/** `--quiet`: no progress output. */
export const QUIET = { quiet: flagOption("no progress output (FISHERLAB_QUIET=1 does the same)") } as const;

/** `--out`: what the command writes; `help` says what that is for this command. */
export const out = (help: string) => ({ out: stringOption(help) }) as const;

/** `--config`: a YAML or JSON config file; `help` says which sections it has. */
export const config = (help: string) => ({ config: stringOption(help) }) as const;

/** `--set path=value`, repeatable: overrides of a config; `help` gives this command's example. */
export const set = (help: string) => ({ set: listOption(help) }) as const;

/** The `--set` overrides in the order given (none: an empty list). */
export function setValues(args: ParsedArgs<ReturnType<typeof set>>): string[] {
  return args.values.set ?? [];
}

/** `--quiet` as the training loop reads it: true, or undefined to let FISHERLAB_QUIET decide. */
export function quietValue(args: ParsedArgs<typeof QUIET>): true | undefined {
  return args.values.quiet ? true : undefined;
}
