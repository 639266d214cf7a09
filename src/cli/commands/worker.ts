import { defaultHandlers } from "../../experiments/index.js";
import { runQueueWorker, WorkerRefused } from "../../queue/index.js";
import { defineCommand } from "../command.js";
import { QUEUE, queueArgs, stringOption, workerCount, workers } from "../options/index.js";

const options = {
  ...QUEUE,
  ...workers("jobs at a time on this machine, each in its own thread (default 1)"),
  scratch: stringOption("where jobs run (default: a new folder under the system temp dir)"),
} as const;

const usage = "fisherlab worker --queue redis://HOST:PORT [--workers N] [--scratch DIR] [--token T]";

/** `fisherlab worker`: serve a coordinator's queue until SIGINT/SIGTERM; exit 2 when refused (token, version). */
export const workerCommand = defineCommand({
  name: "worker",
  summary: "take jobs of a sweep started with `sweep --queue` (any machine; stop with Ctrl-C)",
  usage,
  options,
  noPositionals: true,
  async run(args) {
    const q = queueArgs(args);
    const threads = workerCount(args, { fallback: 1, min: 1 });
    const abort = new AbortController();
    const onSignal = () => { process.stderr.write("fisherlab worker: stopping after the running jobs (signal again to kill)\n"); abort.abort(); process.once("SIGINT", () => process.exit(130)); };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    try {
      await runQueueWorker({ ...q, workers: threads, scratch: args.values.scratch, handlers: defaultHandlers(), signal: abort.signal });
    } catch (err) {
      if (err instanceof WorkerRefused) { console.error(`fisherlab worker: ${err.message}`); return 2; }
      throw err;
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
    return 0;
  },
});
