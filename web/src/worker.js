// worker.js — the playground's module Worker: it owns the relu-lab facade (the wasm lab), the
// dataset and the networks (one, or 2–4 twins in compare mode). The main thread only paints.
//
// Protocol (every request has an id; every reply is { id, ok, result } or { id, ok: false, error }):
//   init                                   → { simd, version, activations, datasets }
//   configure { dataset, models[] }        → new dataset + networks  → { points, classes }
//   models { models[] }                    → new networks on the same data (reset)
//   train { index, train }                 → change one model's training options (no reset)
//   frame { epochs, map, primaryMap, tiles, primary, recycle }
//                                          → train every model `epochs` epochs, then maps + health
//                                            (recycle: painted maps handed back, written again)
//   addPoint / removeNear / importCSV / exportCSV / previews
//   revive { layer } / exportModel / importModel / setAlpha / setReluGradAtZero
//   setWeight { index, layer, unit, input | 'bias', value }
//                                          → one weight or bias of a model (layer = number of hidden
//                                            layers: the output layer); epoch and optimizer state kept
//   curve { activation, xs, alpha, reluGradAtZero }
//                                          → { f, df }: the engine's activation table at xs (the
//                                            activation panel draws these; the page has no copy)
//   sweep { widths, depth, seeds, grid }   → born-dead: share of constant maps at init per width
//   frame { regions: { width, height }, trace: { x, y, label } }
//                                          → also the primary's gate regions / one point's trace
//   nudge { x, y, label, learningRate } / undoNudge
//                                          → one SGD step on that point alone, and back (exact)
//   dispose                                → free every network and the dataset → { live }
// A model spec may carry stopAt (> 0): frame never trains it past that epoch ("done").
// What it is not: no DOM, no colours; it speaks the facade's API only (UI knows nothing of C++).
import { load } from '../relu-lab/index.js';

let lab = null;
let data = null;
/** @type {{ net: any, train: object, network: object, label: string, last: object|null, diverged: boolean }[]} */
let models = [];

// Map buffers the page has painted and handed back (frame { recycle }): decisionMap writes into
// them instead of allocating. Why: a new 0.2–0.6 MB map per frame, transferred to the page, kept
// the page's main thread in major GCs (V8 counts ArrayBuffers towards its global limit), a 4–8 ms
// pause twice a second.
let spare = [];

/** A model's output over the grid, in a handed-back buffer when one has the right length. */
function mapOf(net, width, height, domain) {
  const n = width * height * net.outputs;
  const i = spare.findIndex((a) => a.length === n);
  return net.decisionMap({ width, height, domain }, i >= 0 ? spare.splice(i, 1)[0] : undefined);
}

/** The painted domain: the dataset's [-extent, extent]². */
function domain() {
  const e = data?.extent ?? 6;
  return [-e, e, -e, e];
}

function disposeModels() {
  for (const m of models) m.net.dispose();
  models = [];
  nudged = null;
}

function points() {
  const train = data.points('train');
  const test = data.points('test');
  return { train, test };
}

function buildModels(specs) {
  const fresh = [];
  try {
    for (const s of specs)
      fresh.push({
        net: lab.network(s.network),
        train: s.train,
        stopAt: s.stopAt ?? 0,
        network: s.network,
        label: s.label,
        last: null,
        diverged: false,
        health: null,
        healthAge: 0,
      });
  } catch (e) {
    for (const m of fresh) m.net.dispose();
    throw e;
  }
  disposeModels();
  models = fresh;
  for (const m of models) m.last = evaluate(m);
}

function evaluate(m) {
  return m.net.evaluate(data);
}

/**
 * Weights, biases and PReLU's learned α of a model's layers (the output layer last), for the
 * views: W as rows, each a view into one copy of the layer's row-major W.
 */
function weightsOf(m) {
  // α is sent only where it is learned (PReLU): the views plot its history
  m.learned ??= m.net.config.hidden.map((L) => !!lab.activations.find((a) => a.name === L.activation)?.learnedAlpha);
  const out = [];
  for (let l = 0; l <= m.learned.length; l++) {
    const { W, b, alpha, inputs, units } = m.net.layerParameters(l);
    const rows = Array.from({ length: units }, (_, u) => W.subarray(u * inputs, (u + 1) * inputs));
    out.push({ W: rows, b, alpha: m.learned[l] ? alpha : null });
  }
  return out;
}

// ---- regions, traces and nudges (issue 15) ----------------------------------------------------

/** The gate regions over the grid, with every region's gates (the views draw one unit's fold). */
function regionsOf(net, { width, height }, domain, transfer) {
  const r = net.regions({ width, height, domain, gates: true });
  transfer.push(r.ids.buffer, r.foldLayer.buffer, r.gates.buffer);
  return r;
}

/** One point's trace, or null when the point does not suit the head (a label it has no class for). */
function traceOf(net, point) {
  try {
    return { point, ...net.trace(point) };
  } catch {
    return null;
  }
}

/** The weights and biases that one nudge changed, to put back exactly. */
let nudged = null;

const handlers = {
  async init() {
    lab = await load();
    return {
      simd: lab.simd,
      version: lab.version,
      activations: structuredClone(lab.activations),
      datasets: structuredClone(lab.datasets),
    };
  },

  configure({ dataset, models: specs }) {
    const fresh = lab.dataset(dataset);
    const old = data;
    data = fresh;
    try {
      buildModels(specs);
    } catch (e) {
      data = old;
      fresh.dispose();
      throw e;
    }
    old?.dispose();
    return { points: points(), classes: data.classes };
  },

  models({ models: specs }) {
    buildModels(specs);
    return { count: models.length };
  },

  train({ index, train, stopAt }) {
    if (models[index]) {
      models[index].train = train;
      if (stopAt !== undefined) models[index].stopAt = stopAt;
    }
    return true;
  },

  frame({
    epochs = 0,
    map,
    primaryMap = null,
    tiles,
    primary = 0,
    health = true,
    weights = true,
    recycle = [],
    regions = null,
    trace = null,
  }) {
    spare = [...recycle, ...spare]
      .filter((a, i, all) => a.byteLength && all.findIndex((b) => b.buffer === a.buffer) === i)
      .slice(0, 16);
    const transfer = [];
    const t0 = performance.now();
    const ms = { train: 0, map: 0, health: 0, tiles: 0, weights: 0 };
    let t = t0;
    const lap = (k) => {
      const now = performance.now();
      ms[k] += now - t;
      t = now;
    };
    const DOMAIN = domain();
    const out = models.map((m, i) => {
      const n = m.stopAt > 0 ? Math.min(epochs, m.stopAt - m.net.epoch) : epochs;
      if (n > 0 && !m.diverged) {
        m.last = m.net.train(data, { ...m.train, epochs: n });
        m.diverged = !!m.last?.diverged;
      }
      lap('train');
      const epoch = m.net.epoch ?? m.last?.epoch ?? 0;
      const r = {
        label: m.label,
        metrics: m.last ? { ...m.last } : null,
        epoch,
        diverged: m.diverged,
        done: m.diverged || (m.stopAt > 0 && epoch >= m.stopAt),
      };
      if (map) {
        r.map = mapOf(m.net, map.width, map.height, DOMAIN);
        transfer.push(r.map.buffer);
      }
      lap('map');
      if (health && i === primary)
        r.health = m.net.health(data); // already plain data (the facade maps it)
      else if (health) {
        // a twin only shows its dead count: refresh it every third frame (health is the costly
        // part of a frame: a pass over the data and over the plane's grid)
        if (!m.health || epochs === 0 || ++m.healthAge >= 3) {
          const h = m.net.health(data);
          m.health = {
            deadUnits: h.deadUnits,
            totalUnits: h.totalUnits,
            gradientNorms: h.layers.map((L) => L.gradientNorm),
          };
          m.healthAge = 0;
        }
        r.health = m.health;
      }
      lap('health');
      if (i === primary && primaryMap) {
        r.primaryMap = mapOf(m.net, primaryMap.width, primaryMap.height, DOMAIN);
        transfer.push(r.primaryMap.buffer);
      }
      if (i === primary) {
        const first = tiles
          ? m.net.unitMaps({ width: tiles.size, height: tiles.size, domain: DOMAIN }).layers[0]?.[0]
          : null;
        if (first) {
          // every layer's maps are views into one buffer, layer by layer: send it whole
          r.tiles = new Float32Array(first.buffer);
          transfer.push(first.buffer);
        }
        lap('tiles');
        if (weights) r.weights = weightsOf(m);
        lap('weights');
        if (regions) r.regions = regionsOf(m.net, regions, DOMAIN, transfer);
        if (trace) r.trace = traceOf(m.net, trace);
      }
      return r;
    });
    // how long this frame took in the worker, by part (the bench prints it)
    return { __transfer: transfer, models: out, workerMs: { total: performance.now() - t0, ...ms } };
  },

  addPoint({ x, y, label, toTest = false }) {
    data.add(x, y, label, toTest ? 'test' : 'train');
    return { points: points() };
  },

  removeNear({ x, y, radius }) {
    const removed = data.removeNear(x, y, radius);
    return { removed, points: points() };
  },

  importCSV({ text }) {
    const fresh = lab.datasetFromCSV(text);
    data?.dispose();
    data = fresh;
    return { points: points(), classes: data.classes };
  },

  exportCSV() {
    return data.toCSV();
  },

  previews({ names, samples = 160 }) {
    const out = {};
    for (const name of names) {
      const opts = { name, samples, noise: 0, trainFraction: 1, seed: 1 };
      if (name === 'spiral_k' || name === 'blobs_k') opts.classes = 3;
      let d;
      try {
        d = lab.dataset(opts);
      } catch {
        d = lab.dataset({ ...opts, trainFraction: 0.9 });
      }
      out[name] = { points: d.points('train'), classes: d.classes };
      d.dispose();
    }
    return out;
  },

  /**
   * Born dead (Lu et al. 2019): for each width, how many of `seeds` fresh ReLU nets of `depth`
   * hidden layers (He init, zero bias) draw a constant map on a grid × grid sample of [-1, 1]².
   * No training; every net is freed before the next is made.
   */
  sweep({ widths, depth, seeds, grid = 41, seed0 = 1 }) {
    return widths.map((width) => {
      let constant = 0;
      for (let s = seed0; s < seed0 + seeds; ++s) {
        const net = lab.network({ hidden: Array(depth).fill(width), activation: 'relu', biasInit: 0, seed: s });
        try {
          const map = net.decisionMap({ width: grid, height: grid, domain: [-1, 1, -1, 1] });
          constant += map.every((v) => v === map[0]) ? 1 : 0;
        } finally {
          net.dispose();
        }
      }
      return { width, depth, seeds, constant };
    });
  },

  dispose() {
    disposeModels();
    data?.dispose();
    data = null;
    return { live: lab.liveObjects() };
  },

  liveObjects() {
    return { live: lab.liveObjects() };
  },

  revive({ layer = -1, index = -1 }) {
    let revived = 0;
    models.forEach((m, i) => {
      if (index >= 0 && i !== index) return;
      revived += m.net.revive(data, { layer: layer >= 0 ? layer : null });
      m.health = null;
      m.diverged = false;
      m.last = evaluate(m);
    });
    return { revived };
  },

  exportModel({ index = 0 }) {
    const j = models[index].net.toJSON();
    return typeof j === 'string' ? JSON.parse(j) : j;
  },

  importModel({ json, train, label = 'imported' }) {
    const net = lab.network(json);
    disposeModels();
    models = [{ net, train, stopAt: 0, network: json.config, label, last: null, diverged: false }];
    models[0].last = evaluate(models[0]);
    return { config: json.config, epoch: json.epoch ?? 0 };
  },

  setWeight({ index = 0, layer, unit, input, value }) {
    // the facade's setters: the epoch and the optimizer's state (momentum, Adam's moments) are kept
    const m = models[index];
    if (input === 'bias') m.net.setBias(layer, unit, value);
    else m.net.setWeight(layer, unit, input, value);
    m.last = evaluate(m);
    return true;
  },

  curve({ activation, xs, alpha = null, reluGradAtZero = 0 }) {
    const { f, df } = lab.activationCurve(activation, xs, { alpha, reluGradAtZero });
    return { f, df, __transfer: [...new Set([f.buffer, df.buffer])] };
  },

  /**
   * One plain SGD step on this point alone: w ← w − lr·∂L/∂w in float32 as the engine's sgd_update
   * rounds it, through the facade's setters (epoch and optimizer state kept). Returns the step of
   * every weight and bias, per layer.
   */
  nudge({ index = 0, x, y, label, learningRate }) {
    const net = models[index].net;
    const t = net.trace({ x, y, label });
    const lr = Math.fround(learningRate);
    const before = [];
    const steps = t.grads.map((g, l) => {
      const p = net.layerParameters(l);
      before.push({ W: p.W, b: p.b });
      const dW = g.dW.map((v) => Math.fround(lr * v));
      const db = g.db.map((v) => Math.fround(lr * v));
      for (let u = 0; u < p.units; ++u) {
        for (let i = 0; i < p.inputs; ++i) {
          const k = u * p.inputs + i;
          if (dW[k] !== 0) net.setWeight(l, u, i, Math.fround(p.W[k] - dW[k]));
        }
        if (db[u] !== 0) net.setBias(l, u, Math.fround(p.b[u] - db[u]));
      }
      return { dW, db };
    });
    nudged = { index, before };
    models[index].last = evaluate(models[index]);
    return { steps, loss: t.output.loss };
  },

  undoNudge() {
    if (!nudged) return false;
    const net = models[nudged.index]?.net;
    nudged.before.forEach(({ W, b }, l) => {
      const inputs = W.length / b.length;
      W.forEach((w, k) => net.setWeight(l, Math.floor(k / inputs), k % inputs, w));
      b.forEach((v, u) => net.setBias(l, u, v));
    });
    models[nudged.index].last = evaluate(models[nudged.index]);
    nudged = null;
    return true;
  },

  setAlpha({ alpha, layers }) {
    for (const m of models) for (const l of layers) m.net.setAlpha(l, alpha < 0 ? null : alpha);
    return true;
  },

  setReluGradAtZero({ value }) {
    for (const m of models) m.net.setReluGradAtZero(value);
    return true;
  },
};

self.onmessage = async (ev) => {
  const { id, type, ...args } = ev.data;
  try {
    if (!handlers[type]) throw new Error(`unknown request ${type}`);
    if (type !== 'init' && !lab) throw new Error('the lab is not loaded yet');
    const result = await handlers[type](args);
    const transfer = result?.__transfer ?? [];
    if (result?.__transfer) delete result.__transfer;
    self.postMessage({ id, ok: true, result }, transfer);
  } catch (e) {
    self.postMessage({ id, ok: false, error: String(e?.message ?? e) });
  }
};
