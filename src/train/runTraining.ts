/**
 * The one training loop behind `train` and `fineTune` (nanoGPT style: everything in order, in one
 * place). Per epoch: a fresh seeded sample of training images, shuffled, rendered chunk by chunk
 * into one reused buffer; mini-batch Adam steps with gradient clipping (frozen layers untouched);
 * validation; early stopping on the validation loss; metrics.csv and an atomic checkpoint. At the
 * end the best weights are restored, tested, and written with the optimizer state of that epoch.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";
import { defaultKernels, permutation, type Kernels } from "../engine/index.js";
import type { Config } from "../config/index.js";
import { createRunDir, markFailed, markFinished, RUN_FILES, writeRunConfig, writeSummary } from "../rundir/index.js";
import { fisherlabVersion, progress, writeCsv, writeFileAtomic } from "../io/index.js";
import { Adam, clipGradNorm, encodeAdamState, encodeAngles, saveMlp, type Mlp } from "../nn/index.js";
import { backboneFeatureMap, featureRenderer, featureStandardization, standardizedMap, withBackboneFeatures } from "./backboneFeatures.js";
import { createBackboneTop, saveBackboneTop } from "./backboneTop.js";
import type { TrainableTop } from "../backbone/index.js";
import { buildTrainingData } from "./buildTrainingData.js";
import type { TrainingData } from "./trainingData.js";
import { createChunkRenderer, type ChunkRenderer } from "./chunkRenderer.js";
import { readCheckpoint, writeCheckpoint, type LoopState } from "./checkpoint.js";
import { TRAIN_DEFAULTS } from "./defaults.js";
import { METRIC_COLUMNS, type EpochMetrics } from "./epochMetrics.js";
import { epochRng } from "./epochRng.js";
import { evaluate } from "./evaluate.js";
import { TrainingInterrupted } from "./interrupted.js";
import { lossFromConfig } from "./lossFromConfig.js";
import { applyFreeze, createNetwork } from "./network.js";
import type { RunSummary } from "./runSummary.js";
import { restoreSnapshot, takeSnapshot, type Snapshot } from "./snapshot.js";

export interface TrainOptions {
  /** the run directory (created; a finished run there is refused unless `force`) */
  readonly outDir: string;
  /** continue an unfinished run in `outDir` from its last completed epoch */
  readonly resume?: boolean;
  /** delete whatever `outDir` holds and start over */
  readonly force?: boolean;
  /** no progress output (undefined: quiet when FISHERLAB_QUIET=1) */
  readonly quiet?: boolean;
  /** aborting stops the run between chunks; the last completed epoch stays on disk (TrainingInterrupted) */
  readonly signal?: AbortSignal;
  /** compute kernels; default: the process-wide wasm kernels (defaultKernels()) */
  readonly kernels?: Kernels;
  /** called after each epoch, once its metrics and checkpoint are on disk */
  readonly onEpoch?: (row: EpochMetrics) => void;
  /**
   * false: the caller owns `outDir` and its status.json (the experiments job pool creates the
   * directory and marks it finished/failed); train only writes its own files. Default true.
   */
  readonly ownStatus?: boolean;
  /** render training images in a worker thread during the network's steps, when a second core exists (default false: TRAIN_DEFAULTS) */
  readonly renderWorker?: boolean;
}

export interface TrainResult {
  readonly outDir: string;
  readonly config: Config;
  readonly summary: RunSummary;
  readonly metrics: readonly EpochMetrics[];
  /** the network with its best weights (call `network.dispose()` when done with it) */
  readonly network: Mlp;
}

/** How a run begins when there is no checkpoint to resume from. */
export interface RunStart {
  readonly parent: string | null;
  readonly resetOptimizer: boolean | null;
  /** Set the initial weights and optimizer state (a new run keeps the seeded initialisation; `top`: the trainable backbone blocks, if any). */
  initialise(network: Mlp, adam: Adam, top: TrainableTop | null): void;
  /** Refuse data the start cannot use (e.g. a parent network's input size), before the run directory exists. */
  check?(data: TrainingData): void;
}

const now = (): number => performance.now() / 1000;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function runTraining(fn: string, config: Config, start: RunStart, options: TrainOptions): Promise<TrainResult> {
  const { outDir } = options;
  if (typeof outDir !== "string" || outDir.length === 0) throw new Error(`${fn}: options.outDir must be a directory path, got ${JSON.stringify(outDir)}`);
  const ownStatus = options.ownStatus ?? true;
  // everything the config can get wrong (source, files, split sizes, loss vs encoding) fails here,
  // before the run directory exists: a corrected rerun then needs no --force
  const raw = buildTrainingData(config);
  const loss = lossFromConfig(config);
  start.check?.(raw);
  const handle = ownStatus
    ? createRunDir(outDir, { force: options.force, resume: options.resume })
    : { resumed: Boolean(options.resume) && existsSync(join(outDir, RUN_FILES.checkpoint)) };
  if (!ownStatus) mkdirSync(outDir, { recursive: true });
  const attemptStart = now();
  let network: Mlp | null = null;
  let adam: Adam | null = null;
  const kernels = options.kernels ?? defaultKernels();
  let renderer: ChunkRenderer | null = null;
  let top: TrainableTop | null = null;
  try {
    if (handle.resumed) checkResumeConfig(fn, outDir, config);
    writeRunConfig(outDir, config);
    const checkpointPath = join(outDir, RUN_FILES.checkpoint);
    const resumeFrom = handle.resumed && existsSync(checkpointPath) ? readCheckpoint(checkpointPath) : null;

    // a backbone: the head trains on its (cached) features instead of the pixels; with trainable
    // blocks, the features are those below the blocks, which train with the head (docs/backbone.md)
    const backbone = config.model.backbone ? backboneFeatureMap(config.model.backbone, raw.source.height, raw.source.width, kernels) : null;
    const headFeatures = backbone && config.model.backbone?.standardize
      ? standardizedMap(backbone, featureStandardization(backbone, raw.source, config.data.split)) : backbone;
    const data = headFeatures ? withBackboneFeatures(raw, headFeatures) : raw;
    top = createBackboneTop(config, kernels);
    const net = createNetwork(config, top ? top.outputUnits : data.pixels, kernels);
    network = net;
    const params = [...(top?.parameters() ?? []), ...net.parameters()];
    const model = { parameters: () => params }; // what snapshots and checkpoints copy
    const opt = new Adam(params, kernels, { lr: config.train.lr });
    adam = opt;
    const encoding = config.model.encoding;
    const trained = trainedForward(net, top); // evaluation through the trainable blocks

    let state: LoopState;
    let best: Snapshot;
    if (resumeFrom) {
      const names = params.map((p) => p.name);
      if (JSON.stringify(names) !== JSON.stringify(resumeFrom.names)) {
        throw new Error(`${fn}: ${checkpointPath} holds tensors ${resumeFrom.names.join(", ")} but config.model builds ${names.join(", ")}; resume with the run's own config.yaml`);
      }
      restoreSnapshot(resumeFrom.current, model, opt);
      top?.sync();
      best = resumeFrom.best;
      state = resumeFrom.state;
    } else {
      start.initialise(net, opt, top);
      best = takeSnapshot(model, opt);
      state = { epoch: 0, bestEpoch: 0, bestValLoss: Infinity, badEpochs: 0, done: false, wallSeconds: 0, renderSeconds: 0, stepSeconds: 0, metrics: [] };
    }
    applyFreeze(net, config.train.freeze);
    opt.setOptions({ lr: config.train.lr }); // a fine-tune keeps the parent's moments, not its learning rate

    const { batch_size: batchSize, grad_clip: gradClip, patience, max_epochs: maxEpochs } = config.train;
    const pixels = data.pixels, n = data.trainSize;
    // a whole number of mini-batches per chunk, so no mini-batch straddles two renders
    const chunk = Math.max(1, Math.floor(TRAIN_DEFAULTS.renderChunk / batchSize)) * batchSize;
    renderer = createChunkRenderer(raw, Math.min(chunk, n), options.renderWorker ?? TRAIN_DEFAULTS.renderWorker, kernels);
    if (headFeatures) renderer = featureRenderer(renderer, headFeatures);
    const batchAngles = new Float64Array(batchSize);
    const target = new Float32Array(2 * batchSize);
    const gradOut = new Float32Array(2 * batchSize);
    const topGrad = top ? new Float32Array(batchSize * top.outputUnits) : null; // d(loss)/d(head input)
    const bar = progress(`train ${outDir}`, maxEpochs, { quiet: options.quiet });
    const wallBase = state.wallSeconds;
    if (state.epoch > 0) bar.update(state.epoch, `resumed after epoch ${state.epoch}`);

    while (!state.done) {
      const epoch = state.epoch + 1;
      const t0 = now();
      const rng = epochRng(config.seed, epoch);
      const sample = data.epochSample(rng.fork("data"));
      const order = permutation(n, rng.fork("shuffle"));
      const dropoutRng = rng.fork("dropout");
      let lossSum = 0, renderSeconds = 0, stepSeconds = 0;
      const rows = (c: number): Int32Array => order.subarray(c, Math.min(c + chunk, n));
      renderer.start(sample, rows(0));
      for (let c = 0; c < n; c += chunk) {
        const indices = rows(c), m = indices.length;
        const tr = now();
        // in kernel memory, read in place; with a render worker mostly rendered during the last chunk's steps
        const images = renderer.finish();
        if (c + chunk < n) renderer.start(sample, rows(c + chunk));
        const ts = now();
        renderSeconds += ts - tr;
        for (let b0 = 0; b0 < m; b0 += batchSize) {
          const b = Math.min(batchSize, m - b0);
          for (let i = 0; i < b; i++) batchAngles[i] = sample.angles[indices[b0 + i]];
          encodeAngles(encoding, batchAngles.subarray(0, b), target);
          net.zeroGrad();
          top?.zeroGrad();
          const x = images.subarray(b0 * pixels, (b0 + b) * pixels);
          const y = net.forward(top ? top.forward(x, b, true) : x, b, { train: true, rng: dropoutRng }); // [b, 2]
          const l = loss.evaluate(y, target, b, gradOut);
          if (!Number.isFinite(l)) {
            throw new Error(`${fn}: training diverged in epoch ${epoch}: the ${config.loss.name} loss of a mini-batch is ${l}; lower train.lr or train.grad_clip`);
          }
          lossSum += l * b;
          if (top && topGrad) {
            net.backward(gradOut, { inputGrad: topGrad });
            top.backward(topGrad);
          } else {
            net.backward(gradOut);
          }
          if (gradClip > 0) clipGradNorm(params, gradClip, kernels);
          opt.step();
          top?.sync(); // the forward GEMM reads the filters' transposed copies
        }
        stepSeconds += now() - ts;
        renderer.release(images);
        await yieldToEventLoop(); // lets Ctrl-C (and other handlers) run between chunks
        if (options.signal?.aborted) throw new TrainingInterrupted(outDir, state.epoch);
      }
      const val = evaluate(trained, loss, encoding, data.val);
      const improved = val.loss < state.bestValLoss;
      if (improved) best = takeSnapshot(model, opt);
      const row: EpochMetrics = {
        epoch, train_loss: lossSum / n, val_loss: val.loss, val_mae_deg: val.maeDeg, output_norm: val.outputNorm, seconds: now() - t0,
      };
      const badEpochs = improved ? 0 : state.badEpochs + 1;
      state = {
        epoch,
        bestEpoch: improved ? epoch : state.bestEpoch,
        bestValLoss: improved ? val.loss : state.bestValLoss,
        badEpochs,
        done: badEpochs >= patience || epoch >= maxEpochs,
        wallSeconds: wallBase + (now() - attemptStart),
        renderSeconds: state.renderSeconds + renderSeconds,
        stepSeconds: state.stepSeconds + stepSeconds,
        metrics: [...state.metrics, row],
      };
      writeCsv(join(outDir, RUN_FILES.metrics), METRIC_COLUMNS, state.metrics as unknown as Record<string, number>[]);
      writeCheckpoint(checkpointPath, {
        state, current: takeSnapshot(model, opt), best, names: params.map((p) => p.name), shapes: params.map((p) => p.shape),
      });
      bar.update(epoch, `val loss ${val.loss.toFixed(4)}, val MAE ${val.maeDeg.toFixed(1)}°, best epoch ${state.bestEpoch}`);
      options.onEpoch?.(row);
      if (options.signal?.aborted && !state.done) throw new TrainingInterrupted(outDir, state.epoch);
    }

    // best weights (and Adam's state at that epoch) back in, then the test split
    restoreSnapshot(best, model, opt);
    top?.sync();
    const test = evaluate(trained, loss, encoding, data.test);
    if (top) saveBackboneTop(join(outDir, RUN_FILES.backbone), top); // before the model: loadRun needs both once the summary exists
    saveMlp(join(outDir, RUN_FILES.model), net, { "fisherlab.best_epoch": String(state.bestEpoch) });
    writeFileAtomic(join(outDir, RUN_FILES.optimizer), encodeAdamState(best.adam));
    const bestRow = state.metrics.find((r) => r.epoch === state.bestEpoch);
    const summary: RunSummary = {
      best_epoch: state.bestEpoch,
      best_val_loss: state.bestValLoss,
      best_val_mae_deg: bestRow ? bestRow.val_mae_deg : NaN,
      test_loss: test.loss,
      test_mae_deg: test.maeDeg,
      test_output_norm: test.outputNorm,
      epochs: state.epoch,
      stopped_early: state.epoch < maxEpochs,
      wall_seconds: wallBase + (now() - attemptStart),
      render_seconds: state.renderSeconds,
      step_seconds: state.stepSeconds,
      render_worker: renderer.kind === "worker",
      fisherlab_version: fisherlabVersion(),
      seed: config.seed,
      parent: start.parent,
      reset_optimizer: start.resetOptimizer,
      kernels: kernels.name,
      ...(backbone ? { backbone_feature_cache: { ...backbone.stats } } : {}),
    };
    writeSummary(outDir, summary as unknown as Record<string, unknown>);
    if (ownStatus) markFinished(outDir);
    bar.finish(`best epoch ${state.bestEpoch}: val MAE ${summary.best_val_mae_deg.toFixed(1)}°, test MAE ${test.maeDeg.toFixed(1)}°`);
    return { outDir, config, summary, metrics: state.metrics, network: net };
  } catch (err) {
    network?.dispose();
    if (ownStatus) markFailed(outDir, err);
    throw err;
  } finally {
    adam?.dispose();
    top?.dispose();
    await renderer?.close();
  }
}

/** The head, or the trainable backbone blocks and the head, as one eval-mode network for evaluate(). */
function trainedForward(net: Mlp, top: TrainableTop | null): Pick<Mlp, "inputSize" | "forward"> {
  if (!top) return net;
  return { inputSize: top.inputUnits, forward: (x, batch) => net.forward(top.forward(x, batch), batch) };
}

/** A resumed run must continue with the config it started with. */
function checkResumeConfig(fn: string, outDir: string, config: Config): void {
  const path = join(outDir, RUN_FILES.config);
  if (!existsSync(path)) return; // interrupted before its config was written: nothing to compare
  const stored = YAML.parse(readFileSync(path, "utf8")) as unknown;
  const diff = firstDifference(stored, config, "");
  if (diff !== null) {
    throw new Error(`${fn}: cannot resume ${outDir} with a different config: ${diff}; resume without --config/--set (the run's config.yaml is used) or start over with --force`);
  }
}

function firstDifference(a: unknown, b: unknown, path: string): string | null {
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      if (d !== null) return d;
    }
    return null;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? null : `${path} is ${JSON.stringify(a)} in config.yaml but ${JSON.stringify(b)} now`;
}
