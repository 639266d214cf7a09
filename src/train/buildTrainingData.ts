/**
 * config.data → the training loop's data (trainingData.ts): the image source split by identity
 * into train / val / test (data.split identities each, cut from one fixed permutation), angles
 * from data.distribution on the source's domain (the linear encoding reads [−π/2, π/2]), shot
 * noise from data.noise drawn fresh for every rendered image.
 */
import { createRng, type Rng } from "../engine/index.js";
import type { Config } from "../config/index.js";
import { readNumbers } from "../io/index.js";
import { distributionFromSpec, LINEAR_DOMAIN, loadSource, runIdentities, type AngleDistribution, type Domain, type StimulusSource } from "../stimuli/index.js";
import type { LabelledImages } from "./labelledImages.js";
import { renderRows } from "./renderRows.js";
import type { EpochSample, TrainingData } from "./trainingData.js";

/**
 * The angle distribution a run trains, validates and tests on: `data.distribution` on the
 * source's domain (2π for image banks, π for gratings), or on [−π/2, π/2] for the linear encoding.
 */
export function trainingDistribution(config: Config, source: StimulusSource = loadSource(config.data.source)): AngleDistribution {
  const domain: Domain = config.model.encoding === "linear" ? LINEAR_DOMAIN : source.domain;
  return distributionFromSpec(stimuliSpec(config.data.distribution), domain);
}

export function buildTrainingData(config: Config): TrainingData {
  const d = config.data;
  const source = loadSource(d.source); // texture banks are cached by spec (stimuli/source.ts)
  const pixels = source.height * source.width;
  const distribution = trainingDistribution(config, source);
  const [trainIds, valIds, testIds] = (["train", "val", "test"] as const).map((w) => runIdentities(source, d.split, w));
  const noise = d.noise;
  const root = createRng(config.seed);

  const fixedSet = (label: string, ids: Int32Array, count: number): LabelledImages => {
    const rng = root.fork(`data.${label}`);
    const angles = distribution.sample(count, rng.fork("angles"));
    const identities = cycleIdentities(ids, count, rng.fork("identities"));
    const images = new Float32Array(count * pixels);
    renderRows(source, angles, identities, Int32Array.from({ length: count }, (_, i) => i), count, rng.fork("render").seed, noise, images);
    return { images, angles, count };
  };

  const val = fixedSet("val", valIds, d.val_size);
  const test = fixedSet("test", testIds, d.test_size);

  return {
    pixels,
    source,
    noise,
    trainSize: d.train_size,
    val,
    test,
    epochSample(rng: Rng): EpochSample {
      const angles = distribution.sample(d.train_size, rng.fork("angles"));
      const identities = cycleIdentities(trainIds, d.train_size, rng.fork("identities"));
      return { angles, identities, noiseSeed: rng.fork("render").seed };
    },
  };
}

/** config.data.distribution → the stimuli's spec (reading a tabulated grid/density given as files). */
function stimuliSpec(dist: Config["data"]["distribution"]): unknown {
  if (dist.kind !== "tabulated") return dist;
  // grid and density may be lists or files (.npy, or one number per line), e.g. an adapt iteration's output
  const grid = typeof dist.grid === "string" ? readNumbers(dist.grid, "data.distribution.grid") : dist.grid;
  const values = typeof dist.density === "string" ? readNumbers(dist.density, "data.distribution.density") : dist.density;
  if (grid.length !== values.length) {
    throw new Error(`data.distribution: grid has ${grid.length} values but density has ${values.length}; give one density value per grid angle`);
  }
  return { kind: "tabulated", grid, density: values };
}

/** count identities cycling through `ids` from a random start: every identity used equally often (±1). */
function cycleIdentities(ids: Int32Array, count: number, rng: Rng): Int32Array {
  const out = new Int32Array(count);
  const start = rng.int(ids.length);
  for (let i = 0; i < count; i++) out[i] = ids[(start + i) % ids.length];
  return out;
}
