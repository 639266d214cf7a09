import type { Command } from "../command.js";

// Every command, in the order `fisherlab --help` lists them. Each lives in its own file.
export const commands: Command[] = [
];
