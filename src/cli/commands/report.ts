import { join } from "node:path";
import { helpText, parseArgs, UsageError, type OptionSpec } from "../args.js";
import type { Command } from "../command.js";
import { outputFile } from "../outputPaths.js";
import { writeFileAtomic } from "../../io/index.js";
import { loadReportData, renderReport } from "../../report/index.js";

const options: Record<string, OptionSpec> = {
  out: { type: "string", help: "HTML file to write (default DIR/report.html)" },
  method: { type: "string", help: "Fisher measurement to show, as METHOD:LAYER (default: the first the runs have)" },
  help: { type: "flag", help: "show this help" },
};
const usage = "fisherlab report DIR [--out report.html] [--method derivative:output]";

/** Write the HTML report of a sweep directory; returns its path. */
export function writeReport(dir: string, out = join(dir, "report.html"), method?: string): { path: string; data: ReturnType<typeof loadReportData> } {
  let primary: { method: string; layer: string } | undefined;
  if (method !== undefined) {
    const [m, layer] = method.split(":");
    if (!m || !layer) throw new UsageError(`fisherlab report: --method must be METHOD:LAYER (e.g. derivative:output), got ${JSON.stringify(method)}`);
    primary = { method: m, layer };
  }
  const data = loadReportData(dir, { primary, generatedAt: new Date().toISOString().replace("T", " ").slice(0, 16) + " UTC" });
  writeFileAtomic(out, renderReport(data));
  return { path: out, data };
}

export const reportCommand: Command = {
  name: "report",
  summary: "write the self-contained HTML report of a run, sweep, training or adaptation directory",
  usage,
  options,
  async run(argv) {
    const args = parseArgs("report", argv, options);
    if (args.options.help) { console.log(helpText("report", this.summary, usage, options)); return 0; }
    const [dir, ...extra] = args.positionals;
    if (!dir || extra.length > 0) throw new UsageError(`fisherlab report: give exactly one results directory; usage: ${usage}`);
    const out = args.options.out === undefined ? undefined : outputFile("report", "out", args.options.out as string, [".html"]);
    const { path } = writeReport(dir, out, args.options.method as string | undefined);
    console.log(path);
    return 0;
  },
};
