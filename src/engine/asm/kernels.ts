// Entry point of the AssemblyScript kernels (compiled by scripts/build-asm.mjs). The contract the
// TypeScript side sees is `Kernels` in src/engine/kernels.ts; src/engine/wasmKernels.ts adapts
// these raw exports (byte offsets into the shared memory) to it.
export { gemmAxpy, gemmDot, gemmScratchBytes } from "./gemm";
export { activationForward, activationBackward } from "./activation";
export { biasAdd, columnSums, sumSquares, scale } from "./elementwise";
export { adamStep } from "./adam";
export { im2col, col2im, maxPool, maxPoolDerivative, avgPool, avgPoolBackward, columnScale, columnDots, addColumns } from "./conv";

/** First byte the host may allocate: everything below holds the module's static data. */
export function heapBase(): usize {
  return __heap_base;
}
