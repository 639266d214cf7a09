// The shared option fragments every command composes its option table from (one declaration per flag).
export { stringOption, flagOption, listOption, type OptionSpec, type OptionTable, type OptionValues, type ParsedArgs, type StringOption } from "./optionTable.js";
export { parseOptions } from "./parseOptions.js";
export { requireValue, numberValue, integerValue } from "./optionValue.js";
export { HELP, QUIET, out, config, set, setValues, quietValue } from "./common.js";
export { workers, workerCount } from "./workers.js";
export { seed, seedValue } from "./seed.js";
export { QUEUE, queueArgs, type QueueArgs } from "./queue.js";
