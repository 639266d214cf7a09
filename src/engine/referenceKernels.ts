/**
 * The plain-TypeScript reference implementation of the kernel contract: the ground truth the
 * wasm kernels are tested against. Straight loops, float64 accumulation, no blocking — written
 * to be obviously right rather than fast.
 */
import { ACTIVATION_CODE, type Kernels } from "./kernels.js";

const A = ACTIVATION_CODE;

function activation(kind: number, x: number, p1: number, p2: number): number {
  switch (kind) {
    case A.identity: return x;
    case A.relu: return x > 0 ? x : 0;
    case A.leaky_relu: return x > 0 ? x : p1 * x;
    case A.celu: return x > 0 ? x : p1 * Math.expm1(x / p1);
    case A.tanh: return Math.tanh(x);
    case A.bounded_tanh: return p1 * Math.tanh(p2 * x);
    default: throw new Error(`referenceKernels.activationForward(): unknown activation code ${kind}`);
  }
}

/** f'(x), given x and y = f(x); PyTorch's choices at the kinks (relu'(0) = 0). */
function derivative(kind: number, x: number, y: number, p1: number, p2: number): number {
  switch (kind) {
    case A.identity: return 1;
    case A.relu: return x > 0 ? 1 : 0;
    case A.leaky_relu: return x > 0 ? 1 : p1;
    case A.celu: return x > 0 ? 1 : y / p1 + 1; // exp(x/α) = y/α + 1
    case A.tanh: return 1 - y * y;
    case A.bounded_tanh: { const t = Math.tanh(p2 * x); return p1 * p2 * (1 - t * t); }
    default: throw new Error(`referenceKernels.activationBackward(): unknown activation code ${kind}`);
  }
}

export const referenceKernels: Kernels = {
  name: "reference (TypeScript)",
  threads: 1,
  alloc: (n) => new Float32Array(n),
  free: () => {},

  gemmNN(m, n, k, a, b, c, beta) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
        c[i * n + j] = beta ? c[i * n + j] + s : s;
      }
    }
  },

  gemmTN(m, n, k, a, b, c, beta) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a[p * m + i] * b[p * n + j];
        c[i * n + j] = beta ? c[i * n + j] + s : s;
      }
    }
  },

  gemmNT(m, n, k, a, b, c, beta) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a[i * k + p] * b[j * k + p];
        c[i * n + j] = beta ? c[i * n + j] + s : s;
      }
    }
  },

  biasAdd(m, n, x, bias) {
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) x[i * n + j] += bias[j];
  },

  activationForward(kind, n, x, y, p1, p2) {
    for (let i = 0; i < n; i++) y[i] = activation(kind, x[i], p1, p2);
  },

  activationBackward(kind, n, x, y, dy, dx, p1, p2) {
    for (let i = 0; i < n; i++) dx[i] = dy[i] * derivative(kind, x[i], y[i], p1, p2);
  },

  columnSums(m, n, x, out, beta) {
    for (let j = 0; j < n; j++) {
      let s = beta ? out[j] : 0;
      for (let i = 0; i < m; i++) s += x[i * n + j];
      out[j] = s;
    }
  },

  sumSquares(n, x) {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i] * x[i];
    return s;
  },

  scale(n, x, s) {
    for (let i = 0; i < n; i++) x[i] *= s;
  },

  adamStep(n, param, grad, m, v, lr, beta1, beta2, eps, weightDecay, step) {
    // torch.optim.Adam (1.13, single-tensor path), see src/engine/asm/adam.ts
    const stepSize = lr / (1 - beta1 ** step);
    const bc2Sqrt = Math.sqrt(1 - beta2 ** step);
    for (let i = 0; i < n; i++) {
      const g = grad[i] + weightDecay * param[i];
      m[i] = beta1 * m[i] + (1 - beta1) * g;
      v[i] = beta2 * v[i] + (1 - beta2) * g * g;
      param[i] -= stepSize * (m[i] / (Math.sqrt(v[i]) / bc2Sqrt + eps));
    }
  },
  im2col(n, h, w, c, kh, kw, s, pt, pl, ho, wo, x, cols) {
    let o = 0;
    for (let b = 0; b < n; b++) {
      for (let oy = 0; oy < ho; oy++) {
        for (let ox = 0; ox < wo; ox++) {
          for (let ky = 0; ky < kh; ky++) {
            for (let kx = 0; kx < kw; kx++) {
              const iy = oy * s - pt + ky, ix = ox * s - pl + kx;
              const inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
              for (let ch = 0; ch < c; ch++) cols[o++] = inside ? x[((b * h + iy) * w + ix) * c + ch] : 0;
            }
          }
        }
      }
    }
  },

  col2im(n, h, w, c, kh, kw, s, pt, pl, ho, wo, cols, dx, beta) {
    if (!beta) dx.fill(0, 0, n * h * w * c);
    let o = 0;
    for (let b = 0; b < n; b++) {
      for (let oy = 0; oy < ho; oy++) {
        for (let ox = 0; ox < wo; ox++) {
          for (let ky = 0; ky < kh; ky++) {
            for (let kx = 0; kx < kw; kx++) {
              const iy = oy * s - pt + ky, ix = ox * s - pl + kx;
              const inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
              for (let ch = 0; ch < c; ch++, o++) if (inside) dx[((b * h + iy) * w + ix) * c + ch] += cols[o];
            }
          }
        }
      }
    }
  },

  maxPool(n, h, w, c, k, s, ho, wo, x, y) {
    forEachWindow(n, h, w, c, k, s, ho, wo, (out, at) => {
      let best = -Infinity;
      for (const p of at) best = Math.max(best, x[p]);
      y[out] = best;
    });
  },

  maxPoolJvp(n, h, w, c, k, s, ho, wo, x, dx, dy) {
    forEachWindow(n, h, w, c, k, s, ho, wo, (out, at) => { dy[out] = dx[firstMax(x, at)]; });
  },

  maxPoolVjp(n, h, w, c, k, s, ho, wo, x, dy, dx, beta) {
    if (!beta) dx.fill(0, 0, n * h * w * c);
    forEachWindow(n, h, w, c, k, s, ho, wo, (out, at) => { dx[firstMax(x, at)] += dy[out]; });
  },

  avgPool(n, h, w, c, k, s, ho, wo, x, y) {
    forEachWindow(n, h, w, c, k, s, ho, wo, (out, at) => {
      let sum = 0;
      for (const p of at) sum += x[p];
      y[out] = sum / (k * k);
    });
  },

  avgPoolVjp(n, h, w, c, k, s, ho, wo, dy, dx, beta) {
    if (!beta) dx.fill(0, 0, n * h * w * c);
    forEachWindow(n, h, w, c, k, s, ho, wo, (out, at) => { for (const p of at) dx[p] += dy[out] / (k * k); });
  },

  columnScale(m, n, x, scale, y) {
    for (let i = 0; i < m * n; i++) y[i] = x[i] * scale[i % n];
  },

  columnDots(m, n, a, b, out, beta) {
    for (let j = 0; j < n; j++) {
      let sum = beta ? out[j] : 0;
      for (let i = 0; i < m; i++) sum += a[i * n + j] * b[i * n + j];
      out[j] = sum;
    }
  },

  addColumns(m, n, k, x, y) {
    for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) y[i * n + j] += x[i * k + j];
  },
};

/** Calls f(output index, input indices of its k×k window in row-major window order) for every pooled value. */
function forEachWindow(n: number, h: number, w: number, c: number, k: number, s: number, ho: number, wo: number,
  f: (out: number, at: number[]) => void): void {
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < ho; oy++) {
      for (let ox = 0; ox < wo; ox++) {
        for (let ch = 0; ch < c; ch++) {
          const at: number[] = [];
          for (let ky = 0; ky < k; ky++) for (let kx = 0; kx < k; kx++) at.push(((b * h + oy * s + ky) * w + ox * s + kx) * c + ch);
          f(((b * ho + oy) * wo + ox) * c + ch, at);
        }
      }
    }
  }
}

/** The first index of the largest x[p] (ties go to the earlier window position). */
function firstMax(x: Float32Array, at: number[]): number {
  let best = at[0];
  for (const p of at) if (x[p] > x[best]) best = p;
  return best;
}
