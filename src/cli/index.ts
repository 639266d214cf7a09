export { main } from "./main.js";
export { UsageError } from "./usageError.js";
export { defineCommand, type Command, type CommandDefinition } from "./command.js";
export { helpText } from "./helpText.js";
export * from "./options/index.js";
