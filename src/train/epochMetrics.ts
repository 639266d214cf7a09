/** One row of metrics.csv: what one training epoch did. */
export interface EpochMetrics {
  /** 1-based epoch number */
  readonly epoch: number;
  /** mean training loss over the epoch's mini-batches (train mode: dropout on) */
  readonly train_loss: number;
  readonly val_loss: number;
  /** mean |decoded − true angle| on the validation set, degrees, wrapped to the encoding's period */
  readonly val_mae_deg: number;
  /** mean ‖output‖ on the validation set */
  readonly output_norm: number;
  /** wall time of the epoch (rendering, training steps, validation) */
  readonly seconds: number;
}

/** metrics.csv's columns, in order. */
export const METRIC_COLUMNS = ["epoch", "train_loss", "val_loss", "val_mae_deg", "output_norm", "seconds"] as const;
