// Numerical helpers shared by several layers: angle grids, integration, circular interpolation,
// replicate statistics, Student's t and small dense linear algebra. Pure functions on arrays.
export { angleGrid } from "./angleGrid.js";
export { angleGridFromSpec, angleGridProblem, ANGLE_GRID_GRAMMAR } from "./angleGridSpec.js";
export { trapezoid } from "./trapezoid.js";
export { interpolateCircular } from "./interpolateCircular.js";
export { circularDifference } from "./circular.js";
export { equivalentDensity } from "./equivalentDensity.js";
export { replicateMeanSd } from "./replicateMeanSd.js";
export { logGamma, studentTQuantile, studentTCdf } from "./studentT.js";
export { type Matrix, matrix, selectRows, meanRows, scatter, covariance, pooledCovariance, cholesky, forwardSolve,
  choleskySolve, quadraticForm, choleskyInverse, choleskyLogDet, matmul, symmetricEigen } from "./linalg.js";
export { roughness } from "./roughness.js";
export { countPeaks } from "./countPeaks.js";
export { powerSpectrum } from "./powerSpectrum.js";
export { welchInterval } from "./welchInterval.js";
export { fourierSmooth, fourierHighPass } from "./fourierSmooth.js";
export { permutationInterval, type PermutationInterval } from "./permutationInterval.js";
export { bootstrapInterval, type BootstrapInterval } from "./bootstrapInterval.js";
export { quantileSorted } from "./quantile.js";
export { jackknifeStderr } from "./jackknifeStderr.js";
