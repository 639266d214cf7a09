import { parseArgs } from "node:util";
import { UsageError } from "../usageError.js";
import type { OptionSpec, OptionTable, OptionValues, ParsedArgs } from "./optionTable.js";

/**
 * Parse `argv` against a command's option table with node:util `parseArgs`: `--key value`,
 * `--key=value`, flags, repeatable options and positionals; after `--` everything is positional.
 * parseArgs runs non-strict and this function checks its tokens, because strict mode refuses a
 * value that starts with a dash (`--distribution.loc -1`) and its messages do not name the command;
 * an unknown option, a flag given a value or a value missing is a UsageError naming the fix.
 */
export function parseOptions<T extends OptionTable>(command: string, argv: readonly string[], table: T): ParsedArgs<T> {
  // parseArgs refuses keys it does not know (help) and keys set to undefined
  const config = Object.fromEntries(Object.entries(table).map(([name, o]) => [name, { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) }]));
  const { tokens } = parseArgs({ args: [...argv], options: config, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, string | boolean | string[]> = {};
  const lists: Record<string, string[]> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") { positionals.push(token.value); continue; }
    if (token.kind !== "option") continue; // the `--` terminator
    const spec: OptionSpec | undefined = Object.hasOwn(table, token.name) ? table[token.name] : undefined;
    if (!spec) {
      const known = Object.keys(table).map((k) => "--" + k).join(", ");
      throw new UsageError(`fisherlab ${command}: unknown option ${token.rawName}; known options: ${known}`);
    }
    if (spec.type === "boolean") {
      if (token.value !== undefined) throw new UsageError(`fisherlab ${command}: --${token.name} is a flag and takes no value`);
      values[token.name] = true;
      continue;
    }
    if (token.value === undefined) throw new UsageError(`fisherlab ${command}: --${token.name} needs a value (${spec.help})`);
    if (spec.multiple) (lists[token.name] ??= []).push(token.value);
    else values[token.name] = token.value;
  }
  Object.assign(values, lists);
  // the table's types decide each value's type (checked above), which TypeScript cannot follow through the loop
  return { command, values: values as OptionValues<T>, positionals };
}
