import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeStaleTemporaries } from "./resultsStore.js";
import { acquireSweepLock, LOCK_FILE, ownerRunning, parseLock, processStartTime, removeIfUnchanged } from "./sweepLock.js";

const root = mkdtempSync(join(tmpdir(), "fisherlab-lock-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("sweep lock", () => {
  it("records host, pid and the process start time", () => {
    const dir = join(root, "a");
    mkdirSync(dir);
    const release = acquireSweepLock(dir);
    const owner = JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8"));
    expect(owner).toEqual({ host: hostname(), pid: process.pid, started: processStartTime(process.pid) });
    release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it("a live pid with another start time is a reused pid, not the owner (regression: a reused pid blocked the directory)", () => {
    const started = processStartTime(process.ppid);
    if (started === null) { console.warn("notice: no /proc here; start times unknown, the pid alone decides"); return; }
    expect(ownerRunning({ host: hostname(), pid: process.ppid, started })).toBe(true);
    expect(ownerRunning({ host: hostname(), pid: process.ppid, started: started + 1 })).toBe(false);
    const dir = join(root, "b");
    mkdirSync(dir);
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ host: hostname(), pid: process.ppid, started: started + 1 }));
    acquireSweepLock(dir)(); // taken over
  });

  it("reads locks written as a bare pid, and refuses a lock from another host", () => {
    expect(parseLock("123\n")).toEqual({ host: hostname(), pid: 123, started: null });
    const dir = join(root, "c");
    mkdirSync(dir);
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ host: "elsewhere", pid: 1, started: 5 }));
    expect(() => acquireSweepLock(dir)).toThrow(`says a sweep runs on host elsewhere (pid 1); wait for it, or delete ${join(dir, LOCK_FILE)} if no sweep is running there`);
  });
});

describe("removeStaleTemporaries()", () => {
  it("takes over a stale lock only if it is still the one judged stale (regression: two sweeps on one stale lock could both take it)", () => {
    const dir = join(root, "race");
    mkdirSync(dir);
    const path = join(dir, LOCK_FILE);
    const stale = JSON.stringify({ host: hostname(), pid: 999999, started: 1 }) + "\n";
    // unchanged: removed, nothing left aside
    writeFileSync(path, stale);
    expect(removeIfUnchanged(path, stale)).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
    // another sweep replaced it with its own fresh lock after this one judged it stale: kept in place
    const fresh = JSON.stringify({ host: hostname(), pid: process.pid, started: processStartTime(process.pid) }) + "\n";
    writeFileSync(path, fresh);
    expect(removeIfUnchanged(path, stale)).toBe(false);
    expect(readFileSync(path, "utf8")).toBe(fresh);
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
    // already gone: nothing to do
    rmSync(path);
    expect(removeIfUnchanged(path, stale)).toBe(true);
  });

  it("removes what a killed results-store rebuild leaves, and nothing else (regression: litter after the rerun)", () => {
    const dir = join(root, "store");
    mkdirSync(join(dir, "parquet"), { recursive: true });
    const litter = [".results.duckdb.4242.tmp", ".results.duckdb.4242.tmp.wal", "parquet/.runs.4242.tmp.parquet"];
    const kept = ["results.duckdb", "parquet/runs.parquet", "sweep.json"];
    for (const f of [...litter, ...kept]) writeFileSync(join(dir, f), "x");
    removeStaleTemporaries(dir);
    const left = [...readdirSync(dir).filter((f) => f !== "parquet"), ...readdirSync(join(dir, "parquet")).map((f) => `parquet/${f}`)].sort();
    expect(left).toEqual([...kept].sort());
  });
});
