import type { Command } from "./command.js";

/** What every command shares; the generated page starts with it. */
const CONVENTIONS = `\`npx fisherlab --help\` lists the commands; \`npx fisherlab <command> --help\` lists a command's
options. Every command validates its input at the boundary: a malformed config, an unknown key or
loss, a shape mismatch, a missing file or NaN weights give one line naming the field and the fix,
and a non-zero exit code (2 for usage errors, 1 for failures). Outputs are written atomically
(temp file + rename); training, sweeps and the adaptation loop resume where they stopped when
rerun. Long work shows a progress bar with ETA on a terminal and plain lines otherwise (\`--quiet\`
or \`FISHERLAB_QUIET=1\` silences it). Every random step takes a seed; the same seed gives the same
numbers (with the same kernel build: the relaxed-SIMD and plain-SIMD builds round differently, and
\`summary.json\` records which one ran).

A typical session by hand:

\`\`\`sh
npx fisherlab train --set data.train_size=4096 --set train.max_epochs=60 --out runs/pre
npx fisherlab finetune --from runs/pre --out runs/k4 --set data.distribution.kappa=4 --set data.distribution.loc=3.14 --set train.max_epochs=30
npx fisherlab fisher --run runs/k4 --method derivative --out runs/k4/fi.csv --plot runs/k4/fi.png
npx fisherlab adapt --from runs/pre --out runs/adapt --set adapt.damping=0.5 --set finetune.max_epochs=20
\`\`\`

Example experiments (\`examples/\`, each file states its job count and run time): \`main.yaml\` (the
main job), \`loss_kappa.yaml\` (loss × κ, the original sweep), \`frozen_base.yaml\` (freezing the
first layer, keeping vs resetting Adam), \`constraint.yaml\` (the constraint term λ), \`adapt.yaml\`
(the adaptation loop).`;

const cell = (text: string): string => text.replace(/\|/g, "\\|");

/**
 * docs/cli.md: the conventions, then every command's summary, usage and options, generated from
 * the commands' own tables (`npm run docs` writes it; test/docs.test.ts fails when it drifts).
 */
export function cliReference(commands: readonly Command[]): string {
  const out = [
    "# The `fisherlab` command",
    "",
    "<!-- Generated from src/cli/commands by `npm run docs`; edit the command tables, not this page. -->",
    "",
    CONVENTIONS,
    "",
    "## Commands",
    "",
    "| command | what it does |",
    "| --- | --- |",
    ...commands.map((c) => `| [\`${c.name}\`](#fisherlab-${c.name}) | ${cell(c.summary)} |`),
  ];
  for (const c of commands) {
    out.push("", `## fisherlab ${c.name}`, "", `${c.summary[0].toUpperCase()}${c.summary.slice(1)}.`, "", "```", c.usage, "```", "",
      "| option | value | meaning |", "| --- | --- | --- |");
    for (const [name, opt] of Object.entries(c.options)) {
      const value = opt.type === "boolean" ? "" : opt.multiple ? "VALUE (repeatable)" : "VALUE";
      const alias = opt.short ? ` (\`-${opt.short}\`)` : "";
      out.push(`| \`--${name}\`${alias} | ${value} | ${cell(opt.help)} |`);
    }
  }
  return out.join("\n") + "\n";
}
