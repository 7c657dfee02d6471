// dots-chart.js — one metric of a sweep as dots and bands: a row per group (a lesson's arm, a
// playground sweep's value), each seed a dot, the quartile band (q1–q3) shaded behind them, the
// median a bar, and — where the text states a number — that number as a hollow diamond. Drawn on
// a canvas (the table beside it, in measure-panel.js, carries the same numbers for screen readers).
// onDot(group, record) is called when a dot is clicked.
import { h, fitCanvas } from '../dom.js';
import { ORANGE, BLUE, CLASS_COLORS, rgb } from '../palette.js';

const ROW = 28;
const PAD = { l: 118, r: 16, t: 8, b: 30 };
/** Metrics whose values are shares or accuracies: a fixed [0, 1] axis. */
export const UNIT_METRICS = new Set([
  'deadOnData',
  'deadOnPlane',
  'inactive',
  'activationRate',
  'constantMap',
  'diverged',
  'trainAccuracy',
  'testAccuracy',
]);
const colorOf = (i) => (i === 0 ? ORANGE : i === 1 ? BLUE : CLASS_COLORS[i % CLASS_COLORS.length]);
// A seed's vertical offset in its row: the same for a seed in every redraw (no flicker).
const jitter = (seed) => ((((seed * 2654435761) >>> 0) % 1000) / 1000 - 0.5) * (ROW - 12);

/** groups: [{ label, points: [{ value, record }], summary, stated }] → the x range to draw. */
function range(metric, groups) {
  if (UNIT_METRICS.has(metric)) return [0, 1];
  const all = groups.flatMap((g) => [...g.points.map((p) => p.value), g.stated]).filter(Number.isFinite);
  if (!all.length) return [0, 1];
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}

/** Where a dot is drawn: group i's record at css width w (the click test and the tests use it). */
export function dotPosition(metric, groups, w, i, record) {
  const [lo, hi] = range(metric, groups);
  const value = record.metrics[metric];
  return {
    x: PAD.l + ((value - lo) / (hi - lo)) * (Math.max(240, w) - PAD.l - PAD.r),
    y: PAD.t + ROW * i + ROW / 2 + jitter(record.seed),
  };
}

export function createDotsChart({ metric, label, format, onDot }) {
  const canvas = h('canvas.dots-canvas', { 'aria-hidden': 'true' });
  const element = h(
    'figure.dots-chart',
    { dataset: { metric } },
    h('figcaption.dots-title', {}, label),
    h('div.dots-figure', { 'role': 'img', 'aria-label': `${label}: one dot per seed` }, canvas),
  );
  let groups = [];
  let width = 0;
  let hits = []; // [{ x, y, group, record }] of the last drawing, for clicks
  new ResizeObserver((e) => {
    width = Math.floor(e[0].contentRect.width);
    draw();
  }).observe(element);
  canvas.addEventListener('click', (ev) => {
    if (!onDot) return;
    const r = canvas.getBoundingClientRect();
    const x = ev.clientX - r.left;
    const y = ev.clientY - r.top;
    let best = null;
    for (const p of hits)
      if (
        Math.hypot(p.x - x, p.y - y) < 6 &&
        (!best || Math.hypot(best.x - x, best.y - y) > Math.hypot(p.x - x, p.y - y))
      )
        best = p;
    if (best) onDot(best.group, best.record);
  });

  function draw() {
    const w = Math.max(240, width || 480);
    const hgt = PAD.t + PAD.b + ROW * Math.max(1, groups.length);
    const ctx = fitCanvas(canvas, w, hgt);
    ctx.clearRect(0, 0, w, hgt);
    const [lo, hi] = range(metric, groups);
    const X = (v) => PAD.l + ((v - lo) / (hi - lo)) * (w - PAD.l - PAD.r);
    ctx.font = '11px system-ui, sans-serif';
    ctx.strokeStyle = '#e3e6ec';
    ctx.fillStyle = '#5b6170';
    ctx.textAlign = 'center';
    for (let k = 0; k <= 4; ++k) {
      const v = lo + ((hi - lo) * k) / 4;
      ctx.beginPath();
      ctx.moveTo(X(v), PAD.t);
      ctx.lineTo(X(v), hgt - PAD.b);
      ctx.stroke();
      ctx.fillText(format(v), X(v), hgt - PAD.b + 14);
    }
    hits = [];
    groups.forEach((g, i) => {
      const y = PAD.t + ROW * i + ROW / 2;
      const c = colorOf(i);
      ctx.textAlign = 'right';
      ctx.fillStyle = '#1f2430';
      ctx.fillText(g.label, PAD.l - 8, y + 4);
      const s = g.summary;
      if (s && s.n) {
        ctx.fillStyle = rgb(c, 0.18);
        ctx.fillRect(X(s.q1), y - ROW / 2 + 2, Math.max(1, X(s.q3) - X(s.q1)), ROW - 4);
      }
      ctx.fillStyle = rgb(c, 0.75);
      for (const p of g.points) {
        if (!Number.isFinite(p.value)) continue;
        const px = X(p.value);
        const py = y + jitter(p.record.seed);
        ctx.beginPath();
        ctx.arc(px, py, 2.6, 0, Math.PI * 2);
        ctx.fill();
        hits.push({ x: px, y: py, group: i, record: p.record });
      }
      if (s && s.n) {
        ctx.fillStyle = rgb(c);
        ctx.fillRect(X(s.median) - 1.5, y - ROW / 2 + 2, 3, ROW - 4);
      }
      if (Number.isFinite(g.stated)) {
        const sx = X(g.stated);
        ctx.strokeStyle = '#1f2430';
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.moveTo(sx, y - 6);
        ctx.lineTo(sx + 6, y);
        ctx.lineTo(sx, y + 6);
        ctx.lineTo(sx - 6, y);
        ctx.closePath();
        ctx.stroke();
        ctx.lineWidth = 1;
        ctx.strokeStyle = '#e3e6ec';
      }
    });
  }

  return {
    element,
    /** groups: [{ label, points: [{ value, record }], summary, stated }] */
    set(next) {
      groups = next;
      element.dataset.dots = String(groups.reduce((n, g) => n + g.points.length, 0));
      draw();
    },
  };
}
