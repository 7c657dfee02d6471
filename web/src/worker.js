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
//   revive { layer } / exportModel / exportCode { target } / importModel / setAlpha / setReluGradAtZero
//   setWeight { index, layer, unit, input | 'bias', value }
//                                          → one weight or bias of a model (layer = number of hidden
//                                            layers: the output layer); epoch and optimizer state kept
//   curve { activation, xs, alpha, reluGradAtZero }
//                                          → { f, df }: the engine's activation table at xs (the
//                                            activation panel draws these; the page has no copy)
//   frame { regions: { width, height }, trace: { x, y, label } }
//                                          → also the primary's gate regions / one point's trace
//   nudge { x, y, label, learningRate } / undoNudge
//                                          → one SGD step on that point alone, and back (exact)
//   dispose                                → free every network and the dataset → { live }
//   seek { epoch | clock, map, tiles }     → time travel: the one model's maps, tiles, health and
//                                            weights at a past epoch (or step clock); the live run
//                                            is untouched
//   branch { epoch | clock }               → the run goes on from there (the old one is kept for
//                                            switchBranch) → { points, epoch }
// Time travel: a single model (not compare mode) is a Run (relu-lab/history) that owns the
// dataset, so every change made here is logged and a past epoch can be replayed exactly.
// A model spec may carry stopAt (> 0): frame never trains it past that epoch ("done").
// What it is not: no DOM, no colours; it speaks the facade's API only (UI knows nothing of C++).
import { load } from '../relu-lab/index.js';
import { RUN_FORMAT, Run, compactLog, expandLog, parameterHash } from '../relu-lab/history.js';

let lab = null;
let data = null;
let other = null; // time travel: the branch left by the last branch { epoch } (switchBranch swaps back)
let dataOptions = null; // the options `data` was generated from (null after a CSV import): links
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
  for (const m of models) (m.run ?? m.net).dispose(); // a run frees its network and its dataset
  models = [];
  other?.dispose();
  other = null;
  nudged = null;
}

// Time travel: the one model leaves its run (before the data or the models are replaced
// otherwise than by a rebuild): a clone of its network and a copy of the data go on outside.
function leaveRun() {
  const m = models.length === 1 ? models[0] : null;
  if (!m?.run) return;
  const copy = lab.datasetFromCSV(data.toCSV(), { extent: data.extent });
  const net = m.run.net.clone();
  m.run.dispose();
  Object.assign(m, { run: null, net });
  data = copy;
}

function points() {
  const train = data.points('train');
  const test = data.points('test');
  return { train, test };
}

function buildModels(specs) {
  const fresh = [];
  // time travel: one model is a run, over a copy of the data that it owns
  const run =
    specs.length === 1
      ? new Run(lab, {
          data: { csv: data.toCSV(), extent: data.extent },
          network: specs[0].network,
          train: specs[0].train,
        })
      : null;
  try {
    for (const s of specs)
      fresh.push({
        run,
        net: run ? run.net : lab.network(s.network),
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
    for (const m of fresh) if (!m.run) m.net.dispose();
    run?.dispose();
    throw e;
  }
  const shared = data;
  // the data a run owned outlives it when the new models are not a run (compare mode)
  const owned = models.some((m) => m.run?.data === shared);
  const keep = !run && owned ? lab.datasetFromCSV(shared.toCSV(), { extent: shared.extent }) : null;
  disposeModels();
  models = fresh;
  if (run) {
    if (shared !== run.data) shared.dispose(); // safe if a run it belonged to freed it already
    data = run.data;
  } else if (keep) data = keep;
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

// The run's training options, only the fields the page sends (worker's m.train).
function pickTrain(train, like) {
  return Object.fromEntries(Object.keys(like).map((k) => [k, train[k]]));
}

// Time travel: the model that is a run, and the step clock at which epoch `epoch` ended in it.
function runModel() {
  if (models.length !== 1 || !models[0].run) throw new Error('time travel needs one model (not compare mode)');
  return models[0];
}
function clockOf(m, epoch) {
  const clock = m.run.clockOfEpoch(epoch);
  if (clock === null) throw new Error(`epoch ${epoch} is not in this run's past`);
  return clock;
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
    dataOptions = dataset;
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
      if (train) {
        // { stopAt } alone: ▶ past a stop (run-loop.js); a changed field is an intervention in the run's log
        const { run } = models[index];
        if (run) for (const [k, v] of Object.entries(train)) if (run.train[k] !== v) run.setTrain(k, v);
        models[index].train = train;
      }
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
      if (n > 0 && !m.diverged && m.run) {
        for (let k = 0; k < n && !m.last?.diverged; ++k) m.last = m.run.trainEpoch(); // epoch by epoch: snapshots
        m.diverged = !!m.last?.diverged;
      } else if (n > 0 && !m.diverged) {
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
        travel: !!m.run, // time travel: a run's past can be shown
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
        lap('map'); // the primary twin's large map is map time, not tiles (bench/page.mjs prints both)
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
    const run = models.length === 1 && models[0].run;
    if (run) run.addPoint(x, y, label, toTest ? 'test' : 'train');
    else data.add(x, y, label, toTest ? 'test' : 'train');
    return { points: points() };
  },

  removeNear({ x, y, radius }) {
    const run = models.length === 1 && models[0].run;
    const removed = run ? run.removeNear(x, y, radius) : data.removeNear(x, y, radius);
    return { removed, points: points() };
  },

  importCSV({ text }) {
    const fresh = lab.datasetFromCSV(text);
    dataOptions = null;
    leaveRun(); // the page rebuilds the models next (a new run)
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
      const options = { layer: layer >= 0 ? layer : null };
      revived += m.run ? m.run.revive(options) : m.net.revive(data, options);
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

  // Export → PyTorch / NumPy (web/src/export-code-panel.js): the script of net.toCode, with the
  // data and the training options this model runs with.
  exportCode({ index = 0, target }) {
    const m = models[index];
    return { code: m.net.toCode(target, { data, train: m.train }) };
  },

  importModel({ json, train, label = 'imported' }) {
    const net = lab.network(json);
    leaveRun(); // an imported model is not a run: it has no log
    disposeModels();
    models = [{ net, train, stopAt: 0, network: json.config, label, last: null, diverged: false }];
    models[0].last = evaluate(models[0]);
    return { config: json.config, epoch: json.epoch ?? 0 };
  },

  setWeight({ index = 0, layer, unit, input, value }) {
    // the facade's setters: the epoch and the optimizer's state (momentum, Adam's moments) are kept
    const m = models[index];
    const target = m.run ?? m.net; // a run logs the edit
    if (input === 'bias') target.setBias(layer, unit, value);
    else target.setWeight(layer, unit, input, value);
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
    const { net } = models[index];
    const target = models[index].run ?? net; // a run logs each change (time travel replays it)
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
          if (dW[k] !== 0) target.setWeight(l, u, i, Math.fround(p.W[k] - dW[k]));
        }
        if (db[u] !== 0) target.setBias(l, u, Math.fround(p.b[u] - db[u]));
      }
      return { dW, db };
    });
    nudged = { index, before };
    models[index].last = evaluate(models[index]);
    return { steps, loss: t.output.loss };
  },

  undoNudge() {
    if (!nudged) return false;
    const m = models[nudged.index];
    const target = m.run ?? m.net; // a run logs each change: only the values the nudge moved
    nudged.before.forEach(({ W, b }, l) => {
      const now = m.net.layerParameters(l);
      const inputs = W.length / b.length;
      W.forEach((w, k) => w !== now.W[k] && target.setWeight(l, Math.floor(k / inputs), k % inputs, w));
      b.forEach((v, u) => v !== now.b[u] && target.setBias(l, u, v));
    });
    models[nudged.index].last = evaluate(models[nudged.index]);
    nudged = null;
    return true;
  },

  setAlpha({ alpha, layers }) {
    for (const m of models) for (const l of layers) (m.run ?? m.net).setAlpha(l, alpha < 0 ? null : alpha);
    return true;
  },

  setReluGradAtZero({ value }) {
    for (const m of models) (m.run ?? m.net).setReluGradAtZero(value);
    return true;
  },

  // ---- time travel ----
  seek({ epoch, clock = null, map, tiles }) {
    const m = runModel();
    const at = clock ?? clockOf(m, epoch);
    const past = m.run.seek(at);
    try {
      const DOMAIN = domain();
      const r = {
        label: m.label,
        metrics: past.net.evaluate(past.data),
        epoch: past.net.epoch,
        diverged: false,
        done: false,
        health: past.net.health(past.data),
        weights: weightsOf({ net: past.net, learned: m.learned }),
      };
      const transfer = [];
      if (map)
        transfer.push((r.map = past.net.decisionMap({ width: map.width, height: map.height, domain: DOMAIN })).buffer);
      const first = tiles
        ? past.net.unitMaps({ width: tiles.size, height: tiles.size, domain: DOMAIN }).layers[0]?.[0]
        : null;
      if (first) transfer.push((r.tiles = new Float32Array(first.buffer)).buffer);
      const step = past.net.step;
      return { __transfer: transfer, models: [r], past: { epoch: r.epoch, step, clock: at, now: m.net.epoch } };
    } finally {
      past.net.dispose();
      past.data.dispose();
    }
  },

  /** The primary model's parameter hash (relu-lab/history parameterHash): links are checked by it. */
  hash({ index = 0 }) {
    return parameterHash(models[index].net);
  },

  /** The run as a link can carry it: its set-up's training and network options and the compact log. */
  runLink() {
    const m = models.length === 1 ? models[0] : null;
    if (!m?.run) return { why: 'one model has a log (not compare mode, not an imported model)' };
    const { setup, log, clock } = m.run.toJSON();
    if (!dataOptions) return { why: 'the data was imported from CSV' };
    const fresh = lab.dataset(dataOptions);
    const same = fresh.toCSV() === setup.data.csv;
    fresh.dispose();
    if (!same) return { why: 'points were edited before this run began (Reset after editing starts a run from them)' };
    return { log: compactLog(log), entries: log.length, clock, train: setup.train, network: setup.network };
  },

  /** A link's log replayed from this run's set-up, to its clock: the run becomes that one. */
  replayLog({ log, clock }) {
    const m = runModel();
    const { setup } = m.run.toJSON();
    const run = Run.replay(lab, { format: RUN_FORMAT, setup, log: expandLog(log, 'link'), clock });
    other?.dispose();
    other = null;
    const old = m.run;
    Object.assign(m, { run, net: run.net, diverged: false, health: null });
    data = run.data;
    old.dispose();
    m.last = evaluate(m);
    m.train = { ...m.train, ...pickTrain(run.train, m.train) };
    return { points: points(), epoch: run.net.epoch, train: m.train };
  },

  /** The timeline's marks: the epochs of the run's interventions and of its diverged epochs. */
  marks() {
    const { run } = runModel();
    return {
      interventions: run.log.map((e) => ({ epoch: e.epoch, kind: e.kind })),
      diverged: run.metrics.filter((m) => m.diverged).map((m) => m.epoch),
    };
  },

  /** A dead unit's death certificate (relu-lab/history run.deathCertificate), or null. */
  certificate({ layer, unit }) {
    return runModel().run.deathCertificate(layer, unit);
  },

  branch({ epoch, clock = null }) {
    const m = runModel();
    const old = m.run;
    const run = old.branch(clock ?? clockOf(m, epoch));
    Object.assign(m, { run, net: run.net, diverged: false, health: null });
    data = run.data;
    other?.dispose();
    other = old; // kept: the page draws it faintly and can switch back to it
    m.last = evaluate(m);
    return { points: points(), epoch: run.net.epoch };
  },

  /** Swap the run and the branch it was made from (or left). */
  switchBranch() {
    const m = runModel();
    if (!other) throw new Error('there is no other branch');
    [m.run, other] = [other, m.run];
    Object.assign(m, { net: m.run.net, diverged: !!m.run.metrics.at(-1)?.diverged, health: null });
    data = m.run.data;
    m.last = evaluate(m);
    return { points: points(), epoch: m.net.epoch };
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
