/**
 * Adam with PyTorch's defaults and update rule (torch.optim.Adam, amsgrad=False), one kernel call
 * per parameter tensor. As in PyTorch, each parameter keeps its own step count, and frozen
 * parameters (requires_grad=False there) are skipped: no moment update, no step, no change.
 */
import type { Kernels } from "../engine/index.js";
import { z } from "zod";
import { checkOptions, param } from "../rules/index.js";
import type { Parameter } from "./parameter.js";

export interface AdamOptions {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
}

export const ADAM_DEFAULTS: AdamOptions = {
  lr: 1e-3, // PyTorch's default and the original runs' learning rate
  beta1: 0.9, // PyTorch default betas[0]
  beta2: 0.999, // PyTorch default betas[1]
  eps: 1e-8, // PyTorch default: added to √v̂, guards division by zero
  weightDecay: 0, // PyTorch default: no L2 penalty
};

/** One parameter's optimizer state, named like PyTorch's state dict entries. */
export interface AdamParamState {
  readonly name: string;
  readonly shape: readonly number[];
  readonly step: number;
  readonly expAvg: Float32Array; // m
  readonly expAvgSq: Float32Array; // v
}

export interface AdamState {
  readonly options: AdamOptions;
  readonly params: readonly AdamParamState[];
}

/** A rule on numbers: anything else breaks it. */
const num = (rule: string, ok: (v: number) => boolean) => param({ rule, test: (v) => typeof v === "number" && ok(v) });

const RULES = z.strictObject({
  lr: num("must be a finite number ≥ 0", (v) => Number.isFinite(v) && v >= 0),
  beta1: num("must be in [0, 1)", (v) => v >= 0 && v < 1),
  beta2: num("must be in [0, 1)", (v) => v >= 0 && v < 1),
  eps: num("must be a finite number > 0", (v) => Number.isFinite(v) && v > 0),
  weightDecay: num("must be a finite number ≥ 0", (v) => Number.isFinite(v) && v >= 0),
} satisfies Record<keyof AdamOptions, unknown>);

export function resolveAdamOptions(options: Partial<AdamOptions>, fn = "Adam()"): AdamOptions {
  const resolved = { ...ADAM_DEFAULTS, ...options };
  checkOptions(fn, RULES, resolved, "options.");
  return resolved;
}

export class Adam {
  private opts: AdamOptions;
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  private readonly steps: number[];

  constructor(readonly params: readonly Parameter[], readonly kernels: Kernels, options: Partial<AdamOptions> = {}) {
    this.opts = resolveAdamOptions(options);
    this.m = params.map((p) => kernels.alloc(p.data.length)); // alloc zero-fills
    this.v = params.map((p) => kernels.alloc(p.data.length));
    this.steps = params.map(() => 0);
  }

  get options(): AdamOptions { return this.opts; }

  /** Change hyper-parameters (e.g. a fine-tuning learning rate) while keeping the moments. */
  setOptions(options: Partial<AdamOptions>): void {
    this.opts = resolveAdamOptions({ ...this.opts, ...options }, "Adam.setOptions()");
  }

  /** One update of every non-frozen parameter from its accumulated gradient (allocates nothing: it runs every batch). */
  step(): void {
    const { lr, beta1, beta2, eps, weightDecay } = this.opts;
    for (let i = 0; i < this.params.length; i++) {
      const p = this.params[i];
      if (p.frozen) continue;
      this.steps[i] += 1;
      this.kernels.adamStep(p.data.length, p.data, p.grad, this.m[i], this.v[i], lr, beta1, beta2, eps, weightDecay, this.steps[i]);
    }
  }

  /** Forget the moments and step counts (fine-tuning with a fresh optimizer). */
  reset(): void {
    this.m.forEach((a) => a.fill(0));
    this.v.forEach((a) => a.fill(0));
    this.steps.fill(0);
  }

  /** A copy of the state, detached from kernel memory. */
  exportState(): AdamState {
    return {
      options: { ...this.opts },
      params: this.params.map((p, i) => ({
        name: p.name, shape: [...p.shape], step: this.steps[i], expAvg: this.m[i].slice(), expAvgSq: this.v[i].slice(),
      })),
    };
  }

  /** Restore a state exported from an optimizer over the same parameters (names and shapes). */
  importState(state: AdamState): void {
    const byName = new Map(state.params.map((s) => [s.name, s]));
    this.params.forEach((p) => {
      const s = byName.get(p.name);
      if (!s) throw new Error(`Adam.importState(): state has no entry for parameter ${p.name}; it holds ${[...byName.keys()].join(", ")}`);
      if (s.expAvg.length !== p.data.length || s.expAvgSq.length !== p.data.length) {
        throw new Error(`Adam.importState(): ${p.name} state has ${s.expAvg.length}/${s.expAvgSq.length} values but the parameter has ${p.data.length} [${p.shape.join(", ")}]; the checkpoint is for another architecture`);
      }
      if (!Number.isInteger(s.step) || s.step < 0) throw new Error(`Adam.importState(): ${p.name} step must be an integer ≥ 0, got ${s.step}`);
    });
    this.opts = resolveAdamOptions(state.options, "Adam.importState()");
    this.params.forEach((p, i) => {
      const s = byName.get(p.name)!;
      this.m[i].set(s.expAvg);
      this.v[i].set(s.expAvgSq);
      this.steps[i] = s.step;
    });
  }

  dispose(): void {
    for (const a of [...this.m, ...this.v]) this.kernels.free(a);
  }
}
