import { existsSync } from "node:fs";
import { helpText, numberOption, parseArgs, requireOption, UsageError, type OptionSpec } from "../args.js";
import type { Command } from "../command.js";
import { QUEUE_OPTIONS, queueArgs } from "../queueOptions.js";
import { QUEUE_DEFAULTS, runQueuedSweep } from "../../queue/index.js";
import { outputDir } from "../outputPaths.js";
import { applyOverridesRaw, TRAIN_CONFIG, type ConfigKind } from "../../config/index.js";
import { defaultHandlers, loadExperiment, runSweep, StoreNotBuilt, type ExperimentSpec, type SweepResult } from "../../experiments/index.js";
import { defaultWorkers, exitCodeFor, type HandlerRegistry, type PoolReport } from "../../pool/index.js";

const OPTIONS: Record<string, OptionSpec> = {
  out: { type: "string", help: "output directory: runs/, sweep.json, results.duckdb, parquet/" },
  workers: { type: "string", help: "worker threads (default: one per core)" },
  set: { type: "list", help: "override the experiment's base config, e.g. train.max_epochs=20" },
  quiet: { type: "flag", help: "no progress lines" },
  ...QUEUE_OPTIONS,
  bind: { type: "string", help: "with --queue: address of the file endpoint workers use (default 127.0.0.1: this machine only)" },
  port: { type: "string", help: "with --queue: port of the file endpoint (default: any free port)" },
  advertise: { type: "string", help: "with --queue: host[:port] workers reach the endpoint at (default: the bind address)" },
  attempts: { type: "string", help: `with --queue: tries per job before it is recorded as failed (default ${QUEUE_DEFAULTS.attempts})` },
  backoff: { type: "string", help: `with --queue: seconds before the first retry, doubling (default ${QUEUE_DEFAULTS.backoffSeconds})` },
  "stall-seconds": { type: "string", help: `with --queue: a lost worker's job is handed on after this long (default ${QUEUE_DEFAULTS.stallSeconds})` },
  help: { type: "flag", help: "show this help" },
};

/**
 * `fisherlab sweep EXP.yaml --out DIR [--workers N] [--set k=v ...]`, given the job handlers
 * (the lead registers the real train/finetune/adapt modules). Exit code: the number of failed jobs.
 */
export function createSweepCommand(handlers: HandlerRegistry, name = "sweep"): Command {
  const usage = `fisherlab ${name} EXP.yaml --out DIR [--workers N] [--set path=value ...] [--queue redis://HOST:PORT [--bind ADDR] ...]`;
  const summary = "run an experiment's conditions × replicates × stages on all cores; rerun to resume";
  return {
    name, summary, usage, options: OPTIONS,
    async run(argv) {
      const args = parseArgs(name, argv, OPTIONS);
      if (args.options.help) { console.log(helpText(name, summary, usage, OPTIONS)); return 0; }
      const [specPath, ...extra] = args.positionals;
      if (!specPath || extra.length > 0) throw new UsageError(`fisherlab ${name}: give exactly one experiment file, got ${args.positionals.length}; usage: ${usage}`);
      if (!existsSync(specPath)) throw new UsageError(`fisherlab ${name}: experiment file ${specPath} not found`);
      const out = outputDir(name, "out", requireOption(name, args, "out", "where run directories and results.duckdb go"), "sweep");
      const spec = withOverrides(loadExperiment(specPath), (args.options.set as string[] | undefined) ?? [], name);
      const quiet = Boolean(args.options.quiet);
      let result: SweepResult;
      if (args.options.queue !== undefined) {
        if (args.options.workers !== undefined) throw new UsageError(`fisherlab ${name}: --workers is for local sweeps; with --queue, start \`fisherlab worker --workers N\` on each machine`);
        const count = (key: string, fallback: number, min: number) => numberOption(name, args, key, fallback, (v) => Number.isInteger(v) && v >= min, `an integer >= ${min}`);
        const seconds = (key: string, fallback: number) => numberOption(name, args, key, fallback, (v) => v > 0, "a number of seconds > 0");
        const queued = await storeFailureExits(name, runQueuedSweep(spec, {
          ...queueArgs(name, args), out, quiet, bind: args.options.bind as string | undefined, advertise: args.options.advertise as string | undefined,
          port: count("port", 0, 0), attempts: count("attempts", QUEUE_DEFAULTS.attempts, 1),
          backoffSeconds: seconds("backoff", QUEUE_DEFAULTS.backoffSeconds), stallSeconds: seconds("stall-seconds", QUEUE_DEFAULTS.stallSeconds),
        }));
        if (typeof queued === "number") return queued;
        result = queued;
      } else {
        for (const key of ["token", "queue-name", "bind", "port", "advertise", "attempts", "backoff", "stall-seconds"]) {
          if (args.options[key] !== undefined) throw new UsageError(`fisherlab ${name}: --${key} only applies with --queue redis://HOST:PORT`);
        }
        const workers = numberOption(name, args, "workers", defaultWorkers(), (v) => Number.isInteger(v) && v >= 0, "an integer >= 0 (0 runs jobs in this process)");
        const local = await storeFailureExits(name, runSweep(spec, { out, handlers, workers, quiet }));
        if (typeof local === "number") return local;
        result = local;
      }
      printJobTally(result.report);
      console.log(`results: ${result.store.database}`);
      return exitCodeFor(result.report);
    },
  };
}

/**
 * A sweep whose jobs ran but whose results store could not be rebuilt (a full disk, say) exits
 * like any sweep — the number of failed jobs — and at least 1, after the tally and the reason.
 */
export async function storeFailureExits(command: string, sweep: Promise<SweepResult>): Promise<SweepResult | number> {
  try {
    return await sweep;
  } catch (err) {
    if (!(err instanceof StoreNotBuilt)) throw err;
    printJobTally(err.report);
    console.error(`fisherlab ${command}: ${err.message}`);
    return Math.max(1, exitCodeFor(err.report));
  }
}

/** The experiment with `--set` overrides applied to its base config (errors name the command). */
export function withOverrides(spec: ExperimentSpec, sets: readonly string[], command: string): ExperimentSpec {
  if (sets.length === 0) return spec;
  const kind = { ...TRAIN_CONFIG, fn: `fisherlab ${command}` } as ConfigKind<unknown>;
  return { ...spec, config: applyOverridesRaw(kind, spec.config, sets) as Record<string, unknown> };
}

/** The pool's tally and the first line of each failure; `suffix` is appended to the tally line. */
export function printJobTally(r: PoolReport, suffix = ""): void {
  console.log(`${r.total} jobs: ${r.finished} finished now, ${r.doneBefore} finished before, ${r.failed} failed, ${r.skipped} skipped${suffix}`);
  for (const o of r.outcomes.filter((x) => x.state === "failed")) console.log(`  failed ${o.run_id}: ${o.error?.split("\n")[0]}`);
}

export const sweepCommand: Command = createSweepCommand(defaultHandlers());
