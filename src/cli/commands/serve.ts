import { startDashboard } from "../../serve/index.js";
import { defineCommand } from "../command.js";
import { numberValue, stringOption } from "../options/index.js";
import { UsageError } from "../usageError.js";

const options = {
  host: stringOption("interface to bind (default 127.0.0.1: this machine only; the token is required either way)"),
  port: stringOption("port (default 8080; 0 = any free port)"),
  poll: stringOption("how often DIR is re-scanned for live updates, in ms (default 1000)"),
} as const;
const usage = "fisherlab serve DIR [--host 127.0.0.1] [--port 8080]";

export const serveCommand = defineCommand({
  name: "serve",
  summary: "browse a run, sweep or adaptation directory in a live local dashboard (and the in-browser playground)",
  usage,
  options,
  async run(args) {
    const [dir, ...extra] = args.positionals;
    if (!dir || extra.length > 0) throw new UsageError(`fisherlab serve: give exactly one results directory; usage: ${usage}`);
    const port = numberValue(args, "port", 8080, (v) => Number.isInteger(v) && v >= 0 && v <= 65535, "an integer in 0..65535");
    const pollMs = numberValue(args, "poll", 1000, (v) => Number.isFinite(v) && v >= 50, "a number of milliseconds ≥ 50");
    const server = await startDashboard({ dir, host: args.values.host, port, pollMs });
    console.log(`fisherlab serve: ${server.live.rows.length} runs in ${dir}`);
    console.log(`open ${server.tokenUrl}`);
    console.log(`playground ${server.url}playground (same token cookie)  ·  Ctrl-C stops`);
    await new Promise<void>((resolveStop) => {
      const stop = () => { void server.close().then(resolveStop); };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    return 0;
  },
});
