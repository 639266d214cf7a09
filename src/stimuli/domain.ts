/**
 * The set an angle lives in. Rotated images (objects) are 2π-periodic: θ ∈ [0, 2π).
 * Gratings are π-periodic: θ ∈ [0, π). The linear encoding reads angles on the interval
 * [-π/2, π/2] without wrapping (docs/networks.md).
 */
export interface Domain {
  readonly name: DomainName;
  /** lower end; angles are reported in [low, high) */
  readonly low: number;
  readonly high: number;
  /** true: the ends are the same point and distributions wrap around; false: they are truncated */
  readonly circular: boolean;
}

export type DomainName = "objects" | "gratings" | "linear";

/** rotated images: a full turn, 2π */
export const OBJECT_DOMAIN: Domain = Object.freeze({ name: "objects", low: 0, high: 2 * Math.PI, circular: true });
/** gratings: a half turn, π (a grating rotated by π is the same grating) */
export const GRATING_DOMAIN: Domain = Object.freeze({ name: "gratings", low: 0, high: Math.PI, circular: true });
/** linear encoding: the interval [-π/2, π/2], not wrapped */
export const LINEAR_DOMAIN: Domain = Object.freeze({ name: "linear", low: -Math.PI / 2, high: Math.PI / 2, circular: false });

const DOMAINS: Record<DomainName, Domain> = { objects: OBJECT_DOMAIN, gratings: GRATING_DOMAIN, linear: LINEAR_DOMAIN };

export function domainFromName(name: string): Domain {
  const d = DOMAINS[name as DomainName];
  if (!d) throw new Error(`domainFromName(): name must be one of ${Object.keys(DOMAINS).join(", ")}, got ${JSON.stringify(name)}`);
  return d;
}

/** The length of the domain (its period when circular). */
export function domainLength(domain: Domain): number {
  return domain.high - domain.low;
}

/** θ mapped into [low, high) for a circular domain; unchanged for a linear one. */
export function wrapAngle(theta: number, domain: Domain): number {
  if (!domain.circular) return theta;
  const p = domain.high - domain.low;
  let t = (theta - domain.low) % p;
  if (t < 0) t += p;
  if (t >= p) t = 0; // -1e-17 % p + p rounds to p
  return domain.low + t;
}
