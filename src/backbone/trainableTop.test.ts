// One training step through trainable backbone blocks and an MLP head: the parameter gradients of
// every block tensor and the fc against central differences of the loss.
import { afterAll, describe, expect, it } from "vitest";
import { createRng, createWasmKernels } from "../engine/index.js";
import { createLoss, createMlp, encodeAngles, type Mlp, type Parameter } from "../nn/index.js";
import { FaceResNet } from "./features.js";
import { TrainableTop, trainableBlocksProblem, trainableInputLayer } from "./trainableTop.js";
import { layerUnits } from "./faceResNet.js";

const k = createWasmKernels({ variant: "relaxed-simd" });
afterAll(() => k.dispose());

describe("trainableInputLayer() / trainableBlocksProblem()", () => {
  it("names the frozen stage below the last k blocks (embedding: the fc is trained too)", () => {
    expect(trainableInputLayer("embedding", 1)).toBe("conv256_2");
    expect(trainableInputLayer("embedding", 3)).toBe("conv256_down");
    expect(trainableInputLayer("conv128_2", 1)).toBe("conv128_1");
    expect(trainableInputLayer("conv32_1", 1)).toBe("conv32_down");
    expect(trainableBlocksProblem("conv32_1", 2)).toBe("must be an integer in [0, 1] for layer conv32_1 (1 residual blocks up to it), got 2");
    expect(trainableBlocksProblem("conv32_down", 1)).toMatch(/\[0, 0\] for layer conv32_down/);
    expect(trainableBlocksProblem("embedding", 14)).toBeNull();
    expect(() => trainableInputLayer("embedding", 15)).toThrow(/model.backbone.trainable_blocks must be an integer in \[0, 14\] for layer embedding/);
  });
});

describe("TrainableTop", () => {
  const net = FaceResNet.load(k);
  const rng = createRng(5);
  const n = 2;
  const top = new TrainableTop(k, net.params, "embedding", 1); // conv256_down_out + fc, input conv256_2 [4, 4, 256]
  const head: Mlp = createMlp({ inputSize: 128, hidden: [6], activation: "tanh" }, { kernels: k, rng: createRng(1) });
  const loss = createLoss("cos_sim");
  // post-ReLU-like input features and two target angles
  const x = Float32Array.from({ length: n * top.inputUnits }, () => Math.max(0, rng.normal()) * 0.5);
  const target = new Float32Array(2 * n);
  encodeAngles("circular", Float64Array.from([0.4, 2.5]), target);
  const gradOut = new Float32Array(2 * n), topGrad = new Float32Array(n * 128);
  const lossAt = (): number => loss.evaluate(head.forward(top.forward(x, n), n), target, n);

  it("has the shapes of its layer and leaves the pretrained network's weights alone", () => {
    expect(top.inputUnits).toBe(layerUnits("conv256_2"));
    expect(top.outputUnits).toBe(128);
    expect(top.parameters().map((p) => p.name)).toEqual([
      "backbone.conv256_down_out.conv1.filters", "backbone.conv256_down_out.conv1.scale", "backbone.conv256_down_out.conv1.offset",
      "backbone.conv256_down_out.conv2.filters", "backbone.conv256_down_out.conv2.scale", "backbone.conv256_down_out.conv2.offset", "backbone.fc",
    ]);
    expect(top.parameters()[0].data).not.toBe(net.params.blocks[13].conv1.filters);
    expect(top.parameters()[0].data).toEqual(net.params.blocks[13].conv1.filters);
  });

  it("one training step's parameter gradients match central differences along random directions (2e-2 relative)", () => {
    // The network is piecewise linear: a step h (relative to each tensor's rms) that moves units across a
    // ReLU kink biases the difference quotient (measured 27% on conv2.scale at h = 1e-3), while float32
    // roundoff of the loss (≈ 1, ~1e-7 absolute) biases small steps (1.5% on conv2.filters at h = 3e-5).
    // So the best agreement over h ∈ {1e-3, 1e-4, 3e-5} must be within 2e-2; a wrong term fails at every h.
    top.zeroGrad(); head.zeroGrad();
    const y = head.forward(top.forward(x, n, true), n, { train: true, rng: createRng(0) });
    loss.evaluate(y, target, n, gradOut);
    head.backward(gradOut, { inputGrad: topGrad });
    top.backward(topGrad);
    const grads = top.parameters().map((p) => p.grad.slice());
    top.parameters().forEach((p: Parameter, i) => {
      const dir = Float32Array.from({ length: p.data.length }, () => rng.normal());
      let norm = 0, scale = 0, analytic = 0;
      for (let j = 0; j < dir.length; j++) { norm += dir[j] ** 2; scale += p.data[j] ** 2; analytic += grads[i][j] * dir[j]; }
      const unit = Math.sqrt(scale / norm); // a step of 1 moves the tensor by its rms
      const original = p.data.slice();
      const at = (step: number): number => {
        for (let j = 0; j < dir.length; j++) p.data[j] = original[j] + step * unit * dir[j];
        top.sync();
        return lossAt();
      };
      const errors = [1e-3, 1e-4, 3e-5].map((h) => Math.abs((at(h) - at(-h)) / (2 * h * unit) - analytic) / Math.abs(analytic));
      p.data.set(original); top.sync();
      expect(Math.min(...errors), `${p.name}: relative errors ${errors.map((e) => e.toExponential(1)).join(", ")}`).toBeLessThan(2e-2);
    });
  });

  it("backward() without a training forward pass is a one-line error; eval forward keeps no tape", () => {
    top.forward(x, n);
    expect(() => top.backward(topGrad)).toThrow(/TrainableTop.backward\(\): no training forward pass to differentiate; call forward\(x, n, true\) first/);
  });
});
