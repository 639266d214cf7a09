// Downloads: the table as CSV, a plot as PNG (its canvas) or SVG (re-rendered by ECharts' SVG renderer).
import * as echarts from "/vendor/echarts.js";

function download(name, blob) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function csvCell(v) {
  if (v === null || v === undefined) return "";
  const s = typeof v === "number" ? (Number.isFinite(v) ? String(v) : "NaN") : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text of `records` with `columns` (objects { mean, sd, n } become three columns). */
export function toCsv(columns, records) {
  const expanded = columns.flatMap((c) => (records.some((r) => r[c] && typeof r[c] === "object") ? [`${c}.mean`, `${c}.sd`, `${c}.n`] : [c]));
  const lines = [expanded.map(csvCell).join(",")];
  for (const r of records) {
    lines.push(columns.flatMap((c) => (records.some((x) => x[c] && typeof x[c] === "object") ? [r[c]?.mean, r[c]?.sd, r[c]?.n] : [r[c]])).map(csvCell).join(","));
  }
  return lines.join("\n") + "\n";
}

export function downloadCsv(name, columns, records) {
  download(name, new Blob([toCsv(columns, records)], { type: "text/csv" }));
}

/** An ECharts line-chart option for curves drawn by uPlot, so they export as SVG too. */
export function lineOption({ title, xLabel, yLabel, xs, series, logY }) {
  return {
    animation: false, title: { text: title, textStyle: { fontSize: 13 } }, legend: { bottom: 0, type: "scroll" },
    grid: { left: 70, right: 30, top: 40, bottom: 70 },
    xAxis: { type: "value", name: xLabel, nameLocation: "middle", nameGap: 28, min: "dataMin", max: "dataMax" },
    yAxis: { type: logY ? "log" : "value", name: yLabel, nameLocation: "middle", nameGap: 50, scale: true },
    series: series.filter((s) => s.role === undefined || s.role === "mean" || s.role === "density").map((s) => ({
      name: s.name, type: "line", showSymbol: false, connectNulls: true, data: xs.map((x, i) => [x, s.y[i]]),
      lineStyle: { color: s.color, width: s.role === "density" ? 1 : 1.5, type: s.role === "density" ? "dashed" : "solid" }, itemStyle: { color: s.color },
    })),
  };
}

/** SVG text of an ECharts option, rendered without the DOM. */
export function svgOf(option, width = 960, height = 480) {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  chart.setOption(option);
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

export function downloadSvg(name, option) {
  download(name, new Blob([svgOf(option)], { type: "image/svg+xml" }));
}

/** PNG of the first canvas inside `box` (uPlot and ECharts both draw on canvases). */
export function downloadPng(name, box) {
  const canvas = box.querySelector("canvas");
  if (!canvas) return false;
  canvas.toBlob((blob) => blob && download(name, blob), "image/png");
  return true;
}
