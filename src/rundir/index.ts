// Output directories: every file name, the run status ("finished" is defined here once), creating,
// marking and reading run directories, their kind and the files each owns, run ids and the sweep record.
export { RUN_FILES, JOB_FILE, ADAPT_FILES, SWEEP_FILES, STUDY_FILES, STATUS_FILE, CONFIG_FILE, SUMMARY_FILE, METRICS_FILE, ITERATIONS_FILE,
  SWEEP_FILE, RUNS_DIR, DATABASE_FILE, fisherFileName, parseFisherFileName, adaptIterationDir, ADAPT_ITERATION_DIR } from "./files.js";
export { dirKind, owningDirectory, requireDirKind, type DirKind } from "./dirKind.js";
export { createRunDir, readStatus, writeStatus, isFinished, markFinished, markFailed, writeRunConfig, writeSummary, FINISHED,
  type RunStatus, type StatusRecord, type CreateRunDirOptions, type RunDirHandle } from "./runDir.js";
export { readRunDir, type RunDirContents, type FisherFile, type CsvRow } from "./readRunDir.js";
export { conditionSlug, runId, sweepLabels, hash8 } from "./runId.js";
export type { SweepRecord, SweepRecordJob } from "./sweepRecord.js";
