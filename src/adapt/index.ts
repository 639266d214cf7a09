// The adaptation loop: train on p → measure I → move p (docs/adaptation.md), its runner on real
// networks and its figure.
export { adaptationLoop, summariseIteration, FISHER_FLOOR_FRACTION, type AdaptationOptions, type AdaptationResult,
  type IterationRecord, type MeasureIteration, type Smoothing } from "./adaptationLoop.js";
export { updateDensity, type DensityUpdate } from "./updateDensity.js";
export { circularMovingAverage } from "./circularMovingAverage.js";
export { circularGrid, integrateCircular, normaliseDensity } from "./gridDensity.js";
export { dispersion, type DispersionStatistic } from "./dispersion.js";
export { runAdaptation, replicateSeed, type RunAdaptationOptions, type AdaptationSummary } from "./runAdaptation.js";
export { adaptPlot, type AdaptIteration } from "./adaptPlot.js";
