import { basename, dirname, extname, isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { applyOverridesRaw, TRAIN_CONFIG, type ConfigKind, type FisherMeasurement, fisherMeasurementSchema, readConfigFile, validateConfig } from "../config/index.js";

/** Experiment spec defaults. */
export const DEFAULT_EXPERIMENT = {
  replicates: 3, // original sweeps: 3-5 replicates
};

/**
 * The one `finetune.` sweep key that is not a config path: it sets every fine-tuning stage's
 * `reset_optimizer`, so "keep Adam's state" vs "start it fresh" can be compared on fine-tunes of
 * the same pretrained network.
 */
export const RESET_OPTIMIZER_KEY = "finetune.reset_optimizer";

/** A sweep key: a dotted config path, optionally scoped to fine-tuning stages or the adapt job. */
const SWEEP_KEY = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

const stageSchema = z.strictObject({
  /** dotted config path → value, applied on top of the previous stage's config */
  set: z.record(z.string().regex(SWEEP_KEY, "must be a dotted config path like data.distribution.loc"), z.unknown()),
  /** stage name used in run ids (default ft1, ft2, …) */
  name: z.string().regex(NAME, "must be letters, digits, _ or - (it becomes part of directory names)").optional(),
  /** start Adam fresh instead of from the parent's optimizer state */
  reset_optimizer: z.boolean().optional(),
});

export const experimentSpecSchema = z.strictObject({
  name: z.string().regex(NAME, "must be letters, digits, _ or -").optional(),
  /** base training config: inline sections, or a path (relative to the spec file) */
  config: z.union([z.string().min(1), z.record(z.string(), z.unknown())]).optional(),
  sweep: z.record(z.string().regex(SWEEP_KEY, "must be a dotted config path like loss.name"), z.array(z.unknown()).min(1)).optional(),
  replicates: z.number().int().min(1).optional(),
  finetune: z.array(stageSchema).optional(),
  fisher: z.array(fisherMeasurementSchema).optional(),
  /** the adapt loop after the last stage: `adapt:` keys of the adapt config plus an optional `finetune:` section */
  adapt: z.record(z.string(), z.unknown()).optional(),
});

/** An experiment spec with its defaults filled in and its base config read. */
export interface ExperimentSpec {
  name: string;
  /** base training config as a partial (merged over the defaults per job) */
  config: Record<string, unknown>;
  sweep: Record<string, unknown[]>;
  replicates: number;
  finetune: { set: Record<string, unknown>; name: string; reset_optimizer: boolean }[];
  fisher: FisherMeasurement[];
  /** partial adapt config ({adapt, finetune}), or null when the experiment has no adapt stage */
  adapt: { adapt: Record<string, unknown>; finetune: Record<string, unknown> } | null;
}

const SPEC_KIND: ConfigKind<z.infer<typeof experimentSpecSchema>> = {
  fn: "loadExperiment()", schema: experimentSpecSchema, defaults: {}, kinded: {},
};

/**
 * Validate an experiment spec object (from YAML or code). `baseDir` resolves a `config:` path;
 * `fallbackName` names the experiment when the spec has no `name:`.
 */
export function parseExperiment(raw: unknown, baseDir = process.cwd(), fallbackName = "experiment"): ExperimentSpec {
  const spec = validateConfig(SPEC_KIND, raw, "experiment spec");
  const config = typeof spec.config === "string"
    ? readConfigFile("loadExperiment()", isAbsolute(spec.config) ? spec.config : resolve(baseDir, spec.config))
    : structuredClone(spec.config ?? {});
  const names = new Set<string>(["pretrain", "adapt"]);
  const finetune = (spec.finetune ?? []).map((stage, k) => {
    const name = stage.name ?? `ft${k + 1}`;
    if (names.has(name)) throw new Error(`loadExperiment(): finetune[${k}].name ${JSON.stringify(name)} is used twice or reserved (pretrain, adapt); give each stage its own name`);
    names.add(name);
    return { set: stage.set, name, reset_optimizer: stage.reset_optimizer ?? false };
  });
  for (const [m, measurement] of (spec.fisher ?? []).entries()) {
    for (const s of measurement.stages ?? []) {
      if (!names.has(s) || s === "adapt") throw new Error(`loadExperiment(): fisher[${m}].stages names unknown stage ${JSON.stringify(s)}; stages are ${[...names].filter((n) => n !== "adapt").join(", ")}`);
    }
  }
  const fisher = spec.fisher ?? [];
  for (let a = 0; a < fisher.length; a++) {
    for (let b = a + 1; b < fisher.length; b++) {
      const [x, y] = [fisher[a], fisher[b]];
      const sameFile = x.method === y.method && String(x.layer ?? "output") === String(y.layer ?? "output") && x.label === y.label;
      const overlap = !x.stages || !y.stages || x.stages.some((s) => y.stages!.includes(s));
      if (sameFile && overlap) throw new Error(`loadExperiment(): fisher[${a}] and fisher[${b}] would both write fisher_${x.method}${x.label ? `-${x.label}` : ""}_${String(x.layer ?? "output")}.csv after the same stage; give one of them a label: (e.g. label: boot1)`);
    }
  }
  let adapt: ExperimentSpec["adapt"] = null;
  if (spec.adapt) {
    const { finetune: ft, ...rest } = spec.adapt;
    adapt = { adapt: rest, finetune: (ft ?? {}) as Record<string, unknown> };
  }
  for (const key of Object.keys(spec.sweep ?? {})) {
    if (key.startsWith("finetune.") && finetune.length === 0) throw new Error(`loadExperiment(): sweep key ${key} is scoped to fine-tuning, but the spec has no finetune: stages; drop the finetune. prefix or add a stage`);
    if (key === RESET_OPTIMIZER_KEY && !spec.sweep![key].every((v) => typeof v === "boolean")) throw new Error(`loadExperiment(): sweep key ${key} takes true or false, got ${JSON.stringify(spec.sweep![key])}; e.g. [false, true]`);
    if (key.startsWith("adapt.") && !adapt) throw new Error(`loadExperiment(): sweep key ${key} is scoped to the adapt loop, but the spec has no adapt: section; add one`);
  }
  return {
    name: spec.name ?? fallbackName,
    config, sweep: spec.sweep ?? {},
    replicates: spec.replicates ?? DEFAULT_EXPERIMENT.replicates,
    finetune, fisher: spec.fisher ?? [], adapt,
  };
}

/** Read and validate an experiment YAML/JSON file. */
export function loadExperiment(path: string): ExperimentSpec {
  const raw = readConfigFile("loadExperiment()", path);
  return parseExperiment(raw, dirname(resolve(path)), basename(path, extname(path)).replace(/[^A-Za-z0-9_-]/g, "_"));
}

/** The experiment with `--set path=value` overrides applied to its base config; `fn` names the caller in messages. */
export function withOverrides(spec: ExperimentSpec, sets: readonly string[], fn: string): ExperimentSpec {
  if (sets.length === 0) return spec;
  const kind = { ...TRAIN_CONFIG, fn } as ConfigKind<unknown>;
  return { ...spec, config: applyOverridesRaw(kind, spec.config, sets) as Record<string, unknown> };
}
