/** The declarative plot model: figures hold panels, panels hold layers. Rendering is in renderFigure.ts. */

/** Numbers in data units; NaN or ±∞ break a line or drop a point. */
export type Series = ArrayLike<number>;

/** A polyline through (x[i], y[i]). */
export interface LineLayer {
  kind: "line";
  x: Series;
  y: Series;
  color: string;
  /** Stroke width in px (default 1.5). */
  width?: number;
  /** SVG stroke-dasharray, e.g. "6 3". */
  dash?: string;
  opacity?: number;
}

/** A filled region between lo[i] and hi[i] (mean ± sd, a confidence interval). */
export interface BandLayer {
  kind: "band";
  x: Series;
  lo: Series;
  hi: Series;
  color: string;
  /** Fill opacity (default 0.25). */
  opacity?: number;
}

/** Markers at (x[i], y[i]), with vertical error bars from yLo to yHi when given. */
export interface PointsLayer {
  kind: "points";
  x: Series;
  y: Series;
  color: string;
  radius?: number;
  yLo?: Series;
  yHi?: Series;
  opacity?: number;
}

/** Text placed in the plot area by fractions: (0, 0) bottom-left, (1, 1) top-right. */
export interface TextLayer {
  kind: "text";
  fx: number;
  fy: number;
  text: string;
  anchor?: "start" | "middle" | "end";
  color?: string;
}

export type Layer = LineLayer | BandLayer | PointsLayer | TextLayer;

/** One axis: its label with units, and how values map onto it. */
export interface AxisSpec {
  /** Label including units, e.g. "θ (deg)" or "I(θ) (rad⁻²)". */
  label: string;
  /** Base-10 logarithmic axis (non-positive values are dropped). */
  log?: boolean;
  /** Fixed domain; computed from the data when absent. */
  domain?: [number, number];
  /** Extend an automatic linear domain to include 0 (quantities like I ≥ 0). */
  includeZero?: boolean;
  /** Angle axis: ticks at multiples of π/4, π/2 or π ("rad") or of 15°, 45° or 90° ("deg"). */
  angle?: "rad" | "deg";
}

/** One plot area with its own axes. */
export interface Panel {
  title?: string;
  x: AxisSpec;
  y: AxisSpec;
  layers: Layer[];
}

/** A legend entry: what a colour / line style / band means. */
export interface LegendEntry {
  label: string;
  color: string;
  kind: "line" | "band" | "point";
  dash?: string;
  width?: number;
}

/** A figure: a title, a grid of panels (small multiples), a legend and a one-sentence caption. */
export interface Figure {
  title: string;
  /** One sentence that tells the reader what to look at. */
  caption: string;
  panels: Panel[];
  legend?: LegendEntry[];
  /** Panels per row (default: min(panels, 3)). */
  columns?: number;
  panelWidth?: number;
  panelHeight?: number;
  /** Use one x (y) domain across all panels so that panels compare at a glance (default true). */
  shareX?: boolean;
  shareY?: boolean;
}
