import { rmSync } from "node:fs";
import { readNpy, writeFileAtomic, writeNpy, writeNpyStream } from "../../io/index.js";
import { angleGridFromSpec, angleGridProblem } from "../../math/index.js";
import {
  STIMULI_DEFAULTS, SPLIT_NAMES, type SplitName, type Batch,
  contactSheet, createDataset, distributionFromSpec, loadSource, renderAngles, splitIdentities,
} from "../../stimuli/index.js";
import { defineCommand } from "../command.js";
import { integerValue, numberValue, out, requireValue, seed, seedValue, stringOption } from "../options/index.js";
import { outputFile } from "../outputPaths.js";
import { UsageError } from "../usageError.js";

const NAME = "stimuli";
const BATCH = 256; // images rendered and written per step: 4 MB at 64×64, keeps memory flat

const options = {
  source: stringOption("textures[:N[:SEED]] | gratings[:key=value,...] | npy:PATH | idx:PATH | folder:PATH (required)"),
  split: stringOption("identities to use: train | val | test | all (default train; split 300/50/50 of 400 by a fixed seed)"),
  angles: stringOption("a count N (N angles over the source's domain) or start:stop:count, as in fisher --angles and experiment files; or explicit angles in radians a,b,c (a single one: 0.5,) or FILE.npy; sample i uses identity i mod (split size)"),
  size: stringOption("number of samples with angles drawn from --distribution.* (instead of --angles)"),
  "distribution.kind": stringOption("vonmises | uniform | normal | tabulated (default uniform over the domain)"),
  "distribution.loc": stringOption("vonmises/normal centre, radians (default 0)"),
  "distribution.kappa": stringOption("vonmises concentration κ ≥ 0 (0 = uniform)"),
  "distribution.scale": stringOption("normal standard deviation, radians"),
  "distribution.low": stringOption("uniform interval start, radians (default: domain start)"),
  "distribution.high": stringOption("uniform interval end, radians (default: domain end)"),
  "distribution.grid": stringOption("tabulated grid: a,b,c or FILE.npy (radians, increasing)"),
  "distribution.density": stringOption("tabulated density on the grid (unnormalised): a,b,c or FILE.npy"),
  ...seed("seed for angles and grating noise (default 0)"),
  resize: stringOption("resize file images to N or HxW pixels (needed for folders of mixed sizes)"),
  ...out("images NPY to write, float32 (n, H, W); angles go to OUT with .angles.npy (required)"),
  preview: stringOption(`PNG contact sheet of the first ${STIMULI_DEFAULTS.previewCount} images`),
} as const;

const DIST_NUMBERS = ["loc", "kappa", "scale", "low", "high"] as const;

export const stimuliCommand = defineCommand({
  name: NAME,
  summary: "render the images a network sees (rotated bank images or gratings) and their angles to NPY",
  usage: "fisherlab stimuli --source SRC [--split train|val|test|all] --angles (N | start:stop:count | a,b,c | FILE.npy) "
    + "[--size N --distribution.kind vonmises --distribution.kappa 4 ...] [--seed S] --out OUT.npy [--preview OUT.png] [--resize N|HxW]",
  options,
  async run(args) {
    const sourceText = requireValue(args, "source", "e.g. --source textures");
    const outPath = requireValue(args, "out", "the images NPY to write, e.g. --out images.npy");
    outputFile(NAME, "out", outPath, [".npy"]);
    outputFile(NAME, "out", anglesPathOf(outPath), [".npy"]); // the angles are written beside the images
    const preview = args.values.preview;
    if (preview !== undefined) outputFile(NAME, "preview", preview, [".png"]);
    const split = args.values.split ?? "train";
    if (!SPLIT_NAMES.includes(split as SplitName)) throw new UsageError(`fisherlab ${NAME}: --split must be one of ${SPLIT_NAMES.join(", ")}, got ${JSON.stringify(split)}`);
    const seedNumber = seedValue(args, 0);
    const resize = parseResize(args.values.resize);
    const anglesText = args.values.angles;
    const sizeGiven = args.values.size !== undefined;
    const distKeys = Object.entries(args.values).filter(([k, v]) => k.startsWith("distribution.") && v !== undefined).map(([k]) => k);
    if ((anglesText === undefined) === !sizeGiven) {
      throw new UsageError(`fisherlab ${NAME}: give exactly one of --angles (explicit angles) and --size (angles drawn from --distribution.*)`);
    }
    if (anglesText !== undefined && distKeys.length > 0) {
      throw new UsageError(`fisherlab ${NAME}: --${distKeys[0]} needs --size; with --angles the angles are given`);
    }

    const source = loadSource(sourceText, { resize });
    let count: number;
    let render: (start: number, n: number) => Batch;
    if (anglesText !== undefined) {
      // a bare integer or start:stop:count is an angle grid (the grammar of fisher --angles and of
      // experiment files); anything else is a list of explicit angles or an NPY file
      const grid = /^\s*\d+\s*$/.test(anglesText) || anglesText.includes(":");
      if (grid) {
        const problem = angleGridProblem(anglesText);
        if (problem) throw new UsageError(`fisherlab ${NAME}: --angles ${problem}, got ${JSON.stringify(anglesText)}`);
      }
      const angles = grid ? Float64Array.from(angleGridFromSpec(anglesText, source.domain.low, source.domain.high, "--angles"))
        : parseNumbers(anglesText, "angles");
      if (angles.length === 0) throw new UsageError(`fisherlab ${NAME}: --angles is empty; give e.g. --angles 0,0.5,1`);
      count = angles.length;
      const ids = splitIdentities(source.identities, split as SplitName);
      render = (start, n) => renderAngles(source, angles.subarray(start, start + n),
        Int32Array.from({ length: n }, (_, k) => ids[(start + k) % ids.length]), { seed: seedNumber, firstIndex: start });
    } else {
      count = integerValue(args, "size", 0, 1);
      const spec: Record<string, unknown> = { kind: args.values["distribution.kind"] ?? "uniform" };
      for (const k of DIST_NUMBERS) if (args.values[`distribution.${k}`] !== undefined) spec[k] = numberValue(args, `distribution.${k}`, 0);
      for (const k of ["grid", "density"] as const) {
        const v = args.values[`distribution.${k}`];
        if (v !== undefined) spec[k] = Array.from(parseNumbers(v, `distribution.${k}`));
      }
      const distribution = distributionFromSpec(spec, source.domain);
      const dataset = createDataset({ source, split: split as SplitName, distribution, size: count, seed: seedNumber });
      render = (start, n) => dataset.batch(start, n);
    }

    const [h, w] = [source.height, source.width];
    const anglesOut = new Float64Array(count);
    const previewN = Math.min(count, STIMULI_DEFAULTS.previewCount);
    const previewImages = new Float32Array(previewN * h * w);
    writeNpyStream(outPath, [count, h, w], (write) => {
      for (let start = 0; start < count; start += BATCH) {
        const b = render(start, Math.min(BATCH, count - start));
        anglesOut.set(b.angles, start);
        if (start < previewN) previewImages.set(b.images.subarray(0, Math.min(b.count, previewN - start) * h * w), start * h * w);
        write(b.images);
      }
    });
    const anglesPath = anglesPathOf(outPath);
    try {
      writeNpy(anglesPath, [count], anglesOut);
    } catch (err) {
      rmSync(outPath, { force: true }); // images without their angles are no result (a full disk, say)
      throw err;
    }
    if (preview !== undefined) writeFileAtomic(preview, contactSheet(previewImages, previewN, h, w, source.valueRange));
    console.log(`${outPath}: ${count} images ${h}×${w} from ${source.name} (split ${split}, ${source.domain.name} domain); angles in ${anglesPath}${preview ? `; preview ${preview}` : ""}`);
    return 0;
  },
});

const anglesPathOf = (out: string): string => out.replace(/\.npy$/i, ".angles.npy");

function parseNumbers(text: string, option: string): Float64Array {
  if (text.endsWith(".npy")) return Float64Array.from(readNpy(text, { keepFloat64: true }).data); // any shape, flattened
  const parts = text.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  const values = parts.map(Number);
  const bad = parts.findIndex((s, i) => !Number.isFinite(values[i]));
  if (bad >= 0) throw new UsageError(`fisherlab ${NAME}: --${option} must be numbers separated by commas or an .npy file, got ${JSON.stringify(parts[bad])}`);
  return Float64Array.from(values);
}

function parseResize(text: string | undefined): [number, number] | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+)(?:x(\d+))?$/.exec(text.trim());
  const hh = m ? Number(m[1]) : NaN, ww = m ? Number(m[2] ?? m[1]) : NaN;
  if (!m || hh < 1 || ww < 1) throw new UsageError(`fisherlab ${NAME}: --resize must be N or HxW in pixels, e.g. 64 or 64x48, got ${JSON.stringify(text)}`);
  return [hh, ww];
}
