// The playground page: sliders for the training density, the worker that trains, and two plots
// (I(θ) with p(θ), and the training loss). All computation happens in this tab.
import uPlot from "/vendor/uplot.js";

const $ = (id) => document.getElementById(id);
const DEG = 180 / Math.PI;
const worker = new Worker("/assets/playgroundWorker.js", { type: "module" });
const state = { running: false, fisher: [], epochs: [], losses: [], errors: [] };
window.__playground = state;

function settings() {
  return { kappa: Number($("kappa").value), loc: Number($("loc").value) / DEG, loss: $("loss").value };
}

function sendSettings() {
  $("kappa-value").textContent = $("kappa").value;
  $("loc-value").textContent = `${$("loc").value}°`;
  worker.postMessage({ type: "settings", settings: settings() });
}

for (const id of ["kappa", "loc", "loss"]) $(id).addEventListener("input", sendSettings);
$("run").addEventListener("click", () => {
  state.running = !state.running;
  $("run").textContent = state.running ? "pause" : "train";
  worker.postMessage({ type: "run", running: state.running, seed: 0 });
});

let fisherPlot = null, lossPlot = null;

function drawFisher() {
  const latest = state.fisher[state.fisher.length - 1], previous = state.fisher[state.fisher.length - 2];
  const xs = latest.theta.map((t) => t * DEG);
  const data = [xs, latest.fisher, previous ? previous.fisher : latest.fisher.map(() => null), latest.density];
  const box = $("fisher-plot");
  const title = `I(θ) after epoch ${latest.epoch} (${latest.settings.loss}, κ = ${latest.settings.kappa}); grey: the previous measurement; dashed: p(θ)`;
  if (!fisherPlot) {
    fisherPlot = new uPlot({
      width: Math.max(320, box.clientWidth || 900), height: 340, title,
      scales: { x: { time: false }, p: {} },
      axes: [{ label: "θ (degrees)" }, { label: "I(θ) (rad⁻²)", size: 70 }, { scale: "p", side: 1, label: "p(θ) (rad⁻¹)", grid: { show: false }, size: 60 }],
      series: [{ label: "θ" }, { label: "I(θ)", stroke: "#0072B2", width: 2 }, { label: "previous I(θ)", stroke: "#bbbbbb", width: 1 },
        { label: "p(θ)", stroke: "#D55E00", width: 1.5, dash: [6, 4], scale: "p" }],
    }, data, box);
  } else {
    fisherPlot.setData(data);
    box.querySelector(".u-title").textContent = title;
  }
}

function drawLoss() {
  const box = $("loss-plot");
  const data = [state.epochs, state.losses, state.errors];
  if (!lossPlot) {
    lossPlot = new uPlot({
      width: Math.max(320, box.clientWidth || 900), height: 220, title: "training loss and decoding error per epoch",
      scales: { x: { time: false }, deg: {} },
      axes: [{ label: "epoch" }, { label: "training loss", size: 70 }, { scale: "deg", side: 1, label: "error (degrees)", grid: { show: false }, size: 60 }],
      series: [{ label: "epoch" }, { label: "loss", stroke: "#009E73", width: 2 }, { label: "mean |error| (°)", stroke: "#CC79A7", width: 1.5, scale: "deg" }],
    }, data, box);
  } else lossPlot.setData(data);
}

worker.onmessage = (e) => {
  const m = e.data;
  if (m.type === "status") $("status").textContent = m.text;
  if (m.type === "error") { $("status").textContent = `error: ${m.message}`; document.body.dataset.error = m.message; }
  if (m.type === "epoch") {
    state.epochs.push(m.epoch); state.losses.push(m.trainLoss); state.errors.push(m.errorDeg);
    $("epoch").textContent = `epoch ${m.epoch} · ${m.loss} training loss ${m.trainLoss.toPrecision(3)} · mean |error| ${m.errorDeg.toFixed(1)}°`;
    $("status").textContent = "training";
    drawLoss();
  }
  if (m.type === "fisher") {
    state.fisher.push(m);
    document.body.dataset.measurements = String(state.fisher.length);
    drawFisher();
  }
};
sendSettings();
