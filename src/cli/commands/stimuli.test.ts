import { describe, expect, it, beforeAll, afterAll, vi } from "vitest";
import { readFileSync, rmSync, existsSync } from "node:fs";
import { join } from "node:path";
import { readNpy, writeNpy } from "../../io/index.js";
import { bankImage, rotateImage, splitIdentities, textureBank } from "../../stimuli/index.js";
import { stimuliCommand } from "./stimuli.js";
import { tempDir } from "../../../test/tempDir.js";

let dir = "";
beforeAll(() => { dir = tempDir("cli-stimuli"); vi.spyOn(console, "log").mockImplementation(() => {}); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); vi.restoreAllMocks(); });

describe("fisherlab stimuli", () => {
  it("--angles a,b,c writes float32 (n, H, W) images and .angles.npy; sample i uses identity i mod m of the split", async () => {
    const out = join(dir, "a.npy"), preview = join(dir, "a.png");
    const code = await stimuliCommand.run(["--source", "textures:20", "--split", "val", "--angles", "0,1.5,-0.5,3", "--out", out, "--preview", preview]);
    expect(code).toBe(0);
    const images = readNpy(out), angles = readNpy(out.replace(/\.npy$/, ".angles.npy"), { keepFloat64: true });
    expect(images.dtype).toBe("<f4");
    expect(images.shape).toEqual([4, 64, 64]);
    expect(Array.from(angles.data)).toEqual([0, 1.5, -0.5, 3]);
    const val = splitIdentities(20, "val"); // 3 identities
    const bank = textureBank(20);
    for (const i of [1, 3]) {
      const want = rotateImage(bankImage(bank, val[i % 3]), 64, 64, angles.data[i]);
      expect(images.data.subarray(i * 4096, (i + 1) * 4096)).toEqual(want);
    }
    const png = readFileSync(preview);
    expect(Array.from(png.subarray(1, 4))).toEqual([0x50, 0x4e, 0x47]); // "PNG"
    expect(png.readUInt32BE(16)).toBe(4 * 64 + 3 * 2); // 4 tiles and 3 gaps wide
  });

  it("--size with --distribution.* draws angles from the distribution, reproducibly from --seed; batches span 256", async () => {
    const run = (out: string, seed: string) => stimuliCommand.run(["--source", "gratings", "--size", "300", "--distribution.kind", "vonmises",
      "--distribution.kappa", "4", "--distribution.loc", "1", "--seed", seed, "--out", out]);
    await run(join(dir, "g1.npy"), "5");
    await run(join(dir, "g2.npy"), "5");
    const a = readNpy(join(dir, "g1.npy")), b = readNpy(join(dir, "g2.npy"));
    expect(a.shape).toEqual([300, 64, 64]);
    // byte comparison: vitest's deep equality takes seconds on 1.2M floats
    expect(Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength).equals(Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength))).toBe(true);
    const angles = readNpy(join(dir, "g1.angles.npy"), { keepFloat64: true }).data;
    expect(Array.from(angles).every((t) => t >= 0 && t < Math.PI)).toBe(true); // gratings: π domain
    let c = 0, s = 0;
    for (const t of angles) { c += Math.cos(2 * t); s += Math.sin(2 * t); }
    expect(Math.abs(Math.atan2(s, c) / 2 - 1)).toBeLessThan(0.1); // circular mean of the doubled angle
  });

  it("--angles FILE.npy and a tabulated distribution from comma lists", async () => {
    const anglesFile = join(dir, "th.npy");
    writeNpy(anglesFile, [2], Float64Array.from([0.25, 2]));
    expect(await stimuliCommand.run(["--source", "textures:8", "--split", "all", "--angles", anglesFile, "--out", join(dir, "f.npy")])).toBe(0);
    expect(Array.from(readNpy(join(dir, "f.angles.npy"), { keepFloat64: true }).data)).toEqual([0.25, 2]);
    expect(await stimuliCommand.run(["--source", "textures:8", "--size", "3", "--distribution.kind", "tabulated",
      "--distribution.grid", "0,3,6", "--distribution.density", "1,2,1", "--out", join(dir, "t.npy")])).toBe(0);
    expect(readNpy(join(dir, "t.npy")).shape).toEqual([3, 64, 64]);
  });

  it("usage errors name the option and the fix; nothing is written", async () => {
    const out = join(dir, "bad.npy");
    await expect(stimuliCommand.run(["--source", "textures:8", "--out", out])).rejects.toThrow(/give exactly one of --angles .* and --size/);
    await expect(stimuliCommand.run(["--source", "textures:8", "--angles", "1,x", "--out", out])).rejects.toThrow(/--angles must be numbers separated by commas or an .npy file, got "x"/);
    await expect(stimuliCommand.run(["--source", "textures:8", "--angles", "1", "--distribution.kappa", "2", "--out", out])).rejects.toThrow(/--distribution.kappa needs --size/);
    await expect(stimuliCommand.run(["--source", "textures:8", "--size", "2", "--distribution.kind", "vonmises", "--out", out])).rejects.toThrow(/kind vonmises needs 'kappa'/);
    await expect(stimuliCommand.run(["--source", "textures:8", "--split", "dev", "--angles", "1", "--out", out])).rejects.toThrow(/--split must be one of train, val, test, all, got "dev"/);
    await expect(stimuliCommand.run(["--source", "npy:/nonexistent/x.npy", "--angles", "1", "--out", out])).rejects.toThrow(/\/nonexistent\/x.npy: file not found/);
    await expect(stimuliCommand.run(["--source", "textures:8", "--angles", "1", "--out", join(dir, "x.bin")])).rejects.toThrow(/--out must end in .npy/);
    expect(existsSync(out)).toBe(false);
  });
});
