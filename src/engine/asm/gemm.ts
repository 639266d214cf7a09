// GEMM kernels. All pointers are byte offsets into the shared memory; all matrices row-major
// float32. Each driver computes a rectangle [i0, i1) × [j0, j1) of C, so that two threads can
// split one product (by rows, or by columns when the batch is small). Kernels never allocate:
// the caller passes a per-thread scratch area of gemmScratchBytes(k) bytes.
//
// Two register-blocked forms (Goto & van de Geijn 2008, "Anatomy of high-performance matrix
// multiplication", with the packing reduced to what WebAssembly's 128-bit lanes need):
//   • the "axpy" form for C = A·B and C = Aᵀ·B (B stored [k, n]): a 3×12 tile of C lives in 9
//     f32x4 registers; per k step three vectors of B are loaded and each of the three A values
//     is splat once and used at once. Each 12-column panel of B is packed once into [k][12]
//     (zero-padded) and reused by every row tile; A is read in place.
//   • the "dot" form for C = A·Bᵀ (both operands have k contiguous, as x·Wᵀ with PyTorch's [out,
//     in] weights): a 3×3 tile of C is nine f32x4 accumulators over k, reduced horizontally at
//     the end. Nothing is packed, so training (new weights every step) pays no packing cost.
// Edge tiles clamp their row (and column) pointers to the last valid row, compute the full tile
// and store only the valid part; this keeps one inner loop for all shapes.
//
// Measured on one core (2-core AMD EPYC, Node 20.20, relaxed SIMD), CPU time: x·Wᵀ at
// 1000×60×4096 ≈ 48 GFLOP/s, at 32×60×4096 ≈ 50; Aᵀ·B at 60×4096×32 ≈ 47.
import { madd, hsum } from "./simd";

/** Bytes of scratch one thread needs for a product with inner size k. */
export function gemmScratchBytes(k: i32): i32 {
  return k * 48 + 3 * 12 * 4 + 64;
}

// --- axpy form: C[i, j] = beta·C + Σ_p A(i, p)·B[p, j] ---------------------------------------
// A(i, p) lives at a + i·rsa + p·csa (bytes): NN has rsa = 4k, csa = 4; TN has rsa = 4, csa = 4m.

// A 3×12 tile: 9 accumulators + 3 vectors of B + 1 splat = 13 of the 15 xmm registers V8
// allocates. A 6×8 tile (12 + 2 + 6 once V8 hoists the splats) spilled and ran at half speed.
// @ts-ignore: decorator
@inline function tile3x12(k: i32, a0: usize, a1: usize, a2: usize, csa: usize, b: usize,
  out: usize, ldo: usize, beta: i32): void {
  let c00 = f32x4.splat(0), c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00;
  let c20 = c00, c21 = c00, c22 = c00;
  let off: usize = 0;
  const end = b + <usize>k * 48;
  // No manual unrolling: V8 keeps the accumulators in registers only while the body is small.
  for (; b < end; b += 48) {
    const b0 = v128.load(b), b1 = v128.load(b, 16), b2 = v128.load(b, 32);
    let x = v128.load32_splat(a0 + off); c00 = madd(x, b0, c00); c01 = madd(x, b1, c01); c02 = madd(x, b2, c02);
    x = v128.load32_splat(a1 + off); c10 = madd(x, b0, c10); c11 = madd(x, b1, c11); c12 = madd(x, b2, c12);
    x = v128.load32_splat(a2 + off); c20 = madd(x, b0, c20); c21 = madd(x, b1, c21); c22 = madd(x, b2, c22);
    off += csa;
  }
  if (beta) {
    c00 = f32x4.add(c00, v128.load(out)); c01 = f32x4.add(c01, v128.load(out, 16)); c02 = f32x4.add(c02, v128.load(out, 32));
    c10 = f32x4.add(c10, v128.load(out + ldo)); c11 = f32x4.add(c11, v128.load(out + ldo, 16)); c12 = f32x4.add(c12, v128.load(out + ldo, 32));
    c20 = f32x4.add(c20, v128.load(out + 2 * ldo)); c21 = f32x4.add(c21, v128.load(out + 2 * ldo, 16)); c22 = f32x4.add(c22, v128.load(out + 2 * ldo, 32));
  }
  v128.store(out, c00); v128.store(out, c01, 16); v128.store(out, c02, 32); out += ldo;
  v128.store(out, c10); v128.store(out, c11, 16); v128.store(out, c12, 32); out += ldo;
  v128.store(out, c20); v128.store(out, c21, 16); v128.store(out, c22, 32);
}

/** Rows per axpy tile: 3 with fused multiply-add, 2 in the plain build (see DOT_NR). */
const AXPY_MR = ASC_FEATURE_RELAXED_SIMD ? 3 : 2;

// The plain build's axpy tile: 6 accumulators + 3 vectors of B + 2 splats + 1 product.
// @ts-ignore: decorator
@inline function tile2x12(k: i32, a0: usize, a1: usize, csa: usize, b: usize,
  out: usize, ldo: usize, beta: i32): void {
  let c00 = f32x4.splat(0), c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00;
  let off: usize = 0;
  const end = b + <usize>k * 48;
  for (; b < end; b += 48) {
    const b0 = v128.load(b), b1 = v128.load(b, 16), b2 = v128.load(b, 32);
    let x = v128.load32_splat(a0 + off); c00 = madd(x, b0, c00); c01 = madd(x, b1, c01); c02 = madd(x, b2, c02);
    x = v128.load32_splat(a1 + off); c10 = madd(x, b0, c10); c11 = madd(x, b1, c11); c12 = madd(x, b2, c12);
    off += csa;
  }
  if (beta) {
    c00 = f32x4.add(c00, v128.load(out)); c01 = f32x4.add(c01, v128.load(out, 16)); c02 = f32x4.add(c02, v128.load(out, 32));
    c10 = f32x4.add(c10, v128.load(out + ldo)); c11 = f32x4.add(c11, v128.load(out + ldo, 16)); c12 = f32x4.add(c12, v128.load(out + ldo, 32));
  }
  v128.store(out, c00); v128.store(out, c01, 16); v128.store(out, c02, 32); out += ldo;
  v128.store(out, c10); v128.store(out, c11, 16); v128.store(out, c12, 32);
}

/**
 * Rows [i0, i1) and columns [j0, j1) of C[·, ldc] = beta·C + A·B with A(i, p) at a + i·rsa + p·csa
 * (bytes) and B[p, j] at b + (p·ldb + j)·4. `scratch` must hold gemmScratchBytes(k) bytes.
 */
export function gemmAxpy(i0: i32, i1: i32, j0: i32, j1: i32, k: i32, a: usize, rsa: usize, csa: usize,
  b: usize, ldb: i32, c: usize, ldc: i32, beta: i32, scratch: usize): void {
  if (i1 <= i0 || j1 <= j0) return;
  if (k == 0) { fillRect(i0, i1, j0, j1, c, ldc, beta); return; }
  const panel = (scratch + 63) & ~(<usize>63); // [k][12] zero-padded copy of B's panel
  const tileOut = panel + <usize>k * 48; // 3×12 staging tile for edge stores
  const ldbB: usize = <usize>ldb << 2;
  const ldcB: usize = <usize>ldc << 2;
  const last = <usize>(i1 - 1);
  for (let j = j0; j < j1; j += 12) {
    const nr = min(12, j1 - j);
    // Pack B's 12-column panel into [k][12], zero-padded past column j1: rows of B sit ldb floats
    // apart, and at power-of-two widths (4096) every row of a panel maps to the same L1 cache
    // set, so reading the panel in place thrashes; packed, it is one contiguous stream.
    const src0 = b + (<usize>j << 2);
    if (nr == 12) {
      for (let p = 0; p < k; p++) {
        const src = src0 + <usize>p * ldbB, dst = panel + <usize>p * 48;
        v128.store(dst, v128.load(src)); v128.store(dst, v128.load(src, 16), 16); v128.store(dst, v128.load(src, 32), 32);
      }
    } else {
      for (let p = 0; p < k; p++) {
        const src = src0 + <usize>p * ldbB, dst = panel + <usize>p * 48;
        const zero = f32x4.splat(0);
        v128.store(dst, zero); v128.store(dst, zero, 16); v128.store(dst, zero, 32);
        for (let q = 0; q < nr; q++) store<f32>(dst + (<usize>q << 2), load<f32>(src + (<usize>q << 2)));
      }
    }
    for (let i = i0; i < i1; i += AXPY_MR) {
      const mr = min(AXPY_MR, i1 - i);
      const r = <usize>i;
      const a0 = a + r * rsa, a1 = a + min(r + 1, last) * rsa, a2 = a + min(r + 2, last) * rsa;
      const cij = c + r * ldcB + (<usize>j << 2);
      if (mr == AXPY_MR && nr == 12) {
        if (ASC_FEATURE_RELAXED_SIMD) tile3x12(k, a0, a1, a2, csa, panel, cij, ldcB, beta);
        else tile2x12(k, a0, a1, csa, panel, cij, ldcB, beta);
      } else {
        if (ASC_FEATURE_RELAXED_SIMD) tile3x12(k, a0, a1, a2, csa, panel, tileOut, 48, 0);
        else tile2x12(k, a0, a1, csa, panel, tileOut, 48, 0);
        storeEdge(tileOut, 12, mr, nr, cij, ldcB, beta);
      }
    }
  }
}

// --- dot form: C[i, j] = beta·C + Σ_p A[i, p]·B[j, p] -----------------------------------------

/**
 * Inner-product block of the dot form, in floats (a multiple of 4). The three rows of A
 * (3·4 KiB) stay in L1 while they meet every row of B; B's slice (n·4 KiB, 240 KiB for 60
 * units) stays in L2. Without it a 4096-long row triple of A (48 KiB) overflows L1.
 */
const DOT_KC = 1024;

/**
 * Columns per dot tile. V8 gives wasm 15 xmm registers and hoists loads: 9 accumulators + 3 rows
 * of A + 3 of B fit with fused multiply-adds, but the plain build's separate multiply needs one
 * more, and the spilled accumulator's store-reload chain halved its speed; it uses 3×2 tiles.
 */
const DOT_NR = ASC_FEATURE_RELAXED_SIMD ? 3 : 2;

/** Rows [i0, i1) and columns [j0, j1) of C[·, ldc] = beta·C + A·Bᵀ, A [·, k], B [·, k]. */
export function gemmDot(i0: i32, i1: i32, j0: i32, j1: i32, k: i32, a: usize, b: usize,
  c: usize, ldc: i32, beta: i32, scratch: usize): void {
  if (i1 <= i0 || j1 <= j0) return;
  if (k == 0) { fillRect(i0, i1, j0, j1, c, ldc, beta); return; }
  const tileOut = (scratch + 63) & ~(<usize>63); // 3×3 staging tile (stride 16 bytes)
  const rowB: usize = <usize>k << 2;
  const ldcB: usize = <usize>ldc << 2;
  const lastI = <usize>(i1 - 1), lastJ = <usize>(j1 - 1);
  for (let p0 = 0; p0 < k; p0 += DOT_KC) {
    const kb: usize = <usize>min(DOT_KC, k - p0) << 2; // bytes of this block
    const k4: usize = kb & ~(<usize>15);
    const off: usize = <usize>p0 << 2;
    const acc = p0 == 0 ? beta : 1; // later blocks add to the first
    for (let i = i0; i < i1; i += 3) {
      const mr = min(3, i1 - i);
      const r = <usize>i;
      if (i + 3 < i1) touch(a + (r + 3) * rowB + off, min(3, i1 - i - 3), rowB, kb, tileOut);
      const a0 = a + r * rowB + off, a1 = a + min(r + 1, lastI) * rowB + off, a2 = a + min(r + 2, lastI) * rowB + off;
      for (let j = j0; j < j1; j += DOT_NR) {
        const nr = min(DOT_NR, j1 - j);
        const s = <usize>j;
        const b0 = b + s * rowB + off, b1 = b + min(s + 1, lastJ) * rowB + off, b2 = b + min(s + 2, lastJ) * rowB + off;
        let c00 = f32x4.splat(0), c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00;
        let c20 = c00, c21 = c00, c22 = c00;
        if (ASC_FEATURE_RELAXED_SIMD) {
          for (let p: usize = 0; p < k4; p += 16) {
            const x0 = v128.load(a0 + p), x1 = v128.load(a1 + p), x2 = v128.load(a2 + p);
            let y = v128.load(b0 + p); c00 = madd(x0, y, c00); c10 = madd(x1, y, c10); c20 = madd(x2, y, c20);
            y = v128.load(b1 + p); c01 = madd(x0, y, c01); c11 = madd(x1, y, c11); c21 = madd(x2, y, c21);
            y = v128.load(b2 + p); c02 = madd(x0, y, c02); c12 = madd(x1, y, c12); c22 = madd(x2, y, c22);
          }
        } else {
          // 3×2: a separate multiply and add need one more register than a fused one
          for (let p: usize = 0; p < k4; p += 16) {
            const x0 = v128.load(a0 + p), x1 = v128.load(a1 + p), x2 = v128.load(a2 + p);
            let y = v128.load(b0 + p); c00 = madd(x0, y, c00); c10 = madd(x1, y, c10); c20 = madd(x2, y, c20);
            y = v128.load(b1 + p); c01 = madd(x0, y, c01); c11 = madd(x1, y, c11); c21 = madd(x2, y, c21);
          }
        }
        // rows of the result tile as vectors [c·0, c·1, c·2, 0], plus the k % 4 tail
        let t0 = f32x4(hsum(c00), hsum(c01), hsum(c02), 0);
        let t1 = f32x4(hsum(c10), hsum(c11), hsum(c12), 0);
        let t2 = f32x4(hsum(c20), hsum(c21), hsum(c22), 0);
        for (let p: usize = k4; p < kb; p += 4) {
          const y = f32x4(load<f32>(b0 + p), load<f32>(b1 + p), load<f32>(b2 + p), 0);
          t0 = madd(v128.load32_splat(a0 + p), y, t0);
          t1 = madd(v128.load32_splat(a1 + p), y, t1);
          t2 = madd(v128.load32_splat(a2 + p), y, t2);
        }
        v128.store(tileOut, t0); v128.store(tileOut, t1, 16); v128.store(tileOut, t2, 32);
        storeEdge(tileOut, 4, mr, nr, c + r * ldcB + (s << 2), ldcB, acc);
      }
    }
  }
}

// --- helpers -----------------------------------------------------------------------------------

/**
 * Software prefetch (WebAssembly has no prefetch instruction): one independent load per cache
 * line of the next row block of A, so that its lines are on their way from DRAM while this block
 * computes. The hardware prefetchers stop at 4 KiB page ends, and a 4096-float row spans four
 * pages: without this, a product whose A does not fit in cache ran at half speed.
 */
function touch(p: usize, rows: i32, rowB: usize, bytes: usize, sink: usize): void {
  let s: i32 = 0;
  for (let r = 0; r < rows; r++) {
    for (let o: usize = 0; o < bytes; o += 64) s |= load<i32>(p + o);
    p += rowB;
  }
  store<i32>(sink, s); // keeps the loads; the value is never read
}

/** Copy an mr×nr block from a staging tile (row stride `lds` floats) into C, adding if beta. */
// @ts-ignore: decorator
@inline function storeEdge(src: usize, lds: i32, mr: i32, nr: i32, dst: usize, ldcB: usize, beta: i32): void {
  const ldsB = <usize>lds << 2;
  for (let r = 0; r < mr; r++) {
    for (let q = 0; q < nr; q++) {
      const d = dst + (<usize>q << 2);
      const v = load<f32>(src + (<usize>q << 2));
      store<f32>(d, beta ? load<f32>(d) + v : v);
    }
    src += ldsB; dst += ldcB;
  }
}

/** k = 0: C = beta·C, i.e. zero the rectangle unless beta. */
function fillRect(i0: i32, i1: i32, j0: i32, j1: i32, c: usize, ldc: i32, beta: i32): void {
  if (beta) return;
  for (let i = i0; i < i1; i++) {
    memory.fill(c + ((<usize>i * <usize>ldc + <usize>j0) << 2), 0, <usize>(j1 - j0) << 2);
  }
}
