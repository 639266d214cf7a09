import { writeReport } from "../../report/index.js";
import { defineCommand } from "../command.js";
import { out, stringOption } from "../options/index.js";
import { outputFile } from "../outputPaths.js";
import { UsageError } from "../usageError.js";

const options = {
  ...out("HTML file to write (default DIR/report.html)"),
  method: stringOption("Fisher measurement to show, as METHOD:LAYER (default: the first the runs have)"),
} as const;
const usage = "fisherlab report DIR [--out report.html] [--method derivative:output]";

export const reportCommand = defineCommand({
  name: "report",
  summary: "write the self-contained HTML report of a run, sweep, training or adaptation directory",
  usage,
  options,
  async run(args) {
    const [dir, ...extra] = args.positionals;
    if (!dir || extra.length > 0) throw new UsageError(`fisherlab report: give exactly one results directory; usage: ${usage}`);
    const outPath = args.values.out === undefined ? undefined : outputFile("report", "out", args.values.out, [".html"]);
    const { path } = writeReport(dir, outPath, primaryMeasurement(args.values.method));
    console.log(path);
    return 0;
  },
});

/** --method METHOD:LAYER, the Fisher measurement the report shows first. */
function primaryMeasurement(text: string | undefined): { method: string; layer: string } | undefined {
  if (text === undefined) return undefined;
  const [method, layer] = text.split(":");
  if (!method || !layer) throw new UsageError(`fisherlab report: --method must be METHOD:LAYER (e.g. derivative:output), got ${JSON.stringify(text)}`);
  return { method, layer };
}
