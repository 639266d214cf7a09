// Networks: MLPs with forward/backward/VJP/JVP, angle encodings, losses, Adam, checkpoints.
export { type Activation, type KernelActivation, ACTIVATIONS, ACTIVATION_NAMES, LEAKY_SLOPE, CELU_ALPHA, BOUNDED_C, BOUNDED_S } from "./activation.js";
export { type Encoding, ENCODINGS, encodeAngles, decodeAngles } from "./encoding.js";
export { type MlpSpec, MLP_DEFAULTS, resolveMlpSpec } from "./mlpSpec.js";
export { Dense } from "./dense.js";
export { Mlp, createMlp, type ForwardOptions, type BackwardOptions, type CreateMlpOptions } from "./mlp.js";
export { type Parameter } from "./parameter.js";
export * from "./losses/index.js";
export { Adam, ADAM_DEFAULTS, resolveAdamOptions, type AdamOptions, type AdamState, type AdamParamState } from "./adam.js";
export { clipGradNorm, CLIP_EPS } from "./clipGradNorm.js";
export { encodeSafetensors, decodeSafetensors, type NamedTensor, type Safetensors } from "./safetensors.js";
export { MLP_FORMAT, encodeMlp, decodeMlp } from "./mlpCheckpoint.js";
export { ADAM_FORMAT, encodeAdamState, decodeAdamState } from "./adamCheckpoint.js";
export { writeSafetensors, readSafetensors, saveMlp, loadMlp, saveAdam, loadAdam } from "./checkpointFiles.js";
