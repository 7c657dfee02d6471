// sweep-chart.js — the born-dead lesson's figure: the share of freshly initialised ReLU nets whose
// map is constant, against depth, one line per width (orange: width 2, blue: width 8). Filled in
// cell by cell while the sweep workers re-roll seeds (runSweep). The same numbers are in a table under it.
import { h, fitCanvas, pct } from '../dom.js';
import { ORANGE, BLUE, CLASS_COLORS, rgb } from '../palette.js';
import { sweepSeries } from '../lesson-measure.js';

export function createSweepChart({ depths, widths }) {
  const canvas = h('canvas.sweep-canvas', { 'aria-hidden': 'true' });
  const figure = h('div.sweep-figure', { 'role': 'img', 'aria-label': 'Share of constant maps against depth' }, canvas);
  const table = h('table.sweep-table');
  const caption = h(
    'figcaption.hint',
    {},
    'Each point: the share of nets whose map on [−1, 1]² is one constant, over freshly drawn seeds (He init, zero bias).',
  );
  const element = h('figure.sweep', {}, figure, caption, table);
  const colors = widths.map((w, i) => (i === 0 ? ORANGE : i === 1 ? BLUE : CLASS_COLORS[i]));
  let cells = [];
  let width = 0;
  new ResizeObserver((e) => {
    width = Math.floor(e[0].contentRect.width);
    draw();
  }).observe(figure);

  function draw() {
    const w = Math.max(200, width || 360);
    const hgt = 186;
    const ctx = fitCanvas(canvas, w, hgt);
    ctx.clearRect(0, 0, w, hgt);
    const pad = { l: 40, r: 64, t: 10, b: 38 };
    const maxD = Math.max(...depths);
    const X = (d) => pad.l + (d / maxD) * (w - pad.l - pad.r);
    const Y = (v) => pad.t + (1 - v) * (hgt - pad.t - pad.b);
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = '#5b6170';
    ctx.strokeStyle = '#e3e6ec';
    ctx.lineWidth = 1;
    for (const v of [0, 0.25, 0.5, 0.75, 1]) {
      ctx.beginPath();
      ctx.moveTo(pad.l, Y(v));
      ctx.lineTo(w - pad.r, Y(v));
      ctx.stroke();
      ctx.textAlign = 'right';
      ctx.fillText(`${v * 100} %`, pad.l - 6, Y(v) + 4);
    }
    ctx.textAlign = 'center';
    for (const d of depths) ctx.fillText(String(d), X(d), hgt - pad.b + 15);
    ctx.fillText('hidden layers (depth)', (pad.l + w - pad.r) / 2, hgt - 4);
    const series = sweepSeries(cells);
    ctx.textAlign = 'left';
    widths.forEach((wd, i) => {
      const pts = series.get(wd) ?? [];
      ctx.strokeStyle = ctx.fillStyle = rgb(colors[i]);
      ctx.lineWidth = 2.2;
      ctx.beginPath();
      pts.forEach((p, k) => (k ? ctx.lineTo(X(p.depth), Y(p.share)) : ctx.moveTo(X(p.depth), Y(p.share))));
      ctx.stroke();
      for (const p of pts) {
        ctx.beginPath();
        ctx.arc(X(p.depth), Y(p.share), 3.2, 0, Math.PI * 2);
        ctx.fill();
      }
      const last = pts.at(-1);
      if (last) ctx.fillText(`width ${wd}`, X(last.depth) + 8, Y(last.share) + 4);
    });
  }

  function renderTable() {
    const series = sweepSeries(cells);
    const head = h(
      'tr',
      {},
      h('th', { scope: 'col' }, 'Layers'),
      widths.map((wd) => h('th', { scope: 'col' }, `width ${wd}`)),
    );
    const rows = depths
      .filter((d) => cells.some((c) => c.depth === d))
      .map((d) =>
        h(
          'tr',
          { dataset: { depth: String(d) } },
          h('th', { scope: 'row' }, String(d)),
          widths.map((wd) => h('td', {}, pct(series.get(wd)?.find((p) => p.depth === d)?.share))),
        ),
      );
    table.replaceChildren(h('thead', {}, head), h('tbody', {}, rows));
  }

  return {
    element,
    set(next) {
      cells = next;
      draw();
      renderTable();
      figure.setAttribute(
        'aria-label',
        `Share of constant maps against depth: ${sweepSeries(cells).size} widths, ${cells.length} cells measured`,
      );
    },
  };
}
