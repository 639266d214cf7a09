import { fineTune, TrainingInterrupted } from "../../train/index.js";
import { helpText, parseArgs, requireOption, type OptionSpec } from "../args.js";
import type { Command } from "../command.js";
import { outputDir } from "../outputPaths.js";
import { withInterrupt } from "./train.js";

const options: Record<string, OptionSpec> = {
  from: { type: "string", help: "finished run directory to start from (required)" },
  out: { type: "string", help: "run directory to write (required)" },
  set: { type: "list", help: "change the parent's config, e.g. --set data.distribution.kappa=4 --set train.lr=0.0001" },
  "reset-optimizer": { type: "flag", help: "start Adam fresh instead of from the parent's optimizer state" },
  resume: { type: "flag", help: "continue the unfinished fine-tune in --out" },
  force: { type: "flag", help: "overwrite a finished run in --out" },
  quiet: { type: "flag", help: "no progress bar" },
  help: { type: "flag", help: "show this help" },
};

export const finetuneCommand: Command = {
  name: "finetune",
  summary: "fine-tune a trained network on a new distribution, loss or learning rate",
  usage: "fisherlab finetune --from DIR --out DIR2 [--set path=value ...] [--reset-optimizer]",
  options,
  async run(argv) {
    const args = parseArgs("finetune", argv, options);
    if (args.options.help) { console.log(helpText("finetune", this.summary, this.usage, options)); return 0; }
    const fromDir = requireOption("finetune", args, "from", "the finished run to start from");
    const outDir = outputDir("finetune", "out", requireOption("finetune", args, "out", "the run directory to write"), "run");
    const sets = (args.options.set as string[] | undefined) ?? [];
    return withInterrupt(async (signal) => {
      const result = await fineTune(fromDir, sets, {
        outDir, resetOptimizer: Boolean(args.options["reset-optimizer"]), resume: Boolean(args.options.resume),
        force: Boolean(args.options.force), quiet: args.options.quiet ? true : undefined /* undefined: FISHERLAB_QUIET decides */, signal,
      });
      result.network.dispose();
      const s = result.summary;
      console.log(`${outDir}: fine-tuned from ${fromDir}, best epoch ${s.best_epoch} of ${s.epochs}, val loss ${s.best_val_loss.toFixed(4)}, test MAE ${s.test_mae_deg.toFixed(2)}°, ${s.wall_seconds.toFixed(1)} s`);
      return 0;
    }, TrainingInterrupted);
  },
};
