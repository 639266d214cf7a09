import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
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

/**
 * Remove the lock file at `path` only if it still holds `judged` (the stale lock the caller
 * inspected): it is first renamed aside — atomic, so of two sweeps taking over one stale lock only
 * one gets it — and checked; a fresh lock that another sweep wrote in between is linked back in
 * place (link fails rather than overwrite). True when the stale lock is gone (or was already),
 * false when the lock now belongs to another sweep.
 */
export function removeIfUnchanged(path: string, judged: string): boolean {
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return true; // someone removed it: try to create ours
    throw systemError(err, path, "take over the stale sweep lock");
  }
  try {
    if (readFileSync(aside, "utf8") === judged) return true;
    try { linkSync(aside, path); } catch { /* a third sweep created one meanwhile: it holds the directory */ }
    return false;
  } finally {
    rmSync(aside, { force: true });
  }
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
      const text = readFileSync(path, "utf8");
      const owner = parseLock(text);
      if (owner && owner.host !== me.host) {
        throw new Error(`runSweep(): ${path} says a sweep runs on host ${owner.host} (pid ${owner.pid}); wait for it, or delete ${path} if no sweep is running there`);
      }
      if (owner && ownerRunning(owner)) {
        throw new Error(`runSweep(): another sweep (pid ${owner.pid}) is running in ${dir}; wait for it, or stop it and rerun`);
      }
      // stale: its owner died, or its pid now belongs to another process
      if (!removeIfUnchanged(path, text)) {
        throw new Error(`runSweep(): another sweep took over the stale lock ${path} at the same time; wait for it, or stop it and rerun`);
      }
    }
  }
  throw new Error(`runSweep(): could not take the lock ${path}; delete it if no sweep is running`);
}
