/**
 * A multilayer perceptron of any depth: Dense → activation (→ dropout) for every hidden layer,
 * then Dense → output non-linearity (identity, or c·tanh(s·x) for the linear encoding).
 *
 * Forward, backward (parameter gradients), the input vector-Jacobian product, and a forward-mode
 * Jacobian-vector product for any layer's activity. All loops over activations run through the
 * `Kernels` contract; activation buffers are allocated with `kernels.alloc` once and grown only when
 * a larger batch arrives, so training allocates nothing per batch.
 *
 * Returned arrays are views into internal buffers: they stay valid until the next call on this
 * network. Copy them (`.slice()`) to keep them.
 */
import type { Kernels, Rng } from "../engine/index.js";
import { ACTIVATIONS, BOUNDED_OUTPUT, IDENTITY_OUTPUT, type KernelActivation } from "./activation.js";
import { Dense } from "./dense.js";
import { resolveMlpSpec, type MlpSpec } from "./mlpSpec.js";
import type { Parameter } from "./parameter.js";

export interface ForwardOptions {
  /** Train mode applies dropout (needs `rng`); eval mode (default) does not. */
  readonly train?: boolean;
  /** Source of dropout masks in train mode. */
  readonly rng?: Rng;
}

export interface BackwardOptions {
  /** When given, receives d(loss)/d(input) [batch, inputSize]. */
  readonly inputGrad?: Float32Array;
}

export interface CreateMlpOptions {
  readonly kernels: Kernels;
  /** Seeds the PyTorch-default initialisation; layer i draws from `rng.fork("layers.i")`. */
  readonly rng: Rng;
}

export class Mlp {
  readonly spec: MlpSpec;
  readonly layers: readonly Dense[];
  private readonly acts: readonly KernelActivation[];
  private readonly params: readonly Parameter[];
  private cap = 0; // batch capacity of the buffers below
  private pre: Float32Array[] = []; // [cap, out_i]  z = x·Wᵀ + b
  private post: Float32Array[] = []; // [cap, out_i] f(z)
  private dropped: Float32Array[] = []; // [cap, out_i] f(z)·mask (hidden layers, dropout > 0)
  private masks: Float32Array[] = []; // [cap, out_i] 0 or 1/(1−p)
  private inGrad: Float32Array | null = null; // [cap, in] vjp result, allocated on first use
  private staging: Record<"x" | "v", Float32Array | null> = { x: null, v: null }; // [rows, in]
  private grads: Float32Array[] = []; // [cap, out_i] gradient / tangent scratch per layer
  // the most recent pass, which backward differentiates (fields, not an object: no per-batch garbage)
  private lastX: Float32Array | null = null;
  private lastBatch = 0;
  private lastTrain = false;
  private lastDepth = -1;

  /** A network with zero weights; use `createMlp` for an initialised one. `fn` names the caller in spec errors. */
  constructor(spec: Partial<MlpSpec> & { inputSize: number }, readonly kernels: Kernels, fn = "Mlp()") {
    this.spec = resolveMlpSpec(spec, fn);
    const sizes = [this.spec.inputSize, ...this.spec.hidden, this.spec.outputSize];
    const layers: Dense[] = [];
    const acts: KernelActivation[] = [];
    for (let i = 0; i + 1 < sizes.length; i++) {
      layers.push(new Dense(kernels, sizes[i], sizes[i + 1]));
      const isOutput = i + 2 === sizes.length;
      acts.push(isOutput ? (this.spec.encoding === "linear" ? BOUNDED_OUTPUT : IDENTITY_OUTPUT) : ACTIVATIONS[this.spec.activation]);
    }
    this.layers = layers;
    this.acts = acts;
    this.params = layers.flatMap((L, i) => [
      { name: `layers.${i}.weight`, shape: [L.outSize, L.inSize], data: L.weight, get grad() { return L.gradWeight; }, get frozen() { return L.frozen; } },
      { name: `layers.${i}.bias`, shape: [L.outSize], data: L.bias, get grad() { return L.gradBias; }, get frozen() { return L.frozen; } },
    ]);
  }

  get inputSize(): number { return this.spec.inputSize; }
  get outputSize(): number { return this.spec.outputSize; }
  get depth(): number { return this.layers.length; }

  /** PyTorch-default initialisation of every layer (see Dense.initialize). */
  initialize(rng: Rng): void {
    this.layers.forEach((layer, i) => layer.initialize(rng.fork(`layers.${i}`)));
  }

  /** Output [batch, outputSize] for x [batch, inputSize]. */
  forward(x: Float32Array, batch: number, options: ForwardOptions = {}): Float32Array {
    const train = options.train ?? false;
    this.checkInput("forward()", "x", x, batch);
    if (train && this.spec.dropout > 0 && !options.rng) {
      throw new Error(`Mlp.forward(): options.rng is required in train mode with dropout ${this.spec.dropout}; pass { train: true, rng }`);
    }
    return this.run(x, batch, this.depth - 1, train, options.rng);
  }

  /** Activity after layer `layer`'s activation (0-based; the last layer is the output), eval mode. */
  activity(x: Float32Array, batch: number, layer: number): Float32Array {
    this.checkInput("activity()", "x", x, batch);
    this.checkLayer("activity()", layer);
    return this.run(x, batch, layer, false, undefined);
  }

  /**
   * Accumulate parameter gradients for d(loss)/d(output) `gradOutput` [batch, outputSize] of the
   * most recent full pass — `forward`, or `jvp`/`vjp` to the output layer, which run in eval mode —
   * skipping frozen layers. Optionally writes the input gradient.
   */
  backward(gradOutput: Float32Array, options: BackwardOptions = {}): void {
    if (!this.lastX || this.lastDepth !== this.depth - 1) {
      throw new Error("Mlp.backward(): no forward pass to differentiate; call forward() on the batch first");
    }
    const batch = this.lastBatch, n = batch * this.outputSize;
    if (gradOutput.length < n) {
      throw new Error(`Mlp.backward(): gradOutput must hold batch·outputSize = ${n} values, got ${gradOutput.length}; pass the loss gradient of the last forward batch`);
    }
    if (options.inputGrad && options.inputGrad.length < batch * this.inputSize) {
      throw new Error(`Mlp.backward(): options.inputGrad must hold batch·inputSize = ${batch * this.inputSize} values, got ${options.inputGrad.length}`);
    }
    this.grads[this.depth - 1].set(gradOutput.subarray(0, n));
    this.backpropagate(this.depth - 1, true, options.inputGrad);
  }

  /**
   * Vector-Jacobian product uᵀ·∂(activity of `layer`)/∂x for every row, in eval mode; parameter
   * gradients are not touched. Returns a view [batch, inputSize] unless `out` is given.
   */
  vjp(x: Float32Array, u: Float32Array, batch: number, layer = this.depth - 1, out?: Float32Array): Float32Array {
    this.checkInput("vjp()", "x", x, batch);
    this.checkLayer("vjp()", layer);
    const n = batch * this.layers[layer].outSize;
    if (u.length < n) throw new Error(`Mlp.vjp(): u must hold batch·width(layer ${layer}) = ${n} values, got ${u.length}`);
    if (out && out.length < batch * this.inputSize) throw new Error(`Mlp.vjp(): out must hold batch·inputSize = ${batch * this.inputSize} values, got ${out.length}`);
    this.run(x, batch, layer, false, undefined);
    if (!out && (!this.inGrad || this.inGrad.length < batch * this.inputSize)) {
      if (this.inGrad) this.kernels.free(this.inGrad);
      this.inGrad = this.kernels.alloc(this.cap * this.inputSize);
    }
    const dx = out ?? this.inGrad!.subarray(0, batch * this.inputSize);
    this.grads[layer].set(u.subarray(0, n));
    this.backpropagate(layer, false, dx);
    return dx;
  }

  /**
   * Forward-mode Jacobian-vector product: y = activity of `layer` and dy = ∂y/∂x·v, row by row,
   * for x and tangents v, both [batch, inputSize]; eval mode. Returns views [batch, width].
   */
  jvp(x: Float32Array, v: Float32Array, batch: number, layer = this.depth - 1): { y: Float32Array; dy: Float32Array } {
    this.checkInput("jvp()", "x", x, batch);
    this.checkInput("jvp()", "v", v, batch);
    this.checkLayer("jvp()", layer);
    const y = this.run(x, batch, layer, false, undefined);
    const k = this.kernels;
    let tangentIn = v;
    for (let i = 0; i <= layer; i++) {
      const L = this.layers[i], a = this.acts[i], n = batch * L.outSize;
      const t = this.grads[i];
      L.tangent(tangentIn, batch, t);
      // dy = f'(z)·dz elementwise: the activation-backward kernel computes exactly that product
      k.activationBackward(a.code, n, this.pre[i], this.post[i], t, t, a.p1, a.p2);
      tangentIn = t;
    }
    return { y, dy: this.grads[layer].subarray(0, batch * this.layers[layer].outSize) };
  }

  /**
   * A [batch, inputSize] array in kernel memory for the caller to fill with a batch of inputs
   * (`which` = "x") or JVP tangents ("v"). Passing it to forward/jvp avoids copying the batch into
   * the wasm memory on every product; it is reused (and grown) across calls.
   */
  inputBuffer(batch: number, which: "x" | "v" = "x"): Float32Array {
    if (!Number.isInteger(batch) || batch < 1) throw new Error(`Mlp.inputBuffer(): batch must be a positive integer, got ${batch}`);
    const n = batch * this.inputSize;
    let buf = this.staging[which];
    if (!buf || buf.length < n) {
      if (buf) this.kernels.free(buf);
      buf = this.staging[which] = this.kernels.alloc(n);
    }
    return buf.subarray(0, n);
  }

  /** Zero every parameter gradient (call before each batch's backward). */
  zeroGrad(): void {
    for (const L of this.layers) L.zeroGrad();
  }

  /** Freeze the given layers (no gradient, no update); other layers keep their state. */
  freeze(layers: readonly number[]): void {
    for (const i of layers) { this.checkLayer("freeze()", i); this.layers[i].frozen = true; }
  }

  unfreeze(layers: readonly number[] = this.layers.map((_, i) => i)): void {
    for (const i of layers) { this.checkLayer("unfreeze()", i); this.layers[i].frozen = false; }
  }

  get frozenLayers(): number[] {
    return this.layers.flatMap((L, i) => (L.frozen ? [i] : []));
  }

  /**
   * Trainable tensors in PyTorch order and naming: layers.{i}.weight [out, in], layers.{i}.bias
   * [out]. The same array every call (built once), so a training loop may call it per batch.
   */
  parameters(): readonly Parameter[] {
    return this.params;
  }

  /** Release kernel memory (weights and buffers); the network is unusable afterwards. */
  dispose(): void {
    this.freeBuffers();
    for (const buf of [this.inGrad, this.staging.x, this.staging.v]) if (buf) this.kernels.free(buf);
    this.inGrad = null;
    this.staging = { x: null, v: null };
    for (const L of this.layers) L.dispose();
  }

  private run(x: Float32Array, batch: number, depth: number, train: boolean, rng: Rng | undefined): Float32Array {
    this.ensureCapacity(batch);
    const k = this.kernels;
    const p = this.spec.dropout;
    let input = x;
    for (let i = 0; i <= depth; i++) {
      const L = this.layers[i], a = this.acts[i], n = batch * L.outSize;
      L.forward(input, batch, this.pre[i]);
      k.activationForward(a.code, n, this.pre[i], this.post[i], a.p1, a.p2);
      input = this.post[i];
      if (train && p > 0 && i < this.depth - 1) {
        // inverted dropout (PyTorch nn.Dropout): keep with probability 1−p, scale kept by 1/(1−p)
        const mask = this.masks[i], out = this.dropped[i], post = this.post[i], keep = 1 / (1 - p);
        for (let j = 0; j < n; j++) { mask[j] = rng!.uniform() < p ? 0 : keep; out[j] = post[j] * mask[j]; }
        input = out;
      }
    }
    this.lastX = x; this.lastBatch = batch; this.lastTrain = train; this.lastDepth = depth;
    return this.post[depth].subarray(0, batch * this.layers[depth].outSize);
  }

  /** Backpropagate from grads[top] (d/d activity of layer `top`) down to the input. */
  private backpropagate(top: number, accumulate: boolean, inputGrad: Float32Array | undefined): void {
    const x = this.lastX!, batch = this.lastBatch, train = this.lastTrain;
    const k = this.kernels;
    const dropout = train && this.spec.dropout > 0;
    // the lowest layer that needs a parameter gradient; below it only the input gradient matters
    let lowest = -1;
    if (accumulate) for (let i = 0; i <= top; i++) if (!this.layers[i].frozen) { lowest = i; break; }
    const stop = inputGrad ? 0 : lowest;
    if (stop < 0) return;
    for (let i = top; i >= stop; i--) {
      const L = this.layers[i], a = this.acts[i], n = batch * L.outSize, g = this.grads[i];
      if (dropout && i < this.depth - 1) {
        const mask = this.masks[i];
        for (let j = 0; j < n; j++) g[j] *= mask[j];
      }
      k.activationBackward(a.code, n, this.pre[i], this.post[i], g, g, a.p1, a.p2); // g = dL/dz
      const input = i === 0 ? x : dropout ? this.dropped[i - 1] : this.post[i - 1];
      if (accumulate && !L.frozen) L.accumulateGrad(input, g, batch);
      if (i > stop) L.inputGrad(g, batch, this.grads[i - 1]);
      else if (i === 0 && inputGrad) L.inputGrad(g, batch, inputGrad);
    }
  }

  private ensureCapacity(batch: number): void {
    if (batch <= this.cap) return;
    this.freeBuffers();
    const k = this.kernels;
    for (const L of this.layers) {
      const n = batch * L.outSize;
      this.pre.push(k.alloc(n));
      this.post.push(k.alloc(n));
      this.grads.push(k.alloc(n));
      if (this.spec.dropout > 0) { this.dropped.push(k.alloc(n)); this.masks.push(new Float32Array(n)); }
    }
    this.cap = batch;
  }

  private freeBuffers(): void {
    for (const a of [...this.pre, ...this.post, ...this.grads, ...this.dropped]) this.kernels.free(a);
    this.pre = []; this.post = []; this.grads = []; this.dropped = []; this.masks = [];
    this.cap = 0;
    this.lastX = null;
    this.lastDepth = -1;
  }

  private checkInput(fn: string, name: string, x: Float32Array, batch: number): void {
    if (!Number.isInteger(batch) || batch < 1) throw new Error(`Mlp.${fn}: batch must be a positive integer, got ${batch}`);
    if (!(x instanceof Float32Array)) throw new Error(`Mlp.${fn}: ${name} must be a Float32Array, got ${Object.prototype.toString.call(x)}`);
    if (x.length < batch * this.inputSize) {
      throw new Error(`Mlp.${fn}: ${name} must hold batch·inputSize = ${batch}·${this.inputSize} = ${batch * this.inputSize} values, got ${x.length}; check the batch size`);
    }
  }

  private checkLayer(fn: string, layer: number): void {
    if (!Number.isInteger(layer) || layer < 0 || layer >= this.depth) {
      throw new Error(`Mlp.${fn}: layer must be an integer in [0, ${this.depth - 1}], got ${layer}`);
    }
  }
}

/** A new MLP with PyTorch's default initialisation, seeded by `options.rng`. */
export function createMlp(spec: Partial<MlpSpec> & { inputSize: number }, options: CreateMlpOptions): Mlp {
  if (!options || !options.kernels || !options.rng) throw new Error("createMlp(): options.kernels and options.rng are required; pass { kernels, rng: createRng(seed) }");
  const mlp = new Mlp(spec, options.kernels, "createMlp()");
  mlp.initialize(options.rng);
  return mlp;
}
