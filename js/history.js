// history.js — a run as its set-up plus an ordered log of interventions: record, replay, seek.
//
// What it is: Run, which makes a dataset and a network from a set-up (dataset, network and
// training options), trains them, and records every change made after the start — a training
// field, a weight or bias, a point added, removed or relabelled, Revive, ReLU'(0), α — at the
// step clock (net.stepsTaken: every minibatch step ever taken, so a moment is never named twice,
// not even after a diverged epoch) at which it took effect. The engine is deterministic and
// net.clone() carries the complete training state, so replaying the set-up plus the log from
// scratch gives the same bits, and seeking is a snapshot (a clone) plus a bounded replay.
// Snapshots are lean copies (no workspace: net[LEAN]) taken at epoch ends: every epoch for the `recent` latest, sparser with age (an
// epoch whose age is a ≥ recent is kept when it is a multiple of 2^⌊log2(a / recent)⌋), and
// when their bytes pass `budgetBytes` the one whose removal leaves the smallest gap for its age
// goes.
// What it is not: a view, or a file format with a future (the log is versioned, nothing more).
// The page's worker and npm users drive a Run alike; a Run owns its network and dataset.
import { Dataset } from './dataset.js';
import { LEAN, Network } from './network.js';
import { checkValue, fail, isPlainObject, parseOptions, show } from './validate.js';
import { fieldsOf } from './schema.js';

/** Version of the JSON a Run writes (run.toJSON()); Run.replay refuses others. */
export const RUN_FORMAT = 1;
/** The most interventions a log may hold. */
export const MAX_LOG = 10000;
const CLOCK = { type: 'integer', min: 0, max: Number.MAX_SAFE_INTEGER };
const INDEX = { type: 'integer', min: 0, max: 1e9 };
const NUMBER = { type: 'number', min: -1e9, max: 1e9 };
const SPLIT = { type: 'enum', values: ['train', 'test'] };
const TRAIN_FIELDS = fieldsOf('train')
  .map((f) => f.name)
  .filter((n) => n !== 'epochs');

// Each kind of intervention: its fields (checked here, field by field; the facade call that
// applies it checks again against the network and data as they are then) and how it applies.
const KINDS = {
  train: {
    fields: { field: { type: 'enum', values: TRAIN_FIELDS }, value: null },
    apply: (s, e) => (s.train = parseOptions('train', { ...s.train, [e.field]: e.value }, 'run.train')),
  },
  weight: {
    fields: { layer: INDEX, unit: INDEX, input: INDEX, value: NUMBER },
    apply: (s, e) => s.net.setWeight(e.layer, e.unit, e.input, e.value),
  },
  bias: {
    fields: { layer: INDEX, unit: INDEX, value: NUMBER },
    apply: (s, e) => s.net.setBias(e.layer, e.unit, e.value),
  },
  addPoint: {
    fields: { x: NUMBER, y: NUMBER, label: NUMBER, split: SPLIT },
    apply: (s, e) => s.data.add(e.x, e.y, e.label, e.split),
  },
  removePoint: { fields: { index: INDEX, split: SPLIT }, apply: (s, e) => s.data.remove(e.index, e.split) },
  relabel: {
    fields: { index: INDEX, label: NUMBER, split: SPLIT },
    apply: (s, e) => s.data.relabel(e.index, e.label, e.split),
  },
  removeNear: {
    fields: { x: NUMBER, y: NUMBER, radius: NUMBER },
    apply: (s, e) => s.data.removeNear(e.x, e.y, e.radius),
  },
  revive: { fields: { options: null }, apply: (s, e) => s.net.revive(s.data, e.options) },
  reviveUnits: { fields: { units: null }, apply: (s, e) => s.net.reviveUnits(e.units) },
  reluGradAtZero: {
    fields: { value: { type: 'number', values: [0, 0.5, 1] } },
    apply: (s, e) => s.net.setReluGradAtZero(e.value),
  },
  alpha: {
    fields: { layer: INDEX, value: { type: 'number', min: 0, max: 10, nullable: true } },
    apply: (s, e) => s.net.setAlpha(e.layer, e.value),
  },
};
/** The kinds of intervention a log may hold. */
export const INTERVENTIONS = Object.freeze(Object.keys(KINDS));
// Apply one intervention, then look at the units' liveness: health() records a unit it finds
// newly dead on the data as dead since the epoch it is called in, so a run that was watched
// after an intervention and its replay, which is not, would name different epochs. Looking
// after each one, live and in replay alike, makes the record depend on the log alone.
function apply(s, e) {
  const result = KINDS[e.kind].apply(s, e);
  if (s.net) s.net.health(s.data, { planeResolution: OBSERVE_PLANE });
  return result;
}
const OBSERVE_PLANE = 2; // the plane grid is not what is looked at here: the least that is allowed
const BRANCH = Symbol('branch'); // the constructor's internal door for branch()
const DATA_KINDS = new Set(['addPoint', 'removePoint', 'relabel', 'removeNear']);

// A copy of a value a facade call checks in full later; what cannot be logged (a function, a
// symbol: structuredClone throws a DOMException for them) is a TypeError naming the field.
function plainCopy(v, where, name) {
  const what = 'plain data (numbers, strings, arrays, plain objects)';
  // a copy would lose a prototype (a Date, a Map, a class instance): the facade must see it as given
  if (v && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v) && !isPlainObject(v))
    fail(TypeError, where, name, what, v);
  try {
    return structuredClone(v);
  } catch {
    return fail(TypeError, where, name, what, v);
  }
}

/** One log entry checked field by field; returns a plain copy (names the entry's index). */
export function checkEntry(e, i, where = 'Run.replay', copy = true) {
  const at = `log[${i}]`;
  if (!isPlainObject(e)) fail(TypeError, where, at, 'an object { at, kind, … }', e);
  const kind = KINDS[e.kind];
  if (!kind) fail(RangeError, where, `${at}.kind`, `one of ${INTERVENTIONS.join(', ')}`, e.kind);
  const out = { at: checkValue(CLOCK, e.at, where, `${at}.at`), kind: e.kind };
  for (const [name, f] of Object.entries(kind.fields)) {
    // null: a value the applying facade call checks in full (options objects, unit lists, a
    // training field's value, which depends on the field)
    // copy false (a live call): the facade call that applies it sees the value as given first
    out[name] = f
      ? checkValue(f, e[name], where, `${at}.${name}`)
      : copy
        ? plainCopy(e[name], where, `${at}.${name}`)
        : e[name];
  }
  const extra = Object.keys(e).find((k) => !(k in out) && k !== 'epoch' && k !== 'step');
  if (extra !== undefined) throw new TypeError(`${where}: unknown field ${show(`${at}.${extra}`)}`);
  for (const k of ['epoch', 'step']) if (e[k] !== undefined) out[k] = checkValue(CLOCK, e[k], where, `${at}.${k}`);
  return out;
}

/**
 * A log as compact JSON for a link: each entry [at, kind, …its fields in a fixed order] (epoch
 * and step, for display only, are left out). expandLog reverses it, checking each entry's shape;
 * Run.replay then checks every field.
 */
export function compactLog(log) {
  return JSON.stringify(log.map((e) => [e.at, e.kind, ...Object.keys(KINDS[e.kind].fields).map((k) => e[k])]));
}
export function expandLog(text, where = 'expandLog') {
  let arr;
  try {
    arr = JSON.parse(text);
  } catch {
    throw new RangeError(`${where}: log is not JSON`);
  }
  if (!Array.isArray(arr)) fail(TypeError, where, 'log', 'an array of entries', arr);
  if (arr.length > MAX_LOG) fail(RangeError, where, 'log', `at most ${MAX_LOG} entries`, arr.length);
  return arr.map((a, i) => {
    if (!Array.isArray(a) || !KINDS[a[1]]) fail(TypeError, where, `log[${i}]`, '[at, kind, …fields]', a);
    const names = Object.keys(KINDS[a[1]].fields);
    if (a.length !== 2 + names.length)
      fail(RangeError, where, `log[${i}]`, `${2 + names.length} values for ${a[1]}`, a);
    const e = { at: a[0], kind: a[1] };
    names.forEach((k, j) => (e[k] = a[2 + j]));
    return checkEntry(e, i, where);
  });
}

// The numbers and the sentence of a death certificate, from the unit just before and after.
function certificate(before, after) {
  const dW = Math.hypot(...after.W.map((w, i) => w - before.W[i]));
  const dB = after.bias - before.bias;
  const lr = before.train.learningRate;
  const sgd = before.train.optimizer === 'sgd' && before.train.regularization === 'none';
  const open = before.open.length; // z > 0 just before (the engine's forward pass, point by point)
  const f = (v) => Number(v.toPrecision(3));
  const where = `epoch ${before.epoch + 1}, step ${before.step + 1}`; // the step taken from `before`
  const sentence =
    before === after
      ? `It was dead on the data from the start of this stretch (epoch ${after.epoch}): no training step killed it.`
      : `One step (${where}) at learning rate ${f(lr)} moved its bias from ${f(before.bias)} to ${f(after.bias)} ` +
        `and its weights by ${f(dW)}; the ${open} training point${open === 1 ? '' : 's'} still on its open side ` +
        `fell to 0, and no gradient has reached it since.`;
  return {
    clock: after.clock,
    epoch: before.epoch + 1, // the epoch (counted from 1) and minibatch step in it that killed it
    step: before.step + 1,
    learningRate: lr,
    optimizer: before.train.optimizer,
    biasBefore: before.bias,
    biasAfter: after.bias,
    deltaBias: dB,
    deltaWeightNorm: dW,
    // plain SGD moves a parameter by −lr × its gradient, so lr × gradient is −Δ (others: null)
    lrTimesGradient: sgd ? { bias: -dB, weightNorm: dW } : null,
    openBefore: open,
    // the training points on its open side just before the step (the page rings them on the map)
    openPoints: before.open.map(({ x, y, label }) => ({ x, y, label })),
    histogramBefore: before.histogram,
    histogramAfter: after.histogram,
    sentence,
  };
}

/** FNV-1a (two 32-bit lanes) over the bits of every parameter and BN statistic: a hex string. */
export function parameterHash(net) {
  let a = 0x811c9dc5,
    b = 0x01000193 ^ 0x5bd1e995;
  const layers = net.config.hidden.length + 1;
  for (let l = 0; l < layers; ++l) {
    const p = net.layerParameters(l);
    for (const k of ['W', 'b', 'alpha', 'gamma', 'beta', 'runningMean', 'runningVar']) {
      if (!p[k]) continue;
      const bytes = new Uint8Array(p[k].buffer, p[k].byteOffset, p[k].byteLength);
      for (let i = 0; i < bytes.length; ++i) {
        a = Math.imul(a ^ bytes[i], 0x01000193);
        b = Math.imul(b ^ bytes[i], 0x01000193) ^ (b >>> 15);
      }
    }
  }
  const hex = (x) => (x >>> 0).toString(16).padStart(8, '0');
  return hex(a) + hex(b);
}

export class Run {
  #lab;
  #setup; // { data, network, train } as given (plain JSON)
  #state; // { net, data, train }: the live network, dataset and training options
  #log = [];
  #snaps = []; // [{ clock, epoch, logLength, net, bytes, shared: { refs } }], by clock
  #policy;
  #metrics = []; // [{ epoch, clock, …Metrics }] per epoch ended (the loss chart)
  #bytesOf = null; // { key, bytes }: a snapshot's measured size, for the budget
  #start = null; // { epoch, clock }: where the run began (epoch > 0 for an imported model)
  #deaths = new Map(); // 'layer,unit,diedAtEpoch' → { epoch, step, clock }: found by #findDeaths

  /**
   * A run from a set-up: { data: dataset options or { csv: text }, network: network options,
   * train: training options } and the snapshot policy { recent = 256, budgetBytes = 32 MB }.
   */
  constructor(lab, setup, policy = {}, from = null) {
    const where = 'new Run';
    if (!isPlainObject(setup)) fail(TypeError, where, 'setup', 'an object { data, network, train }', setup);
    const extra = Object.keys(setup).find((k) => !['data', 'network', 'train'].includes(k));
    if (extra !== undefined) throw new TypeError(`${where}: unknown field ${show(`setup.${extra}`)}`);
    this.#lab = lab;
    this.#setup = structuredClone({ data: setup.data ?? {}, network: setup.network ?? {}, train: setup.train ?? {} });
    this.#policy = {
      recent: checkValue({ type: 'integer', min: 1, max: 1e6 }, policy.recent ?? 256, where, 'policy.recent'),
      budgetBytes: checkValue(
        { type: 'number', min: 0, max: 2 ** 31 },
        policy.budgetBytes ?? 32 << 20,
        where,
        'policy.budgetBytes',
      ),
    };
    if (from?.[BRANCH]) {
      // branch(): the state, log, metrics and snapshots of a past moment of another run
      ({ state: this.#state, log: this.#log, metrics: this.#metrics, snaps: this.#snaps } = from[BRANCH]);
      this.#start = from[BRANCH].start;
      return;
    }
    this.#state = this.#fresh();
    this.#start = { epoch: this.#state.net.epoch, clock: this.#state.net.stepsTaken };
    this.#state.net.health(this.#state.data, { planeResolution: OBSERVE_PLANE }); // born dead: epoch 0
    this.#snapshot();
  }

  /** The live network and dataset (owned by the run: do not dispose them). */
  get net() {
    return this.#state.net;
  }
  get data() {
    return this.#state.data;
  }
  /** The training options in force now (a copy). */
  get train() {
    return { ...this.#state.train };
  }
  /** The step clock now (net.stepsTaken). */
  get clock() {
    return this.#state.net.stepsTaken;
  }
  /** The interventions so far (copies). */
  get log() {
    return structuredClone(this.#log);
  }
  /** Metrics of every epoch that ended: [{ epoch, clock, trainLoss, testLoss, … }]. */
  get metrics() {
    return this.#metrics.slice();
  }
  /** Where the run began: { epoch, clock } (a model given as JSON starts at its epoch). */
  get start() {
    return { ...this.#start };
  }
  /** Snapshots held: [{ epoch, clock, bytes }], and their total bytes. */
  get snapshots() {
    const list = this.#snaps.map(({ epoch, clock, bytes }) => ({ epoch, clock, bytes }));
    return { list, bytes: list.reduce((s, x) => s + x.bytes, 0), budgetBytes: this.#policy.budgetBytes };
  }

  // ---- training ----------------------------------------------------------------------------

  /** Finish the epoch in progress (or train a whole one); its metrics. */
  trainEpoch() {
    const m = this.#state.net.trainEpoch(this.#state.data, this.#state.train);
    this.#ended(m);
    return m;
  }

  /** `n` minibatch steps (see net.trainSteps). */
  trainSteps(n) {
    const r = this.#state.net.trainSteps(this.#state.data, n, this.#state.train);
    if (r.metrics) this.#ended(r.metrics);
    return r;
  }

  // ---- interventions: each applied now and logged ------------------------------------------

  /** Change one training field (learningRate, optimizer, batchSize, …). */
  setTrain(field, value) {
    return this.#do({ kind: 'train', field, value });
  }
  setWeight(layer, unit, input, value) {
    return this.#do({ kind: 'weight', layer, unit, input, value });
  }
  setBias(layer, unit, value) {
    return this.#do({ kind: 'bias', layer, unit, value });
  }
  addPoint(x, y, label, split = 'train') {
    return this.#do({ kind: 'addPoint', x, y, label, split });
  }
  removePoint(index, split = 'train') {
    return this.#do({ kind: 'removePoint', index, split });
  }
  relabel(index, label, split = 'train') {
    return this.#do({ kind: 'relabel', index, label, split });
  }
  removeNear(x, y, radius = 0.5) {
    return this.#do({ kind: 'removeNear', x, y, radius });
  }
  revive(options = {}) {
    return this.#do({ kind: 'revive', options });
  }
  reviveUnits(units) {
    return this.#do({ kind: 'reviveUnits', units });
  }
  setReluGradAtZero(value) {
    return this.#do({ kind: 'reluGradAtZero', value });
  }
  setAlpha(layer, value) {
    return this.#do({ kind: 'alpha', layer, value });
  }

  // ---- replay, seek, branch ------------------------------------------------------------------

  /** { format, setup, log, clock }: enough to replay this run to now (Run.replay). */
  toJSON() {
    return { format: RUN_FORMAT, setup: structuredClone(this.#setup), log: this.log, clock: this.clock };
  }

  /** A new run from toJSON()'s output, replayed from scratch to its clock; the log is checked first. */
  static replay(lab, json, policy) {
    const where = 'Run.replay';
    if (!isPlainObject(json)) fail(TypeError, where, 'json', 'an object { format, setup, log, clock }', json);
    if (json.format !== RUN_FORMAT) fail(RangeError, where, 'format', String(RUN_FORMAT), json.format);
    if (!Array.isArray(json.log)) fail(TypeError, where, 'log', 'an array of interventions', json.log);
    if (json.log.length > MAX_LOG) fail(RangeError, where, 'log', `at most ${MAX_LOG} interventions`, json.log.length);
    const log = json.log.map((e, i) => checkEntry(e, i, where));
    const clock = checkValue(CLOCK, json.clock, where, 'clock');
    log.forEach((e, i) => {
      if (e.at > clock || (i && e.at < log[i - 1].at)) {
        fail(RangeError, where, `log[${i}].at`, 'in order and at most clock', e.at);
      }
    });
    const run = new Run(lab, json.setup, policy);
    try {
      run.#advance(log, clock);
    } catch (e) {
      run.dispose();
      throw e;
    }
    return run;
  }

  /**
   * The state at step clock `clock` (≤ now; after the interventions logged at it) as a new
   * { net, data, train } that the caller disposes (net and data): the nearest snapshot at or
   * before it, cloned, plus a replay of the log from there. The live run is not touched.
   */
  seek(clock) {
    const where = 'run.seek';
    checkValue({ type: 'integer', min: 0, max: this.clock }, clock, where, 'clock');
    const snap = this.#snaps.findLast((s) => s.clock <= clock);
    const s = { net: snap.net.clone(), data: this.#dataAt(snap.logLength), train: snap.train };
    try {
      Run.#replayInto(s, this.#log.slice(snap.logLength), clock);
    } catch (e) {
      (s.net.dispose(), s.data.dispose());
      throw e;
    }
    return s;
  }

  /** The step clock at which epoch `epoch` ended (the last time, if it ended more than once). */
  clockOfEpoch(epoch) {
    checkValue(CLOCK, epoch, 'run.clockOfEpoch', 'epoch');
    const ended = this.#metrics.findLast((m) => m.epoch === epoch && !m.diverged);
    return ended?.clock ?? (epoch === this.#start.epoch ? this.#start.clock : null);
  }

  /**
   * A new run that shares this one's past up to `clock` and goes on from there (its log holds
   * the interventions at or before clock). This run is unchanged.
   */
  branch(clock) {
    const state = this.seek(clock);
    const log = this.#log.filter((e) => e.at <= clock);
    const snaps = this.#snaps.filter((x) => x.clock <= clock && x.logLength <= log.length);
    for (const x of snaps) x.shared.refs++;
    const metrics = this.#metrics.filter((m) => m.clock <= clock);
    const start = this.#start;
    return new Run(this.#lab, this.#setup, this.#policy, { [BRANCH]: { state, log, metrics, snaps, start } });
  }

  /**
   * net.health(data, options) of the live network, plus, per hidden layer, when each unit dead
   * on the data died to the step: diedAt[u] = { epoch, step, clock } (the epoch counted from 1
   * and the minibatch step in it whose update, or the interventions logged at its clock, left it
   * dead; { epoch, 0, clock } for a unit dead where the run began) and diedAtStep[u] = its step;
   * null for a unit alive. Found exactly, by walking step by step through the epochs around its
   * diedAtEpoch (see #findDeaths); each death is searched once and remembered.
   */
  health(options) {
    const h = this.#state.net.health(this.#state.data, options);
    const todo = new Map(); // diedAtEpoch → [[layer, unit]] not yet known
    h.layers.forEach((L, l) =>
      L.deadOnData.forEach((dead, u) => {
        const e = L.diedAtEpoch[u];
        if (dead && e !== null && !this.#deaths.has(`${l},${u},${e}`)) todo.set(e, [...(todo.get(e) ?? []), [l, u]]);
      }),
    );
    for (const [e, units] of todo) this.#findDeaths(e, units);
    for (const [l, L] of h.layers.entries()) {
      L.diedAt = L.deadOnData.map((dead, u) =>
        dead ? (this.#deaths.get(`${l},${u},${L.diedAtEpoch[u]}`) ?? null) : null,
      );
      L.diedAtStep = L.diedAt.map((d) => d?.step ?? null);
    }
    return h;
  }

  /**
   * How hidden unit (layer, unit) died: the step after which it became dead on the data (its
   * pre-activation ≤ 0 for every training point) for the last time — found by walking step by
   * step through the epochs around the one its death was first seen in (health's diedAtEpoch) —
   * and what that step did to it, with the training points still on its open side just before.
   * null when it is not dead now. See README (Death certificate) for the fields.
   */
  deathCertificate(layer, unit) {
    const where = 'run.deathCertificate';
    const now = this.#state.net.health(this.#state.data, { planeResolution: OBSERVE_PLANE });
    const L = now.layers[checkValue({ type: 'integer', min: 0, max: now.layers.length - 1 }, layer, where, 'layer')];
    checkValue({ type: 'integer', min: 0, max: L.units - 1 }, unit, where, 'unit');
    if (!L.deadOnData[unit]) return null;
    const died = L.diedAtEpoch[unit];
    const key = `${layer},${unit},${died}`;
    if (!this.#deaths.has(key)) this.#findDeaths(died, [[layer, unit]]);
    const at = this.#deaths.get(key);
    if (!at) return null; // not found around that epoch (it cannot be: say so rather than guess)
    const look = (clock) => this.#look(clock, layer, unit);
    if (at.step === 0) {
      const c = look(at.clock);
      return {
        layer,
        unit,
        bornDead: died === this.#start.epoch,
        byIntervention: died > this.#start.epoch,
        ...certificate(c, c),
      };
    }
    const pair = [look(at.clock - 1), look(at.clock)];
    return {
      layer,
      unit,
      bornDead: false,
      byIntervention: this.#log.some((e) => e.at === at.clock),
      ...certificate(...pair),
    };
  }

  // One unit at step clock `clock`: its parameters, liveness, histogram and the training points
  // on its open side (z > 0, from one trace per point: the engine's own forward pass).
  #look(clock, layer, unit) {
    const st = this.seek(clock);
    try {
      const L = st.net.health(st.data, { planeResolution: OBSERVE_PLANE }).layers[layer];
      const p = st.net.layerParameters(layer);
      const per = L.histogram.length / L.units;
      const { x, y, label } = st.data.points('train');
      const open = [];
      for (let i = 0; i < x.length; ++i) {
        const point = { x: x[i], y: y[i], label: label[i] };
        if (st.net.trace(point).layers[layer].z[unit] > 0) open.push(point);
      }
      return {
        clock,
        epoch: st.net.epoch,
        step: st.net.step,
        dead: L.deadOnData[unit],
        bias: p.b[unit],
        W: p.W.slice(unit * p.inputs, (unit + 1) * p.inputs),
        activeShare: L.activationRate[unit],
        trainSize: st.data.trainSize,
        open,
        histogram: Array.from(L.histogram.slice(unit * per, (unit + 1) * per)),
        train: { ...st.train },
      };
    } finally {
      (st.net.dispose(), st.data.dispose());
    }
  }

  // When each of `units` (all with diedAtEpoch `died`) last became dead on the data: one walk,
  // step by step, from the end of epoch died − 1 to the end of epoch died + 1 (or now). Why the
  // epoch after too: a death an intervention caused mid-epoch is dated by the engine to the
  // epochs completed then. Results go into #deaths (null: no death found in the walk).
  #findDeaths(died, units) {
    const from = (died > 0 ? this.clockOfEpoch(died - 1) : null) ?? this.#start.clock;
    const to = Math.min(this.clock, this.clockOfEpoch(died + 1) ?? this.clock);
    const found = units.map(() => null);
    let was = null;
    this.#walk(from, to, (s) => {
      const h = s.net.health(s.data, { planeResolution: OBSERVE_PLANE });
      const is = units.map(([l, u]) => h.layers[l].deadOnData[u]);
      units.forEach((_, i) => {
        if (!is[i])
          found[i] = null; // alive again: only the last death counts
        else if (was === null)
          found[i] = { epoch: s.net.epoch, step: 0, clock: from }; // dead already
        else if (!was[i]) found[i] = { epoch: was.epoch + 1, step: was.step + 1, clock: s.net.stepsTaken };
      });
      was = Object.assign(is, { epoch: s.net.epoch, step: s.net.step });
    });
    units.forEach(([l, u], i) => this.#deaths.set(`${l},${u},${died}`, found[i]));
  }

  // visit(state) at every step clock from `from` to `to`: one seek, then one step at a time with
  // the log applied at its clock, so state at c is seek(c)'s to the bit at O(to − from) steps.
  #walk(from, to, visit) {
    const s = this.seek(from);
    try {
      visit(s);
      let i = this.#log.findIndex((e) => e.at > from);
      if (i < 0) i = this.#log.length;
      for (let c = from + 1; c <= to; ++c) {
        let j = i;
        while (j < this.#log.length && this.#log[j].at <= c) ++j;
        Run.#replayInto(s, this.#log.slice(i, j), c);
        i = j;
        visit(s);
      }
    } finally {
      (s.net.dispose(), s.data.dispose());
    }
  }

  /** Free the network, dataset and snapshots (shared snapshots when their last run goes). */
  dispose() {
    for (const x of this.#snaps) if (--x.shared.refs === 0) x.net.dispose();
    this.#snaps = [];
    this.#state?.net.dispose();
    this.#state?.data.dispose();
    this.#state = null;
  }

  // ---- internals -----------------------------------------------------------------------------

  // The set-up's dataset: generated from options, or { csv, extent? } (lab.datasetFromCSV: points edited
  // or imported before the run began).
  #makeData() {
    const d = this.#setup.data;
    if (!(isPlainObject(d) && typeof d.csv === 'string')) return this.#lab.dataset(d);
    const { csv, ...options } = d; // { csv, extent? }: lab.datasetFromCSV's options
    return this.#lab.datasetFromCSV(csv, options);
  }

  #fresh() {
    const { network, train } = this.#setup;
    const data = this.#makeData();
    try {
      return { data, net: this.#lab.network(network), train: parseOptions('train', train, 'new Run') };
    } catch (e) {
      data.dispose();
      throw e;
    }
  }

  #do(entry) {
    const where = `run.${entry.kind}`;
    const raw = checkEntry({ at: this.clock, ...entry }, this.#log.length, where, false);
    if (this.#log.length >= MAX_LOG) throw new RangeError(`${where}: the log is full (${MAX_LOG})`);
    const result = apply(this.#state, raw); // throws before logging when refused
    // the copy the log keeps: what the facade accepted is plain data, so this cannot throw
    const e = checkEntry(raw, this.#log.length, where);
    e.epoch = this.#state.net.epoch;
    e.step = this.#state.net.step;
    this.#log.push(e);
    return result;
  }

  // Train s to `clock`, applying each entry of `log` when the clock reaches its `at`.
  static #replayInto(s, log, clock) {
    const to = (c) => {
      while (s.net.stepsTaken < c) {
        const r = s.net.trainSteps(s.data, c - s.net.stepsTaken, s.train);
        if (r.steps === 0) throw new Error(`run: the replay cannot reach step ${c}`);
      }
    };
    for (const e of log) {
      if (e.at > clock) break;
      to(e.at);
      apply(s, e);
    }
    to(clock);
  }

  // Replay `log` on the live state up to `clock`, one epoch (or less) a call, so that every
  // epoch's metrics and snapshot are recorded as they were live.
  #advance(log, clock) {
    let i = 0;
    const s = this.#state;
    let left = s.net.trainSteps(s.data, 0, s.train).stepsLeft;
    while (true) {
      while (i < log.length && log[i].at === s.net.stepsTaken) {
        const e = log[i++];
        apply(s, e);
        this.#log.push({ ...e, epoch: s.net.epoch, step: s.net.step });
        left = s.net.trainSteps(s.data, 0, s.train).stepsLeft; // data or batch size may have changed
      }
      if (s.net.stepsTaken >= clock) break;
      const until = Math.min(clock, i < log.length ? log[i].at : clock);
      if (left === 0) {
        // the training set changed size mid-epoch: the epoch ends without a step, as it did live
        this.#ended(s.net.trainEpoch(s.data, s.train), true);
        left = s.net.trainSteps(s.data, 0, s.train).stepsLeft;
        continue;
      }
      const r = s.net.trainSteps(s.data, Math.min(left, until - s.net.stepsTaken), s.train);
      if (r.steps === 0) throw new Error(`Run.replay: cannot reach step ${until}`);
      if (r.metrics) this.#ended(r.metrics, true);
      left = r.stepsLeft;
    }
  }

  // An epoch ended: record its metrics and take a snapshot if it ended on a boundary.
  #ended(m, replaying = false) {
    this.#metrics.push({ ...m, clock: this.clock, replayed: replaying || undefined });
    if (this.#state.net.step === 0) this.#snapshot();
  }

  #dataAt(logLength) {
    const data = this.#makeData();
    try {
      for (const e of this.#log.slice(0, logLength)) if (DATA_KINDS.has(e.kind)) KINDS[e.kind].apply({ data }, e);
    } catch (e) {
      data.dispose();
      throw e;
    }
    return data;
  }

  #snapshot() {
    const net = this.#state.net;
    const last = this.#snaps.at(-1);
    if (last && last.clock === this.clock && last.logLength === this.#log.length) return; // nothing new
    // A clone's bytes depend on the shape, the training set's size and the largest batch so far:
    // measured (lab.memory() walks the heap: too slow for every epoch) when those change.
    const key = `${this.#state.data.trainSize}/${this.#state.train.batchSize}`;
    let clone;
    if (this.#bytesOf?.key !== key) {
      const before = this.#lab.memory().usedBytes;
      clone = net[LEAN]();
      this.#bytesOf = { key, bytes: Math.max(1, this.#lab.memory().usedBytes - before) };
    } else clone = net[LEAN]();
    this.#snaps.push({
      clock: this.clock,
      epoch: net.epoch,
      logLength: this.#log.length,
      train: { ...this.#state.train },
      net: clone,
      bytes: this.#bytesOf.bytes,
      shared: { refs: 1 },
    });
    this.#thin();
  }

  // Keep every epoch among the `recent` latest, multiples of 2^⌊log2(age / recent)⌋ older; then
  // drop, while over budget, the snapshot whose removal leaves the smallest gap for its age (gap
  // ÷ age: the geometric spacing above has them all alike). The first (the set-up) and the last
  // stay.
  #thin() {
    const now = this.#state.net.epoch,
      R = this.#policy.recent;
    const keep = (x, i) => {
      if (i === 0 || i === this.#snaps.length - 1) return true;
      const age = now - x.epoch;
      return age < R || x.epoch % 2 ** Math.floor(Math.log2(age / R)) === 0;
    };
    const drop = (x) => --x.shared.refs === 0 && x.net.dispose();
    this.#snaps = this.#snaps.filter((x, i) => keep(x, i) || (drop(x), false));
    let bytes = this.#snaps.reduce((s, x) => s + x.bytes, 0);
    const clock = this.clock;
    const cost = (j) => (this.#snaps[j + 1].clock - this.#snaps[j - 1].clock) / (clock - this.#snaps[j].clock + 1);
    while (bytes > this.#policy.budgetBytes && this.#snaps.length > 2) {
      let best = 1;
      for (let i = 2; i < this.#snaps.length - 1; ++i) if (cost(i) < cost(best)) best = i;
      bytes -= this.#snaps[best].bytes;
      drop(this.#snaps[best]);
      this.#snaps.splice(best, 1);
    }
  }
}

export { Dataset, Network };
