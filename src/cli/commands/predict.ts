import { progress, readNpy, writeNpy } from "../../io/index.js";
import { npyGrey } from "../../stimuli/index.js";
import { FaceResNet, LAYER_NAMES, layerIndex } from "../../backbone/index.js";
import { backboneImages, predict } from "../../train/index.js";
import { defineCommand } from "../command.js";
import { flagOption, integerValue, out, requireValue, stringOption, type ParsedArgs } from "../options/index.js";
import { outputFile } from "../outputPaths.js";
import { UsageError } from "../usageError.js";

const options = {
  run: stringOption("finished run directory (this or --model)"),
  model: stringOption("a pretrained network instead of a run: face-resnet (docs/backbone.md)"),
  images: stringOption("NPY array of images in [0, 1] (uint8: 0..255): [N, 64, 64] or [N, 4096] for a run; [N, H, W] or [N, H, W, 3] for face-resnet (required)"),
  layer: stringOption(`0-based layer whose activity to write (default: the output); with --model face-resnet a layer name: ${LAYER_NAMES.join(", ")}`),
  decode: flagOption("write decoded angles in radians, [N], instead of activity"),
  ...out("NPY file to write (required)"),
} as const;

export const predictCommand = defineCommand({
  name: "predict",
  summary: "run a trained network on your images: layer activity or decoded angles",
  usage: "fisherlab predict --run DIR --images X.npy [--layer K] [--decode] --out Y.npy\n       fisherlab predict --model face-resnet --images X.npy --layer NAME --out F.npy",
  options,
  async run(args) {
    if (args.values.model !== undefined) return predictPretrained(args);
    const runDir = requireValue(args, "run", "a finished run directory, or --model face-resnet");
    const imagesPath = requireValue(args, "images", "an NPY file of images");
    const outPath = outputFile("predict", "out", requireValue(args, "out", "the NPY file to write"), [".npy"]);
    const layer = args.values.layer === undefined ? undefined // default: the output layer
      : integerValue(args, "layer", 0, 0);
    const images = readNpy(imagesPath);
    // the one image-dtype rule of the stimuli's npy: source (integers are 0..255 grey levels)
    const result = predict(runDir, { shape: images.shape, data: npyGrey(images, imagesPath) }, { layer, decode: Boolean(args.values.decode) });
    writeNpy(outPath, result.shape, result.data);
    console.log(`${outPath}: ${args.values.decode ? "decoded angles" : `layer ${layer ?? "output"} activity`} [${result.shape.join(", ")}] for ${result.shape[0]} images`);
    return 0;
  },
});

/** `--model face-resnet`: a layer of the pretrained face ResNet for each image, [N, units]. */
function predictPretrained(args: ParsedArgs<typeof options>): number {
  const o = args.values;
  if (o.model !== "face-resnet") throw new UsageError(`fisherlab predict: --model must be face-resnet, got ${JSON.stringify(o.model)}`);
  if (o.run !== undefined) throw new UsageError("fisherlab predict: give --run or --model, not both");
  if (o.decode) throw new UsageError("fisherlab predict: --decode needs a trained run (--run); face-resnet has no angle output");
  const imagesPath = requireValue(args, "images", "an NPY file of images");
  const outPath = outputFile("predict", "out", requireValue(args, "out", "the NPY file to write"), [".npy"]);
  const layer = requireValue(args, "layer", `a layer name: ${LAYER_NAMES.join(", ")}`);
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
