import { join } from "node:path";
import { helpText, numberOption, parseArgs, requireOption, type OptionSpec } from "../args.js";
import type { Command } from "../command.js";
import { outputDir } from "../outputPaths.js";
import { runAdaptation } from "../../adapt/index.js";
import { resolveAdaptConfig } from "../../config/index.js";
import { defaultWorkers } from "../../pool/index.js";
import { ADAPT_FILES } from "../../rundir/index.js";

const options: Record<string, OptionSpec> = {
  from: { type: "string", help: "the pretrained run directory (fisherlab train --out DIR)" },
  out: { type: "string", help: "ADIR: iterations.csv, replicates.csv, summary.json, adapt.svg, iter_k/rep_r/" },
  config: { type: "string", help: "adapt.yaml with adapt: and finetune: sections (defaults otherwise)" },
  set: { type: "list", help: "override a key, e.g. adapt.damping=0.5 or finetune.max_epochs=20" },
  workers: { type: "string", help: "worker threads for each iteration's replicates (default: one per core)" },
  quiet: { type: "flag", help: "no progress output" },
  help: { type: "flag", help: "show this help" },
};
const usage = "fisherlab adapt --from DIR --out ADIR [--config adapt.yaml] [--set key=value ...]";

export const adaptCommand: Command = {
  name: "adapt",
  summary: "iterate fine-tune on p → measure I(θ) → move p towards a fixed point; rerun to resume",
  usage,
  options,
  async run(argv) {
    const args = parseArgs("adapt", argv, options);
    if (args.options.help) { console.log(helpText("adapt", this.summary, usage, options)); return 0; }
    const from = requireOption("adapt", args, "from", "a finished run directory to fine-tune from");
    const out = outputDir("adapt", "out", requireOption("adapt", args, "out", "the adaptation run's directory"), "adapt");
    const config = resolveAdaptConfig({ path: args.options.config as string | undefined, overrides: (args.options.set as string[] | undefined) ?? [] });
    const workers = numberOption("adapt", args, "workers", defaultWorkers(), (v) => Number.isInteger(v) && v >= 0, "an integer ≥ 0 (0 runs replicates in this process)");
    const summary = await runAdaptation(from, config, { outDir: out, quiet: Boolean(args.options.quiet), workers });
    console.log(`${summary.converged ? "converged" : "not converged"} after ${summary.iterations_run} iteration${summary.iterations_run === 1 ? "" : "s"}; ` +
      `${summary.statistic} of the smoothed I: ${summary.criterion.map((c) => c.toPrecision(3)).join(" → ")}`);
    console.log(`results: ${[ADAPT_FILES.iterations, ADAPT_FILES.summary, ADAPT_FILES.plot].map((f) => join(out, f)).join(", ")}`);
    return 0;
  },
};
