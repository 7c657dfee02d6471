// sweep-panel.js — the playground's Sweep panel: vary one or two fields of the current set-up over
// values × seeds, pick the metrics, run it in workers (runSweep: this thread only draws), see
// dots and bands per value (a heatmap of medians for two fields), click a dot to open that run
// in the playground (its URL), export the records as CSV. The sweep lives in the URL hash
// (sweep-setup.js); onChange(sweep) lets the page write it.
import { h, nextFrame, download } from '../dom.js';
import { summarize } from '../../relu-lab/index.js';
import { FIELD } from '../config.js';
import {
  SWEEP_FIELDS,
  SWEEP_METRICS,
  DEFAULT_SWEEP,
  parseValues,
  sweepSpec,
  runHash,
  recordsCSV,
  cellConfigs,
} from '../sweep-setup.js';
import { createDotsChart } from './dots-chart.js';
import { createSweepHeatmap } from './sweep-heatmap.js';
import { formatter, LABELS } from './measure-panel.js';
import { createSweepProgress } from './sweep-progress.js';

const label = (key) => FIELD[key]?.label ?? key;
const show = (vs) => vs.map((v) => (Array.isArray(v) ? v.join(',') : String(v))).join('/');

/** pg: the playground (state()); initial: a sweep or null; openRun(hash): show one run. */
export function createSweepPanel(pg, { initial = null, onChange, openRun }) {
  let sw = structuredClone(initial ?? DEFAULT_SWEEP);
  const fieldSelect = (i) =>
    h(
      'select.sweep-field',
      { 'aria-label': `Field ${i + 1}`, 'onchange': changed },
      i ? h('option', { value: '' }, '— none —') : null,
      SWEEP_FIELDS.map((k) => h('option', { value: k }, label(k))),
    );
  const fields = [fieldSelect(0), fieldSelect(1)];
  const values = [0, 1].map((i) =>
    h('input.sweep-values', {
      'type': 'text',
      'aria-label': `Values of field ${i + 1}, separated by /`,
      'onchange': changed,
    }),
  );
  const seeds = h('input.measure-seeds', {
    'type': 'number',
    'min': 1,
    'max': 200,
    'aria-label': 'Seeds',
    'onchange': changed,
  });
  const epochs = h('input.measure-seeds', {
    'type': 'number',
    'min': 0,
    'max': 5000,
    'aria-label': 'Epochs',
    'onchange': changed,
  });
  const boxes = SWEEP_METRICS.map((m) => h('input', { type: 'checkbox', value: m, onchange: changed }));
  const go = h('button.secondary.sweep-run', { type: 'button', onclick: () => start() }, 'Run sweep');
  const progress = createSweepProgress('Each dot is one run; click it to open that run in the playground.');
  const { cancel, bar, status } = progress;
  const csv = h('button.secondary.sweep-csv', { type: 'button', disabled: true, onclick: exportCSV }, 'Export CSV');
  const charts = h('div.measure-charts');
  const element = h(
    'details.sweep-panel',
    { dataset: { state: 'ready' }, open: !!initial },
    h('summary.lesson-sub', {}, 'Sweep: this set-up over values × seeds'),
    h(
      'div.sweep-form',
      {},
      [0, 1].map((i) => h('label.measure-label', {}, `Field ${i + 1} `, fields[i], values[i])),
      h('label.measure-label', {}, 'Seeds ', seeds),
      h('label.measure-label', {}, 'Epochs ', epochs),
    ),
    h(
      'fieldset.sweep-metrics',
      {},
      h('legend', {}, 'Metrics'),
      SWEEP_METRICS.map((m, i) => h('label.radio', {}, boxes[i], LABELS[m] ?? m)),
    ),
    h('div.measure-actions', {}, go, cancel, csv, bar),
    status,
    charts,
  );
  let records = [];
  let ran = null; // { config, sweep } of the records shown

  function sync() {
    sw.vary.forEach((v, i) => ((fields[i].value = v.key), (values[i].value = show(v.values))));
    if (sw.vary.length < 2) ((fields[1].value = ''), (values[1].value = ''));
    seeds.value = String(sw.seeds);
    epochs.value = String(sw.epochs);
    boxes.forEach((b) => (b.checked = sw.measure.includes(b.value)));
  }

  function changed() {
    const vary = [0, 1]
      .map((i) => ({
        key: fields[i].value,
        values: fields[i].value ? parseValues(fields[i].value, values[i].value) : [],
      }))
      .filter((v) => v.key && v.values.length);
    if (vary.length === 2 && vary[0].key === vary[1].key) vary.pop();
    const measure = boxes.filter((b) => b.checked).map((b) => b.value);
    sw = {
      vary: vary.length ? vary : sw.vary,
      seeds: Math.max(1, Math.min(200, Math.round(Number(seeds.value)) || sw.seeds)),
      epochs: Math.max(0, Math.min(5000, Math.round(Number(epochs.value)) || 0)),
      measure: measure.length ? measure : sw.measure,
    };
    sync();
    onChange?.(sw);
  }

  // The views of the sweep on screen, made once per sweep (start) and only fed afterwards: a view
  // made per frame left a ResizeObserver and a canvas behind each time (the page's frame rate fell).
  let views = [];

  function makeViews({ config, sweep }) {
    const two = sweep.vary.length === 2;
    views = sweep.measure.map((metric) => {
      const opts = { metric, label: LABELS[metric] ?? metric, format: formatter(metric) };
      if (two) return { metric, view: createSweepHeatmap(opts) };
      const onDot = (cell, record) => openRun(runHash(config, sweep, record.cell, record.seed));
      return { metric, view: createDotsChart({ ...opts, onDot }) };
    });
    charts.replaceChildren(...views.map((v) => v.view.element));
  }

  const redraw = nextFrame(() => {
    if (!ran) return;
    const { config, sweep } = ran;
    const cells = cellConfigs(config, sweep);
    const byCell = cells.map((_, cell) => records.filter((r) => r.cell === cell));
    for (const { metric, view } of views) {
      const values = (cell) => byCell[cell].map((r) => r.metrics[metric]);
      if (sweep.vary.length === 2) {
        const [a, b] = sweep.vary;
        view.set({
          rows: a.values.map((v) => show([v])),
          cols: b.values.map((v) => show([v])),
          names: [label(a.key), label(b.key)],
          medians: a.values.map((_, i) => b.values.map((_, j) => summarize(values(i * b.values.length + j)).median)),
        });
      } else {
        view.set(
          cells.map((c, cell) => ({
            label: c.labels.join(' · '),
            points: byCell[cell].map((r) => ({ value: r.metrics[metric], record: r })),
            summary: summarize(values(cell)),
            stated: null,
          })),
        );
      }
    }
  });

  async function start() {
    changed();
    const config = pg.state().config;
    const sweep = structuredClone(sw);
    ran = { config, sweep };
    records = [];
    makeViews(ran);
    go.disabled = csv.disabled = true;
    redraw();
    const r = await progress.run(sweepSpec(config, sweep), {
      element,
      onRecord: (record) => (records.push(record), redraw()),
      done: (res) =>
        `Done: ${res.records.length} runs on ${res.workers} workers in ${(res.elapsedMs / 1000).toFixed(1)} s. Click a dot to open that run.`,
    });
    if (r) records = r.records;
    go.disabled = false;
    csv.disabled = !records.length;
    redraw();
  }

  function exportCSV() {
    if (ran) download(element, 'relu-lab-sweep.csv', recordsCSV(ran.config, ran.sweep, records), 'text/csv');
  }

  sync();
  return {
    element,
    start,
    get sweep() {
      return sw;
    },
    get records() {
      return records;
    },
    dispose: progress.abort,
  };
}
