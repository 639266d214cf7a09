import { categoricalColor, renderFigure, type Layer } from "../../plot/index.js";
import type { Finding, FindingResult, Statistic } from "../finding.js";
import { ACTIVATIONS, activationNetworks, SMOOTH_ACTIVATIONS, type ActivationNetwork } from "./activationNetworks.js";
import { trendWidth } from "./curveMeasures.js";
import { roughnessRows, type RoughnessRow } from "./roughness.js";
import { aboveZero, mean, tStatistic, verdictOf, welchStatistic } from "./statistics.js";

const DEG = 180 / Math.PI;

/**
 * Verdict rule: (a) the 95% Welch interval of mean roughness of non-smooth (relu, leaky_relu) minus
 * smooth (celu, tanh) networks lies above 0, and (b) every smooth activation's mean roughness is below
 * every non-smooth one's. Reproduced when both hold, mixed when one does, not reproduced when neither.
 */
export function analyzeNonlinearity(rows: readonly RoughnessRow[]): { statistics: Statistic[]; verdict: FindingResult["verdict"]; reason: string } {
  const statistics: Statistic[] = [];
  const activations = [...new Set(rows.map((r) => r.activation))].sort((a, b) => ACTIVATIONS.indexOf(a as never) - ACTIVATIONS.indexOf(b as never));
  const means = new Map<string, number>();
  for (const a of activations) {
    const values = rows.filter((r) => r.activation === a).map((r) => r.roughness);
    statistics.push(tStatistic(`${a}: small-scale roughness of I(θ)`, values));
    means.set(a, mean(values));
  }
  const smooth = rows.filter((r) => SMOOTH_ACTIVATIONS.includes(r.activation));
  const rough = rows.filter((r) => !SMOOTH_ACTIVATIONS.includes(r.activation));
  const diff = welchStatistic("roughness, non-smooth (relu, leaky_relu) − smooth (celu, tanh)", rough.map((r) => r.roughness), smooth.map((r) => r.roughness));
  statistics.push(diff);
  statistics.push(welchStatistic("roughness − noise floor, non-smooth − smooth", rough.map((r) => r.roughness - r.floor), smooth.map((r) => r.roughness - r.floor)));
  const smoothMeans = activations.filter((a) => SMOOTH_ACTIVATIONS.includes(a)).map((a) => means.get(a)!);
  const roughMeans = activations.filter((a) => !SMOOTH_ACTIVATIONS.includes(a)).map((a) => means.get(a)!);
  const ordered = smoothMeans.length > 0 && roughMeans.length > 0 && Math.max(...smoothMeans) < Math.min(...roughMeans);
  const separated = aboveZero(diff);
  const verdict = verdictOf([separated, ordered]);
  const order = [...means.entries()].sort((a, b) => a[1] - b[1]).map(([a]) => a).join(" < ");
  const reason = verdict === "reproduced"
    ? `Non-smooth activations give rougher I(θ) beyond the 95% interval, and every smooth activation is smoother than every non-smooth one (${order}).`
    : verdict === "mixed"
      ? (separated ? `Non-smooth activations are rougher on average beyond the interval, but the activations do not order cleanly (${order}).`
        : `The activations order as claimed (${order}), but the difference is within its 95% interval.`)
      : `Smooth activations are not smoother beyond noise: the interval of the difference includes or lies below 0 and the order is ${order}.`;
  return { statistics, verdict, reason };
}

export const nonlinearityFinding: Finding = {
  id: 5,
  slug: "nonlinearity",
  title: "Smooth non-linearities give smoother I(θ)",
  claim: "Smoother (differentiable) non-linearities result in smoother Fisher information.",
  experiments: ["activations"],
  analyze(ctx) {
    const networks = activationNetworks(ctx.dir("activations"));
    const rows = roughnessRows(networks);
    const { statistics, verdict, reason } = analyzeNonlinearity(rows);
    const n = networks[0].test.theta.length;
    const counts = ACTIVATIONS.map((a) => `${networks.filter((x) => x.activation === a).length} ${a}`).join(", ");
    const measured = `Networks pretrained on uniform angles (${counts}; 4096-60-20-2, textures bank), I(θ) of the output by the derivative estimator at ${n} angles on the 50 test identities. Roughness = mean |Δ log I| between neighbouring angles of I(θ) divided by its ${Math.round((trendWidth(n) * 360) / n)}° moving average (finding 1's measure); the noise floor (bootstrap of identities) is subtracted in the second comparison.`;
    return { measured, statistics, verdict, reason, figures: [activationFigure(networks, rows)] };
  },
};

function activationFigure(networks: readonly ActivationNetwork[], rows: readonly RoughnessRow[]): { name: string; caption: string; svg: string } {
  const acts = ACTIVATIONS.filter((a) => networks.some((n) => n.activation === a));
  const panels = acts.map((a) => {
    const net = networks.find((n) => n.activation === a)!;
    const r = rows[networks.indexOf(net)];
    const layers: Layer[] = [{ kind: "line", x: net.test.theta.map((t) => t * DEG), y: net.test.fisher, color: categoricalColor(acts.indexOf(a)), width: 1.2 },
      { kind: "text", fx: 0.97, fy: 0.92, text: `roughness ${r.roughness.toFixed(3)}`, anchor: "end" as const }];
    return { title: `${a}, replicate ${net.replicate}`, x: { label: "θ (deg)", domain: [0, 360] as [number, number] }, y: { label: "I(θ) (rad⁻²)", log: true }, layers };
  });
  const svg = renderFigure({
    title: "I(θ) of one network per activation",
    caption: "The same estimator on networks that differ only in their activation: compare the small-scale wiggles of smooth (celu, tanh) and non-smooth (relu, leaky_relu) activations.",
    panels, columns: 2, shareY: false,
  });
  return { name: "curves", caption: "I(θ) of one network per activation (log scale), with its small-scale roughness.", svg };
}
