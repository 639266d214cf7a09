import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { queryResults } from "../src/experiments/index.js";
import { readRunDir, readStatus } from "../src/rundir/index.js";
import { tempDir } from "./tempDir.js";

const bin = join(import.meta.dirname, "..", "dist", "src", "cli", "bin.js");

const SPEC = `
name: killme
replicates: 2
config:
  data: { train_size: 512, val_size: 128, test_size: 128 }
  model: { hidden: [16, 8] }
  train: { max_epochs: 6, patience: 6 }
sweep: { finetune.loss.name: [angle_diff, sq_diff] }
finetune:
  - name: ft
    set: { data.distribution.kappa: 4, train.max_epochs: 4 }
fisher: [{ method: derivative, layer: output, angles: 12 }]
`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("fisherlab run killed mid-sweep (SIGKILL) and run again", () => {
  it("finishes only what was missing: finished runs untouched, no epoch trained twice, the database complete", async () => {
    expect(existsSync(bin), "run `npm run build:ts` first").toBe(true);
    const root = tempDir("kill");
    writeFileSync(join(root, "exp.yaml"), SPEC);
    const out = join(root, "out");
    const args = [bin, "run", join(root, "exp.yaml"), "--out", out, "--workers", "2", "--quiet"];
    const child = spawn(process.execPath, args, { stdio: "ignore" });
    // kill as soon as one job has finished and at least one other is running (mid-sweep)
    const runs = () => (existsSync(join(out, "runs")) ? readdirSync(join(out, "runs")) : []);
    const finished = () => runs().filter((id) => readStatus(join(out, "runs", id))?.status === "finished");
    const deadline = Date.now() + 120_000;
    while (finished().length === 0 && Date.now() < deadline) await sleep(50);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const before = finished();
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(6); // the kill really came mid-sweep
    const stamps = new Map(before.map((id) => [id, statSync(join(out, "runs", id, "model.safetensors")).mtimeMs]));

    const rerun = spawnSync(process.execPath, args, { encoding: "utf8" });
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain(`${before.length} finished before, 0 failed`);
    expect(runs().length).toBe(6);
    for (const id of runs()) {
      const c = readRunDir(join(out, "runs", id));
      expect(c.status?.status, id).toBe("finished");
      const epochs = c.metrics.map((r) => Number(r.epoch));
      expect(epochs, `${id}: each epoch once, in order`).toEqual(epochs.map((_, i) => i + 1));
      expect(c.fisher.length, id).toBe(1);
    }
    for (const [id, t] of stamps) expect(statSync(join(out, "runs", id, "model.safetensors")).mtimeMs, id).toBe(t);
    const rows = await queryResults(join(out, "results.duckdb"), "select status, count(*) as n from runs group by status");
    expect(rows.map((r) => [r.status, Number(r.n)])).toEqual([["finished", 6]]);
  });
});
