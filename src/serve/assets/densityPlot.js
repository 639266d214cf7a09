// The equivalent density √I/∫√I against the training density p(θ), and the power law I ∝ p^α on
// log–log axes with the fitted line over the fit window and the theoretical slope.
import * as echarts from "/vendor/echarts.js";
import { colorOf } from "./palette.js";

const DEG = 180 / Math.PI;

function chartIn(box, height) {
  const div = document.createElement("div");
  div.className = "echart";
  div.style.height = `${height}px`;
  box.append(div);
  return echarts.init(div, null, { renderer: "canvas" });
}

export function equivalentOption(groups) {
  const series = [];
  groups.forEach((g, gi) => {
    const c = colorOf(gi);
    series.push({ name: `√I/∫√I ${g.name}`, type: "line", showSymbol: false, data: g.theta.map((t, i) => [t * DEG, g.equivalent[i]]), lineStyle: { color: c, width: 2 }, itemStyle: { color: c } });
    series.push({ name: `p(θ) ${g.name}`, type: "line", showSymbol: false, data: g.theta.map((t, i) => [t * DEG, g.density[i]]), lineStyle: { color: c, width: 1, type: "dashed" }, itemStyle: { color: c } });
  });
  return {
    animation: false,
    title: { text: "Equivalent density √I/∫√I (solid) against the training density p(θ) (dashed)", textStyle: { fontSize: 13 } },
    legend: { bottom: 0, type: "scroll" }, grid: { left: 70, right: 30, top: 40, bottom: 70 },
    xAxis: { type: "value", name: "θ (degrees)", nameLocation: "middle", nameGap: 28, min: 0 },
    yAxis: { type: "value", name: "density (rad⁻¹)", nameLocation: "middle", nameGap: 50 },
    tooltip: { trigger: "axis" }, series,
  };
}

const fmt = (v) => (Number.isFinite(v) ? Number(v.toPrecision(3)) : "–");

export function powerLawOption(groups) {
  const series = [], notes = [];
  groups.forEach((g, gi) => {
    const c = colorOf(gi);
    if (g.mixedDensity) notes.push(`${g.name}: its runs were trained on different densities; p(θ) here is the first run's — group by the distribution's keys too (e.g. kappa)`);
    const pts = g.density.map((p, i) => [p, g.mean[i]]).filter(([p, I]) => p > 0 && I > 0);
    const [lo, hi] = g.window;
    const inside = pts.filter(([p]) => p >= (lo ?? -Infinity) && p <= (hi ?? Infinity));
    series.push({ name: `${g.name} (outside window)`, type: "scatter", symbolSize: 4, data: pts.filter((pt) => !inside.includes(pt)), itemStyle: { color: c, opacity: 0.25 } });
    series.push({ name: g.name, type: "scatter", symbolSize: 5, data: inside, itemStyle: { color: c } });
    const fit = g.pooledFit;
    if (fit && inside.length > 1) {
      const ps = inside.map((d) => d[0]);
      const a = Math.min(...ps), b = Math.max(...ps);
      series.push({ name: `${g.name} fit α=${fmt(fit.alpha)}`, type: "line", showSymbol: false, data: [[a, Math.exp(fit.logC) * a ** fit.alpha], [b, Math.exp(fit.logC) * b ** fit.alpha]], lineStyle: { color: c, width: 2 }, itemStyle: { color: c } });
      if (g.theoryAlpha !== null) {
        const mx = inside.reduce((s, d) => s + Math.log(d[0]), 0) / inside.length, my = inside.reduce((s, d) => s + Math.log(d[1]), 0) / inside.length;
        series.push({ name: `${g.name} theory α=${fmt(g.theoryAlpha)}`, type: "line", showSymbol: false, data: [[a, Math.exp(my + g.theoryAlpha * (Math.log(a) - mx))], [b, Math.exp(my + g.theoryAlpha * (Math.log(b) - mx))]], lineStyle: { color: c, width: 1.5, type: "dashed" }, itemStyle: { color: c } });
      }
      const rf = g.replicateFit;
      notes.push(`${g.name}: α = ${fmt(fit.alpha)} [${fmt(fit.ci[0])}, ${fmt(fit.ci[1])}] OLS on ${fit.n} points${rf && rf.ci ? `; per replicate ${fmt(rf.alpha)} [${fmt(rf.ci[0])}, ${fmt(rf.ci[1])}] (R = ${rf.replicates})` : ""}; theory ${g.theoryAlpha === null ? "none" : fmt(g.theoryAlpha)}`);
    } else {
      notes.push(`${g.name}: α undefined (p(θ) flat in the window, or fewer than 3 points)`);
    }
  });
  return {
    option: {
      animation: false,
      title: { text: "Power law I ∝ p^α (log–log): solid = fit inside the window, dashed = theory 2/(q+1)", textStyle: { fontSize: 13 } },
      legend: { bottom: 0, type: "scroll" }, grid: { left: 70, right: 30, top: 40, bottom: 70 },
      xAxis: { type: "log", name: "p(θ) (rad⁻¹)", nameLocation: "middle", nameGap: 28 },
      yAxis: { type: "log", name: "I(θ) (rad⁻²)", nameLocation: "middle", nameGap: 50 },
      tooltip: { trigger: "item" }, series,
    },
    notes,
  };
}

export function drawDensityPanels(box, groups, { height = 340 } = {}) {
  box.replaceChildren();
  const eq = chartIn(box, height);
  eq.setOption(equivalentOption(groups));
  const pl = chartIn(box, height);
  const { option, notes } = powerLawOption(groups);
  pl.setOption(option);
  const ul = document.createElement("ul");
  ul.className = "notes";
  for (const n of notes) { const li = document.createElement("li"); li.textContent = n; ul.append(li); }
  box.append(ul);
  return { charts: [eq, pl], notes };
}
