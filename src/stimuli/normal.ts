import type { Rng } from "../engine/index.js";
import type { AngleDistribution } from "./distribution.js";
import { type Domain, domainLength, wrapAngle } from "./domain.js";
import { cumulativeTable, type CumulativeTable } from "./quadrature.js";
import { checkOptions, paramRules, isFiniteNumber } from "../rules/index.js";

/** below this probability mass inside the linear domain, rejection sampling would crawl */
const MIN_TRUNCATED_MASS = 1e-3;

const RULES = {
  loc: [{ rule: "must be a finite number (radians)", test: isFiniteNumber, fix: "give the mean angle in radians, e.g. loc: 0" }],
  scale: [{ rule: "must be a finite number > 0 (radians)", test: (v: unknown) => isFiniteNumber(v) && v > 0, fix: "give the standard deviation in radians, e.g. scale: 0.3" }],
};

/**
 * The normal distribution N(loc, scale²). On a circular domain it is *wrapped* (the density of
 * X mod P); on the linear domain it is *truncated* to [low, high] and renormalised — the form used
 * with the linear angle encoding (docs/science.md).
 */
export function normal(loc: number, scale: number, domain: Domain): AngleDistribution {
  checkOptions("normal()", paramRules(RULES), { loc, scale });
  const period = domainLength(domain);
  const gauss = (x: number): number => Math.exp(-0.5 * ((x - loc) / scale) ** 2) / (scale * Math.sqrt(2 * Math.PI));
  let density: (theta: number) => number;
  let mass = 1;
  if (domain.circular) {
    density = wrappedNormalDensity(loc, scale, period);
  } else {
    mass = cumulativeTable(gauss, domain.low, domain.high, 2048).total;
    if (mass < MIN_TRUNCATED_MASS) {
      throw new Error(`normal(): only ${mass.toExponential(2)} of N(${loc}, ${scale}²) lies in the linear domain [${domain.low.toFixed(4)}, ${domain.high.toFixed(4)}]; move loc inside or widen scale`);
    }
    density = (theta) => (theta >= domain.low && theta <= domain.high ? gauss(theta) / mass : 0);
  }
  let table: CumulativeTable | undefined;
  return {
    spec: { kind: "normal", loc, scale },
    domain,
    pdf: (theta) => density(domain.circular ? wrapAngle(theta, domain) : theta),
    cdf(theta: number): number {
      table ??= cumulativeTable(density, domain.low, domain.high);
      return Math.min(1, table.at(theta) / table.total);
    },
    sample(n: number, rng: Rng): Float64Array {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        if (domain.circular) out[i] = wrapAngle(loc + scale * rng.normal(), domain);
        else {
          let x: number;
          do x = loc + scale * rng.normal(); while (x < domain.low || x >= domain.high); // exact: rejection
          out[i] = x;
        }
      }
      return out;
    },
  };
}

/**
 * Density of the wrapped normal on [0, P): a sum over images x + kP when the distribution is
 * narrow (σ < P/2: at most a few terms matter), the Fourier (theta-function) series
 * (1/P)[1 + 2 Σ exp(−(nωσ)²/2) cos(nω(x − μ))], ω = 2π/P, when it is wide (it converges fast there).
 */
function wrappedNormalDensity(loc: number, scale: number, period: number): (theta: number) => number {
  if (scale < period / 2) {
    const k = Math.ceil((9 * scale) / period) + 1;
    const c = 1 / (scale * Math.sqrt(2 * Math.PI));
    return (theta) => {
      let d = ((theta - loc) % period + period) % period; // in [0, P)
      if (d > period / 2) d -= period;
      let s = 0;
      for (let j = -k; j <= k; j++) s += Math.exp(-0.5 * ((d + j * period) / scale) ** 2);
      return c * s;
    };
  }
  const omega = (2 * Math.PI) / period;
  const coef: number[] = [];
  for (let n = 1; n < 1000; n++) {
    const a = Math.exp(-0.5 * (n * omega * scale) ** 2);
    if (a < 1e-17) break;
    coef.push(a);
  }
  return (theta) => {
    let s = 1;
    for (let n = 0; n < coef.length; n++) s += 2 * coef[n] * Math.cos((n + 1) * omega * (theta - loc));
    return s / period;
  };
}
