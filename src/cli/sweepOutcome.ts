import { StoreNotBuilt, type SweepResult } from "../experiments/index.js";
import { exitCodeFor, type PoolReport } from "../pool/index.js";

/** The pool's tally and the first line of each failure; `suffix` is appended to the tally line. */
export function printJobTally(r: PoolReport, suffix = ""): void {
  console.log(`${r.total} jobs: ${r.finished} finished now, ${r.doneBefore} finished before, ${r.failed} failed, ${r.skipped} skipped${suffix}`);
  for (const o of r.outcomes.filter((x) => x.state === "failed")) console.log(`  failed ${o.run_id}: ${o.error?.split("\n")[0]}`);
}

/**
 * A sweep whose jobs ran but whose results store could not be rebuilt (a full disk, say) exits
 * like any sweep — the number of failed jobs — and at least 1, after the tally and the reason.
 */
export async function storeFailureExits(command: string, sweep: Promise<SweepResult>): Promise<SweepResult | number> {
  try {
    return await sweep;
  } catch (err) {
    if (!(err instanceof StoreNotBuilt)) throw err;
    printJobTally(err.report);
    console.error(`fisherlab ${command}: ${err.message}`);
    return Math.max(1, exitCodeFor(err.report));
  }
}
