import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { systemError } from "../io/index.js";
import { SWEEP_FILES } from "../rundir/index.js";

/**
 * One sweep per output directory at a time: a second `fisherlab sweep` on the same DIR would run
 * the same jobs twice. The lock file records its owner as host, pid and the process's start time
 * (from /proc on Linux): a lock whose process is gone — or whose pid now belongs to a process
 * started at another time, a reused pid — is stale and taken over, which is what makes
 * kill-and-rerun work. A lock from another host cannot be checked and is reported.
 */
export const LOCK_FILE = SWEEP_FILES.lock;

export interface LockOwner {
  host: string;
  pid: number;
  /** process start time in clock ticks since boot (/proc/PID/stat field 22), null where unknown */
  started: number | null;
}

/** Start time of process `pid` (clock ticks since boot), or null when /proc does not tell. */
export function processStartTime(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // the command name (field 2) may hold spaces and parentheses: count fields after its last ")"
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[19]); // field 22 overall
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (err) { return (err as NodeJS.ErrnoException).code === "EPERM"; }
}

/** The owner recorded in a lock file: JSON, or a bare pid (locks written before hosts were recorded). */
export function parseLock(text: string): LockOwner | null {
  const t = text.trim();
  if (/^\d+$/.test(t)) return { host: hostname(), pid: Number(t), started: null };
  try {
    const o = JSON.parse(t) as Partial<LockOwner>;
    if (typeof o.host === "string" && Number.isInteger(o.pid) && (o.pid as number) > 0) {
      return { host: o.host, pid: o.pid as number, started: typeof o.started === "number" ? o.started : null };
    }
  } catch { /* unreadable: treated as stale below */ }
  return null;
}

/** Is the process that wrote `owner` still running (on this host)? */
export function ownerRunning(owner: LockOwner): boolean {
  if (owner.pid === process.pid && owner.host === hostname()) return false; // our own leftover
  if (!alive(owner.pid)) return false;
  if (owner.started === null) return true; // cannot tell a reused pid from the owner: assume it is the owner
  const now = processStartTime(owner.pid);
  return now === null || now === owner.started; // another start time: the pid was reused
}

export function acquireSweepLock(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  const me: LockOwner = { host: hostname(), pid: process.pid, started: processStartTime(process.pid) };
  for (let tries = 0; tries < 2; tries++) {
    try {
      writeFileSync(path, JSON.stringify(me) + "\n", { flag: "wx" }); // exclusive create: atomic against a concurrent sweep
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw systemError(err, path, "create the sweep lock");
      const owner = parseLock(readFileSync(path, "utf8"));
      if (owner && owner.host !== me.host) {
        throw new Error(`runSweep(): ${path} says a sweep runs on host ${owner.host} (pid ${owner.pid}); wait for it, or delete ${path} if no sweep is running there`);
      }
      if (owner && ownerRunning(owner)) {
        throw new Error(`runSweep(): another sweep (pid ${owner.pid}) is running in ${dir}; wait for it, or stop it and rerun`);
      }
      if (existsSync(path)) rmSync(path, { force: true }); // stale: its owner died, or its pid now belongs to another process
    }
  }
  throw new Error(`runSweep(): could not take the lock ${path}; delete it if no sweep is running`);
}
