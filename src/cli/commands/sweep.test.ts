import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSweepCommand } from "./sweep.js";
import { readRunDir } from "../../rundir/index.js";
import { tempDir } from "../../../test/tempDir.js";

const fixture = (name: string) => fileURLToPath(new URL(`../../pool/fixtures/${name}`, import.meta.url));

describe("fisherlab sweep (createSweepCommand)", () => {
  afterEach(() => { vi.restoreAllMocks(); });

  it("exits with the number of failed jobs, applies --set to the base config and prints the database path", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const dir = tempDir("cmd");
    writeFileSync(join(dir, "exp.yaml"), "replicates: 2\nsweep: { finetune.train.lr: [0.01, 0.02] }\nfinetune: [{ set: {} }]\n");
    const command = createSweepCommand({ train: fixture("syntheticHandler.mjs"), finetune: fixture("failingHandler.mjs") });
    const code = await command.run([join(dir, "exp.yaml"), "--out", join(dir, "out"), "--workers", "0", "--quiet", "--set", "train.max_epochs=7"]);
    expect(code).toBe(4);
    expect(readRunDir(join(dir, "out", "runs", "base__r1__pretrain")).config).toMatchObject({ seed: 1, train: { max_epochs: 7 } });
    const printed = log.mock.calls.map((c) => String(c[0]));
    expect(printed[0]).toBe("6 jobs: 2 finished now, 0 finished before, 4 failed, 0 skipped");
    expect(printed).toContain("  failed train.lr=0.01__r0__ft1: ft1 cannot run here");
    expect(printed.at(-1)).toBe(`results: ${join(dir, "out", "results.duckdb")}`);
  });

  it("usage errors name the problem", async () => {
    const command = createSweepCommand({});
    await expect(command.run(["--out", "x"])).rejects.toThrow("fisherlab sweep: give exactly one experiment file, got 0");
    await expect(command.run(["missing.yaml", "--out", "x"])).rejects.toThrow("fisherlab sweep: experiment file missing.yaml not found");
    const dir = tempDir("cmd");
    writeFileSync(join(dir, "exp.yaml"), "replicates: 1\n");
    await expect(command.run([join(dir, "exp.yaml"), "--out", dir, "--workers", "-1"])).rejects.toThrow("--workers must be an integer ≥ 0");
  });
});
