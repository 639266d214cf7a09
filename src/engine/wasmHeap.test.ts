import { describe, expect, it } from "vitest";
import { WasmHeap } from "./wasmHeap.js";

const PAGE = 65536;

describe("WasmHeap", () => {
  it("alloc() returns 64-byte aligned, non-overlapping blocks above the base", () => {
    const heap = new WasmHeap(new WebAssembly.Memory({ initial: 4 }), 1000, false);
    const blocks = [1, 7, 64, 65, 5000, 3].map((bytes) => ({ bytes, at: heap.alloc(bytes) }));
    for (const b of blocks) {
      expect(b.at % 64).toBe(0);
      expect(b.at).toBeGreaterThanOrEqual(1000);
    }
    const sorted = [...blocks].sort((x, y) => x.at - y.at);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i].at).toBeGreaterThanOrEqual(sorted[i - 1].at + sorted[i - 1].bytes);
  });

  it("free() merges neighbours, so freeing everything restores one block that fits the whole heap", () => {
    const memory = new WebAssembly.Memory({ initial: 4 });
    const heap = new WasmHeap(memory, 0, false);
    const ptrs = Array.from({ length: 20 }, (_, i) => heap.alloc(100 * (i + 1)));
    for (const i of [3, 1, 2, 19, 0, 10, 4, 5, 6, 7, 8, 9, 18, 11, 12, 13, 14, 15, 16, 17]) heap.free(ptrs[i]);
    expect(heap.liveBytes).toBe(0);
    expect(heap.alloc(4 * PAGE - 1024)).toBe(0); // fits only if all blocks merged back into one
  });

  it("a growable memory grows to fit, and earlier blocks keep their addresses", () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 100, shared: true });
    const heap = new WasmHeap(memory, 0, true);
    const first = heap.alloc(1000);
    const big = heap.alloc(10 * PAGE);
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(11 * PAGE);
    expect(big).toBeGreaterThan(first);
    heap.free(first);
    expect(heap.alloc(1000)).toBe(first); // first fit reuses the hole
  });

  it("a fixed memory reports out of memory with the size asked for and the fix", () => {
    const heap = new WasmHeap(new WebAssembly.Memory({ initial: 16, maximum: 16 }), 0, false);
    expect(() => heap.alloc(2 ** 21)).toThrow("wasm kernels: out of memory allocating 2 MiB of 1 MiB; create the kernels with a larger memoryMiB");
  });

  it("free() of an unknown or already freed address is an error", () => {
    const heap = new WasmHeap(new WebAssembly.Memory({ initial: 1 }), 0, false);
    const p = heap.alloc(10);
    heap.free(p);
    expect(() => heap.free(p)).toThrow(/not a live block/);
    expect(() => heap.free(12345)).toThrow(/not a live block/);
  });
});
