import type { Rng } from "../engine/index.js";
import type { AngleDistribution } from "./distribution.js";
import { type Domain, domainLength, wrapAngle } from "./domain.js";
import { checkOptions, paramRules, isFiniteNumber } from "../rules/index.js";

/**
 * Uniform on the interval [low, high). On a circular domain the interval may start anywhere and is
 * wrapped (e.g. [3π/2, 5π/2) on the 2π domain covers the top quarter on both sides of 0); its
 * length must not exceed the period. On the linear domain it must lie inside [−π/2, π/2].
 * Defaults: the whole domain.
 */
export function uniform(domain: Domain, low: number = domain.low, high: number = domain.high): AngleDistribution {
  const length = domainLength(domain);
  checkOptions("uniform()", paramRules({
    low: [{ rule: "must be a finite number (radians)", test: isFiniteNumber, fix: "omit low and high for the whole domain" }],
    high: [
      { rule: "must be a finite number (radians)", test: isFiniteNumber, fix: "omit low and high for the whole domain" },
      { rule: `must be > low (${low})`, test: (v) => (v as number) > low, fix: "give an interval with low < high" },
      { rule: `must be <= low + ${length.toFixed(6)} (one period of the '${domain.name}' domain)`, test: (v) => (v as number) - low <= length * (1 + 1e-12), fix: "shorten the interval" },
    ],
  }), { low, high });
  if (!domain.circular && (low < domain.low || high > domain.high)) {
    throw new Error(`uniform(): interval [${low}, ${high}] must lie inside the linear domain [${domain.low}, ${domain.high}]; shrink it`);
  }
  const width = high - low;
  // on a circular domain: θ is inside when its offset from low (mod period) is < width
  const offset = (theta: number): number => (domain.circular ? wrapAngle(theta - low + domain.low, domain) - domain.low : theta - low);
  const start = domain.circular ? offset(domain.low) : 0; // offset of the domain's own start
  return {
    spec: { kind: "uniform", low, high },
    domain,
    pdf(theta: number): number {
      const t = offset(theta);
      return t >= 0 && t < width ? 1 / width : 0;
    },
    cdf(theta: number): number {
      if (!domain.circular) return Math.min(Math.max(theta - low, 0), width) / width;
      // mass of [domain.low, θ]: the interval's mass in offsets [start, start + (θ − domain.low)]
      const t = Math.min(Math.max(theta, domain.low), domain.high) - domain.low;
      const massUpTo = (u: number): number => (Math.floor(u / length) * width + Math.min(u - Math.floor(u / length) * length, width)) / width;
      return massUpTo(start + t) - massUpTo(start);
    },
    sample(n: number, rng: Rng): Float64Array {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = wrapAngle(low + width * rng.uniform(), domain);
      return out;
    },
  };
}
