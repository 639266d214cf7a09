// fisherlab's library API: one namespace per layer (each is that folder's index.ts), lowest first.
export * as engine from "./engine/index.js";
export * as io from "./io/index.js";
export * as math from "./math/index.js";
export * as plot from "./plot/index.js";
export * as nn from "./nn/index.js";
export * as stimuli from "./stimuli/index.js";
export * as fisher from "./fisher/index.js";
export * as config from "./config/index.js";
export * as rundir from "./rundir/index.js";
export * as pool from "./pool/index.js";
export * as train from "./train/index.js";
export * as measure from "./measure/index.js";
export * as adapt from "./adapt/index.js";
export * as experiments from "./experiments/index.js";
export * as report from "./report/index.js";
export * as study from "./study/index.js";
