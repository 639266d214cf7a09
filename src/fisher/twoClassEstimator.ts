import type { TwoClassEstimator } from "./fromResponses.js";
import { linearDecoder } from "./linearDecoder.js";
import { nonlinearDecoder } from "./nonlinearDecoder.js";
import { robustDiscrimination } from "./robustDiscrimination.js";
import { sampling, type SamplingOptions } from "./sampling.js";

/**
 * The two-class estimator named `method` (sampling, linear-decoder, robust, nonlinear-decoder).
 * `ridge` is the linear decoder's relative ridge (needed when trials per fold < units).
 */
export function twoClassEstimator(method: string, confidence: number, seed: number, ridge?: number, covariance?: SamplingOptions["covariance"]): TwoClassEstimator {
  switch (method) {
    case "sampling": return sampling({ confidence, seed, covariance });
    case "linear-decoder": return linearDecoder({ confidence, seed, ridge });
    case "robust": return robustDiscrimination({ confidence, seed });
    case "nonlinear-decoder": return nonlinearDecoder({ confidence, seed });
    default: throw new Error(`twoClassEstimator(): method must be sampling, linear-decoder, robust or nonlinear-decoder, got ${JSON.stringify(method)}`);
  }
}
