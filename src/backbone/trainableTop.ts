/**
 * The top of the face ResNet trained together with an MLP head (`model.backbone.trainable_blocks`
 * k > 0; docs/backbone.md, "Fine-tuning blocks"): the last k residual blocks up to the layer the head
 * reads, and the embedding's fully connected layer when that layer is `embedding`. Its input is the
 * output of the stage just below (which stays frozen, so its features can be cached); forward keeps
 * a tape, backward accumulates parameter gradients by reverse mode (residualVjp, convVjp), and the
 * parameters are exposed as `Parameter`s for Adam, gradient clipping and checkpoints.
 */
import type { Kernels } from "../engine/index.js";
import type { Parameter } from "../nn/index.js";
import type { Act } from "./act.js";
import { BLOCK_NAMES, LAYER_NAMES, LAYER_SHAPES, layerIndex, layerUnits, type FaceResNetParams, type LayerName } from "./faceResNet.js";
import { allocAct, denseForward, freeAct, globalMeanForward, globalMeanVjp, syncFilters, type ConvGrads, type ConvParams } from "./layers.js";
import { residualForward, residualVjp, type ResidualParams, type ResidualTape } from "./residual.js";

const EMBEDDING = LAYER_NAMES.length - 1;

/** Why `blocks` trainable blocks are impossible below `layer` (for the config's message), or null. */
export function trainableBlocksProblem(layer: string, blocks: number): string | null {
  const top = layerIndex(layer, "model.backbone.layer");
  const available = Math.min(top, BLOCK_NAMES.length); // blocks at or below the layer (the stem is not a block)
  if (Number.isInteger(blocks) && blocks >= 0 && blocks <= available) return null;
  return `must be an integer in [0, ${available}] for layer ${layer} (${available} residual blocks up to it), got ${blocks}`;
}

/** The stage whose output feeds the trainable top of `blocks` ≥ 1 blocks up to `layer` (its features can be cached). */
export function trainableInputLayer(layer: string, blocks: number): LayerName {
  const problem = blocks >= 1 ? trainableBlocksProblem(layer, blocks) : `must be ≥ 1 for a trainable top, got ${blocks}`;
  if (problem) throw new Error(`model.backbone.trainable_blocks ${problem}`);
  // embedding: blocks at stages 15−k … 14 and the fc; a block at stage s: s−k+1 … s
  const top = layerIndex(layer);
  const lastBlock = top === EMBEDDING ? BLOCK_NAMES.length : top;
  return LAYER_NAMES[lastBlock - blocks];
}

export class TrainableTop {
  readonly inputLayer: LayerName;
  readonly inputUnits: number;
  readonly outputUnits: number;
  private readonly blocks: ResidualParams[];
  private readonly grads: { conv1: ConvGrads; conv2: ConvGrads }[];
  private readonly fc: Float32Array | null;
  private readonly fcGrad: Float32Array | null;
  private readonly params: Parameter[];
  /** the kept pass: input, per-block tapes and outputs, the pooled map and the output; `inner` false once backward freed the inner activations */
  private tape: { x: Act; tapes: ResidualTape[]; ys: Act[]; pooled: Act | null; out: Act; inner: boolean } | null = null;

  /** Copies of the trainable tensors of `base` (which stays unchanged). */
  constructor(private readonly k: Kernels, base: FaceResNetParams, readonly layer: LayerName, readonly blockCount: number) {
    this.inputLayer = trainableInputLayer(layer, blockCount);
    this.inputUnits = layerUnits(this.inputLayer);
    this.outputUnits = layerUnits(layer);
    const first = layerIndex(this.inputLayer) + 1; // stage index of the first trainable block
    const copy = (a: Float32Array): Float32Array => { const b = k.alloc(a.length); b.set(a); return b; };
    const copyConv = (c: ConvParams): ConvParams => ({ ...c, filters: copy(c.filters), filtersT: copy(c.filtersT), scale: copy(c.scale), offset: copy(c.offset) });
    this.blocks = base.blocks.slice(first - 1, first - 1 + blockCount).map((b) => ({ ...b, conv1: copyConv(b.conv1), conv2: copyConv(b.conv2) }));
    const zeros = (c: ConvParams): ConvGrads => ({ filters: k.alloc(c.filters.length), scale: k.alloc(c.cout), offset: k.alloc(c.cout) });
    this.grads = this.blocks.map((b) => ({ conv1: zeros(b.conv1), conv2: zeros(b.conv2) }));
    this.fc = layer === "embedding" ? copy(base.fc) : null;
    this.fcGrad = this.fc ? k.alloc(this.fc.length) : null;
    this.params = this.blocks.flatMap((b, i) => (["conv1", "conv2"] as const).flatMap((c) => {
      const p = b[c], g = this.grads[i][c], K = p.kh * p.kw * p.cin;
      return [
        { name: `backbone.${b.name}.${c}.filters`, shape: [K, p.cout], data: p.filters, grad: g.filters, frozen: false },
        { name: `backbone.${b.name}.${c}.scale`, shape: [p.cout], data: p.scale, grad: g.scale, frozen: false },
        { name: `backbone.${b.name}.${c}.offset`, shape: [p.cout], data: p.offset, grad: g.offset, frozen: false },
      ];
    }));
    if (this.fc && this.fcGrad) this.params.push({ name: "backbone.fc", shape: [256, 128], data: this.fc, grad: this.fcGrad, frozen: false });
  }

  /** Trainable tensors (block filters, scales, offsets; the fc), the same array every call. */
  parameters(): readonly Parameter[] { return this.params; }

  zeroGrad(): void { for (const p of this.params) p.grad.fill(0); }

  /** After the parameters changed (an optimizer step, a restored snapshot): refresh the filters' transposed copies. */
  sync(): void { for (const b of this.blocks) { syncFilters(b.conv1); syncFilters(b.conv2); } }

  /**
   * `layer`'s values [n, outputUnits] for input features [n, inputUnits]; with `keepTape` (training)
   * the pass is kept for backward(). The result is a view valid until the next forward/backward/release.
   */
  forward(x: Float32Array, n: number, keepTape = false): Float32Array {
    this.release();
    if (x.length < n * this.inputUnits) throw new Error(`TrainableTop.forward(): x must hold n·${this.inputUnits} values for ${this.inputLayer}, got ${x.length}`);
    const [h, w, c] = LAYER_SHAPES[this.inputLayer];
    const input = allocAct(this.k, n, h, w, c, n);
    input.data.set(x.subarray(0, n * this.inputUnits));
    const tapes: ResidualTape[] = [], ys: Act[] = [];
    let cur = input;
    for (const b of this.blocks) {
      const r = residualForward(this.k, b, cur, true);
      tapes.push(r.tape!);
      ys.push(r.y);
      cur = r.y;
    }
    let pooled: Act | null = null;
    if (this.fc) {
      pooled = globalMeanForward(this.k, cur);
      cur = denseForward(this.k, pooled, this.fc, 128);
    }
    this.tape = { x: input, tapes, ys, pooled, out: cur, inner: true };
    if (!keepTape) {
      const out = cur.data.slice(0, n * this.outputUnits);
      this.release();
      return out;
    }
    return cur.data.subarray(0, n * this.outputUnits);
  }

  /** Accumulate parameter gradients for d(loss)/d(output) `dy` [n, outputUnits] of the last forward(…, true). */
  backward(dy: Float32Array): void {
    const t = this.tape;
    if (!t || !t.inner) throw new Error("TrainableTop.backward(): no training forward pass to differentiate; call forward(x, n, true) first");
    const k = this.k, n = t.x.n;
    let g = allocAct(k, n, t.out.h, t.out.w, t.out.c, n);
    g.data.set(dy.subarray(0, n * this.outputUnits));
    if (this.fc && this.fcGrad && t.pooled) {
      k.gemmTN(256, 128, n, t.pooled.data, g.data, this.fcGrad, 1); // dW += pooledᵀ·dy
      const dPooled = allocAct(k, n, 1, 1, 256, n);
      k.gemmNT(n, 256, 128, g.data, this.fc, dPooled.data, 0); // dy·Wᵀ
      freeAct(k, g);
      g = globalMeanVjp(k, t.ys[t.ys.length - 1], dPooled);
      freeAct(k, dPooled);
    }
    for (let i = this.blocks.length - 1; i >= 0; i--) {
      const dx = residualVjp(k, this.blocks[i], t.tapes[i], g, this.grads[i], i > 0); // frees the tape's inner activation
      freeAct(k, g);
      if (!dx) break;
      g = dx;
    }
    t.inner = false; // residualVjp freed the inner activations
    this.release();
  }

  /** Free the kept pass (if any). */
  release(): void {
    const t = this.tape;
    if (!t) return;
    this.tape = null;
    const k = this.k;
    if (t.inner) for (const tp of t.tapes) freeAct(k, tp.a);
    const acts = new Set<Act>([t.x, ...t.ys, t.out]); // without an fc the output is the last block's
    if (t.pooled) acts.add(t.pooled);
    for (const a of acts) freeAct(k, a);
  }

  /** The base network's parameters with the trainable tensors replaced by this top's (shares memory with both). */
  withTrained(base: FaceResNetParams): FaceResNetParams {
    const first = layerIndex(this.inputLayer); // blocks[first … first + k − 1] (block i is stage i + 1)
    const blocks = base.blocks.map((b, i) => (i >= first && i < first + this.blocks.length ? this.blocks[i - first] : b));
    return { stem: base.stem, blocks, fc: this.fc ?? base.fc };
  }

  dispose(): void {
    this.release();
    for (const b of this.blocks) for (const c of [b.conv1, b.conv2]) for (const a of [c.filters, c.filtersT, c.scale, c.offset]) this.k.free(a);
    for (const g of this.grads) for (const c of [g.conv1, g.conv2]) for (const a of [c.filters, c.scale, c.offset]) this.k.free(a);
    if (this.fc) this.k.free(this.fc);
    if (this.fcGrad) this.k.free(this.fcGrad);
  }
}
