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
//   seek { epoch | clock, map, primaryMap, tiles, regions, trace }
//                                          → time travel: every model's maps (the primary's tiles,
//                                            health and weights, and regions / trace as frame's)
//                                            at a past epoch, or the one model's at a step clock;
//                                            the live runs are untouched
//   branch { epoch | clock }               → the runs go on from there → { points, epoch }; one
//                                            model keeps the run it left (switchBranch, at most
//                                            MAX_OLD_BRANCHES); twins drop their futures
//   branches / switchBranch { index } / compareBranches { index } / uncompare
//                                          → the old branches (their loss lines), going over to
//                                            one, or opening it beside this one as twins
// Time travel: every model is a Run (relu-lab/history) that owns a copy of the dataset (they are
// edited alike), so every change made here is logged and a past epoch can be replayed exactly;
// an imported model is a Run that begins at its epoch.
// A model spec may carry stopAt (> 0): frame never trains it past that epoch ("done").
// What it is not: no DOM, no colours; it speaks the facade's API only (UI knows nothing of C++).
import { load } from '../relu-lab/index.js';
import { RUN_FORMAT, Run, compactLog, expandLog, parameterHash } from '../relu-lab/history.js';

let lab = null;
let data = null;
// time travel: the runs left behind by branches, newest first: [{ run, name, from }] (from: the
// epoch the branch that left it was made at); at most MAX_OLD_BRANCHES, the oldest goes first
let others = [];
const MAX_OLD_BRANCHES = 3;
let branchCount = 0; // names: "original", then "branch 1", "branch 2", …
const SNAPSHOT_BYTES = 32 << 20; // every run's snapshots together (relu-lab/history's default for one)
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

function disposeOthers() {
  for (const o of others) o.run.dispose();
  others = [];
}

function disposeModels() {
  for (const m of models) (m.run ?? m.net).dispose(); // a run frees its network and its dataset
  models = [];
  disposeOthers();
  nudged = null;
}

/** The data model m trains on: its run's own copy, or the shared one. */
const dataOf = (m) => m.run?.data ?? data;

// Time travel: every model leaves its run (before the data is replaced otherwise than by a
// rebuild): clones of the networks go on outside, over a copy of the data.
function leaveRuns() {
  if (!models.some((m) => m.run)) return;
  const copy = lab.datasetFromCSV(data.toCSV(), { extent: data.extent });
  for (const m of models) {
    if (!m.run) continue;
    const net = m.run.net.clone();
    m.run.dispose();
    Object.assign(m, { run: null, net });
  }
  disposeOthers();
  data = copy;
}

function points() {
  const train = data.points('train');
  const test = data.points('test');
  return { train, test };
}

function buildModels(specs) {
  const fresh = [];
  // time travel: every model is a run, over a copy of the data that it owns (twins share the
  // snapshot budget)
  const source = { csv: data.toCSV(), extent: data.extent };
  const policy = { budgetBytes: Math.floor(SNAPSHOT_BYTES / specs.length) };
  try {
    for (const s of specs) {
      const run = new Run(lab, { data: source, network: s.network, train: s.train }, policy);
      fresh.push({
        run,
        net: run.net,
        train: s.train,
        stopAt: s.stopAt ?? 0,
        network: s.network,
        label: s.label,
        name: 'original',
        last: null,
        diverged: false,
        health: null,
        healthAge: 0,
      });
    }
  } catch (e) {
    for (const m of fresh) m.run.dispose();
    throw e;
  }
  // the shared data goes unless a run being replaced owns it (then it goes with that run)
  const orphan = models.some((m) => m.run?.data === data) ? null : data;
  disposeModels();
  orphan?.dispose();
  models = fresh;
  branchCount = 0;
  data = models[0].run.data;
  for (const m of models) m.last = evaluate(m);
}

function evaluate(m) {
  return m.net.evaluate(dataOf(m));
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
  if (models.length !== 1 || !models[0].run) throw new Error('this needs one model (not compare mode)');
  return models[0];
}
function runsOf() {
  if (!models.length || !models.every((m) => m.run)) throw new Error('these models have no past to travel in');
  return models;
}
// The clock at `epoch` in model m's run; a twin that stopped (or diverged) before it shows its last moment.
const clockNear = (m, epoch) => m.run.clockOfEpoch(Math.min(epoch, m.net.epoch)) ?? m.run.clock;
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
        m.last = m.net.train(dataOf(m), { ...m.train, epochs: n });
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
        clock: m.run?.clock ?? null, // its step clock (the timeline steps by one minibatch from it)
        start: m.run?.start.epoch ?? 0, // the epoch it began at (an imported model's)
      };
      if (map) {
        r.map = mapOf(m.net, map.width, map.height, DOMAIN);
        transfer.push(r.map.buffer);
      }
      lap('map');
      if (health && i === primary)
        r.health = m.net.health(dataOf(m)); // already plain data (the facade maps it)
      else if (health) {
        // a twin only shows its dead count: refresh it every third frame (health is the costly
        // part of a frame: a pass over the data and over the plane's grid)
        if (!m.health || epochs === 0 || ++m.healthAge >= 3) {
          const h = m.net.health(dataOf(m));
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

  // every run owns a copy of the data: each is edited (and logs the edit) alike
  addPoint({ x, y, label, toTest = false }) {
    const runs = models.filter((m) => m.run);
    if (runs.length) for (const m of runs) m.run.addPoint(x, y, label, toTest ? 'test' : 'train');
    else data.add(x, y, label, toTest ? 'test' : 'train');
    return { points: points() };
  },

  removeNear({ x, y, radius }) {
    const runs = models.filter((m) => m.run);
    let removed = false;
    if (runs.length) for (const m of runs) removed = m.run.removeNear(x, y, radius);
    else removed = data.removeNear(x, y, radius);
    return { removed, points: points() };
  },

  importCSV({ text }) {
    const fresh = lab.datasetFromCSV(text);
    dataOptions = null;
    leaveRuns(); // the page rebuilds the models next (new runs)
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
      revived += m.run ? m.run.revive(options) : m.net.revive(dataOf(m), options);
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
    return { code: m.net.toCode(target, { data: dataOf(m), train: m.train }) };
  },

  // an imported model is a run that begins at its epoch (time travel works from there)
  importModel({ json, train, label = 'imported' }) {
    buildModels([{ network: json, train, label, stopAt: 0 }]);
    models[0].network = json.config;
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
  /**
   * Every model at a past moment, painted like a frame: { epoch } for all of them (twins move
   * together), or { clock } for the one model (a step inside an epoch).
   */
  seek({ epoch, clock = null, map, primaryMap = null, tiles, primary = 0, regions = null, trace = null }) {
    const list = runsOf();
    if (clock !== null && list.length !== 1) throw new Error('twins are seeked by epoch');
    const DOMAIN = domain();
    const transfer = [];
    let past = null;
    const out = list.map((m, i) => {
      const at = clock ?? clockNear(m, epoch);
      const st = m.run.seek(at);
      try {
        const main = i === primary;
        const h = st.net.health(st.data);
        const r = {
          label: m.label,
          metrics: st.net.evaluate(st.data),
          epoch: st.net.epoch,
          step: st.net.step, // inside an epoch: epoch 0, step 5 is not "before the first step"
          diverged: false,
          done: false,
          travel: true,
          health: main
            ? h
            : { deadUnits: h.deadUnits, totalUnits: h.totalUnits, gradientNorms: h.layers.map((L) => L.gradientNorm) },
        };
        if (map) transfer.push((r.map = st.net.decisionMap({ ...map, domain: DOMAIN })).buffer);
        if (main) {
          past = { epoch: r.epoch, step: st.net.step, clock: at, now: m.net.epoch };
          r.weights = weightsOf({ net: st.net, learned: m.learned });
          if (primaryMap) transfer.push((r.primaryMap = st.net.decisionMap({ ...primaryMap, domain: DOMAIN })).buffer);
          const first = tiles
            ? st.net.unitMaps({ width: tiles.size, height: tiles.size, domain: DOMAIN }).layers[0]?.[0]
            : null;
          if (first) transfer.push((r.tiles = new Float32Array(first.buffer)).buffer);
          // issue 15's views of the past model itself: its regions and the traced point's passes
          if (regions) r.regions = regionsOf(st.net, regions, DOMAIN, transfer);
          if (trace) r.trace = traceOf(st.net, trace);
        }
        return r;
      } finally {
        (st.net.dispose(), st.data.dispose());
      }
    });
    return { __transfer: transfer, models: out, past };
  },

  /** The primary model's parameter hash (relu-lab/history parameterHash): links are checked by it. */
  hash({ index = 0 }) {
    return parameterHash(models[index].net);
  },

  /** Every model's parameter hash, and the old branches' (the branch compare test reads them). */
  hashes() {
    return { models: models.map((m) => parameterHash(m.net)), others: others.map((o) => parameterHash(o.run.net)) };
  },

  /** The run as a link can carry it: its set-up's training and network options and the compact log. */
  runLink() {
    const m = models.length === 1 ? models[0] : null;
    if (!m?.run) return { why: 'one model has a log (not compare mode)' };
    const { setup, log, clock } = m.run.toJSON();
    if (setup.network.layers) return { why: 'the run began from an imported model (a link does not carry weights)' };
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
    disposeOthers();
    const old = m.run;
    Object.assign(m, { run, net: run.net, diverged: false, health: null });
    data = run.data;
    old.dispose();
    m.last = evaluate(m);
    m.train = { ...m.train, ...pickTrain(run.train, m.train) };
    return { points: points(), epoch: run.net.epoch, train: m.train };
  },

  /**
   * The timeline's marks: the epochs of the primary run's interventions and of its diverged
   * epochs, and its dead units with the epoch and step each died at (run.health's diedAt: exact,
   * where the engine's diedAtEpoch is when a death was first seen).
   */
  marks({ index = 0 } = {}) {
    const { run } = runsOf()[index];
    const deaths = [];
    run
      .health({ planeResolution: 2 })
      .layers.forEach((L, layer) =>
        L.diedAt.forEach((d, unit) => d && deaths.push({ epoch: d.epoch, step: d.step, layer, unit })),
      );
    return {
      interventions: run.log.map((e) => ({ epoch: e.epoch, kind: e.kind })),
      diverged: run.metrics.filter((m) => m.diverged).map((m) => m.epoch),
      deaths,
    };
  },

  /** A dead unit's death certificate (relu-lab/history run.deathCertificate), or null. */
  certificate({ layer, unit, index = 0 }) {
    return runsOf()[index].run.deathCertificate(layer, unit);
  },

  /**
   * The runs go on from a past moment. One model keeps the run it leaves as an old branch (the
   * newest first; past MAX_OLD_BRANCHES the oldest is freed); twins drop their futures.
   */
  branch({ epoch, clock = null }) {
    const list = runsOf();
    const one = list.length === 1;
    for (const m of list) {
      const old = m.run;
      const run = old.branch(clock ?? clockNear(m, epoch));
      Object.assign(m, { run, net: run.net, diverged: false, health: null });
      if (one) {
        others.unshift({ run: old, name: m.name, from: m.from ?? null });
        Object.assign(m, { name: `branch ${++branchCount}`, from: run.net.epoch });
        while (others.length > MAX_OLD_BRANCHES) others.pop().run.dispose();
      } else old.dispose();
      m.last = evaluate(m);
    }
    data = list[0].run.data;
    return { points: points(), epoch: list[0].net.epoch };
  },

  /** The old branches, newest first: { name, from, epoch, points: [{ epoch, testLoss }] } (the chart's faint lines). */
  branches() {
    const current = models.length === 1 ? { name: models[0].name, from: models[0].from ?? null } : null;
    return { current, max: MAX_OLD_BRANCHES, list: others.map(branchInfo) };
  },

  /** Go over to old branch `index` (this run becomes an old branch in its place). */
  switchBranch({ index = 0 } = {}) {
    const m = runModel();
    if (!others[index]) throw new Error('there is no such branch');
    const o = others[index];
    others[index] = { run: m.run, name: m.name, from: m.from ?? null };
    Object.assign(m, { run: o.run, net: o.run.net, name: o.name, from: o.from, health: null });
    m.diverged = !!m.run.metrics.at(-1)?.diverged;
    data = m.run.data;
    m.last = evaluate(m);
    return { points: points(), epoch: m.net.epoch, history: historyOf(m.run) };
  },

  /** This run and old branch `index` side by side as twins (each keeps its own past). */
  compareBranches({ index = 0 } = {}) {
    const m = runModel();
    if (!others[index]) throw new Error('there is no such branch');
    const [o] = others.splice(index, 1);
    const twin = {
      ...m,
      run: o.run,
      net: o.run.net,
      name: o.name,
      from: o.from,
      last: null,
      health: null,
      healthAge: 0,
    };
    twin.diverged = !!o.run.metrics.at(-1)?.diverged;
    twin.last = evaluate(twin);
    models = [m, twin];
    for (const t of models) t.label = t.name;
    return { labels: models.map((t) => t.name), histories: models.map((t) => historyOf(t.run)) };
  },

  /** Back from a branch compare: the primary twin goes on alone, the other is an old branch again. */
  uncompare({ primary = 0 } = {}) {
    if (models.length !== 2 || !models.every((m) => m.run)) throw new Error('not comparing two branches');
    const keep = models[primary];
    const rest = models[1 - primary];
    others.unshift({ run: rest.run, name: rest.name, from: rest.from ?? null });
    while (others.length > MAX_OLD_BRANCHES) others.pop().run.dispose();
    models = [keep];
    data = keep.run.data;
    return { points: points(), epoch: keep.net.epoch, history: historyOf(keep.run) };
  },
};

// A run's loss history for the page's chart: [{ epoch, trainLoss, testLoss, … }], at most
// HISTORY_POINTS entries (every k-th epoch, the last kept).
const HISTORY_POINTS = 2000;
function historyOf(run) {
  const ms = run.metrics.filter((m) => !m.diverged);
  const k = Math.ceil(ms.length / HISTORY_POINTS);
  const pick = ms.filter((_, i) => i % k === 0 || i === ms.length - 1);
  return pick.map(({ epoch, trainLoss, testLoss, trainAccuracy, testAccuracy }) => ({
    epoch,
    trainLoss,
    testLoss,
    trainAccuracy,
    testAccuracy,
  }));
}

function branchInfo(o) {
  const h = historyOf(o.run);
  return {
    name: o.name,
    from: o.from,
    epoch: o.run.net.epoch,
    points: h.map((p) => ({ epoch: p.epoch, value: p.testLoss })),
  };
}

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
