import { renderLegend } from "./renderLegend.js";
import { renderPanel } from "./renderPanel.js";
import { extent } from "./scale.js";
import { svgFrame } from "./svgFrame.js";
import type { AxisSpec, Figure, Layer, Panel } from "./types.js";

const DEFAULT_PANEL_WIDTH = 340; // three panels fit a 1040-px report column
const DEFAULT_PANEL_HEIGHT = 250;

/** Values of one layer along `axis` that would be drawn (finite; positive on log axes, paired with a drawable other coordinate). */
function layerValues(layer: Layer, axis: "x" | "y", xLog: boolean, yLog: boolean): number[] {
  const ok = (v: number, log: boolean) => Number.isFinite(v) && (!log || v > 0);
  const pick = (x: ArrayLike<number>, y: ArrayLike<number>) => {
    const out: number[] = [];
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (ok(x[i], xLog) && ok(y[i], yLog)) out.push(axis === "x" ? x[i] : y[i]);
    return out;
  };
  switch (layer.kind) {
    case "line": return pick(layer.x, layer.y);
    case "band": return axis === "x" ? Array.from(layer.x) : [...Array.from(layer.lo), ...Array.from(layer.hi)];
    case "points": {
      const centre = pick(layer.x, layer.y);
      // on a log axis error bars may reach ≤ 0 or far down; the scale clamps them, they do not set the domain
      if (axis === "x" || yLog) return centre;
      return [...centre, ...Array.from(layer.yLo ?? []), ...Array.from(layer.yHi ?? [])];
    }
    case "text": return [];
  }
}

function domainOf(panels: readonly Panel[], axis: "x" | "y"): [number, number] {
  const spec: AxisSpec = panels[0][axis];
  if (spec.domain) return spec.domain;
  const values = panels.flatMap((p) => p.layers.flatMap((l) => layerValues(l, axis, !!p.x.log, !!p.y.log)));
  // curves along x (θ, epochs) fill the axis exactly; scattered points get a margin so none sits on the frame
  const scatter = panels.some((p) => p.layers.some((l) => l.kind === "points"));
  const pad = spec.angle !== undefined || (axis === "x" && !scatter) ? 0 : 0.04;
  return extent(values, { log: spec.log, includeZero: spec.includeZero, pad });
}

/** Render a figure to a standalone SVG string. Same figure in → same string out. */
export function renderFigure(fig: Figure): string {
  if (fig.panels.length === 0) throw new Error(`renderFigure(): figure "${fig.title}" has no panels`);
  const columns = Math.max(1, Math.min(fig.columns ?? 3, fig.panels.length));
  const rows = Math.ceil(fig.panels.length / columns);
  const pw = fig.panelWidth ?? DEFAULT_PANEL_WIDTH, ph = fig.panelHeight ?? DEFAULT_PANEL_HEIGHT;
  const width = Math.max(columns * pw, 420);
  const sharedX = fig.shareX !== false ? domainOf(fig.panels, "x") : null;
  const sharedY = fig.shareY !== false ? domainOf(fig.panels, "y") : null;
  const body = fig.panels
    .map((panel, i) => {
      const col = i % columns, row = Math.floor(i / columns);
      const xd = sharedX ?? domainOf([panel], "x");
      const yd = sharedY ?? domainOf([panel], "y");
      return `<g transform="translate(${col * pw} ${row * ph})">${renderPanel(panel, xd, yd, pw, ph)}</g>`;
    })
    .join("\n");
  const legend = renderLegend(fig.legend ?? [], width);
  return svgFrame({ width, title: fig.title, caption: fig.caption, header: legend.svg, headerHeight: legend.height, body, bodyHeight: rows * ph });
}
