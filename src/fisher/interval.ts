import { z } from "zod";
import { FISHER_DEFAULTS } from "./defaults.js";
import { checkOptions } from "../rules/index.js";
import { rules } from "./options.js";
import { assertFinite, normalInterval, type FisherEstimate } from "./estimate.js";
import type { Measure } from "./measure.js";
import { createRng, type Rng } from "../engine/index.js";

const schema = z.object({
  confidence: rules.fraction().optional(),
  relError: rules.positive().optional(),
  batch: rules.positiveInt().optional(),
  maxSamples: rules.intAtLeast(4).optional(),
  minWidth: rules.positive().optional(),
  maxEvaluations: rules.positiveInt().optional(),
  seed: rules.seed().optional(),
}).strict();

export type IntervalOptions = z.infer<typeof schema>;

/** An interval average: `theta` is the midpoint, `fisher` the mean of I over [low, high). */
export type IntervalEstimate = FisherEstimate & { intervalLow: number; intervalHigh: number };

/**
 * Adaptive interval averages (docs/estimators.md, `interval`): draw θ uniformly in [low, high) (seeded),
 * measure I(θ), and stop when the standard error of the mean, sd/√n, is below `relError`·|mean|.
 * If that needs more than `maxSamples` angles (I varies too much inside the interval) the interval
 * is split in halves, each keeping its share of the angles, down to `minWidth`; all intervals
 * together stop after `maxEvaluations` measurements (with a warning), so an I near zero — whose
 * relative error cannot shrink — does not split forever. The stderr is the
 * sample sd over √n: it includes both measurement noise and the variation of I inside the interval.
 */
export function interval(options: IntervalOptions = {}) {
  const o = checkOptions("interval()", schema, options ?? {});
  const resolved = {
    confidence: o.confidence ?? FISHER_DEFAULTS.confidence,
    relError: o.relError ?? FISHER_DEFAULTS.intervalRelError,
    batch: o.batch ?? FISHER_DEFAULTS.intervalBatch,
    maxSamples: o.maxSamples ?? FISHER_DEFAULTS.intervalMaxSamples,
    minWidth: o.minWidth ?? FISHER_DEFAULTS.intervalMinWidth,
    maxEvaluations: o.maxEvaluations ?? FISHER_DEFAULTS.intervalMaxEvaluations,
    seed: o.seed ?? FISHER_DEFAULTS.seed,
  };
  return {
    method: "interval" as const,
    options: resolved,
    estimate(measure: Measure, low: number, high: number): IntervalEstimate[] {
      if (!(Number.isFinite(low) && Number.isFinite(high) && high > low)) throw new Error(`interval(): need low < high, got [${low}, ${high}]`);
      const rng = createRng(resolved.seed).fork(`interval:${low}`);
      return averageOn(measure, low, high, [], resolved, rng, { used: 0 });
    },
  };
}

type Resolved = ReturnType<typeof interval>["options"];

function averageOn(measure: Measure, low: number, high: number, start: { theta: number; fisher: number }[], o: Resolved, rng: Rng,
  budget: { used: number }): IntervalEstimate[] {
  const samples = [...start];
  for (;;) {
    const n = samples.length;
    if (n >= 2) {
      const mean = samples.reduce((s, x) => s + x.fisher, 0) / n;
      const sd = Math.sqrt(samples.reduce((s, x) => s + (x.fisher - mean) ** 2, 0) / (n - 1));
      const se = sd / Math.sqrt(n);
      const done = se <= o.relError * Math.abs(mean);
      const tooMany = n >= o.maxSamples;
      const spent = budget.used >= o.maxEvaluations;
      if (done || spent || (tooMany && high - low < 2 * o.minWidth)) {
        const why = spent ? `after the budget of ${o.maxEvaluations} measurements` : "at the minimum width";
        const warnings = done ? [] : [`interval(): [${low}, ${high}] stopped ${why} with ${n} angles and relative error ${(se / Math.abs(mean)).toFixed(3)} > ${o.relError}`];
        return [{ ...assertFinite("interval()", { theta: 0.5 * (low + high), fisher: mean, stderr: se, ...normalInterval(mean, se, o.confidence),
          method: "interval", nSamples: n, warnings }), intervalLow: low, intervalHigh: high }];
      }
      if (tooMany) {
        const mid = 0.5 * (low + high);
        return [
          ...averageOn(measure, low, mid, samples.filter((s) => s.theta < mid), o, rng, budget),
          ...averageOn(measure, mid, high, samples.filter((s) => s.theta >= mid), o, rng, budget),
        ];
      }
    }
    for (let b = 0; b < o.batch; b++) {
      const theta = low + (high - low) * rng.uniform();
      const m = measure(theta);
      if (!Number.isFinite(m.fisher)) throw new Error(`interval(): measure(${theta}) returned fisher = ${m.fisher}; the measurement must be finite`);
      samples.push({ theta, fisher: m.fisher });
      budget.used++;
    }
  }
}
