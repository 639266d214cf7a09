import { existsSync } from "node:fs";
import { join } from "node:path";
import { resolveConfig } from "../../config/index.js";
import { RUN_FILES } from "../../rundir/index.js";
import { train, TrainingInterrupted } from "../../train/index.js";
import { defineCommand } from "../command.js";
import { withInterrupt } from "../interrupt.js";
import { config, flagOption, out, QUIET, quietValue, requireValue, set, setValues } from "../options/index.js";
import { outputDir } from "../outputPaths.js";

const options = {
  ...config("YAML or JSON config (default: the built-in defaults)"),
  ...set("override one key, e.g. --set train.lr=0.01 --set model.hidden=[30,10]"),
  ...out("run directory to write (required)"),
  resume: flagOption("continue the unfinished run in --out from its last completed epoch"),
  force: flagOption("overwrite a finished run in --out"),
  ...QUIET,
} as const;

export const trainCommand = defineCommand({
  name: "train",
  summary: "train a network on rotated images; writes a run directory",
  usage: "fisherlab train [--config cfg.yaml] [--set path=value ...] --out DIR [--resume] [--force]",
  options,
  async run(args) {
    const outDir = outputDir("train", "out", requireValue(args, "out", "the run directory to write"), "run");
    const sets = setValues(args);
    const path = args.values.config;
    const resume = Boolean(args.values.resume);
    // --resume alone continues with the run's own config.yaml
    const storedConfig = join(outDir, RUN_FILES.config);
    const resolved = resume && !path && sets.length === 0 && existsSync(storedConfig)
      ? resolveConfig({ path: storedConfig })
      : resolveConfig({ path, overrides: sets });
    return withInterrupt(async (signal) => {
      const result = await train(resolved, { outDir, resume, force: Boolean(args.values.force), quiet: quietValue(args), signal });
      result.network.dispose();
      const s = result.summary;
      console.log(`${outDir}: best epoch ${s.best_epoch} of ${s.epochs}, val loss ${s.best_val_loss.toFixed(4)}, test MAE ${s.test_mae_deg.toFixed(2)}°, ${s.wall_seconds.toFixed(1)} s`);
      return 0;
    }, TrainingInterrupted);
  },
});
