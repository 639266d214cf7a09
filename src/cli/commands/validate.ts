import { fisherlabVersion, progress } from "../../io/index.js";
import {
  FULL_GRID, QUICK_GRID, VALIDATED_ESTIMATORS, gridCells, mergeStamps, readValidation, rejudge, runValidation, writeValidation, type CellResult,
} from "../../validate/index.js";
import { defineCommand } from "../command.js";
import { flagOption, out, seed, seedValue, stringOption } from "../options/index.js";
import { UsageError } from "../usageError.js";

const options = {
  quick: flagOption("one representative condition per estimator (what npm test runs, ~1 min)"),
  ...out("directory for validation.csv and validation.md (default validation)"),
  ...seed("seed of every planted dataset and estimator (default 0)"),
  only: stringOption("comma-separated estimators to run (default all)"),
  render: stringOption("re-render the tables from the validation.json of earlier runs (comma-separated: merged, e.g. runs of --only side by side) with the regimes declared now; no new datasets"),
} as const;
const usage = "fisherlab validate [--quick] [--out DIR] [--seed S] [--only sampling,derivative]\n   or: fisherlab validate --render a/validation.json[,b/validation.json] [--out DIR]";

export const validateCommand = defineCommand({
  name: "validate",
  summary: "calibrate every Fisher estimator on planted populations: bias, stderr/sd, coverage, declared regimes",
  usage,
  options,
  noPositionals: true,
  async run(args, argv) {
    const outDir = args.values.out ?? "validation";
    if (args.values.render !== undefined) {
      for (const k of ["quick", "only", "seed"] as const) if (args.values[k] !== undefined) throw new UsageError(`fisherlab validate: --render re-renders saved results and takes no --${k}; usage: ${usage}`);
      const saved = args.values.render.split(",").map((f) => readValidation(f.trim()));
      const results = rejudge(saved.flatMap((v) => v.results), VALIDATED_ESTIMATORS);
      const names = new Set(results.map((r) => r.estimator));
      const written = writeValidation(outDir, results, VALIDATED_ESTIMATORS.filter((e) => names.has(e.name)), {
        ...mergeStamps(saved.map((v) => v.stamp)), rendered: { version: fisherlabVersion(), date: new Date().toISOString().slice(0, 10) },
      });
      return summarize(results, written);
    }
    const seedNumber = seedValue(args, 0);
    const names = VALIDATED_ESTIMATORS.map((e) => e.name);
    const only = args.values.only === undefined ? names : args.values.only.split(",").map((s) => s.trim());
    for (const n of only) if (!names.includes(n)) throw new UsageError(`fisherlab validate: --only must list estimators among ${names.join(", ")}, got ${JSON.stringify(n)}`);
    const estimators = VALIDATED_ESTIMATORS.filter((e) => only.includes(e.name));
    const quick = Boolean(args.values.quick);
    const cells = gridCells(quick ? QUICK_GRID : FULL_GRID, estimators);
    const bar = progress(`validate${quick ? " --quick" : ""}`, cells.length);
    const start = Date.now();
    const results = runValidation(cells, seedNumber, (done, _total, last) => bar.update(done, `${last.estimator} N=${last.units} T/M=${last.samples} I=${last.fisher}`));
    bar.finish();
    const command = ["fisherlab validate", ...argv].join(" ");
    const written = writeValidation(outDir, results, estimators, {
      version: fisherlabVersion(), date: new Date().toISOString().slice(0, 10), command, seconds: (Date.now() - start) / 1000,
    });
    return summarize(results, written);
  },
});

function summarize(results: readonly CellResult[], written: { csv: string; markdown: string }): number {
  const inside = results.filter((r) => r.inRegime && r.refused === null);
  const failed = inside.filter((r) => !r.pass);
  console.error(`fisherlab validate: ${inside.length - failed.length} of ${inside.length} in-regime conditions meet the targets → ${written.csv}, ${written.markdown}`);
  for (const r of failed) console.error(`  outside target: ${r.estimator} N=${r.units} samples=${r.samples} I=${r.fisher} δ=${r.delta ?? "—"}: bias ${(100 * r.bias).toFixed(1)}% ± ${(100 * r.biasMcError).toFixed(1)}%, coverage ${r.coverage.toFixed(2)}`);
  return failed.length === 0 ? 0 : 1;
}
