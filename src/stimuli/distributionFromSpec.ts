import type { AngleDistribution, DistributionSpec } from "./distribution.js";
import type { Domain } from "./domain.js";
import { vonMises } from "./vonMises.js";
import { uniform } from "./uniform.js";
import { normal } from "./normal.js";
import { tabulated } from "./tabulated.js";
import { checkOptions, knownKeys } from "../rules/index.js";

/** Each kind's keys: `kind` plus these. Unknown keys are errors. */
export const DISTRIBUTION_KEYS = {
  vonmises: ["loc", "kappa"],
  uniform: ["low", "high"],
  normal: ["loc", "scale"],
  tabulated: ["grid", "density"],
} as const;

/**
 * The parameters each kind has when none are given: a config that switches `kind` gets these
 * (the old kind's keys are dropped, see src/config/mergeConfig.ts), and a spec without `loc`
 * gets `loc` from here (a uniform spec without low/high covers its domain). `distributionFromSpec` still requires `kappa` and `scale` — a spec is
 * explicit; only the config fills them in. `tabulated` has none: grid and density must be given.
 */
export const DISTRIBUTION_DEFAULTS = {
  vonmises: { loc: 0, kappa: 0 }, // peak at 0, the upright image; κ = 0 is uniform
  uniform: { low: 0, high: 6.283185307179586 }, // one full turn
  normal: { loc: 0, scale: 1 }, // one radian: broad but not flat on [-π/2, π/2]
  tabulated: {},
} as const;

/**
 * Build a distribution from its plain-data description (as read from a JSON/YAML config or
 * assembled from `--distribution.*` options). `d.spec` round-trips:
 * `distributionFromSpec(d.spec, domain)` gives the same distribution.
 */
export function distributionFromSpec(spec: unknown, domain: Domain): AngleDistribution {
  const fn = "distributionFromSpec()";
  if (typeof spec !== "object" || spec === null || Array.isArray(spec)) {
    throw new Error(`${fn}: spec must be an object like { kind: "vonmises", loc: 0, kappa: 4 }, got ${JSON.stringify(spec)}`);
  }
  const s = spec as Record<string, unknown>;
  const kind = s.kind;
  if (typeof kind !== "string" || !(kind in DISTRIBUTION_KEYS)) {
    throw new Error(`${fn}: kind must be one of ${Object.keys(DISTRIBUTION_KEYS).join(", ")}, got ${JSON.stringify(kind)}; e.g. kind: vonmises`);
  }
  const k = kind as DistributionSpec["kind"];
  checkOptions(`${fn} (kind ${k})`, knownKeys(["kind", ...DISTRIBUTION_KEYS[k]]), s);
  const required = (name: string): unknown => {
    if (s[name] === undefined) throw new Error(`${fn}: kind ${k} needs '${name}'; e.g. ${example(k)}`);
    return s[name];
  };
  switch (k) {
    case "vonmises": return vonMises((s.loc ?? DISTRIBUTION_DEFAULTS.vonmises.loc) as number, required("kappa") as number, domain);
    case "normal": return normal((s.loc ?? DISTRIBUTION_DEFAULTS.normal.loc) as number, required("scale") as number, domain);
    case "uniform": return uniform(domain, s.low as number | undefined, s.high as number | undefined);
    case "tabulated": {
      const grid = required("grid"), values = required("density");
      if (!Array.isArray(grid) || !Array.isArray(values)) {
        throw new Error(`${fn}: tabulated grid and density must be arrays of numbers; e.g. ${example(k)}`);
      }
      return tabulated(grid as number[], values as number[], domain);
    }
  }
}

function example(kind: DistributionSpec["kind"]): string {
  switch (kind) {
    case "vonmises": return "{ kind: vonmises, loc: 0, kappa: 4 }";
    case "normal": return "{ kind: normal, loc: 0, scale: 0.3 }";
    case "uniform": return "{ kind: uniform, low: 0, high: 3.14 }";
    case "tabulated": return "{ kind: tabulated, grid: [0, 1, 2], density: [1, 2, 1] }";
  }
}
