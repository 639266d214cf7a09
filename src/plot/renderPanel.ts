import { escapeXml } from "./escape.js";
import { px } from "./formatNumber.js";
import { linearScale, logScale, type Scale } from "./scale.js";
import { LABEL_SIZE, svgText, TICK_SIZE } from "./svgFrame.js";
import { degreeTicks, piTicks } from "./ticks.js";
import type { AxisSpec, Layer, Panel } from "./types.js";
import { CHAR_WIDTH_EM_TIGHT, textWidth } from "./wrapText.js";

/** Space around the plot area inside a panel, in px: room for tick labels, axis labels and the panel title. */
export const PANEL_MARGIN = { top: 24, right: 14, bottom: 44, left: 70 };

function makeScale(axis: AxisSpec, domain: [number, number], range: [number, number]): Scale {
  const s = axis.log ? logScale(domain, range) : linearScale(domain, range);
  if (!axis.angle || axis.log) return s;
  const ticks = axis.angle === "rad" ? piTicks : degreeTicks;
  return { ...s, ticks: () => ticks(Math.min(...domain), Math.max(...domain)) };
}

/** Runs of consecutive indices where both coordinates are drawable (finite; positive on log axes). */
function segments(n: number, ok: (i: number) => boolean): number[][] {
  const runs: number[][] = [];
  let cur: number[] = [];
  for (let i = 0; i < n; i++) {
    if (ok(i)) cur.push(i);
    else if (cur.length) { runs.push(cur); cur = []; }
  }
  if (cur.length) runs.push(cur);
  return runs;
}

function drawable(v: number, log: boolean): boolean {
  return Number.isFinite(v) && (!log || v > 0);
}

function renderLayer(layer: Layer, sx: Scale, sy: Scale, w: number, h: number): string {
  const xl = sx.log, yl = sy.log;
  switch (layer.kind) {
    case "line": {
      const { x, y } = layer;
      const n = Math.min(x.length, y.length);
      const dash = layer.dash ? ` stroke-dasharray="${layer.dash}"` : "";
      const op = layer.opacity !== undefined ? ` stroke-opacity="${layer.opacity}"` : "";
      return segments(n, (i) => drawable(x[i], xl) && drawable(y[i], yl))
        .map((run) => `<path d="${run.map((i, k) => `${k ? "L" : "M"}${px(sx.map(x[i]))},${px(sy.map(y[i]))}`).join("")}" fill="none" stroke="${layer.color}" stroke-width="${layer.width ?? 1.5}" stroke-linejoin="round"${dash}${op}/>`)
        .join("");
    }
    case "band": {
      const { x, lo, hi } = layer;
      const n = Math.min(x.length, lo.length, hi.length);
      // On a log axis a lower edge ≤ 0 is drawn at the bottom of the plot (the scale clamps it).
      return segments(n, (i) => drawable(x[i], xl) && Number.isFinite(lo[i]) && drawable(hi[i], yl))
        .map((run) => {
          const top = run.map((i, k) => `${k ? "L" : "M"}${px(sx.map(x[i]))},${px(sy.map(hi[i]))}`).join("");
          const bottom = [...run].reverse().map((i) => `L${px(sx.map(x[i]))},${px(sy.map(lo[i]))}`).join("");
          return `<path d="${top}${bottom}Z" fill="${layer.color}" fill-opacity="${layer.opacity ?? 0.25}" stroke="none"/>`;
        })
        .join("");
    }
    case "points": {
      const { x, y, yLo, yHi } = layer;
      const r = layer.radius ?? 2.5;
      const op = layer.opacity !== undefined ? ` fill-opacity="${layer.opacity}"` : "";
      const out: string[] = [];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        if (!drawable(x[i], xl) || !drawable(y[i], yl)) continue;
        const cx = px(sx.map(x[i]));
        if (yLo && yHi && Number.isFinite(yLo[i]) && Number.isFinite(yHi[i])) {
          out.push(`<line x1="${cx}" y1="${px(sy.map(yLo[i]))}" x2="${cx}" y2="${px(sy.map(yHi[i]))}" stroke="${layer.color}" stroke-width="1"/>`);
        }
        out.push(`<circle cx="${cx}" cy="${px(sy.map(y[i]))}" r="${r}" fill="${layer.color}"${op}/>`);
      }
      return out.join("");
    }
    case "text": {
      // a translucent white box (width estimated from the font) keeps annotations readable over data
      const fs = LABEL_SIZE - 1, tw = textWidth(layer.text, fs, CHAR_WIDTH_EM_TIGHT);
      const x = layer.fx * w, y = (1 - layer.fy) * h;
      const anchor = layer.anchor ?? "start";
      const left = anchor === "start" ? x : anchor === "middle" ? x - tw / 2 : x - tw;
      return `<rect x="${px(left - 3)}" y="${px(y - fs)}" width="${px(tw + 6)}" height="${px(fs + 5)}" fill="#ffffff" fill-opacity="0.8"/>` +
        svgText(x, y, layer.text, { "font-size": fs, "text-anchor": anchor, fill: layer.color ?? "#111111" });
    }
  }
}

/**
 * One panel of `width` × `height` px (margins included) with data domains already resolved:
 * frame, grid lines, ticks, axis labels, panel title, then the layers in order.
 */
export function renderPanel(panel: Panel, xDomain: [number, number], yDomain: [number, number], width: number, height: number): string {
  const m = PANEL_MARGIN;
  const w = width - m.left - m.right, h = height - m.top - m.bottom;
  const sx = makeScale(panel.x, xDomain, [0, w]);
  const sy = makeScale(panel.y, yDomain, [h, 0]);
  const parts: string[] = [];
  parts.push(`<g transform="translate(${m.left} ${m.top})">`);
  parts.push(`<rect x="0" y="0" width="${px(w)}" height="${px(h)}" fill="#fafafa" stroke="none"/>`);
  const xt = sx.ticks(), yt = sy.ticks();
  for (const t of xt) {
    const x = px(sx.map(t.value));
    parts.push(`<line x1="${x}" y1="0" x2="${x}" y2="${px(h)}" stroke="#e4e4e4" stroke-width="1"/>`);
    parts.push(`<line x1="${x}" y1="${px(h)}" x2="${x}" y2="${px(h + 4)}" stroke="#444444"/>`);
    parts.push(svgText(sx.map(t.value), h + 16, t.label, { "font-size": TICK_SIZE, "text-anchor": "middle", fill: "#333333" }));
  }
  for (const t of yt) {
    const y = px(sy.map(t.value));
    parts.push(`<line x1="0" y1="${y}" x2="${px(w)}" y2="${y}" stroke="#e4e4e4" stroke-width="1"/>`);
    parts.push(`<line x1="-4" y1="${y}" x2="0" y2="${y}" stroke="#444444"/>`);
    parts.push(svgText(-7, sy.map(t.value) + 4, t.label, { "font-size": TICK_SIZE, "text-anchor": "end", fill: "#333333" }));
  }
  for (const layer of panel.layers) parts.push(renderLayer(layer, sx, sy, w, h));
  parts.push(`<rect x="0" y="0" width="${px(w)}" height="${px(h)}" fill="none" stroke="#444444" stroke-width="1"/>`);
  parts.push(svgText(w / 2, h + 36, panel.x.label, { "font-size": LABEL_SIZE, "text-anchor": "middle", fill: "#111111", class: "axis-label x-label" }));
  parts.push(`<text transform="translate(${px(-m.left + 16)} ${px(h / 2)}) rotate(-90)" x="0" y="0" font-size="${LABEL_SIZE}" text-anchor="middle" fill="#111111" class="axis-label y-label">${escapeXml(panel.y.label)}</text>`);
  if (panel.title) parts.push(svgText(0, -8, panel.title, { "font-size": LABEL_SIZE, "font-weight": "bold", fill: "#111111", class: "panel-title" }));
  parts.push("</g>");
  return parts.join("");
}
