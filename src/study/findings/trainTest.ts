import { renderFigure, type Layer } from "../../plot/index.js";
import type { Finding, FindingResult, Statistic } from "../finding.js";
import { activationNetworks, type ActivationNetwork } from "./activationNetworks.js";
import { aboveZero, tStatistic, verdictOf } from "./statistics.js";

const DEG = 180 / Math.PI;

/** Per network: mean over θ of log I_train/I_test and of log I_val/I_test (the control: both unseen splits). */
export interface SplitRow {
  activation: string;
  trainVsTest: number;
  valVsTest: number;
}

const meanLogRatio = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, i) => s + Math.log(v / b[i]), 0) / a.length;

export function splitRows(networks: readonly ActivationNetwork[]): SplitRow[] {
  return networks.filter((n) => n.train && n.val).map((n) => ({
    activation: n.activation,
    trainVsTest: meanLogRatio(n.train!.fisher, n.test.fisher),
    valVsTest: meanLogRatio(n.val!.fisher, n.test.fisher),
  }));
}

/**
 * Verdict rule: (a) the 95% t interval over networks of mean log(I_train/I_test) excludes 0, and
 * (b) the paired interval of |that| − |log(I_val/I_test)| lies above 0 — train images differ from
 * test images by more than two unseen identity sets differ from each other. Reproduced when both
 * hold, mixed when one does, not reproduced when neither.
 */
export function analyzeTrainTest(rows: readonly SplitRow[]): { statistics: Statistic[]; verdict: FindingResult["verdict"]; reason: string } {
  if (rows.length === 0) throw new Error("analyzeTrainTest(): no network has both its train-split and val-split measurements");
  const train = tStatistic("mean log(I_train / I_test) over θ (all networks)", rows.map((r) => r.trainVsTest));
  const val = tStatistic("control: mean log(I_val / I_test) over θ", rows.map((r) => r.valVsTest));
  const beyond = tStatistic("|log(I_train/I_test)| − |log(I_val/I_test)| (paired)", rows.map((r) => Math.abs(r.trainVsTest) - Math.abs(r.valVsTest)));
  const perActivation = [...new Set(rows.map((r) => r.activation))].map((a) => tStatistic(`${a}: mean log(I_train / I_test)`, rows.filter((r) => r.activation === a).map((r) => r.trainVsTest)));
  const differs = aboveZero(train) || (Number.isFinite(train.hi) && train.hi < 0);
  const verdict = verdictOf([differs, aboveZero(beyond)]);
  const factor = Math.exp(train.value);
  const reason = verdict === "reproduced"
    ? `I(θ) on train identities is ${factor.toFixed(2)}× that on test identities (geometric mean over θ), beyond its 95% interval, and train-vs-test differs by more than the val-vs-test control.`
    : verdict === "mixed"
      ? (differs ? `Train and test identities give different I(θ) (×${factor.toFixed(2)}), but not by more than two unseen identity sets (val vs test) differ.`
        : `The train-vs-test difference exceeds the val-vs-test control, but its own interval includes 0.`)
      : `Train and test identities give the same I(θ) within the 95% interval (×${factor.toFixed(2)}), no more different than val vs test.`;
  return { statistics: [train, val, beyond, ...perActivation], verdict, reason };
}

export const trainTestFinding: Finding = {
  id: 7,
  slug: "train-test",
  title: "Train vs test images",
  claim: "Train-set vs test-set images produce different distributions of encoded values, due to generalisation.",
  experiments: ["activations"],
  analyze(ctx) {
    const networks = activationNetworks(ctx.dir("activations"));
    const rows = splitRows(networks);
    const { statistics, verdict, reason } = analyzeTrainTest(rows);
    const n = networks[0].test.theta.length;
    const measured = `The same ${rows.length} pretrained networks as findings 1 and 5 (4 activations, uniform angles), each measured three times by the derivative estimator on the output layer at ${n} angles: on its 50 test identities, on 50 of its 300 train identities (a seeded subset without replacement) and on its 50 val identities (unseen in training; the control). Statistic: mean over θ of log I_split(θ)/I_test(θ), per network.`;
    return { measured, statistics, verdict, reason, figures: [splitFigure(networks)] };
  },
};

function splitFigure(networks: readonly ActivationNetwork[]): { name: string; caption: string; svg: string } {
  const net = networks.find((n) => n.train && n.val)!;
  const x = net.test.theta.map((t) => t * DEG);
  const layers: Layer[] = [
    { kind: "line", x, y: net.test.fisher, color: "#0072B2", width: 1.4 },
    { kind: "line", x, y: net.train!.fisher, color: "#D55E00", width: 1.4 },
    { kind: "line", x, y: net.val!.fisher, color: "#009E73", width: 1, dash: "4 3" },
  ];
  const svg = renderFigure({
    title: "I(θ) of one network on train, val and test identities",
    caption: "Same network, three sets of 50 identities: if train (red) departs from test (blue) more than val (green, also unseen) does, the network treats its training images differently.",
    panels: [{ title: `${net.activation}, replicate ${net.replicate}`, x: { label: "θ (deg)", domain: [0, 360] }, y: { label: "I(θ) (rad⁻²)", log: true }, layers }],
    legend: [
      { label: "test identities", color: "#0072B2", kind: "line" },
      { label: "train identities (50 of 300)", color: "#D55E00", kind: "line" },
      { label: "val identities (control)", color: "#009E73", kind: "line", dash: "4 3" },
    ],
  });
  return { name: "splits", caption: "I(θ) of one network measured on train, val and test identities.", svg };
}
