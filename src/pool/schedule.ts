import type { PoolJob } from "./poolJob.js";

/** Where a job stands in a sweep: its outcome once known, "running" while a worker has it. */
type Standing = "finished" | "done_before" | "failed" | "skipped" | "running";

/** The run_ids a job descends from, the root first. */
export function lineageOf<J extends PoolJob>(job: J, byId: ReadonlyMap<string, J>): string[] {
  const chain: string[] = [];
  for (let p = job.parent; p !== null; p = byId.get(p)!.parent) chain.unshift(p);
  return chain;
}

/**
 * The order to start jobs in: those that unlock the most others first (a pretrain before the
 * fine-tunes of a sibling), so every worker stays busy; ties keep the list order.
 */
export function launchOrder<J extends PoolJob>(jobs: readonly J[]): J[] {
  const byId = new Map(jobs.map((j) => [j.run_id, j]));
  const descendants = new Map<string, number>();
  for (const job of jobs) for (const p of lineageOf(job, byId)) descendants.set(p, (descendants.get(p) ?? 0) + 1);
  return [...jobs].sort((a, b) => (descendants.get(b.run_id) ?? 0) - (descendants.get(a.run_id) ?? 0));
}

/** A job may start: it has no parent, or its parent finished (now or in an earlier invocation). */
export function parentReady(state: ReadonlyMap<string, Standing>, parent: string | null): boolean {
  return parent === null || state.get(parent) === "finished" || state.get(parent) === "done_before";
}

/**
 * Skip every job whose parent failed or was skipped, until nothing changes (a chain of stages
 * fails as a whole); `record` is called once per skipped job and must enter it in `state` (as the
 * pool and the coordinator do). Returns the skipped run_ids.
 */
export function skipDependentsOfFailures<J extends PoolJob>(
  jobs: readonly J[], state: ReadonlyMap<string, Standing>, record: (skip: { run_id: string; state: "skipped"; error: string }) => void,
): string[] {
  const bad = (id: string | null) => id !== null && (state.get(id) === "failed" || state.get(id) === "skipped");
  const skipped: string[] = [];
  for (let changed = true; changed;) {
    changed = false;
    for (const job of jobs) {
      if (!state.has(job.run_id) && bad(job.parent)) {
        record({ run_id: job.run_id, state: "skipped", error: `depends on ${job.parent}, which ${state.get(job.parent!)}` });
        skipped.push(job.run_id);
        changed = true;
      }
    }
  }
  return skipped;
}
