// measure-panel.js — "Measure it yourself": a lesson's measurement (its lab.sweep spec, from
// relu-lab/lessons) run live on this machine's cores, 10–200 seeds, drawn as dots per seed with
// the median and quartile band per arm, beside the number the lesson's text states. A progress
// bar, the time left and Cancel; the sweep runs in workers (runSweep), this thread only draws.
// Used by the lesson view, so the page, the <relu-lab> element and the tutorial all have it.
import { h, nextFrame } from '../dom.js';
import { runSweep, summarize } from '../../relu-lab/index.js';
import { lessonSweepSpec } from '../../relu-lab/lessons.js';
import { createDotsChart, UNIT_METRICS } from './dots-chart.js';

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
  if (UNIT_METRICS.has(metric)) return (v) => (Number.isFinite(v) ? v.toFixed(2) : '—');
  return (v) => (Number.isFinite(v) ? v.toFixed(2) : '—');
}

/**
 * Workers for a sweep in the page: every core but one, which stays with the page (it paints, and
 * the playground's own worker trains). Measured by bench/sweep-page.mjs.
 */
export const pageWorkers = () => Math.max(1, (navigator.hardwareConcurrency || 2) - 1);

const secs = (ms) => (ms < 1000 ? 'under a second' : `about ${Math.round(ms / 1000)} s`);

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
  const cancel = h(
    'button.secondary.measure-cancel',
    { type: 'button', hidden: true, onclick: () => ac?.abort() },
    'Cancel',
  );
  const bar = h('progress.measure-bar', { 'max': 1, 'value': 0, 'aria-label': 'Sweep progress' });
  const status = h(
    'p.measure-status',
    { 'role': 'status', 'aria-live': 'polite' },
    `Runs the lesson's measurement on every core of this machine, seed by seed.`,
  );
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
  let ac = null;
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
    ac = new AbortController();
    element.dataset.state = 'running';
    go.disabled = seedsIn.disabled = true;
    cancel.hidden = false;
    bar.max = n * arms.length;
    bar.value = 0;
    status.textContent = `Starting ${n * arms.length} runs in workers…`;
    redraw();
    try {
      const r = await runSweep(lessonSweepSpec(lesson, seeds), {
        workers: pageWorkers(),
        signal: ac.signal,
        onProgress: (p) => {
          records.push(p.record);
          bar.value = p.done;
          status.textContent = `${p.done} of ${p.total} runs — ${p.done < p.total ? `${secs(p.etaMs)} left` : 'done'}`;
          redraw();
        },
      });
      records = r.records;
      element.dataset.state = 'done';
      status.textContent = `Done: ${r.records.length} runs on ${r.workers} worker${r.workers === 1 ? '' : 's'} in ${(r.elapsedMs / 1000).toFixed(1)} s.`;
    } catch (e) {
      element.dataset.state = e?.name === 'AbortError' ? 'cancelled' : 'error';
      status.textContent =
        e?.name === 'AbortError' ? `Cancelled after ${records.length} runs.` : `The sweep stopped: ${e?.message ?? e}`;
    } finally {
      ac = null;
      go.disabled = seedsIn.disabled = false;
      cancel.hidden = true;
      redraw();
    }
  }

  return { element, start, dispose: () => ac?.abort() };
}
