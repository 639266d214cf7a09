/**
 * A first-fit allocator over a WebAssembly memory, run from TypeScript so that the kernels
 * themselves never allocate (their stub runtime cannot free, and a second thread instantiating
 * the same module must not share an allocator with the first).
 *
 * Blocks are 64-byte aligned (a cache line, so that two threads never write one line). Free
 * blocks are kept sorted by address and merged with their neighbours on free. When nothing fits,
 * a growable memory grows by at least a quarter of its size; a shared memory never moves, so
 * views handed out earlier stay valid.
 */
const ALIGN = 64;
const PAGE = 65536;

export class WasmHeap {
  private readonly starts: number[] = []; // free blocks, sorted by start
  private readonly sizes: number[] = [];
  private readonly used = new Map<number, number>(); // start -> size of live blocks
  private end: number;

  constructor(private readonly memory: WebAssembly.Memory, base: number, private readonly growable: boolean) {
    const start = roundUp(base, ALIGN);
    this.end = memory.buffer.byteLength;
    if (this.end > start) { this.starts.push(start); this.sizes.push(this.end - start); }
  }

  /** Address of a fresh block of at least `bytes` bytes (0-byte requests get a 64-byte block). */
  alloc(bytes: number): number {
    const size = roundUp(Math.max(bytes, 1), ALIGN) + (bytes >= 4096 ? this.colour() : 0);
    let i = this.sizes.findIndex((s) => s >= size);
    if (i < 0) { this.grow(size); i = this.sizes.findIndex((s) => s >= size); }
    const start = this.starts[i];
    if (this.sizes[i] === size) { this.starts.splice(i, 1); this.sizes.splice(i, 1); }
    else { this.starts[i] += size; this.sizes[i] -= size; }
    this.used.set(start, size);
    return start;
  }

  /** Return a block; `ptr` must come from `alloc` and not have been freed. */
  free(ptr: number): void {
    const size = this.used.get(ptr);
    if (size === undefined) throw new Error(`WasmHeap.free(): address ${ptr} is not a live block from alloc(); free each block once`);
    this.used.delete(ptr);
    this.insertFree(ptr, size);
  }

  /** Bytes in live blocks (for tests and leak checks). */
  get liveBytes(): number {
    let s = 0;
    for (const size of this.used.values()) s += size;
    return s;
  }

  /**
   * Cache colouring: large blocks get a few spare cache lines so that consecutive matrices do
   * not all start at the same offset modulo 4 KiB. Rows of [·, 4096] matrices are 16 KiB apart;
   * without this, the rows of A and of B that a GEMM tile reads together all fell into one L1
   * set and a 1000×4096·4096×60 product ran at two thirds of its speed.
   */
  private colour(): number {
    this.colourCounter = (this.colourCounter + 5) % 16;
    return this.colourCounter * ALIGN;
  }
  private colourCounter = 0;

  private insertFree(start: number, size: number): void {
    let i = 0;
    while (i < this.starts.length && this.starts[i] < start) i++;
    this.starts.splice(i, 0, start); this.sizes.splice(i, 0, size);
    // merge with the next block, then with the previous one
    if (i + 1 < this.starts.length && this.starts[i] + this.sizes[i] === this.starts[i + 1]) {
      this.sizes[i] += this.sizes[i + 1]; this.starts.splice(i + 1, 1); this.sizes.splice(i + 1, 1);
    }
    if (i > 0 && this.starts[i - 1] + this.sizes[i - 1] === this.starts[i]) {
      this.sizes[i - 1] += this.sizes[i]; this.starts.splice(i, 1); this.sizes.splice(i, 1);
    }
  }

  private grow(size: number): void {
    const mib = (b: number) => String(Number((b / 2 ** 20).toPrecision(3)));
    if (!this.growable) {
      throw new Error(`wasm kernels: out of memory allocating ${mib(size)} MiB of ${mib(this.end)} MiB; ` +
        "create the kernels with a larger memoryMiB");
    }
    const want = Math.max(size, Math.ceil(this.end / 4));
    const pages = Math.ceil(want / PAGE);
    try {
      this.memory.grow(pages);
    } catch {
      throw new Error(`wasm kernels: out of memory: cannot grow past ${mib(this.end)} MiB to allocate ${mib(size)} MiB ` +
        "(wasm32 allows 4096 MiB); free unused arrays or process the data in chunks");
    }
    const oldEnd = this.end;
    this.end = this.memory.buffer.byteLength;
    this.insertFree(oldEnd, this.end - oldEnd);
  }
}

function roundUp(x: number, a: number): number {
  return Math.ceil(x / a) * a;
}
