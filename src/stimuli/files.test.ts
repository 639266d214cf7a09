import { describe, expect, it, beforeAll, afterAll } from "vitest";
import { rmSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import jpeg from "jpeg-js";
import { encodeNpy, encodePng } from "../io/index.js";
import { npyBank } from "./npyBank.js";
import { idxBank } from "./idxBank.js";
import { folderBank } from "./folderBank.js";
import { resizeImage } from "./resize.js";
import { loadSource, parseSourceSpec } from "./source.js";
import { GRATING_DOMAIN, OBJECT_DOMAIN } from "./domain.js";
import { tempDir } from "../../test/tempDir.js";

let dir = "";
beforeAll(() => { dir = tempDir("stimuli"); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

/** NPY bytes with an arbitrary dtype (encodeNpy writes float32/float64 only). */
function npyBytes(descr: string, shape: number[], payload: Uint8Array): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(", ")}${shape.length === 1 ? "," : ""}), }`;
  header += " ".repeat(63 - ((10 + header.length) % 64)) + "\n";
  const out = new Uint8Array(10 + header.length + payload.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(payload, 10 + header.length);
  return out;
}

function idxBytes(dims: number[], payload: Uint8Array, type = 0x08): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + payload.length);
  out.set([0, 0, type, dims.length]);
  const view = new DataView(out.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(payload, 4 + 4 * dims.length);
  return out;
}

describe("npyBank", () => {
  it("reads uint8 (N, H, W) scaled to [0, 1] and float64 as is", () => {
    const p = join(dir, "u8.npy");
    writeFileSync(p, npyBytes("|u1", [2, 2, 3], Uint8Array.from([0, 51, 102, 153, 204, 255, 255, 0, 0, 0, 0, 0])));
    const bank = npyBank(p);
    expect([bank.count, bank.height, bank.width]).toEqual([2, 2, 3]);
    expect(bank.data[1]).toBeCloseTo(0.2, 6);
    expect(bank.data[5]).toBe(1);
    const q = join(dir, "f8.npy");
    writeFileSync(q, encodeNpy([1, 2, 2], Float64Array.from([0.25, 0.5, 0.75, 1])));
    expect(Array.from(npyBank(q).data)).toEqual([0.25, 0.5, 0.75, 1]);
  });

  it("reads int64 images (0..255) exactly like uint8 of the same data — regression: predict read them as 0..255 floats", () => {
    const values = [0, 51, 102, 255];
    const p = join(dir, "i8.npy"), q = join(dir, "u1.npy");
    const i8 = new Uint8Array(32);
    values.forEach((v, i) => new DataView(i8.buffer).setBigInt64(8 * i, BigInt(v), true));
    writeFileSync(p, npyBytes("<i8", [1, 2, 2], i8));
    writeFileSync(q, npyBytes("|u1", [1, 2, 2], Uint8Array.from(values)));
    expect(Array.from(npyBank(p).data)).toEqual(Array.from(npyBank(q).data)); // exact: the same division by 255
    expect(npyBank(p).data[3]).toBe(1);
  });

  it("refuses integer images outside 0..255 and NaN pixels at load, naming the path — regression: NaN surfaced as 'training diverged'", () => {
    const p = join(dir, "i4big.npy");
    const i4 = new Uint8Array(8);
    new DataView(i4.buffer).setInt32(4, 300, true);
    writeFileSync(p, npyBytes("<i4", [1, 1, 2], i4));
    expect(() => npyBank(p)).toThrow(`npy:${p}: integer (<i4) images must hold grey levels 0..255, found 300 at image 0 (flat index 1)`);
    const n = join(dir, "nan.npy");
    writeFileSync(n, encodeNpy([2, 1, 2], Float32Array.from([0, 0.5, NaN, 1])));
    expect(() => npyBank(n)).toThrow(`npy:${n}: pixel values must be finite, found NaN at image 1 (flat index 2)`);
  });

  it("names the path and the problem: wrong dtype, wrong rank, truncated data, bad magic", () => {
    const p = join(dir, "f2.npy");
    writeFileSync(p, npyBytes("<f2", [1, 1, 2], new Uint8Array(4)));
    expect(() => npyBank(p)).toThrow(`${p}: unsupported dtype '<f2'; save float32, float64 or an integer type`);
    const q = join(dir, "flat.npy");
    writeFileSync(q, encodeNpy([4], new Float32Array(4)));
    expect(() => npyBank(q)).toThrow(/must have shape \(N, H, W\), got \(4\)/);
    const r = join(dir, "short.npy");
    writeFileSync(r, encodeNpy([1, 2, 2], new Float32Array(4)).subarray(0, 80));
    expect(() => npyBank(r)).toThrow(new RegExp(`${r.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: truncated NPY data`));
    const s = join(dir, "junk.npy");
    writeFileSync(s, "hello");
    expect(() => npyBank(s)).toThrow(/junk.npy: not an NPY file/);
  });
});

describe("idxBank", () => {
  it("reads an MNIST-style uint8 (N, H, W) file, plain or gzipped, as values / 255", () => {
    const payload = Uint8Array.from({ length: 2 * 3 * 4 }, (_, i) => i * 10);
    const plain = join(dir, "imgs-idx3-ubyte"), gz = join(dir, "imgs-idx3-ubyte.gz");
    writeFileSync(plain, idxBytes([2, 3, 4], payload));
    writeFileSync(gz, gzipSync(idxBytes([2, 3, 4], payload)));
    for (const p of [plain, gz]) {
      const bank = idxBank(p);
      expect([bank.count, bank.height, bank.width]).toEqual([2, 3, 4]);
      expect(bank.data[23]).toBeCloseTo(230 / 255, 6);
    }
  });

  it("rejects bad magic, label files, unsupported types and truncated data with the path", () => {
    const p = join(dir, "bad");
    writeFileSync(p, Uint8Array.from([1, 2, 3, 4, 5]));
    expect(() => idxBank(p)).toThrow(`idx:${p}: not an IDX file (bad magic bytes)`);
    writeFileSync(p, idxBytes([5], new Uint8Array(5)));
    expect(() => idxBank(p)).toThrow(/must have 3 dimensions \(N, H, W\), got 1 \(is this a labels file\?\)/);
    writeFileSync(p, idxBytes([1, 1, 1], new Uint8Array(2), 0x0b));
    expect(() => idxBank(p)).toThrow(/IDX type 0xb is not supported/);
    writeFileSync(p, idxBytes([2, 3, 4], new Uint8Array(10)));
    expect(() => idxBank(p)).toThrow(`idx:${p}: truncated IDX data: (2, 3, 4) needs 24 bytes, file has 10`);
    writeFileSync(p, Uint8Array.from([0x1f, 0x8b, 1, 2, 3]));
    expect(() => idxBank(p)).toThrow(/corrupt gzip data/);
    expect(() => idxBank(join(dir, "missing"))).toThrow(/missing: file not found/);
  });
});

describe("folderBank", () => {
  it("reads PNG (grey and RGB) and JPEG in name order, grey = 0.299 R + 0.587 G + 0.114 B", () => {
    const f = join(dir, "pics");
    mkdirSync(f);
    writeFileSync(join(f, "b.png"), encodePng(2, 2, Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 255]), 3));
    writeFileSync(join(f, "a.png"), encodePng(2, 2, Uint8Array.from([0, 51, 102, 255]), 1));
    const rgba = new Uint8Array(2 * 2 * 4).fill(200);
    writeFileSync(join(f, "c.jpg"), jpeg.encode({ width: 2, height: 2, data: rgba }, 100).data);
    writeFileSync(join(f, "notes.txt"), "ignored");
    const bank = folderBank(f);
    expect([bank.count, bank.height, bank.width]).toEqual([3, 2, 2]);
    expect(Array.from(bank.data.subarray(0, 4)).map((v) => Math.round(v * 255))).toEqual([0, 51, 102, 255]); // a.png
    expect(bank.data[4]).toBeCloseTo(0.299, 3); // b.png red pixel
    expect(bank.data[5]).toBeCloseTo(0.587, 3); // green
    expect(bank.data[7]).toBeCloseTo(0.114, 3); // blue
    expect(Math.abs(bank.data[8] - 200 / 255)).toBeLessThan(3 / 255); // JPEG at quality 100: ±3 levels
  });

  it("mixed sizes are an error naming both files unless resize is given", () => {
    const f = join(dir, "mixed");
    mkdirSync(f);
    writeFileSync(join(f, "1.png"), encodePng(4, 4, new Uint8Array(16).fill(100)));
    writeFileSync(join(f, "2.png"), encodePng(2, 2, new Uint8Array(4).fill(100)));
    expect(() => folderBank(f)).toThrow(`folder:${f}: 2.png is 2×2 but 1.png is 4×4; pass a resize option (e.g. --resize 64) to bring every image to one size`);
    const bank = folderBank(f, [3, 3]);
    expect([bank.count, bank.height, bank.width]).toEqual([2, 3, 3]);
    expect(bank.data.every((v) => Math.abs(v - 100 / 255) < 1e-6)).toBe(true); // resampling keeps a constant
    expect(() => folderBank(join(dir, "nope"))).toThrow(/folder:.*nope: not a directory/);
  });
});

describe("resizeImage", () => {
  it("shrinks 4×4 → 2×2 by exact block means and enlarges 1×2 → 1×4 bilinearly (hand-computed)", () => {
    const src = Array.from({ length: 16 }, (_, i) => i);
    expect(Array.from(resizeImage(src, 4, 4, 2, 2))).toEqual([2.5, 4.5, 10.5, 12.5]);
    // output centres at 0.5·(o + ½) − ½ = −0.25, 0.25, 0.75, 1.25 → clamped to [0, 1]
    expect(Array.from(resizeImage([0, 1], 1, 2, 1, 4))).toEqual([0, 0.25, 0.75, 1]);
    expect(Array.from(resizeImage([1, 2, 3, 4], 2, 2, 2, 2))).toEqual([1, 2, 3, 4]);
  });
});

describe("parseSourceSpec / loadSource", () => {
  it("parses every source form", () => {
    expect(parseSourceSpec("textures")).toEqual({ kind: "textures", count: 400, seed: 0 });
    expect(parseSourceSpec("textures:10:3")).toEqual({ kind: "textures", count: 10, seed: 3 });
    expect(parseSourceSpec("gratings:frequency=3,shotProbability=0")).toMatchObject({ kind: "gratings", size: 64, frequency: 3, shotProbability: 0 });
    expect(parseSourceSpec("npy:a/b.npy")).toEqual({ kind: "npy", path: "a/b.npy" });
    expect(parseSourceSpec("folder:pics", { resize: [64, 64] })).toEqual({ kind: "folder", path: "pics", resize: [64, 64] });
  });

  it("errors name the problem and the accepted forms", () => {
    expect(() => parseSourceSpec("faces")).toThrow(/unknown source "faces"; sources are textures\[:N\[:SEED\]\], gratings/);
    expect(() => parseSourceSpec("textures:x")).toThrow(/textures count must be a non-negative integer, got "x"/);
    expect(() => parseSourceSpec("gratings:freq=3")).toThrow(/keys size, frequency, shotProbability, shotVariance; got "freq=3"/);
    expect(() => parseSourceSpec("gratings:shotProbability=2")).toThrow(/shotProbability must be in \[0, 1\], got 2/);
    expect(() => parseSourceSpec("npy:")).toThrow(/npy: needs a path/);
    expect(() => loadSource(`npy:${join(dir, "absent.npy")}`)).toThrow(/absent.npy: file not found/);
  });

  it("gratings live on the π domain with one identity; banks on the 2π domain; npy banks can be resized", () => {
    const g = loadSource("gratings");
    expect([g.domain, g.identities, g.height]).toEqual([GRATING_DOMAIN, 1, 64]);
    const t = loadSource("textures:5");
    expect([t.domain, t.identities, t.height, t.name]).toEqual([OBJECT_DOMAIN, 5, 64, "textures:5:0"]);
    const p = join(dir, "big.npy");
    writeFileSync(p, encodeNpy([2, 8, 8], new Float32Array(128).fill(0.5)));
    expect(loadSource(`npy:${p}`, { resize: [4, 4] }).height).toBe(4);
  });
});
