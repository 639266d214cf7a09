/** One job as recorded in DIR/sweep.json (the pool's PoolJob plus the sweep's own fields). */
export interface SweepRecordJob {
  run_id: string;
  kind: string;
  parent: string | null;
  stage?: string;
  replicate?: number;
  condition?: Record<string, unknown>;
  config?: unknown;
}

/** What DIR/sweep.json holds: the expanded jobs (so jobs that never started still get a row). */
export interface SweepRecord {
  name: string;
  sweep_keys: string[];
  jobs: SweepRecordJob[];
}
