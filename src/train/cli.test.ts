/**
 * The train / finetune / predict commands as a user runs them: a real `node dist/src/cli/bin.js`
 * process (npm test builds dist/ first), really interrupted with SIGINT or killed with SIGKILL.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../config/index.js";
import { readStatus, RUN_FILES } from "../rundir/index.js";
import { encodeNpy, readCsv, readNpy, writeFileAtomic } from "../io/index.js";
import { decodeSafetensors } from "../nn/index.js";
import { train } from "./index.js";
import { tempDir } from "../../test/tempDir.js";

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), "../../dist/src/cli/bin.js");
const root = tempDir("train-cli");
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** ~0.1 s per epoch: long enough to interrupt mid-run, short enough for the suite. */
const SETS = ["seed=5", "data.train_size=1024", "data.val_size=128", "data.test_size=128", "model.hidden=[16,8]", "train.max_epochs=4", "train.patience=4"]
  .flatMap((s) => ["--set", s]);

interface Exit { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** Run the CLI; `interrupt` is called with the child once it is running and may signal it. */
function cli(args: string[], interrupt?: (child: ReturnType<typeof spawn>) => void): Promise<Exit> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, FISHERLAB_QUIET: "1" } });
    let stdout = "", stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code, signal) => done({ code, signal, stdout, stderr }));
    interrupt?.(child);
  });
}

/** Signal the child once `dir`'s metrics.csv holds at least `epochs` rows. */
function afterEpochs(dir: string, epochs: number, signal: NodeJS.Signals) {
  return (child: ReturnType<typeof spawn>): void => {
    const timer = setInterval(() => {
      const path = join(dir, RUN_FILES.metrics);
      if (existsSync(path) && readCsv(path).length >= epochs) { clearInterval(timer); child.kill(signal); }
    }, 20);
    child.on("exit", () => clearInterval(timer));
  };
}

const weights = (dir: string) => new Map([...decodeSafetensors(readFileSync(join(dir, RUN_FILES.model))).tensors].map(([k, v]) => [k, v.data]));

const straight = join(root, "straight");

// the uninterrupted reference run, in-process (same wasm kernels as the CLI, so the same numbers)
beforeAll(async () => {
  const overrides = SETS.filter((_, i) => i % 2 === 1);
  (await train(resolveConfig({ overrides }), { outDir: straight, quiet: true })).network.dispose();
});

describe("fisherlab train (CLI)", () => {
  it("Ctrl-C (SIGINT) stops with exit code 130 keeping the last epoch; --resume ends with the uninterrupted run's weights (render worker or not)", async () => {
    const out = join(root, "sigint");
    const r = await cli(["train", ...SETS, "--out", out], afterEpochs(out, 1, "SIGINT"));
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/training interrupted after \d completed epochs?; .* rerun with --resume/);
    expect(readStatus(out)?.status).toBe("failed");
    expect(existsSync(join(out, RUN_FILES.summary))).toBe(false);
    const resumed = await cli(["train", "--out", out, "--resume"]); // no --set: the run's own config.yaml
    expect(resumed.stderr).toBe("");
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/best epoch \d of 4/);
    expect(weights(out)).toEqual(weights(straight));
    // the CLI (compiled) renders in a worker thread where a second core exists, the in-process
    // reference (TypeScript sources) inline: equal weights mean bit-identical images
    const summary = (d: string) => JSON.parse(readFileSync(join(d, RUN_FILES.summary), "utf8"));
    expect(summary(straight).render_worker).toBe(false);
    expect(summary(out).render_worker).toBe(availableParallelism() >= 2);
  });

  it("a killed process (SIGKILL, as in a crash) leaves a checkpoint that --resume continues exactly", async () => {
    const out = join(root, "sigkill");
    const r = await cli(["train", ...SETS, "--out", out], afterEpochs(out, 1, "SIGKILL"));
    expect(r.signal).toBe("SIGKILL");
    expect(readStatus(out)?.status).toBe("running"); // the dead process could not mark it
    const resumed = await cli(["train", ...SETS, "--out", out, "--resume"]);
    expect(resumed.code).toBe(0);
    expect(weights(out)).toEqual(weights(straight));
  });

  it("an unknown --set key is an error naming the key and the valid ones", async () => {
    const r = await cli(["train", "--set", "train.lrr=0.1", "--out", join(root, "bad")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/train\.lrr: unknown key; valid keys in train: batch_size, lr/);
    expect(existsSync(join(root, "bad"))).toBe(false);
  });
});

describe("fisherlab finetune / predict (CLI)", () => {
  it("finetune --from writes a run whose summary names its parent; predict --decode writes decoded angles", async () => {
    const parent = join(root, "straight"), child = join(root, "child");
    const ft = await cli(["finetune", "--from", parent, "--out", child, "--set", "train.max_epochs=1", "--set", "data.distribution.kappa=4", "--reset-optimizer", "--quiet"]);
    expect(ft.stderr).toBe("");
    expect(ft.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(child, RUN_FILES.summary), "utf8"));
    expect(summary.parent).toBe(parent);
    expect(summary.reset_optimizer).toBe(true);

    const images = join(root, "x.npy");
    writeFileAtomic(images, encodeNpy([4, 64, 64], new Float32Array(4 * 4096).fill(0.5)));
    const dec = await cli(["predict", "--run", child, "--images", images, "--decode", "--out", join(root, "theta.npy")]);
    expect(dec.code).toBe(0);
    const theta = readNpy(join(root, "theta.npy"), { keepFloat64: true });
    expect(theta.shape).toEqual([4]);
    // four identical images: one decoded angle, in (−π, π]
    expect(new Set(theta.data).size).toBe(1);
    expect(Math.abs(theta.data[0])).toBeLessThanOrEqual(Math.PI);
  });
});
