import { fineTune, TrainingInterrupted } from "../../train/index.js";
import { defineCommand } from "../command.js";
import { withInterrupt } from "../interrupt.js";
import { flagOption, out, QUIET, quietValue, requireValue, set, setValues, stringOption } from "../options/index.js";
import { outputDir } from "../outputPaths.js";

const options = {
  from: stringOption("finished run directory to start from (required)"),
  ...out("run directory to write (required)"),
  ...set("change the parent's config, e.g. --set data.distribution.kappa=4 --set train.lr=0.0001"),
  "reset-optimizer": flagOption("start Adam fresh instead of from the parent's optimizer state"),
  resume: flagOption("continue the unfinished fine-tune in --out"),
  force: flagOption("overwrite a finished run in --out"),
  ...QUIET,
} as const;

export const finetuneCommand = defineCommand({
  name: "finetune",
  summary: "fine-tune a trained network on a new distribution, loss or learning rate",
  usage: "fisherlab finetune --from DIR --out DIR2 [--set path=value ...] [--reset-optimizer]",
  options,
  async run(args) {
    const fromDir = requireValue(args, "from", "the finished run to start from");
    const outDir = outputDir("finetune", "out", requireValue(args, "out", "the run directory to write"), "run");
    return withInterrupt(async (signal) => {
      const result = await fineTune(fromDir, setValues(args), {
        outDir, resetOptimizer: Boolean(args.values["reset-optimizer"]), resume: Boolean(args.values.resume),
        force: Boolean(args.values.force), quiet: quietValue(args), signal,
      });
      result.network.dispose();
      const s = result.summary;
      console.log(`${outDir}: fine-tuned from ${fromDir}, best epoch ${s.best_epoch} of ${s.epochs}, val loss ${s.best_val_loss.toFixed(4)}, test MAE ${s.test_mae_deg.toFixed(2)}°, ${s.wall_seconds.toFixed(1)} s`);
      return 0;
    }, TrainingInterrupted);
  },
});
