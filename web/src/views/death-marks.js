// death-marks.js — the loss chart's marks of the epochs at which units died (issue #18): deaths
// whose marks would touch are stacked into one mark with a count, so a run that kills 90 units
// over a few epochs shows a few readable marks ("✕ 12"), never crosses and counts printed over
// each other. Pure layout (stackDeaths) and its drawing; not here: the chart (loss-chart.js) and
// the text list of deaths under it.

const CROSS = 3; // half the cross's size, css px
const GAP = 4; // css px kept clear between two marks (and a mark and its count)

/**
 * Stacks of deaths: counts: [[epoch, n], …] in epoch order; x(epoch) → css px; width(text) → the
 * count's width in css px. A stack starts at its first epoch's x and takes every later death whose
 * cross would start before the stack's cross and count end. → [{ x, from, to, n }]
 */
export function stackDeaths(counts, x, width) {
  const stacks = [];
  let cur = null;
  const end = (s) => s.x + CROSS + (s.n > 1 ? GAP + width(String(s.n)) : 0);
  for (const [epoch, n] of counts) {
    const px = x(epoch);
    if (cur && px - CROSS < end(cur) + GAP) {
      cur.n += n;
      cur.to = epoch;
    } else stacks.push((cur = { x: px, from: epoch, to: epoch, n }));
  }
  return stacks;
}

/** Draw the stacks of `deaths` ([{ epoch }]): a dotted line down the chart, a cross on top, the count. */
export function drawDeathMarks(ctx, deaths, x, top, bottom) {
  const byEpoch = new Map();
  for (const d of deaths) byEpoch.set(d.epoch, (byEpoch.get(d.epoch) ?? 0) + 1);
  const counts = [...byEpoch].sort((a, b) => a[0] - b[0]);
  const stacks = stackDeaths(counts, x, (t) => ctx.measureText(t).width);
  ctx.save();
  for (const s of stacks) {
    ctx.strokeStyle = 'rgba(180, 30, 30, 0.55)';
    ctx.lineWidth = 1;
    ctx.setLineDash([2, 3]);
    ctx.beginPath();
    ctx.moveTo(s.x, top);
    ctx.lineTo(s.x, bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.strokeStyle = '#b41e1e';
    ctx.lineWidth = 1.6;
    ctx.beginPath();
    ctx.moveTo(s.x - CROSS, top - CROSS);
    ctx.lineTo(s.x + CROSS, top + CROSS);
    ctx.moveTo(s.x + CROSS, top - CROSS);
    ctx.lineTo(s.x - CROSS, top + CROSS);
    ctx.stroke();
    if (s.n > 1) {
      ctx.fillStyle = '#b41e1e';
      ctx.textAlign = 'left';
      ctx.fillText(String(s.n), s.x + CROSS + GAP, top + 4);
    }
  }
  ctx.restore();
  return stacks;
}
