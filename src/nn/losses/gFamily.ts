/**
 * The transfer functions g of the similarity and linear-distance loss families, with their
 * derivatives (docs/networks.md: g ∈ {x, √x, log x, x², x⁴, x^¼}). Names are the suffixes of the loss
 * names: sim_<g>, dist_<g>.
 */
export type GName = "linear" | "sqrt" | "log" | "square" | "quart" | "root4";

export interface G {
  readonly f: (x: number) => number;
  readonly df: (x: number) => number;
}

export const G_FUNCTIONS: Record<GName, G> = {
  linear: { f: (x) => x, df: () => 1 },
  sqrt: { f: (x) => Math.sqrt(x), df: (x) => 0.5 / Math.sqrt(x) },
  log: { f: (x) => Math.log(x), df: (x) => 1 / x },
  square: { f: (x) => x * x, df: (x) => 2 * x },
  quart: { f: (x) => x ** 4, df: (x) => 4 * x ** 3 },
  root4: { f: (x) => Math.pow(x, 0.25), df: (x) => 0.25 * Math.pow(x, -0.75) },
};

export const G_NAMES = Object.keys(G_FUNCTIONS) as GName[];

/** The g called `name`; `fn` names the caller in the error. */
export function gFunction(fn: string, name: GName): G {
  if (!Object.hasOwn(G_FUNCTIONS, name)) throw new Error(`${fn}: g must be one of ${G_NAMES.join(", ")}, got ${JSON.stringify(name)}`);
  return G_FUNCTIONS[name];
}
