import { categoricalColor, renderFigure, type Layer } from "../../plot/index.js";
import type { Finding, FindingResult, Statistic } from "../finding.js";
import { ACTIVATIONS, activationNetworks, type ActivationNetwork } from "./activationNetworks.js";
import { roughnessNoiseFloor, smallScaleRoughness, trendWidth } from "./curveMeasures.js";
import { aboveZero, tStatistic, verdictOf } from "./statistics.js";

const DEG = 180 / Math.PI;

/** Per network: small-scale roughness of I(θ), its bootstrap noise floor, and their difference. */
export interface RoughnessRow {
  activation: string;
  roughness: number;
  floor: number;
}

export function roughnessRows(networks: readonly ActivationNetwork[]): RoughnessRow[] {
  return networks.map((n) => ({
    activation: n.activation,
    roughness: smallScaleRoughness(n.test.fisher),
    floor: roughnessNoiseFloor(n.test.fisher, n.boots.map((b) => b.fisher)),
  }));
}

/**
 * Verdict rule: for each activation, the 95% t interval (over its networks) of roughness − noise
 * floor must lie above 0. Reproduced when it does for every activation, not reproduced when for
 * none, mixed otherwise.
 */
export function analyzeRoughness(rows: readonly RoughnessRow[]): { statistics: Statistic[]; verdict: FindingResult["verdict"]; reason: string; real: string[] } {
  const statistics: Statistic[] = [];
  const held: boolean[] = [];
  const real: string[] = [];
  const activations = [...new Set(rows.map((r) => r.activation))].sort((a, b) => ACTIVATIONS.indexOf(a as never) - ACTIVATIONS.indexOf(b as never));
  for (const a of activations) {
    const rs = rows.filter((r) => r.activation === a);
    statistics.push(tStatistic(`${a}: small-scale roughness of I(θ) (mean |Δ log I|, trend removed)`, rs.map((r) => r.roughness)));
    statistics.push(tStatistic(`${a}: noise floor (same networks, bootstrap of identities)`, rs.map((r) => r.floor)));
    const excess = tStatistic(`${a}: roughness − noise floor`, rs.map((r) => r.roughness - r.floor));
    statistics.push(excess);
    held.push(aboveZero(excess));
    if (aboveZero(excess)) real.push(a);
  }
  const verdict = verdictOf(held);
  const reason = verdict === "reproduced"
    ? `For every activation the 95% interval of roughness − noise floor lies above 0: I(θ) is rougher than the estimator's own noise, so the roughness is a property of the networks.`
    : verdict === "not reproduced"
      ? `For no activation does the 95% interval of roughness − noise floor lie above 0: the measured roughness is within what resampling the identities produces, i.e. measurement noise.`
      : `The roughness exceeds the noise floor beyond its interval for ${real.join(", ")} only; for the other activations it is within measurement noise.`;
  return { statistics, verdict, reason, real };
}

export const roughnessFinding: Finding = {
  id: 1,
  slug: "roughness",
  title: "I(θ) is rough",
  claim: "Fisher information measurements are very rough: they change quickly with small changes of the input angle.",
  experiments: ["activations"],
  analyze(ctx) {
    const networks = activationNetworks(ctx.dir("activations"));
    const rows = roughnessRows(networks);
    const { statistics, verdict, reason } = analyzeRoughness(rows);
    const n = networks[0].test.theta.length;
    const boots = Math.max(...networks.map((x) => x.boots.length));
    const measured = `${networks.length} networks (4096-60-20-2 MLPs, ${[...new Set(networks.map((x) => x.activation))].join(", ")}; pretrained on uniform angles of the textures bank) measured by the derivative estimator on the output layer at ${n} angles over 360°, on the 50 test identities and on ${boots} bootstrap resamples of them. Roughness = mean |Δ log I| between neighbouring angles of I(θ) divided by its ${Math.round((trendWidth(n) * 360) / n)}° moving average (the small-scale part); noise floor = the same measure of I_boot(θ)/I(θ), averaged over resamples.`;
    return { measured, statistics, verdict, reason, figures: [roughnessFigure(networks, rows)] };
  },
};

function roughnessFigure(networks: readonly ActivationNetwork[], rows: readonly RoughnessRow[]): { name: string; caption: string; svg: string } {
  const first = networks[0];
  const x = first.test.theta.map((t) => t * DEG);
  const curves: Layer[] = [
    ...first.boots.map((b): Layer => ({ kind: "line", x, y: b.fisher, color: "#E69F00", width: 0.8, opacity: 0.7 })),
    { kind: "line", x, y: first.test.fisher, color: "#0072B2", width: 1.6 },
  ];
  const acts = [...new Set(rows.map((r) => r.activation))];
  const points: Layer[] = [];
  acts.forEach((a, k) => {
    const rs = rows.filter((r) => r.activation === a);
    points.push({ kind: "points", x: rs.map((_, j) => k + 1 - 0.12 + (0.24 * j) / Math.max(1, rs.length - 1)), y: rs.map((r) => r.roughness), color: categoricalColor(0), radius: 3.5 });
    points.push({ kind: "points", x: rs.map((_, j) => k + 1 - 0.12 + (0.24 * j) / Math.max(1, rs.length - 1)), y: rs.map((r) => r.floor), color: categoricalColor(1), radius: 3 });
  });
  const svg = renderFigure({
    title: "Roughness of I(θ) against the estimator's noise floor",
    caption: "Left: one network's I(θ) on the test identities (blue) and on bootstrap resamples of them (orange). Right: per network, the small-scale roughness (blue) and the noise floor (orange); blue well above orange means the roughness is real.",
    panels: [
      { title: `${first.activation}, replicate ${first.replicate}`, x: { label: "θ (deg)", domain: [0, 360] }, y: { label: "I(θ) (rad⁻²)", log: true }, layers: curves },
      { title: "roughness vs noise floor per network", x: { label: acts.map((a, k) => `${k + 1} ${a}`).join(", "), domain: [0.5, acts.length + 0.5] }, y: { label: "mean |Δ log I|", includeZero: true }, layers: points },
    ],
    legend: [
      { label: "I(θ), test identities / roughness", color: "#0072B2", kind: "line" },
      { label: "bootstrap of identities / noise floor", color: "#E69F00", kind: "line" },
    ],
    shareX: false, shareY: false, columns: 2,
  });
  return { name: "roughness", caption: "I(θ) of one network with its bootstrap resamples, and each network's roughness against its noise floor.", svg };
}
