import type { Finding, FindingResult } from "./finding.js";

/** One experiment's sweep: wall time of this invocation (or of the one that ran its jobs) and the machine's load. */
export interface ExperimentTiming {
  experiment: string;
  /** wall seconds of the sweep that ran its jobs (an earlier invocation when every job was already finished) */
  seconds: number;
  jobs: number;
  /** jobs whose run has finished (after this invocation) */
  finished: number;
  /** jobs run by this invocation / found finished */
  ranNow: number;
  doneBefore: number;
  failed: number;
  /** 1-minute load average at the start and end of the sweep (NaN / null when unknown) */
  loadStart: number;
  loadEnd: number;
  /** ISO time the sweep ended */
  finishedAt: string;
  /** true when `seconds` is the span of the runs' own timestamps (first start → last finish): runs finished before this invocation */
  fromRunTimestamps?: boolean;
}

export interface StudyFindingOutcome {
  finding: Finding;
  result: FindingResult | null;
  /** the analysis error, when it could not run (e.g. every job of an experiment failed) */
  error?: string;
}

/** What the study report prints about the run that made it. */
export interface StudyMeta {
  /** fisherlab's version */
  version: string;
  /** YYYY-MM-DD */
  date: string;
  /** the command that reproduces the report */
  command: string;
  quick: boolean;
  /** the sum of the experiments' sweep seconds */
  totalSeconds: number;
  timings: ExperimentTiming[];
}
