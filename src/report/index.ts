// Plots (SVG, PNG via resvg-wasm), the statistics they show, and the self-contained HTML report.
export { encodePng, greyPng } from "./png.js";

// the plotting library
export type { Figure, Panel, Layer, LineLayer, BandLayer, PointsLayer, TextLayer, AxisSpec, LegendEntry, Series } from "./types.js";
export { renderFigure } from "./renderFigure.js";
export { renderHeatmap, type Heatmap } from "./renderHeatmap.js";
export { linearScale, logScale, extent, type Scale } from "./scale.js";
export { linearTicks, logTicks, piTicks, degreeTicks, niceStep, type Tick } from "./ticks.js";
export { PALETTE, categoricalColor, sequentialColor, divergingColor } from "./palette.js";
export { escapeXml } from "./escape.js";
export { formatNumber, formatInterval } from "./formatNumber.js";
export { initPngRenderer, svgToPng } from "./svgToPng.js";
export { writePlot } from "./writePlot.js";

// statistics
export { fitPowerLaw, replicatePowerLaw, type PowerLawFit, type ReplicatePowerLaw } from "./powerLawFit.js";
export { theoreticalAlpha, type TheoreticalAlpha } from "./theoreticalAlpha.js";
export { pearson, correlationMatrix } from "./correlationMatrix.js";
export { equivalentDensity } from "./equivalentDensity.js";
export { trapezoid } from "../fisher/index.js";
export { concentrationRatio, type ConcentrationRatio } from "./concentrationRatio.js";
export { circularDifference } from "./circular.js";
export { interpolateCircular } from "../fisher/index.js";
export { studentTQuantile, studentTCdf } from "./studentT.js";
export { summariseCurves, type CurveSummary } from "./summariseCurves.js";
export { summariseCondition, mainAlpha, type ConditionSummary } from "./summariseCondition.js";

// fisherlab's plots and the report
export type { ReportData, ReportCondition, ReportRun, MetricsRow, FisherCurve, AdaptIteration, AngleUnit } from "./reportData.js";
export { learningCurvesPlot } from "./learningCurvesPlot.js";
export { fisherCurvesPlot } from "./fisherCurvesPlot.js";
export { equivalentDensityPlot } from "./equivalentDensityPlot.js";
export { powerLawPlot } from "./powerLawPlot.js";
export { correlationPlot } from "./correlationPlot.js";
export { adaptPlot } from "./adaptPlot.js";
export { fisherPlot, type FisherRow } from "./fisherPlot.js";
export { renderReport } from "./renderReport.js";
export { reportSummaryText } from "./reportSummaryText.js";
export { validateReportData } from "./validateReportData.js";
export { loadReportData, domainOf, trainingDensity } from "./loadReportData.js";
