// The compute engine: row-major Float32Array arrays, the seeded RNG, and the kernel contract with its implementations.
export { sizeOf } from "./sizeOf.js";
export { type Rng, createRng, permutation } from "./rng.js";
export { type Kernels, type ActivationKind, ACTIVATION_CODE } from "./kernels.js";
export { referenceKernels } from "./referenceKernels.js";
export { type WasmKernels, type BrowserKernelOptions, loadWasmKernels } from "./wasmKernels.js";
export { type NodeKernelOptions, type WasmVariant, createWasmKernels, defaultKernels } from "./nodeKernels.js";
export { circularMask, rotateOneReference } from "./rotateReference.js";
export { type RotateExports, rotateArgs, rotateArgsBytes, rotateTrig } from "./wasmRotate.js";
