import { helpText, numberOption, parseArgs, UsageError, type OptionSpec } from "../args.js";
import type { Command } from "../command.js";
import { startDashboard } from "../../serve/index.js";

const options: Record<string, OptionSpec> = {
  host: { type: "string", help: "interface to bind (default 127.0.0.1: this machine only; the token is required either way)" },
  port: { type: "string", help: "port (default 8080; 0 = any free port)" },
  poll: { type: "string", help: "how often DIR is re-scanned for live updates, in ms (default 1000)" },
  help: { type: "flag", help: "show this help" },
};
const usage = "fisherlab serve DIR [--host 127.0.0.1] [--port 8080]";

export const serveCommand: Command = {
  name: "serve",
  summary: "browse a run, sweep or adaptation directory in a live local dashboard (and the in-browser playground)",
  usage,
  options,
  async run(argv) {
    const args = parseArgs("serve", argv, options);
    if (args.options.help) { console.log(helpText("serve", this.summary, usage, options)); return 0; }
    const [dir, ...extra] = args.positionals;
    if (!dir || extra.length > 0) throw new UsageError(`fisherlab serve: give exactly one results directory; usage: ${usage}`);
    const port = numberOption("serve", args, "port", 8080, (v) => Number.isInteger(v) && v >= 0 && v <= 65535, "an integer in 0..65535");
    const pollMs = numberOption("serve", args, "poll", 1000, (v) => Number.isFinite(v) && v >= 50, "a number of milliseconds ≥ 50");
    const server = await startDashboard({ dir, host: args.options.host as string | undefined, port, pollMs });
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
};
