/**
 * The residual blocks of the face-recognition ResNet (docs/backbone.md; He et al. 2016, "Deep
 * residual learning", the "basic block" as dlib's network uses it):
 *   plain: y = relu(conv2(relu(conv1(x))) + x), both 3×3 "same", stride 1;
 *   down:  y = relu(pad(conv2(relu(conv1(x)))) + [avgpool₂(x), 0]), conv1 3×3 stride 2 "valid";
 *          the shortcut is a 2×2/2 average pool zero-padded in channels, and when the valid
 *          convolution comes out one row/column short of the pool the residual is zero-padded at
 *          the bottom and right (as face-api does).
 */
import type { Kernels } from "../engine/index.js";
import type { Act } from "./act.js";
import {
  allocAct, avgPoolForward, convForward, convVjp, cropTopLeft, freeAct, padBottomRight, reluInPlace, reluVjpInPlace,
  type ConvGrads, type ConvParams,
} from "./layers.js";

export interface ResidualParams {
  name: string;
  down: boolean;
  conv1: ConvParams;
  conv2: ConvParams;
}

export interface ResidualGrads { conv1: ConvGrads; conv2: ConvGrads }

/** What residualVjp needs from the forward pass: the input, the inner activation and the output. */
export interface ResidualTape { x: Act; a: Act; y: Act; innerH: number; innerW: number }

/** The block's output (the caller frees it and x); with `tape`, also what the VJP needs. */
export function residualForward(k: Kernels, p: ResidualParams, x: Act, keepTape = false): { y: Act; tape: ResidualTape | null } {
  const a = convForward(k, p.conv1, x);
  reluInPlace(k, a);
  let b = convForward(k, p.conv2, a);
  const innerH = b.h, innerW = b.w;
  if (p.down) {
    const pooled = avgPoolForward(k, x, 2, 2);
    if (b.h !== pooled.h || b.w !== pooled.w) {
      const padded = padBottomRight(k, b, pooled.h, pooled.w);
      freeAct(k, b);
      b = padded;
    }
    k.addColumns(b.n * b.h * b.w, b.c, pooled.c, pooled.data, b.data);
    freeAct(k, pooled);
  } else {
    k.addColumns(b.n * b.h * b.w, b.c, x.c, x.data, b.data);
  }
  reluInPlace(k, b);
  if (!keepTape) { freeAct(k, a); return { y: b, tape: null }; }
  return { y: b, tape: { x, a, y: b, innerH, innerW } };
}

/**
 * Reverse mode through one block (primal batches only): accumulates parameter gradients into
 * `grads` (null: frozen) and returns dL/dx when `wantDx`. Frees the tape's inner activation.
 */
export function residualVjp(k: Kernels, p: ResidualParams, tape: ResidualTape, dy: Act, grads: ResidualGrads | null, wantDx: boolean): Act | null {
  const { x, a, y } = tape;
  const g = allocAct(k, dy.n, dy.h, dy.w, dy.c, dy.n);
  g.data.set(dy.data);
  reluVjpInPlace(k, y, g); // dL/d(sum)
  const gInner = tape.innerH !== g.h || tape.innerW !== g.w ? cropTopLeft(k, g, tape.innerH, tape.innerW) : g;
  const da = convVjp(k, p.conv2, a, gInner, grads?.conv2 ?? null, true) as Act;
  if (gInner !== g) freeAct(k, gInner);
  reluVjpInPlace(k, a, da);
  freeAct(k, a);
  const dx = convVjp(k, p.conv1, x, da, grads?.conv1 ?? null, wantDx);
  freeAct(k, da);
  if (dx) {
    if (p.down) {
      // the shortcut's gradient: the first x.c channels of g, spread back through the 2×2 pool
      const m = g.n * g.h * g.w, dPooled = allocAct(k, g.n, g.h, g.w, x.c, g.n);
      for (let i = 0; i < m; i++) dPooled.data.set(g.data.subarray(i * g.c, i * g.c + x.c), i * x.c);
      k.avgPoolVjp(x.n, x.h, x.w, x.c, 2, 2, g.h, g.w, dPooled.data, dx.data, 1);
      freeAct(k, dPooled);
    } else {
      k.addColumns(dx.n * dx.h * dx.w, dx.c, dx.c, g.data, dx.data);
    }
  }
  freeAct(k, g);
  return dx;
}
