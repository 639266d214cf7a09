// The report: reads a sweep's or a run's results (loadReportData), summarises them (power laws,
// concentration, correlations) and draws fisherlab's figures and the self-contained HTML report.
// Reads results through src/rundir; never imports src/fisher or src/experiments.

// statistics
export { fitPowerLaw, replicatePowerLaw, type PowerLawFit, type ReplicatePowerLaw } from "./powerLawFit.js";
export { replicateInterval, MIN_REPLICATES_FOR_INTERVAL, TOO_FEW_REPLICATES, type ReplicateSummary } from "./replicateInterval.js";
export { FIT_WINDOWS, windowFits, windowIndices, type FitWindow, type WindowFit } from "./fitWindows.js";
export { formatReplicateEstimate } from "./formatAlpha.js";
export { theoreticalAlpha, type TheoreticalAlpha } from "./theoreticalAlpha.js";
export { pearson, correlationMatrix } from "./correlationMatrix.js";
export { concentrationRatio, predictedConcentrationRatio, type ConcentrationRatio } from "./concentrationRatio.js";
export { summariseCurves, type CurveSummary } from "./summariseCurves.js";
export { summariseCondition, type ConditionSummary, type PredictedConcentration } from "./summariseCondition.js";

// fisherlab's plots and the report
export type { ReportData, ReportCondition, ReportRun, MetricsRow, FisherCurve, AdaptIteration, AngleUnit } from "./reportData.js";
export { learningCurvesPlot } from "./learningCurvesPlot.js";
export { fisherCurvesPlot } from "./fisherCurvesPlot.js";
export { equivalentDensityPlot } from "./equivalentDensityPlot.js";
export { powerLawPlot } from "./powerLawPlot.js";
export { correlationPlot } from "./correlationPlot.js";
export { fisherPlot, type FisherRow } from "./fisherPlot.js";
export { renderReport } from "./renderReport.js";
export { writeReport } from "./writeReport.js";
export { reportSummaryText } from "./reportSummaryText.js";
export { validateReportData } from "./validateReportData.js";
export { loadReportData, domainOf, trainingDensity } from "./loadReportData.js";
