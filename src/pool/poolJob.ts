/** What every job of the pool has: an id (its run directory's name), a kind and a parent. */
export interface PoolJob {
  run_id: string;
  /** selects the handler module ("train", "finetune", "adapt", …) */
  kind: string;
  /** run_id of the job that must finish first (its run directory is the starting point) */
  parent: string | null;
}
