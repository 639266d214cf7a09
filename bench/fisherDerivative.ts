/**
 * Benchmark of the derivative estimator: `derivative` on 200 angles × 50 identities for the reference network
 * 4096-60-20-2 (untrained weights; the cost does not depend on them), per layer.
 * Run: npm run build && node dist/bench/fisherDerivative.js
 */
import { derivative } from "../src/fisher/index.js";
import { recordDerivative } from "../src/measure/index.js";
import { createMlp } from "../src/nn/index.js";
import { loadSource } from "../src/stimuli/index.js";
import { createRng, defaultKernels } from "../src/engine/index.js";

const source = loadSource("textures");
const net = createMlp({ inputSize: source.height * source.width, hidden: [60, 20] }, { kernels: defaultKernels(), rng: createRng(1) });
const identities = Array.from({ length: 50 }, (_, i) => i);
for (const layer of [0, 1, 2]) {
  let record = 0, estimate = 0;
  for (let i = 0; i < 200; i++) {
    const a = performance.now();
    const d = recordDerivative(net, source, (2 * Math.PI * i) / 200, { layer, identities });
    const b = performance.now();
    derivative().estimate(d);
    record += b - a;
    estimate += performance.now() - b;
  }
  console.log(`layer ${layer} (${net.layers[layer].outSize} units): render+JVP ${(record / 1000).toFixed(1)} s, estimate ${(estimate / 1000).toFixed(1)} s, total ${((record + estimate) / 1000).toFixed(1)} s`);
}
net.dispose();
