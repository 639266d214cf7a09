import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createRunDir, markFailed, markFinished, readStatus, writeRunConfig, writeStatus, writeSummary } from "./runDir.js";
import { readRunDir } from "./readRunDir.js";
import { parseFisherFileName } from "./files.js";
import { resolveConfig } from "../config/trainConfig.js";
import { tempDir } from "../../test/tempDir.js";

const tmp = () => tempDir("rundir");

describe("createRunDir()", () => {
  it("creates a new directory marked running with attempt 1", () => {
    const dir = join(tmp(), "a", "b");
    expect(createRunDir(dir)).toEqual({ dir, resumed: false, attempt: 1 });
    expect(readStatus(dir)).toMatchObject({ status: "running", pid: process.pid, attempt: 1 });
  });

  it("refuses a finished run unless force, which wipes it", () => {
    const dir = join(tmp(), "run");
    createRunDir(dir);
    writeFileSync(join(dir, "model.bin"), "x");
    markFinished(dir);
    expect(() => createRunDir(dir)).toThrow(`createRunDir(): ${dir} holds a finished run; pass --force to overwrite it, or choose another --out`);
    expect(() => createRunDir(dir, { resume: true })).toThrow(/finished run/);
    expect(createRunDir(dir, { force: true }).resumed).toBe(false);
    expect(existsSync(join(dir, "model.bin"))).toBe(false);
  });

  it("refuses an unfinished run unless resume, which keeps its files and counts the attempt", () => {
    const dir = join(tmp(), "run");
    createRunDir(dir);
    writeFileSync(join(dir, "metrics.csv"), "epoch\n1\n");
    markFailed(dir, new Error("out of memory"));
    expect(readStatus(dir)).toMatchObject({ status: "failed", error: "out of memory" });
    expect(() => createRunDir(dir)).toThrow(/holds an unfinished run \(status failed\); pass --resume to continue it or --force to start over/);
    expect(createRunDir(dir, { resume: true })).toEqual({ dir, resumed: true, attempt: 2 });
    expect(existsSync(join(dir, "metrics.csv"))).toBe(true);
    expect(readStatus(dir)?.error).toBeUndefined();
  });

  it("refuses a non-empty directory that is not a run, and a run another live process is writing", () => {
    const dir = tmp();
    writeFileSync(join(dir, "notes.txt"), "mine");
    expect(() => createRunDir(dir)).toThrow(/holds files but no run status/);
    const other = join(tmp(), "run");
    mkdirSync(other);
    writeStatus(other, { status: "running", pid: process.ppid, attempt: 1, started_at: new Date().toISOString() });
    expect(() => createRunDir(other, { resume: true })).toThrow(`createRunDir(): ${other} is being written by process ${process.ppid}; wait for it or stop it first`);
  });

  it("a killed run (running, dead pid) is resumable", () => {
    const dir = join(tmp(), "run");
    mkdirSync(dir);
    writeStatus(dir, { status: "running", pid: 2 ** 22 + 12345, attempt: 1, started_at: new Date().toISOString() });
    expect(createRunDir(dir, { resume: true }).resumed).toBe(true);
  });

  it("markFinished() records the wall time and clears an old error", () => {
    const dir = join(tmp(), "run");
    createRunDir(dir);
    markFailed(dir, "boom");
    const s = markFinished(dir);
    expect(s.status).toBe("finished");
    expect(s.error).toBeUndefined();
    expect(s.wall_seconds).toBeGreaterThanOrEqual(0);
  });
});

describe("readRunDir()", () => {
  it("reads back config, summary, metrics, Fisher curves and adapt iterations, leaving no temp files", () => {
    const dir = join(tmp(), "run");
    createRunDir(dir);
    const config = resolveConfig({ overrides: ["loss.name=sq_diff"] });
    writeRunConfig(dir, config);
    writeSummary(dir, { best_epoch: 4, test_mae_deg: 3.5 });
    writeFileSync(join(dir, "metrics.csv"), "epoch,train_loss,val_loss\n1,0.5,0.6\n2,0.4,0.5\n");
    writeFileSync(join(dir, "fisher_linear-decoder_output.csv"), "theta,fisher\n0,1.5\n");
    writeFileSync(join(dir, "fisher_robust_1.csv"), "theta,fisher\n0,2\n");
    const back = readRunDir(dir);
    expect(back.config).toEqual(config);
    expect(back.summary).toEqual({ best_epoch: 4, test_mae_deg: 3.5 });
    expect(back.metrics).toEqual([{ epoch: 1, train_loss: 0.5, val_loss: 0.6 }, { epoch: 2, train_loss: 0.4, val_loss: 0.5 }]);
    expect(back.fisher.map((f) => [f.method, f.layer, f.rows.length])).toEqual([["linear-decoder", "output", 1], ["robust", "1", 1]]);
    expect(back.iterations).toEqual([]);
    expect(back.status?.status).toBe("running");
    expect(readdirSync(dir).filter((f) => f.includes(".tmp"))).toEqual([]);
  });

  it("parseFisherFileName() splits the layer off the last underscore", () => {
    expect(parseFisherFileName("fisher_nonlinear-decoder_output.csv")).toEqual({ method: "nonlinear-decoder", layer: "output" });
    expect(parseFisherFileName("fisher_my_method_0.csv")).toEqual({ method: "my_method", layer: "0" });
    expect(parseFisherFileName("metrics.csv")).toBeNull();
  });
});
