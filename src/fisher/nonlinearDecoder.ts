import { z } from "zod";
import { FISHER_DEFAULTS } from "./defaults.js";
import { checkOptions } from "../rules/index.js";
import { rules } from "./options.js";
import { regimeWarning, type Regime } from "./regime.js";
import { assertFinite, normalInterval, type FisherEstimate } from "./estimate.js";
import { constantAcrossClasses, validateTwoClass, type TwoClassData } from "./twoClass.js";
import { decoderFisher, dprimeOf } from "./dprime.js";
import { crossValidated } from "./linearDecoder.js";
import { trainMlpDiscriminator } from "./mlpDiscriminator.js";
import { createRng } from "../engine/index.js";

const schema = z.object({
  confidence: rules.fraction().optional(),
  folds: rules.intAtLeast(2).optional(),
  hidden: rules.positiveInt().optional(),
  epochs: rules.positiveInt().optional(),
  learningRate: rules.positive().optional(),
  weightDecay: rules.nonNegative().optional(),
  seed: rules.seed().optional(),
}).strict();

export type NonlinearDecoderOptions = z.infer<typeof schema>;

/** Where `nonlinearDecoder()` is calibrated (measured by `fisherlab validate`, docs/validation.md). */
export const NONLINEAR_DECODER_REGIME: Regime = {
  description: "none: a lower bound on the linear I for Gaussian classes (held-out MLP; measured −8% ± 10% at N = 2 and −19% ± 7% at N = 5, T = 100, I·δ² = 1)",
  contains: () => false,
};

/**
 * Non-linear decoder (docs/estimators.md, `nonlinear-decoder`): a small MLP discriminator
 * (mlpDiscriminator.ts) trained on K−1 folds; its held-out output logits are the decision
 * values, d′ = (m_high − m_low)/s_pooled and I = (d′/δ)². For Gaussian classes with equal
 * covariance this recovers the linear value (slightly lower: held-out, finite training); it
 * gains when the classes differ in shape. Uncertainty: normal approximation of Var(d̂′).
 */
export function nonlinearDecoder(options: NonlinearDecoderOptions = {}) {
  const o = checkOptions("nonlinearDecoder()", schema, options ?? {});
  const resolved = {
    confidence: o.confidence ?? FISHER_DEFAULTS.confidence,
    folds: o.folds ?? FISHER_DEFAULTS.folds,
    hidden: o.hidden ?? FISHER_DEFAULTS.mlpHidden,
    epochs: o.epochs ?? FISHER_DEFAULTS.mlpEpochs,
    learningRate: o.learningRate ?? FISHER_DEFAULTS.mlpLearningRate,
    weightDecay: o.weightDecay ?? FISHER_DEFAULTS.mlpWeightDecay,
    seed: o.seed ?? FISHER_DEFAULTS.seed,
  };
  return {
    method: "nonlinear-decoder" as const,
    options: resolved,
    estimate(data: TwoClassData): FisherEstimate {
      const fn = "nonlinearDecoder()";
      const d = validateTwoClass(fn, data, resolved.folds);
      if (constantAcrossClasses(d.low, d.high)) {
        return { theta: d.theta, fisher: 0, stderr: 0, ciLow: 0, ciHigh: 0, method: "nonlinear-decoder", nSamples: d.low.rows + d.high.rows, dprime: 0,
          warnings: ["nonlinearDecoder(): the responses are constant (every unit takes one value in both classes): I = 0 exactly; check the layer or the recording"] };
      }
      const rng = createRng(resolved.seed).fork(`mlp:${d.theta}`);
      const decision = crossValidated(fn, d.low, d.high, resolved.folds, resolved.seed, d.theta,
        (train, labels) => trainMlpDiscriminator(train, labels, resolved, rng.fork(train.rows)));
      const { dprime } = dprimeOf(decision.low, decision.high);
      const { fisher, stderr } = decoderFisher(dprime, d.low.rows, d.high.rows, d.delta, 0, resolved.folds);
      return assertFinite(fn, { theta: d.theta, fisher, stderr, ...normalInterval(fisher, stderr, resolved.confidence),
        method: "nonlinear-decoder", nSamples: d.low.rows + d.high.rows, fisherUncorrected: (dprime / d.delta) ** 2, dprime,
        warnings: regimeWarning(fn, NONLINEAR_DECODER_REGIME, { units: d.low.cols, samples: Math.min(d.low.rows, d.high.rows), fisher: Math.max(fisher, 0), delta: d.delta, covTerm: false, outliers: false },
          "a lower bound on the linear I where d′ is above the noise: measured −19% ± 7% at N = 5, T = 100, I·δ² = 1 and −70% ± 6% at the network defaults N = 2, T = 25, δ = 0.1, I = 50 (not a bound at δ = 0.03: +505% ± 77%); use linear-decoder or robust for a value") });
    },
  };
}

