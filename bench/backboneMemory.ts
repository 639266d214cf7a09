/**
 * `node dist/bench/backboneMemory.js [LAYER] [ANGLES] [IDENTITIES]`: the network side of a
 * derivative measurement at a backbone block — for each angle, the identities' images and their
 * rotation derivatives (textures bank), resized to 150×150 RGB, through the face ResNet's JVP at
 * LAYER, keeping the per-angle responses and derivatives [identities, units] that the estimator
 * takes — and the process's peak resident memory. Prints one JSON line.
 */
import { FaceResNet, layerUnits, type LayerName } from "../src/backbone/index.js";
import { defaultKernels } from "../src/engine/index.js";
import { loadSource, renderWithDerivative, runIdentities } from "../src/stimuli/index.js";
import { toBackboneInput } from "../src/train/index.js";

const layer = (process.argv[2] ?? "conv128_2") as LayerName;
const angles = Number(process.argv[3] ?? 200), m = Number(process.argv[4] ?? 50);
const source = loadSource("textures");
const ids = runIdentities(source, [300, 50, 50], "test").subarray(0, m);
const net = FaceResNet.shared(defaultKernels());
const units = layerUnits(layer);
const t0 = performance.now();
let checksum = 0;
for (let a = 0; a < angles; a++) {
  const theta = (2 * Math.PI * a) / angles;
  const imgs = renderWithDerivative(source, new Float64Array(m).fill(theta), ids, { seed: 0 });
  const shape = [m, source.height, source.width];
  const r = net.jvp(toBackboneInput(shape, imgs.images, true).data, toBackboneInput(shape, imgs.derivatives, false).data, m, layer);
  checksum += r.tangents[0] + r.values[0]; // responses and derivatives [m, units] for this angle
}
console.log(JSON.stringify({
  layer, units, angles, identities: m, seconds: (performance.now() - t0) / 1000,
  peak_rss_mib: process.resourceUsage().maxRSS / 1024, finite: Number.isFinite(checksum),
}));
