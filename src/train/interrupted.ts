/**
 * Thrown by `train`/`fineTune` when their AbortSignal fires (Ctrl-C in the CLI). The last
 * completed epoch's checkpoint and metrics are on disk; `resume` continues from them.
 */
export class TrainingInterrupted extends Error {
  constructor(readonly outDir: string, readonly completedEpochs: number) {
    super(`training interrupted after ${completedEpochs} completed epoch${completedEpochs === 1 ? "" : "s"}; its checkpoint is in ${outDir} — rerun with --resume to continue`);
    this.name = "TrainingInterrupted";
  }
}
