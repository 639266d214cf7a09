/**
 * A fully connected layer in PyTorch's layout (nn.Linear): weight [out, in], bias [out],
 * z = x·Wᵀ + b. Weights, biases and their gradients live in kernel memory (`kernels.alloc`) so the
 * wasm kernels read them in place; every loop runs through the `Kernels` contract.
 */
import type { Kernels, Rng } from "../engine/index.js";

export class Dense {
  readonly weight: Float32Array; // [out, in]
  readonly bias: Float32Array; // [out]
  private readonly gW: Float32Array; // [out, in], accumulated by backward
  private readonly gB: Float32Array; // [out]
  /**
   * zeroGrad() only sets this flag; the next accumulation overwrites (beta = 0) instead of adding,
   * which saves a pass over the weight-sized gradient every batch. Reads through the getters
   * below materialise the zeros first, so callers always see PyTorch's accumulate semantics.
   */
  private zeroPending = false;
  /** A frozen layer gets no parameter gradient and no optimizer update. */
  frozen = false;

  constructor(readonly kernels: Kernels, readonly inSize: number, readonly outSize: number) {
    this.weight = kernels.alloc(outSize * inSize);
    this.bias = kernels.alloc(outSize);
    this.gW = kernels.alloc(outSize * inSize); // alloc zero-fills
    this.gB = kernels.alloc(outSize);
  }

  /** d(loss)/d(weight) [out, in], accumulated over backward calls since zeroGrad(). */
  get gradWeight(): Float32Array { this.flushZero(); return this.gW; }
  /** d(loss)/d(bias) [out]. */
  get gradBias(): Float32Array { this.flushZero(); return this.gB; }

  private flushZero(): void {
    if (!this.zeroPending) return;
    this.gW.fill(0);
    this.gB.fill(0);
    this.zeroPending = false;
  }

  /**
   * PyTorch's nn.Linear.reset_parameters: kaiming_uniform_(a=√5) gives the bound
   * gain·√(3/fan_in) with gain = √(2/(1+5)), i.e. U(±1/√fan_in); the bias uses the same bound.
   * Draw order: weight row-major, then bias.
   */
  initialize(rng: Rng): void {
    const bound = 1 / Math.sqrt(this.inSize);
    for (let i = 0; i < this.weight.length; i++) this.weight[i] = (2 * rng.uniform() - 1) * bound;
    for (let i = 0; i < this.bias.length; i++) this.bias[i] = (2 * rng.uniform() - 1) * bound;
  }

  /** z[batch, out] = x[batch, in]·Wᵀ + b */
  forward(x: Float32Array, batch: number, z: Float32Array): void {
    this.kernels.gemmNT(batch, this.outSize, this.inSize, x, this.weight, z, 0);
    this.kernels.biasAdd(batch, this.outSize, z, this.bias);
  }

  /** Tangent map (no bias): dz[batch, out] = dx[batch, in]·Wᵀ */
  tangent(dx: Float32Array, batch: number, dz: Float32Array): void {
    this.kernels.gemmNT(batch, this.outSize, this.inSize, dx, this.weight, dz, 0);
  }

  /** Accumulate parameter gradients: gW[out, in] += dzᵀ·x, gb[out] += Σ_rows dz. */
  accumulateGrad(x: Float32Array, dz: Float32Array, batch: number): void {
    const beta = this.zeroPending ? 0 : 1;
    this.zeroPending = false;
    this.kernels.gemmTN(this.outSize, this.inSize, batch, dz, x, this.gW, beta);
    this.kernels.columnSums(batch, this.outSize, dz, this.gB, beta);
  }

  /** Vector-Jacobian product to the input: dx[batch, in] = dz[batch, out]·W */
  inputGrad(dz: Float32Array, batch: number, dx: Float32Array): void {
    this.kernels.gemmNN(batch, this.inSize, this.outSize, dz, this.weight, dx, 0);
  }

  zeroGrad(): void {
    this.zeroPending = true;
  }

  dispose(): void {
    for (const a of [this.weight, this.bias, this.gW, this.gB]) this.kernels.free(a);
  }
}
