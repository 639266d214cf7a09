// One Adam step, written as PyTorch 1.13's single-tensor Adam (torch/optim/adam.py,
// _single_tensor_adam, amsgrad=False, maximize=False) so that trajectories match op for op:
//   g = grad + wd·θ;  m = β1·m + (1−β1)·g;  v = β2·v + (1−β2)·g·g
//   θ = θ − (lr / bc1) · m / (sqrt(v) / sqrt(bc2) + eps),  bc1 = 1 − β1^t, bc2 = 1 − β2^t.
// The bias corrections are formed once per call in float64. One deviation in rounding only:
// sqrt(v)/sqrt(bc2) is computed as sqrt(v)·(1/sqrt(bc2)), saving a division per weight (division
// and square root bound this loop).

export function adamStep(n: i32, param: usize, grad: usize, m: usize, v: usize,
  lr: f64, beta1: f64, beta2: f64, eps: f64, weightDecay: f64, step: f64): void {
  const bc1 = 1 - Math.pow(beta1, step);
  const bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
  const stepSize = <f32>(lr / bc1);
  const b1 = <f32>beta1, b2 = <f32>beta2, c1 = <f32>(1 - beta1), c2 = <f32>(1 - beta2);
  const wd = <f32>weightDecay, e = <f32>eps, invBc2 = <f32>(1 / bc2Sqrt);
  const nb = <usize>n << 2, n4 = <usize>(n & ~3) << 2;
  const B1 = f32x4.splat(b1), B2 = f32x4.splat(b2), C1 = f32x4.splat(c1), C2 = f32x4.splat(c2);
  const WD = f32x4.splat(wd), E = f32x4.splat(e), S = f32x4.splat(stepSize), D = f32x4.splat(invBc2);
  let o: usize = 0;
  for (; o < n4; o += 16) {
    const th = v128.load(param + o);
    let g = v128.load(grad + o);
    if (wd != 0) g = f32x4.add(g, f32x4.mul(th, WD));
    const mm = f32x4.add(f32x4.mul(v128.load(m + o), B1), f32x4.mul(g, C1));
    const vv = f32x4.add(f32x4.mul(v128.load(v + o), B2), f32x4.mul(f32x4.mul(g, g), C2));
    const denom = f32x4.add(f32x4.mul(f32x4.sqrt(vv), D), E);
    v128.store(m + o, mm); v128.store(v + o, vv);
    v128.store(param + o, f32x4.sub(th, f32x4.mul(S, f32x4.div(mm, denom))));
  }
  for (; o < nb; o += 4) {
    const th = load<f32>(param + o);
    let g = load<f32>(grad + o);
    if (wd != 0) g = g + th * wd;
    const mm = load<f32>(m + o) * b1 + g * c1;
    const vv = load<f32>(v + o) * b2 + g * g * c2;
    store<f32>(m + o, mm); store<f32>(v + o, vv);
    store<f32>(param + o, th - stepSize * (mm / (Mathf.sqrt(vv) * invBc2 + e)));
  }
}
