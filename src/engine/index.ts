// The compute engine: tensors, the seeded RNG, and the kernel contract with its implementations.
export { type Tensor, tensor, sizeOf } from "./tensor.js";
export { type Rng, createRng, permutation } from "./rng.js";
export { type Kernels, type ActivationKind, ACTIVATION_CODE } from "./kernels.js";
export { referenceKernels } from "./referenceKernels.js";
export { type WasmKernels, type BrowserKernelOptions, loadWasmKernels } from "./wasmKernels.js";
export { type NodeKernelOptions, type WasmVariant, createWasmKernels, defaultKernels } from "./nodeKernels.js";
