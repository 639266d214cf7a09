import { z } from "zod";
import { FISHER_DEFAULTS } from "./defaults.js";
import { checkOptions } from "../rules/index.js";
import { rules } from "./options.js";
import { assertFinite, normalInterval, type FisherEstimate } from "./estimate.js";
import type { Measure } from "./measure.js";

const schema = z.object({
  confidence: rules.fraction().optional(),
  absTol: rules.positive().optional(),
  relTol: rules.positive().optional(),
  minSpacing: rules.positive().optional(),
  maxPoints: rules.intAtLeast(2).optional(),
  noiseAware: z.boolean({ error: "must be true or false" }).optional(),
}).strict();

export type RefineOptions = z.infer<typeof schema>;

/**
 * Adaptive grid refinement (docs/estimators.md, `refine`): measure I on the initial grid, then insert
 * the midpoint between neighbours whose values differ by more than `absTol` or by more than
 * `relTol`·max(|I_a|, |I_b|), while the new spacing stays ≥ `minSpacing` and the grid has fewer
 * than `maxPoints` points. With `noiseAware` (default) a difference within 2 combined standard
 * errors counts as noise and is not refined. Each point keeps its measurement's stderr.
 */
export function refine(options: RefineOptions = {}) {
  const o = checkOptions("refine()", schema, options ?? {});
  const resolved = {
    confidence: o.confidence ?? FISHER_DEFAULTS.confidence,
    absTol: o.absTol ?? FISHER_DEFAULTS.refineAbsTol,
    relTol: o.relTol ?? FISHER_DEFAULTS.refineRelTol,
    minSpacing: o.minSpacing ?? FISHER_DEFAULTS.refineMinSpacing,
    maxPoints: o.maxPoints ?? 2000, // bounds the cost on a curve that is rough everywhere
    noiseAware: o.noiseAware ?? true,
  };
  return {
    method: "refine" as const,
    options: resolved,
    estimate(measure: Measure, grid: readonly number[]): FisherEstimate[] {
      const fn = "refine()";
      if (grid.length < 2) throw new Error(`${fn}: the initial grid needs ≥ 2 angles, got ${grid.length}`);
      if (grid.some((t) => !Number.isFinite(t))) throw new Error(`${fn}: grid angles must be finite`);
      const pts = Array.from(new Set(grid)).sort((a, b) => a - b).map((theta) => ({ theta, ...check(fn, theta, measure(theta)) }));
      let changed = true;
      while (changed && pts.length < resolved.maxPoints) {
        changed = false;
        for (let i = pts.length - 2; i >= 0 && pts.length < resolved.maxPoints; i--) {
          const a = pts[i], b = pts[i + 1];
          if ((b.theta - a.theta) / 2 < resolved.minSpacing) continue;
          const diff = Math.abs(a.fisher - b.fisher);
          const big = diff > resolved.absTol || diff > resolved.relTol * Math.max(Math.abs(a.fisher), Math.abs(b.fisher));
          const noise = resolved.noiseAware && diff <= 2 * Math.hypot(a.stderr, b.stderr);
          if (big && !noise) {
            const theta = 0.5 * (a.theta + b.theta);
            pts.splice(i + 1, 0, { theta, ...check(fn, theta, measure(theta)) });
            changed = true;
          }
        }
      }
      return pts.map((p) => assertFinite(fn, { theta: p.theta, fisher: p.fisher, stderr: p.stderr,
        ...normalInterval(p.fisher, p.stderr, resolved.confidence), method: "refine", nSamples: 1, warnings: [] }));
    },
  };
}

function check(fn: string, theta: number, m: { fisher: number; stderr: number }) {
  if (!Number.isFinite(m.fisher) || !Number.isFinite(m.stderr)) throw new Error(`${fn}: measure(${theta}) returned fisher = ${m.fisher}, stderr = ${m.stderr}; both must be finite`);
  return { fisher: m.fisher, stderr: m.stderr };
}
