import type { OptionTable } from "./options/index.js";

/** `fisherlab <command> --help`: the summary, the usage and one line per option. */
export function helpText(command: string, summary: string, usage: string, options: OptionTable): string {
  const lines = [`fisherlab ${command} — ${summary}`, "", `usage: ${usage}`, "", "options:"];
  for (const [name, opt] of Object.entries(options)) {
    const left = `  ${opt.short ? `-${opt.short}, ` : ""}--${name}${opt.type === "boolean" ? "" : " VALUE"}${opt.multiple ? " (repeatable)" : ""}`;
    lines.push(`${left.padEnd(34)} ${opt.help}`);
  }
  return lines.join("\n");
}
