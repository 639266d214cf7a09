import {
  derivative, linearDecoder, nonlinearDecoder, robustDiscrimination, sampling,
  DERIVATIVE_REGIME, LINEAR_DECODER_REGIME, NONLINEAR_DECODER_REGIME, ROBUST_REGIME, SAMPLING_REGIME,
  type Condition, type FisherEstimate, type Regime, type TwoClassData,
} from "../fisher/index.js";
import type { Rng } from "../engine/index.js";
import type { Population } from "./population.js";

/** One estimator as `fisherlab validate` runs it: its declared regime and how to feed it planted data. */
export interface ValidatedEstimator {
  name: string;
  kind: "two-class" | "derivative";
  regime: Regime;
  /** the value the estimator targets on this population */
  truth(pop: Population, c: Condition): number;
  estimate(pop: Population, c: Condition, rng: Rng, seed: number): FisherEstimate;
}

const outlierCount = (c: Condition, n: number) => (c.outliers ? Math.round(n / 10) : 0);

function twoClass(name: string, regime: Regime, make: (seed: number) => { estimate(d: TwoClassData): FisherEstimate }): ValidatedEstimator {
  return {
    name, kind: "two-class", regime,
    truth: (pop, c) => pop.twoClassTarget(c.delta!),
    estimate(pop, c, rng, seed) {
      const d = c.delta!, k = outlierCount(c, c.samples);
      const low = pop.responses(-d / 2, c.samples, rng, k), high = pop.responses(d / 2, c.samples, rng, k);
      return make(seed).estimate({ theta: 0.7, delta: d, low, high });
    },
  };
}

/** Every estimator `fisherlab validate` calibrates, with the regime each declares next to its code. */
export const VALIDATED_ESTIMATORS: readonly ValidatedEstimator[] = [
  twoClass("sampling", SAMPLING_REGIME, (seed) => sampling({ seed })),
  twoClass("robust", ROBUST_REGIME, (seed) => robustDiscrimination({ seed })),
  twoClass("linear-decoder", LINEAR_DECODER_REGIME, (seed) => linearDecoder({ seed })),
  twoClass("nonlinear-decoder", NONLINEAR_DECODER_REGIME, (seed) => nonlinearDecoder({ seed })),
  {
    name: "derivative", kind: "derivative", regime: DERIVATIVE_REGIME,
    truth: (pop) => pop.fisher,
    estimate(pop, c, rng, seed) {
      return derivative({ seed }).estimate({ theta: 0.7, ...pop.identities(c.samples, rng, outlierCount(c, c.samples)) });
    },
  },
];
