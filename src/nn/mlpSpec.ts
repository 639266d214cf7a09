/**
 * The architecture of an MLP, its defaults and its parameter rules (rules as data, one checker).
 */
import { ACTIVATION_NAMES, type Activation } from "./activation.js";
import { ENCODINGS, type Encoding } from "./encoding.js";
import { z } from "zod";
import { checkOptions, param } from "../rules/index.js";

export interface MlpSpec {
  /** Input width (flattened image: 64·64 = 4096 for the faces setting). */
  readonly inputSize: number;
  /** Widths of the hidden layers, in order; [] is a single linear layer. */
  readonly hidden: readonly number[];
  /** Output width: 2, the angle encodings' output. */
  readonly outputSize: number;
  readonly activation: Activation;
  /** Dropout probability after every hidden activation, train mode only. */
  readonly dropout: number;
  /** Angle encoding; "linear" adds the bounded output c·tanh(s·x). */
  readonly encoding: Encoding;
}

export const MLP_DEFAULTS: Omit<MlpSpec, "inputSize"> = {
  hidden: [60, 20], // the original work's small reference network 4096-60-20-2
  outputSize: 2, // every angle encoding is 2-d
  activation: "celu", // smooth, so Fisher information via the network derivative is well defined
  dropout: 0, // the original runs trained without dropout
  encoding: "circular", // rotated images are 2π-periodic
};

const positiveInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0;

const RULES = z.strictObject({
  inputSize: param({ rule: "must be a positive integer", test: positiveInt }),
  hidden: param({ rule: "must be an array of positive integers", test: (v) => Array.isArray(v) && v.every(positiveInt) }),
  outputSize: param({ rule: "must be 2 (the angle encodings are 2-d)", test: (v) => v === 2 }),
  activation: param({ rule: `must be one of ${ACTIVATION_NAMES.join(", ")}`, test: (v) => ACTIVATION_NAMES.includes(v as Activation) }),
  dropout: param({ rule: "must be a number in [0, 1)", test: (v) => typeof v === "number" && v >= 0 && v < 1 }),
  encoding: param({ rule: `must be one of ${ENCODINGS.join(", ")}`, test: (v) => ENCODINGS.includes(v as Encoding) }),
} satisfies Record<keyof MlpSpec, unknown>);

/** Fill defaults and check every field; unknown keys are errors. `fn` names the caller in messages. */
export function resolveMlpSpec(spec: Partial<MlpSpec> & { inputSize: number }, fn = "createMlp()"): MlpSpec {
  if (spec === null || typeof spec !== "object") throw new Error(`${fn}: spec must be an object, got ${JSON.stringify(spec)}`);
  const { inputSize, ...rest } = spec;
  const resolved = { inputSize, ...MLP_DEFAULTS, ...rest } as MlpSpec; // inputSize first in saved JSON
  checkOptions(fn, RULES, resolved, "spec.");
  return { ...resolved, hidden: [...resolved.hidden] };
}
