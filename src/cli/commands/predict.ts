import { progress, readNpy, writeNpy } from "../../io/index.js";
import { npyGrey } from "../../stimuli/index.js";
import { FaceResNet, LAYER_NAMES, layerIndex } from "../../backbone/index.js";
import { backboneImages, predict } from "../../train/index.js";
import { helpText, numberOption, parseArgs, requireOption, UsageError, type OptionSpec, type ParsedArgs } from "../args.js";
import type { Command } from "../command.js";
import { outputFile } from "../outputPaths.js";

const options: Record<string, OptionSpec> = {
  run: { type: "string", help: "finished run directory (this or --model)" },
  model: { type: "string", help: "a pretrained network instead of a run: face-resnet (docs/backbone.md)" },
  images: { type: "string", help: "NPY array of images in [0, 1] (uint8: 0..255): [N, 64, 64] or [N, 4096] for a run; [N, H, W] or [N, H, W, 3] for face-resnet (required)" },
  layer: { type: "string", help: `0-based layer whose activity to write (default: the output); with --model face-resnet a layer name: ${LAYER_NAMES.join(", ")}` },
  decode: { type: "flag", help: "write decoded angles in radians, [N], instead of activity" },
  out: { type: "string", help: "NPY file to write (required)" },
  help: { type: "flag", help: "show this help" },
};

export const predictCommand: Command = {
  name: "predict",
  summary: "run a trained network on your images: layer activity or decoded angles",
  usage: "fisherlab predict --run DIR --images X.npy [--layer K] [--decode] --out Y.npy\n       fisherlab predict --model face-resnet --images X.npy --layer NAME --out F.npy",
  options,
  async run(argv) {
    const args = parseArgs("predict", argv, options);
    if (args.options.help) { console.log(helpText("predict", this.summary, this.usage, options)); return 0; }
    if (args.options.model !== undefined) return predictPretrained(args.options);
    const runDir = requireOption("predict", args, "run", "a finished run directory, or --model face-resnet");
    const imagesPath = requireOption("predict", args, "images", "an NPY file of images");
    const outPath = outputFile("predict", "out", requireOption("predict", args, "out", "the NPY file to write"), [".npy"]);
    const layer = args.options.layer === undefined ? undefined // default: the output layer
      : numberOption("predict", args, "layer", 0, (v) => Number.isInteger(v) && v >= 0, "an integer ≥ 0");
    const images = readNpy(imagesPath);
    // the one image-dtype rule of the stimuli's npy: source (integers are 0..255 grey levels)
    const result = predict(runDir, { shape: images.shape, data: npyGrey(images, imagesPath) }, { layer, decode: Boolean(args.options.decode) });
    writeNpy(outPath, result.shape, result.data);
    console.log(`${outPath}: ${args.options.decode ? "decoded angles" : `layer ${layer ?? "output"} activity`} [${result.shape.join(", ")}] for ${result.shape[0]} images`);
    return 0;
  },
};

/** `--model face-resnet`: a layer of the pretrained face ResNet for each image, [N, units]. */
function predictPretrained(o: Record<string, unknown>): number {
  if (o.model !== "face-resnet") throw new UsageError(`fisherlab predict: --model must be face-resnet, got ${JSON.stringify(o.model)}`);
  if (o.run !== undefined) throw new UsageError("fisherlab predict: give --run or --model, not both");
  if (o.decode) throw new UsageError("fisherlab predict: --decode needs a trained run (--run); face-resnet has no angle output");
  const args = { options: o as ParsedArgs["options"], positionals: [] };
  const imagesPath = requireOption("predict", args, "images", "an NPY file of images");
  const outPath = outputFile("predict", "out", requireOption("predict", args, "out", "the NPY file to write"), [".npy"]);
  const layer = requireOption("predict", args, "layer", `a layer name: ${LAYER_NAMES.join(", ")}`);
  layerIndex(layer, "fisherlab predict: --layer"); // a bad name fails before the images are read
  const arr = readNpy(imagesPath);
  const input = backboneImages(arr.shape, npyGrey(arr, imagesPath), `fisherlab predict: --images ${imagesPath}`);
  const net = FaceResNet.load();
  const bar = progress(`face-resnet ${layer}`, input.n);
  const features = net.features(input.data, input.n, layer, { onProgress: (done) => bar.update(done) });
  bar.finish(`${input.n} images`);
  const units = features.length / Math.max(1, input.n);
  writeNpy(outPath, [input.n, units], features);
  console.log(`${outPath}: face-resnet layer ${layer} [${input.n}, ${units}]`);
  return 0;
}
