// sweep-setup.js — the playground's Sweep panel as data: which page fields can be varied, the
// sweep's text form in the URL hash ("sweep=learningRate:0.03/0.3/3;activation:relu/tanh|seeds:30
// |epochs:200|measure:deadOnData/testAccuracy"), the lab.sweep spec of a set-up (each cell a page
// config, mapped to the facade's options by config.js as the playground's worker maps it, so a
// cell's run is exactly the run the playground trains), and a run's own URL. Pure; no DOM.
import {
  FIELD,
  coerce,
  validValue,
  normalize,
  toHash,
  datasetOptions,
  networkOptions,
  trainOptions,
  datasetClasses,
} from './config.js';

/** Page fields a sweep may vary (not the seeds: the sweep sets both to each seed). */
export const SWEEP_FIELDS = [
  'learningRate',
  'activation',
  'batchSize',
  'optimizer',
  'init',
  'initScale',
  'biasInit',
  'alpha',
  'regularization',
  'regularizationRate',
  'hidden',
  'noise',
  'samples',
  'trainFraction',
  'dataset',
];
/** Metrics offered (lab.sweep's, in this order). */
export const SWEEP_METRICS = [
  'deadOnData',
  'deadOnPlane',
  'inactive',
  'activationRate',
  'testAccuracy',
  'trainAccuracy',
  'testLoss',
  'trainLoss',
  'epochsToAccuracy',
  'gradientRatio',
  'constantMap',
  'diverged',
  'regions',
];
export const DEFAULT_SWEEP = Object.freeze({
  vary: [{ key: 'learningRate', values: [0.03, 0.3, 3] }],
  seeds: 30,
  epochs: 200,
  measure: ['deadOnData', 'testAccuracy'],
});
const clampInt = (v, lo, hi, d) => (Number.isInteger(Number(v)) ? Math.min(hi, Math.max(lo, Number(v))) : d);

/** Values of one field from text ("0.03/0.3/3", "8,8/4,4"): the ones that validate, coerced; at most 12. */
export function parseValues(key, text) {
  const f = FIELD[key];
  return String(text)
    .split('/')
    .map((s) => s.trim())
    .filter((s) => s !== '' && validValue(f, s))
    .map((s) => coerce(f, s))
    .slice(0, 12);
}
const showValue = (v) => (Array.isArray(v) ? v.join(',') : String(v));

/** The hash form of a sweep (null: none). */
export function sweepToText(sw) {
  if (!sw) return null;
  const vary = sw.vary.map((v) => `${v.key}:${v.values.map(showValue).join('/')}`).join(';');
  return `${vary}|seeds:${sw.seeds}|epochs:${sw.epochs}|measure:${sw.measure.join('/')}`;
}

/** A sweep from its hash form; anything that does not validate is dropped (null when no field is left). */
export function sweepFromText(text) {
  if (typeof text !== 'string' || !text) return null;
  const [varyText, ...rest] = text.slice(0, 1000).split('|');
  const vary = varyText
    .split(';')
    .map((part) => {
      const at = part.indexOf(':');
      const key = part.slice(0, at);
      if (at < 1 || !SWEEP_FIELDS.includes(key)) return null;
      const values = parseValues(key, part.slice(at + 1));
      return values.length ? { key, values } : null;
    })
    .filter(Boolean)
    .slice(0, 2);
  if (!vary.length || (vary.length === 2 && vary[0].key === vary[1].key)) return null;
  const opt = Object.fromEntries(rest.map((p) => [p.slice(0, p.indexOf(':')), p.slice(p.indexOf(':') + 1)]));
  const measure = String(opt.measure ?? '')
    .split('/')
    .filter((m) => SWEEP_METRICS.includes(m));
  return {
    vary,
    seeds: clampInt(opt.seeds, 1, 200, DEFAULT_SWEEP.seeds),
    epochs: clampInt(opt.epochs, 0, 5000, DEFAULT_SWEEP.epochs),
    measure: measure.length ? [...new Set(measure)] : [...DEFAULT_SWEEP.measure],
  };
}

/** The page config of each cell: the product of the varied values, the first field outermost. */
export function cellConfigs(config, sw) {
  let cells = [{ config: normalize({ compare: false }, config), labels: [] }];
  for (const v of sw.vary) {
    cells = cells.flatMap((c) =>
      v.values.map((value) => {
        const next = normalize({ [v.key]: value }, c.config);
        if (v.key === 'activation') next.layerActivations = [];
        return { config: next, labels: [...c.labels, showValue(value)] };
      }),
    );
  }
  return cells;
}

const noSeed = ({ seed, ...o }) => o; // eslint-disable-line no-unused-vars

/** The lab.sweep spec: one `setup` value per cell, the seeds 1 … n, the epochs, the metrics. */
export function sweepSpec(config, sw) {
  const cells = cellConfigs(config, sw);
  return {
    epochs: sw.epochs,
    vary: {
      field: 'setup',
      values: cells.map((c) => ({
        dataset: noSeed(datasetOptions(c.config)),
        network: noSeed(networkOptions(c.config, datasetClasses(c.config))),
        train: trainOptions(c.config),
      })),
      labels: cells.map((c) => c.labels.join(' · ')),
    },
    seeds: sw.seeds,
    measure: sw.measure,
  };
}

/** The hash of one run: its cell's config on that seed, stopping at the sweep's epochs (and the sweep). */
export function runHash(config, sw, cell, seed) {
  const c = cellConfigs(config, sw)[cell].config;
  const run = normalize({ dataSeed: seed, seed, stopAt: sw.epochs }, c);
  return `${toHash(run)}&sweep=${encodeURIComponent(sweepToText(sw))}`;
}

/** The records as CSV: one line per run (the varied fields, the seed, every metric). */
export function recordsCSV(config, sw, records) {
  const cells = cellConfigs(config, sw);
  const head = [...sw.vary.map((v) => v.key), 'seed', 'units', 'epoch', ...sw.measure];
  const q = (s) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const lines = records.map((r) =>
    [
      ...cells[r.cell].labels,
      String(r.seed),
      String(r.units),
      String(r.epoch),
      ...sw.measure.map((m) => (r.metrics[m] ?? '') + ''),
    ]
      .map(q)
      .join(','),
  );
  return [head.join(','), ...lines].join('\n') + '\n';
}
