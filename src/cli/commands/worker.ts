import { helpText, numberOption, parseArgs, UsageError, type OptionSpec } from "../args.js";
import type { Command } from "../command.js";
import { QUEUE_OPTIONS, queueArgs } from "../queueOptions.js";
import { defaultHandlers } from "../../experiments/index.js";
import { runQueueWorker, WorkerRefused } from "../../queue/index.js";

const OPTIONS: Record<string, OptionSpec> = {
  ...QUEUE_OPTIONS,
  workers: { type: "string", help: "jobs at a time on this machine, each in its own thread (default 1)" },
  scratch: { type: "string", help: "where jobs run (default: a new folder under the system temp dir)" },
  help: { type: "flag", help: "show this help" },
};

const usage = "fisherlab worker --queue redis://HOST:PORT [--workers N] [--scratch DIR] [--token T]";
const summary = "take jobs of a sweep started with `sweep --queue` (any machine; stop with Ctrl-C)";

/** `fisherlab worker`: serve a coordinator's queue until SIGINT/SIGTERM; exit 2 when refused (token, version). */
export const workerCommand: Command = {
  name: "worker", summary, usage, options: OPTIONS,
  async run(argv) {
    const args = parseArgs("worker", argv, OPTIONS);
    if (args.options.help) { console.log(helpText("worker", summary, usage, OPTIONS)); return 0; }
    if (args.positionals.length > 0) throw new UsageError(`fisherlab worker: takes no positional arguments, got ${args.positionals.join(" ")}; usage: ${usage}`);
    const q = queueArgs("worker", args);
    const workers = numberOption("worker", args, "workers", 1, (v) => Number.isInteger(v) && v >= 1, "an integer >= 1");
    const abort = new AbortController();
    const onSignal = () => { process.stderr.write("fisherlab worker: stopping after the running jobs (signal again to kill)\n"); abort.abort(); process.once("SIGINT", () => process.exit(130)); };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    try {
      await runQueueWorker({ ...q, workers, scratch: args.options.scratch as string | undefined, handlers: defaultHandlers(), signal: abort.signal });
    } catch (err) {
      if (err instanceof WorkerRefused) { console.error(`fisherlab worker: ${err.message}`); return 2; }
      throw err;
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
    return 0;
  },
};
