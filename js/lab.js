// lab.js — Lab: one loaded wasm instance and the factory of its datasets and networks.
//
// What it is: the object load() returns — the engine's tables (activations, datasets, limits),
// the factories (dataset, emptyDataset, datasetFromCSV, network), activation curves from the
// engine's table, and the live-object count.
// What it is not: global state. Each load() makes its own Lab with its own wasm memory; objects
// from one lab cannot be used with another.
import { Dataset } from './dataset.js';
import { Network, wireNetwork } from './network.js';
import { ACTIVATIONS, DATASETS, FEATURES, LIMITS, fieldsOf, schema } from './schema.js';
import { LAB } from './owned.js';
import { csvTextBytes, datasetBytes, ensureMemory, modelTextBytes, networkBytes, networkShape } from './memory.js';
import { checkValue, engineError, fail, floatArray, isPlainObject, parseFields, parseOptions } from './validate.js';
import { version } from './version.js';
// ---- sweeps (lab.sweep, issue 16) ----
import { sweep } from './sweep.js';
import { liveWorkers } from './sweep-pool.js';

const field = (group, name) => fieldsOf(group).find((f) => f.name === name);
// activationCurve's options are a layer's α and the network's ReLU'(0): the same fields, the
// same limits and defaults.
const CURVE_FIELDS = [field('layer', 'alpha'), field('network', 'reluGradAtZero')];

export class Lab {
  /** Internal: use load(). */
  constructor(mod, simd) {
    this[LAB] = { mod, live: new Set() };
    /** True when the SIMD128 build is running. */
    this.simd = simd;
    /** The package version. */
    this.version = version;
    /** The activation table: name, formula, output range, α defaults, family. */
    this.activations = mod.activations().map((a) => ({
      name: a.name,
      formula: a.formula,
      range: [a.lo, a.hi],
      defaultAlpha: a.defaultAlpha,
      hasAlpha: a.hasAlpha,
      learnedAlpha: a.learnedAlpha,
      reluFamily: a.reluFamily,
    }));
    /** The generators: name, regression or not, classes (null: set by the classes option). */
    this.datasets = DATASETS.map((name) => datasetInfo(mod, name));
    /** Input feature names. */
    this.features = FEATURES;
    /** The engine's limits and the facade's caps. */
    this.limits = { ...LIMITS, ...mod.limits() };
    /** The option schema (the same as `import { schema } from 'relu-lab/schema'`). */
    this.schema = schema;
    deepFreezeOwn(this);
  }

  /** Generate a dataset (see the 'dataset' group of the schema for the options). */
  dataset(options) {
    const where = 'lab.dataset';
    const o = parseOptions('dataset', options, where);
    const { mod } = this[LAB];
    const status = mod.validateDataset(o);
    if (!status.ok) throw engineError(where, status);
    ensureMemory(mod, where, datasetBytes(o.samples), true);
    return new Dataset(this, mod.Dataset.generate(o), o.name);
  }

  /** An empty dataset to fill with data.add(): classes, or regression labels in [-1, 1]. */
  emptyDataset(options) {
    const where = 'lab.emptyDataset';
    const o = parseOptions('emptyDataset', options, where);
    const { mod } = this[LAB];
    ensureMemory(mod, where, datasetBytes(0), true);
    return new Dataset(this, mod.Dataset.empty(o.regression ? 0 : o.classes, o.extent), null);
  }

  /** A dataset from CSV text: header x,y,label[,split]; integer labels 0…7 are classes. */
  datasetFromCSV(text, options) {
    const where = 'lab.datasetFromCSV';
    checkText(where, 'text', text);
    const o = parseOptions('csv', options, where);
    const { mod } = this[LAB];
    ensureMemory(mod, where, csvTextBytes(text), true);
    const r = mod.Dataset.fromCsv(text, o.extent);
    if (!r.status.ok) throw engineError(where, r.status);
    return new Dataset(this, r.value, null);
  }

  /**
   * A new network from options (see the 'network' group of the schema), or a saved model:
   * the object net.toJSON() returned, or its JSON text.
   */
  network(options) {
    const where = 'lab.network';
    const { mod } = this[LAB];
    if (typeof options === 'string' || (isPlainObject(options) && 'format' in options)) {
      const text = modelText(where, options);
      ensureMemory(mod, where, modelTextBytes(text), true);
      const r = mod.Network.fromJson(text);
      if (!r.status.ok) throw engineError(`${where}: model`, r.status);
      return new Network(this, r.value);
    }
    const wire = wireNetwork(parseOptions('network', options, where));
    ensureMemory(mod, where, networkBytes(networkShape(wire)), true);
    const r = mod.Network.create(wire);
    if (!r.status.ok) throw engineError(where, r.status);
    return new Network(this, r.value);
  }

  /**
   * f and f′ of one activation of the engine's table at the values xs (each within
   * ±LIMITS.maxCoordinate, at most LIMITS.maxPredictPoints of them): { f, df }, Float32Array
   * copies. options.alpha: null or left out for the activation's default α; reluGradAtZero: the
   * derivative taken at a kink (default the network's default).
   * These are the engine's float32 values (their error per activation: README, *What the engine
   * computes*, measured by bench/approx-error.mjs), and
   * saturated units are exactly flat (GELU′, SiLU′ exactly 0 or 1 far from 0).
   */
  activationCurve(activation, xs, options) {
    const where = 'lab.activationCurve';
    const name = checkValue(field('layer', 'activation'), activation, where, 'activation');
    const x = floatArray(where, 'xs', xs, {
      what: 'a Float32Array or array of numbers',
      maxLength: LIMITS.maxPredictPoints,
      bound: LIMITS.maxCoordinate,
    });
    const o = parseFields(CURVE_FIELDS, options, where);
    const alpha = o.alpha ?? this.activations[ACTIVATIONS.indexOf(name)].defaultAlpha;
    const { mod } = this[LAB];
    ensureMemory(mod, where, 12 * x.length, false); // x, f and df in the engine
    const r = mod.activationCurve(name, alpha, o.reluGradAtZero, x);
    return { f: r.f, df: r.df };
  }

  // ---- sweeps (lab.sweep, issue 16) ----
  /**
   * Train one set-up over values × seeds in a pool of workers, each with its own engine; see
   * js/sweep.js and SweepSpec in index.d.ts. options: { workers, onProgress, signal, worker }.
   */
  sweep(spec, options) {
    return sweep(this, spec, options); // checks spec and options before it returns its promise
  }

  /** Sweep workers still running in this thread (0 once every sweep has ended or was cancelled). */
  liveWorkers() {
    return liveWorkers();
  }
  // ---- end sweeps ----

  /** Networks and datasets of this lab not yet disposed. */
  liveObjects() {
    return this[LAB].live.size;
  }

  /** Wasm memory: heapBytes reserved, usedBytes allocated by the engine now. */
  memory() {
    const { mod } = this[LAB];
    return { heapBytes: mod.heapSizeBytes(), usedBytes: mod.heapUsedBytes() };
  }
}

// Which generators are regression, and which take the classes option (asked of the engine).
function datasetInfo(mod, name) {
  const classesWith = (classes) => {
    const options = { name, samples: 2, noise: 0, trainFraction: 1, classes, extent: 6, seed: 1 };
    const d = mod.Dataset.generate(options);
    const c = d.classes();
    d.delete();
    return c;
  };
  const two = classesWith(2);
  return { name, regression: two === 0, classes: two === classesWith(3) ? two : null };
}

function checkText(where, name, text) {
  if (typeof text !== 'string') fail(TypeError, where, name, 'a string', text);
  if (text.length > LIMITS.maxTextLength) {
    fail(RangeError, where, name, `at most ${LIMITS.maxTextLength} characters long`, text);
  }
}

function modelText(where, model) {
  let text = model;
  if (typeof model !== 'string') {
    try {
      text = JSON.stringify(model);
    } catch (e) {
      fail(TypeError, where, 'model', `plain JSON data (${e.message})`);
    }
  }
  checkText(where, 'model', text);
  return text;
}

// The tables are shared by every caller: make them read-only.
function deepFreezeOwn(lab) {
  for (const a of lab.activations) Object.freeze(Object.freeze(a.range) && a);
  lab.datasets.forEach(Object.freeze);
  [lab.activations, lab.datasets, lab.limits, lab].forEach(Object.freeze);
}
