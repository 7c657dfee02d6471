// sweep.test.mjs — lab.sweep: the records are the same bits for 1 and 3 workers and equal a run
// of the same set-up through the facade in this thread; progress streams every record; a cancel
// terminates every worker and leaves no live object; summaries follow their definitions; bad
// specs are TypeErrors/RangeErrors naming the field (the full matrix is in bad-input-matrix).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'relu-lab';

const lab = await load();
const TF = { init: 'uniform', initScale: 0.5, biasInit: 0.1, output: 'tanh' };
const SPEC = {
  dataset: { name: 'circle', samples: 200 },
  network: { hidden: [8, 8], ...TF },
  epochs: 10,
  vary: [
    { field: 'train.learningRate', values: [0.03, 3] },
    { field: 'network.activation', values: ['relu', 'leaky_relu'] },
  ],
  seeds: [1, 2, 5],
  measure: [
    'deadOnData',
    'deadOnPlane',
    'inactive',
    'testAccuracy',
    'trainLoss',
    'gradientRatio',
    'constantMap',
    'regions',
  ],
};

test('the records are identical with 1 and 3 workers, in cell-major, seed-minor order', async () => {
  const one = await lab.sweep(SPEC, { workers: 1 });
  const three = await lab.sweep(SPEC, { workers: 3 });
  assert.equal(one.workers, 1);
  assert.equal(three.workers, 3);
  assert.equal(one.records.length, 2 * 2 * 3);
  assert.deepEqual(three.records, one.records);
  assert.deepEqual(three.cells, one.cells);
  assert.deepEqual(
    one.records.map((r) => [r.cell, r.seed]),
    [0, 1, 2, 3].flatMap((c) => SPEC.seeds.map((s) => [c, s])),
  );
  assert.equal(one.live + three.live, 0, 'the workers freed every network and dataset');
  assert.equal(lab.liveWorkers(), 0);
  // the cells are the product of the values, the first field outermost
  assert.deepEqual(
    one.cells.map((c) => c.labels),
    [
      { 'train.learningRate': '0.03', 'network.activation': 'relu' },
      { 'train.learningRate': '0.03', 'network.activation': 'leaky_relu' },
      { 'train.learningRate': '3', 'network.activation': 'relu' },
      { 'train.learningRate': '3', 'network.activation': 'leaky_relu' },
    ],
  );
});

test('a record equals the same run through the facade in this thread', async () => {
  const r = await lab.sweep(SPEC, { workers: 2 });
  const rec = r.records.find((x) => x.cell === 2 && x.seed === 5); // lr 3, relu, seed 5
  const data = lab.dataset({ name: 'circle', samples: 200, seed: 5 });
  const net = lab.network({ hidden: [8, 8], ...TF, seed: 5 });
  const m = net.train(data, { learningRate: 3, epochs: 10 });
  const h = net.health(data);
  const count = (k) => h.layers.reduce((n, L) => n + L[k].filter(Boolean).length, 0);
  assert.equal(rec.metrics.deadOnData, count('deadOnData') / h.totalUnits);
  assert.equal(rec.metrics.deadOnPlane, count('deadOnPlane') / h.totalUnits);
  assert.equal(rec.metrics.testAccuracy, m.testAccuracy);
  assert.equal(rec.metrics.trainLoss, m.trainLoss);
  assert.equal(rec.metrics.gradientRatio, Math.log10(h.layers[0].gradientNorm / h.layers[1].gradientNorm));
  const e = data.extent;
  assert.equal(rec.metrics.regions, net.regions({ width: 128, height: 128, domain: [-e, e, -e, e] }).count);
  assert.ok(rec.metrics.regions > 1, 'a trained 2-8-8-1 relu net draws more than one region');
  assert.equal(rec.units, 16);
  assert.equal(rec.epoch, 10);
  net.dispose();
  data.dispose();
  // leaky units are never "dead" (their output is not 0), but can be inactive
  for (const x of r.records.filter((x) => x.cell % 2 === 1)) assert.equal(x.metrics.deadOnData, 0);
});

test('ReDo phases and epochs to a target accuracy follow the facade step by step', async () => {
  const spec = {
    dataset: { name: 'circle', samples: 200 },
    network: { hidden: [8, 8], ...TF },
    train: { learningRate: 3 },
    epochs: 20,
    then: { train: { learningRate: 0.03 }, epochs: 30, revive: true },
    seeds: [2],
    measure: ['deadOnData', 'testAccuracy', 'epochsToAccuracy'],
    accuracyTarget: 0.6,
  };
  const [rec] = (await lab.sweep(spec, { workers: 1 })).records;
  const data = lab.dataset({ name: 'circle', samples: 200, seed: 2 });
  const net = lab.network({ hidden: [8, 8], ...TF, seed: 2 });
  let reached = net.evaluate(data).testAccuracy >= 0.6 ? 0 : null; // at initialisation: epoch 0
  let m;
  for (let e = 0; e < 50; ++e) {
    if (e === 20) net.revive(data);
    m = net.trainEpoch(data, { learningRate: e < 20 ? 3 : 0.03 });
    if (reached === null && m.testAccuracy >= 0.6) reached = m.epoch;
  }
  const h = net.health(data);
  assert.equal(rec.metrics.testAccuracy, m.testAccuracy);
  assert.equal(rec.metrics.deadOnData, h.deadUnits / h.totalUnits);
  assert.equal(rec.metrics.epochsToAccuracy, reached);
  assert.equal(rec.epoch, 50);
  net.dispose();
  data.dispose();
});

test('onProgress streams every record once, with a count and an estimate of the time left', async () => {
  const seen = [];
  const r = await lab.sweep(SPEC, { workers: 2, onProgress: (p) => seen.push(p) });
  assert.equal(seen.length, r.records.length);
  assert.deepEqual(
    seen.map((p) => p.done),
    r.records.map((_, i) => i + 1),
  );
  assert.ok(seen.every((p) => p.total === r.records.length && p.etaMs >= 0 && p.elapsedMs >= 0));
  assert.equal(seen.at(-1).etaMs, 0);
  const key = (x) => `${x.cell}/${x.seed}`;
  assert.deepEqual(seen.map((p) => key(p.record)).sort(), r.records.map(key).sort());
  for (const p of seen)
    assert.deepEqual(
      p.record,
      r.records.find((x) => key(x) === key(p.record)),
    );
});

test('a cancel mid-sweep rejects with an AbortError, terminates every worker and leaves no live object', async () => {
  const ac = new AbortController();
  let done = 0;
  const p = lab.sweep(
    { ...SPEC, epochs: 3000, seeds: 40 },
    {
      workers: 2,
      signal: ac.signal,
      onProgress: () => {
        if (++done === 2) ac.abort();
      },
    },
  );
  await assert.rejects(p, (e) => e.name === 'AbortError');
  assert.equal(done, 2, 'no record after the cancel');
  assert.equal(lab.liveWorkers(), 0);
  assert.equal(lab.liveObjects(), 0);
  // an already aborted signal starts nothing
  await assert.rejects(lab.sweep(SPEC, { signal: AbortSignal.abort() }), (e) => e.name === 'AbortError');
  assert.equal(lab.liveWorkers(), 0);
  // and the lab still sweeps afterwards
  assert.equal((await lab.sweep({ ...SPEC, vary: undefined, seeds: 1 }, { workers: 1 })).records.length, 1);
});

test('summaries: n, missing, mean, median and quartiles (linear interpolation), min and max', async () => {
  const r = await lab.sweep(
    {
      ...SPEC,
      vary: undefined,
      seeds: 7,
      epochs: 40,
      measure: ['testAccuracy', 'epochsToAccuracy'],
      accuracyTarget: 0.999,
    },
    { workers: 2 },
  );
  const xs = r.records.map((x) => x.metrics.testAccuracy).sort((a, b) => a - b);
  const s = r.cells[0].summary.testAccuracy;
  assert.equal(s.n, 7);
  assert.equal(s.missing, 0);
  assert.equal(s.median, xs[3]); // odd count: the middle value
  assert.equal(s.q1, xs[1] + (xs[2] - xs[1]) * 0.5); // (7 − 1) · ¼ = 1.5
  assert.equal(s.q3, xs[4] + (xs[5] - xs[4]) * 0.5);
  assert.equal(s.min, xs[0]);
  assert.equal(s.max, xs[6]);
  assert.ok(Math.abs(s.mean - xs.reduce((a, b) => a + b, 0) / 7) < 1e-15);
  const e = r.cells[0].summary.epochsToAccuracy;
  const never = r.records.filter((x) => x.metrics.epochsToAccuracy === null).length;
  assert.equal(e.missing, never);
  assert.equal(e.n, 7 - never);
});

test('bad specs and options throw at the call, naming the field, before any worker starts', () => {
  const bad = [
    [{ ...SPEC, seeds: 0 }, RangeError, 'spec.seeds'],
    [{ ...SPEC, seeds: [1, 1] }, RangeError, 'spec.seeds'],
    [{ ...SPEC, seeds: undefined }, TypeError, 'spec.seeds'],
    [{ ...SPEC, measure: ['bogus'] }, RangeError, 'spec.measure[0]'],
    [{ ...SPEC, measure: [] }, RangeError, 'spec.measure'],
    [{ ...SPEC, vary: { field: 'train.learningRate', values: [0.1, -1] } }, RangeError, 'spec.vary.values[1]'],
    [{ ...SPEC, vary: { field: 'train.bogus', values: [1] } }, RangeError, 'spec.vary.field'],
    [{ ...SPEC, vary: { field: 'network.seed', values: [1] } }, RangeError, 'spec.vary.field'],
    [{ ...SPEC, vary: [SPEC.vary[0], SPEC.vary[1], SPEC.vary[0]] }, RangeError, 'spec.vary'],
    [
      { ...SPEC, vary: { field: 'setup', values: [{ network: { hidden: [99] } }] } },
      RangeError,
      'spec.vary.values[0].network.hidden[0]',
    ],
    [{ ...SPEC, network: { hidden: [8], bogus: 1 } }, TypeError, 'spec.network.bogus'],
    [{ ...SPEC, dataset: { seed: 3 } }, TypeError, 'spec.dataset.seed'],
    [{ ...SPEC, train: { epochs: 3 } }, TypeError, 'spec.train.epochs'],
    [{ ...SPEC, epochs: -1 }, RangeError, 'spec.epochs'],
    [{ ...SPEC, then: { epochs: 1e9 } }, RangeError, 'spec.then.epochs'],
    [{ ...SPEC, accuracyTarget: 2 }, RangeError, 'spec.accuracyTarget'],
    [{ ...SPEC, bogus: 1 }, TypeError, 'spec.bogus'],
    [
      {
        ...SPEC,
        seeds: 1000,
        vary: [
          { field: 'epochs', values: Array(64).fill(1) },
          { field: 'train.learningRate', values: Array(2).fill(1) },
        ],
      },
      RangeError,
      'at most 100000 runs',
    ],
    [null, TypeError, 'spec'],
  ];
  for (const [spec, Kind, name] of bad) {
    assert.throws(
      () => lab.sweep(spec),
      (e) => e instanceof Kind && e.message.includes(name),
      `${name}`,
    );
  }
  assert.throws(
    () => lab.sweep(SPEC, { workers: 0 }),
    (e) => e instanceof RangeError && /workers/.test(e.message),
  );
  assert.throws(
    () => lab.sweep(SPEC, { onProgress: 1 }),
    (e) => e instanceof TypeError && /onProgress/.test(e.message),
  );
  assert.throws(
    () => lab.sweep(SPEC, { signal: {} }),
    (e) => e instanceof TypeError && /signal/.test(e.message),
  );
  assert.throws(
    () => lab.sweep(SPEC, { bogus: 1 }),
    (e) => e instanceof TypeError && /bogus/.test(e.message),
  );
  assert.equal(lab.liveWorkers(), 0);
});

test('runSweep (no lab in this thread, as the page uses it) gives the records of lab.sweep', async () => {
  const { runSweep } = await import('relu-lab');
  const spec = { ...SPEC, vary: SPEC.vary[0], seeds: [3, 4] };
  const a = await runSweep(spec, { workers: 2, simd: lab.simd });
  const b = await lab.sweep(spec, { workers: 1 });
  assert.deepEqual(a.records, b.records);
  assert.throws(
    () => runSweep({ ...spec, seeds: -1 }),
    (e) => e instanceof RangeError && /spec\.seeds/.test(e.message),
  );
  assert.throws(
    () => runSweep(spec, { simd: 'yes' }),
    (e) => e instanceof TypeError && /simd/.test(e.message),
  );
  assert.equal(lab.liveWorkers(), 0);
});

// ---- options.worker (a bundled app names the entry its bundler emitted) ----
test('options.worker: a URL, a path and a factory of the sweep-worker export give the default records', async () => {
  const { Worker } = await import('node:worker_threads');
  const { fileURLToPath } = await import('node:url');
  const url = new URL(import.meta.resolve('relu-lab/sweep-worker'));
  const spec = { ...SPEC, vary: SPEC.vary[0], seeds: [1, 2] };
  const base = await lab.sweep(spec, { workers: 2 });
  let made = 0;
  const factory = () => (++made, new Worker(url));
  for (const worker of [url, url.href, fileURLToPath(url), factory]) {
    const r = await lab.sweep(spec, { workers: 2, worker });
    assert.deepEqual(r.records, base.records, `worker ${typeof worker}`);
    assert.equal(r.live, 0);
  }
  assert.equal(made, 2, 'the factory made one worker per pool slot');
  assert.equal(lab.liveWorkers(), 0);
  // the option is what runs: an entry that does not exist rejects, a factory of a non-worker throws
  await assert.rejects(lab.sweep(spec, { workers: 1, worker: new URL('./no-such-worker.js', url) }));
  await assert.rejects(lab.sweep(spec, { workers: 1, worker: () => ({}) }), /options\.worker\(\) must return a Worker/);
  assert.equal(lab.liveWorkers(), 0);
});
