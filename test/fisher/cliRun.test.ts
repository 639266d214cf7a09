import { afterAll, describe, expect, test, vi } from "vitest";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { train } from "../../src/train/index.js";
import { readCsv } from "../../src/io/index.js";
import { main } from "../../src/cli/main.js";
import { tempDir } from "../tempDir.js";

const root = tempDir("run");
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; err: string }> {
  const errors: string[] = [];
  const spy = vi.spyOn(console, "error").mockImplementation((m: string) => { errors.push(String(m)); });
  try { return { code: await main(args), err: errors.join("\n") }; } finally { spy.mockRestore(); }
}

describe("fisherlab fisher --run", () => {
  test("fisherlab fisher --run measures derivative (mean_term, cov_term) and sampling on a trained run; they agree within 3 combined stderr", async () => {
    const dir = join(root, "run");
    const result = await train({
      seed: 3,
      data: { train_size: 1024, val_size: 128, test_size: 128, distribution: { kind: "vonmises", loc: 0, kappa: 0.01 } },
      model: { hidden: [16, 8] },
      train: { max_epochs: 8, patience: 8 },
    }, { outDir: dir, quiet: true });
    result.network.dispose();
    const der = join(root, "der.csv"), smp = join(root, "smp.csv");
    expect((await run(["fisher", "--run", dir, "--method", "derivative", "--layer", "2", "--angles", "0:6.2832:3", "--out", der])).code).toBe(0);
    expect(readFileSync(der, "utf8").split("\n")[0]).toBe("theta,fisher,stderr,ci_low,ci_high,method,n_samples,fisher_uncorrected,mean_term,cov_term");
    // the test split has 50 identities: 25 per class for sampling, with a wider δ for a usable d′
    const res = await run(["fisher", "--run", dir, "--method", "sampling", "--layer", "2", "--angles", "0:6.2832:3", "--delta", "0.2", "--out", smp]);
    expect(res.code).toBe(0);
    const a = readCsv(der), b = readCsv(smp);
    expect(a).toHaveLength(3);
    expect(a[0].n_samples).toBe(50);
    expect(b[0].n_samples).toBe(50);
    for (let i = 0; i < 3; i++) {
      const z = Math.abs((a[i].fisher as number) - (b[i].fisher as number)) / Math.hypot(a[i].stderr as number, b[i].stderr as number);
      console.log(`θ = ${(a[i].theta as number).toFixed(3)}: derivative ${(a[i].fisher as number).toFixed(2)} ± ${(a[i].stderr as number).toFixed(2)} (mean ${(a[i].mean_term as number).toFixed(2)}, cov ${(a[i].cov_term as number).toFixed(2)}); sampling ${(b[i].fisher as number).toFixed(2)} ± ${(b[i].stderr as number).toFixed(2)}; z = ${z.toFixed(2)}`);
      expect(z).toBeLessThan(3);
    }
    const ref = join(root, "refine.csv");
    expect((await run(["fisher", "--run", dir, "--method", "refine", "--layer", "2", "--angles", "0:6.2832:4", "--out", ref])).code).toBe(0);
    const refined = readCsv(ref);
    expect(refined.length).toBeGreaterThanOrEqual(4);
    expect(refined.every((r) => r.method === "refine")).toBe(true);
    const bad = await run(["fisher", "--run", dir, "--method", "smooth", "--out", smp]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/smooth reads recorded responses/);
  });
});
