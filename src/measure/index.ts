// Measuring networks: record a layer's activity for rotated images and apply a src/fisher
// estimator; measure a run as its config describes it; train or fine-tune, measure and write
// the Fisher CSVs (the one path the sweep's stage jobs and the adapt replicates share).
export { recordPair, recordDerivative, type ActivityModel, type RecordOptions } from "./recordActivity.js";
export { measureNetwork, type NetworkMeasurement } from "./measureNetwork.js";
export { measureConfiguredNetwork, measurementLayer, DEFAULT_MEASUREMENT_ANGLES, type ConfiguredMeasurement } from "./measureRun.js";
export { measurementFileName, writeMeasurements } from "./writeMeasurements.js";
export { trainAndMeasure, type StageRun } from "./trainAndMeasure.js";
