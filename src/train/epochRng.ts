import { createRng, type Rng } from "../engine/index.js";

/**
 * The random stream of one training epoch: a pure function of (seed, epoch), so that a resumed
 * run draws exactly the numbers the uninterrupted run drew. Consumers fork it by label
 * ("data", "shuffle", "dropout") so adding draws to one never shifts another.
 */
export function epochRng(seed: number, epoch: number): Rng {
  if (!Number.isInteger(epoch) || epoch < 1) throw new Error(`epochRng(): epoch must be an integer ≥ 1, got ${epoch}`);
  return createRng(seed).fork(`train.epoch.${epoch}`);
}

/** The stream that initialises the weights of a new network (independent of every epoch's). */
export function initRng(seed: number): Rng {
  return createRng(seed).fork("train.init");
}
