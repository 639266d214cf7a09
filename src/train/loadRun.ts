import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { defaultKernels, type Kernels } from "../engine/index.js";
import { loadConfig, type Config } from "../config/index.js";
import { loadMlp, type Mlp } from "../nn/index.js";
import { RUN_FILES } from "../rundir/index.js";
import type { RunSummary } from "./runSummary.js";

/** A finished run directory, loaded: the network with its best weights, the resolved config and the summary. */
export interface LoadedRun {
  readonly dir: string;
  /** the best weights (model.safetensors); call `network.dispose()` when done */
  readonly network: Mlp;
  readonly config: Config;
  readonly summary: RunSummary;
}

export interface LoadRunOptions {
  /** compute kernels for the network; default: the process-wide wasm kernels */
  readonly kernels?: Kernels;
}

/**
 * Load a finished run (one `train` or `fineTune` wrote). Errors name the missing or corrupt file
 * (NaN/Inf weights included) and what to do about it.
 */
export function loadRun(dir: string, options: LoadRunOptions = {}): LoadedRun {
  const fn = "loadRun()";
  if (typeof dir !== "string" || !existsSync(dir)) throw new Error(`${fn}: run directory ${JSON.stringify(dir)} does not exist; pass the --out directory of a finished train or finetune run`);
  const configPath = join(dir, RUN_FILES.config), modelPath = join(dir, RUN_FILES.model), summaryPath = join(dir, RUN_FILES.summary);
  if (!existsSync(configPath)) throw new Error(`${fn}: ${dir} has no ${RUN_FILES.config}; it is not a run directory`);
  if (!existsSync(summaryPath) || !existsSync(modelPath)) {
    throw new Error(`${fn}: ${dir} holds an unfinished run (no ${existsSync(summaryPath) ? RUN_FILES.model : RUN_FILES.summary}); finish it with \`fisherlab train --out ${dir} --resume\``);
  }
  const config = loadConfig(configPath);
  let summary: RunSummary;
  try {
    summary = JSON.parse(readFileSync(summaryPath, "utf8")) as RunSummary;
  } catch {
    throw new Error(`${fn}: ${summaryPath} is not valid JSON; the run directory is damaged — retrain it with --force`);
  }
  const network = loadMlp(modelPath, options.kernels ?? defaultKernels());
  const m = config.model, s = network.spec;
  if (JSON.stringify([m.hidden, m.activation, m.encoding]) !== JSON.stringify([s.hidden, s.activation, s.encoding])) {
    network.dispose();
    throw new Error(`${fn}: ${modelPath} holds a ${s.inputSize}-${s.hidden.join("-")}-${s.outputSize} ${s.activation}/${s.encoding} network but ${configPath} describes hidden [${m.hidden.join(", ")}], ${m.activation}, ${m.encoding}; the files are from different runs`);
  }
  return { dir, network, config, summary };
}
