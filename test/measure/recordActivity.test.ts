import { describe, expect, test } from "vitest";
import { recordDerivative, recordPair } from "../../src/measure/recordActivity.js";
import { derivative, sampling } from "../../src/fisher/index.js";
import { createMlp } from "../../src/nn/index.js";
import { loadSource, gratingSource } from "../../src/stimuli/index.js";
import { createRng, defaultKernels } from "../../src/engine/index.js";
import type { Matrix } from "../../src/math/linalg.js";

describe("recordActivity on a network", () => {
  const source = loadSource("textures:200:0");
  const net = createMlp({ inputSize: source.height * source.width, hidden: [12, 4], activation: "celu" }, { kernels: defaultKernels(), rng: createRng(1) });
  const ids = Array.from({ length: 200 }, (_, i) => i);

  test("recordDerivative() JVPs match central differences of recorded activity", () => {
    const d = recordDerivative(net, source, 0.8, { layer: 1, identities: [7, 8, 9] });
    const h = 0.03; // the rotation derivative is itself a central difference with this step
    // identity 7 in both classes: r(θ + h) − r(θ − h)
    const pair = recordPair(net, source, 0.8, 2 * h, 2, { layer: 1, identities: [7, 7, 7, 7] });
    const low = pair.low as Matrix, high = pair.high as Matrix;
    for (let j = 0; j < 4; j++) expect(d.derivatives.data[j]).toBeCloseTo((high.data[j] - low.data[j]) / (2 * h), 3);
  });

  test("derivative() and sampling() (δ = 0.4, 100 identities per class) on an untrained network layer agree within 3 combined stderr at three angles", () => {
    for (const theta of [0.5, 2, 4]) {
      const der = derivative().estimate(recordDerivative(net, source, theta, { layer: 1, identities: ids }));
      const smp = sampling().estimate(recordPair(net, source, theta, 0.4, 100, { layer: 1, identities: ids }));
      const z = Math.abs(der.fisher - smp.fisher) / Math.hypot(der.stderr, smp.stderr);
      console.log(`θ = ${theta}: derivative ${der.fisher.toFixed(3)} ± ${der.stderr.toFixed(3)} (mean ${der.meanTerm!.toFixed(3)}, cov ${der.covTerm!.toFixed(3)}), sampling ${smp.fisher.toFixed(3)} ± ${smp.stderr.toFixed(3)}, z = ${z.toFixed(2)}`);
      expect(z).toBeLessThan(3);
    }
  });

  test("recordPair() refuses more samples per class than identities per class for an image bank", () => {
    expect(() => recordPair(net, source, 1, 0.03, 150, { layer: 1, identities: ids })).toThrow(/150 samples per class but only 100 identities per class/);
    expect(() => recordPair(net, source, 1, 0.03, 10, { layer: 5, identities: ids })).toThrow(/layer must be an integer in \[0, 2\]/);
  });

  test("recordPair() on gratings (one identity, fresh noise) gives classes with distinct noise", () => {
    const g = gratingSource({ size: 16 });
    const gnet = createMlp({ inputSize: 256, hidden: [6] }, { kernels: defaultKernels(), rng: createRng(2) });
    const pair = recordPair(gnet, g, 0.3, 0.03, 20, { layer: 0, identities: [0] });
    const low = pair.low as Matrix, high = pair.high as Matrix;
    expect(low.data[0]).not.toBe(low.data[6]); // different noise per sample
    expect(Number.isFinite(high.data[0])).toBe(true);
  });
});
