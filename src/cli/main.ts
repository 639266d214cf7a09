import { fisherlabVersion, systemError } from "../io/index.js";
import { UsageError } from "./usageError.js";
import type { Command } from "./command.js";
import { commands } from "./commands/index.js";


function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "fisherlab — train networks to read rotation angles and measure their Fisher information I(θ)",
    "",
    "usage: fisherlab <command> [options]     (fisherlab <command> --help for its options)",
    "",
    "commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join("\n");
}

/** Run the CLI; returns the exit code. Errors become one line on stderr and a non-zero code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(overview());
    return 0;
  }
  if (name === "--version") { console.log(fisherlabVersion()); return 0; }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`fisherlab: unknown command '${name}'; run 'fisherlab --help' for the list`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    // an errno error that no layer translated still becomes one line naming its path and a fix
    const readable = systemError(err);
    const message = readable instanceof Error ? readable.message : String(readable);
    console.error(message.startsWith("fisherlab") ? message : `fisherlab ${name}: ${message}`);
    if (process.env.FISHERLAB_DEBUG === "1" && err instanceof Error) console.error(err.stack);
    return err instanceof UsageError ? 2 : 1;
  }
}
