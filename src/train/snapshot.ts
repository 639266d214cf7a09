import type { Adam, AdamState, Parameter } from "../nn/index.js";

/** What a snapshot copies: the trained network's parameters (the MLP, or a backbone top and the MLP). */
export interface HasParameters { parameters(): readonly Parameter[] }

/**
 * A copy of the network's weights and the optimizer's state at one moment (the best epoch so far),
 * detached from kernel memory. Early stopping restores it; fine-tuning starts from it.
 */
export interface Snapshot {
  /** one copy per parameter, in `network.parameters()` order */
  readonly weights: readonly Float32Array[];
  readonly adam: AdamState;
}

export function takeSnapshot(network: HasParameters, adam: Adam): Snapshot {
  return { weights: network.parameters().map((p) => p.data.slice()), adam: adam.exportState() };
}

/** Copy a snapshot back into the network (and, when given, the optimizer). */
export function restoreSnapshot(snapshot: Snapshot, network: HasParameters, adam?: Adam): void {
  const params = network.parameters();
  if (params.length !== snapshot.weights.length) {
    throw new Error(`restoreSnapshot(): snapshot holds ${snapshot.weights.length} tensors but the network has ${params.length}; it is from another architecture`);
  }
  params.forEach((p, i) => p.data.set(snapshot.weights[i]));
  if (adam) adam.importState(snapshot.adam);
}
