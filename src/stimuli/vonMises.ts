import type { Rng } from "../engine/index.js";
import type { AngleDistribution } from "./distribution.js";
import { type Domain, domainLength, wrapAngle } from "./domain.js";
import { i0e } from "./bessel.js";
import { cumulativeTable, type CumulativeTable } from "./quadrature.js";
import { checkOptions, paramRules, isFiniteNumber } from "../rules/index.js";

/** κ above this would need the wrapped-normal limit (numpy switches at 1e6 as well) */
export const VON_MISES_MAX_KAPPA = 1e6;

const RULES = {
  loc: [{ rule: "must be a finite number (radians)", test: isFiniteNumber, fix: "give the preferred angle in radians, e.g. loc: 0" }],
  kappa: [
    { rule: "must be a finite number >= 0", test: (v: unknown) => isFiniteNumber(v) && v >= 0, fix: "use kappa: 0 for the uniform distribution" },
    { rule: `must be <= ${VON_MISES_MAX_KAPPA}`, test: (v: unknown) => (v as number) <= VON_MISES_MAX_KAPPA, fix: "use a normal distribution with scale 1/√κ for sharper peaks" },
  ],
};

/**
 * The von Mises distribution on a circular domain of period P: p(θ) ∝ exp(κ cos(2π(θ − loc)/P)).
 * On the 2π object domain this is the usual von Mises; on the π grating domain it is the von Mises
 * of the doubled angle (the natural choice for π-periodic stimuli). κ = 0 is uniform; larger κ is
 * more concentrated (circular s.d. ≈ P/(2π√κ) for large κ).
 */
export function vonMises(loc: number, kappa: number, domain: Domain): AngleDistribution {
  checkOptions("vonMises()", paramRules(RULES), { loc, kappa });
  if (!domain.circular) {
    throw new Error(`vonMises(): domain must be circular, got '${domain.name}'; use kind: normal on the linear domain`);
  }
  const period = domainLength(domain);
  const omega = (2 * Math.PI) / period; // domain angle → full-circle angle
  // exp(κ(cos − 1)) / (P·e^{-κ} I₀(κ)) = exp(κ cos)/(P I₀(κ)) without overflow for large κ
  const norm = 1 / (period * i0e(kappa));
  const pdf = (theta: number): number => norm * Math.exp(kappa * (Math.cos(omega * (theta - loc)) - 1));
  let table: CumulativeTable | undefined;
  return {
    spec: { kind: "vonmises", loc, kappa },
    domain,
    pdf,
    cdf(theta: number): number {
      if (kappa === 0) return (Math.min(Math.max(theta, domain.low), domain.high) - domain.low) / period;
      table ??= cumulativeTable(pdf, domain.low, domain.high);
      return table.at(theta) / table.total;
    },
    sample(n: number, rng: Rng): Float64Array {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = wrapAngle(loc + sampleUnitVonMises(kappa, rng) / omega, domain);
      return out;
    },
  };
}

/**
 * One draw from the von Mises distribution with mean 0 on (−π, π]: the rejection algorithm of
 * Best & Fisher (1979, Appl. Statist. 28:152), with numpy's small-κ guard (κ < 1e-5: the
 * second-order expansion of s avoids cancellation in (r − √(2r))).
 */
export function sampleUnitVonMises(kappa: number, rng: Rng): number {
  if (kappa < 1e-8) return Math.PI * (2 * rng.uniform() - 1);
  let s: number;
  if (kappa < 1e-5) s = 1 / kappa + kappa;
  else {
    const r = 1 + Math.sqrt(1 + 4 * kappa * kappa);
    const rho = (r - Math.sqrt(2 * r)) / (2 * kappa);
    s = (1 + rho * rho) / (2 * rho);
  }
  let w: number;
  for (;;) {
    const z = Math.cos(Math.PI * rng.uniform());
    w = (1 + s * z) / (s + z);
    const y = kappa * (s - w);
    const v = rng.uniform();
    if (y * (2 - y) - v >= 0 || Math.log(y / v) + 1 - y >= 0) break;
  }
  const theta = Math.acos(Math.max(-1, Math.min(1, w)));
  return rng.uniform() < 0.5 ? -theta : theta;
}
