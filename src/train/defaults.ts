/**
 * Every default of src/train in one place, each with the reason it has this value (STYLE.md
 * habit 6). The training hyper-parameters themselves (batch size, lr, patience, …) are config
 * keys with their defaults in src/experiments/defaults.ts; these are the loop's own constants.
 */
export const TRAIN_DEFAULTS = {
  imageSize: 64, // SCIENCE.md: 64×64 grey images; the MLP's input is 64·64 = 4096 pixels
  outputSize: 2, // every angle encoding is 2-d
  renderChunk: 1024, // training images rendered per chunk: 16 MiB of float32, reused every chunk
  evalBatch: 512, // rows per forward pass when evaluating: big products, bounded activation memory
  predictBatch: 512, // same for `predict`
  // inline by default: with the wasm rotation kernel rendering costs about a third of the steps, and
  // on a busy 2-core machine (a sweep runs one training per core) a render thread slowed the steps
  // more than it saved (docs/performance.md); the worker remains for an otherwise idle second core
  renderWorker: false,
} as const;

/** The files of a run directory (issue 4). */
export const RUN_FILES = {
  config: "config.yaml", // fully resolved config
  metrics: "metrics.csv", // one row per completed epoch
  model: "model.safetensors", // the best weights (the ones test metrics are computed with)
  optimizer: "optimizer.safetensors", // Adam's state at the best epoch: the pair restarts fine-tuning
  summary: "summary.json", // written last: its presence marks a finished run
  checkpoint: "checkpoint.safetensors", // last completed epoch: weights, Adam, best weights, early stopping
} as const;
