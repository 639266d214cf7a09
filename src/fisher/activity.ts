import { matrix, type Matrix } from "../math/index.js";

/** An activity matrix, trials × units: a `Matrix`, an array of rows, or flat data with a shape. */
export type Activity = Matrix | readonly (readonly number[])[] | { shape: readonly number[]; data: ArrayLike<number> };

/**
 * Validate an activity matrix at the boundary and copy it to float64. Rejects ragged rows,
 * empty matrices and non-finite values with a message naming the caller and parameter.
 */
export function toMatrix(fn: string, param: string, x: Activity): Matrix {
  let rows: number, cols: number, data: Float64Array;
  if (Array.isArray(x)) {
    rows = x.length;
    cols = rows > 0 ? (x[0] as readonly number[]).length : 0;
    data = new Float64Array(rows * cols);
    (x as readonly (readonly number[])[]).forEach((row, t) => {
      if (row.length !== cols) throw new Error(`${fn}: ${param} must be a rectangular trials × units matrix, row ${t} has ${row.length} values instead of ${cols}`);
      for (let j = 0; j < cols; j++) data[t * cols + j] = row[j];
    });
  } else if ("shape" in x) {
    if (x.shape.length !== 2) throw new Error(`${fn}: ${param} must be 2-d (trials × units), got shape [${x.shape.join(", ")}]`);
    [rows, cols] = x.shape;
    if (x.data.length !== rows * cols) throw new Error(`${fn}: ${param} has ${x.data.length} values but shape [${rows}, ${cols}]`);
    data = Float64Array.from(x.data);
  } else {
    const m = x as Matrix;
    rows = m.rows; cols = m.cols; data = Float64Array.from(m.data);
  }
  if (rows === 0 || cols === 0) throw new Error(`${fn}: ${param} must have at least one trial and one unit, got ${rows} × ${cols}`);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new Error(`${fn}: ${param} must be finite, got ${data[i]} at trial ${Math.floor(i / cols)}, unit ${i % cols}; drop or impute those trials`);
    }
  }
  return matrix(rows, cols, data);
}

/** Check that two classes have the same number of units and enough trials. */
export function checkPair(fn: string, low: Matrix, high: Matrix, minTrials = 2): void {
  if (low.cols !== high.cols) throw new Error(`${fn}: low and high must have the same number of units, got ${low.cols} and ${high.cols}`);
  if (low.rows < minTrials || high.rows < minTrials) {
    throw new Error(`${fn}: each class needs at least ${minTrials} trials, got ${low.rows} (low) and ${high.rows} (high); record more trials`);
  }
}
