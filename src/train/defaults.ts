/**
 * Every default of src/train in one place, each with the reason it has this value. The training
 * hyper-parameters themselves (batch size, lr, patience, …) are config keys with their defaults
 * in src/config/defaults.ts; these are the loop's own constants. Run-directory file names live
 * in src/rundir/files.ts.
 */
export const TRAIN_DEFAULTS = {
  imageSize: 64, // the original work: 64×64 grey images; the MLP's input is 64·64 = 4096 pixels
  outputSize: 2, // every angle encoding is 2-d
  renderChunk: 1024, // training images rendered per chunk: 16 MiB of float32, reused every chunk
  evalBatch: 512, // rows per forward pass when evaluating: big products, bounded activation memory
  predictBatch: 512, // same for `predict`
  renderWorker: true, // rendering costs about as much as the steps: overlap them when a second core exists
} as const;
