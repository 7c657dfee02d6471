// sweep-heatmap.js — a two-field sweep, one metric: a cell per pair of values, coloured by the
// median over the seeds (light to dark blue on [min, max] of the medians, or [0, 1] for shares and
// accuracies), with the median written in it. A table of text: readable without the colours.
import { h } from '../dom.js';
import { UNIT_METRICS } from './dots-chart.js';

export function createSweepHeatmap({ metric, label, format }) {
  const table = h('table.sweep-heatmap');
  const element = h(
    'figure.dots-chart',
    { dataset: { metric } },
    h('figcaption.dots-title', {}, `${label} (median)`),
    table,
  );
  return {
    element,
    /** rows, cols: value labels; medians[r][c]: number | null; names: [row field, column field]. */
    set({ rows, cols, medians, names }) {
      const all = medians.flat().filter(Number.isFinite);
      const [lo, hi] = UNIT_METRICS.has(metric) ? [0, 1] : [Math.min(...all), Math.max(...all)];
      const shade = (v) => {
        if (!Number.isFinite(v)) return 'heat-none';
        const t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
        return `heat-${Math.max(0, Math.min(5, Math.round(t * 5)))}`;
      };
      const head = h(
        'tr',
        {},
        h('th', { scope: 'col' }, `${names[0]} \\ ${names[1]}`),
        cols.map((c) => h('th', { scope: 'col' }, c)),
      );
      const body = rows.map((r, i) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, r),
          cols.map((_, j) =>
            h(`td.${shade(medians[i][j])}`, { dataset: { median: String(medians[i][j]) } }, format(medians[i][j])),
          ),
        ),
      );
      table.replaceChildren(h('thead', {}, head), h('tbody', {}, body));
    },
  };
}
