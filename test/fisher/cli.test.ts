import { afterAll, describe, expect, test, vi } from "vitest";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { cosinePopulation } from "./population.js";
import { writeNpy, readCsv } from "../../src/io/index.js";
import { main } from "../../src/cli/main.js";
import { createRng } from "../../src/engine/index.js";
import { tempDir } from "../tempDir.js";
import { derivative } from "../../src/fisher/index.js";
import { plantedPopulation } from "../../src/validate/population.js";

const dir = tempDir("cli");
const pop = cosinePopulation(10, { noise: 0.2 });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** R.npy with T trials at each of the given stimulus values, S.npy with the values. */
function writeRecording(name: string, values: number[], trials: number, dtype: "f4" | "f8" = "f8") {
  const rng = createRng(1);
  const data = new Float64Array(values.length * trials * 10), s = new Float64Array(values.length * trials);
  values.forEach((v, k) => {
    data.set(pop.sample(v, trials, rng).data, k * trials * 10);
    s.fill(v, k * trials, (k + 1) * trials);
  });
  const r = join(dir, `${name}-R.npy`), sp = join(dir, `${name}-S.npy`);
  writeNpy(r, [values.length * trials, 10], dtype === "f4" ? Float32Array.from(data) : data);
  writeNpy(sp, [s.length], s);
  return { r, s: sp };
}

async function run(args: string[]): Promise<{ code: number; err: string }> {
  const errors: string[] = [];
  const spy = vi.spyOn(console, "error").mockImplementation((m: string) => { errors.push(String(m)); });
  const logSpy = vi.spyOn(console, "log").mockImplementation(() => {});
  try { return { code: await main(args), err: errors.join("\n") }; } finally { spy.mockRestore(); logSpy.mockRestore(); }
}

describe("fisherlab fisher --responses", () => {
  test("fisherlab fisher writes one row at the midpoint of two stimulus values with the sampling columns", async () => {
    const { r, s } = writeRecording("two", [0.65, 0.75], 400, "f4");
    const out = join(dir, "two.csv");
    const plot = join(dir, "two.svg");
    const { code } = await run(["fisher", "--responses", r, "--stimuli", s, "--method", "sampling", "--out", out, "--plot", plot]);
    expect(code).toBe(0);
    expect(readFileSync(plot, "utf8")).toMatch(/^<svg/);
    const header = readFileSync(out, "utf8").split("\n")[0];
    expect(header).toBe("theta,fisher,stderr,ci_low,ci_high,method,n_samples,fisher_uncorrected");
    const rows = readCsv(out);
    expect(rows).toHaveLength(1);
    expect(rows[0].theta).toBeCloseTo(0.7, 6);
    expect(rows[0].method).toBe("sampling");
    expect(rows[0].n_samples).toBe(800);
    expect(Math.abs((rows[0].fisher as number) - pop.fisherFinite(0.7, 0.1))).toBeLessThan(4 * (rows[0].stderr as number));
  });

  test("fisherlab fisher writes one row per adjacent pair and dprime for decoders", async () => {
    const { r, s } = writeRecording("three", [0.5, 0.6, 0.7], 100);
    const out = join(dir, "three.csv");
    expect((await run(["fisher", "--responses", r, "--stimuli", s, "--method", "linear-decoder", "--out", out])).code).toBe(0);
    const rows = readCsv(out);
    expect(rows.map((x) => +(x.theta as number).toFixed(6))).toEqual([0.55, 0.65]);
    expect(Object.keys(rows[0])).toEqual(["theta", "fisher", "stderr", "ci_low", "ci_high", "method", "n_samples", "dprime"]);
  });

  test("fisherlab fisher fails with one clear line for one stimulus value, mismatched lengths or an unknown method", async () => {
    const one = writeRecording("one", [0.5], 50);
    let res = await run(["fisher", "--responses", one.r, "--stimuli", one.s, "--method", "sampling", "--out", join(dir, "x.csv")]);
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/at least two distinct stimulus values, got 1/);
    const two = writeRecording("mismatch", [0.5, 0.6], 50);
    res = await run(["fisher", "--responses", two.r, "--stimuli", one.s, "--method", "sampling", "--out", join(dir, "x.csv")]);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/--stimuli has 50 values but --responses has 100 trials/);
    res = await run(["fisher", "--responses", two.r, "--stimuli", two.s, "--method", "magic", "--out", join(dir, "x.csv")]);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/--method must be one of sampling, linear-decoder, robust, nonlinear-decoder, smooth, derivative, interval, refine, got "magic"/);
  });
});

describe("fisherlab fisher --responses --method derivative", () => {
  test("fisherlab fisher refuses derivative on recorded responses (no θ-derivatives) with exit code 2", async () => {
    const { r, s } = writeRecording("deriv", [0.5, 0.6], 20);
    const res = await run(["fisher", "--responses", r, "--stimuli", s, "--method", "derivative", "--out", join(dir, "d.csv")]);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/derivative needs a network \(--run DIR\) or --derivatives D.npy/);
  });

  test("fisherlab fisher --responses --derivatives --stimuli writes one row per stimulus value; without --stimuli one row", async () => {
    const planted = plantedPopulation({ units: 4, meanTerm: 10, covTerm: 5, derivativeNoise: 1 });
    const rng = createRng(2);
    const a = planted.identities(60, rng), b = planted.identities(60, rng);
    const r = join(dir, "jvp-R.npy"), d = join(dir, "jvp-D.npy"), s = join(dir, "jvp-S.npy");
    writeNpy(r, [120, 4], Float64Array.from([...a.responses.data, ...b.responses.data]));
    writeNpy(d, [120, 4], Float64Array.from([...a.derivatives.data, ...b.derivatives.data]));
    // stimulus values interleaved on purpose: rows are grouped by value, not by position
    writeNpy(s, [120], Float64Array.from({ length: 120 }, (_, t) => (t < 60 ? 0.25 : -0.5)));
    let res = await run(["fisher", "--responses", r, "--derivatives", d, "--stimuli", s, "--method", "derivative", "--out", join(dir, "jvp.csv")]);
    expect(res.code).toBe(0);
    const rows = readCsv(join(dir, "jvp.csv"));
    expect(rows.map((x) => x.theta)).toEqual([-0.5, 0.25]);
    expect(Object.keys(rows[0])).toEqual(["theta", "fisher", "stderr", "ci_low", "ci_high", "method", "n_samples", "fisher_uncorrected", "mean_term", "cov_term"]);
    expect(rows[1].n_samples).toBe(60);
    // each row's direct-call value: the CLI adds nothing but grouping
    const direct = derivative().estimate({ theta: 0.25, ...a });
    expect(rows[1].fisher as number).toBeCloseTo(direct.fisher, 9);
    res = await run(["fisher", "--responses", r, "--derivatives", d, "--method", "derivative", "--out", join(dir, "jvp1.csv")]);
    expect(res.code).toBe(0);
    expect(readCsv(join(dir, "jvp1.csv")).map((x) => x.n_samples)).toEqual([120]);
    res = await run(["fisher", "--responses", r, "--derivatives", s, "--method", "derivative", "--out", join(dir, "x.csv")]);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/--derivatives must have the shape of --responses \[120, 4\], got \[120\]/);
  });
});
