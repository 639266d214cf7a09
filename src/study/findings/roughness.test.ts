import { describe, expect, it } from "vitest";
import { createRng } from "../../engine/index.js";
import type { ActivationNetwork } from "./activationNetworks.js";
import { analyzeRoughness, roughnessRows } from "./roughness.js";

const N = 180;
const theta = Array.from({ length: N }, (_, i) => (2 * Math.PI * i) / N);
const curve = (fisher: number[]) => ({ theta, fisher, stderr: fisher.map(() => NaN) });

/**
 * Planted networks: I(θ) = smooth trend × exp(rough · r(θ)) × exp(noise · n₀(θ)), r a fixed pattern of
 * the network (real roughness), n₀ measurement noise; bootstrap curves multiply I by a fresh
 * exp(noise · n_b(θ)) — the bootstrap principle: I_b deviates from I as I deviates from the truth.
 */
function planted(activation: string, replicates: number, rough: number, noise: number, seed: number): ActivationNetwork[] {
  const rng = createRng(seed);
  return Array.from({ length: replicates }, (_, r) => {
    const trend = theta.map((t) => 10 * Math.exp(Math.cos(t)));
    const test = trend.map((v) => v * Math.exp(rough * rng.normal() + noise * rng.normal()));
    const boots = Array.from({ length: 4 }, () => curve(test.map((v) => v * Math.exp(noise * rng.normal()))));
    return { activation, replicate: r, test: curve(test), boots, train: null, val: null };
  });
}

describe("analyzeRoughness()", () => {
  it("is reproduced when every activation's networks carry roughness far above the bootstrap noise", () => {
    const nets = [...planted("celu", 4, 0.3, 0.02, 1), ...planted("relu", 4, 0.3, 0.02, 2)];
    const result = analyzeRoughness(roughnessRows(nets));
    expect(result.verdict).toBe("reproduced");
    expect(result.statistics).toHaveLength(6);
    const excess = result.statistics.find((s) => s.name.startsWith("celu: roughness − noise floor"))!;
    // roughness of 0.3·N(0,1) steps: E|Δ| = 0.3·√2·√(2/π) ≈ 0.34 (the 30° trend division removes little); floor ≈ 0.02·1.13
    expect(excess.value).toBeGreaterThan(0.25);
    expect(excess.lo).toBeGreaterThan(0);
  });

  it("is not reproduced when the curves are smooth apart from measurement noise (roughness at the floor)", () => {
    const nets = [...planted("celu", 4, 0, 0.1, 3), ...planted("relu", 4, 0, 0.1, 4)];
    const result = analyzeRoughness(roughnessRows(nets));
    expect(result.verdict).toBe("not reproduced");
  });

  it("is mixed when only some activations are rough beyond the floor, and names them", () => {
    const nets = [...planted("celu", 4, 0, 0.1, 5), ...planted("relu", 4, 0.4, 0.02, 6)];
    const result = analyzeRoughness(roughnessRows(nets));
    expect(result.verdict).toBe("mixed");
    expect(result.real).toEqual(["relu"]);
  });
});
