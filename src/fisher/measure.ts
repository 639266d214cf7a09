/** A point measurement of I at one angle with its standard error (any estimator can provide it). */
export type Measure = (theta: number) => { fisher: number; stderr: number };
