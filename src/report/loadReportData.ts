/**
 * The results-store adapter: read a sweep directory (DIR/sweep.json, DIR/experiment.yaml and the
 * run directories under DIR/runs) into the report's plain `ReportData`. The run directories are
 * the source of truth (results.duckdb is built from them too), so the report and the database
 * always agree.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import YAML from "yaml";
import { ADAPT_FILES, readRunDir, requireDirKind, RUNS_DIR, SWEEP_FILE, SWEEP_FILES, sweepLabels, type RunDirContents, type SweepRecord } from "../rundir/index.js";
import { distributionFromSpec, GRATING_DOMAIN, OBJECT_DOMAIN, type DistributionSpec } from "../stimuli/index.js";
import { angleGrid } from "../math/index.js";
import type { AdaptIteration, FisherCurve, MetricsRow, ReportCondition, ReportData, ReportRun } from "./reportData.js";

type Job = SweepRecord["jobs"][number];
export type AnyConfig = { data?: { source?: string; distribution?: Record<string, unknown> }; loss?: { name?: string } };

const DENSITY_POINTS = 360; // one point per degree: smooth enough for any von Mises κ ≤ ~1000 at plot resolution

/** The angle domain of a run from its image source: [0, π) for gratings, [0, 2π) for image banks. */
export function domainOf(config: AnyConfig): [number, number] {
  const d = String(config.data?.source ?? "textures").startsWith("gratings") ? GRATING_DOMAIN : OBJECT_DOMAIN;
  return [d.low, d.high];
}

/** A run's training density p(θ) on a 360-point grid of its domain, rad⁻¹. */
export function trainingDensity(config: AnyConfig, domain: [number, number]): { theta: number[]; density: number[] } {
  const raw = (config.data?.distribution ?? { kind: "uniform" }) as Record<string, unknown>;
  const spec = raw as DistributionSpec;
  const dist = distributionFromSpec(spec, { name: domain[1] - domain[0] < 4 ? "gratings" : "objects", low: domain[0], high: domain[1], circular: true });
  const theta = angleGrid(domain[0], domain[1], DENSITY_POINTS);
  return { theta, density: theta.map((t) => dist.pdf(t)) };
}

function describeCondition(job: Job, labels: Record<string, string>): string {
  const values = Object.entries(job.condition ?? {}).map(([k, v]) => `${labels[k] ?? k}=${typeof v === "object" ? JSON.stringify(v) : String(v)}`);
  return [job.stage ?? "run", ...values].join(" ");
}

/**
 * A directory that is not a sweep — one `fisherlab train`/`finetune` run, or one `fisherlab adapt`
 * directory — described as a sweep of one job, so the same report reads it.
 */
function singleRunSweep(dir: string): SweepRecord {
  const isAdapt = requireDirKind("loadReportData()", dir) === "adapt";
  const adaptYaml = join(dir, ADAPT_FILES.config);
  const config = isAdapt && existsSync(adaptYaml) ? (YAML.parse(readFileSync(adaptYaml, "utf8")) as Record<string, unknown>) : undefined;
  return {
    name: basename(resolve(dir)), sweep_keys: [],
    jobs: [{ run_id: basename(resolve(dir)), kind: isAdapt ? "adapt" : "train", parent: null, stage: isAdapt ? "adapt" : "run", replicate: 0, condition: {}, config }],
  };
}

const num = (v: unknown): number => (v === "" || v === undefined || v === null ? NaN : Number(v));

/** Read DIR into ReportData. `primary` picks the Fisher measurement shown (default: the first found). */
export function loadReportData(dir: string, options: { title?: string; generatedAt?: string; primary?: { method: string; layer: string } } = {}): ReportData {
  const sweepPath = join(dir, SWEEP_FILE);
  const single = !existsSync(sweepPath);
  const sweep = single ? singleRunSweep(dir) : (JSON.parse(readFileSync(sweepPath, "utf8")) as SweepRecord);
  const labels = sweepLabels(sweep.sweep_keys);
  const contents = new Map<string, RunDirContents>();
  for (const job of sweep.jobs) {
    const path = single ? dir : join(dir, RUNS_DIR, job.run_id);
    if (existsSync(path)) contents.set(job.run_id, readRunDir(path));
  }
  let primary = options.primary;
  if (!primary) {
    for (const c of contents.values()) {
      // a labelled measurement (method "derivative-boot1", docs/experiments.md) is a variant: show its base method when the run has it
      const methods = new Set(c.fisher.map((f) => f.method));
      const base = c.fisher.find((f) => ![...methods].some((m) => f.method.startsWith(`${m}-`))) ?? c.fisher[0];
      if (base) { primary = { method: base.method, layer: base.layer }; break; }
    }
  }
  const conditions: ReportCondition[] = [], runs: ReportRun[] = [], metrics: MetricsRow[] = [], fisher: FisherCurve[] = [];
  const seen = new Set<string>();
  let adapt: AdaptIteration[] | undefined;
  let adaptDomain: [number, number] | undefined;
  for (const job of sweep.jobs) {
    const c = contents.get(job.run_id);
    const name = describeCondition(job, labels);
    const replicate = job.replicate ?? 0;
    if (job.kind === "adapt") {
      if (!adapt && c && c.iterations.length > 0) {
        const byIteration = new Map<number, AdaptIteration>();
        for (const row of c.iterations) {
          const k = num(row.iteration);
          const it = byIteration.get(k) ?? { iteration: k, theta: [], density: [], fisher: [] };
          it.theta.push(num(row.theta)); it.density.push(num(row.density)); it.fisher.push(num(row.fisher_smoothed));
          byIteration.set(k, it);
        }
        adapt = [...byIteration.values()];
        const domain = (job.config as { adapt?: { domain?: [number, number] } } | undefined)?.adapt?.domain;
        adaptDomain = domain ? [domain[0], domain[1]] : undefined;
      }
      continue; // adapt jobs have no condition of their own: their curves go to the adaptation section
    }
    const config = (c?.config ?? job.config ?? {}) as AnyConfig;
    if (!seen.has(name)) {
      seen.add(name);
      const domain = domainOf(config);
      conditions.push({ name, loss: String(config.loss?.name ?? "cos_sim"), domain, trainingDensity: trainingDensity(config, domain),
        description: job.stage === "pretrain" ? "pretraining" : `fine-tuned (${job.stage})` });
    }
    const testDeg = num(c?.summary?.test_mae_deg);
    runs.push({ condition: name, replicate, stage: job.stage, status: c?.status?.status ?? "pending",
      error: c?.status?.error ?? undefined, testError: Number.isFinite(testDeg) ? (testDeg * Math.PI) / 180 : undefined });
    if (!c) continue;
    for (const row of c.metrics) metrics.push({ condition: name, replicate, epoch: num(row.epoch), trainLoss: num(row.train_loss), valLoss: num(row.val_loss) });
    const file = c.fisher.find((f) => primary && f.method === primary.method && f.layer === primary.layer);
    if (file && file.rows.length > 0) {
      const rows = [...file.rows].sort((a, b) => num(a.theta) - num(b.theta));
      // the derivative method records its mean term μ'ᵀΣ⁻¹μ' beside I (the `mean_term` column)
      const meanTerm = rows.every((r) => r.mean_term !== undefined && r.mean_term !== "") ? rows.map((r) => num(r.mean_term)) : undefined;
      fisher.push({ condition: name, replicate, theta: rows.map((r) => num(r.theta)), fisher: rows.map((r) => num(r.fisher)),
        stderr: rows.map((r) => num(r.stderr)), meanTerm, method: file.method, layer: file.layer });
    }
  }
  const experimentPath = join(dir, SWEEP_FILES.experiment);
  return {
    title: options.title ?? `fisherlab: ${sweep.name}`,
    subtitle: `${dir}${primary ? ` · I(θ) by ${primary.method}, layer ${primary.layer}` : ""}`,
    generatedAt: options.generatedAt,
    conditions, runs, metrics, fisher, adapt, adaptDomain,
    config: existsSync(experimentPath) ? readFileSync(experimentPath, "utf8") : "",
  };
}
