export { main } from "./main.js";
export { parseArgs, requireOption, numberOption, helpText, UsageError, type OptionSpec, type ParsedArgs } from "./args.js";
export type { Command } from "./command.js";
