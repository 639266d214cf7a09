import { existsSync } from "node:fs";
import { defaultHandlers, loadExperiment, runSweep, withOverrides, type SweepResult } from "../../experiments/index.js";
import { exitCodeFor, type HandlerRegistry } from "../../pool/index.js";
import { QUEUE_DEFAULTS, runQueuedSweep } from "../../queue/index.js";
import { defineCommand, type Command } from "../command.js";
import { integerValue, numberValue, out, QUEUE, queueArgs, QUIET, quietValue, requireValue, set, setValues, stringOption, workerCount, workers } from "../options/index.js";
import { outputDir } from "../outputPaths.js";
import { printJobTally, storeFailureExits } from "../sweepOutcome.js";
import { UsageError } from "../usageError.js";

const QUEUED_ONLY = {
  bind: stringOption("with --queue: address of the file endpoint workers use (default 127.0.0.1: this machine only)"),
  port: stringOption("with --queue: port of the file endpoint (default: any free port)"),
  advertise: stringOption("with --queue: host[:port] workers reach the endpoint at (default: the bind address)"),
  attempts: stringOption(`with --queue: tries per job before it is recorded as failed (default ${QUEUE_DEFAULTS.attempts})`),
  backoff: stringOption(`with --queue: seconds before the first retry, doubling (default ${QUEUE_DEFAULTS.backoffSeconds})`),
  "stall-seconds": stringOption(`with --queue: a lost worker's job is handed on after this long (default ${QUEUE_DEFAULTS.stallSeconds})`),
} as const;

const options = {
  ...out("output directory: runs/, sweep.json, results.duckdb, parquet/"),
  ...workers(),
  ...set("override the experiment's base config, e.g. train.max_epochs=20"),
  ...QUIET,
  ...QUEUE,
  ...QUEUED_ONLY,
} as const;

/**
 * `fisherlab sweep EXP.yaml --out DIR [--workers N] [--set k=v ...]`, given the job handlers
 * (the lead registers the real train/finetune/adapt modules). Exit code: the number of failed jobs.
 */
export function createSweepCommand(handlers: HandlerRegistry, name = "sweep"): Command {
  const usage = `fisherlab ${name} EXP.yaml --out DIR [--workers N] [--set path=value ...] [--queue redis://HOST:PORT [--bind ADDR] ...]`;
  return defineCommand({
    name, usage, options,
    summary: "run an experiment's conditions × replicates × stages on all cores; rerun to resume",
    async run(args) {
      const [specPath, ...extra] = args.positionals;
      if (!specPath || extra.length > 0) throw new UsageError(`fisherlab ${name}: give exactly one experiment file, got ${args.positionals.length}; usage: ${usage}`);
      if (!existsSync(specPath)) throw new UsageError(`fisherlab ${name}: experiment file ${specPath} not found`);
      const outDir = outputDir(name, "out", requireValue(args, "out", "where run directories and results.duckdb go"), "sweep");
      const spec = withOverrides(loadExperiment(specPath), setValues(args), `fisherlab ${name}`);
      const quiet = quietValue(args);
      let result: SweepResult;
      if (args.values.queue !== undefined) {
        if (args.values.workers !== undefined) throw new UsageError(`fisherlab ${name}: --workers is for local sweeps; with --queue, start \`fisherlab worker --workers N\` on each machine`);
        const seconds = (key: "backoff" | "stall-seconds", fallback: number) => numberValue(args, key, fallback, (v) => v > 0, "a number of seconds > 0");
        const queued = await storeFailureExits(name, runQueuedSweep(spec, {
          ...queueArgs(args), out: outDir, quiet, bind: args.values.bind, advertise: args.values.advertise,
          port: integerValue(args, "port", 0, 0), attempts: integerValue(args, "attempts", QUEUE_DEFAULTS.attempts, 1),
          backoffSeconds: seconds("backoff", QUEUE_DEFAULTS.backoffSeconds), stallSeconds: seconds("stall-seconds", QUEUE_DEFAULTS.stallSeconds),
        }));
        if (typeof queued === "number") return queued;
        result = queued;
      } else {
        for (const key of ["token", "queue-name", "bind", "port", "advertise", "attempts", "backoff", "stall-seconds"] as const) {
          if (args.values[key] !== undefined) throw new UsageError(`fisherlab ${name}: --${key} only applies with --queue redis://HOST:PORT`);
        }
        const local = await storeFailureExits(name, runSweep(spec, { out: outDir, handlers, workers: workerCount(args), quiet }));
        if (typeof local === "number") return local;
        result = local;
      }
      printJobTally(result.report);
      console.log(`results: ${result.store.database}`);
      return exitCodeFor(result.report);
    },
  });
}

export const sweepCommand: Command = createSweepCommand(defaultHandlers());
