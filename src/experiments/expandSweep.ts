import { ADAPT_CONFIG, type ConfigKind, DEFAULT_ADAPT_CONFIG, DEFAULT_CONFIG, type FisherMeasurement, mergeConfig, setPaths, TRAIN_CONFIG, validateConfig } from "../config/index.js";
import { RESET_OPTIMIZER_KEY, type ExperimentSpec } from "./experimentSpec.js";
import type { AdaptJob, Job, StageJob } from "./job.js";
import { conditionSlug, runId, sweepLabels } from "../rundir/index.js";

/** Every combination of the sweep's values, first key varying slowest; [] gives one empty condition. */
export function conditions(sweep: Record<string, unknown[]>): [string, unknown][][] {
  let out: [string, unknown][][] = [[]];
  for (const [key, values] of Object.entries(sweep)) {
    out = out.flatMap((prefix) => values.map((v): [string, unknown][] => [...prefix, [key, structuredClone(v)]]));
  }
  return out;
}

const scopeOf = (key: string): "all" | "finetune" | "adapt" =>
  key.startsWith("finetune.") ? "finetune" : key.startsWith("adapt.") ? "adapt" : "all";

function measurementsFor(stage: string, all: readonly FisherMeasurement[]): FisherMeasurement[] {
  return all.filter((m) => !m.stages || m.stages.includes(stage));
}

/**
 * An experiment spec → the jobs of the sweep (condition × replicate × stage).
 *
 * Configs: defaults ← spec `config:` ← unscoped sweep values → the pretrain config; each
 * fine-tuning stage then applies its `set:` and the `finetune.`-scoped sweep values on top of the
 * previous stage's config. The adapt job's config is the adapt defaults ← spec `adapt:` ←
 * `adapt.`-scoped sweep values.
 *
 * Shared pretraining: a pretrain job depends only on the unscoped sweep keys, so conditions that
 * differ only in `finetune.`/`adapt.` keys share one pretrained network per replicate (if every
 * key is scoped, pretraining runs once per replicate).
 *
 * Seeds: replicate r runs with `seed + r` (seed from the resolved config), in every stage, so
 * replicate 0 reproduces a plain `fisherlab train` with the same config.
 */
export function expandSweep(spec: ExperimentSpec): Job[] {
  const labels = sweepLabels(Object.keys(spec.sweep));
  const jobs: Job[] = [];
  const seen = new Set<string>();
  const trainKind = TRAIN_CONFIG as ConfigKind<unknown>;
  const base = mergeConfig(DEFAULT_CONFIG, spec.config, TRAIN_CONFIG.kinded);
  const conds = conditions(spec.sweep);
  for (let r = 0; r < spec.replicates; r++) {
    for (const cond of conds) {
      const unscoped = cond.filter(([k]) => scopeOf(k) === "all");
      const staged = cond.filter(([k]) => scopeOf(k) !== "adapt");
      const where = (stage: string) => `experiment ${spec.name}, ${stage} of condition ${conditionSlug(cond, labels)}`;

      let raw = setPaths(trainKind, base, unscoped);
      const pretrainId = runId(conditionSlug(unscoped, labels), r, "pretrain");
      if (!seen.has(pretrainId)) {
        seen.add(pretrainId);
        jobs.push(stageJob(pretrainId, "train", "pretrain", r, unscoped, null, validateConfig(TRAIN_CONFIG, raw, where("pretrain")), false, measurementsFor("pretrain", spec.fisher)));
      }
      let parent = pretrainId;
      const ftEntries = cond.filter(([k]) => scopeOf(k) === "finetune" && k !== RESET_OPTIMIZER_KEY).map(([k, v]): [string, unknown] => [k.slice("finetune.".length), v]);
      const resetSwept = cond.find(([k]) => k === RESET_OPTIMIZER_KEY)?.[1] as boolean | undefined;
      for (const stage of spec.finetune) {
        raw = setPaths(trainKind, setPaths(trainKind, raw, Object.entries(stage.set)), ftEntries);
        const id = runId(conditionSlug(staged, labels), r, stage.name);
        if (!seen.has(id)) {
          seen.add(id);
          jobs.push(stageJob(id, "finetune", stage.name, r, staged, parent, validateConfig(TRAIN_CONFIG, raw, where(stage.name)), resetSwept ?? stage.reset_optimizer, measurementsFor(stage.name, spec.fisher)));
        }
        parent = id;
      }
      if (spec.adapt) {
        const adaptEntries = cond.filter(([k]) => scopeOf(k) === "adapt").map(([k, v]): [string, unknown] => {
          const path = k.slice("adapt.".length);
          // adapt.finetune.lr addresses the adapt loop's finetune section; other adapt.* keys its adapt section
          return [path.startsWith("finetune.") ? path : `adapt.${path}`, v];
        });
        const adaptRaw = setPaths(ADAPT_CONFIG as ConfigKind<unknown>, mergeConfig(DEFAULT_ADAPT_CONFIG, spec.adapt, ADAPT_CONFIG.kinded), adaptEntries);
        const config = validateConfig(ADAPT_CONFIG, adaptRaw, where("adapt"));
        const seed = (jobs.find((j) => j.run_id === parent) as StageJob).seed;
        const job: AdaptJob = {
          run_id: runId(conditionSlug(cond, labels), r, "adapt"), kind: "adapt", stage: "adapt", replicate: r,
          condition: Object.fromEntries(cond), parent, seed, config, measurements: [config.adapt.fisher],
        };
        jobs.push(job);
      }
    }
  }
  return jobs;
}

function stageJob(run_id: string, kind: "train" | "finetune", stage: string, replicate: number, cond: [string, unknown][],
  parent: string | null, config: StageJob["config"], reset_optimizer: boolean, measurements: FisherMeasurement[]): StageJob {
  const seed = config.seed + replicate;
  return {
    run_id, kind, stage, replicate, condition: Object.fromEntries(cond), parent, seed,
    config: { ...config, seed }, reset_optimizer, measurements,
  };
}
