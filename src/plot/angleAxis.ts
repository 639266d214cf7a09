import type { AxisSpec } from "./types.js";

/** How angles are shown on an axis: degrees or radians (data are always radians). */
export type AngleUnit = "deg" | "rad";

/** How θ (radians in the data) is shown: the axis spec and the conversion of data values. */
export interface AngleAxis {
  axis: AxisSpec;
  convert(theta: ArrayLike<number>): number[];
  /** Unit suffix for text, "°" or " rad". */
  suffix: string;
}

/** θ axis in degrees (ticks at multiples of 45° or 90°) or radians (ticks at multiples of π/4, π/2). */
export function angleAxis(unit: AngleUnit, domain?: [number, number]): AngleAxis {
  if (unit === "deg") {
    const k = 180 / Math.PI;
    return {
      axis: { label: "θ (deg)", angle: "deg", domain: domain ? [domain[0] * k, domain[1] * k] : undefined },
      convert: (theta) => Array.from(theta, (t) => t * k),
      suffix: "°",
    };
  }
  return { axis: { label: "θ (rad)", angle: "rad", domain }, convert: (theta) => Array.from(theta), suffix: " rad" };
}
