import { fourierSmooth, replicateMeanSd } from "../math/index.js";
import { circularMovingAverage } from "./circularMovingAverage.js";
import { circularGrid, integrateCircular, normaliseDensity } from "./gridDensity.js";
import { updateDensity } from "./updateDensity.js";
import { dispersion, type DispersionStatistic } from "./dispersion.js";

export type Smoothing = { kind: "moving_average"; width: number } | { kind: "fourier"; harmonics: number };

export interface AdaptationOptions {
  /** number of grid points over the domain */
  grid: number;
  /** [low, high): one full period of θ */
  domain: readonly [number, number];
  /** "uniform" or explicit density values on the grid */
  initial: "uniform" | readonly number[];
  replicates: number;
  maxIterations: number;
  /** stop when the dispersion of the smoothed I falls below this */
  criterion: number;
  statistic: DispersionStatistic;
  exponent: number;
  damping: number;
  smoothing: Smoothing;
}

/** Measures I(θ) on the grid for every replicate, given the current density. */
export type MeasureIteration = (density: number[], theta: number[], iteration: number) => Promise<number[][]>;

export interface IterationRecord {
  iteration: number;
  theta: number[];
  /** the density the networks of this iteration were fine-tuned on (integrates to 1) */
  density: number[];
  /** one I(θ) curve per replicate, as measured */
  replicateFisher: number[][];
  /** replicate mean of I(θ) */
  fisher: number[];
  /** replicate standard deviation of I(θ) (n − 1 denominator; 0 with one replicate) */
  fisherReplicateSd: number[];
  /** `fisher` after circular smoothing (and flooring, see `floorFisher`) */
  fisherSmoothed: number[];
  /** dispersion statistic of fisherSmoothed */
  criterionValue: number;
  converged: boolean;
  /** ∫|p_k − p_{k−1}| dθ (0 for the first iteration) */
  densityChange: number;
}

export interface AdaptationResult {
  iterations: IterationRecord[];
  converged: boolean;
  /** the density the next iteration would use (equal to the last one's when converged) */
  nextDensity: number[];
}

/**
 * Bias-corrected Fisher estimates can be ≤ 0 where the true I is small; the update divides by
 * I^exponent, so values are floored at this fraction of the curve's mean (documented in README).
 */
export const FISHER_FLOOR_FRACTION = 1e-3;

function floorFisher(values: number[]): number[] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const floor = Math.max(mean, Number.MIN_VALUE) * FISHER_FLOOR_FRACTION;
  return values.map((v) => (Number.isFinite(v) && v > floor ? v : floor));
}

function smooth(values: number[], smoothing: Smoothing): number[] {
  return smoothing.kind === "fourier" ? fourierSmooth(values, smoothing.harmonics) : circularMovingAverage(values, smoothing.width);
}

/** Summarise one iteration's replicate curves into a record (pure; used by the loop and by resume). */
export function summariseIteration(iteration: number, theta: number[], density: number[], replicateFisher: number[][],
  options: AdaptationOptions, previousDensity: number[] | null): IterationRecord {
  const n = theta.length, r = replicateFisher.length;
  if (r === 0) throw new Error("adapt: an iteration needs at least one replicate curve");
  for (const [k, curve] of replicateFisher.entries()) {
    if (curve.length !== n) throw new Error(`adapt: replicate ${k} returned ${curve.length} values for a grid of ${n}`);
  }
  const { mean: fisher, sd } = replicateMeanSd(replicateFisher);
  const fisherReplicateSd = r > 1 ? sd : sd.map(() => 0);
  const fisherSmoothed = floorFisher(smooth(fisher, options.smoothing));
  const criterionValue = dispersion(fisherSmoothed, options.statistic);
  const period = options.domain[1] - options.domain[0];
  const densityChange = previousDensity ? integrateCircular(density.map((p, i) => Math.abs(p - previousDensity[i])), period) : 0;
  return { iteration, theta, density, replicateFisher, fisher, fisherReplicateSd, fisherSmoothed, criterionValue,
    converged: criterionValue < options.criterion, densityChange };
}

/**
 * The adaptation loop (docs/science.md): fine-tune on p, measure I, average replicates, smooth
 * circularly, stop when the dispersion of the smoothed I is below the criterion, otherwise
 * p ← (1 − damping)·p + damping·normalise(p / I^exponent). `done` holds iterations already
 * recorded (resume); `onIteration` persists each new one before the next starts.
 */
export async function adaptationLoop(options: AdaptationOptions, measure: MeasureIteration,
  hooks: { done?: IterationRecord[]; onIteration?: (record: IterationRecord) => void | Promise<void> } = {}): Promise<AdaptationResult> {
  const theta = circularGrid(options.grid, options.domain);
  const period = options.domain[1] - options.domain[0];
  const iterations: IterationRecord[] = [...(hooks.done ?? [])];
  let density: number[];
  if (iterations.length > 0) {
    const last = iterations[iterations.length - 1];
    if (last.converged) return { iterations, converged: true, nextDensity: last.density };
    density = updateDensity(last.density, last.fisherSmoothed, period, options);
  } else if (options.initial === "uniform") {
    density = normaliseDensity(theta.map(() => 1), period);
  } else {
    if (options.initial.length !== options.grid) {
      throw new Error(`adapt: initial density has ${options.initial.length} values but grid is ${options.grid}`);
    }
    density = normaliseDensity([...options.initial], period);
  }
  while (iterations.length < options.maxIterations) {
    const k = iterations.length;
    const curves = await measure(density, theta, k);
    const previous = k > 0 ? iterations[k - 1].density : null;
    const record = summariseIteration(k, theta, density, curves, options, previous);
    iterations.push(record);
    await hooks.onIteration?.(record);
    if (record.converged) return { iterations, converged: true, nextDensity: density };
    density = updateDensity(density, record.fisherSmoothed, period, options);
  }
  return { iterations, converged: false, nextDensity: density };
}
