import { readNpy, writeFileAtomic, writeNpy, writeNpyStream } from "../../io/index.js";
import {
  STIMULI_DEFAULTS, SPLIT_NAMES, type SplitName, type Batch,
  contactSheet, createDataset, distributionFromSpec, loadSource, renderAngles, splitIdentities,
} from "../../stimuli/index.js";
import { helpText, numberOption, parseArgs, requireOption, UsageError, type OptionSpec } from "../args.js";
import type { Command } from "../command.js";
import { outputFile } from "../outputPaths.js";

const NAME = "stimuli";
const BATCH = 256; // images rendered and written per step: 4 MB at 64×64, keeps memory flat

const options: Record<string, OptionSpec> = {
  source: { type: "string", help: "textures[:N[:SEED]] | gratings[:key=value,...] | npy:PATH | idx:PATH | folder:PATH (required)" },
  split: { type: "string", help: "identities to use: train | val | test | all (default train; split 300/50/50 of 400 by a fixed seed)" },
  angles: { type: "string", help: "explicit angles in radians: a,b,c or FILE.npy; sample i uses identity i mod (split size)" },
  size: { type: "string", help: "number of samples with angles drawn from --distribution.* (instead of --angles)" },
  "distribution.kind": { type: "string", help: "vonmises | uniform | normal | tabulated (default uniform over the domain)" },
  "distribution.loc": { type: "string", help: "vonmises/normal centre, radians (default 0)" },
  "distribution.kappa": { type: "string", help: "vonmises concentration κ ≥ 0 (0 = uniform)" },
  "distribution.scale": { type: "string", help: "normal standard deviation, radians" },
  "distribution.low": { type: "string", help: "uniform interval start, radians (default: domain start)" },
  "distribution.high": { type: "string", help: "uniform interval end, radians (default: domain end)" },
  "distribution.grid": { type: "string", help: "tabulated grid: a,b,c or FILE.npy (radians, increasing)" },
  "distribution.density": { type: "string", help: "tabulated density on the grid (unnormalised): a,b,c or FILE.npy" },
  seed: { type: "string", help: "seed for angles and grating noise (default 0)" },
  resize: { type: "string", help: "resize file images to N or HxW pixels (needed for folders of mixed sizes)" },
  out: { type: "string", help: "images NPY to write, float32 (n, H, W); angles go to OUT with .angles.npy (required)" },
  preview: { type: "string", help: `PNG contact sheet of the first ${STIMULI_DEFAULTS.previewCount} images` },
  help: { type: "flag", help: "show this help" },
};

const DIST_NUMBERS = ["loc", "kappa", "scale", "low", "high"] as const;

export const stimuliCommand: Command = {
  name: NAME,
  summary: "render the images a network sees (rotated bank images or gratings) and their angles to NPY",
  usage: "fisherlab stimuli --source SRC [--split train|val|test|all] --angles (a,b,c | FILE.npy) "
    + "[--size N --distribution.kind vonmises --distribution.kappa 4 ...] [--seed S] --out OUT.npy [--preview OUT.png] [--resize N|HxW]",
  options,
  async run(argv) {
    const args = parseArgs(NAME, argv, options);
    if (args.options.help) { console.log(helpText(NAME, this.summary, this.usage, options)); return 0; }
    const sourceText = requireOption(NAME, args, "source", "e.g. --source textures");
    const out = requireOption(NAME, args, "out", "the images NPY to write, e.g. --out images.npy");
    outputFile(NAME, "out", out, [".npy"]);
    outputFile(NAME, "out", anglesPathOf(out), [".npy"]); // the angles are written beside the images
    const preview = args.options.preview as string | undefined;
    if (preview !== undefined) outputFile(NAME, "preview", preview, [".png"]);
    const split = (args.options.split as string | undefined) ?? "train";
    if (!SPLIT_NAMES.includes(split as SplitName)) throw new UsageError(`fisherlab ${NAME}: --split must be one of ${SPLIT_NAMES.join(", ")}, got ${JSON.stringify(split)}`);
    const seed = numberOption(NAME, args, "seed", 0, (v) => Number.isInteger(v) && v >= 0, "an integer >= 0");
    const resize = parseResize(args.options.resize as string | undefined);
    const anglesText = args.options.angles as string | undefined;
    const sizeGiven = args.options.size !== undefined;
    const distKeys = Object.keys(args.options).filter((k) => k.startsWith("distribution.") && args.options[k] !== undefined);
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
      const angles = parseNumbers(anglesText, "angles");
      if (angles.length === 0) throw new UsageError(`fisherlab ${NAME}: --angles is empty; give e.g. --angles 0,0.5,1`);
      count = angles.length;
      const ids = splitIdentities(source.identities, split as SplitName);
      render = (start, n) => renderAngles(source, angles.subarray(start, start + n),
        Int32Array.from({ length: n }, (_, k) => ids[(start + k) % ids.length]), { seed, firstIndex: start });
    } else {
      count = numberOption(NAME, args, "size", 0, (v) => Number.isInteger(v) && v >= 1, "an integer >= 1");
      const spec: Record<string, unknown> = { kind: (args.options["distribution.kind"] as string | undefined) ?? "uniform" };
      for (const k of DIST_NUMBERS) if (args.options[`distribution.${k}`] !== undefined) spec[k] = numberOption(NAME, args, `distribution.${k}`, 0);
      for (const k of ["grid", "density"]) {
        const v = args.options[`distribution.${k}`] as string | undefined;
        if (v !== undefined) spec[k] = Array.from(parseNumbers(v, `distribution.${k}`));
      }
      const distribution = distributionFromSpec(spec, source.domain);
      const dataset = createDataset({ source, split: split as SplitName, distribution, size: count, seed });
      render = (start, n) => dataset.batch(start, n);
    }

    const [h, w] = [source.height, source.width];
    const anglesOut = new Float64Array(count);
    const previewN = Math.min(count, STIMULI_DEFAULTS.previewCount);
    const previewImages = new Float32Array(previewN * h * w);
    writeNpyStream(out, [count, h, w], (write) => {
      for (let start = 0; start < count; start += BATCH) {
        const b = render(start, Math.min(BATCH, count - start));
        anglesOut.set(b.angles, start);
        if (start < previewN) previewImages.set(b.images.subarray(0, Math.min(b.count, previewN - start) * h * w), start * h * w);
        write(b.images);
      }
    });
    const anglesPath = anglesPathOf(out);
    writeNpy(anglesPath, [count], anglesOut);
    if (preview !== undefined) writeFileAtomic(preview, contactSheet(previewImages, previewN, h, w, source.valueRange));
    console.log(`${out}: ${count} images ${h}×${w} from ${source.name} (split ${split}, ${source.domain.name} domain); angles in ${anglesPath}${preview ? `; preview ${preview}` : ""}`);
    return 0;
  },
};

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
