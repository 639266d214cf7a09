/**
 * A trainable tensor as the optimizer, gradient clipping and checkpoints see it: PyTorch-style
 * name (`layers.0.weight`), shape, values and gradient (both in kernel memory).
 */
export interface Parameter {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: Float32Array;
  readonly grad: Float32Array;
  /** Frozen parameters are skipped by Adam and by gradient clipping (PyTorch: requires_grad=False). */
  readonly frozen: boolean;
}
