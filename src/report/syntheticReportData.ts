import type { Rng } from "../engine/index.js";
import { FINISHED } from "../rundir/index.js";
import type { ReportData, FisherCurve, MetricsRow, ReportRun, AdaptIteration } from "./reportData.js";
import { theoreticalAlpha } from "./theoreticalAlpha.js";

/** von Mises density on [0, 2π) with mode `loc` and concentration κ (I₀ by its power series). */
function vonMises(theta: number, loc: number, kappa: number): number {
  let i0 = 0, term = 1;
  for (let k = 0; k < 60; k++) { if (k > 0) term *= (kappa / 2) ** 2 / (k * k); i0 += term; }
  return Math.exp(kappa * Math.cos(theta - loc)) / (2 * Math.PI * i0);
}

/**
 * A synthetic experiment shaped like fisherlab's main job (pretrained uniform + three losses
 * fine-tuned on von Mises κ = 4, 2 replicates each, plus an adaptation loop), with I = c·p^α
 * (α the theoretical one) times smooth replicate noise. For tests and for looking at the report
 * without running an experiment; names contain markup to exercise escaping.
 */
export function syntheticReportData(rng: Rng, options: { grid?: number; replicates?: number } = {}): ReportData {
  const n = options.grid ?? 120, R = options.replicates ?? 2;
  const theta = Array.from({ length: n }, (_, i) => (2 * Math.PI * i) / n);
  const losses = ["angle_diff", "sq_diff", "sqrt_diff"];
  const conditions = [
    { name: "pretrained <uniform>", loss: "angle_diff", domain: [0, 2 * Math.PI] as [number, number], trainingDensity: { theta, density: theta.map(() => 1 / (2 * Math.PI)) }, description: "pretraining on a uniform density" },
    ...losses.map((loss) => ({
      name: `${loss} κ=4`, loss, domain: [0, 2 * Math.PI] as [number, number],
      trainingDensity: { theta, density: theta.map((t) => vonMises(t, Math.PI, 4)) },
      description: "fine-tuned on von Mises (loc = π, κ = 4) & checked",
    })),
  ];
  const shared = theta.map((t) => 0.15 * Math.sin(3 * t + 0.4)); // "pretraining" shape every network inherits
  const fisher: FisherCurve[] = [], metrics: MetricsRow[] = [], runs: ReportRun[] = [];
  conditions.forEach((c, ci) => {
    const alpha = theoreticalAlpha(c.loss).alpha ?? 1;
    const reps = ci === 0 ? 1 : R;
    for (let r = 0; r < reps; r++) {
      const phase = rng.uniform() * 2 * Math.PI;
      const I = theta.map((t, i) => 40 * (c.trainingDensity.density[i] * 2 * Math.PI) ** alpha * Math.exp(shared[i] + 0.1 * Math.sin(2 * t + phase) + 0.03 * rng.normal()));
      fisher.push({ condition: c.name, replicate: r, theta, fisher: I, stderr: I.map((v) => 0.04 * v), method: "derivative", layer: "output" });
      const epochs = 30 + rng.int(10);
      for (let e = 0; e < epochs; e++) {
        const train = 0.9 * Math.exp(-e / 8) + 0.08 + 0.005 * rng.normal();
        metrics.push({ condition: c.name, replicate: r, epoch: e, trainLoss: train, valLoss: train * 1.1 + 0.01 });
      }
      runs.push({ condition: c.name, replicate: r, stage: ci === 0 ? "pretrain" : "finetune-1", status: FINISHED, testError: 0.12 + 0.02 * rng.uniform() });
    }
  });
  runs.push({ condition: conditions[1].name, replicate: R, stage: "finetune-1", status: "failed", error: "Error: loss became NaN at epoch 3 <stopped>" });
  const adapt: AdaptIteration[] = [];
  let p = theta.map(() => 1 / (2 * Math.PI));
  for (let k = 0; k < 5; k++) {
    // a stand-in for the loop: I ∝ p^1.5 × a fixed bump, moved by p ← p/√I
    const I = theta.map((t, i) => 30 * (p[i] * 2 * Math.PI) ** 1.5 * (1 + 0.6 * Math.exp(-((t - 2) ** 2))));
    adapt.push({ iteration: k, theta, density: p.slice(), fisher: I });
    const q = p.map((v, i) => v / Math.sqrt(I[i]));
    const z = q.reduce((a, b) => a + b, 0) * (2 * Math.PI / n);
    p = q.map((v) => v / z);
  }
  return {
    title: "Synthetic experiment <fisherlab>",
    subtitle: "synthetic data: I = c·p^α with the theoretical α per loss",
    generatedAt: "2026-01-01 00:00 UTC",
    angleUnit: "deg",
    conditions, runs, metrics, fisher, adapt,
    config: "config:\n  loss: { name: angle_diff }\n  note: \"<script>alert('x')</script> & more\"\nreplicates: 2\n",
  };
}
