import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Job } from "../experiments/index.js";
import { markFinished, writeRunConfig, writeStatus } from "../rundir/index.js";
import { endpointClient, startFileEndpoint, unreachableEndpointOf } from "./fileEndpoint.js";
import { packRun } from "./runBundle.js";
import { storeRun } from "./storeRun.js";

const TOKEN = "endpoint-token-0123456789";
const root = mkdtempSync(join(tmpdir(), "fisherlab-endpoint-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let made = 0;

const job = (run_id: string, lr = 0.01) => ({ run_id, kind: "train", parent: null, stage: "pretrain", replicate: 0, condition: {}, seed: 0, config: { train: { lr } } }) as unknown as Job;

/** A finished run directory for `j`, as a worker leaves it. */
function finishedRun(j: Job, extra = "x"): string {
  const dir = join(root, `worker-${j.run_id}-${made++}`);
  mkdirSync(dir);
  writeStatus(dir, { status: "running", pid: 1, attempt: 1, started_at: new Date().toISOString() });
  writeFileSync(join(dir, "job.json"), JSON.stringify(j));
  writeRunConfig(dir, j.config);
  writeFileSync(join(dir, "result.txt"), extra);
  markFinished(dir);
  return dir;
}

describe("startFileEndpoint()", () => {
  it("serves and stores only signed requests of the same version and sweep; a refused request reaches no handler", async () => {
    const calls: string[] = [];
    const endpoint = await startFileEndpoint({
      token: TOKEN, version: "1.2.3", sweep: "sw",
      handlers: {
        get: (id) => { calls.push(`get ${id}`); return id === "known" ? Buffer.from("bundle") : null; },
        put: async (id, body) => { calls.push(`put ${id} ${body.toString()}`); return { stored: true }; },
      },
    });
    const base = `http://${endpoint.address}`;
    try {
      expect(endpoint.address).toMatch(/^127\.0\.0\.1:\d+$/); // loopback unless told otherwise
      const good = endpointClient(base, TOKEN, "1.2.3", "sw");
      expect((await good.get("/v1/runs/known")).toString()).toBe("bundle");
      expect(await good.put("/v1/runs/a=b__r0", Buffer.from("data"))).toEqual({ stored: true });
      await expect(good.get("/v1/runs/unknown")).rejects.toThrow("answered 404: run unknown has not finished on the coordinator");
      expect(calls).toEqual(["get known", "put a=b__r0 data", "get unknown"]);

      calls.length = 0;
      await expect(endpointClient(base, "wrong-token-0123456789", "1.2.3", "sw").put("/v1/runs/x", Buffer.from("evil")))
        .rejects.toThrow(/answered 401: the request is not signed with this coordinator's token/);
      await expect(endpointClient(base, "wrong-token-0123456789", "1.2.3", "sw").get("/v1/runs/known")).rejects.toThrow(/answered 401/);
      const unsigned = await fetch(`${base}/v1/runs/known`);
      expect(unsigned.status).toBe(401);
      await expect(endpointClient(base, TOKEN, "9.9.9", "sw").get("/v1/runs/known"))
        .rejects.toThrow("answered 409: this coordinator runs fisherlab 1.2.3, the request came from fisherlab 9.9.9; install 1.2.3 on the worker");
      await expect(endpointClient(base, TOKEN, "1.2.3", "other").get("/v1/runs/known")).rejects.toThrow(/answered 409: this coordinator runs sweep sw, not other/);
      expect(calls).toEqual([]);
    } finally {
      await endpoint.close();
    }
  });
});

describe("storeRun()", () => {
  it("stores a worker's run atomically as runs/<run_id>, and a second delivery lands once", () => {
    const runsDir = join(root, "store-runs");
    const j = job("base__r0__pretrain");
    expect(storeRun(runsDir, j, packRun(finishedRun(j, "first")))).toBe(true);
    expect(readFileSync(join(runsDir, j.run_id, "result.txt"), "utf8")).toBe("first");
    expect(storeRun(runsDir, j, packRun(finishedRun(j, "second")))).toBe(false);
    expect(readFileSync(join(runsDir, j.run_id, "result.txt"), "utf8")).toBe("first");
    expect(readdirSync(join(runsDir, ".incoming"))).toEqual([]);
  });

  it("refuses a run made for another job or not finished, storing nothing", () => {
    const runsDir = join(root, "refuse-runs");
    const j = job("r1");
    expect(() => storeRun(runsDir, j, packRun(finishedRun(job("r1", 0.5))))).toThrow("storeRun(): run r1 was not stored: its job.json (run r1) is not the job the coordinator enqueued as r1");
    const running = finishedRun(j);
    writeStatus(running, { status: "running", pid: 1, attempt: 1, started_at: new Date().toISOString() });
    expect(() => storeRun(runsDir, j, packRun(running))).toThrow("storeRun(): run r1 was not stored: status.json says running, not finished");
    expect(existsSync(join(runsDir, "r1"))).toBe(false);
    expect(readdirSync(join(runsDir, ".incoming"))).toEqual([]);
  });

  it("replaces an unfinished local attempt of the same run", () => {
    const runsDir = join(root, "replace-runs");
    const j = job("r2");
    mkdirSync(join(runsDir, "r2"), { recursive: true });
    writeStatus(join(runsDir, "r2"), { status: "failed", error: "killed", pid: 1, attempt: 1, started_at: new Date().toISOString() });
    writeFileSync(join(runsDir, "r2", "stale.txt"), "old");
    expect(storeRun(runsDir, j, packRun(finishedRun(j)))).toBe(true);
    expect(readdirSync(join(runsDir, "r2")).sort()).toEqual(["config.yaml", "job.json", "result.txt", "status.json"]);
  });
});

describe("unreachableEndpointOf()", () => {
  it("names the endpoint of a job that failed because its coordinator could not be reached, and nothing else", async () => {
    // a real failure: an endpoint that was closed (its coordinator is gone)
    const endpoint = await startFileEndpoint({ token: TOKEN, version: "1", sweep: "s", handlers: { get: () => null, put: async () => ({ stored: true }) } });
    const dead = `http://${endpoint.address}`;
    await endpoint.close();
    const err = await endpointClient(dead, TOKEN, "1", "s").get("/v1/runs/x").catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect(unreachableEndpointOf((err as Error).message)).toBe(dead);
    expect(unreachableEndpointOf("GET http://127.0.0.1:9/v1/runs/x answered 409: run x was already recorded as failed")).toBeNull();
    expect(unreachableEndpointOf(undefined)).toBeNull();
  });
});
