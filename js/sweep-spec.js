// sweep-spec.js — a sweep's spec checked against the schema and expanded into runs (tasks).
//
// What it is: parseSweepSpec(spec) → a normalised spec (every option filled from the schema's
// defaults), or a TypeError / RangeError whose message names the field (`spec.vary[0].values[2]`,
// `spec.train.learningRate`, …); expandSpec(parsed) → cells (the grid of varied values) and tasks
// (one plain-data run per cell and seed, in cell-major, seed-minor order). No wasm: the page can
// check a spec from its URL before starting a worker.
// What it is not: the runs (sweep-run.js) or the pool (sweep-pool.js).
import { LIMITS, fieldsOf } from './schema.js';
import { METRIC_NAMES } from './sweep-run.js';
import { checkValue, fail, isPlainObject, parseOptions, show } from './validate.js';

const WHERE = 'lab.sweep';
/** Caps: a sweep is something a page runs while a learner waits. */
export const SWEEP_LIMITS = Object.freeze({ maxSeeds: 1000, maxValues: 64, maxRuns: 100000, maxVary: 2 });
const EPOCHS = { type: 'integer', min: 0, max: LIMITS.maxEpochsPerCall, default: 0 };
const TARGET = { type: 'number', min: 0, max: 1, minExclusive: true, default: 0.9 };
const GRID = { type: 'integer', min: 2, max: 512, default: 41 };
const REVIVE_EVERY = { type: 'integer', min: 0, max: LIMITS.maxEpochsPerCall, default: 0 };
const SEED = fieldsOf('network').find((f) => f.name === 'seed');
const SPEC_KEYS = [
  'dataset',
  'network',
  'train',
  'epochs',
  'then',
  'reviveEvery',
  'vary',
  'seeds',
  'measure',
  'accuracyTarget',
  'grid',
];
const SETUP_KEYS = ['dataset', 'network', 'train', 'epochs', 'then', 'reviveEvery'];

const field = (group, name) => fieldsOf(group).find((f) => f.name === name);
const num = (f, v, name, dflt) => (v === undefined ? (dflt ?? f.default) : checkValue(f, v, WHERE, name));

function object(v, name, keys) {
  if (!isPlainObject(v)) fail(TypeError, WHERE, name, 'a plain object', v);
  const extra = Object.keys(v).find((k) => !keys.includes(k));
  if (extra !== undefined)
    throw new TypeError(`${WHERE}: unknown option ${show(`${name}.${extra}`)}; allowed: ${keys.join(', ')}`);
  return v;
}

/** A set-up (the base, or a `setup` vary value): dataset / network / train options, epochs, then. */
function parseSetup(s, name, base) {
  const at = (k) => `${name}.${k}`;
  const group = (g, v, prev) => {
    if (v !== undefined && !isPlainObject(v)) fail(TypeError, WHERE, at(g), 'a plain object', v);
    const merged = { ...(prev ?? {}), ...(v ?? {}) };
    if (g === 'train' && 'epochs' in (v ?? {}))
      fail(
        TypeError,
        WHERE,
        at('train.epochs'),
        `left out (use ${name === 'spec' ? 'spec.epochs' : at('epochs')})`,
        v.epochs,
      );
    if (g !== 'train' && 'seed' in (v ?? {}))
      fail(
        TypeError,
        WHERE,
        at(`${g}.seed`),
        'left out (spec.seeds sets the seed of the data and the network)',
        v.seed,
      );
    return parseOptions(g, merged, WHERE, { prefix: `${name}.${g}.` });
  };
  const out = {
    dataset: group('dataset', s.dataset, base?.raw.dataset),
    network: group('network', s.network, base?.raw.network),
    train: group('train', s.train, base?.raw.train),
    epochs: num(EPOCHS, s.epochs, at('epochs'), base?.epochs),
    reviveEvery: num(REVIVE_EVERY, s.reviveEvery, at('reviveEvery'), base?.reviveEvery),
    then: s.then === null ? null : (base?.then ?? null),
    raw: {
      dataset: { ...(base?.raw.dataset ?? {}), ...(s.dataset ?? {}) },
      network: { ...(base?.raw.network ?? {}), ...(s.network ?? {}) },
      train: { ...(base?.raw.train ?? {}), ...(s.train ?? {}) },
    },
  };
  if (s.then !== undefined && s.then !== null) {
    const t = object(s.then, at('then'), ['train', 'epochs', 'revive']);
    if (t.train !== undefined && !isPlainObject(t.train))
      fail(TypeError, WHERE, at('then.train'), 'a plain object', t.train);
    if (t.train && 'epochs' in t.train)
      fail(TypeError, WHERE, at('then.train.epochs'), `left out (use ${at('then.epochs')})`, t.train.epochs);
    const train = parseOptions('train', { ...out.raw.train, ...(t.train ?? {}) }, WHERE, {
      prefix: `${at('then.train')}.`,
    });
    const revive = t.revive === undefined ? false : checkValue({ type: 'boolean' }, t.revive, WHERE, at('then.revive'));
    const own = Object.keys(t.train ?? {}); // options the second phase sets itself (a varied one leaves them)
    out.then = { train: { ...train, epochs: 1 }, own, epochs: num(EPOCHS, t.epochs, at('then.epochs'), 0), revive };
  }
  out.train = { ...out.train, epochs: 1 };
  return out;
}

/** Where a vary field points: 'train.learningRate' → the schema field; 'epochs'; 'setup'. */
function varyTarget(path, name) {
  if (typeof path !== 'string')
    fail(TypeError, WHERE, name, "a string such as 'train.learningRate', 'epochs' or 'setup'", path);
  if (path === 'setup' || path === 'epochs' || path === 'then.epochs' || path === 'reviveEvery') return { path };
  const [group, key, more] = path.split('.');
  const f = ['dataset', 'network', 'train'].includes(group) && more === undefined ? field(group, key) : undefined;
  if (!f || key === 'seed' || key === 'epochs') {
    fail(
      RangeError,
      WHERE,
      name,
      "'setup', 'epochs', 'then.epochs', 'reviveEvery' or '<dataset|network|train>.<option>' (not seed: spec.seeds sets it)",
      path,
    );
  }
  return { path, group, key };
}

function parseVary(v) {
  const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
  if (list.length > SWEEP_LIMITS.maxVary)
    fail(RangeError, WHERE, 'spec.vary', `one or two { field, values } (got ${list.length})`);
  return list.map((entry, i) => {
    const name = Array.isArray(v) ? `spec.vary[${i}]` : 'spec.vary';
    object(entry, name, ['field', 'values', 'labels']);
    const target = varyTarget(entry.field, `${name}.field`);
    if (!Array.isArray(entry.values)) fail(TypeError, WHERE, `${name}.values`, 'an array', entry.values);
    if (entry.values.length < 1 || entry.values.length > SWEEP_LIMITS.maxValues)
      fail(RangeError, WHERE, `${name}.values`, `an array of 1 to ${SWEEP_LIMITS.maxValues} values`, entry.values);
    const labels = entry.labels === undefined ? null : [...entry.labels];
    if (
      labels &&
      (labels.length !== entry.values.length || labels.some((l) => typeof l !== 'string' || !l || l.length > 60))
    ) {
      fail(
        TypeError,
        WHERE,
        `${name}.labels`,
        `an array of ${entry.values.length} non-empty strings (at most 60 characters)`,
        entry.labels,
      );
    }
    return { ...target, values: [...entry.values], labels, name };
  });
}

function parseSeeds(s) {
  if (typeof s === 'number')
    return Array.from(
      { length: checkValue({ type: 'integer', min: 1, max: SWEEP_LIMITS.maxSeeds }, s, WHERE, 'spec.seeds') },
      (_, i) => i + 1,
    );
  if (!Array.isArray(s))
    fail(TypeError, WHERE, 'spec.seeds', `a count in [1, ${SWEEP_LIMITS.maxSeeds}] or an array of seeds`, s);
  if (s.length < 1 || s.length > SWEEP_LIMITS.maxSeeds)
    fail(RangeError, WHERE, 'spec.seeds', `an array of 1 to ${SWEEP_LIMITS.maxSeeds} seeds`, s);
  const seeds = s.map((x, i) => checkValue(SEED, x, WHERE, `spec.seeds[${i}]`));
  if (new Set(seeds).size !== seeds.length) fail(RangeError, WHERE, 'spec.seeds', 'an array of distinct seeds', s);
  return seeds;
}

function parseMeasure(m) {
  const names_ = METRIC_NAMES.map((n) => JSON.stringify(n)).join(', ');
  const what = `a non-empty array of distinct metric names from ${names_}`;
  if (!Array.isArray(m)) fail(TypeError, WHERE, 'spec.measure', what, m);
  const names = [...m];
  if (!names.length || names.length > METRIC_NAMES.length || new Set(names).size !== names.length)
    fail(RangeError, WHERE, 'spec.measure', what, m);
  names.forEach((n, i) => {
    if (typeof n !== 'string') fail(TypeError, WHERE, `spec.measure[${i}]`, `one of ${names_}`, n);
    if (!METRIC_NAMES.includes(n)) fail(RangeError, WHERE, `spec.measure[${i}]`, `one of ${names_}`, n);
  });
  return names;
}

/** Check a sweep spec; → { base, vary, seeds, measure, accuracyTarget, grid } or a TypeError/RangeError naming the field. */
export function parseSweepSpec(spec) {
  object(spec, 'spec', SPEC_KEYS);
  const base = parseSetup(spec, 'spec', null);
  const vary = parseVary(spec.vary);
  const seeds = parseSeeds(spec.seeds);
  const measure = parseMeasure(spec.measure);
  const accuracyTarget = num(TARGET, spec.accuracyTarget, 'spec.accuracyTarget');
  const grid = num(GRID, spec.grid, 'spec.grid');
  const runs = vary.reduce((n, v) => n * v.values.length, 1) * seeds.length;
  if (runs > SWEEP_LIMITS.maxRuns)
    fail(RangeError, WHERE, 'spec', `at most ${SWEEP_LIMITS.maxRuns} runs (values × seeds; got ${runs})`);
  // every value of every vary entry must make a valid set-up on its own
  const parsed = { base, vary, seeds, measure, accuracyTarget, grid };
  for (const v of vary) v.values.forEach((value, k) => apply(base, v, value, `${v.name}.values[${k}]`));
  return parsed;
}

/** The set-up with one vary value applied (checked; errors name the value). */
function apply(setup, v, value, name) {
  if (v.path === 'setup') return parseSetup(object(value, name, SETUP_KEYS), name, setup);
  if (v.path === 'epochs' || v.path === 'reviveEvery')
    return { ...setup, [v.path]: num(v.path === 'epochs' ? EPOCHS : REVIVE_EVERY, value, name) };
  if (v.path === 'then.epochs') {
    if (!setup.then) fail(TypeError, WHERE, name, 'used with spec.then (there is no second phase)', value);
    return { ...setup, then: { ...setup.then, epochs: num(EPOCHS, value, name) } };
  }
  const f = field(v.group, v.key);
  const checked = checkValue(f, value, WHERE, name);
  const next = { ...setup, [v.group]: { ...setup[v.group], [v.key]: checked } };
  // the second phase trains with the same options unless it sets this one itself
  if (v.group === 'train' && setup.then && !setup.then.own.includes(v.key))
    next.then = { ...setup.then, train: { ...setup.then.train, [v.key]: checked } };
  return next;
}

/** A value as a short label: 0.3, 'relu', [8, 8] → '8,8'. */
const label = (v) => (Array.isArray(v) ? v.map((x) => (typeof x === 'object' ? x.units : x)).join(',') : String(v));

/**
 * Cells (every combination of the vary values, the first field outermost) and tasks (per cell,
 * per seed: the plain options of one run).
 */
export function expandSpec(p) {
  let cells = [{ setup: p.base, values: {}, labels: {} }];
  for (const v of p.vary) {
    cells = cells.flatMap((c) =>
      v.values.map((value, k) => ({
        setup: apply(c.setup, v, value, `${v.name}.values[${k}]`),
        values: { ...c.values, [v.path]: value },
        labels: { ...c.labels, [v.path]: v.labels?.[k] ?? (v.path === 'setup' ? `setup ${k + 1}` : label(value)) },
      })),
    );
  }
  const tasks = [];
  cells.forEach((c, cell) => {
    for (const seed of p.seeds) {
      const s = c.setup;
      tasks.push({
        cell,
        seed,
        dataset: { ...s.dataset, seed },
        network: { ...s.network, seed },
        train: s.train,
        epochs: s.epochs,
        then: s.then,
        reviveEvery: s.reviveEvery,
        accuracyTarget: p.accuracyTarget,
        grid: p.grid,
        measure: p.measure,
      });
    }
  });
  return { cells: cells.map((c, index) => ({ index, values: c.values, labels: c.labels })), tasks };
}
