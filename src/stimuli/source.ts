import { defaultKernels, type Kernels, type Rng } from "../engine/index.js";
import { type Domain, GRATING_DOMAIN, OBJECT_DOMAIN } from "./domain.js";
import { type ImageBank, bankImage } from "./imageBank.js";
import { type GratingOptions, GRATING_DEFAULTS, checkGratingOptions, renderGrating } from "./gratings.js";
import { rotateInto } from "./rotate.js";
import { textureBank } from "./textures.js";
import { npyBank } from "./npyBank.js";
import { idxBank } from "./idxBank.js";
import { folderBank } from "./folderBank.js";
import { resizeImage } from "./resize.js";
import { STIMULI_DEFAULTS } from "./defaults.js";

/** Plain-data description of where images come from (what `--source` parses into). */
export type SourceSpec =
  | { kind: "textures"; count: number; seed: number }
  | ({ kind: "gratings" } & GratingOptions)
  | { kind: "npy" | "idx" | "folder"; path: string; resize?: [number, number] };

/**
 * Everything a network can be shown: `identities` base images (1 for gratings, whose nuisance
 * variation is the noise) rendered at any angle. Banks are 2π-periodic (OBJECT_DOMAIN); gratings
 * are π-periodic (GRATING_DOMAIN).
 */
export interface StimulusSource {
  readonly spec: SourceSpec;
  /** canonical source string, e.g. "textures:400:0" */
  readonly name: string;
  readonly domain: Domain;
  readonly height: number;
  readonly width: number;
  readonly identities: number;
  /** the range pixel values lie in, for display: [0, 1] for banks, [−1, 1] for gratings */
  readonly valueRange: readonly [number, number];
  /** the base images (banks only) */
  readonly bank?: ImageBank;
  /**
   * Render identity `id` at angle θ into out[offset .. offset + H·W). Banks: rotation + mask
   * (`rng` unused). Gratings: fresh shot noise from `rng`.
   */
  render(id: number, theta: number, rng: Rng, out: Float32Array, offset?: number): void;
  /**
   * Banks only: render identities ids[k] at angles[k], k < ids.length, into out[k·H·W ..) in one
   * call of the kernels' `rotateMask` (default: the process-wide wasm kernels), bit-identical to
   * render(). An `out` from `kernels.alloc` (e.g. a network's input buffer) is written in place.
   */
  renderBatch?(ids: Int32Array, angles: Float64Array, out: Float32Array, kernels?: Kernels): void;
  /**
   * Banks only: images as renderBatch() and their central-difference θ-derivatives
   * (x(θ + step) − x(θ − step)) / (2·step), as the kernels' `rotateMaskDerivative`.
   */
  renderDerivativeBatch?(ids: Int32Array, angles: Float64Array, step: number, images: Float32Array, derivatives: Float32Array, kernels?: Kernels): void;
  /** Banks only: the bank's pixels copied (once per kernels) into the kernels' memory, where the rotation kernels read them. */
  bankIn?(kernels: Kernels): Float32Array;
}

const KINDS = "textures[:N[:SEED]], gratings[:key=value,...], npy:PATH, idx:PATH, folder:PATH";

/** Parse a source string: `textures`, `textures:100`, `textures:100:7`, `gratings`, `gratings:frequency=3,shotProbability=0`, `npy:faces.npy`, `idx:train-images-idx3-ubyte.gz`, `folder:photos/`. */
export function parseSourceSpec(text: string, options: { resize?: [number, number] } = {}): SourceSpec {
  const fn = "parseSourceSpec()";
  const colon = text.indexOf(":");
  const kind = colon < 0 ? text : text.slice(0, colon);
  const rest = colon < 0 ? "" : text.slice(colon + 1);
  if (options.resize && (kind === "textures" || kind === "gratings")) {
    // a resize that is silently ignored gives images of another size than asked for
    throw new Error(`${fn}: --resize applies to file sources (npy:, idx:, folder:); ${kind} are rendered at ${kind === "textures" ? `${STIMULI_DEFAULTS.textureSize}×${STIMULI_DEFAULTS.textureSize}` : "the size of gratings:size=N"} — ${kind === "textures" ? "omit --resize" : `use --source gratings:size=${options.resize[0]} (square) and omit --resize`}`);
  }
  switch (kind) {
    case "textures": {
      const parts = rest === "" ? [] : rest.split(":");
      const int = (s: string, what: string): number => {
        if (!/^\d+$/.test(s)) throw new Error(`${fn}: textures ${what} must be a non-negative integer, got ${JSON.stringify(s)}; e.g. textures:400:0`);
        return Number(s);
      };
      if (parts.length > 2) throw new Error(`${fn}: textures takes at most a count and a seed, got ${JSON.stringify(text)}; e.g. textures:400:0`);
      return { kind: "textures", count: parts[0] ? int(parts[0], "count") : STIMULI_DEFAULTS.textureCount, seed: parts[1] ? int(parts[1], "seed") : STIMULI_DEFAULTS.textureSeed };
    }
    case "gratings": {
      const opts: GratingOptions = { ...GRATING_DEFAULTS };
      for (const pair of rest === "" ? [] : rest.split(",")) {
        const [k, v] = pair.split("=");
        if (!(k in GRATING_DEFAULTS) || v === undefined) {
          throw new Error(`${fn}: gratings options are key=value with keys ${Object.keys(GRATING_DEFAULTS).join(", ")}; got ${JSON.stringify(pair)}`);
        }
        opts[k as keyof GratingOptions] = Number(v);
      }
      checkGratingOptions(opts);
      return { kind: "gratings", ...opts };
    }
    case "npy": case "idx": case "folder": {
      if (rest === "") throw new Error(`${fn}: ${kind}: needs a path, e.g. ${kind}:data/images${kind === "folder" ? "/" : kind === "npy" ? ".npy" : "-idx3-ubyte.gz"}`);
      return options.resize ? { kind, path: rest, resize: options.resize } : { kind, path: rest };
    }
    default:
      throw new Error(`${fn}: unknown source ${JSON.stringify(text)}; sources are ${KINDS}`);
  }
}

/**
 * Texture sources built so far, by "count:seed": a texture bank is a pure function of its spec,
 * so training, every measurement and every adapt iteration in a process share one (≈ 0.3 s and
 * 6.5 MB for the default 400). File sources are read on every call: the file may have changed.
 */
const textureSources = new Map<string, StimulusSource>();

/** Build the source a spec (or source string) describes; file errors name the path. */
export function loadSource(spec: SourceSpec | string, options: { resize?: [number, number] } = {}): StimulusSource {
  const s = typeof spec === "string" ? parseSourceSpec(spec, options) : spec;
  switch (s.kind) {
    case "gratings": return gratingSource(s);
    case "textures": {
      const key = `${s.count}:${s.seed}`;
      let source = textureSources.get(key);
      if (!source) {
        source = bankSource(textureBank(s.count, s.seed), { kind: "textures", count: s.count, seed: s.seed });
        textureSources.set(key, source);
      }
      return source;
    }
    case "npy": return bankSource(maybeResize(npyBank(s.path), s.resize), s);
    case "idx": return bankSource(maybeResize(idxBank(s.path), s.resize), s);
    case "folder": return bankSource(folderBank(s.path, s.resize), s);
  }
}

/** Rotated images of a bank: OBJECT_DOMAIN (2π), one identity per base image. */
export function bankSource(bank: ImageBank, spec: SourceSpec = { kind: "npy", path: bank.name }): StimulusSource {
  if (bank.count < 1) throw new Error(`bankSource(): ${bank.name} holds no images`);
  const { height, width } = bank;
  // the bank copied once into each kernels' memory, where the rotation kernels read it in place
  const copies = new WeakMap<Kernels, Float32Array>();
  const bankIn = (k: Kernels): Float32Array => {
    let data = copies.get(k);
    if (!data) { data = k.alloc(bank.data.length); data.set(bank.data); copies.set(k, data); }
    return data;
  };
  const mask = STIMULI_DEFAULTS.maskValue;
  return {
    spec, name: bank.name, domain: OBJECT_DOMAIN, height, width,
    identities: bank.count, valueRange: [0, 1], bank,
    render(id, theta, _rng, out, offset = 0) {
      rotateInto(bankImage(bank, id), height, width, theta, out, offset);
    },
    bankIn,
    renderBatch(ids, angles, out, kernels = defaultKernels()) {
      kernels.rotateMask(ids.length, height, width, bankIn(kernels), ids, angles, out, 1, mask);
    },
    renderDerivativeBatch(ids, angles, step, images, derivatives, kernels = defaultKernels()) {
      kernels.rotateMaskDerivative(ids.length, height, width, bankIn(kernels), ids, angles, step, images, derivatives, mask);
    },
  };
}

/** Gratings: GRATING_DOMAIN (π), a single identity; noise is fresh for every render. */
export function gratingSource(options: Partial<GratingOptions> = {}): StimulusSource {
  const o: GratingOptions = { ...GRATING_DEFAULTS, ...options };
  checkGratingOptions(o);
  const spec: SourceSpec = { kind: "gratings", ...o };
  return {
    spec, name: `gratings:size=${o.size},frequency=${o.frequency},shotProbability=${o.shotProbability},shotVariance=${o.shotVariance}`,
    domain: GRATING_DOMAIN, height: o.size, width: o.size, identities: 1, valueRange: [-1, 1],
    render(_id, theta, rng, out, offset = 0) { renderGrating(theta, o, rng, out, offset); },
  };
}

function maybeResize(bank: ImageBank, size?: readonly [number, number]): ImageBank {
  if (!size || (size[0] === bank.height && size[1] === bank.width)) return bank;
  const [h, w] = size, n = bank.height * bank.width;
  const data = new Float32Array(bank.count * h * w);
  for (let i = 0; i < bank.count; i++) data.set(resizeImage(bank.data.subarray(i * n, (i + 1) * n), bank.height, bank.width, h, w), i * h * w);
  return { ...bank, height: h, width: w, data };
}
