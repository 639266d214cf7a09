import type { AdaptConfig, Config, FisherMeasurement } from "../config/index.js";
import type { PoolJob } from "../pool/index.js";

export type { PoolJob };

interface JobBase extends PoolJob {
  /** "pretrain", a fine-tuning stage's name, or "adapt" */
  stage: string;
  replicate: number;
  /** swept key → value, for the keys that affect this job */
  condition: Record<string, unknown>;
  /** the seed this job runs with (also written into its config) */
  seed: number;
}

/** Train from scratch ("train") or fine-tune from the parent's checkpoint ("finetune"). */
export interface StageJob extends JobBase {
  kind: "train" | "finetune";
  config: Config;
  /** fine-tuning only: start Adam fresh instead of from the parent's optimizer state */
  reset_optimizer: boolean;
  /** Fisher measurements to take after training, written as fisher_<method>_<layer>.csv */
  measurements: FisherMeasurement[];
}

/** The adaptation loop (docs/adaptation.md), starting from the parent's checkpoint. */
export interface AdaptJob extends JobBase {
  kind: "adapt";
  config: AdaptConfig;
  measurements: FisherMeasurement[];
}

export type Job = StageJob | AdaptJob;
