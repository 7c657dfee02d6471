// count-series.js — the loss chart's count series (issue 15: "the count over epochs in the
// chart"): in Regions mode, the linear (or gate) regions visible over epochs, as the page's worker
// counted them for the primary network (run-loop.js puts each frame's count in that epoch's
// history entry; nothing is recounted here), on an axis of its own at the chart's right edge,
// labelled like the loss axis on the left.
// What it is not: the rest of the chart (loss-chart.js calls these two functions).
import { fmt } from '../dom.js';
import { niceTicks } from '../format.js';

export const COUNT_COLOR = '#1b5e9e'; // the Regions caption's sparkline colour
/** Width of the count axis's labels at the chart's right edge, in CSS pixels. */
export const COUNT_AXIS = 34;

/** The series of a history's region counts ([{ epoch, regions? }]), or null when none was counted. */
export function regionSeries(history, linear = true) {
  const points = (history ?? [])
    .filter((p) => p.regions !== undefined)
    .map((p) => ({ epoch: p.epoch, value: p.regions }));
  if (!points.length) return null;
  return { label: `${linear ? 'linear' : 'gate'} regions visible (right axis, count)`, color: COUNT_COLOR, points };
}

/**
 * Draw the count axis at x = w − COUNT_AXIS (0 at the bottom, a round number at the top, the
 * name "regions" above it) and return the series' y scale.
 */
export function drawCountAxis(ctx, series, { w, hgt, pad }) {
  const max = Math.max(1, ...series.points.map((p) => p.value));
  const ticks = niceTicks(max, 2);
  const top = ticks.at(-1) >= max ? ticks.at(-1) : ticks.at(-1) + (ticks[1] ?? 1);
  const Y = (v) => pad.t + (1 - v / top) * (hgt - pad.t - pad.b);
  const x = w - COUNT_AXIS;
  ctx.save();
  ctx.strokeStyle = '#d5d7db';
  ctx.beginPath();
  ctx.moveTo(x, pad.t);
  ctx.lineTo(x, hgt - pad.b);
  ctx.stroke();
  ctx.fillStyle = COUNT_COLOR;
  ctx.textAlign = 'left';
  ctx.fillText(fmt(top), x + 3, Y(top) + 8);
  if (top / 2 === Math.round(top / 2)) ctx.fillText(fmt(top / 2), x + 3, Y(top / 2) + 3);
  ctx.fillText('0', x + 3, hgt - pad.b);
  ctx.textAlign = 'right';
  ctx.fillText('regions', w - 2, pad.t - 1);
  ctx.restore();
  return Y;
}
