import type { Command } from "../command.js";
import { helpText, numberOption, parseArgs, UsageError, type OptionSpec } from "../args.js";
import { progress } from "../../io/index.js";
import { FULL_GRID, QUICK_GRID, VALIDATED_ESTIMATORS, gridCells, mergeStamps, readValidation, rejudge, runValidation, writeValidation, type CellResult } from "../../validate/index.js";
import { fisherlabVersion } from "../../train/index.js";

const options: Record<string, OptionSpec> = {
  quick: { type: "flag", help: "one representative condition per estimator (what npm test runs, ~1 min)" },
  out: { type: "string", help: "directory for validation.csv and validation.md (default validation)" },
  seed: { type: "string", help: "seed of every planted dataset and estimator (default 0)" },
  only: { type: "string", help: "comma-separated estimators to run (default all)" },
  render: { type: "string", help: "re-render the tables from the validation.json of earlier runs (comma-separated: merged, e.g. runs of --only side by side) with the regimes declared now; no new datasets" },
  help: { type: "flag", help: "show this help" },
};
const usage = "fisherlab validate [--quick] [--out DIR] [--seed S] [--only sampling,derivative]\n   or: fisherlab validate --render a/validation.json[,b/validation.json] [--out DIR]";

export const validateCommand: Command = {
  name: "validate",
  summary: "calibrate every Fisher estimator on planted populations: bias, stderr/sd, coverage, declared regimes",
  usage,
  options,
  async run(argv) {
    const args = parseArgs("validate", argv, options);
    if (args.options.help) { console.log(helpText("validate", this.summary, usage, options)); return 0; }
    if (args.positionals.length > 0) throw new UsageError(`fisherlab validate: takes no positional arguments, got ${JSON.stringify(args.positionals[0])}; usage: ${usage}`);
    const seed = numberOption("validate", args, "seed", 0, (v) => Number.isInteger(v) && v >= 0, "a non-negative integer");
    const out = (args.options.out as string | undefined) ?? "validation";
    if (args.options.render !== undefined) {
      for (const k of ["quick", "only", "seed"]) if (args.options[k] !== undefined) throw new UsageError(`fisherlab validate: --render re-renders saved results and takes no --${k}; usage: ${usage}`);
      const saved = (args.options.render as string).split(",").map((f) => readValidation(f.trim()));
      const results = rejudge(saved.flatMap((v) => v.results), VALIDATED_ESTIMATORS);
      const names = new Set(results.map((r) => r.estimator));
      const written = writeValidation(out, results, VALIDATED_ESTIMATORS.filter((e) => names.has(e.name)), {
        ...mergeStamps(saved.map((v) => v.stamp)), rendered: { version: fisherlabVersion(), date: new Date().toISOString().slice(0, 10) },
      });
      return summarize(results, written);
    }
    const names = VALIDATED_ESTIMATORS.map((e) => e.name);
    const only = args.options.only === undefined ? names : (args.options.only as string).split(",").map((s) => s.trim());
    for (const n of only) if (!names.includes(n)) throw new UsageError(`fisherlab validate: --only must list estimators among ${names.join(", ")}, got ${JSON.stringify(n)}`);
    const estimators = VALIDATED_ESTIMATORS.filter((e) => only.includes(e.name));
    const quick = Boolean(args.options.quick);
    const cells = gridCells(quick ? QUICK_GRID : FULL_GRID, estimators);
    const bar = progress(`validate${quick ? " --quick" : ""}`, cells.length);
    const start = Date.now();
    const results = runValidation(cells, seed, (done, _total, last) => bar.update(done, `${last.estimator} N=${last.units} T/M=${last.samples} I=${last.fisher}`));
    bar.finish();
    const command = ["fisherlab validate", ...argv].join(" ");
    const written = writeValidation(out, results, estimators, {
      version: fisherlabVersion(), date: new Date().toISOString().slice(0, 10), command, seconds: (Date.now() - start) / 1000,
    });
    return summarize(results, written);
  },
};

function summarize(results: readonly CellResult[], written: { csv: string; markdown: string }): number {
  const inside = results.filter((r) => r.inRegime && r.refused === null);
  const failed = inside.filter((r) => !r.pass);
  console.error(`fisherlab validate: ${inside.length - failed.length} of ${inside.length} in-regime conditions meet the targets → ${written.csv}, ${written.markdown}`);
  for (const r of failed) console.error(`  outside target: ${r.estimator} N=${r.units} samples=${r.samples} I=${r.fisher} δ=${r.delta ?? "—"}: bias ${(100 * r.bias).toFixed(1)}% ± ${(100 * r.biasMcError).toFixed(1)}%, coverage ${r.coverage.toFixed(2)}`);
  return failed.length === 0 ? 0 : 1;
}
