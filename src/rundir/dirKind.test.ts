import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/tempDir.js";
import { dirKind, owningDirectory } from "./dirKind.js";

/** A folder holding empty files with these names. */
function folder(...files: string[]): string {
  const dir = tempDir("dirkind");
  for (const f of files) { mkdirSync(join(dir, f, ".."), { recursive: true }); writeFileSync(join(dir, f), ""); }
  return dir;
}

describe("dirKind()", () => {
  it("names a sweep, an adaptation and a run by the files their writers leave", () => {
    expect(dirKind(folder("sweep.json"))).toBe("sweep");
    expect(dirKind(folder("results.duckdb"))).toBe("sweep");
    expect(dirKind(folder("adapt.yaml"))).toBe("adapt");
    expect(dirKind(folder("iterations.csv", "status.json"))).toBe("adapt");
    expect(dirKind(folder("status.json"))).toBe("run");
    expect(dirKind(folder("config.yaml", "metrics.csv"))).toBe("run");
  });

  it("does not take a folder holding only someone's config.yaml, a file or a missing path for an output directory", () => {
    const dir = folder("config.yaml");
    expect(dirKind(dir)).toBeNull();
    expect(dirKind(join(dir, "config.yaml"))).toBeNull();
    expect(dirKind(join(dir, "missing"))).toBeNull();
  });
});

describe("owningDirectory()", () => {
  it("finds the directory whose writer owns a path, and what the file is", () => {
    const run = folder("status.json", "model.safetensors");
    expect(owningDirectory(join(run, "model.safetensors"))).toEqual([run, "run", "model.safetensors"]);
    expect(owningDirectory(join(run, "fisher_derivative_output.csv"))).toEqual([run, "run", "a Fisher curve"]);
    const sweep = folder("sweep.json");
    expect(owningDirectory(join(sweep, "runs", "a", "x.npy"))).toEqual([sweep, "sweep", "its run directories"]);
    const adapt = folder("adapt.yaml");
    expect(owningDirectory(join(adapt, "iter_3", "rep_0", "model.safetensors"))).toEqual([adapt, "adapt", "its replicate runs"]);
  });

  it("leaves files a writer does not own alone", () => {
    const run = folder("status.json");
    expect(owningDirectory(join(run, "notes.txt"))).toBeNull();
    expect(owningDirectory(join(folder(), "model.safetensors"))).toBeNull();
  });
});
