// network.js — Network: a small fully connected network owned by a lab.
//
// What it is: the JS face of relu::Network — training, prediction, decision and unit maps,
// health statistics, revival, reading and editing single parameters, and JSON export, each call
// checked against the schema before it reaches wasm. What it is not: the training loop's logic
// (the engine owns it) or a view on wasm memory: every array returned is a fresh copy owned by the
// caller.
import { Dataset } from './dataset.js';
import { ACTIVATIONS, FEATURES, LIMITS, fieldsOf } from './schema.js';
import { HANDLE, LAB, Owned, handleOf } from './owned.js';
import { ensureMemory, networkBytes, networkShape } from './memory.js';
import { modelCode, parseCodeOptions } from './export-code.js';
import { checkValue, engineError, fail, floatArray, isPlainObject, parseOptions, show } from './validate.js';

const field = (group, name) => fieldsOf(group).find((f) => f.name === name);
// A weight or bias set by hand: below the engine's divergence bound, which the engine's own
// check (and its model loader) apply to the stored float.
const PARAMETER_VALUE = {
  type: 'number',
  min: -LIMITS.divergedMagnitude,
  max: LIMITS.divergedMagnitude,
  minExclusive: true,
  maxExclusive: true,
};
// The arrays layerParameters hands on when the layer has them, named as in toJSON()'s layers.
const LAYER_ARRAYS = ['W', 'b', 'alpha', 'gamma', 'beta', 'runningMean', 'runningVar'];

/** Accuracy is NaN for regression heads: null in JS. */
const orNull = (v) => (Number.isNaN(v) ? null : v);
const metrics = (m) => ({
  epoch: m.epoch,
  trainLoss: m.trainLoss,
  testLoss: m.testLoss,
  trainAccuracy: orNull(m.trainAccuracy),
  testAccuracy: orNull(m.testAccuracy),
  diverged: m.diverged,
});

// ---- time travel: clones and minibatch steps ----
const STEPS = { type: 'integer', min: 0, max: LIMITS.maxStepsPerCall };
/** Internal (relu-lab/history): net[LEAN]() → a lean copy to keep as a snapshot; only clone() it. */
export const LEAN = Symbol('relu-lab lean copy');

/** Checked network options → the engine's NetworkConfig (wire form, see cpp/bindings). */
export function wireNetwork(o) {
  const pick = (layer, key) => (layer[key] !== undefined ? layer[key] : o[key]);
  return {
    features: o.features.reduce((mask, f) => mask | (1 << FEATURES.indexOf(f)), 0),
    hidden: o.hidden.map((l) => ({
      units: l.units ?? field('layer', 'units').default,
      activation: pick(l, 'activation'),
      alpha: pick(l, 'alpha') ?? -1, // −1: the activation's default
      batchNorm: pick(l, 'batchNorm'),
    })),
    output: o.output,
    classes: o.classes,
    init: o.init,
    initScale: o.initScale,
    biasInit: o.biasInit,
    reluGradAtZero: o.reluGradAtZero,
    seed: o.seed,
  };
}

export class Network extends Owned {
  static factory = 'network';
  #shape; // networkShape(config), for the memory bounds
  #held = { batch: 0, points: 0 }; // the largest batch and training set trained on: a clone copies their buffers
  #layout; // [{ inputs, units }] per layer, output last: fixed for the network's life
  #hiddenLayers; // config.hidden.length, fixed for the network's life (regions)

  /** Internal: wrap a wasm Network handle (use lab.network). */
  constructor(lab, handle) {
    super(lab, handle, 'Network');
  }

  /** The configuration as plain JSON (the "config" part of toJSON()). */
  get config() {
    return JSON.parse(this[HANDLE]('net.config').configJson());
  }
  /** Epochs trained so far. */
  get epoch() {
    return this[HANDLE]('net.epoch').epoch();
  }
  /** Output units: 1, or the number of classes for softmax. */
  get outputs() {
    return this[HANDLE]('net.outputs').outputUnits();
  }
  /** Hidden units in all layers. */
  get hiddenUnits() {
    return this[HANDLE]('net.hiddenUnits').totalHiddenUnits();
  }
  /** Trainable parameters (weights, biases, PReLU α, BN γ and β). */
  get parameterCount() {
    return this[HANDLE]('net.parameterCount').parameterCount();
  }

  /** Train `epochs` epochs (default 1) and return the last epoch's metrics; stops at divergence. */
  train(data, options) {
    return this.#train('net.train', data, options);
  }

  /** Train exactly one epoch (options.epochs, if given, must be 1): the per-frame call. */
  trainEpoch(data, options) {
    const where = 'net.trainEpoch';
    // The schema first, so that a wrong type is a TypeError here as everywhere.
    const o = parseOptions('train', options, where);
    if (o.epochs !== 1) fail(RangeError, where, 'epochs', '1 (or left out; use net.train for more)', o.epochs);
    return this.#train(where, data, o, true); // the checked copy: a getter cannot change epochs now
  }

  /** Loss and accuracy on both sets, without training. */
  evaluate(data) {
    const where = 'net.evaluate';
    const h = this[HANDLE](where);
    const d = this.#compatible(where, h, data, false);
    return metrics(h.evaluate(d));
  }

  /**
   * Outputs for points given as [x0, y0, x1, y1, …] (a Float32Array or an array of numbers):
   * P(class 1) per point, k probabilities per point for softmax, or the value for regression.
   */
  predict(points) {
    const where = 'net.predict';
    const h = this[HANDLE](where);
    const all = floatArray(where, 'points', points, {
      what: 'a Float32Array or array of numbers [x0, y0, x1, y1, …]',
      maxLength: 2 * LIMITS.maxPredictPoints,
      bound: LIMITS.maxCoordinate,
      pairs: true,
    });
    const n = all.length / 2;
    const xs = new Float32Array(n),
      ys = new Float32Array(n);
    for (let i = 0; i < n; ++i) ((xs[i] = all[2 * i]), (ys[i] = all[2 * i + 1]));
    ensureMemory(this.#mod, where, 4 * n * (2 + h.outputUnits()), false);
    return h.predict(xs, ys);
  }

  /**
   * Outputs over a grid: Float32Array, row-major from the top row, width·height(·k) values.
   * With `out` (a Float32Array of exactly that length) the values are written into it and it is
   * returned: an animation loop then allocates nothing per frame.
   */
  decisionMap(options, out) {
    const where = 'net.decisionMap';
    const h = this[HANDLE](where);
    const grid = this.#grid(where, 'decisionMap', options, h.outputUnits());
    if (out === undefined) return h.predictGrid(grid);
    const n = grid.width * grid.height * h.outputUnits();
    if (!(out instanceof Float32Array)) fail(TypeError, where, 'out', `a Float32Array of ${n} values`, out);
    if (out.length !== n) {
      fail(RangeError, where, 'out', `a Float32Array of width × height × ${h.outputUnits()} = ${n} values`, out);
    }
    h.predictGridInto(grid, out);
    return out;
  }

  /**
   * Every hidden unit's activation over a grid (thumbnails): { width, height, domain, layers },
   * layers[l][u] a Float32Array of width·height values (views into one buffer owned by you).
   */
  unitMaps(options) {
    const where = 'net.unitMaps';
    const h = this[HANDLE](where);
    const grid = this.#grid(where, 'unitMaps', options, h.totalHiddenUnits());
    const all = h.unitMaps(grid);
    const size = grid.width * grid.height;
    let offset = 0;
    const layers = this.config.hidden.map((l) =>
      Array.from({ length: l.units }, () => all.subarray(offset, (offset += size))),
    );
    return { width: grid.width, height: grid.height, domain: [grid.x0, grid.x1, grid.y0, grid.y1], layers };
  }

  /** Dead units, activation rates, dormancy, sparsity and gradient norms per hidden layer. */
  health(data, options) {
    const where = 'net.health';
    const h = this[HANDLE](where);
    const o = parseOptions('health', options, where);
    const d = handleOf(data, Dataset, this[LAB], where, 'data');
    const H = h.health(d, o);
    return {
      deadUnits: H.deadUnits,
      totalUnits: H.totalUnits,
      layers: H.layers.map((l) => ({
        activation: l.activation,
        units: l.units,
        deadOnData: Array.from(l.deadOnData, Boolean),
        deadOnPlane: Array.from(l.deadOnPlane, Boolean),
        activationRate: Array.from(l.activationRate),
        dormancy: Array.from(l.dormancy),
        dormant: Array.from(l.dormant, Boolean),
        meanAbs: Array.from(l.meanAbs),
        sparsity: l.sparsity,
        gradientNorm: l.gradientNorm,
        diedAtEpoch: Array.from(l.diedAtEpoch, (e) => (e < 0 ? null : e)),
        deadCount: l.deadCount,
        histogram: l.histogram,
      })),
    };
  }

  /** Re-initialise dead (or τ-dormant) hidden units, ReDo style; returns how many. */
  revive(data, options) {
    const where = 'net.revive';
    const o = parseOptions('revive', options, where);
    handleOf(data, Dataset, this[LAB], where, 'data'); // checked here so that errors name net.revive
    const layers = this[HANDLE](where) && this.config.hidden.length;
    if (o.layer !== null && o.layer >= layers) {
      fail(RangeError, where, 'layer', `null or an integer in [0, ${layers - 1}]`, o.layer);
    }
    const health = this.health(data, { dormancyTau: o.dormancyTau });
    const units = [];
    health.layers.forEach((l, layer) => {
      if (o.layer !== null && layer !== o.layer) return;
      const flags = o.criterion === 'dormant' ? l.dormant : l.deadOnData;
      flags.forEach((on, unit) => on && units.push({ layer, unit }));
    });
    return this.reviveUnits(units);
  }

  /** Re-initialise the given hidden units ([{ layer, unit }, …]); returns how many. */
  reviveUnits(units) {
    const where = 'net.reviveUnits';
    const h = this[HANDLE](where);
    if (!Array.isArray(units)) fail(TypeError, where, 'units', 'an array of { layer, unit }', units);
    const sizes = this.config.hidden.map((l) => l.units);
    const total = sizes.reduce((a, b) => a + b, 0);
    if (units.length > total) {
      fail(RangeError, where, 'units', `an array of at most ${total} (the hidden units) { layer, unit }`, units);
    }
    // Each value is read once, so what is checked is what reaches the engine.
    const checked = units.map((u, i) => {
      if (!isPlainObject(u)) fail(TypeError, where, `units[${i}]`, 'an object { layer, unit }', u);
      const extra = Object.keys(u).find((k) => k !== 'layer' && k !== 'unit');
      if (extra !== undefined) {
        throw new TypeError(`${where}: unknown field ${show(`units[${i}].${extra}`)}; allowed: layer, unit`);
      }
      const { layer, unit } = u;
      this.#checkIndex(where, `units[${i}].layer`, layer, sizes.length);
      this.#checkIndex(where, `units[${i}].unit`, unit, sizes[layer]);
      return { layer, unit };
    });
    return checked.reduce((n, u) => n + h.reviveUnit(u.layer, u.unit), 0);
  }

  /** Change the fixed α of a hidden layer (leaky_relu, elu; PReLU's start) without resetting. */
  setAlpha(layer, alpha) {
    const where = 'net.setAlpha';
    const h = this[HANDLE](where);
    const config = this.config.hidden;
    this.#checkIndex(where, 'layer', layer, config.length);
    checkValue(field('layer', 'alpha'), alpha, where);
    const info = this[LAB].activations[ACTIVATIONS.indexOf(config[layer].activation)];
    h.setAlpha(layer, alpha ?? info.defaultAlpha);
  }

  /** Change the ReLU'(0) convention: 0, 0.5 or 1. */
  setReluGradAtZero(value) {
    const where = 'net.setReluGradAtZero';
    const h = this[HANDLE](where);
    h.setReluGradAtZero(checkValue(field('network', 'reluGradAtZero'), value, where, 'value'));
  }

  /**
   * One layer's parameters as copies: { inputs, units, W (units × inputs, row-major:
   * W[unit * inputs + input]), b, and alpha (hidden layers), gamma, beta, runningMean, runningVar
   * (batch norm) }. Layers 0 … hidden − 1 are the hidden layers; layer = hidden is the output layer.
   */
  layerParameters(layer) {
    const where = 'net.layerParameters';
    const h = this[HANDLE](where);
    const { inputs, units } = this.#checkLayer(where, layer);
    const p = h.layerParameters(layer);
    const out = { inputs, units };
    for (const k of LAYER_ARRAYS) if (p[k] !== undefined) out[k] = p[k];
    return out;
  }

  /**
   * Set one weight, W[unit][input] of layer `layer` (the output layer is layer = hidden), to a
   * finite value with |value| < LIMITS.divergedMagnitude. Training goes on from there: the optimizer
   * state and the epoch are kept.
   */
  setWeight(layer, unit, input, value) {
    const where = 'net.setWeight';
    const h = this[HANDLE](where);
    const { inputs, units } = this.#checkLayer(where, layer);
    this.#checkIndex(where, 'unit', unit, units, `the units of layer ${layer}`);
    this.#checkIndex(where, 'input', input, inputs, `the inputs of layer ${layer}`);
    this.#setParameter(where, h, layer, unit, input, value);
  }

  /** Set the bias of one unit of layer `layer` (the output layer is layer = hidden); as setWeight. */
  setBias(layer, unit, value) {
    const where = 'net.setBias';
    const h = this[HANDLE](where);
    const { units } = this.#checkLayer(where, layer);
    this.#checkIndex(where, 'unit', unit, units, `the units of layer ${layer}`);
    this.#setParameter(where, h, layer, unit, -1, value);
  }

  // ---- regions and traces (issue 15) ------------------------------------------------------

  /**
   * The gate regions over a grid: { width, height, domain, count, linear, ids (Int32Array,
   * row-major from the top row: dense ids in first-appearance order), foldLayer (Uint8Array: the
   * lowest hidden layer whose gate flips at the pixel's right or lower edge, 255 none), and with
   * options.gates, gates (Uint8Array, count × hidden units: 1 where the unit's z > 0) }. count is
   * the patterns seen at the pixel centres: a lower bound on the regions in the window.
   */
  regions(options) {
    const where = 'net.regions';
    const h = this[HANDLE](where);
    const o = parseOptions('regions', options, where);
    const { width, height, domain } = o;
    const grid = this.#gridOf(where, o, 2); // ids and folds
    // The worst case, every pixel its own region, per pixel: ids and folds (5 bytes), the hash
    // table (< 16), the patterns (8 bytes a hidden layer, × 2 for the vector's growth) and the
    // gates (a byte a hidden unit). cpp/engine/regions.cpp holds these buffers.
    const layers = (this.#hiddenLayers ??= this.config.hidden.length); // config is a JSON parse
    const perPixel = 21 + 16 * layers + (o.gates ? h.totalHiddenUnits() : 0);
    ensureMemory(this.#mod, where, width * height * perPixel, false);
    const r = h.regions(grid, o.gates);
    const out = { width, height, domain: [grid.x0, grid.x1, grid.y0, grid.y1], count: r.count };
    Object.assign(out, { linear: r.linear, ids: r.ids, foldLayer: r.foldLayer });
    if (o.gates) out.gates = r.gates;
    return out;
  }

  /**
   * One point's forward and backward pass (batch norm in evaluation mode), for its loss alone:
   * { layers: [{ z, a, gate, dLdz }] (hidden layers), output: { z, prediction, loss, dLdz },
   * grads: [{ dW, db }] (every layer, the output last; dW laid out like layerParameters' W) }.
   */
  trace(point) {
    const where = 'net.trace';
    const h = this[HANDLE](where);
    const o = parseOptions('trace', point, where);
    const { output, classes } = this.config;
    if (output !== 'linear') {
      const k = output === 'softmax' ? classes : 2;
      if (!(Number.isInteger(o.label) && o.label >= 0 && o.label < k)) {
        fail(RangeError, where, 'label', `a class index: an integer in [0, ${k - 1}] for the ${output} head`, o.label);
      }
    }
    ensureMemory(this.#mod, where, 8 * h.parameterCount() + (1 << 16), false); // dW, db and the values
    const t = h.trace(o.x, o.y, o.label);
    const all = t.layers;
    const last = all[all.length - 1];
    return {
      layers: all.slice(0, -1).map(({ z, a, gate, dLdz }) => ({ z, a, gate, dLdz })),
      output: { z: last.z, prediction: t.prediction, loss: t.loss, dLdz: last.dLdz },
      grads: all.map(({ dW, db }) => ({ dW, db })),
    };
  }

  /** The model as plain, versioned JSON; lab.network(json) restores it exactly. */
  toJSON() {
    const where = 'net.toJSON';
    const h = this[HANDLE](where);
    ensureMemory(this.#mod, where, 160 * h.parameterCount() + (1 << 20), false); // JSON tree and text
    return JSON.parse(h.toJson());
  }

  // ---- time travel: clones and minibatch steps ----------------------------------------------

  /** Minibatch steps taken in the epoch in progress: 0 between epochs (see trainSteps). */
  get step() {
    return this[HANDLE]('net.step').stepInEpoch();
  }

  /** Every minibatch step ever taken, rolled-back epochs' too: a clock that only moves forward. */
  get stepsTaken() {
    return this[HANDLE]('net.stepsTaken').stepsTaken();
  }

  /**
   * An independent network with this one's complete state — parameters, optimizer state, epoch
   * and the epoch in progress, shuffle order, died-at epochs, gradient norms — so that both,
   * trained alike, give identical bits. The clone is yours to dispose() too.
   */
  clone() {
    const where = 'net.clone';
    const h = this[HANDLE](where);
    ensureMemory(this.#mod, where, networkBytes(this.#sizes(), this.#held.batch) + 4 * this.#held.points, true);
    const twin = new Network(this[LAB], h.clone());
    twin.#held = { ...this.#held };
    return twin;
  }

  /** Internal: a lean copy (no workspace) for history.js's snapshots; only its clone() is used. */
  [LEAN]() {
    const where = 'net.clone';
    const h = this[HANDLE](where);
    ensureMemory(this.#mod, where, 16 * this.#sizes().params + 4 * this.#held.points, true);
    const kept = new Network(this[LAB], h.leanCopy());
    kept.#held = { ...this.#held };
    return kept;
  }

  /**
   * Train `steps` minibatch steps from where the epoch in progress stands. An epoch that ends on
   * the way is scored and its liveness recorded as in trainEpoch, so k steps then m steps equal
   * one trainEpoch when k + m is stepsPerEpoch. Stops at the first diverged epoch (rolled back).
   */
  trainSteps(data, steps, options) {
    const where = 'net.trainSteps';
    const h = this[HANDLE](where);
    checkValue(STEPS, steps, where, 'steps');
    const o = parseOptions('train', options, where);
    if (o.epochs !== 1) fail(RangeError, where, 'epochs', 'left out (trainSteps counts steps, not epochs)', o.epochs);
    const d = this.#prepareTraining(where, h, data, o);
    const r = h.trainSteps(d, o, steps);
    return {
      steps: r.steps,
      epoch: h.epoch(),
      step: h.stepInEpoch(),
      stepsPerEpoch: this.#mod.Network.stepsPerEpoch(d, o.batchSize),
      stepsLeft: h.stepsLeft(d, o.batchSize),
      metrics: r.epochEnded ? metrics(r.metrics) : null,
    };
  }
  // ---- net.toCode (export as PyTorch / NumPy code, js/export-code.js) ----
  /**
   * The network as a Python script: target 'pytorch' (model, weights, loss, optimizer, training)
   * or 'numpy' (forward pass and decision map). options.data embeds a dataset as CSV;
   * options.train sets the optimizer and the rest of the training written out.
   */
  toCode(target, options) {
    const where = 'net.toCode';
    const h = this[HANDLE](where);
    const o = parseCodeOptions(where, target, options);
    if (o.data !== null) this.#compatible(where, h, o.data, false);
    return modelCode(o.target, this.toJSON(), o.data === null ? null : o.data.toCSV(), o.train);
  }
  // ---- end net.toCode ----

  #train(where, data, options, parsed = false) {
    const h = this[HANDLE](where);
    const o = parsed ? options : parseOptions('train', options, where);
    const d = this.#prepareTraining(where, h, data, o);
    return metrics(o.epochs === 1 ? h.trainEpoch(d, o) : h.train(d, o, o.epochs));
  }

  // The data's handle, once it fits, the options pass the engine and memory is there.
  #prepareTraining(where, h, data, o) {
    const d = this.#compatible(where, h, data, true);
    const status = this.#mod.validateTrain(o);
    if (!status.ok) throw engineError(where, status);
    // Workspace for a batch and the epoch's snapshots stay with the network.
    const batch = Math.min(o.batchSize, d.trainSize());
    ensureMemory(this.#mod, where, networkBytes(this.#sizes(), batch) + 4 * d.trainSize(), true);
    this.#held.batch = Math.max(this.#held.batch, batch);
    this.#held.points = Math.max(this.#held.points, d.trainSize());
    return d;
  }

  // The data's handle after checking it can train / score this network.
  #compatible(where, h, data, training) {
    const d = handleOf(data, Dataset, this[LAB], where, 'data');
    if (training && d.trainSize() === 0) {
      throw new RangeError(`${where}: data has no training points; add some first`);
    }
    const status = h.checkCompatible(d);
    if (!status.ok) throw engineError(`${where}: data does not fit this network`, status);
    return d;
  }

  #grid(where, group, options, perPixel) {
    return this.#gridOf(where, parseOptions(group, options, where), perPixel);
  }

  #gridOf(where, o, perPixel) {
    if (o.width * o.height * perPixel > LIMITS.maxMapValues) {
      const most = LIMITS.maxMapValues;
      throw new RangeError(
        `${where}: width × height × ${perPixel} values per pixel must be at most ${most}` +
          ` (got ${o.width} × ${o.height})`,
      );
    }
    ensureMemory(this.#mod, where, 4 * o.width * o.height * perPixel, false);
    const [x0, x1, y0, y1] = o.domain;
    return { width: o.width, height: o.height, x0, x1, y0, y1 };
  }

  get #mod() {
    return this[LAB][LAB].mod;
  }

  #sizes() {
    return (this.#shape ??= networkShape(this.config));
  }

  // The shape of layer `layer` (hidden layers, then the output layer) after checking the index.
  #checkLayer(where, layer) {
    if (!this.#layout) {
      const { features, hidden } = this.config;
      const units = [...hidden.map((l) => l.units), this.outputs];
      this.#layout = units.map((u, l) => ({ inputs: l ? units[l - 1] : features.length, units: u }));
    }
    const n = this.#layout.length;
    this.#checkIndex(where, 'layer', layer, n, `${n - 1}: the output layer`);
    return this.#layout[layer];
  }

  // The value checked as the engine will store it: a float32, so 999999.99 (→ 1e6) is refused.
  #setParameter(where, h, layer, unit, input, value) {
    checkValue(PARAMETER_VALUE, value, where, 'value');
    if (!(Math.abs(Math.fround(value)) < LIMITS.divergedMagnitude)) {
      fail(RangeError, where, 'value', `below ${LIMITS.divergedMagnitude} in magnitude as a 32-bit float`, value);
    }
    if (!h.setParameter(layer, unit, input, value)) throw new Error(`${where}: the engine refused the value`);
  }

  #checkIndex(where, name, i, n, note) {
    const what = n
      ? `an integer in [0, ${n - 1}]${note ? ` (${note})` : ''}`
      : 'an index, but the network has no hidden layers';
    if (typeof i !== 'number') fail(TypeError, where, name, what, i);
    if (!Number.isInteger(i) || i < 0 || i >= n) fail(RangeError, where, name, what, i);
  }
}
