// Public API of src/validate: planted-population calibration of the Fisher estimators (`fisherlab validate`).
export { plantedPopulation, type Population, type PopulationSpec } from "./population.js";
export { VALIDATED_ESTIMATORS, type ValidatedEstimator } from "./estimators.js";
export { FULL_GRID, QUICK_GRID, NETWORK_DEFAULT, gridCells, type Cell, type GridSpec } from "./grid.js";
export { runCell, runValidation, rejudge, meetsTargets, coverageMcError, BIAS_TARGET, COVERAGE_RANGE, type CellResult } from "./runValidation.js";
export { validationMarkdown, writeValidation, readValidation, mergeStamps, VALIDATION_COLUMNS, type Stamp } from "./table.js";
