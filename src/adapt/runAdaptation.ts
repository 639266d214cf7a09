/**
 * `fisherlab adapt`: the adaptation loop on real networks. Each iteration fine-tunes
 * `replicates` networks from the pretrained run on the current tabulated p (fresh seeds derived
 * from the run seed), measures I(θ) of each, and hands the curves to `adaptationLoop`, which
 * averages, smooths, tests convergence and moves p. Everything is written under ADIR as it
 * happens, so rerunning the same command continues after the last finished iteration (and
 * inside an iteration, after the last finished replicate).
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { dumpConfig, type AdaptConfig, type Config } from "../config/index.js";
import { progress, readCsv, writeCsv, writeFileAtomic } from "../io/index.js";
import { interpolateCircular } from "../math/index.js";
import { measurementFileName } from "../measure/index.js";
import { writePlot } from "../plot/index.js";
import { defaultWorkers, runJobs } from "../pool/index.js";
import { ADAPT_FILES, adaptIterationDir } from "../rundir/index.js";
import { distributionFromSpec, loadSource, type DistributionSpec } from "../stimuli/index.js";
import { loadRun } from "../train/index.js";
import { adaptationLoop, type AdaptationOptions, type IterationRecord } from "./adaptationLoop.js";
import { adaptPlot } from "./adaptPlot.js";
import { circularGrid } from "./gridDensity.js";
import { replicateJobModule, type ReplicateJob } from "./replicateJob.js";

export interface RunAdaptationOptions {
  /** ADIR: iterations.csv, replicates.csv, summary.json, adapt.svg, iter_k/rep_r/ */
  outDir: string;
  quiet?: boolean;
  /** worker threads for an iteration's replicates (default one per core; 0 = in this thread) */
  workers?: number;
}

export interface AdaptationSummary {
  from: string;
  converged: boolean;
  iterations_run: number;
  /** dispersion statistic of the last iteration's smoothed I */
  final_criterion: number;
  statistic: string;
  /** per iteration: ∫|p_k − p_{k−1}| dθ */
  density_change: number[];
  /** per iteration: the dispersion statistic */
  criterion: number[];
  wall_seconds: number;
}


/**
 * Seed of replicate r in iteration k: fresh for every fine-tune, derived from `adapt.seed`, or
 * from the pretrained run's seed when that is null. Loops whose base seeds differ by at least
 * 1000·(max_iterations + 1) share no fine-tune seed.
 */
export function replicateSeed(baseSeed: number, iteration: number, replicate: number): number {
  return baseSeed + 1000 * (iteration + 1) + replicate;
}

function initialDensity(config: AdaptConfig, theta: number[]): "uniform" | number[] {
  const initial = config.adapt.initial;
  if (initial === "uniform") return "uniform";
  const [low, high] = config.adapt.domain;
  const dist = distributionFromSpec(initial as DistributionSpec, { name: "objects", low, high, circular: true });
  return theta.map((t) => dist.pdf(t));
}

export async function runAdaptation(fromDir: string, config: AdaptConfig, options: RunAdaptationOptions): Promise<AdaptationSummary> {
  const { outDir } = options;
  const t0 = performance.now();
  const parent = loadRun(fromDir);
  const parentConfig: Config = parent.config;
  const depth = parent.network.layers.length;
  parent.network.dispose();
  const source = loadSource(parentConfig.data.source);
  const [low, high] = config.adapt.domain;
  const period = high - low;
  const domainPeriod = source.domain.high - source.domain.low;
  if (Math.abs(period - domainPeriod) > 1e-9) {
    throw new Error(`adapt: adapt.domain spans ${period.toFixed(6)} rad but ${parentConfig.data.source} images have period ${domainPeriod.toFixed(6)}; set adapt.domain to [${source.domain.low}, ${source.domain.high}]`);
  }
  // checked before anything is written, so a corrected rerun needs no cleanup (docs/bad-input.md)
  const measurement = config.adapt.fisher;
  const fisherFile = measurementFileName(measurement, depth);
  mkdirSync(outDir, { recursive: true });
  const configText = dumpConfig({ from: fromDir, ...config });
  const configPath = join(outDir, ADAPT_FILES.config);
  if (existsSync(configPath) && readFileSync(configPath, "utf8") !== configText) {
    throw new Error(`adapt: ${outDir} holds an adaptation run with a different config (${configPath}); use a new --out or delete it`);
  }
  writeFileAtomic(configPath, configText);

  const theta = circularGrid(config.adapt.grid, [low, high]);
  const loopOptions: AdaptationOptions = {
    grid: config.adapt.grid, domain: [low, high], initial: initialDensity(config, theta), replicates: config.adapt.replicates,
    maxIterations: config.adapt.max_iterations, criterion: config.adapt.criterion, statistic: config.adapt.statistic,
    exponent: config.adapt.exponent, damping: config.adapt.damping, smoothing: config.adapt.smoothing,
  };
  const statePath = join(outDir, ADAPT_FILES.state);
  const done: IterationRecord[] = existsSync(statePath) ? JSON.parse(readFileSync(statePath, "utf8")) : [];
  const total = config.adapt.max_iterations * config.adapt.replicates;
  const bar = progress(`adapt ${outDir}`, total, { quiet: options.quiet });
  bar.update(done.length * config.adapt.replicates, done.length ? `resumed after iteration ${done.length - 1}` : undefined);

  const workers = Math.min(config.adapt.replicates, options.workers ?? defaultWorkers());
  let finishedInIteration = 0; // replicates of the current iteration finished so far (progress bar)
  const measure = async (density: number[], grid: number[], k: number): Promise<number[][]> => {
    // the iteration's replicates are jobs on the worker pool: they run side by side, a finished
    // one is never redone, a killed one resumes from its checkpoint
    const jobs: ReplicateJob[] = Array.from({ length: config.adapt.replicates }, (_, r) => ({
      run_id: `rep_${r}`, kind: "adapt_replicate", parent: null, from: fromDir,
      overrides: {
        seed: replicateSeed(config.adapt.seed ?? parentConfig.seed, k, r),
        data: { distribution: { kind: "tabulated", grid, density } },
        train: { lr: config.finetune.lr, max_epochs: config.finetune.max_epochs, patience: config.finetune.patience },
      },
      reset_optimizer: config.finetune.reset_optimizer, measurement, fisher_file: fisherFile,
    }));
    const report = await runJobs(jobs, {
      runsDir: join(outDir, adaptIterationDir(k)), handlers: { adapt_replicate: replicateJobModule() }, workers, quiet: true,
      onOutcome: () => bar.update(Math.min(total, k * config.adapt.replicates + ++finishedInIteration), `iteration ${k}`),
    });
    finishedInIteration = 0;
    const failed = report.outcomes.filter((o) => o.state === "failed");
    if (failed.length > 0) {
      throw new Error(`adapt: iteration ${k}: ${failed.map((o) => `${o.run_id} of ${adaptIterationDir(k)} failed: ${o.error?.split("\n")[0]}`).join("; ")}; fix the cause and rerun to resume`);
    }
    return jobs.map((job) => {
      const rows = readCsv(join(outDir, adaptIterationDir(k), job.run_id, fisherFile));
      return interpolateCircular(rows.map((r) => Number(r.theta)), rows.map((r) => Number(r.fisher)), grid, period);
    });
  };

  const persist = (records: IterationRecord[]) => {
    writeFileAtomic(statePath, JSON.stringify(records));
    const rows = records.flatMap((rec) => rec.theta.map((t, i) => ({
      iteration: rec.iteration, theta: t, density: rec.density[i], fisher: rec.fisher[i],
      fisher_smoothed: rec.fisherSmoothed[i], fisher_replicate_sd: rec.fisherReplicateSd[i],
    })));
    writeCsv(join(outDir, ADAPT_FILES.iterations), ["iteration", "theta", "density", "fisher", "fisher_smoothed", "fisher_replicate_sd"], rows);
    const reps = records.flatMap((rec) => rec.replicateFisher.flatMap((curve, r) => curve.map((f, i) => ({ iteration: rec.iteration, replicate: r, theta: rec.theta[i], fisher: f }))));
    writeCsv(join(outDir, ADAPT_FILES.replicates), ["iteration", "replicate", "theta", "fisher"], reps);
  };

  const records: IterationRecord[] = [...done];
  const result = await adaptationLoop(loopOptions, measure, {
    done,
    onIteration: (record) => { records.push(record); persist(records); },
  });
  persist(result.iterations);
  const last = result.iterations[result.iterations.length - 1];
  const summary: AdaptationSummary = {
    from: fromDir, converged: result.converged, iterations_run: result.iterations.length,
    final_criterion: last?.criterionValue ?? NaN, statistic: config.adapt.statistic,
    density_change: result.iterations.map((r) => r.densityChange), criterion: result.iterations.map((r) => r.criterionValue),
    wall_seconds: (performance.now() - t0) / 1000,
  };
  writeFileAtomic(join(outDir, ADAPT_FILES.summary), JSON.stringify(summary, null, 2) + "\n");
  await writePlot(join(outDir, ADAPT_FILES.plot), adaptPlot(result.iterations.map((r) => ({
    iteration: r.iteration, theta: r.theta, density: r.density, fisher: r.fisherSmoothed,
  })), { domain: [low, high] }));
  bar.finish(result.converged ? `converged after ${result.iterations.length} iterations` : `not converged after ${result.iterations.length} iterations`);
  return summary;
}
