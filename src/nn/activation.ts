/**
 * Hidden-layer activations and the bounded output non-linearity, mapped onto the engine's
 * activation kernels (`ACTIVATION_CODE` with its two parameters p1, p2).
 */
import { ACTIVATION_CODE } from "../engine/index.js";

/** Hidden-layer activation names: the one list, imported by the config schema. */
export const ACTIVATION_NAMES = ["relu", "leaky_relu", "celu", "elu", "tanh"] as const;
export type Activation = (typeof ACTIVATION_NAMES)[number];

/** A kernel activation: code plus its parameters p1, p2. */
export interface KernelActivation {
  readonly code: number;
  readonly p1: number;
  readonly p2: number;
}

/** Negative slope of leaky_relu: PyTorch's nn.LeakyReLU default. */
export const LEAKY_SLOPE = 0.01;
/** α of celu/elu: PyTorch's default; with α = 1 CELU and ELU are the same function. */
export const CELU_ALPHA = 1;
/** Linear encoding's output bound c·tanh(s·x): c = π/2 + 0.1 leaves room just past ±π/2 (docs/science.md). */
export const BOUNDED_C = Math.PI / 2 + 0.1;
/** Slope s of c·tanh(s·x): 0.5 keeps the output near-linear over the target range (docs/science.md). */
export const BOUNDED_S = 0.5;

export const ACTIVATIONS: Record<Activation, KernelActivation> = {
  relu: { code: ACTIVATION_CODE.relu, p1: 0, p2: 0 },
  leaky_relu: { code: ACTIVATION_CODE.leaky_relu, p1: LEAKY_SLOPE, p2: 0 },
  celu: { code: ACTIVATION_CODE.celu, p1: CELU_ALPHA, p2: 0 },
  elu: { code: ACTIVATION_CODE.celu, p1: CELU_ALPHA, p2: 0 }, // ELU(α=1) ≡ CELU(α=1)
  tanh: { code: ACTIVATION_CODE.tanh, p1: 0, p2: 0 },
};


/** The output layer's non-linearity: none, or c·tanh(s·x) for the linear encoding. */
export const IDENTITY_OUTPUT: KernelActivation = { code: ACTIVATION_CODE.identity, p1: 0, p2: 0 };
export const BOUNDED_OUTPUT: KernelActivation = { code: ACTIVATION_CODE.bounded_tanh, p1: BOUNDED_C, p2: BOUNDED_S };
