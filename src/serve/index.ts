// `fisherlab serve`: the read-only dashboard server over a run, sweep or adaptation directory (docs/dashboard.md).
export { startDashboard, CONTENT_SECURITY_POLICY, type ServeOptions, type DashboardServer } from "./server.js";
export { RunIndex, type RunRow } from "./runIndex.js";
export { resolveInside } from "./safePath.js";
export { flattenConfig, type Cell } from "./flattenConfig.js";
export { metricSummary } from "./metricSummary.js";
export { fisherGroups, type FisherGroup, type FisherQuery } from "./fisherGroups.js";
export { writeSyntheticSweep, writeSyntheticRun, type SyntheticSweepOptions } from "./syntheticSweep.js";
