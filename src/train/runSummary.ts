/** summary.json of a finished run; written last, atomically. */
export interface RunSummary {
  /** epoch whose weights are in model.safetensors (lowest validation loss) */
  readonly best_epoch: number;
  readonly best_val_loss: number;
  readonly best_val_mae_deg: number;
  readonly test_loss: number;
  /** mean |decoded − true angle| on the test split, degrees, wrapped to the encoding's period */
  readonly test_mae_deg: number;
  readonly test_output_norm: number;
  /** epochs completed (≤ train.max_epochs) */
  readonly epochs: number;
  /** true when early stopping ended the run before train.max_epochs */
  readonly stopped_early: boolean;
  /** wall time of all attempts (resumes included), seconds */
  readonly wall_seconds: number;
  /**
   * seconds the training loop spent getting training images (rendering them, or waiting for the
   * render worker: rendering hidden behind the steps is not counted) and in network steps
   * (forward, backward, clipping, Adam)
   */
  readonly render_seconds: number;
  readonly step_seconds: number;
  /** whether a worker thread rendered the training images (chunkRenderer.ts) */
  readonly render_worker: boolean;
  readonly fisherlab_version: string;
  readonly seed: number;
  /** run directory this run was fine-tuned from (null for a run trained from scratch) */
  readonly parent: string | null;
  /** fine-tunes: whether Adam started fresh (true) or from the parent's state (false) */
  readonly reset_optimizer: boolean | null;
  /** the kernels the run used, e.g. "wasm relaxed-simd" */
  readonly kernels: string;
}
