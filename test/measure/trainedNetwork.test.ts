import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { measureConfiguredNetwork } from "../../src/measure/index.js";
import { loadSource } from "../../src/stimuli/index.js";
import { train } from "../../src/train/index.js";
import { tempDir } from "../tempDir.js";

describe("derivative vs sampling on a trained network", () => {
  it("agree within 3 combined standard errors at four angles (150 identities per class, δ = 0.2)", async () => {
    // A network that reads the angle (val MAE ≈ 15-20° after 8 epochs) carries I of order 10-100 rad⁻²;
    // sampling needs δ large enough that I·δ² is not swamped by noise (at δ = 0.03 its stderr is ~200% here; at 0.2, ~25%), small enough that I is locally flat.
    const run = await train({
      seed: 1, data: { train_size: 4096, val_size: 512, test_size: 512 }, train: { max_epochs: 8, patience: 8 },
    }, { outDir: join(tempDir("agree"), "run"), quiet: true });
    try {
      const source = loadSource(run.config.data.source);
      const m = { layer: "output" as const, angles: 4, split: "train" as const, seed: 0, delta: 0.2 };
      const d = measureConfiguredNetwork(run.network, run.config, { ...m, method: "derivative" }, source);
      const s = measureConfiguredNetwork(run.network, run.config, { ...m, method: "sampling" }, source);
      const lines = d.map((e, i) => `θ=${e.theta.toFixed(2)}: derivative ${e.fisher.toFixed(1)} ± ${e.stderr.toFixed(1)}, sampling ${s[i].fisher.toFixed(1)} ± ${s[i].stderr.toFixed(1)}`);
      console.log(lines.join("\n"));
      expect(Math.max(...d.map((e) => e.fisher))).toBeGreaterThan(5); // the network does carry information
      d.forEach((e, i) => {
        const z = Math.abs(e.fisher - s[i].fisher) / Math.hypot(e.stderr, s[i].stderr);
        expect(z, lines[i]).toBeLessThan(3);
      });
    } finally {
      run.network.dispose();
    }
  });
});
