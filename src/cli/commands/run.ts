import { existsSync } from "node:fs";
import { join } from "node:path";
import { helpText, numberOption, parseArgs, UsageError, type OptionSpec } from "../args.js";
import type { Command } from "../command.js";
import { outputDir } from "../outputPaths.js";
import { defaultHandlers, loadExperiment, MAIN_EXPERIMENT, parseExperiment, runSweep } from "../../experiments/index.js";
import { defaultWorkers, exitCodeFor } from "../../pool/index.js";
import { reportSummaryText } from "../../report/index.js";
import { formatDuration } from "../../io/index.js";
import { writeReport } from "./report.js";
import { printJobTally, storeFailureExits, withOverrides } from "./sweep.js";

const options: Record<string, OptionSpec> = {
  out: { type: "string", help: "results directory (default runs/<experiment name>)" },
  workers: { type: "string", help: "worker threads (default: one per core)" },
  set: { type: "list", help: "override the experiment's base config, e.g. train.max_epochs=20" },
  quiet: { type: "flag", help: "no progress lines" },
  help: { type: "flag", help: "show this help" },
};
/** How to read the printed summary (docs/report.md, "Exponent by fit window"). */
export const RUN_SUMMARY_NOTES = [
  "α: slope of log I on log p fitted per replicate network over a window of angles (all; p above 1%, 10%, 30% of its maximum);",
  "   mean [95% CI over replicates, t with R−1 df] from R ≥ 3 replicates. A slope that changes across windows means I(θ) is not a power law.",
  "   mean term: the same fit of μ′ᵀΣ⁻¹μ′ alone (derivative method). theory α: 2/(q+1) under a budget on ∫√I / 2/(q+2) under ∫I.",
  "near/far I: mean I within one circular sd of the training mode ÷ mean I beyond two; theory: the same ratio of p^α for each budget's α.",
];
const usage = "fisherlab run [EXP.yaml] [--out DIR] [--workers N] [--set path=value ...]";

/**
 * The main job: run an experiment (the built-in one by default) end to end — sweep, results
 * database, HTML report — and print a one-screen summary. Rerunning resumes.
 */
export const runCommand: Command = {
  name: "run",
  summary: "run an experiment end to end (default: the built-in one) and write its report",
  usage,
  options,
  async run(argv) {
    const args = parseArgs("run", argv, options);
    if (args.options.help) { console.log(helpText("run", this.summary, usage, options)); return 0; }
    const [specPath, ...extra] = args.positionals;
    if (extra.length > 0) throw new UsageError(`fisherlab run: give at most one experiment file; usage: ${usage}`);
    if (specPath !== undefined && !existsSync(specPath)) throw new UsageError(`fisherlab run: experiment file ${specPath} not found`);
    const spec = withOverrides(specPath === undefined ? parseExperiment(structuredClone(MAIN_EXPERIMENT)) : loadExperiment(specPath),
      (args.options.set as string[] | undefined) ?? [], "run");
    const out = outputDir("run", "out", (args.options.out as string | undefined) ?? join("runs", spec.name), "sweep");
    const workers = numberOption("run", args, "workers", defaultWorkers(), (v) => Number.isInteger(v) && v >= 0, "an integer ≥ 0 (0 runs jobs in this process)");
    const t0 = performance.now();
    console.log(`fisherlab run: experiment ${spec.name} → ${out} (${workers} worker${workers === 1 ? "" : "s"})`);
    const result = await storeFailureExits("run", runSweep(spec, { out, handlers: defaultHandlers(), workers, quiet: Boolean(args.options.quiet) }));
    if (typeof result === "number") return result;
    const r = result.report;
    const { path, data } = writeReport(out);
    console.log("");
    console.log(reportSummaryText(data));
    for (const line of RUN_SUMMARY_NOTES) console.log(line);
    printJobTally(r, ` · wall time ${formatDuration((performance.now() - t0) / 1000)}`);
    console.log(`results: ${result.store.database}`);
    console.log(`report:  ${path}`);
    console.log(`browse:  npx fisherlab serve ${out}   (live dashboard on 127.0.0.1; docs/dashboard.md)`);
    return exitCodeFor(r);
  },
};
