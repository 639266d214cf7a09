import type { Config } from "../config/index.js";
import { measurementLayer } from "../measure/index.js";
import { loadSource, runIdentities, type StimulusSource } from "../stimuli/index.js";
import { changedArchitectureKey, trainingDistribution } from "../train/index.js";
import type { Job, StageJob } from "./job.js";

/**
 * Everything about an expanded sweep that would otherwise fail at run time, checked before the
 * first job starts: each job's image source loads and has enough identities for its split,
 * tabulated distribution files read, Fisher measurement layers exist in the network, a
 * fine-tuning stage keeps its parent's architecture and image size, an adapt job's domain
 * matches its images. (Each config was already validated by the schema while expanding,
 * including loss vs encoding and train.freeze against the network's depth.) Problems shared by
 * several jobs (e.g. every replicate) are reported once with the jobs they hit.
 */
export function checkJobs(jobs: readonly Job[], fn = "runSweep()"): void {
  const byId = new Map(jobs.map((j) => [j.run_id, j]));
  const sources = new Map<string, StimulusSource>();
  const source = (text: string): StimulusSource => {
    let s = sources.get(text);
    if (!s) { s = loadSource(text); sources.set(text, s); }
    return s;
  };
  const depth = (c: Config): number => c.model.hidden.length + 1;
  // a run with a backbone also has the backbone's named layers (the schema checked the names)
  const checkLayer = (m: { layer?: number | string }, c: Config): void => {
    if (!(c.model.backbone && typeof m.layer === "string")) measurementLayer(m, depth(c));
  };
  const problems = new Map<string, string[]>(); // message → run_ids
  for (const job of jobs) {
    try {
      if (job.kind === "adapt") {
        const parent = byId.get(job.parent ?? "") as StageJob | undefined;
        if (!parent) throw new Error(`its parent ${job.parent} is not a job of the sweep`);
        const src = source(parent.config.data.source);
        const [low, high] = job.config.adapt.domain;
        const period = src.domain.high - src.domain.low;
        if (Math.abs(high - low - period) > 1e-9) {
          throw new Error(`adapt.domain spans ${(high - low).toFixed(6)} rad but ${parent.config.data.source} images have period ${period.toFixed(6)}; set adapt.domain to [${src.domain.low}, ${src.domain.high}]`);
        }
        checkLayer(job.config.adapt.fisher, parent.config);
        continue;
      }
      const c = job.config;
      const src = source(c.data.source);
      for (const split of ["train", "val", "test"] as const) runIdentities(src, c.data.split, split);
      trainingDistribution(c, src); // tabulated grid/density files
      for (const m of job.measurements) checkLayer(m, c);
      if (job.kind === "finetune") {
        const parent = byId.get(job.parent ?? "") as StageJob | undefined;
        if (parent) {
          const changed = changedArchitectureKey(parent.config, c);
          if (changed) throw new Error(`model.${changed} differs from its parent ${parent.run_id}'s; fine-tuning keeps the architecture — move model.${changed} out of the fine-tuning stage or sweep it unscoped`);
          const p = source(parent.config.data.source);
          if (p.height * p.width !== src.height * src.width) {
            throw new Error(`data.source ${c.data.source} gives ${src.height}×${src.width} images but the parent ${parent.run_id} read ${p.height}×${p.width}; keep the image size when fine-tuning`);
          }
        }
      }
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).split("\n")[0];
      problems.set(message, [...(problems.get(message) ?? []), job.run_id]);
    }
  }
  if (problems.size === 0) return;
  const hit = [...problems.values()].reduce((n, ids) => n + ids.length, 0);
  const lines = [...problems].map(([message, ids]) => `  ${ids[0]}${ids.length > 1 ? ` (and ${ids.length - 1} more)` : ""}: ${message}`);
  throw new Error([`${fn}: ${hit} of ${jobs.length} jobs would fail; nothing was run. Fix the experiment and rerun:`, ...lines].join("\n"));
}
