// The playground's trainer, in a Web Worker: fisherlab's own WebAssembly engine and modules (the
// compiled dist/ files, served by `fisherlab serve`), nothing computed on the server. It trains the
// 4096-60-20-2 MLP on rotated images of the procedural textures bank, drawing angles from the
// von Mises density the page sets (κ, location, loss may change at any time), and every few
// epochs measures I(θ) of the output with the derivative estimator on held-out identities.
// These imports name single modules, not the folders' index.js, which also load Node-only code.
import { loadWasmKernels } from "/dist/engine/wasmKernels.js";
import { createRng } from "/dist/engine/rng.js";
import { createMlp } from "/dist/nn/mlp.js";
import { Adam } from "/dist/nn/adam.js";
import { clipGradNorm } from "/dist/nn/clipGradNorm.js";
import { createLoss } from "/dist/nn/losses/registry.js";
import { encodeAngles, decodeAngles } from "/dist/nn/encoding.js";
import { textureBank } from "/dist/stimuli/textures.js";
import { rotateInto, rotationDerivative } from "/dist/stimuli/rotate.js";
import { vonMises } from "/dist/stimuli/vonMises.js";
import { OBJECT_DOMAIN } from "/dist/stimuli/domain.js";
import { derivative } from "/dist/fisher/derivative.js";

// Sizes: the main experiment's network; a smaller bank and epoch than `fisherlab train` so that an
// epoch takes well under a second in one browser thread.
const SIZE = 64, PIXELS = SIZE * SIZE;
const TRAIN_IDS = 120, MEASURE_IDS = 40; // identities 0-119 train, 120-159 measure I(θ) (held out)
const EPOCH = 1024, BATCH = 32, LR = 1e-3, CLIP = 0.5;
const ANGLES = 36, MEASURE_EVERY = 2; // I(θ) on 36 angles every 2 epochs
const TWO_PI = 2 * Math.PI;

let settings = { kappa: 4, loc: Math.PI, loss: "sq_diff" };
let running = false;

function post(type, payload = {}) { self.postMessage({ type, ...payload }); }

function density(theta) {
  const d = vonMises(settings.loc, settings.kappa, OBJECT_DOMAIN);
  return theta.map((t) => d.pdf(t));
}

async function main(seed) {
  post("status", { text: "loading the WebAssembly engine…" });
  const kernels = await loadWasmKernels("/build/");
  post("status", { text: `engine ${kernels.name ?? "wasm"} (${kernels.variant}); rendering the textures bank…` });
  const bank = textureBank(TRAIN_IDS + MEASURE_IDS, 0);
  const rng = createRng(seed);
  const net = createMlp({ inputSize: PIXELS, hidden: [60, 20], activation: "celu", encoding: "circular" }, { kernels, rng: rng.fork("init") });
  const adam = new Adam(net.parameters(), kernels, { lr: LR });
  const estimator = derivative({ seed });
  const grad = new Float32Array(2 * BATCH);
  const image = (id) => bank.data.subarray(id * PIXELS, (id + 1) * PIXELS);

  function measure(epoch) {
    const theta = Array.from({ length: ANGLES }, (_, i) => (TWO_PI * i) / ANGLES);
    const fisher = [], stderr = [];
    for (const t of theta) {
      const x = net.inputBuffer(MEASURE_IDS, "x"), v = net.inputBuffer(MEASURE_IDS, "v");
      for (let m = 0; m < MEASURE_IDS; m++) {
        rotateInto(image(TRAIN_IDS + m), SIZE, SIZE, t, x, m * PIXELS);
        v.set(rotationDerivative(image(TRAIN_IDS + m), SIZE, SIZE, t), m * PIXELS);
      }
      const { y, dy } = net.jvp(x, v, MEASURE_IDS);
      const est = estimator.estimate({ theta: t, responses: { shape: [MEASURE_IDS, 2], data: y }, derivatives: { shape: [MEASURE_IDS, 2], data: dy } });
      fisher.push(est.fisher);
      stderr.push(est.stderr);
    }
    post("fisher", { epoch, theta, fisher, stderr, density: density(theta), settings: { ...settings } });
  }

  let epoch = 0;
  measure(0);
  for (;;) {
    if (!running) { await new Promise((r) => setTimeout(r, 100)); continue; }
    const dist = vonMises(settings.loc, settings.kappa, OBJECT_DOMAIN);
    const loss = createLoss(settings.loss);
    const angles = dist.sample(EPOCH, rng);
    let total = 0, errDeg = 0;
    for (let b = 0; b < EPOCH; b += BATCH) {
      const x = net.inputBuffer(BATCH);
      const thetas = angles.subarray(b, b + BATCH);
      for (let i = 0; i < BATCH; i++) rotateInto(image(Math.floor(rng.uniform() * TRAIN_IDS)), SIZE, SIZE, thetas[i], x, i * PIXELS);
      const target = encodeAngles("circular", thetas);
      net.zeroGrad();
      const y = net.forward(x, BATCH, { train: true });
      total += loss.evaluate(y, target, BATCH, grad);
      const decoded = decodeAngles("circular", y, BATCH);
      for (let i = 0; i < BATCH; i++) { const d = Math.abs(((decoded[i] - thetas[i]) % TWO_PI + 3 * Math.PI) % TWO_PI - Math.PI); errDeg += (d * 180) / Math.PI; }
      net.backward(grad);
      clipGradNorm(net.parameters(), CLIP, kernels);
      adam.step();
    }
    epoch++;
    post("epoch", { epoch, trainLoss: total / (EPOCH / BATCH), errorDeg: errDeg / EPOCH, loss: settings.loss });
    if (epoch % MEASURE_EVERY === 0) measure(epoch);
    await new Promise((r) => setTimeout(r, 0)); // let the page's new settings in
  }
}

self.onmessage = (e) => {
  const m = e.data;
  if (m.type === "settings") settings = { ...settings, ...m.settings };
  if (m.type === "run") {
    running = m.running;
    if (!main.called) {
      main.called = true;
      main(m.seed ?? 0).catch((err) => post("error", { message: err.message }));
    }
  }
};
