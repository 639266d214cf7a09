import { createRng } from "../engine/rng.js"; // not engine/index.js, which loads Node modules: the playground runs this in a browser
import type { ImageBank } from "./imageBank.js";
import { STIMULI_DEFAULTS } from "./defaults.js";
import { checkOptions, paramRules } from "../rules/index.js";

const FOURIER_MODES = 10; // enough for a varied field, few enough to stay smooth
const MAX_CYCLES = 4; // per image width: the finest ripple has a 16 px period at 64×64
const BLOBS = 2; // a few identity-specific oriented blobs on top of the shared layout
const FIELD_WEIGHT = 0.35; // identity texture relative to the shared layout: clearly visible nuisance, upright still readable
const JITTER = 0.02; // s.d. of each landmark's position per identity (image widths): ~1.3 px at 64×64
const VARIATION = 0.25; // s.d. of each landmark's relative amplitude and size per identity

/**
 * The layout every identity shares, like faces share an upright: two dark "eyes" above a bright
 * vertical "nose", a dark horizontal "mouth" below, and a light-from-above gradient. Without a
 * shared upright a network cannot read the rotation of an identity it has never seen (each
 * texture alone is drawn from a rotation-invariant distribution), which is what the
 * train/val/test split by identity asks of it. Coordinates: u right, v down, in image widths.
 */
const LANDMARKS: readonly { u: number; v: number; major: number; minor: number; orient: number; amp: number }[] = [
  { u: -0.13, v: -0.1, major: 0.05, minor: 0.04, orient: 0, amp: -1.2 }, // left eye
  { u: 0.13, v: -0.1, major: 0.05, minor: 0.04, orient: 0, amp: -1.2 }, // right eye
  { u: 0, v: 0.03, major: 0.08, minor: 0.025, orient: Math.PI / 2, amp: 0.9 }, // nose (vertical)
  { u: 0, v: 0.17, major: 0.11, minor: 0.03, orient: 0, amp: -1.0 }, // mouth (horizontal)
];
const GRADIENT = 0.8; // brightness change from bottom to top of the image (light from above)

const isCount = (v: unknown) => Number.isInteger(v) && (v as number) >= 1;

/**
 * The default image bank, built procedurally so nothing has to be downloaded: identity i is the
 * shared face-like layout (`LANDMARKS`, jittered in position, size and contrast per identity, and a
 * top-to-bottom gradient) plus a low-pass random field (a sum of `FOURIER_MODES` plane waves of at
 * most `MAX_CYCLES` cycles per image, amplitude ∝ 1/frequency) and `BLOBS` anisotropic Gaussian
 * blobs at random positions and orientations, rescaled to [0, 1]. Nothing about it is
 * rotation-symmetric, so its orientation is recoverable over the full 2π, also for identities a
 * network never saw (the shared layout is the "upright"). Identity i depends only on (seed, i):
 * `textures:10` is the first 10 images of `textures:400`.
 */
export function textureBank(count: number = STIMULI_DEFAULTS.textureCount, seed: number = STIMULI_DEFAULTS.textureSeed,
  size: number = STIMULI_DEFAULTS.textureSize): ImageBank {
  checkOptions("textureBank()", paramRules({
    count: [{ rule: "must be an integer >= 1", test: isCount, fix: "e.g. textures:400" }],
    seed: [{ rule: "must be an integer >= 0", test: (v) => Number.isInteger(v) && (v as number) >= 0, fix: "e.g. textures:400:0" }],
    size: [{ rule: "must be an integer >= 4", test: (v) => Number.isInteger(v) && (v as number) >= 4, fix: "use the default 64" }],
  }), { count, seed, size });
  const n = size * size;
  const data = new Float32Array(count * n);
  const field = new Float64Array(n);
  const cu = new Float64Array(size), su = new Float64Array(size), cv = new Float64Array(size), sv = new Float64Array(size);
  const coord = Float64Array.from({ length: size }, (_, i) => (i - (size - 1) / 2) / size); // ∈ (−½, ½)
  const root = createRng(seed);
  for (let id = 0; id < count; id++) {
    const rng = root.fork(id);
    field.fill(0);
    for (let m = 0; m < FOURIER_MODES; m++) {
      const freq = 1 + rng.uniform() * (MAX_CYCLES - 1), dir = 2 * Math.PI * rng.uniform();
      const kx = 2 * Math.PI * freq * Math.cos(dir), ky = 2 * Math.PI * freq * Math.sin(dir);
      const phase = 2 * Math.PI * rng.uniform(), amp = rng.normal() / freq;
      // cos(kx·u + phase + ky·v) = cos(A)cos(B) − sin(A)sin(B): separable, 4·size trig calls per mode
      for (let i = 0; i < size; i++) {
        cu[i] = Math.cos(kx * coord[i] + phase); su[i] = Math.sin(kx * coord[i] + phase);
        cv[i] = Math.cos(ky * coord[i]); sv[i] = Math.sin(ky * coord[i]);
      }
      for (let y = 0; y < size; y++) {
        const row = y * size, a = amp * cv[y], b = amp * sv[y];
        for (let x = 0; x < size; x++) field[row + x] += a * cu[x] - b * su[x];
      }
    }
    for (let i = 0; i < n; i++) field[i] *= FIELD_WEIGHT;
    for (let k = 0; k < BLOBS; k++) {
      const r = 0.3 * Math.sqrt(rng.uniform()), phi = 2 * Math.PI * rng.uniform();
      const major = 0.08 + 0.1 * rng.uniform(), minor = 0.03 + 0.04 * rng.uniform(), orient = Math.PI * rng.uniform();
      const amp = FIELD_WEIGHT * (rng.uniform() < 0.5 ? -1 : 1) * (1 + rng.uniform());
      addBlob(field, size, coord, r * Math.cos(phi), r * Math.sin(phi), major, minor, orient, amp);
    }
    for (const l of LANDMARKS) {
      const scale = Math.max(0.5, 1 + VARIATION * rng.normal());
      addBlob(field, size, coord, l.u + JITTER * rng.normal(), l.v + JITTER * rng.normal(), l.major * scale, l.minor * scale,
        l.orient, l.amp * Math.max(0.3, 1 + VARIATION * rng.normal()));
    }
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) field[y * size + x] -= GRADIENT * coord[y];
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < n; i++) { lo = Math.min(lo, field[i]); hi = Math.max(hi, field[i]); }
    const span = hi - lo || 1;
    const out = id * n;
    for (let i = 0; i < n; i++) data[out + i] = (field[i] - lo) / span;
  }
  return { name: `textures:${count}:${seed}`, count, height: size, width: size, data };
}

/** Add amp·exp(−½((p/major)² + (q/minor)²)) for the blob centred at (bu, bv), major axis at `orient`. */
function addBlob(field: Float64Array, size: number, coord: Float64Array, bu: number, bv: number,
  major: number, minor: number, orient: number, amp: number): void {
  const co = Math.cos(orient), si = Math.sin(orient);
  for (let y = 0; y < size; y++) {
    const dy = coord[y] - bv;
    for (let x = 0; x < size; x++) {
      const dx = coord[x] - bu;
      const p = (co * dx + si * dy) / major, q = (-si * dx + co * dy) / minor;
      const e = p * p + q * q;
      if (e < 60) field[y * size + x] += amp * Math.exp(-0.5 * e); // beyond: < 1e-13, skip the exp
    }
  }
}
