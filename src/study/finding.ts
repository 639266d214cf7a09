/**
 * One finding of the original study (docs/findings.md) as fisherlab tests it: the experiments it
 * needs (files in examples/study/, each runnable with `fisherlab sweep`), and an analysis that turns
 * their results into statistics with intervals and a verdict. The study runner (runStudy) runs every
 * finding's experiments, then calls `analyze` and renders one section per finding in the HTML study
 * report and in docs/findings.md.
 */

/** reproduced: every statistic the claim rests on agrees with it, beyond its interval; not reproduced:
 * the data contradict it or show nothing beyond noise; mixed: some parts hold, others do not. */
export type Verdict = "reproduced" | "not reproduced" | "mixed";

/** One number with its interval, as printed in the finding's table. */
export interface Statistic {
  /** what it is, e.g. "roughness of I(θ) − noise floor (mean |Δ log I|)" */
  name: string;
  value: number;
  /** interval bounds (NaN when there is none, e.g. a count); `level` says which interval */
  lo: number;
  hi: number;
  /** e.g. "95% t interval over 4 replicates", "95% permutation interval" */
  level: string;
}

/** One figure of a finding: an SVG (from src/plot) shown in the HTML and written as a file beside docs/findings.md. */
export interface FindingFigure {
  /** file-name stem, unique within the finding, e.g. "roughness" */
  name: string;
  caption: string;
  svg: string;
}

export interface FindingResult {
  /** what was measured, in a few sentences (sizes, replicates, estimator) */
  measured: string;
  statistics: Statistic[];
  verdict: Verdict;
  /** one sentence: why this verdict follows from the statistics */
  reason: string;
  figures: FindingFigure[];
}

/** Where a finding's experiments put their results. */
export interface StudyContext {
  /** the sweep output directory of one of this finding's experiments (by its file stem in examples/study/) */
  dir(experiment: string): string;
  /** true for `--quick`: the experiments ran at their quick sizes (CI-sized); verdicts are still computed */
  quick: boolean;
}

export interface Finding {
  /** 1–9, the order of the original study's README */
  id: number;
  /** short file-name stem, e.g. "roughness" */
  slug: string;
  title: string;
  /** the original claim in one line */
  claim: string;
  /** file stems in examples/study/ (without .yaml) whose sweeps this finding reads */
  experiments: string[];
  analyze(ctx: StudyContext): FindingResult | Promise<FindingResult>;
}
