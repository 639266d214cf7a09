// fisherlab's library API: one namespace per layer (each is that folder's index.ts).
export * as engine from "./engine/index.js";
export * as io from "./io/index.js";
export * as nn from "./nn/index.js";
export * as stimuli from "./stimuli/index.js";
export * as train from "./train/index.js";
export * as fisher from "./fisher/index.js";
export * as adapt from "./adapt/index.js";
export * as experiments from "./experiments/index.js";
export * as report from "./report/index.js";
