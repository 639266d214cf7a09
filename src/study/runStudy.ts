import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { defaultHandlers, expandSweep, loadExperiment, runSweep } from "../experiments/index.js";
import { fisherlabVersion, withSystemErrors, writeFileAtomic } from "../io/index.js";
import type { HandlerRegistry } from "../pool/index.js";
import { isFinished, readStatus, RUNS_DIR, STUDY_FILES } from "../rundir/index.js";
import type { Finding } from "./finding.js";
import type { ExperimentTiming, StudyFindingOutcome, StudyMeta } from "./studyMeta.js";
import { FINDINGS } from "./findings/index.js";
import { studyExperimentsDir } from "./experimentsDir.js";
import { findingsMarkdown } from "./findingsMarkdown.js";
import { figureFileName } from "./figureFileName.js";
import { renderStudyHtml } from "./renderStudyHtml.js";
import { quickSpec } from "./quickSpec.js";

/** Default output directories: quick runs never mix with full ones. */
export const STUDY_OUT = { full: "study", quick: "study-quick" } as const;

export interface RunStudyOptions {
  /** the study directory: <out>/<experiment>/ per sweep, study.html, findings.md, findings/*.svg, timings.json */
  out: string;
  /** run every experiment at its quick size (quickSpec) */
  quick: boolean;
  /** worker threads of each sweep (default one per core) */
  workers?: number;
  /** finding ids to run (default all) */
  only?: readonly number[];
  /** run nothing: analyse the runs that have finished and write the report (e.g. while a long study runs elsewhere) */
  reportOnly?: boolean;
  /** no per-job progress lines from the sweeps */
  quiet?: boolean;
  /** progress lines (experiment started / finished, finding analysed) */
  onProgress?: (line: string) => void;
  /** the command line to print in the report as the way to reproduce it (default `fisherlab study`) */
  command?: string;
  /** where the experiment files are (default examples/study/ of this checkout) */
  experimentsDir?: string;
  /** the findings (default FINDINGS); tests pass their own */
  findings?: readonly Finding[];
  handlers?: HandlerRegistry;
  /** the date printed in the report (default now); passed in so tests can fix it */
  date?: Date;
}

export interface StudyResult {
  findings: StudyFindingOutcome[];
  timings: ExperimentTiming[];
  /** the sum of the experiments' sweep seconds */
  totalSeconds: number;
  /** the files written */
  files: { html: string; markdown: string; figures: string[]; timings: string };
}

/** The findings `only` selects, sorted by id; an unknown id is an error naming the valid ones. */
export function selectFindings(all: readonly Finding[], only?: readonly number[]): Finding[] {
  const sorted = [...all].sort((a, b) => a.id - b.id);
  if (!only || only.length === 0) return sorted;
  for (const id of only) {
    if (!sorted.some((f) => f.id === id)) throw new Error(`runStudy(): --only names finding ${id}, but the study has findings ${sorted.map((f) => f.id).join(", ")}`);
  }
  return sorted.filter((f) => only.includes(f.id));
}

function readTimings(path: string): Record<string, ExperimentTiming> {
  if (!existsSync(path)) return {};
  try {
    const list = JSON.parse(readFileSync(path, "utf8")) as { experiments?: ExperimentTiming[] };
    return Object.fromEntries((list.experiments ?? []).map((t) => [t.experiment, t]));
  } catch {
    return {}; // a damaged timings file only loses earlier timings; this run rewrites it
  }
}

/** An experiment timing measured by a study invocation that ran every one of its jobs (and not taken from run timestamps). */
const measuredInOneGo = (t: ExperimentTiming): boolean => !t.fromRunTimestamps && t.ranNow === t.jobs;

/**
 * Run the study: each selected finding's experiments (examples/study/<stem>.yaml, each a normal
 * experiment) as sweeps into <out>/<stem>/ — resumable, since a sweep keeps finished runs — then
 * each finding's analysis, then the report: <out>/study.html, <out>/findings.md with its figures in
 * <out>/findings/, and <out>/timings.json. An experiment shared by several findings runs once.
 */
export async function runStudy(options: RunStudyOptions): Promise<StudyResult> {
  const say = options.onProgress ?? (() => {});
  const findings = selectFindings(options.findings ?? FINDINGS, options.only);
  const experimentsDir = options.experimentsDir ?? studyExperimentsDir();
  const stems = [...new Set(findings.flatMap((f) => f.experiments))];
  for (const stem of stems) {
    if (!existsSync(join(experimentsDir, `${stem}.yaml`))) throw new Error(`runStudy(): experiment ${stem}.yaml is missing from ${experimentsDir}; a finding lists it in its experiments`);
  }
  const specs = stems.map((stem) => {
    const spec = loadExperiment(join(experimentsDir, `${stem}.yaml`));
    return options.quick ? quickSpec(spec) : spec;
  });
  withSystemErrors(options.out, "create the directory", () => mkdirSync(options.out, { recursive: true }));
  const timingsPath = join(options.out, STUDY_FILES.timings);
  const earlier = readTimings(timingsPath);
  const handlers = options.handlers ?? (options.reportOnly ? {} : defaultHandlers());
  const timings: ExperimentTiming[] = [];
  for (const [k, spec] of specs.entries()) {
    const stem = stems[k];
    say(`study: experiment ${stem} (${k + 1}/${stems.length}) → ${join(options.out, stem)}`);
    const dir = join(options.out, stem);
    let timing: ExperimentTiming, jobIds: string[];
    if (options.reportOnly) {
      jobIds = expandSweep(spec).map((j) => j.run_id);
      const done = jobIds.filter((id) => isFinished(join(dir, RUNS_DIR, id))).length;
      timing = { experiment: stem, seconds: 0, jobs: jobIds.length, finished: done, ranNow: 0, doneBefore: done, failed: 0, loadStart: NaN, loadEnd: NaN, finishedAt: "" };
    } else {
      const loadStart = loadavg()[0];
      const started = performance.now();
      const { report, jobs } = await runSweep(spec, { out: dir, handlers, workers: options.workers, quiet: options.quiet });
      jobIds = jobs.map((j) => j.run_id);
      timing = {
        experiment: stem, seconds: (performance.now() - started) / 1000, jobs: report.total, finished: report.finished + report.doneBefore,
        ranNow: report.finished + report.failed, doneBefore: report.doneBefore, failed: report.failed, loadStart, loadEnd: loadavg()[0], finishedAt: new Date().toISOString(),
      };
    }
    const ownSeconds = timing.seconds;
    if (timing.doneBefore > 0) {
      // some runs finished before this invocation (a resume, --report-only, or sweeps run by hand): its own time is
      // not the experiment's. Keep the time an earlier study invocation measured when it ran every job, else take
      // the span of the runs' own timestamps (first start → last finish), the sweep's wall time when it ran in one go.
      // A time kept this way stays kept by later --report-only invocations (measuredInOneGo).
      const before = earlier[stem];
      if (timing.ranNow === 0 && before && measuredInOneGo(before) && before.jobs === timing.jobs && before.finished === timing.finished) timing = { ...before, doneBefore: timing.doneBefore };
      else timing = { ...timing, seconds: runSpanSeconds(dir, jobIds) ?? timing.seconds, fromRunTimestamps: true, loadStart: before?.loadStart ?? NaN, loadEnd: before?.loadEnd ?? NaN }; // the load while those runs ran is unknown
    }
    timings.push(timing);
    say(`study: experiment ${stem}: ${timing.finished} of ${timing.jobs} jobs finished (${timing.ranNow} ran now, ${timing.doneBefore} before, ${timing.failed} failed)${options.reportOnly ? "" : ` in ${ownSeconds.toFixed(0)} s`}`);
  }
  const totalSeconds = timings.reduce((s, t) => s + t.seconds, 0);
  writeFileAtomic(timingsPath, JSON.stringify({ quick: options.quick, total_seconds: totalSeconds, experiments: timings }, null, 1) + "\n");

  const outcomes: StudyFindingOutcome[] = [];
  for (const finding of findings) {
    const ctx = {
      quick: options.quick,
      dir: (experiment: string) => {
        if (!finding.experiments.includes(experiment)) throw new Error(`finding ${finding.id} (${finding.slug}) reads experiment ${experiment}, which is not in its experiments list (${finding.experiments.join(", ")}); add it there`);
        return join(options.out, experiment);
      },
    };
    try {
      const result = await finding.analyze(ctx);
      outcomes.push({ finding, result });
      say(`study: finding ${finding.id} (${finding.slug}): ${result.verdict}`);
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      outcomes.push({ finding, result: null, error });
      say(`study: finding ${finding.id} (${finding.slug}) could not be analysed: ${error}`);
    }
  }

  const meta: StudyMeta = {
    version: fisherlabVersion(), date: (options.date ?? new Date()).toISOString().slice(0, 10),
    command: options.command ?? `fisherlab study${options.quick ? " --quick" : ""}`, quick: options.quick, totalSeconds, timings,
  };
  const figuresDir = join(options.out, STUDY_FILES.figures);
  withSystemErrors(figuresDir, "create the directory", () => mkdirSync(figuresDir, { recursive: true }));
  const figures: string[] = [];
  for (const o of outcomes) {
    for (const fig of o.result?.figures ?? []) {
      const path = join(figuresDir, figureFileName(o.finding, fig));
      writeFileAtomic(path, fig.svg);
      figures.push(path);
    }
  }
  const html = join(options.out, STUDY_FILES.html), markdown = join(options.out, STUDY_FILES.markdown);
  writeFileAtomic(html, renderStudyHtml(outcomes, meta));
  writeFileAtomic(markdown, findingsMarkdown(outcomes, meta));
  return { findings: outcomes, timings, totalSeconds, files: { html, markdown, figures, timings: timingsPath } };
}

/** Seconds from the first run's start to the last run's finish (status.json timestamps), or null without them. */
function runSpanSeconds(dir: string, runIds: readonly string[]): number | null {
  let first = Infinity, last = -Infinity;
  for (const id of runIds) {
    const status = readStatus(join(dir, RUNS_DIR, id));
    if (!status?.finished_at) continue;
    first = Math.min(first, Date.parse(status.started_at));
    last = Math.max(last, Date.parse(status.finished_at));
  }
  return Number.isFinite(first) && last >= first ? (last - first) / 1000 : null;
}
