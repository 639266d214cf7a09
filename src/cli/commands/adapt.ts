import { join } from "node:path";
import { runAdaptation } from "../../adapt/index.js";
import { resolveAdaptConfig } from "../../config/index.js";
import { ADAPT_FILES } from "../../rundir/index.js";
import { defineCommand } from "../command.js";
import { config, out, QUIET, quietValue, requireValue, set, setValues, stringOption, workerCount, workers } from "../options/index.js";
import { outputDir } from "../outputPaths.js";

const options = {
  from: stringOption("the pretrained run directory (fisherlab train --out DIR)"),
  ...out("ADIR: iterations.csv, replicates.csv, summary.json, adapt.svg, iter_k/rep_r/"),
  ...config("adapt.yaml with adapt: and finetune: sections (defaults otherwise)"),
  ...set("override a key, e.g. adapt.damping=0.5 or finetune.max_epochs=20"),
  ...workers("worker threads for each iteration's replicates (default: one per core; 0 runs them in this process)"),
  ...QUIET,
} as const;

export const adaptCommand = defineCommand({
  name: "adapt",
  summary: "iterate fine-tune on p → measure I(θ) → move p towards a fixed point; rerun to resume",
  usage: "fisherlab adapt --from DIR --out ADIR [--config adapt.yaml] [--set key=value ...]",
  options,
  async run(args) {
    const from = requireValue(args, "from", "a finished run directory to fine-tune from");
    const outDir = outputDir("adapt", "out", requireValue(args, "out", "the adaptation run's directory"), "adapt");
    const resolved = resolveAdaptConfig({ path: args.values.config, overrides: setValues(args) });
    const summary = await runAdaptation(from, resolved, { outDir, quiet: quietValue(args), workers: workerCount(args) });
    console.log(`${summary.converged ? "converged" : "not converged"} after ${summary.iterations_run} iteration${summary.iterations_run === 1 ? "" : "s"}; ` +
      `${summary.statistic} of the smoothed I: ${summary.criterion.map((c) => c.toPrecision(3)).join(" → ")}`);
    console.log(`results: ${[ADAPT_FILES.iterations, ADAPT_FILES.summary, ADAPT_FILES.plot].map((f) => join(outDir, f)).join(", ")}`);
    return 0;
  },
});
