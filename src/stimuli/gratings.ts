import type { Rng } from "../engine/index.js";
import { STIMULI_DEFAULTS } from "./defaults.js";
import { checkOptions, paramRules, isFiniteNumber } from "../rules/index.js";

export interface GratingOptions {
  /** P: the image is P×P */
  size: number;
  /** f in z = cos(f·(y cos θ + x sin θ)) */
  frequency: number;
  /** probability that a pixel gets shot noise */
  shotProbability: number;
  /** variance of the Gaussian shot noise */
  shotVariance: number;
}

export const GRATING_DEFAULTS: GratingOptions = {
  size: STIMULI_DEFAULTS.gratingSize,
  frequency: STIMULI_DEFAULTS.gratingFrequency,
  shotProbability: STIMULI_DEFAULTS.gratingShotProbability,
  shotVariance: STIMULI_DEFAULTS.gratingShotVariance,
};

const GRATING_RULES = {
  size: [{ rule: "must be an integer >= 2", test: (v: unknown) => Number.isInteger(v) && (v as number) >= 2, fix: "e.g. size=64" }],
  frequency: [{ rule: "must be a finite number > 0", test: (v: unknown) => isFiniteNumber(v) && v > 0, fix: "e.g. frequency=5" }],
  shotProbability: [{ rule: "must be in [0, 1]", test: (v: unknown) => isFiniteNumber(v) && v >= 0 && v <= 1, fix: "use 0 for noise-free gratings" }],
  shotVariance: [{ rule: "must be a finite number >= 0", test: (v: unknown) => isFiniteNumber(v) && v >= 0, fix: "e.g. shotVariance=1" }],
};

export function checkGratingOptions(options: GratingOptions): void {
  checkOptions("gratings", paramRules(GRATING_RULES), options);
}

/**
 * One grating (docs/science.md): on a P×P grid with x (columns) and y (rows) both linspace(−π, π, P),
 * z = cos(f·(y cos θ + x sin θ)); each pixel with probability p gets N(0, v) noise added, then z is
 * clamped to [−1, 1]; pixels with x² + y² ≥ 6 are set to 0. π-periodic in θ. The noise comes
 * from `rng`, so every call draws a fresh instance (a fixed noise instance per dataset was a bug
 * in the original work). Masked pixels draw no noise. Writes out[offset .. offset + P²).
 */
export function renderGrating(theta: number, options: GratingOptions, rng: Rng, out: Float32Array, offset = 0): void {
  const { size, frequency, shotProbability, shotVariance } = options;
  const { coord, inside, ca, sa, cb, sb } = gratingGrid(size);
  // cos(f(y cos θ + x sin θ)) = cos(a_y)cos(b_x) − sin(a_y)sin(b_x): 4·P trig calls instead of P²
  const c = Math.cos(theta), s = Math.sin(theta);
  for (let i = 0; i < size; i++) {
    ca[i] = Math.cos(frequency * coord[i] * c); sa[i] = Math.sin(frequency * coord[i] * c);
    cb[i] = Math.cos(frequency * coord[i] * s); sb[i] = Math.sin(frequency * coord[i] * s);
  }
  for (let k = 0; k < size * size; k++) out[offset + k] = 0;
  for (const k of inside) {
    const row = (k / size) | 0, col = k - row * size;
    out[offset + k] = ca[row] * cb[col] - sa[row] * sb[col];
  }
  if (shotProbability > 0 && shotVariance > 0) {
    // Bernoulli(p) per unmasked pixel, drawn as geometric gaps between hit pixels (same law, ~1/p
    // fewer uniforms): gap = floor(log U / log(1 − p)).
    const sd = Math.sqrt(shotVariance);
    const logq = Math.log1p(-shotProbability);
    let j = shotProbability >= 1 ? 0 : Math.floor(Math.log(1 - rng.uniform()) / logq);
    while (j < inside.length) {
      out[offset + inside[j]] += sd * rng.normal();
      j += 1 + (shotProbability >= 1 ? 0 : Math.floor(Math.log(1 - rng.uniform()) / logq));
    }
  }
  for (const k of inside) {
    const z = out[offset + k];
    out[offset + k] = z < -1 ? -1 : z > 1 ? 1 : z;
  }
}

interface GratingGrid {
  readonly coord: Float64Array;
  readonly inside: Int32Array;
  /** [P] scratch rows of renderGrating's separable cosine, overwritten by every call (no allocation per image) */
  readonly ca: Float64Array; readonly sa: Float64Array; readonly cb: Float64Array; readonly sb: Float64Array;
}

const gridCache = new Map<number, GratingGrid>();

/** linspace(−π, π, P) and the row-major indices of the pixels with x² + y² < 6, cached per size. */
function gratingGrid(size: number): GratingGrid {
  let g = gridCache.get(size);
  if (g) return g;
  const coord = Float64Array.from({ length: size }, (_, i) => -Math.PI + (i * 2 * Math.PI) / (size - 1));
  const inside: number[] = [];
  for (let row = 0; row < size; row++) for (let col = 0; col < size; col++) {
    if (coord[col] ** 2 + coord[row] ** 2 < STIMULI_DEFAULTS.gratingMaskRadiusSquared) inside.push(row * size + col);
  }
  const scratch = (): Float64Array => new Float64Array(size);
  g = { coord, inside: Int32Array.from(inside), ca: scratch(), sa: scratch(), cb: scratch(), sb: scratch() };
  gridCache.set(size, g);
  return g;
}
