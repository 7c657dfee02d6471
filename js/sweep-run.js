// sweep-run.js — one run of a sweep, and the table of what a run can measure.
//
// What it is: runRecord(lab, task) builds the task's dataset and network, trains them (the
// phases of the spec: `epochs`, then optionally ReDo and `then.epochs`; ReDo every k epochs with
// reviveEvery), measures the asked metrics and frees both objects. A task is plain data (see
// sweep.js, expandSpec), so the same call runs in a sweep worker, in the page's worker and in a
// test, and gives the same bits everywhere (every random choice is seeded).
// What it is not: validation (sweep-spec.js checks the spec before any task exists) or the pool.
//
// Adding a metric is one row of METRICS.

/** Fraction of hidden units whose flag is set, counting only layers that pass `keep`. */
function share(health, flag, keep = () => true) {
  let n = 0;
  for (const L of health.layers) if (keep(L)) for (const f of L[flag]) n += f ? 1 : 0;
  return health.totalUnits ? n / health.totalUnits : 0;
}
// ReLU is the one activation whose output is exactly 0 below its kink: only its units are "dead";
// the engine's flag on the other ReLU-family units (and saturated ones) means "inactive".
const isRelu = (L) => L.activation === 'relu';

// The regions metric's grid: fine enough to see most pieces of a small net, cheap beside training.
export const REGION_GRID = 128;

/** What a run can measure: name → { doc, of(ctx) → number | null }. ctx: { net, data, health, metrics, task, reached }. */
export const METRICS = Object.freeze({
  deadOnData: {
    doc: 'share of hidden units that are ReLU and output 0 on every training point',
    of: (c) => share(c.health, 'deadOnData', isRelu),
  },
  deadOnPlane: {
    doc: 'share of hidden units that are ReLU and output 0 over the whole plane (a 64×64 grid of the domain)',
    of: (c) => share(c.health, 'deadOnPlane', isRelu),
  },
  inactive: {
    doc: 'share of hidden units inactive on every training point (dead ReLU, leaky/ELU units below 0, saturated sigmoid/tanh)',
    of: (c) => share(c.health, 'deadOnData'),
  },
  activationRate: {
    doc: 'mean over hidden units of the share of training points that switch the unit on',
    of: (c) => {
      const rates = c.health.layers.flatMap((L) => L.activationRate);
      return rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : null;
    },
  },
  trainLoss: { doc: 'training loss at the end', of: (c) => c.metrics.trainLoss },
  testLoss: { doc: 'test loss at the end', of: (c) => c.metrics.testLoss },
  trainAccuracy: { doc: 'training accuracy at the end (null for regression)', of: (c) => c.metrics.trainAccuracy },
  testAccuracy: { doc: 'test accuracy at the end (null for regression)', of: (c) => c.metrics.testAccuracy },
  epochsToAccuracy: {
    doc: 'first epoch whose test accuracy reaches spec.accuracyTarget (null: not within the epochs)',
    of: (c) => c.reached,
  },
  constantMap: {
    doc: '1 when the output is one constant over a spec.grid² grid of the domain (at init when epochs is 0), else 0',
    of: ({ net, task }) => {
      const e = task.dataset.extent;
      const map = net.decisionMap({ width: task.grid, height: task.grid, domain: [-e, e, -e, e] });
      return map.every((v) => v === map[0]) ? 1 : 0;
    },
  },
  gradientRatio: {
    doc: "log10 of the first hidden layer's gradient norm over the last hidden layer's (last epoch; null without one)",
    of: ({ health }) => {
      const g = health.layers.map((L) => L.gradientNorm);
      if (g.length < 1 || !(g[0] > 0) || !(g.at(-1) > 0)) return null;
      return Math.log10(g[0] / g.at(-1));
    },
  },
  regions: {
    doc: `gate regions (linear regions for ReLU-family and linear nets) visible on a ${REGION_GRID}×${REGION_GRID} grid of the domain: a lower bound`,
    of: ({ net, task }) => {
      const e = task.dataset.extent;
      return net.regions({ width: REGION_GRID, height: REGION_GRID, domain: [-e, e, -e, e] }).count;
    },
  },
  diverged: {
    doc: '1 when the run diverged (a non-finite loss rolled an epoch back), else 0',
    of: (c) => (c.metrics.diverged ? 1 : 0),
  },
});

/** The metric names, in table order. */
export const METRIC_NAMES = Object.freeze(Object.keys(METRICS));

/**
 * Train one phase: `epochs` epochs with `train`, epoch by epoch when the accuracy target is
 * watched or ReDo runs every k epochs (the same bits as one net.train call), else in one call.
 */
function trainPhase(net, data, train, epochs, task, state) {
  if (epochs === 0) return state.metrics;
  const stepwise = task.measure.includes('epochsToAccuracy') || task.reviveEvery > 0;
  if (!stepwise) return net.train(data, { ...train, epochs });
  let m = state.metrics;
  for (let e = 0; e < epochs && !m.diverged; ++e) {
    m = net.trainEpoch(data, train);
    if (state.reached === null && m.testAccuracy !== null && m.testAccuracy >= task.accuracyTarget)
      state.reached = m.epoch;
    if (task.reviveEvery > 0 && m.epoch % task.reviveEvery === 0) net.revive(data);
  }
  return m;
}

/**
 * One run: { metrics: { name: number|null }, units, epoch, diverged }. lab: a loaded Lab; task:
 * { dataset, network, train, epochs, then, reviveEvery, accuracyTarget, grid, measure } with every
 * option already checked (sweep-spec.js).
 */
export function runRecord(lab, task) {
  const data = lab.dataset(task.dataset);
  let net = null;
  try {
    net = lab.network(task.network);
    const state = { metrics: net.evaluate(data), reached: null };
    if (state.metrics.testAccuracy !== null && state.metrics.testAccuracy >= task.accuracyTarget) state.reached = 0;
    state.metrics = trainPhase(net, data, task.train, task.epochs, task, state);
    if (task.then) {
      if (task.then.revive) net.revive(data);
      state.metrics = trainPhase(net, data, task.then.train, task.then.epochs, task, state);
    }
    // health is a pass over the data and the plane's grid: only when a metric reads it
    let health = null;
    const ctx = {
      net,
      data,
      get health() {
        return (health ??= net.health(data));
      },
      metrics: state.metrics,
      task,
      reached: state.reached,
    };
    const metrics = {};
    for (const name of task.measure) {
      const v = METRICS[name].of(ctx);
      metrics[name] = v === null || v === undefined || !Number.isFinite(v) ? null : v;
    }
    return { metrics, units: net.hiddenUnits, epoch: net.epoch, diverged: !!state.metrics.diverged };
  } finally {
    net?.dispose();
    data.dispose();
  }
}
