import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SWEEP_FILES } from "../rundir/index.js";

/**
 * One sweep per output directory at a time: a second `fisherlab sweep` on the same DIR would run
 * the same jobs twice. The lock file holds the owner's pid; a lock left by a killed process (pid
 * no longer alive) is taken over, which is what makes kill-and-rerun work.
 */
export const LOCK_FILE = SWEEP_FILES.lock;

export function acquireSweepLock(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  for (let tries = 0; tries < 2; tries++) {
    try {
      writeFileSync(path, String(process.pid), { flag: "wx" }); // exclusive create: atomic against a concurrent sweep
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = Number(readFileSync(path, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new Error(`runSweep(): another sweep (pid ${pid}) is running in ${dir}; wait for it, or stop it and rerun`);
      }
      if (existsSync(path)) rmSync(path, { force: true }); // stale: its owner died
    }
  }
  throw new Error(`runSweep(): could not take the lock ${path}; delete it if no sweep is running`);
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (err) { return (err as NodeJS.ErrnoException).code === "EPERM"; }
}
