import type { Rng } from "../engine/index.js";
import type { StimulusSource } from "../stimuli/index.js";
import type { LabelledImages } from "./labelledImages.js";
import type { ShotNoise } from "./shotNoise.js";

/**
 * What the training loop needs from the stimuli: a fresh, seeded sample of training angles and
 * identities for every epoch (drawn from the epoch's stream, so a resumed run sees the same
 * images), rendered chunk by chunk from `source` with `noise` (chunkRenderer.ts, renderRows.ts),
 * and fixed validation and test sets. Built from `config.data` by `buildTrainingData` (buildTrainingData.ts).
 */
export interface TrainingData {
  /** pixels per image (the network's input width) */
  readonly pixels: number;
  /** the image source the epoch samples are rendered from (a render worker rebuilds it from its spec and bank) */
  readonly source: StimulusSource;
  readonly noise: ShotNoise;
  /** images per epoch (data.train_size) */
  readonly trainSize: number;
  /**
   * Draw one epoch's training sample (angles and identities) from `rng` — the epoch's own stream
   * (epochRng.ts), so the sample is a pure function of (seed, epoch). Cheap: nothing is rendered.
   */
  epochSample(rng: Rng): EpochSample;
  readonly val: LabelledImages;
  readonly test: LabelledImages;
}

export interface EpochSample {
  /** [trainSize] the sample's angles, radians */
  readonly angles: Float64Array;
  /** [trainSize] the sample's identities */
  readonly identities: Int32Array;
  /** sample i's noise comes from createRng(noiseSeed).fork(i) (renderRows.ts) */
  readonly noiseSeed: number;
}
