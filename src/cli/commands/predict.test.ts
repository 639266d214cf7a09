// `fisherlab predict --model face-resnet`: features of the pretrained network for an NPY of images,
// and one-line errors for every kind of bad input.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FaceResNet } from "../../backbone/index.js";
import { readNpy, writeNpy } from "../../io/index.js";
import { backboneImages } from "../../train/index.js";
import { predictCommand } from "./predict.js";

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "fisherlab-cli-predict-"));
  vi.spyOn(console, "log").mockImplementation(() => {});
  process.env.FISHERLAB_QUIET = "1";
});
afterAll(() => { rmSync(dir, { recursive: true, force: true }); vi.restoreAllMocks(); delete process.env.FISHERLAB_QUIET; });

const grey = (n: number, h: number, w: number) => Float32Array.from({ length: n * h * w }, (_, i) => 0.5 + 0.4 * Math.sin(i * 0.37));

describe("fisherlab predict --model face-resnet", () => {
  it("writes [N, 128] embeddings of grey N×H×W images, equal to the library's features of the resized RGB input", async () => {
    const images = join(dir, "x.npy"), out = join(dir, "f.npy");
    const x = grey(2, 40, 30);
    writeNpy(images, [2, 40, 30], x);
    expect(await predictCommand.run(["--model", "face-resnet", "--images", images, "--layer", "embedding", "--out", out])).toBe(0);
    const f = readNpy(out);
    expect(f.shape).toEqual([2, 128]);
    const input = backboneImages([2, 40, 30], x);
    expect(input.data[3 * 1000]).toBe(input.data[3 * 1000 + 2]); // grey replicated to R, G and B
    expect(Array.from(f.data)).toEqual(Array.from(FaceResNet.load().features(input.data, 2, "embedding")));
  });

  it("writes a block's activity [N, h·w·c] for N×150×150×3 RGB input", async () => {
    const images = join(dir, "rgb.npy"), out = join(dir, "b.npy");
    writeNpy(images, [1, 150, 150, 3], grey(1, 150, 450));
    await predictCommand.run(["--model", "face-resnet", "--images", images, "--layer", "conv256_down_out", "--out", out]);
    expect(readNpy(out).shape).toEqual([1, 2 * 2 * 256]);
  });

  it.each([
    [[3, 4], new Float32Array(12), /--images .*: must be N×H×W \(grey\) or N×H×W×3 \(RGB\), got rank 2 \[3, 4\]/],
    [[1, 4, 4, 4], new Float32Array(64), /must have C = 3 channels \(RGB\), got 4/],
    [[1, 4, 4], Float32Array.from({ length: 16 }, (_, i) => (i === 5 ? 1.5 : 0.5)), /values must be in \[0, 1\], got 1.5 at flat index 5/],
  ])("images of shape %j with bad contents are a one-line error naming the problem", async (shape, data, message) => {
    const images = join(dir, "bad.npy");
    writeNpy(images, shape, data);
    await expect(predictCommand.run(["--model", "face-resnet", "--images", images, "--layer", "embedding", "--out", join(dir, "o.npy")])).rejects.toThrow(message);
  });

  it("an unknown layer or model is named", async () => {
    const images = join(dir, "ok.npy");
    writeNpy(images, [1, 8, 8], grey(1, 8, 8));
    await expect(predictCommand.run(["--model", "face-resnet", "--images", images, "--layer", "conv7", "--out", join(dir, "o.npy")]))
      .rejects.toThrow(/--layer: layer "conv7" does not exist; use one of conv32_down/);
    await expect(predictCommand.run(["--model", "vgg", "--images", images, "--layer", "embedding", "--out", join(dir, "o.npy")]))
      .rejects.toThrow(/--model must be face-resnet, got "vgg"/);
  });
});
