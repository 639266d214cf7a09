/**
 * The loss contract: a mean over the batch of a per-row loss of the 2-d prediction and target,
 * with its analytic gradient. Losses are tiny ([batch, 2]), so they run in plain TypeScript in
 * float64 and accept Float32Array or Float64Array (the tests differentiate them in float64).
 */
export type GradArray = Float32Array | Float64Array;

export interface Loss {
  readonly name: string;
  /**
   * Mean loss over `batch` rows of pred and target ([batch, 2], row-major). When `grad` is given,
   * writes d(loss)/d(pred) into it ([batch, 2]); with `accumulate` it adds instead of writing.
   */
  evaluate(pred: ArrayLike<number>, target: ArrayLike<number>, batch: number, grad?: GradArray, accumulate?: boolean): number;
}

/**
 * Per-row loss of prediction (p0, p1) and target (t0, t1): returns the row's loss and writes
 * d(row loss)/d(p0, p1) into g[0], g[1].
 */
export type RowLoss = (p0: number, p1: number, t0: number, t1: number, g: Float64Array) => number;

/** A `Loss` from a per-row loss: mean over rows, gradient scaled by 1/batch. */
export function rowLoss(name: string, row: RowLoss): Loss {
  const g = new Float64Array(2);
  return {
    name,
    evaluate(pred, target, batch, grad, accumulate = false) {
      checkLossArgs(name, pred, target, batch, grad);
      let total = 0;
      for (let i = 0; i < batch; i++) {
        total += row(pred[2 * i], pred[2 * i + 1], target[2 * i], target[2 * i + 1], g);
        if (grad) {
          const g0 = g[0] / batch, g1 = g[1] / batch;
          if (accumulate) { grad[2 * i] += g0; grad[2 * i + 1] += g1; }
          else { grad[2 * i] = g0; grad[2 * i + 1] = g1; }
        }
      }
      return total / batch;
    },
  };
}

function checkLossArgs(name: string, pred: ArrayLike<number>, target: ArrayLike<number>, batch: number, grad?: GradArray): void {
  const fn = `${name}.evaluate()`;
  if (!Number.isInteger(batch) || batch < 1) throw new Error(`${fn}: batch must be a positive integer, got ${batch}`);
  const n = 2 * batch;
  if (pred.length < n) throw new Error(`${fn}: pred must hold 2·batch = ${n} values, got ${pred.length}; check the batch size`);
  if (target.length < n) throw new Error(`${fn}: target must hold 2·batch = ${n} values, got ${target.length}; encode the targets with encodeAngles()`);
  if (grad && grad.length < n) throw new Error(`${fn}: grad must hold 2·batch = ${n} values, got ${grad.length}`);
}
