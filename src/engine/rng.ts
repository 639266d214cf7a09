/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna 2018) seeded through splitmix32.
 * Every random function in fisherlab takes an `Rng`; there is no hidden global generator.
 * `fork(label)` derives an independent stream, so that adding draws to one consumer never shifts
 * the numbers another consumer sees (e.g. dropout masks vs. data shuffling).
 */
export interface Rng {
  /** The seed this stream was created from (for provenance). */
  readonly seed: number;
  /** Uniform in [0, 1), 53-bit resolution. */
  uniform(): number;
  /** Standard normal N(0, 1) (Marsaglia polar method). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** 32 random bits as an unsigned integer. */
  next32(): number;
  /** An independent generator derived from this one's seed and `label`. */
  fork(label: string | number): Rng;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a over a string: turns fork labels into 32-bit numbers. */
function hashLabel(label: string | number): number {
  const text = String(label);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A generator seeded by a non-negative integer (`seed` is reduced mod 2³²). */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new Error(`createRng(): seed must be a finite number, got ${seed}`);
  const seed32 = Math.floor(Math.abs(seed)) >>> 0;
  const init = splitmix32(seed32 ^ 0x5bd1e995);
  let s0 = init(), s1 = init(), s2 = init(), s3 = init();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // xoshiro's all-zero state is a fixed point
  let spare: number | null = null;

  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    s0 >>>= 0; s1 >>>= 0; s2 >>>= 0; s3 >>>= 0;
    return result;
  };

  const uniform = (): number => {
    // 53 bits: 27 high + 26 low, as in the usual double construction
    const a = next32() >>> 5, b = next32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  };

  const normal = (): number => {
    if (spare !== null) { const v = spare; spare = null; return v; }
    let u: number, v: number, s: number;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * f;
    return u * f;
  };

  const int = (n: number): number => {
    if (!(n > 0) || !Number.isInteger(n)) throw new Error(`Rng.int(): n must be a positive integer, got ${n}`);
    return Math.floor(uniform() * n);
  };

  const fork = (label: string | number): Rng => createRng((Math.imul(seed32 ^ 0x27d4eb2f, 0x165667b1) ^ hashLabel(label)) >>> 0);

  return { seed: seed32, uniform, normal, int, next32, fork };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Fisher–Yates shuffle of 0..n-1 with the given generator. */
export function permutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i]; p[i] = p[j]; p[j] = t;
  }
  return p;
}
