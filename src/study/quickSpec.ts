import { DEFAULT_ADAPT_CONFIG, DEFAULT_CONFIG, isPlainObject } from "../config/index.js";
import type { ExperimentSpec } from "../experiments/index.js";

/**
 * The study's `--quick` sizes: one rule applied to every experiment after parsing, so each
 * experiment file is written once at its full size. Quick runs check that the study's pipeline
 * works end to end at CI cost; their verdicts are computed but rest on too little training to quote.
 */
export const QUICK_CAPS = {
  replicates: 3, // the fewest replicates that give a t interval (report: MIN_REPLICATES_FOR_INTERVAL)
  train: {
    "data.train_size": 1024, // an eighth of the default epoch
    "data.val_size": 256,
    "data.test_size": 512,
    "train.max_epochs": 12, // every stage, pretraining and fine-tuning
    "train.patience": 4,
  },
  angles: 48, // every Fisher measurement: 7.5° spacing on objects
  adapt: {
    max_iterations: 3,
    replicates: 2,
    grid: 120,
  },
} as const;

type Caps = Readonly<Record<string, number>>;

/** The value at a dotted path of a nested record (undefined when absent). */
function getPath(obj: Record<string, unknown>, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split(".")) {
    if (!isPlainObject(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let cur = obj;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(cur[part])) cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}

const capped = (v: unknown, cap: number): unknown => (typeof v === "number" ? Math.min(v, cap) : v);

/**
 * Cap every path of `caps` in a record of dotted keys (a stage's `set:`): a key that is the path
 * itself, or a prefix of it holding a nested object.
 */
function capDotted(set: Record<string, unknown>, caps: Caps, prefix = ""): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(set)) {
    const full = prefix + key;
    if (full in caps) out[key] = capped(value, caps[full]);
    else if (isPlainObject(value) && Object.keys(caps).some((p) => p.startsWith(`${full}.`))) {
      const nested = structuredClone(value) as Record<string, unknown>;
      for (const [p, cap] of Object.entries(caps)) {
        if (p.startsWith(`${full}.`)) {
          const rest = p.slice(full.length + 1);
          const v = getPath(nested, rest);
          if (v !== undefined) setPath(nested, rest, capped(v, cap));
        }
      }
      out[key] = nested;
    } else out[key] = value;
  }
  return out;
}

/** A nested config with each path of `caps` set to min(its value, or the default when absent, cap). */
function capNested(config: Record<string, unknown>, caps: Caps, defaults: Record<string, unknown>): Record<string, unknown> {
  const out = structuredClone(config);
  for (const [path, cap] of Object.entries(caps)) {
    const v = getPath(out, path) ?? getPath(defaults, path);
    if (typeof v === "number") setPath(out, path, Math.min(v, cap));
  }
  return out;
}

/** The capped angle grid of a measurement: a count, or the count of a "start:stop:count" grid. */
function capAngles(angles: unknown, cap: number): unknown {
  if (angles === undefined) return cap; // the default (200) is above every cap
  if (typeof angles === "number") return Math.min(angles, cap);
  if (typeof angles === "string") {
    const parts = angles.split(":");
    if (parts.length === 3 && Number(parts[2]) > cap) return `${parts[0]}:${parts[1]}:${cap}`;
  }
  return angles;
}

/** Sweep values capped; values that become equal are merged (they would be one condition). */
function capSweep(sweep: Record<string, unknown[]>, keyCap: (key: string) => number | undefined): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [key, values] of Object.entries(sweep)) {
    const cap = keyCap(key);
    if (cap === undefined) { out[key] = structuredClone(values); continue; }
    const seen = new Set<string>();
    out[key] = values.map((v) => capped(v, cap)).filter((v) => {
      const k = JSON.stringify(v);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }
  return out;
}

/**
 * An experiment at its quick size: replicates ≤ 3; data.train_size ≤ 1024, val_size ≤ 256,
 * test_size ≤ 512; every stage's train.max_epochs ≤ 12 and patience ≤ 4 (pretraining, each
 * fine-tuning stage, the adapt loop's fine-tuning); every Fisher measurement ≤ 48 angles;
 * adapt.max_iterations ≤ 3, adapt.replicates ≤ 2, adapt.grid ≤ 120. Sizes already below a cap are
 * kept; a swept size is capped value by value. The input is not modified.
 */
export function quickSpec(spec: ExperimentSpec): ExperimentSpec {
  const trainCaps: Caps = QUICK_CAPS.train;
  const adaptCaps: Caps = QUICK_CAPS.adapt;
  const adaptFinetuneCaps: Caps = { max_epochs: trainCaps["train.max_epochs"], patience: trainCaps["train.patience"] };
  const keyCap = (key: string): number | undefined => {
    const k = key.startsWith("finetune.") ? key.slice("finetune.".length) : key;
    if (k in trainCaps) return trainCaps[k];
    if (key.startsWith("adapt.finetune.")) return adaptFinetuneCaps[key.slice("adapt.finetune.".length)];
    if (key.startsWith("adapt.")) return adaptCaps[key.slice("adapt.".length)];
    return undefined;
  };
  const fisher = spec.fisher.map((m) => ({ ...structuredClone(m), angles: capAngles(m.angles, QUICK_CAPS.angles) })) as ExperimentSpec["fisher"];
  let adapt: ExperimentSpec["adapt"] = null;
  if (spec.adapt) {
    const a = capNested(spec.adapt.adapt, adaptCaps, DEFAULT_ADAPT_CONFIG.adapt);
    const m = (isPlainObject(a.fisher) ? a.fisher : DEFAULT_ADAPT_CONFIG.adapt.fisher) as Record<string, unknown>;
    a.fisher = { ...m, angles: capAngles(m.angles, QUICK_CAPS.angles) };
    adapt = { adapt: a, finetune: capNested(spec.adapt.finetune, adaptFinetuneCaps, DEFAULT_ADAPT_CONFIG.finetune) };
  }
  return {
    ...spec,
    replicates: Math.min(spec.replicates, QUICK_CAPS.replicates),
    config: capNested(spec.config, trainCaps, DEFAULT_CONFIG),
    sweep: capSweep(spec.sweep, keyCap),
    finetune: spec.finetune.map((stage) => ({ ...stage, set: capDotted(stage.set, trainCaps) })),
    fisher, adapt,
  };
}
