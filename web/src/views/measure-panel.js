// measure-panel.js — "Measure it yourself": a lesson's measurement (its lab.sweep spec, from
// relu-lab/lessons) run live on this machine's cores, 10–200 seeds, drawn as dots per seed with
// the median and quartile band per arm, beside the number the lesson's text states. A progress
// bar, the time left and Cancel; the sweep runs in workers (runSweep), this thread only draws.
// Used by the lesson view, so the page, the <relu-lab> element and the tutorial all have it.
import { h, nextFrame } from '../dom.js';
import { summarize } from '../../relu-lab/index.js';
import { lessonSweepSpec } from '../../relu-lab/lessons.js';
import { createDotsChart, UNIT_METRICS } from './dots-chart.js';
import { createSweepProgress, pageWorkers } from './sweep-progress.js';

export { pageWorkers }; // the Sweep panel and bench/README name it here

export const LABELS = {
  deadOnData: 'Dead units (on the data)',
  deadOnPlane: 'Dead units (on the plane)',
  inactive: 'Inactive units',
  activationRate: 'Activation rate',
  testAccuracy: 'Test accuracy',
  trainAccuracy: 'Training accuracy',
  testLoss: 'Test loss',
  trainLoss: 'Training loss',
  gradientRatio: 'log10 gradient ratio, first / last layer',
  epochsToAccuracy: 'Epochs to the target accuracy',
  constantMap: 'Constant map (born dead)',
  diverged: 'Diverged',
  regions: 'Regions visible (128 × 128)',
};
const SHARES = new Set(['deadOnData', 'deadOnPlane', 'inactive', 'activationRate', 'constantMap', 'diverged']);

/** How a metric's value is written. */
export function formatter(metric) {
  if (SHARES.has(metric))
    return (v) => (Number.isFinite(v) ? `${(100 * v).toFixed(v === 0 || v === 1 ? 0 : 1)} %` : '—');
  if (metric === 'epochsToAccuracy') return (v) => (Number.isFinite(v) ? String(Math.round(v)) : 'never');
  // a count of regions: whole numbers (a median or quartile between two counts keeps one decimal)
  if (metric === 'regions') return (v) => (Number.isFinite(v) ? (Number.isInteger(v) ? String(v) : v.toFixed(1)) : '—');
  if (UNIT_METRICS.has(metric)) return (v) => (Number.isFinite(v) ? v.toFixed(2) : '—');
  return (v) => (Number.isFinite(v) ? v.toFixed(2) : '—');
}

export function createMeasurePanel(lesson) {
  const m = lesson.measure;
  const results = lesson.numbers;
  const arms = Object.keys(m.arms);
  const seedsIn = h('input.measure-seeds', {
    'type': 'number',
    'min': 10,
    'max': 200,
    'step': 10,
    'value': String(Math.max(10, Math.min(200, m.seeds))),
    'aria-label': 'Seeds per arm (10–200)',
  });
  const go = h('button.secondary.measure-run', { type: 'button', onclick: () => start() }, 'Measure it yourself');
  const progress = createSweepProgress(`Runs the lesson's measurement on every core of this machine, seed by seed.`);
  const { cancel, bar, status } = progress;
  const charts = m.metrics.map((metric) =>
    createDotsChart({ metric, label: LABELS[metric] ?? metric, format: formatter(metric) }),
  );
  const table = h('table.measure-table');
  // closed until asked for: the lesson card stays short above the playground
  const element = h(
    'details.measure.lesson-measure',
    { dataset: { state: 'ready' } },
    h('summary.lesson-sub', {}, 'Measure it yourself: many seeds, live'),
    h('div.measure-actions', {}, go, h('label.measure-label', {}, 'Seeds ', seedsIn), cancel, bar),
    status,
    h(
      'div.measure-charts',
      {},
      charts.map((c) => c.element),
    ),
    table,
    h(
      'p.hint',
      {},
      'Dots: one run per seed. Band: the middle half of the runs (q1–q3); bar: their median; ◇: the number the text states.',
    ),
  );
  let records = [];
  let seeds = [];

  /** The committed value the text states (mean over its seeds), and the committed median over the seeds run here. */
  function committed(arm, metric) {
    const a = results?.arms[arm];
    if (!a) return { stated: null, same: null };
    const values = seeds
      .filter((s) => results.seeds.includes(s))
      .map((s) => a.records[metric][results.seeds.indexOf(s)]);
    const same = values.length === seeds.length ? summarize(values).median : null;
    return { stated: a.summary[metric]?.mean ?? null, same };
  }

  const redraw = nextFrame(() => {
    const rows = [];
    charts.forEach((chart, k) => {
      const metric = m.metrics[k];
      const fmt = formatter(metric);
      chart.set(
        arms.map((arm, cell) => {
          const mine = records.filter((r) => r.cell === cell);
          const summary = summarize(mine.map((r) => r.metrics[metric]));
          const { stated, same } = committed(arm, metric);
          rows.push({ arm, metric, summary, stated, same, fmt });
          return { label: arm, points: mine.map((r) => ({ value: r.metrics[metric], record: r })), summary, stated };
        }),
      );
    });
    renderTable(rows);
  });

  function renderTable(rows) {
    const head = h(
      'tr',
      {},
      ['Arm', 'Metric', 'Runs', 'Median', 'q1 – q3', 'Median committed, same seeds', 'Mean the text states'].map((t) =>
        h('th', { scope: 'col' }, t),
      ),
    );
    const body = rows.map((r) =>
      h(
        'tr',
        {
          dataset: {
            arm: r.arm,
            metric: r.metric,
            median: String(r.summary.median),
            committed: String(r.same),
            n: String(r.summary.n),
          },
        },
        h('th', { scope: 'row' }, r.arm),
        h('td', {}, LABELS[r.metric] ?? r.metric),
        h('td', {}, String(r.summary.n + r.summary.missing)),
        h('td', {}, r.fmt(r.summary.median)),
        h('td', {}, r.summary.n ? `${r.fmt(r.summary.q1)} – ${r.fmt(r.summary.q3)}` : '—'),
        h('td', {}, r.fmt(r.same)),
        h('td', {}, r.fmt(r.stated)),
      ),
    );
    table.replaceChildren(h('thead', {}, head), h('tbody', {}, body));
  }

  async function start() {
    const n = Math.max(10, Math.min(200, Math.round(Number(seedsIn.value)) || 30));
    seedsIn.value = String(n);
    seeds = Array.from({ length: n }, (_, i) => i + 1);
    records = [];
    go.disabled = seedsIn.disabled = true;
    bar.max = n * arms.length;
    redraw();
    const r = await progress.run(lessonSweepSpec(lesson, seeds), {
      element,
      starting: `Starting ${n * arms.length} runs in workers…`,
      onRecord: (record) => (records.push(record), redraw()),
      done: (res) =>
        `Done: ${res.records.length} runs on ${res.workers} worker${res.workers === 1 ? '' : 's'} in ${(res.elapsedMs / 1000).toFixed(1)} s.`,
    });
    if (r) records = r.records;
    go.disabled = seedsIn.disabled = false;
    redraw();
  }

  return { element, start, dispose: progress.abort };
}
