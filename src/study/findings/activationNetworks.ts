import { loadSweepRuns, runCurve, runMethods, type Curve } from "../sweepRuns.js";

/** The activations of examples/study/activations.yaml, smooth ones first. */
export const ACTIVATIONS = ["celu", "tanh", "relu", "leaky_relu"] as const;
/** Activations with a continuous derivative (the original claim's "smooth, differentiable"). */
export const SMOOTH_ACTIVATIONS: readonly string[] = ["celu", "tanh"];

/** One network of the activations experiment with its measurements (output layer, derivative method). */
export interface ActivationNetwork {
  activation: string;
  replicate: number;
  /** I(θ) on the test identities */
  test: Curve;
  /** I(θ) on bootstrap resamples of the test identities (derivative-boot<k>) */
  boots: Curve[];
  /** I(θ) on 50 train identities / on the val identities (null when not measured) */
  train: Curve | null;
  val: Curve | null;
}

/** Every finished network of the activations sweep in DIR that has its test curve. */
export function activationNetworks(dir: string): ActivationNetwork[] {
  const out: ActivationNetwork[] = [];
  for (const run of loadSweepRuns(dir)) {
    const test = runCurve(run, "derivative");
    if (!test) continue;
    const boots = runMethods(run, "derivative-boot").sort().map((m) => runCurve(run, m)).filter((c): c is Curve => c !== null);
    out.push({
      activation: String(run.condition["model.activation"] ?? (run.contents.config?.model as { activation?: string } | undefined)?.activation ?? "celu"),
      replicate: run.replicate, test, boots, train: runCurve(run, "derivative-train"), val: runCurve(run, "derivative-val"),
    });
  }
  if (out.length === 0) throw new Error(`activationNetworks(): ${dir} holds no finished network with a Fisher curve; rerun the study to finish its sweep`);
  return out;
}
