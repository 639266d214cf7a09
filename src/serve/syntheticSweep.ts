import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createRng } from "../engine/index.js";
import { writeCsv, writeFileAtomic } from "../io/index.js";
import { DEFAULT_CONFIG } from "../config/index.js";
import { RUNS_DIR, SWEEP_FILE, fisherFileName, markFinished, runId, conditionSlug, sweepLabels, writeRunConfig, writeStatus,
  writeSummary, METRICS_FILE, type SweepRecord } from "../rundir/index.js";
import { theoreticalAlpha, trainingDensity } from "../report/index.js";

export interface SyntheticSweepOptions {
  /** Number of runs (jobs); conditions are loss (3) × κ (5) × lr (2), cycled through replicates. */
  runs: number;
  seed: number;
  /** Epochs per run (default 30). */
  epochs?: number;
  /** Grid angles of each Fisher curve (default 72). */
  angles?: number;
  /** Leave the last `pending` jobs without a run directory (default 0). */
  pending?: number;
}

const LOSSES = ["angle_diff", "sq_diff", "sqrt_diff"];
const KAPPAS = [0, 1, 2, 4, 8];
const LRS = [0.001, 0.0003];
const SWEEP_KEYS = ["loss.name", "data.distribution.kappa", "train.lr"];

/**
 * A sweep directory shaped exactly like `fisherlab sweep` output (sweep.json, runs/<id>/ with
 * status.json, config.yaml, metrics.csv, summary.json, fisher_derivative_output.csv, all written
 * by the same writers), with made-up numbers: decaying loss curves and I(θ) = c·p(θ)^α·(1 + noise),
 * α the loss's theoretical exponent. For the dashboard's tests and its 1,000-run timing, where
 * training real networks would take hours. Seeded: the same options give the same files.
 */
export function writeSyntheticSweep(dir: string, options: SyntheticSweepOptions): SweepRecord {
  const rng = createRng(options.seed);
  const epochs = options.epochs ?? 30, angles = options.angles ?? 72;
  const labels = sweepLabels(SWEEP_KEYS);
  const jobs: SweepRecord["jobs"] = [];
  const conditionsCount = LOSSES.length * KAPPAS.length * LRS.length;
  for (let j = 0; j < options.runs; j++) {
    const c = j % conditionsCount, replicate = Math.floor(j / conditionsCount);
    const loss = LOSSES[c % LOSSES.length], kappa = KAPPAS[Math.floor(c / LOSSES.length) % KAPPAS.length];
    const lr = LRS[Math.floor(c / (LOSSES.length * KAPPAS.length))];
    const condition = { "loss.name": loss, "data.distribution.kappa": kappa, "train.lr": lr };
    const config = structuredClone(DEFAULT_CONFIG) as unknown as { seed: number; loss: { name: string }; data: { distribution: Record<string, unknown> }; train: { lr: number; max_epochs: number } };
    config.seed = replicate;
    config.loss.name = loss;
    config.data.distribution = { kind: "vonmises", loc: Math.PI, kappa };
    config.train.lr = lr;
    config.train.max_epochs = epochs;
    const id = runId(conditionSlug(Object.entries(condition), labels), replicate, "pretrain");
    jobs.push({ run_id: id, kind: "train", parent: null, stage: "pretrain", replicate, condition, seed: replicate, measurements: [], config } as unknown as SweepRecord["jobs"][number]);
  }
  const record: SweepRecord = { name: "synthetic", sweep_keys: SWEEP_KEYS, jobs };
  mkdirSync(join(dir, RUNS_DIR), { recursive: true });
  writeFileAtomic(join(dir, SWEEP_FILE), JSON.stringify(record, null, 2) + "\n");
  const written = options.runs - (options.pending ?? 0);
  for (let j = 0; j < written; j++) writeSyntheticRun(join(dir, RUNS_DIR, jobs[j].run_id), jobs[j].config as Record<string, unknown>, rng, epochs, angles);
  return record;
}

/** One finished run directory with made-up curves (see writeSyntheticSweep). */
export function writeSyntheticRun(dir: string, config: Record<string, unknown>, rng: ReturnType<typeof createRng>, epochs = 30, angles = 72, finished = true): void {
  mkdirSync(dir, { recursive: true });
  writeStatus(dir, { status: "running", pid: process.pid, attempt: 1, started_at: new Date(0).toISOString() });
  writeRunConfig(dir, config);
  const speed = 0.05 + 0.1 * rng.uniform(), floor = 0.02 + 0.05 * rng.uniform();
  const rows = Array.from({ length: epochs }, (_, e) => {
    const base = floor + Math.exp(-speed * (e + 1));
    return { epoch: e + 1, train_loss: base * (1 + 0.05 * rng.normal()), val_loss: base * (1.05 + 0.05 * rng.normal()), val_mae_deg: 90 * base, output_norm: 1, seconds: 0.1 };
  });
  writeCsv(join(dir, METRICS_FILE), ["epoch", "train_loss", "val_loss", "val_mae_deg", "output_norm", "seconds"], rows);
  const best = rows.reduce((b, r) => (r.val_loss < b.val_loss ? r : b), rows[0]);
  writeSummary(dir, { best_epoch: best.epoch, best_val_loss: best.val_loss, test_loss: best.val_loss * 1.02, test_mae_deg: best.val_mae_deg * 1.02, epochs, wall_seconds: epochs * 0.1 });
  const loss = String((config.loss as { name?: string } | undefined)?.name ?? "cos_sim");
  const alpha = theoreticalAlpha(loss).alpha ?? 1;
  const domain: [number, number] = [0, 2 * Math.PI];
  const density = trainingDensity(config as Parameters<typeof trainingDensity>[0], domain);
  const step = density.theta.length / angles;
  const fisherRows = Array.from({ length: angles }, (_, i) => {
    const k = Math.floor(i * step), p = density.density[k];
    const fisher = 400 * p ** alpha * (1 + 0.1 * rng.normal());
    return { theta: density.theta[k], fisher, stderr: 0.05 * fisher, ci_low: 0.9 * fisher, ci_high: 1.1 * fisher, n_samples: 300 };
  });
  writeCsv(join(dir, fisherFileName("derivative", "output")), ["theta", "fisher", "stderr", "ci_low", "ci_high", "n_samples"], fisherRows);
  if (finished) markFinished(dir);
}
