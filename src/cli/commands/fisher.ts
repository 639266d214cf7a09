import { readNpy, writeCsv } from "../../io/index.js";
import {
  derivative, derivativeGroups, estimateFromResponses, fisherCsv, FISHER_DEFAULTS, FISHER_METHODS, lowRankPreferred, smooth, twoClassEstimator, type FisherEstimate, type NetworkMethod,
  type SamplingOptions, SAMPLING_COVARIANCES,
} from "../../fisher/index.js";
import { angleGrid, angleGridFromSpec, angleGridProblem, ANGLE_GRID_GRAMMAR } from "../../math/index.js";
import { DEFAULT_MEASUREMENT_ANGLES, measureNetwork, measuredModel } from "../../measure/index.js";
import { loadRun } from "../../train/index.js";
import { loadSource, runIdentities } from "../../stimuli/index.js";
import { writePlot } from "../../plot/index.js";
import { fisherPlot } from "../../report/index.js";
import { defineCommand } from "../command.js";
import { integerValue, numberValue, out, requireValue, seed, seedValue, stringOption, type ParsedArgs } from "../options/index.js";
import { outputFile } from "../outputPaths.js";
import { UsageError } from "../usageError.js";

const options = {
  responses: stringOption("R.npy: trials × units activity (float32 or float64)"),
  stimuli: stringOption("S.npy: one stimulus value per trial (derivative: optional, rows with the same value form one estimate)"),
  derivatives: stringOption("D.npy: dr/dθ of each trial, same shape as --responses (--method derivative)"),
  method: stringOption("sampling | linear-decoder | robust | nonlinear-decoder | smooth; with --run also derivative | interval | refine (both measure with derivative)"),
  ...out("FI.csv to write"),
  ...seed(),
  confidence: stringOption("two-sided level of ci_low/ci_high (default 0.95)"),
  period: stringOption("smooth: circular domain of the stimulus (default 2π; π for gratings)"),
  window: stringOption("smooth: Savitzky–Golay window in grid points (odd, default 31)"),
  points: stringOption("smooth: coarse angles where I is evaluated (default 20)"),
  run: stringOption("network mode: a finished run directory (model.safetensors, config.yaml)"),
  layer: stringOption("network mode: 0-based layer (default: the output); runs with a backbone also take a backbone layer name (conv128_2, embedding, …)"),
  angles: stringOption(`network mode: ${ANGLE_GRID_GRAMMAR} (default: 200 over the domain)`),
  delta: stringOption(`network mode: δ between the two classes, radians (default ${FISHER_DEFAULTS.delta}: I·δ² ≈ 1 at typical network I; docs/validation.md)`),
  samples: stringOption("network mode: images per class (default: half the split's identities, ≤ 1000)"),
  split: stringOption("network mode: identities from test | train | val (default test)"),
  covariance: stringOption("sampling: auto | sample | ledoit-wolf (default auto: Ledoit–Wolf when trials are too few)"),
  ridge: stringOption("linear-decoder: relative ridge ≥ 0 (needed when trials per fold < units; e.g. 0.01)"),
  plot: stringOption("also write FI.png or FI.svg: I(θ) with its band and the equivalent density √I"),
} as const;
type FisherArgs = ParsedArgs<typeof options>;

const usage = "fisherlab fisher --responses R.npy --stimuli S.npy --method M --out FI.csv\n   or: fisherlab fisher --responses R.npy --derivatives D.npy [--stimuli S.npy] --method derivative --out FI.csv\n   or: fisherlab fisher --run DIR --method M [--layer K] [--angles N|a:b:n] [--delta 0.1] [--samples N] [--split test] --out FI.csv";
const METHODS: readonly string[] = FISHER_METHODS;

export const fisherCommand = defineCommand({
  name: "fisher",
  summary: "estimate Fisher information I(θ) from recorded responses (or a network run)",
  usage,
  options,
  async run(args) {
    const method = requireValue(args, "method", METHODS.join(" | "));
    if (!METHODS.includes(method)) {
      throw new UsageError(`fisherlab fisher: --method must be one of ${METHODS.join(", ")}, got ${JSON.stringify(method)}`);
    }
    const plot = args.values.plot;
    // checked before any estimation, so a typo does not cost a long measurement
    if (plot !== undefined) outputFile("fisher", "plot", plot, [".png", ".svg"]);
    if (args.values.out !== undefined) outputFile("fisher", "out", args.values.out, [".csv"]);
    const seedNumber = seedValue(args, FISHER_DEFAULTS.seed);
    const confidence = numberValue(args, "confidence", FISHER_DEFAULTS.confidence, (v) => v > 0 && v < 1, "in (0, 1)");
    const ridge = args.values.ridge === undefined ? undefined : numberValue(args, "ridge", 0, (v) => v >= 0, "≥ 0");
    const covariance = covarianceOption(args.values.covariance);
    if (covariance !== undefined && method !== "sampling") throw new UsageError(`fisherlab fisher: --covariance applies to --method sampling, not ${method}; omit it`);
    if (args.values.run !== undefined) return runNetwork(args, method, seedNumber, confidence, plot, ridge, covariance);
    if (method === "derivative" && args.values.derivatives !== undefined) return runDerivatives(args, seedNumber, confidence, plot);
    if (method === "derivative" || method === "interval" || method === "refine") {
      throw new UsageError(`fisherlab fisher: --method ${method} needs a network (--run DIR)${method === "derivative" ? " or --derivatives D.npy (dr/dθ of each trial)" : ": recorded responses cannot be measured at new angles"}`);
    }
    if (args.values.derivatives !== undefined) throw new UsageError(`fisherlab fisher: --derivatives is only read by --method derivative, got --method ${method}`);
    const rPath = requireValue(args, "responses", "trials × units .npy");
    const sPath = requireValue(args, "stimuli", "one stimulus value per trial, .npy");
    const outPath = requireValue(args, "out", "CSV file to write");
    const r = readNpy(rPath, { keepFloat64: true });
    const s = readNpy(sPath, { keepFloat64: true });
    if (r.shape.length !== 2) throw new UsageError(`fisherlab fisher: --responses must be 2-d (trials × units), got shape [${r.shape.join(", ")}]`);
    if (s.shape.length !== 1 && !(s.shape.length === 2 && s.shape[1] === 1)) {
      throw new UsageError(`fisherlab fisher: --stimuli must be 1-d (one value per trial), got shape [${s.shape.join(", ")}]`);
    }
    if (s.data.length !== r.shape[0]) {
      throw new UsageError(`fisherlab fisher: --stimuli has ${s.data.length} values but --responses has ${r.shape[0]} trials; they must match`);
    }
    if (method !== "smooth") {
      return writeEstimates(estimateFromResponses(twoClassEstimator(method, confidence, seedNumber, ridge, covariance), r, s.data), method, outPath, plot, undefined);
    }
    const period = numberValue(args, "period", 2 * Math.PI, (v) => v > 0, "> 0");
    const window = numberValue(args, "window", FISHER_DEFAULTS.sgWindow, (v) => Number.isInteger(v) && v >= 3 && v % 2 === 1, "an odd integer ≥ 3");
    const points = integerValue(args, "points", FISHER_DEFAULTS.smoothPoints, 1, "a positive integer");
    const estimates = smooth({ confidence, window, points }).estimate({ responses: r, stimuli: s.data, period });
    return writeEstimates(estimates, method, outPath, plot, [0, period]);
  },
});

/** --covariance of the sampling estimator, one of its names. */
function covarianceOption(text: string | undefined): SamplingOptions["covariance"] {
  if (text === undefined) return undefined;
  const known = SAMPLING_COVARIANCES.find((c) => c === text);
  if (known === undefined) throw new UsageError(`fisherlab fisher: --covariance must be one of ${SAMPLING_COVARIANCES.join(", ")}, got ${JSON.stringify(text)}`);
  return known;
}

/** `--responses R --derivatives D [--stimuli S] --method derivative`: one estimate per stimulus value. */
async function runDerivatives(args: FisherArgs, seed: number, confidence: number, plot: string | undefined): Promise<number> {
  const rPath = requireValue(args, "responses", "trials × units .npy");
  const outPath = requireValue(args, "out", "CSV file to write");
  const r = readNpy(rPath, { keepFloat64: true });
  const d = readNpy(requireValue(args, "derivatives", "dr/dθ of each trial, .npy"), { keepFloat64: true });
  if (r.shape.length !== 2) throw new UsageError(`fisherlab fisher: --responses must be 2-d (trials × units), got shape [${r.shape.join(", ")}]`);
  if (d.shape.length !== 2 || d.shape[0] !== r.shape[0] || d.shape[1] !== r.shape[1]) {
    throw new UsageError(`fisherlab fisher: --derivatives must have the shape of --responses [${r.shape.join(", ")}], got [${d.shape.join(", ")}]`);
  }
  let stimuli: ArrayLike<number> | undefined;
  if (args.values.stimuli !== undefined) {
    const s = readNpy(args.values.stimuli, { keepFloat64: true });
    if (s.data.length !== r.shape[0] || !(s.shape.length === 1 || (s.shape.length === 2 && s.shape[1] === 1))) {
      throw new UsageError(`fisherlab fisher: --stimuli must be 1-d with one value per trial (${r.shape[0]}), got shape [${s.shape.join(", ")}]`);
    }
    stimuli = s.data;
  }
  const est = derivative({ confidence, seed });
  const estimates = derivativeGroups(r, d, stimuli).map((g) => est.estimate(g));
  return writeEstimates(estimates, "derivative", outPath, plot, undefined);
}

async function writeEstimates(estimates: FisherEstimate[], method: string, out: string, plot: string | undefined, domain: [number, number] | undefined): Promise<number> {
  for (const w of new Set(estimates.flatMap((e) => e.warnings))) console.error(`warning: ${w}`);
  const { columns, rows } = fisherCsv(estimates);
  writeCsv(out, columns, rows);
  console.error(`fisherlab fisher: ${estimates.length} row${estimates.length === 1 ? "" : "s"} (${method}) → ${out}`);
  if (plot !== undefined) {
    await writePlot(plot, fisherPlot(estimates.map((e) => ({ theta: e.theta, fisher: e.fisher, stderr: e.stderr, ci_low: e.ciLow, ci_high: e.ciHigh })),
      { domain, title: `I(θ), ${method}` }));
    console.error(`fisherlab fisher: plot → ${plot}`);
  }
  return 0;
}

/** `--run DIR`: render the run's split at each angle, record layer activity (and JVPs), estimate. */
async function runNetwork(args: FisherArgs, method: string, seed: number, confidence: number, plot: string | undefined, ridge: number | undefined,
  covariance: SamplingOptions["covariance"] | undefined): Promise<number> {
  if (method === "smooth") throw new UsageError("fisherlab fisher: --method smooth reads recorded responses on a dense grid; with --run use derivative or a two-class method");
  const outPath = requireValue(args, "out", "CSV file to write");
  const dir = requireValue(args, "run", "a finished run directory");
  const delta = numberValue(args, "delta", FISHER_DEFAULTS.delta, (v) => v > 0, "> 0 (radians)");
  const split = args.values.split ?? "test";
  if (split !== "test" && split !== "train" && split !== "val") throw new UsageError(`fisherlab fisher: --split must be test, train or val, got ${JSON.stringify(split)}`);
  const samples = args.values.samples === undefined ? undefined : integerValue(args, "samples", 0, 2);
  const run = loadRun(dir);
  try {
    const source = loadSource(run.config.data.source);
    const model = measuredModel(run.network, run.config, source, undefined, dir);
    const last = model.layers.length - 1;
    const layer = model.resolveLayer
      ? resolveNamedLayer(model.resolveLayer.bind(model), args.values.layer)
      : numberValue(args, "layer", last, (v) => Number.isInteger(v) && v >= 0 && v <= last, `an integer in [0, ${last}] (${last} is the output)`);
    const identities = runIdentities(source, run.config.data.split, split);
    const units = model.layers[layer].outSize;
    const trials = method === "derivative" ? identities.length : 2 * (samples ?? Math.floor(identities.length / 2));
    if (!process.env.FISHERLAB_QUIET) {
      console.error(units + 3 >= trials
        ? `fisherlab fisher: layer ${args.values.layer ?? "output"} has ${units} units for ${trials} trials per angle: units > trials, so the covariance is Ledoit–Wolf shrunk (estimates can be biased; docs/estimators.md)${
          method === "derivative" && lowRankPreferred(units, trials) ? ", computed in the span of the identities (Woodbury: time N·M², memory N·M)" : ""}`
        : `fisherlab fisher: layer ${args.values.layer ?? "output"} has ${units} units for ${trials} trials per angle: trials > units, the unbiased sample-covariance estimators apply`);
    }
    const domain = source.domain;
    const angles = parseAngles(args.values.angles, domain.low, domain.high);
    const estimates = measureNetwork(model, source, { method: method as NetworkMethod, layer, angles, identities, delta, samples, seed, confidence, ridge, covariance });
    return await writeEstimates(estimates, method, outPath, plot, [domain.low, domain.high]);
  } finally {
    run.network.dispose();
  }
}

/** --angles in the one grammar of angle grids (a count or start:stop:count); default 200 points over the domain. */
function parseAngles(text: string | undefined, low: number, high: number): number[] {
  if (text === undefined) return angleGrid(low, high, DEFAULT_MEASUREMENT_ANGLES);
  const problem = angleGridProblem(text);
  if (problem) throw new UsageError(`fisherlab fisher: --angles ${problem}, got ${JSON.stringify(text)}`);
  return angleGridFromSpec(text, low, high, "--angles");
}

/** --layer of a run with a backbone: a layer name or a head index (default: the output), as a UsageError when wrong. */
function resolveNamedLayer(resolve: (layer: string | undefined) => number, layer: string | undefined): number {
  try { return resolve(layer); } catch (e) { throw new UsageError(`fisherlab fisher: --${(e as Error).message}`); }
}
