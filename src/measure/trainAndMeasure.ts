import type { Config } from "../config/index.js";
import { fineTune, train, type ConfigOverrides } from "../train/index.js";
import type { ConfiguredMeasurement } from "./measureRun.js";
import { writeMeasurements } from "./writeMeasurements.js";

/** What to run before measuring: train from scratch, or fine-tune a finished run. */
export type StageRun =
  | { kind: "train"; config: Config }
  | { kind: "finetune"; from: string; overrides: ConfigOverrides; resetOptimizer: boolean };

/**
 * Train or fine-tune into `runDir` as a job of the pool (the pool owns status.json; training
 * resumes from its checkpoint when `resume`), then take each Fisher measurement of the trained
 * network and write it as fisher_<method>_<layer>.csv in the run directory. The one path shared
 * by the sweep's stage jobs and the adaptation loop's replicates, so they cannot differ.
 */
export async function trainAndMeasure(stage: StageRun, measurements: readonly ConfiguredMeasurement[],
  where: { runDir: string; resume: boolean }): Promise<{ summary: Record<string, unknown>; files: string[] }> {
  const common = { outDir: where.runDir, resume: where.resume, quiet: true, ownStatus: false } as const;
  const result = stage.kind === "train"
    ? await train(stage.config, common)
    : await fineTune(stage.from, stage.overrides, { ...common, resetOptimizer: stage.resetOptimizer });
  try {
    const files = writeMeasurements(result.network, result.config, measurements, where.runDir);
    return { summary: { ...result.summary }, files };
  } finally {
    result.network.dispose();
  }
}
