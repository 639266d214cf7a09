import { copyFileSync, mkdirSync } from "node:fs";
import { basename, isAbsolute, join } from "node:path";
import { withSystemErrors } from "../../io/index.js";
import { STUDY_FILES } from "../../rundir/index.js";
import { formatLoad, runStudy, STUDY_OUT } from "../../study/index.js";
import { defineCommand } from "../command.js";
import { flagOption, out, stringOption, workerCount, workers } from "../options/index.js";
import { UsageError } from "../usageError.js";

const options = {
  quick: flagOption("every experiment at CI size (≤ 3 replicates, ≤ 12 epochs per stage, ≤ 48 angles; docs/study.md)"),
  ...out("study directory (default study, or study-quick with --quick)"),
  docs: stringOption("also copy findings.md and its figures into this directory (e.g. docs)"),
  ...workers("worker threads of each sweep (default: one per core; 0 runs the jobs in this process)"),
  only: stringOption("comma-separated finding ids to run (default all), e.g. 1,4"),
  "report-only": flagOption("run no job: analyse the runs that have finished and rewrite the report"),
} as const;
const usage = "fisherlab study [--quick] [--out DIR] [--docs DIR] [--workers N] [--only ID,...] [--report-only]";

export const studyCommand = defineCommand({
  name: "study",
  summary: "run the original study's findings as experiments and write the study report with a verdict per finding",
  usage,
  options,
  noPositionals: true,
  async run(args, argv) {
    const quick = Boolean(args.values.quick);
    const outDir = args.values.out ?? (quick ? STUDY_OUT.quick : STUDY_OUT.full);
    const only = args.values.only?.split(",").map((s) => s.trim()).map((s) => {
      if (!/^\d+$/.test(s)) throw new UsageError(`fisherlab study: --only must be comma-separated finding ids such as 1,4, got ${JSON.stringify(s)}`);
      return Number(s);
    });
    // the command as reports print it; an absolute --out is this machine's, so it is shown as DIR
    const command = ["fisherlab study", ...argv.map((a, i) => (argv[i - 1] === "--out" && isAbsolute(a) ? "DIR" : a.replace(/^--out=\/.*/, "--out=DIR")))].join(" ");
    const result = await runStudy({
      out: outDir, quick, workers: args.values.workers === undefined ? undefined : workerCount(args), only, command,
      reportOnly: Boolean(args.values["report-only"]), onProgress: (line) => console.error(line),
    });
    for (const t of result.timings) console.error(`  ${t.experiment}: ${t.finished} of ${t.jobs} jobs finished, ${t.seconds.toFixed(0)} s${t.fromRunTimestamps ? " (run timestamps)" : ""} (load ${formatLoad(t.loadStart)} → ${formatLoad(t.loadEnd)}${t.failed ? `, ${t.failed} failed` : ""})`);
    console.error(`fisherlab study: sweeps ${result.totalSeconds.toFixed(0)} s in all → ${result.files.html}, ${result.files.markdown}`);
    for (const o of result.findings) console.log(`${o.finding.id}. ${o.finding.title}: ${o.result ? o.result.verdict : `not analysed (${o.error})`}`);
    if (args.values.docs) copyToDocs(args.values.docs, result.files);
    const incomplete = result.timings.reduce((s, t) => s + t.jobs - t.finished, 0);
    return result.findings.some((o) => !o.result) || incomplete > 0 ? 1 : 0;
  },
});

/** --docs DIR: findings.md and its figures, so that `--docs docs` regenerates docs/findings.md. */
function copyToDocs(docs: string, files: { markdown: string; figures: string[] }): void {
  const figures = join(docs, STUDY_FILES.figures);
  withSystemErrors(figures, "create the directory", () => mkdirSync(figures, { recursive: true }));
  withSystemErrors(docs, "copy findings.md into", () => copyFileSync(files.markdown, join(docs, STUDY_FILES.markdown)));
  for (const f of files.figures) withSystemErrors(figures, "copy a figure into", () => copyFileSync(f, join(figures, basename(f))));
  console.error(`fisherlab study: copied ${STUDY_FILES.markdown} and ${files.figures.length} figures to ${docs}`);
}
