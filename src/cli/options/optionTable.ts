/**
 * A command's options as data: the table `node:util` parseArgs reads, plus a help text per option.
 * Commands compose their table from the shared fragments in this folder, so a flag that several
 * commands take (`--out`, `--quiet`, `--workers`, `--seed`, `--set`, `--help`) is declared once.
 */
export interface OptionSpec {
  /** "string" takes a value, "boolean" is a flag that takes none */
  type: "string" | "boolean";
  /** a string option that may repeat (e.g. `--set a=1 --set b=2`); its value is a list */
  multiple?: boolean;
  /** one-letter alias, e.g. `-h` for `--help` */
  short?: string;
  help: string;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** The parsed values of a table: a flag is a boolean, a repeatable option a list, any other a string; absent ones are undefined. */
export type OptionValues<T extends OptionTable> = {
  [K in keyof T]?: T[K] extends { type: "boolean" } ? boolean : T[K] extends { multiple: true } ? string[] : string;
};

/** A command's parsed arguments: which command (for messages), the option values and the positionals. */
export interface ParsedArgs<T extends OptionTable> {
  command: string;
  values: OptionValues<T>;
  positionals: string[];
}

/** The option names of a table that take a string value. */
export type StringOption<T extends OptionTable> = { [K in keyof T & string]: T[K] extends { type: "string" } ? K : never }[keyof T & string];

export const stringOption = (help: string) => ({ type: "string", help }) as const;
export const flagOption = (help: string) => ({ type: "boolean", help }) as const;
export const listOption = (help: string) => ({ type: "string", multiple: true, help }) as const;
