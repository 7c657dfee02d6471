// config.js — the playground's configuration as data: one table of fields (type, default, limits,
// label) that drives the controls, the URL hash, validation, state() and setConfig().
//
// What it is not: the engine's own validation. Values are clamped here so that a hand-edited URL
// cannot break the page; the worker still passes them through the facade, which checks them again
// and whose error message the page shows. Field names follow the facade's option names
// (lab.dataset / lab.network / net.train) so a config maps onto the API without renaming, and the
// type, limits and allowed names of those fields come from the facade's schema (relu-lab/schema).
//
// Hazard: adding a field is one row here; keep `group` right, it decides what a change resets
// (data → new dataset and networks, network → new networks, train/view → nothing).

import {
  fieldsOf,
  DATASETS,
  ACTIVATIONS,
  OUTPUTS as HEADS,
  INITS,
  OPTIMIZERS,
  REGULARIZATIONS,
  FEATURES,
  LIMITS,
} from '../relu-lab/schema.js';

export { DATASETS, ACTIVATIONS, HEADS, INITS, OPTIMIZERS, REGULARIZATIONS, FEATURES };
export const COMPARE_BY = ['activation', 'learningRate', 'init'];
export const LR_STEPS = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const MAX_LAYERS = LIMITS.maxHiddenLayers;
export const MAX_UNITS = LIMITS.maxUnits;
export const MAX_TWINS = 4;

/**
 * A field taken from the facade's schema (group.name): its type, limits and allowed names come
 * from there; `ui` adds the page's own key, label, group, default and tighter UI limits.
 */
function from(path, ui) {
  const [group, name] = path.split('.');
  const f = fieldsOf(group).find((x) => x.name === name);
  if (!f) throw new Error(`config: the facade's schema has no field ${path}`);
  const type =
    { integer: 'int', names: 'list', enum: 'enum', boolean: 'bool', number: f.values ? 'enum' : 'number' }[f.type] ??
    f.type;
  const options = f.values ? f.values.map(String) : undefined;
  return { type, options, min: f.min, max: f.max, def: f.default, doc: f.doc, source: path, ...ui };
}

/**
 * The field table. type: enum | int | number | bool | list (of enum) | intlist | text.
 * group: data | network | train | view | compare (what a change resets, see playground.js).
 */
// prettier-ignore
export const FIELDS = [
  // data
  from('dataset.name', { key: 'dataset', group: 'data', label: 'Dataset' }),
  from('dataset.classes', { key: 'classes', group: 'data', def: 3, label: 'Classes' }),
  from('dataset.samples', { key: 'samples', group: 'data', min: 20, max: 2000, step: 10, label: 'Samples' }),
  from('dataset.noise', { key: 'noise', group: 'data', step: 0.05, label: 'Noise' }),
  from('dataset.trainFraction', { key: 'trainFraction', group: 'data', min: 0.1, max: 0.9, step: 0.1, label: 'Training share' }),
  from('dataset.seed', { key: 'dataSeed', group: 'data', max: 999999, label: 'Data seed' }),
  from('dataset.extent', { key: 'extent', group: 'data', min: 0.5, max: 10, step: 0.5, label: 'Extent (±)' }),
  // network
  from('network.features', { key: 'features', group: 'network', min: 1, label: 'Inputs' }),
  { key: 'hidden', group: 'network', type: 'intlist', min: 1, max: MAX_UNITS, maxLength: MAX_LAYERS, def: [8, 8, 8], label: 'Hidden layers', source: 'network.hidden' },
  from('network.activation', { key: 'activation', group: 'network', label: 'Activation' }),
  { key: 'layerActivations', group: 'network', type: 'list', options: ACTIVATIONS, def: [], maxLength: MAX_LAYERS, label: 'Per-layer activations', source: 'layer.activation' },
  from('network.alpha', { key: 'alpha', group: 'train', type: 'number', max: 1, step: 0.01, def: -1, label: 'α (leak / ELU scale)' }),
  from('network.batchNorm', { key: 'batchNorm', group: 'network', label: 'Batch norm' }),
  from('network.output', { key: 'output', group: 'network', label: 'Output' }),
  from('network.init', { key: 'init', group: 'network', label: 'Initialisation' }),
  from('network.initScale', { key: 'initScale', group: 'network', max: 10, step: 0.01, label: 'Init scale' }),
  from('network.biasInit', { key: 'biasInit', group: 'network', min: -5, max: 5, step: 0.1, label: 'Initial bias' }),
  from('network.reluGradAtZero', { key: 'reluGradAtZero', group: 'train', def: '0', label: 'ReLU′(0)' }),
  from('network.seed', { key: 'seed', group: 'network', max: 999999, label: 'Weight seed' }),
  // training
  from('train.optimizer', { key: 'optimizer', group: 'train', label: 'Optimizer' }),
  from('train.learningRate', { key: 'learningRate', group: 'train', max: 10, label: 'Learning rate', steps: LR_STEPS }),
  from('train.batchSize', { key: 'batchSize', group: 'train', max: 100, label: 'Batch size' }),
  from('train.regularization', { key: 'regularization', group: 'train', label: 'Regularization' }),
  from('train.regularizationRate', { key: 'regularizationRate', group: 'train', max: 1, label: 'Regularization rate', steps: [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1] }),
  { key: 'stopAt', group: 'train', type: 'int', min: 0, max: 100000, def: 0, label: 'Stop at epoch (0: never)' },
  { key: 'epochsPerFrame', group: 'view', type: 'int', min: 1, max: 200, def: 4, label: 'Epochs per frame' },
  // view
  { key: 'showTest', group: 'view', type: 'bool', def: false, label: 'Show test data' },
  { key: 'discretize', group: 'view', type: 'bool', def: false, label: 'Discretize output' },
  { key: 'zeroLines', group: 'view', type: 'bool', def: false, label: 'First-layer z = 0 lines' },
  // issue 15: the output map's Regions mode, and clicks that trace a point instead of adding one
  { key: 'regions', group: 'view', type: 'bool', def: false, label: 'Regions: linear pieces and folds' },
  { key: 'trace', group: 'view', type: 'bool', def: false, label: 'Trace a point (clicks trace, not add)' },
  // compare
  { key: 'compare', group: 'compare', type: 'bool', def: false, label: 'Compare twins' },
  { key: 'compareBy', group: 'compare', type: 'enum', options: COMPARE_BY, def: 'activation', label: 'Twins differ in' },
  { key: 'twins', group: 'compare', type: 'text', def: 'relu,leaky_relu', label: 'Twin values' },
];

// No prototype: a URL key such as "constructor" or "toString" must not look like a field.
export const FIELD = Object.assign(Object.create(null), Object.fromEntries(FIELDS.map((f) => [f.key, f])));
export const DEFAULTS = Object.freeze(Object.fromEntries(FIELDS.map((f) => [f.key, structuredClone(f.def)])));

const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));

/** Coerce one value to its field's type and limits; returns the default when unusable. */
export function coerce(field, value) {
  const f = typeof field === 'string' ? FIELD[field] : field;
  if (!f) return undefined;
  switch (f.type) {
    case 'enum': {
      const s = String(value);
      return f.options.includes(s) ? s : f.def;
    }
    case 'int': {
      const n = Math.round(Number(value));
      return Number.isFinite(n) ? clamp(n, f.min, f.max) : f.def;
    }
    case 'number': {
      const n = Number(value);
      if (!Number.isFinite(n)) return f.def;
      if (f.key === 'alpha' && n < 0) return -1; // −1 = the activation's default α
      return clamp(n, f.min, f.max);
    }
    case 'bool':
      return value === true || value === 'true' || value === '1' || value === 1;
    case 'list': {
      const arr = Array.isArray(value) ? value : String(value).split(',').filter(Boolean);
      const out = arr
        .map(String)
        .filter((s) => f.options.includes(s))
        .slice(0, f.maxLength ?? f.options.length);
      if (f.key === 'features') return out.length ? [...new Set(out)] : [...f.def];
      return out;
    }
    case 'intlist': {
      const arr = Array.isArray(value)
        ? value
        : String(value)
            .split(',')
            .filter((s) => s !== '');
      return arr.map((s) => clamp(Math.round(Number(s)) || f.min, f.min, f.max)).slice(0, f.maxLength);
    }
    case 'text':
      return String(value).slice(0, 200);
    default:
      return value;
  }
}

/** A full, valid config from defaults overlaid with a partial one. */
export function normalize(partial = {}, base = DEFAULTS) {
  const out = structuredClone(base);
  for (const [k, v] of Object.entries(partial)) if (FIELD[k] && v !== undefined) out[k] = coerce(FIELD[k], v);
  return out;
}

/** The groups whose fields differ between two configs. */
export function changedGroups(a, b) {
  const groups = new Set();
  for (const f of FIELDS) if (JSON.stringify(a[f.key]) !== JSON.stringify(b[f.key])) groups.add(f.group);
  return groups;
}

// ---- URL hash (TF-Playground style: key=value&…, plus <key>_hide=true and hideText=true) ------

function encodeValue(f, v) {
  return Array.isArray(v) ? v.join(',') : String(v);
}

/** Serialise a config (every field, so a link pins the whole state) plus the hide flags. */
export function toHash(config, hidden = new Set(), hideText = false) {
  const p = new URLSearchParams();
  for (const f of FIELDS) p.set(f.key, encodeValue(f, config[f.key]));
  for (const k of [...hidden].sort()) p.set(`${k}_hide`, 'true');
  if (hideText) p.set('hideText', 'true');
  return p.toString().replaceAll('%2C', ',').replaceAll('%3A', ':');
}

/** Parse a hash ("#a=b&…" or "a=b&…") into { config, hidden, hideText }; unknown keys are ignored. */
export function fromHash(hash) {
  const p = new URLSearchParams(String(hash ?? '').replace(/^#/, ''));
  const partial = {};
  const hidden = new Set();
  let hideText = false;
  for (const [k, v] of p) {
    if (k === 'hideText') hideText = v === 'true';
    else if (k.endsWith('_hide')) {
      if (v === 'true') hidden.add(k.slice(0, -5));
    } else if (FIELD[k]) partial[k] = v;
  }
  // an explicitly empty hidden list is a network with no hidden layer
  if (p.has('hidden') && p.get('hidden') === '') partial.hidden = [];
  return { config: normalize(partial), hidden, hideText };
}

// ---- mapping onto the facade's option objects ----------------------------------------------

/** Number of classes the chosen dataset produces (0 = regression). */
export function datasetClasses(config) {
  if (config.dataset.startsWith('regress')) return 0;
  if (config.dataset === 'spiral_k' || config.dataset === 'blobs_k') return config.classes;
  return 2;
}

/** The output head to use: the chosen one when it fits the data, else the natural one. */
export function effectiveHead(config, classes = datasetClasses(config)) {
  if (classes === 0) return 'linear';
  if (classes > 2) return 'softmax';
  return config.output === 'linear' ? 'sigmoid' : config.output;
}

export function datasetOptions(config) {
  return {
    name: config.dataset,
    samples: config.samples,
    noise: config.noise,
    trainFraction: config.trainFraction,
    seed: config.dataSeed,
    extent: config.extent,
    ...(config.dataset === 'spiral_k' || config.dataset === 'blobs_k' ? { classes: config.classes } : {}),
  };
}

/** The activation of hidden layer i. */
export function layerActivation(config, i) {
  return config.layerActivations[i] ?? config.activation;
}

/** lab.network() options for one model (twin overrides applied by the caller). */
export function networkOptions(config, classes) {
  const head = effectiveHead(config, classes);
  return {
    features: config.features,
    hidden: config.hidden.map((units, i) => {
      const act = layerActivation(config, i);
      const layer = { units, activation: act, batchNorm: config.batchNorm };
      if (config.alpha >= 0 && (act === 'leaky_relu' || act === 'elu' || act === 'prelu')) layer.alpha = config.alpha;
      return layer;
    }),
    output: head,
    ...(head === 'softmax' ? { classes: Math.max(2, classes) } : {}),
    init: config.init,
    initScale: config.initScale,
    biasInit: config.biasInit,
    reluGradAtZero: Number(config.reluGradAtZero),
    seed: config.seed,
  };
}

export function trainOptions(config) {
  return {
    optimizer: config.optimizer,
    learningRate: config.learningRate,
    batchSize: config.batchSize,
    regularization: config.regularization,
    regularizationRate: config.regularization === 'none' ? 0 : config.regularizationRate,
  };
}

/** Fields a twin may override with a "key:value" token (network and training settings). */
export const TWIN_KEYS = FIELDS.filter(
  (f) =>
    (f.group === 'network' || f.group === 'train') &&
    f.key !== 'layerActivations' &&
    f.key !== 'hidden' &&
    f.key !== 'features',
).map((f) => f.key);

/**
 * One twin from its text: space-separated tokens; a bare token is a value of `compareBy`
 * ("leaky_relu", "0.3"), "key:value" sets any field of TWIN_KEYS ("alpha:0.1", "stopAt:200") and
 * "label:text" names the twin (underscores read as spaces). Every value goes through coerce(), and
 * a token that does not validate is dropped. Returns null when nothing valid is left.
 */
export function parseTwin(text, base, compareBy = base.compareBy) {
  const c = structuredClone(base);
  const parts = [];
  let label = null;
  // a display name, spaces and all ("Leaky ReLU", "He normal"), is one value (issue #19)
  const whole = twinValue(text, compareBy);
  for (const token of whole ? [whole] : String(text).trim().split(/\s+/).filter(Boolean)) {
    const at = token.indexOf(':');
    if (at > 0) {
      const key = token.slice(0, at);
      const raw = token.slice(at + 1);
      if (key === 'label') {
        label = raw.replaceAll('_', ' ').slice(0, 40);
        continue;
      }
      if (!TWIN_KEYS.includes(key) || !validValue(FIELD[key], raw)) continue;
      c[key] = coerce(key, raw);
      if (key === 'activation') c.layerActivations = [];
      parts.push(`${key} ${raw}`);
    } else if (compareBy === 'activation' && twinValue(token, compareBy)) {
      c.activation = twinValue(token, compareBy);
      c.layerActivations = [];
      parts.push(c.activation);
    } else if (compareBy === 'init' && twinValue(token, compareBy)) {
      c.init = twinValue(token, compareBy);
      parts.push(c.init);
    } else if (compareBy === 'learningRate' && Number(token) > 0) {
      c.learningRate = coerce('learningRate', token);
      parts.push(`lr ${token}`);
    }
  }
  if (!parts.length && label === null) return null;
  return { label: label ?? parts.join(' '), config: c };
}

/**
 * The id a twin's value names for `compareBy` (activation or init), or null: an id or a display
 * name, in any case, with spaces, "_" or "-" alike ("Leaky ReLU", "leaky-relu" → "leaky_relu";
 * "He normal" → "he_normal"). Learning rates are numbers (parseTwin).
 */
export function twinValue(text, compareBy) {
  const list = compareBy === 'activation' ? ACTIVATIONS : compareBy === 'init' ? INITS : null;
  const key = (v) =>
    String(v)
      .toLowerCase()
      .replace(/[\s_-]+/g, '');
  const k = key(text);
  return (k && list?.find((id) => key(id) === k)) ?? null;
}

/** True when a raw value fits its field exactly (coerce() would keep it, not replace or clamp it). */
export function validValue(f, raw) {
  if (!f) return false;
  const s = String(raw);
  switch (f.type) {
    case 'enum':
      return f.options.includes(s);
    case 'bool':
      return ['true', 'false', '1', '0', ''].includes(s) || typeof raw === 'boolean';
    case 'int':
    case 'number': {
      if (typeof raw !== 'number' && s.trim() === '') return false;
      const n = Number(raw);
      if (!Number.isFinite(n) || (f.type === 'int' && !Number.isInteger(n))) return false;
      if (f.key === 'alpha' && n === -1) return true;
      return n >= f.min && n <= f.max;
    }
    case 'list': {
      const arr = Array.isArray(raw) ? raw : s.split(',').filter(Boolean);
      return (
        arr.length <= (f.maxLength ?? Infinity) &&
        arr.every((v) => f.options.includes(String(v))) &&
        (f.key !== 'features' || arr.length > 0)
      );
    }
    case 'intlist': {
      const arr = Array.isArray(raw) ? raw : s.split(',').filter((x) => x !== '');
      return (
        arr.length <= f.maxLength &&
        arr.every(
          (v) => Number.isInteger(Number(v)) && String(v).trim() !== '' && Number(v) >= f.min && Number(v) <= f.max,
        )
      );
    }
    case 'text':
      return s.length <= 200;
    default:
      return false;
  }
}

/** The configs of the models that train side by side: one, or 2–4 twins in compare mode. */
export function modelConfigs(config) {
  if (!config.compare) return [{ label: 'model', config }];
  const twins = config.twins
    .split(',')
    .map((s) => parseTwin(s, config))
    .filter(Boolean)
    .slice(0, MAX_TWINS);
  while (twins.length < 2) twins.push({ label: twins.length ? 'copy' : 'model', config: structuredClone(config) });
  return twins;
}
