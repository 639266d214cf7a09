import { existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Job } from "../experiments/index.js";
import { FINISHED, isFinished, JOB_FILE, readStatus } from "../rundir/index.js";
import { unpackRun } from "./runBundle.js";

let counter = 0;

/**
 * Store a run sent back by a worker as DIR/runs/<run_id>, exactly as a local sweep leaves it: the
 * bundle is unpacked beside the target (runs/.incoming/, same filesystem), checked (every file's
 * hash, status "finished", job.json made for this very job), then renamed into place. A run that
 * already landed is left alone and the copy dropped, so a job delivered twice lands once.
 * Returns false for such a duplicate. Throws (storing nothing) when a check fails.
 */
export function storeRun(runsDir: string, job: Job, bundle: Buffer): boolean {
  const target = join(runsDir, job.run_id);
  if (isFinished(target)) return false;
  const incoming = join(runsDir, ".incoming", `${job.run_id}.${process.pid}.${counter++}`);
  try {
    unpackRun(bundle, incoming);
    const status = readStatus(incoming);
    if (status?.status !== FINISHED) throw new Error(`status.json says ${status?.status ?? "nothing"}, not ${FINISHED}`);
    const jobPath = join(incoming, JOB_FILE);
    if (!existsSync(jobPath)) throw new Error("job.json is missing");
    const sent = JSON.parse(readFileSync(jobPath, "utf8")) as Job;
    if (sent.run_id !== job.run_id || sent.parent !== job.parent || JSON.stringify(sent.config) !== JSON.stringify(job.config)) {
      throw new Error(`its job.json (run ${sent.run_id}) is not the job the coordinator enqueued as ${job.run_id}`);
    }
    if (isFinished(target)) return false;
    // an unfinished local attempt (an earlier local sweep was killed) is replaced as a whole
    if (existsSync(target)) {
      const old = `${incoming}.old`;
      renameSync(target, old);
      rmSync(old, { recursive: true, force: true });
    }
    renameSync(incoming, target);
    return true;
  } catch (err) {
    throw new Error(`storeRun(): run ${job.run_id} was not stored: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    rmSync(incoming, { recursive: true, force: true });
  }
}
