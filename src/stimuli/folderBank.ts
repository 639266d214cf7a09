import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import jpeg from "jpeg-js";
import type { ImageBank } from "./imageBank.js";
import { resizeImage } from "./resize.js";

// pngjs ships no type declarations; this is the one call we use.
const require = createRequire(import.meta.url);
const { PNG } = require("pngjs") as { PNG: { sync: { read(data: Buffer): { width: number; height: number; data: Uint8Array } } } };

const EXTENSIONS = /\.(png|jpe?g)$/i;

/**
 * An image bank from a folder of PNG/JPEG files, in file-name order (byte order of the names).
 * Colour is converted to grey with the ITU-R 601 luma weights 0.299 R + 0.587 G + 0.114 B (as
 * PIL's "L" mode), alpha is ignored, and values are divided by 255. All images must have the same
 * size unless `resize` = [height, width] is given, which resamples every image to that size.
 */
export function folderBank(path: string, resize?: readonly [number, number]): ImageBank {
  const where = `folder:${path}`;
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new Error(`${where}: not a directory`);
  const files = readdirSync(path).filter((f) => EXTENSIONS.test(f)).sort();
  if (files.length === 0) throw new Error(`${where}: no .png, .jpg or .jpeg files in the folder`);
  const images: Float32Array[] = [];
  let first: { file: string; height: number; width: number } | undefined;
  for (const file of files) {
    const full = join(path, file);
    let img = decodeGrey(full);
    if (resize) {
      img = { ...img, data: resizeImage(img.data, img.height, img.width, resize[0], resize[1]), height: resize[0], width: resize[1] };
    } else if (first && (img.height !== first.height || img.width !== first.width)) {
      throw new Error(`${where}: ${file} is ${img.width}×${img.height} but ${first.file} is ${first.width}×${first.height}; pass a resize option (e.g. --resize 64) to bring every image to one size`);
    }
    first ??= { file, height: img.height, width: img.width };
    images.push(img.data);
  }
  const height = resize ? resize[0] : first!.height, width = resize ? resize[1] : first!.width;
  const data = new Float32Array(images.length * height * width);
  images.forEach((im, i) => data.set(im, i * height * width));
  return { name: where, count: images.length, height, width, data };
}

function decodeGrey(file: string): { height: number; width: number; data: Float32Array } {
  const bytes = readFileSync(file);
  let rgba: { width: number; height: number; data: Uint8Array };
  try {
    rgba = /\.png$/i.test(file) ? PNG.sync.read(bytes) : jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  } catch (err) {
    throw new Error(`${file}: cannot decode image (${(err as Error).message}); is it a valid PNG/JPEG?`);
  }
  const { width, height, data } = rgba;
  const out = new Float32Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = (0.299 * data[4 * i] + 0.587 * data[4 * i + 1] + 0.114 * data[4 * i + 2]) / 255;
  return { height, width, data: out };
}
