import { copyFileSync, mkdirSync } from "node:fs";
import { basename, join } from "node:path";
import type { Command } from "../command.js";
import { helpText, numberOption, parseArgs, UsageError, type OptionSpec } from "../args.js";
import { formatLoad, runStudy, STUDY_OUT } from "../../study/index.js";
import { STUDY_FILES } from "../../rundir/index.js";
import { withSystemErrors } from "../../io/index.js";

const options: Record<string, OptionSpec> = {
  quick: { type: "flag", help: "every experiment at CI size (≤ 3 replicates, ≤ 12 epochs per stage, ≤ 48 angles; docs/study.md)" },
  out: { type: "string", help: "study directory (default study, or study-quick with --quick)" },
  docs: { type: "string", help: "also copy findings.md and its figures into this directory (e.g. docs)" },
  workers: { type: "string", help: "worker threads of each sweep (default: one per core)" },
  only: { type: "string", help: "comma-separated finding ids to run (default all), e.g. 1,4" },
  "report-only": { type: "flag", help: "run no job: analyse the runs that have finished and rewrite the report" },
  help: { type: "flag", help: "show this help" },
};
const usage = "fisherlab study [--quick] [--out DIR] [--docs DIR] [--workers N] [--only ID,...] [--report-only]";

export const studyCommand: Command = {
  name: "study",
  summary: "run the original study's findings as experiments and write the study report with a verdict per finding",
  usage,
  options,
  async run(argv) {
    const args = parseArgs("study", argv, options);
    if (args.options.help) { console.log(helpText("study", this.summary, usage, options)); return 0; }
    if (args.positionals.length > 0) throw new UsageError(`fisherlab study: takes no positional arguments, got ${JSON.stringify(args.positionals[0])}; usage: ${usage}`);
    const quick = Boolean(args.options.quick);
    const out = (args.options.out as string | undefined) ?? (quick ? STUDY_OUT.quick : STUDY_OUT.full);
    const workers = args.options.workers === undefined ? undefined
      : numberOption("study", args, "workers", 0, (v) => Number.isInteger(v) && v >= 0, "an integer >= 0 (0 runs jobs in this process)");
    let only: number[] | undefined;
    if (args.options.only !== undefined) {
      only = (args.options.only as string).split(",").map((s) => s.trim()).map((s) => {
        if (!/^\d+$/.test(s)) throw new UsageError(`fisherlab study: --only must be comma-separated finding ids such as 1,4, got ${JSON.stringify(s)}`);
        return Number(s);
      });
    }
    const command = ["fisherlab study", ...argv].join(" ");
    const result = await runStudy({ out, quick, workers, only, command, reportOnly: Boolean(args.options["report-only"]), onProgress: (line) => console.error(line) });
    for (const t of result.timings) console.error(`  ${t.experiment}: ${t.finished} of ${t.jobs} jobs finished, ${t.seconds.toFixed(0)} s${t.fromRunTimestamps ? " (run timestamps)" : ""} (load ${formatLoad(t.loadStart)} → ${formatLoad(t.loadEnd)}${t.failed ? `, ${t.failed} failed` : ""})`);
    console.error(`fisherlab study: sweeps ${result.totalSeconds.toFixed(0)} s in all → ${result.files.html}, ${result.files.markdown}`);
    for (const o of result.findings) console.log(`${o.finding.id}. ${o.finding.title}: ${o.result ? o.result.verdict : `not analysed (${o.error})`}`);
    const docs = args.options.docs as string | undefined;
    if (docs) {
      const figures = join(docs, STUDY_FILES.figures);
      withSystemErrors(figures, "create the directory", () => mkdirSync(figures, { recursive: true }));
      withSystemErrors(docs, "copy findings.md into", () => copyFileSync(result.files.markdown, join(docs, STUDY_FILES.markdown)));
      for (const f of result.files.figures) withSystemErrors(figures, "copy a figure into", () => copyFileSync(f, join(figures, basename(f))));
      console.error(`fisherlab study: copied ${STUDY_FILES.markdown} and ${result.files.figures.length} figures to ${docs}`);
    }
    const incomplete = result.timings.reduce((s, t) => s + t.jobs - t.finished, 0);
    return result.findings.some((o) => !o.result) || incomplete > 0 ? 1 : 0;
  },
};
