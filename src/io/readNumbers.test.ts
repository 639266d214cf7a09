import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeNpy } from "./npy.js";
import { readNumbers } from "./readNumbers.js";
import { tempDir } from "../../test/tempDir.js";

const dir = tempDir("numbers");

describe("readNumbers()", () => {
  it("reads a 1-d .npy array, a plain list and the last column of a CSV with a header", () => {
    writeFileSync(join(dir, "a.npy"), encodeNpy([3], Float64Array.from([0.5, 1.5, 2.5])));
    writeFileSync(join(dir, "b.txt"), "1\n2.5\n\n3e-1\n");
    writeFileSync(join(dir, "c.csv"), "theta,density\n0,0.1\n1,0.2\n");
    expect(readNumbers(join(dir, "a.npy"), "x")).toEqual([0.5, 1.5, 2.5]);
    expect(readNumbers(join(dir, "b.txt"), "x")).toEqual([1, 2.5, 0.3]);
    expect(readNumbers(join(dir, "c.csv"), "x")).toEqual([0.1, 0.2]);
  });
  it("names the value, the file and the line on bad input", () => {
    writeFileSync(join(dir, "bad.txt"), "1\nabc\n");
    expect(() => readNumbers(join(dir, "bad.txt"), "data.distribution.grid")).toThrow(/data.distribution.grid: .*bad.txt line 2 is not a number/);
    expect(() => readNumbers(join(dir, "missing.npy"), "g")).toThrow(/g: file .*missing.npy not found/);
    writeFileSync(join(dir, "m.npy"), encodeNpy([2, 2], new Float32Array(4)));
    expect(() => readNumbers(join(dir, "m.npy"), "g")).toThrow(/must be a 1-d array/);
  });
});
