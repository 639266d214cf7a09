import type { ReportData } from "./reportData.js";

/**
 * Check a ReportData at the boundary so that plots can trust it: unique condition names, every
 * run / metrics row / curve naming a known condition, equal-length arrays, ascending θ grids.
 * Throws one-line errors naming the field and the value.
 */
export function validateReportData(data: ReportData): void {
  const where = "renderReport()";
  const names = new Set<string>();
  for (const c of data.conditions) {
    if (names.has(c.name)) throw new Error(`${where}: condition names must be unique, got "${c.name}" twice`);
    names.add(c.name);
    if (!(c.domain[1] > c.domain[0])) throw new Error(`${where}: condition "${c.name}" domain must have hi > lo, got [${c.domain.join(", ")}]`);
    const td = c.trainingDensity;
    if (td.theta.length === 0 || td.theta.length !== td.density.length) {
      throw new Error(`${where}: condition "${c.name}" trainingDensity needs equal, non-empty theta and density, got ${td.theta.length} and ${td.density.length}`);
    }
    checkAscending(td.theta, `condition "${c.name}" trainingDensity.theta`);
  }
  const known = (name: string, what: string) => {
    if (!names.has(name)) throw new Error(`${where}: ${what} names unknown condition "${name}"; add it to conditions`);
  };
  for (const r of data.runs) known(r.condition, `run (replicate ${r.replicate})`);
  for (const m of data.metrics) known(m.condition, `metrics row (replicate ${m.replicate}, epoch ${m.epoch})`);
  for (const f of data.fisher) {
    known(f.condition, `fisher curve (replicate ${f.replicate})`);
    const label = `fisher curve "${f.condition}" replicate ${f.replicate}`;
    if (f.theta.length < 2 || f.theta.length !== f.fisher.length) {
      throw new Error(`${where}: ${label} needs ≥ 2 points and equal theta/fisher lengths, got ${f.theta.length} and ${f.fisher.length}`);
    }
    if (f.stderr && f.stderr.length !== f.theta.length) throw new Error(`${where}: ${label} stderr has ${f.stderr.length} values, expected ${f.theta.length}`);
    if (f.meanTerm && f.meanTerm.length !== f.theta.length) throw new Error(`${where}: ${label} meanTerm has ${f.meanTerm.length} values, expected ${f.theta.length}`);
    checkAscending(f.theta, label + " theta");
  }
  for (const it of data.adapt ?? []) {
    if (it.theta.length !== it.density.length || it.theta.length !== it.fisher.length) {
      throw new Error(`${where}: adapt iteration ${it.iteration} needs equal theta/density/fisher lengths, got ${it.theta.length}, ${it.density.length}, ${it.fisher.length}`);
    }
    checkAscending(it.theta, `adapt iteration ${it.iteration} theta`);
  }
}

function checkAscending(theta: readonly number[], what: string): void {
  for (let i = 0; i < theta.length; i++) {
    if (!Number.isFinite(theta[i])) throw new Error(`renderReport(): ${what} must be finite, got ${theta[i]} at index ${i}`);
    if (i > 0 && !(theta[i] > theta[i - 1])) throw new Error(`renderReport(): ${what} must be strictly ascending, got ${theta[i - 1]} then ${theta[i]} at index ${i}`);
  }
}
