import type { Matrix } from "../math/index.js";
import type { Rng } from "../engine/index.js";

export interface MlpSettings {
  hidden: number;
  epochs: number;
  learningRate: number;
  weightDecay: number;
}

/**
 * A tiny float64 MLP discriminator (one tanh hidden layer, logistic output) trained full-batch
 * with Adam (Kingma & Ba 2015) on standardised inputs and labels y ∈ {0, 1} (from ±½ labels).
 * Returns the decision function: the output logit. Small on purpose: it only has to find a
 * (possibly curved) boundary between two clouds of activity.
 */
export function trainMlpDiscriminator(x: Matrix, labels: Float64Array, s: MlpSettings, rng: Rng): (row: Float64Array) => number {
  const n = x.rows, p = x.cols, h = s.hidden;
  const mean = new Float64Array(p), scale = new Float64Array(p);
  for (let t = 0; t < n; t++) for (let j = 0; j < p; j++) mean[j] += x.data[t * p + j] / n;
  for (let t = 0; t < n; t++) for (let j = 0; j < p; j++) scale[j] += (x.data[t * p + j] - mean[j]) ** 2 / n;
  for (let j = 0; j < p; j++) scale[j] = scale[j] > 0 ? 1 / Math.sqrt(scale[j]) : 0;
  const xs = new Float64Array(n * p);
  for (let t = 0; t < n; t++) for (let j = 0; j < p; j++) xs[t * p + j] = (x.data[t * p + j] - mean[j]) * scale[j];
  const y = Float64Array.from(labels, (l) => (l > 0 ? 1 : 0));
  // parameters: W1 [h, p], b1 [h], w2 [h], b2 — Glorot-uniform init
  const size = h * p + h + h + 1;
  const theta = new Float64Array(size);
  const a1 = Math.sqrt(6 / (p + h)), a2 = Math.sqrt(6 / (h + 1));
  for (let i = 0; i < h * p; i++) theta[i] = (2 * rng.uniform() - 1) * a1;
  for (let i = 0; i < h; i++) theta[h * p + h + i] = (2 * rng.uniform() - 1) * a2;
  const grad = new Float64Array(size), m1 = new Float64Array(size), m2 = new Float64Array(size);
  const hid = new Float64Array(n * h);
  const b1o = h * p, w2o = h * p + h, b2o = size - 1;
  for (let epoch = 1; epoch <= s.epochs; epoch++) {
    grad.fill(0);
    for (let t = 0; t < n; t++) {
      let out = theta[b2o];
      for (let k = 0; k < h; k++) {
        let a = theta[b1o + k];
        for (let j = 0; j < p; j++) a += theta[k * p + j] * xs[t * p + j];
        const z = Math.tanh(a);
        hid[t * h + k] = z;
        out += theta[w2o + k] * z;
      }
      const g = (1 / (1 + Math.exp(-out)) - y[t]) / n; // d(mean logistic loss)/d logit
      grad[b2o] += g;
      for (let k = 0; k < h; k++) {
        const z = hid[t * h + k];
        grad[w2o + k] += g * z;
        const ga = g * theta[w2o + k] * (1 - z * z);
        grad[b1o + k] += ga;
        for (let j = 0; j < p; j++) grad[k * p + j] += ga * xs[t * p + j];
      }
    }
    for (let i = 0; i < h * p; i++) grad[i] += s.weightDecay * theta[i];
    for (let k = 0; k < h; k++) grad[w2o + k] += s.weightDecay * theta[w2o + k];
    const c1 = 1 - 0.9 ** epoch, c2 = 1 - 0.999 ** epoch;
    for (let i = 0; i < size; i++) {
      m1[i] = 0.9 * m1[i] + 0.1 * grad[i];
      m2[i] = 0.999 * m2[i] + 0.001 * grad[i] * grad[i];
      theta[i] -= (s.learningRate * (m1[i] / c1)) / (Math.sqrt(m2[i] / c2) + 1e-8);
    }
  }
  return (row) => {
    let out = theta[b2o];
    for (let k = 0; k < h; k++) {
      let a = theta[b1o + k];
      for (let j = 0; j < p; j++) a += theta[k * p + j] * (row[j] - mean[j]) * scale[j];
      out += theta[w2o + k] * Math.tanh(a);
    }
    return out;
  };
}
