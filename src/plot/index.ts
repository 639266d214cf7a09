// The plotting library: figures of panels and layers rendered to SVG, heat maps, scales, ticks,
// colours, and PNG output through resvg-wasm. Knows nothing about fisherlab's data.
export type { Figure, Panel, Layer, LineLayer, BandLayer, PointsLayer, TextLayer, AxisSpec, LegendEntry, Series } from "./types.js";
export { renderFigure } from "./renderFigure.js";
export { renderHeatmap, type Heatmap } from "./renderHeatmap.js";
export { linearScale, logScale, extent, type Scale } from "./scale.js";
export { linearTicks, logTicks, piTicks, degreeTicks, niceStep, type Tick } from "./ticks.js";
export { PALETTE, categoricalColor, sequentialColor, divergingColor } from "./palette.js";
export { escapeXml } from "./escape.js";
export { formatNumber, formatInterval } from "./formatNumber.js";
export { angleAxis, type AngleAxis, type AngleUnit } from "./angleAxis.js";
export { initPngRenderer, svgToPng } from "./svgToPng.js";
export { writePlot } from "./writePlot.js";
