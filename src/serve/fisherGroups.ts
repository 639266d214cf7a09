import YAML from "yaml";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readCsv } from "../io/index.js";
import { equivalentDensity } from "../math/index.js";
import { CONFIG_FILE, fisherFileName } from "../rundir/index.js";
import { domainOf, fitPowerLaw, replicatePowerLaw, summariseCondition, theoreticalAlpha, trainingDensity,
  type FisherCurve, type PowerLawFit, type ReplicatePowerLaw, type ReportData } from "../report/index.js";
import type { RunIndex } from "./runIndex.js";

/** One group of runs (equal values of the group-by columns) and its I(θ) summary. */
export interface FisherGroup {
  name: string;
  runs: string[];
  loss: string;
  domain: [number, number];
  theta: number[];
  /** Replicate mean, replicate sd and the estimator's standard error of the mean, rad⁻². */
  mean: number[];
  sd: number[];
  se: number[];
  /** Each run's curve on the group's grid. */
  curves: number[][];
  /** Training density of the group's first run on the same grid, rad⁻¹. */
  density: number[];
  /** √I normalised to a density (rad⁻¹): comparable with p(θ). */
  equivalent: number[];
  /** Power law I ∝ p^α fitted on grid points whose p lies inside the window. */
  window: [number, number];
  pooledFit: PowerLawFit | null;
  replicateFit: ReplicatePowerLaw | null;
  theoryAlpha: number | null;
  /** True when the group's runs were trained on different densities (p(θ) is then the first run's only). */
  mixedDensity: boolean;
}

export interface FisherQuery {
  ids: string[];
  /** Flattened config keys to group by; empty = one group per run. */
  groupBy: string[];
  method: string;
  layer: string;
  /** Fit window on p(θ), rad⁻¹; null = no bound. */
  pLow: number | null;
  pHigh: number | null;
}

/**
 * I(θ) of the chosen runs, grouped, summarised with the report's own statistics (replicate mean
 * and sd, estimator standard error, equivalent density, power-law fits), so the dashboard and
 * `fisherlab report` agree number for number (docs/report.md).
 */
export function fisherGroups(index: RunIndex, q: FisherQuery): FisherGroup[] {
  const byGroup = new Map<string, { runs: string[]; curves: FisherCurve[]; config: Record<string, unknown>; densities: Set<string> }>();
  for (const id of q.ids) {
    const row = index.row(id), dir = index.runDir(id);
    if (!row || !dir) continue;
    const file = join(dir, fisherFileName(q.method, q.layer));
    if (!existsSync(file)) continue;
    const rows = readCsv(file).sort((a, b) => Number(a.theta) - Number(b.theta));
    const name = q.groupBy.length === 0 ? id : q.groupBy.map((k) => `${k}=${String(row.config[k] ?? "—")}`).join(" ");
    const g = byGroup.get(name) ?? { runs: [], curves: [], config: readConfig(dir), densities: new Set<string>() };
    g.densities.add(JSON.stringify(Object.entries(row.config).filter(([k]) => k.startsWith("data.distribution.") || k === "data.source")));
    g.runs.push(id);
    g.curves.push({ condition: name, replicate: g.curves.length, theta: rows.map((r) => Number(r.theta)), fisher: rows.map((r) => Number(r.fisher)),
      stderr: rows.map((r) => Number(r.stderr)) });
    byGroup.set(name, g);
  }
  const out: FisherGroup[] = [];
  for (const [name, g] of byGroup) {
    const config = g.config as Parameters<typeof domainOf>[0];
    const domain = domainOf(config);
    const loss = String(config.loss?.name ?? "cos_sim");
    const condition = { name, loss, domain, trainingDensity: trainingDensity(config, domain) };
    const data: ReportData = { title: "", conditions: [condition], runs: [], metrics: [], fisher: g.curves, config: "" };
    const s = summariseCondition(data, condition);
    const c = s.curves!, density = s.density!;
    const period = domain[1] - domain[0];
    const lo = q.pLow ?? -Infinity, hi = q.pHigh ?? Infinity;
    const inside = density.map((p) => p >= lo && p <= hi);
    const pick = (v: number[]) => v.filter((_, i) => inside[i]);
    out.push({
      name, runs: g.runs, loss, domain, theta: c.theta, mean: c.mean, sd: c.sd, se: c.measurementSe, curves: c.curves, density,
      equivalent: equivalentDensity(c.theta, c.mean, period),
      window: [lo, hi],
      pooledFit: fitPowerLaw(pick(density), pick(c.mean)),
      replicateFit: c.curves.length > 1 ? replicatePowerLaw(pick(density), c.curves.map(pick)) : null,
      theoryAlpha: theoreticalAlpha(loss).alpha,
      mixedDensity: g.densities.size > 1,
    });
  }
  return out;
}

function readConfig(dir: string): Record<string, unknown> {
  const path = join(dir, CONFIG_FILE);
  return existsSync(path) ? (YAML.parse(readFileSync(path, "utf8")) as Record<string, unknown>) ?? {} : {};
}
