import { existsSync } from "node:fs";
import { join } from "node:path";
import { resolveConfig } from "../../config/index.js";
import { RUN_FILES } from "../../rundir/index.js";
import { train, TrainingInterrupted } from "../../train/index.js";
import { helpText, parseArgs, requireOption, type OptionSpec } from "../args.js";
import type { Command } from "../command.js";
import { outputDir } from "../outputPaths.js";

const options: Record<string, OptionSpec> = {
  config: { type: "string", help: "YAML or JSON config (default: the built-in defaults)" },
  set: { type: "list", help: "override one key, e.g. --set train.lr=0.01 --set model.hidden=[30,10]" },
  out: { type: "string", help: "run directory to write (required)" },
  resume: { type: "flag", help: "continue the unfinished run in --out from its last completed epoch" },
  force: { type: "flag", help: "overwrite a finished run in --out" },
  quiet: { type: "flag", help: "no progress bar" },
  help: { type: "flag", help: "show this help" },
};

export const trainCommand: Command = {
  name: "train",
  summary: "train a network on rotated images; writes a run directory",
  usage: "fisherlab train [--config cfg.yaml] [--set path=value ...] --out DIR [--resume] [--force]",
  options,
  async run(argv) {
    const args = parseArgs("train", argv, options);
    if (args.options.help) { console.log(helpText("train", this.summary, this.usage, options)); return 0; }
    const outDir = outputDir("train", "out", requireOption("train", args, "out", "the run directory to write"), "run");
    const sets = (args.options.set as string[] | undefined) ?? [];
    const path = args.options.config as string | undefined;
    const resume = Boolean(args.options.resume);
    // --resume alone continues with the run's own config.yaml
    const storedConfig = join(outDir, RUN_FILES.config);
    const config = resume && !path && sets.length === 0 && existsSync(storedConfig)
      ? resolveConfig({ path: storedConfig })
      : resolveConfig({ path, overrides: sets });
    return withInterrupt(async (signal) => {
      const result = await train(config, { outDir, resume, force: Boolean(args.options.force), quiet: args.options.quiet ? true : undefined /* undefined: FISHERLAB_QUIET decides */, signal });
      result.network.dispose();
      const s = result.summary;
      console.log(`${outDir}: best epoch ${s.best_epoch} of ${s.epochs}, val loss ${s.best_val_loss.toFixed(4)}, test MAE ${s.test_mae_deg.toFixed(2)}°, ${s.wall_seconds.toFixed(1)} s`);
      return 0;
    }, TrainingInterrupted);
  },
};

/**
 * Ctrl-C for long-running commands: the first SIGINT aborts the work's signal (it stops at the
 * next safe point, keeping what is on disk) and the command exits with 130, the shell's code for
 * an interrupt; a second SIGINT kills the process at once (Node's default).
 */
export async function withInterrupt(work: (signal: AbortSignal) => Promise<number>, interrupted: abstract new (...args: never[]) => Error): Promise<number> {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once("SIGINT", onSigint);
  try {
    return await work(controller.signal);
  } catch (err) {
    if (err instanceof interrupted) { console.error(err.message); return 130; }
    throw err;
  } finally {
    process.removeListener("SIGINT", onSigint);
  }
}
