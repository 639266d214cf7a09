import { describe, expect, test } from "vitest";
import { launchOrder, lineageOf, parentReady, skipDependentsOfFailures } from "./schedule.js";

// a: root with two fine-tunes b, c; d: a fine-tune of b; e: an unrelated root
const jobs = [
  { run_id: "e", kind: "train", parent: null },
  { run_id: "a", kind: "train", parent: null },
  { run_id: "b", kind: "finetune", parent: "a" },
  { run_id: "c", kind: "finetune", parent: "a" },
  { run_id: "d", kind: "finetune", parent: "b" },
];
const byId = new Map(jobs.map((j) => [j.run_id, j]));

describe("job scheduling shared by the pool and the queue coordinator", () => {
  test("lineageOf() lists ancestors root first", () => {
    expect(lineageOf(byId.get("d")!, byId)).toEqual(["a", "b"]);
    expect(lineageOf(byId.get("e")!, byId)).toEqual([]);
  });

  test("launchOrder() starts the jobs that unlock most others first, ties in list order", () => {
    // descendants: a 3, b 1, others 0
    expect(launchOrder(jobs).map((j) => j.run_id)).toEqual(["a", "b", "e", "c", "d"]);
  });

  test("parentReady() is true for roots and for children of finished parents only", () => {
    const state = new Map([["a", "finished" as const], ["b", "running" as const], ["e", "done_before" as const]]);
    expect(parentReady(state, null)).toBe(true);
    expect(parentReady(state, "a")).toBe(true);
    expect(parentReady(state, "e")).toBe(true);
    expect(parentReady(state, "b")).toBe(false);
    expect(parentReady(state, "c")).toBe(false);
  });

  test("skipDependentsOfFailures() skips a failed job's whole subtree and nothing else", () => {
    type S = "finished" | "done_before" | "failed" | "skipped" | "running";
    const state = new Map<string, S>([["a", "failed"]]);
    const recorded: string[] = [];
    const skipped = skipDependentsOfFailures(jobs, state, (o) => { state.set(o.run_id, o.state); recorded.push(`${o.run_id}: ${o.error}`); });
    expect(skipped.sort()).toEqual(["b", "c", "d"]);
    expect(recorded).toContain("d: depends on b, which skipped");
    expect(state.has("e")).toBe(false);
    // nothing new to skip the second time
    expect(skipDependentsOfFailures(jobs, state, () => { throw new Error("recorded twice"); })).toEqual([]);
  });
});
