/**
 * The input of the HTML report: plain data, no database handles. The results-store adapter fills
 * it; tests build it by hand. Angles are always radians here (the report converts to degrees for
 * display when `angleUnit` is "deg"); I(θ) is always I itself in rad⁻², never √I.
 */

import type { AdaptIteration } from "../adapt/index.js";
import type { AngleUnit } from "../plot/index.js";
import type { RunStatus } from "../rundir/index.js";

export type { AdaptIteration, AngleUnit };

/** One experimental condition (one point of the sweep grid, at the stage being reported). */
export interface ReportCondition {
  /** Unique, human-readable name, e.g. "loss=sq_diff κ=4"; the key used by runs, metrics and curves. */
  name: string;
  /** The loss name from the config (angle_diff, sq_diff, sqrt_diff, cos_sim, …): selects the theoretical α. */
  loss: string;
  /** The angle domain [lo, hi] in radians, e.g. [0, 2π] for rotated images, [0, π] for gratings. */
  domain: [number, number];
  /**
   * The training density of this condition sampled on a grid: θ in radians (ascending, inside the
   * domain), density in rad⁻¹ (integrating to 1 over the domain). Resampled onto each Fisher grid
   * by circular linear interpolation, so the two grids need not match.
   */
  trainingDensity: { theta: number[]; density: number[] };
  /** Optional free text for the summary table (e.g. "fine-tuned from uniform, κ = 4"). */
  description?: string;
}

/** One job (condition × replicate × stage) and its outcome. */
export interface ReportRun {
  condition: string;
  replicate: number;
  /** Stage label ("pretrain", "finetune-1", …), shown in the failed-runs list. */
  stage?: string;
  /** the run's status.json status ("running", "finished", "failed"), or "pending" when the job never started */
  status: RunStatus | "pending";
  /** The error message of a failed job. */
  error?: string;
  /** Mean absolute angular error on the test split, radians (shown in the summary table). */
  testError?: number;
}

/** One epoch of one training run. */
export interface MetricsRow {
  condition: string;
  replicate: number;
  epoch: number;
  /** Mean training loss of the epoch (the loss's own units). */
  trainLoss: number;
  /** Validation loss after the epoch; NaN when not measured. */
  valLoss: number;
}

/** One measured Fisher curve: one network (replicate) of one condition. */
export interface FisherCurve {
  condition: string;
  replicate: number;
  /** Grid angles, radians, ascending. All curves of a condition should share one grid. */
  theta: number[];
  /** I(θ) in rad⁻² (the `fisher` CSV column). */
  fisher: number[];
  /** Standard error of each I(θ) from the estimator (measurement noise), rad⁻²; optional. */
  stderr?: number[];
  /** Estimator and layer, for labels ("derivative", "output"). */
  method?: string;
  layer?: string;
}

/** Everything the report shows. */
export interface ReportData {
  /** Page title, e.g. the experiment's name. */
  title: string;
  /** A line under the title (e.g. the results directory); optional. */
  subtitle?: string;
  /** Timestamp text printed in the header; passed in (not read from the clock) so output is deterministic. */
  generatedAt?: string;
  /** θ axes in degrees or radians (default "deg"). */
  angleUnit?: AngleUnit;
  conditions: ReportCondition[];
  runs: ReportRun[];
  metrics: MetricsRow[];
  fisher: FisherCurve[];
  /** Adaptation-loop iterations, if this experiment ran the loop; the section is left out otherwise. */
  adapt?: AdaptIteration[];
  /** Domain of the adaptation loop's θ, radians (default [0, 2π]). */
  adaptDomain?: [number, number];
  /** The resolved configuration as YAML text, shown verbatim (escaped). */
  config: string;
}
