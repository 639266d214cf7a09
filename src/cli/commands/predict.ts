import { readNpy, writeNpy } from "../../io/index.js";
import { npyGrey } from "../../stimuli/index.js";
import { predict } from "../../train/index.js";
import { helpText, numberOption, parseArgs, requireOption, type OptionSpec } from "../args.js";
import type { Command } from "../command.js";
import { outputFile } from "../outputPaths.js";

const options: Record<string, OptionSpec> = {
  run: { type: "string", help: "finished run directory (required)" },
  images: { type: "string", help: "NPY array of images, [N, 64, 64] or [N, 4096] (required)" },
  layer: { type: "string", help: "0-based layer whose activity to write (default: the output)" },
  decode: { type: "flag", help: "write decoded angles in radians, [N], instead of activity" },
  out: { type: "string", help: "NPY file to write (required)" },
  help: { type: "flag", help: "show this help" },
};

export const predictCommand: Command = {
  name: "predict",
  summary: "run a trained network on your images: layer activity or decoded angles",
  usage: "fisherlab predict --run DIR --images X.npy [--layer K] [--decode] --out Y.npy",
  options,
  async run(argv) {
    const args = parseArgs("predict", argv, options);
    if (args.options.help) { console.log(helpText("predict", this.summary, this.usage, options)); return 0; }
    const runDir = requireOption("predict", args, "run", "a finished run directory");
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
