// The study: the original study's findings as experiments (examples/study/) with analyses that give
// statistics, intervals and a verdict; running them (resumable sweeps) and the study report.
export type { Finding, FindingResult, FindingFigure, Statistic, Verdict, StudyContext } from "./finding.js";
export { FINDINGS } from "./findings/index.js";
export { runStudy, selectFindings, STUDY_OUT, type RunStudyOptions, type StudyResult } from "./runStudy.js";
export type { ExperimentTiming, StudyFindingOutcome, StudyMeta } from "./studyMeta.js";
export { quickSpec, QUICK_CAPS } from "./quickSpec.js";
export { renderStudyHtml } from "./renderStudyHtml.js";
export { findingsMarkdown } from "./findingsMarkdown.js";
export { loadSweepRuns, runCurve, runMethods, summaryNumber, type StudyRun, type Curve } from "./sweepRuns.js";
export { formatStatistic, formatSeconds, formatLoad } from "./formatStatistic.js";
