// loss-chart.js — loss (and accuracy) over epochs, with a mark at each epoch where a unit died.
// Series: [{ label, color, dash, points: [{ epoch, value }] }]; deaths: [{ epoch, layer, unit }].
// The deaths are also listed as text under the chart (so the marks are readable without sight).
import { h, fitCanvas, fmt, nextFrame } from '../dom.js';
import { niceTicks } from '../format.js';
import { CLASS_COLORS, rgb } from '../palette.js';
import { drawDeathMarks } from './death-marks.js';
import { COUNT_AXIS, drawCountAxis } from './count-series.js';

/**
 * The series of some runs' histories ([{ epoch, testLoss, trainLoss, testAccuracy }] each): one
 * run → its test loss, training loss (dashed) and test accuracy; twins → one test-loss line
 * each, in the class colours, labelled with labels[i]. → { series, accuracy }
 */
export function runSeries(histories, labels = []) {
  const multi = histories.length > 1;
  const series = [];
  const accuracy = [];
  histories.forEach((H, i) => {
    const color = multi ? rgb(CLASS_COLORS[i % CLASS_COLORS.length]) : '#1f2a44';
    series.push({
      label: `${multi ? `${labels[i]} ` : ''}test loss`,
      color,
      points: H.map((p) => ({ epoch: p.epoch, value: p.testLoss })),
    });
    if (!multi)
      series.push({
        label: 'training loss',
        color: '#8a90a0',
        dash: [4, 3],
        points: H.map((p) => ({ epoch: p.epoch, value: p.trainLoss })),
      });
    if (!multi && H.length && H[0].testAccuracy !== null)
      accuracy.push({
        label: 'test accuracy (right axis)',
        color: rgb(CLASS_COLORS[2]),
        points: H.map((p) => ({ epoch: p.epoch, value: p.testAccuracy })),
      });
  });
  return { series, accuracy };
}

/** The units dead on the data and the epoch each died, from a model's health, in epoch order. */
export function deathsOf(health) {
  const deaths = [];
  health?.layers.forEach((L, l) =>
    L.diedAtEpoch?.forEach(
      (e, u) => e !== null && e !== undefined && L.deadOnData[u] && deaths.push({ epoch: e, layer: l, unit: u }),
    ),
  );
  return deaths.sort((a, b) => a.epoch - b.epoch || a.layer - b.layer || a.unit - b.unit);
}

/**
 * The x axis's epoch ticks (round numbers, issue #19: it had only 0 and the last epoch), the
 * loss axis's name, and the accuracy axis on the right (0–100 %) when accuracy is drawn.
 */
function drawAxes(ctx, { w, hgt, pad, maxE, X, Ya, accuracy }) {
  ctx.fillStyle = '#5b6170';
  ctx.strokeStyle = '#d5d7db';
  const ticks = niceTicks(maxE, Math.max(2, Math.floor((w - pad.l - pad.r) / 60)));
  ctx.textAlign = 'center';
  ctx.beginPath();
  for (const e of ticks) {
    const x = X(e);
    ctx.moveTo(x, hgt - pad.b);
    ctx.lineTo(x, hgt - pad.b + 3);
    ctx.fillText(fmt(e), Math.max(pad.l + 4, x), hgt - 4);
  }
  ctx.stroke();
  ctx.textAlign = 'left';
  ctx.fillText('loss', 2, pad.t - 1);
  if (!accuracy) return;
  const right = w - pad.r;
  ctx.beginPath();
  ctx.moveTo(right, pad.t);
  ctx.lineTo(right, hgt - pad.b);
  ctx.stroke();
  ctx.fillText('100 %', right + 3, Ya(1) + 8);
  ctx.fillText('50 %', right + 3, Ya(0.5) + 3);
  ctx.fillText('0 %', right + 3, hgt - pad.b);
}

export function createLossChart({ title = 'Loss' } = {}) {
  const canvas = h('canvas.chart-canvas', { 'aria-hidden': 'true' });
  const legend = h('div.chart-legend');
  const deathsList = h('ul.deaths', { 'aria-label': 'Units that died, by epoch' });
  const figure = h('div.chart', { 'role': 'img', 'aria-label': title }, canvas);
  const element = h('div.chart-wrap', {}, figure, legend, deathsList);
  let last = null;
  let measured = null;
  let legendKey = '';
  let labelAt = 0;
  const redraw = nextFrame(
    () => last && draw(last.series, last.deaths, { accuracy: last.accuracy, count: last.count }),
  );
  const ro = new ResizeObserver((entries) => {
    const r = entries[0].contentRect;
    measured = { w: Math.floor(r.width), h: Math.floor(r.height) };
    if (measured.w) redraw(); // 0: not displayed (yet), nothing to paint
  });
  ro.observe(figure);

  // count: the region count series (count-series.js) on its own right-hand axis, or null
  function draw(series, deaths = [], { accuracy = [], count = null } = {}) {
    last = { series, deaths, accuracy, count };
    const w = Math.max(120, measured?.w || 300);
    const hgt = Math.max(80, measured?.h || 110);
    const ctx = fitCanvas(canvas, w, hgt);
    ctx.clearRect(0, 0, w, hgt);
    // accuracy has its own axis on the right, in %, so 100 % is not drawn at the loss's top
    const pad = { l: 34, r: (accuracy.length ? 34 : count ? 0 : 8) + (count ? COUNT_AXIS : 0), t: 10, b: 16 };
    const all = series.flatMap((s) => s.points);
    let maxE = 1;
    let maxV = 1e-6;
    for (const p of all) {
      if (p.epoch > maxE) maxE = p.epoch;
      if (Number.isFinite(p.value) && p.value > maxV) maxV = p.value;
    }
    for (const d of deaths) if (d.epoch > maxE) maxE = d.epoch;
    maxV = Math.min(maxV, 10) * 1.05;
    const X = (e) => pad.l + (e / maxE) * (w - pad.l - pad.r);
    const Y = (v) => pad.t + (1 - Math.min(v, maxV) / maxV) * (hgt - pad.t - pad.b);
    const Ya = (v) => pad.t + (1 - v) * (hgt - pad.t - pad.b);
    // axes
    ctx.strokeStyle = '#d5d7db';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(pad.l, pad.t);
    ctx.lineTo(pad.l, hgt - pad.b);
    ctx.lineTo(w - pad.r, hgt - pad.b);
    ctx.stroke();
    ctx.fillStyle = '#5b6170';
    ctx.font = '10px system-ui, sans-serif';
    ctx.textAlign = 'right';
    ctx.fillText(fmt(maxV, 2), pad.l - 4, pad.t + 8);
    ctx.fillText('0', pad.l - 4, hgt - pad.b);
    drawAxes(ctx, { w, hgt, pad, maxE, X, Ya, accuracy: accuracy.length > 0 });
    // deaths: a dotted line and a cross at the top; marks that would touch stack into one with a count
    ctx.font = '10px system-ui, sans-serif';
    drawDeathMarks(ctx, deaths, X, pad.t, hgt - pad.b);
    const line = (pts, Yf, color, dash) => {
      ctx.strokeStyle = color;
      ctx.setLineDash(dash ?? []);
      ctx.lineWidth = 1.6;
      ctx.beginPath();
      let started = false;
      for (const p of pts) {
        if (!Number.isFinite(p.value)) continue;
        const x = X(p.epoch),
          y = Yf(p.value);
        if (started) ctx.lineTo(x, y);
        else (ctx.moveTo(x, y), (started = true));
      }
      ctx.stroke();
      ctx.setLineDash([]);
    };
    for (const s of accuracy) line(s.points, Ya, s.color, [1, 3]);
    if (count) line(count.points, drawCountAxis(ctx, count, { w, hgt, pad }), count.color, [6, 2]);
    for (const s of series) line(s.points, Y, s.color, s.dash);
    const shown = [...series, ...accuracy, ...(count ? [count] : [])];
    const lk = shown.map((s) => s.label + s.color).join('|');
    if (lk !== legendKey) {
      legendKey = lk;
      legend.replaceChildren(
        ...shown.map((s) =>
          h(
            'span.legend-item',
            {},
            h('span.swatch', {
              dataset: { dash: s.dash || s === count ? 'dash' : accuracy.includes(s) ? 'dot' : 'solid' },
            }),
            s.label,
          ),
        ),
      );
      for (const [i, el] of [...legend.children].entries()) el.firstChild.style.borderColor = shown[i].color;
    }
    const key = deaths.map((d) => `${d.layer}.${d.unit}.${d.epoch}`).join(',');
    if (deathsList.dataset.key !== key) {
      // built only when the deaths change (not on every frame)
      const items = deaths
        .slice(0, 24)
        .map((d) =>
          h(
            'li',
            { dataset: { layer: String(d.layer), unit: String(d.unit), epoch: String(d.epoch) } },
            `✕ L${d.layer + 1} u${d.unit + 1} died at epoch ${d.epoch}`,
          ),
        );
      if (deaths.length > 24) items.push(h('li', {}, `… and ${deaths.length - 24} more`));
      deathsList.dataset.key = key;
      deathsList.replaceChildren(...items);
    }
    // the count series' last point, for tests and for reading without sight
    const lastCount = count?.points.at(-1);
    figure.dataset.regions = lastCount ? `${lastCount.value}@${lastCount.epoch}` : '';
    const now = performance.now();
    if (now - labelAt < 1000 && deathsList.dataset.key === key) return;
    labelAt = now;
    const lastPts = series.map((s) => `${s.label} ${fmt(s.points.at(-1)?.value)}`).join(', ');
    figure.setAttribute(
      'aria-label',
      `${title}: ${lastPts}${lastCount ? `, ${lastCount.value} regions visible at epoch ${lastCount.epoch}` : ''}. ${deaths.length} unit death${deaths.length === 1 ? '' : 's'} marked.`,
    );
  }

  return {
    element,
    draw,
    redraw: () => last && draw(last.series, last.deaths, { accuracy: last.accuracy, count: last.count }),
  };
}
