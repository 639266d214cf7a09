import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { packRun, readBundle, unpackRun } from "./runBundle.js";

const root = mkdtempSync(join(tmpdir(), "fisherlab-bundle-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let made = 0;

function sampleRun(): string {
  const dir = join(root, `run-${made++}`);
  mkdirSync(join(dir, "iter_0", "rep_1"), { recursive: true });
  writeFileSync(join(dir, "status.json"), '{"status":"finished"}');
  writeFileSync(join(dir, "empty.txt"), "");
  writeFileSync(join(dir, "iter_0", "rep_1", "model.bin"), Buffer.from([0, 1, 2, 255]));
  return dir;
}

describe("packRun() / unpackRun()", () => {
  it("round-trips every file, nested folders and empty files included, byte for byte", () => {
    const dir = sampleRun();
    const dest = join(root, "copy");
    const entries = unpackRun(packRun(dir), dest);
    expect(entries.map((e) => [e.path, e.size])).toEqual([["empty.txt", 0], ["iter_0/rep_1/model.bin", 4], ["status.json", 21]]);
    expect([...readFileSync(join(dest, "iter_0", "rep_1", "model.bin"))]).toEqual([0, 1, 2, 255]);
    expect(readFileSync(join(dest, "status.json"), "utf8")).toBe('{"status":"finished"}');
  });

  it("refuses a damaged bundle (one flipped byte, a truncated tail) and writes nothing", () => {
    const bundle = packRun(sampleRun());
    const flipped = Buffer.from(bundle);
    flipped[flipped.length - 1] ^= 1;
    expect(() => unpackRun(flipped, join(root, "flipped"))).toThrow(/status\.json does not match its SHA-256/);
    expect(existsSync(join(root, "flipped"))).toBe(false);
    expect(() => unpackRun(bundle.subarray(0, bundle.length - 1), join(root, "short"))).toThrow(/the manifest lists 25 bytes but 24 arrived/);
    expect(() => readBundle(Buffer.from("hello"))).toThrow(/does not start with the fisherlab bundle header/);
  });

  it("refuses paths that would escape the destination", () => {
    for (const path of ["../evil", "/etc/passwd", "a//b", "a/./b"]) {
      const forged = Buffer.from(`fisherlab-run-bundle 1\n${JSON.stringify({ files: [{ path, size: 0, sha256: "" }] })}\n`);
      expect(() => readBundle(forged), path).toThrow(/unsafe path/);
    }
  });

  it("refuses to unpack over an existing directory", () => {
    const dir = sampleRun();
    expect(() => unpackRun(packRun(dir), dir)).toThrow(/already exists; unpack into a new directory/);
  });
});
