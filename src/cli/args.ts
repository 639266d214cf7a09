/**
 * Command-line parsing shared by every command: `--key value`, `--key=value`, boolean flags,
 * repeatable options (e.g. `--set a.b=1 --set c=2`) and positionals. Unknown options are errors.
 */
export class UsageError extends Error {}

export interface OptionSpec {
  /** "string" takes a value, "flag" takes none, "list" takes a value and may repeat */
  type: "string" | "flag" | "list";
  help: string;
}

export interface ParsedArgs {
  options: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export function parseArgs(command: string, argv: readonly string[], spec: Record<string, OptionSpec>): ParsedArgs {
  const options: ParsedArgs["options"] = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--") || arg === "--") {
      if (arg !== "--") positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const opt = spec[name];
    if (!opt) {
      const known = Object.keys(spec).map((k) => "--" + k).join(", ");
      throw new UsageError(`fisherlab ${command}: unknown option --${name}; known options: ${known}`);
    }
    if (opt.type === "flag") {
      if (eq >= 0) throw new UsageError(`fisherlab ${command}: --${name} is a flag and takes no value`);
      options[name] = true;
      continue;
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      if (i + 1 >= argv.length) throw new UsageError(`fisherlab ${command}: --${name} needs a value (${opt.help})`);
      value = argv[++i];
    }
    if (opt.type === "list") options[name] = [...((options[name] as string[] | undefined) ?? []), value];
    else options[name] = value;
  }
  return { options, positionals };
}

/** A required string option, or a UsageError naming it. */
export function requireOption(command: string, args: ParsedArgs, name: string, hint: string): string {
  const v = args.options[name];
  if (typeof v !== "string" || v.length === 0) throw new UsageError(`fisherlab ${command}: --${name} is required (${hint})`);
  return v;
}

/** A numeric option with a default, validated by `check` (a rule text for the message). */
export function numberOption(command: string, args: ParsedArgs, name: string, fallback: number,
  check: (v: number) => boolean = Number.isFinite, rule = "a finite number"): number {
  const v = args.options[name];
  if (v === undefined) return fallback;
  const x = Number(v);
  if (typeof v !== "string" || v.trim() === "" || !Number.isFinite(x) || !check(x)) {
    throw new UsageError(`fisherlab ${command}: --${name} must be ${rule}, got ${JSON.stringify(v)}`);
  }
  return x;
}

export function helpText(command: string, summary: string, usage: string, spec: Record<string, OptionSpec>): string {
  const lines = [`fisherlab ${command} — ${summary}`, "", `usage: ${usage}`, "", "options:"];
  for (const [name, opt] of Object.entries(spec)) {
    const left = `  --${name}${opt.type === "flag" ? "" : " VALUE"}${opt.type === "list" ? " (repeatable)" : ""}`;
    lines.push(`${left.padEnd(34)} ${opt.help}`);
  }
  return lines.join("\n");
}
