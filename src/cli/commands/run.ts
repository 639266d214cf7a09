import { existsSync } from "node:fs";
import { join } from "node:path";
import { defaultHandlers, loadExperiment, MAIN_EXPERIMENT, parseExperiment, runSweep, withOverrides } from "../../experiments/index.js";
import { exitCodeFor } from "../../pool/index.js";
import { reportSummaryText, writeReport } from "../../report/index.js";
import { formatDuration } from "../../io/index.js";
import { defineCommand } from "../command.js";
import { out, QUIET, quietValue, set, setValues, workerCount, workers } from "../options/index.js";
import { outputDir } from "../outputPaths.js";
import { printJobTally, storeFailureExits } from "../sweepOutcome.js";
import { UsageError } from "../usageError.js";

const options = {
  ...out("results directory (default runs/<experiment name>)"),
  ...workers(),
  ...set("override the experiment's base config, e.g. train.max_epochs=20"),
  ...QUIET,
} as const;
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
export const runCommand = defineCommand({
  name: "run",
  summary: "run an experiment end to end (default: the built-in one) and write its report",
  usage,
  options,
  async run(args) {
    const [specPath, ...extra] = args.positionals;
    if (extra.length > 0) throw new UsageError(`fisherlab run: give at most one experiment file; usage: ${usage}`);
    if (specPath !== undefined && !existsSync(specPath)) throw new UsageError(`fisherlab run: experiment file ${specPath} not found`);
    const spec = withOverrides(specPath === undefined ? parseExperiment(structuredClone(MAIN_EXPERIMENT)) : loadExperiment(specPath),
      setValues(args), "fisherlab run");
    const outDir = outputDir("run", "out", args.values.out ?? join("runs", spec.name), "sweep");
    const threads = workerCount(args);
    const t0 = performance.now();
    console.log(`fisherlab run: experiment ${spec.name} → ${outDir} (${threads} worker${threads === 1 ? "" : "s"})`);
    const result = await storeFailureExits("run", runSweep(spec, { out: outDir, handlers: defaultHandlers(), workers: threads, quiet: quietValue(args) }));
    if (typeof result === "number") return result;
    const r = result.report;
    const { path, data } = writeReport(outDir);
    console.log("");
    console.log(reportSummaryText(data));
    for (const line of RUN_SUMMARY_NOTES) console.log(line);
    printJobTally(r, ` · wall time ${formatDuration((performance.now() - t0) / 1000)}`);
    console.log(`results: ${result.store.database}`);
    console.log(`report:  ${path}`);
    console.log(`browse:  npx fisherlab serve ${outDir}   (live dashboard on 127.0.0.1; docs/dashboard.md)`);
    return exitCodeFor(r);
  },
});
