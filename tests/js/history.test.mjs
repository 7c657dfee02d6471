// history.test.mjs — a run is its set-up plus a log (relu-lab/history): replaying the log from
// scratch gives the same bits, metrics and health as the live run; seeking to a past moment
// gives that moment's state; a branch goes on from there and replays too; a bad log is refused
// field by field; snapshots stay within their budget over 10,000 epochs.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { buildSite } from '../../scripts/build-site.mjs';

import { MAX_LOG, Run, compactLog, expandLog, parameterHash } from 'relu-lab/history';
import { FLAVOURS, labOf } from './helpers.mjs';

const SETUP = {
  data: { name: 'spiral', samples: 200, noise: 0.1, seed: 2 },
  network: { hidden: [8, { units: 8, activation: 'leaky_relu' }], seed: 3 },
  train: { learningRate: 0.1, batchSize: 10 },
};

function state(net, data) {
  const h = net.health(data);
  return {
    hash: parameterHash(net),
    epoch: net.epoch,
    step: net.step,
    clock: net.stepsTaken,
    metrics: net.evaluate(data),
    points: [data.trainSize, data.testSize],
    health: h.layers.map((l) => ({ died: l.diedAtEpoch, norm: l.gradientNorm, hist: Array.from(l.histogram) })),
  };
}

// Every kind of intervention, some between epochs and some mid-epoch; the live state after each
// epoch (and after the interventions made at its clock) by clock.
function liveRun(lab) {
  const run = new Run(lab, SETUP, { recent: 4 });
  const live = new Map();
  const acts = {
    3: () => run.setTrain('learningRate', 3),
    6: () => (run.setTrain('learningRate', 0.05), run.setTrain('optimizer', 'adam')),
    8: () => (run.trainSteps(7), run.setBias(0, 1, -2), run.setWeight(1, 0, 2, 0.5)),
    10: () => (run.addPoint(1, 1, 1), run.removePoint(0), run.relabel(3, 0, 'test')),
    12: () => (run.trainSteps(4), run.setTrain('batchSize', 7), run.trainSteps(3)),
    14: () => (run.revive(), run.reviveUnits([{ layer: 0, unit: 2 }])),
    16: () => (run.setReluGradAtZero(1), run.setAlpha(1, 0.2)),
    18: () => (run.trainSteps(2), run.removeNear(0, 0, 3), run.addPoint(-1, 2, 0)),
  };
  for (let e = 0; e < 24; ++e) {
    run.trainEpoch();
    acts[e]?.();
    live.set(run.clock, state(run.net, run.data));
  }
  return { run, live };
}

for (const { name, simd } of FLAVOURS) {
  test(`a run replayed from its set-up and log has the live run's bits, metrics and health (${name})`, async () => {
    const lab = await labOf(simd);
    const { run, live } = liveRun(lab);
    const kinds = new Set(run.log.map((e) => e.kind));
    assert.equal(kinds.size, 11, `kinds logged: ${[...kinds]}`);
    const json = JSON.parse(JSON.stringify(run.toJSON())); // as a link or a file would carry it
    const replay = Run.replay(lab, json);
    assert.deepEqual(state(replay.net, replay.data), state(run.net, run.data));
    const plain = (ms) => ms.map(({ replayed, ...m }) => m); // eslint-disable-line no-unused-vars
    assert.deepEqual(plain(replay.metrics), plain(run.metrics), 'every epoch metrics');
    assert.deepEqual(replay.log, run.log);
    // a link's compact log replays to the same bits too
    const compact = compactLog(run.log);
    const viaLink = Run.replay(lab, { ...json, log: expandLog(compact) });
    assert.equal(parameterHash(viaLink.net), parameterHash(run.net));
    assert.ok(compact.length < JSON.stringify(run.log).length, 'compact is shorter');
    viaLink.dispose();
    replay.dispose();
    run.dispose();
  });

  test(`seeking to a past clock gives the live state at it, and the live run is untouched (${name})`, async () => {
    const lab = await labOf(simd);
    const { run, live } = liveRun(lab);
    const now = state(run.net, run.data);
    assert.ok(run.snapshots.list.length < live.size, 'older snapshots were thinned out');
    for (const [clock, want] of live) {
      const s = run.seek(clock);
      assert.deepEqual(state(s.net, s.data), want, `clock ${clock}`);
      s.net.dispose();
      s.data.dispose();
    }
    assert.deepEqual(state(run.net, run.data), now);
    run.dispose();
  });

  test(`a branch goes on from a past moment, replays to its own bits, and leaves its parent (${name})`, async () => {
    const lab = await labOf(simd);
    const { run, live } = liveRun(lab);
    const now = state(run.net, run.data);
    const at = [...live.keys()][9]; // after epoch 10's point edits
    const branch = run.branch(at);
    assert.equal(branch.clock, at);
    branch.setTrain('learningRate', 0.01);
    for (let e = 0; e < 5; ++e) branch.trainEpoch();
    const replay = Run.replay(lab, JSON.parse(JSON.stringify(branch.toJSON())));
    assert.deepEqual(state(replay.net, replay.data), state(branch.net, branch.data));
    assert.notEqual(parameterHash(branch.net), now.hash);
    run.dispose(); // the branch keeps the snapshots it shares
    const s = branch.seek(at);
    assert.deepEqual(state(s.net, s.data), live.get(at));
    (s.net.dispose(), s.data.dispose());
    branch.dispose();
    replay.dispose();
  });
}

test('a run can start from points given as CSV, and replays from them', async () => {
  const lab = await labOf(true);
  const source = lab.dataset({ name: 'xor', samples: 80, seed: 9 });
  source.add(0.5, 0.5, 1);
  const run = new Run(lab, { data: { csv: source.toCSV() }, network: { hidden: [4], seed: 2 } });
  assert.equal(run.data.trainSize, source.trainSize);
  run.trainEpoch();
  run.relabel(0, 1);
  run.trainSteps(3);
  const replay = Run.replay(lab, JSON.parse(JSON.stringify(run.toJSON())));
  assert.equal(parameterHash(replay.net), parameterHash(run.net));
  [run, replay, source].forEach((x) => x.dispose());
});

test('a bad log is refused field by field, before anything is trained', async () => {
  const lab = await labOf(true);
  const ok = { format: 1, setup: SETUP, log: [{ at: 0, kind: 'bias', layer: 0, unit: 0, value: 1 }], clock: 10 };
  const live = lab.liveObjects();
  const cases = [
    [{ ...ok, format: 2 }, RangeError, 'format'],
    [{ ...ok, log: 'x' }, TypeError, 'log'],
    [{ ...ok, log: Array(MAX_LOG + 1).fill(ok.log[0]) }, RangeError, 'log'],
    [{ ...ok, clock: -1 }, RangeError, 'clock'],
    [{ ...ok, log: [{ ...ok.log[0], kind: 'explode' }] }, RangeError, 'log[0].kind'],
    [{ ...ok, log: [{ ...ok.log[0], at: 1.5 }] }, RangeError, 'log[0].at'],
    [{ ...ok, log: [{ ...ok.log[0], at: 11 }] }, RangeError, 'log[0].at'],
    [{ ...ok, log: [{ ...ok.log[0], value: '1' }] }, TypeError, 'log[0].value'],
    [{ ...ok, log: [{ ...ok.log[0], value: NaN }] }, RangeError, 'log[0].value'],
    [{ ...ok, log: [{ ...ok.log[0], extra: 1 }] }, TypeError, 'log[0].extra'],
    [{ ...ok, log: [ok.log[0], { ...ok.log[0], at: 5 }, { ...ok.log[0], at: 4 }] }, RangeError, 'log[2].at'],
    [{ ...ok, log: [{ at: 0, kind: 'addPoint', x: 0, y: 0, label: 0, split: 'both' }] }, RangeError, 'log[0].split'],
    [{ ...ok, log: [{ at: 0, kind: 'train', field: 'epochs', value: 3 }] }, RangeError, 'log[0].field'],
    // checked by the facade call that applies it: the unit is out of range for this network
    [{ ...ok, log: [{ ...ok.log[0], unit: 99 }] }, RangeError, 'unit'],
  ];
  for (const [json, Kind, names] of cases) {
    assert.throws(
      () => Run.replay(lab, json),
      (e) => e instanceof Kind && e.message.includes(names),
      names,
    );
    assert.equal(lab.liveObjects(), live, `${names}: objects leaked`);
  }
  for (const [text, Kind, names] of [
    ['{', RangeError, 'not JSON'],
    ['{}', TypeError, 'log'],
    ['[[0,"bias",0,0]]', RangeError, 'log[0]'],
    ['[[0,"explode",1]]', TypeError, 'log[0]'],
    ['[[-1,"bias",0,0,1]]', RangeError, 'log[0].at'],
  ])
    assert.throws(
      () => expandLog(text),
      (e) => e instanceof Kind && e.message.includes(names),
      text,
    );
  const run = Run.replay(lab, ok);
  assert.equal(run.clock, 10);
  run.dispose();
});

test('snapshots of the default net stay within their budget over 10,000 epochs', async () => {
  const lab = await labOf(true);
  const budgetBytes = 2 << 20;
  const run = new Run(lab, { data: {}, network: { hidden: [8, 8, 8] }, train: {} }, { budgetBytes });
  let most = 0;
  for (let e = 0; e < 10000; ++e) {
    run.trainEpoch();
    most = Math.max(most, run.snapshots.bytes);
  }
  const { list, bytes } = run.snapshots;
  console.log(`snapshots at epoch 10,000: ${list.length} holding ${bytes} bytes (budget ${budgetBytes}; most ${most})`);
  assert.ok(most <= budgetBytes, `${most} bytes held at some point`);
  assert.ok(
    list.every((x) => x.bytes > 0),
    'a snapshot is counted at its size',
  );
  // the set-up and now are kept, and the gaps widen with age
  const epochs = list.map((x) => x.epoch);
  assert.equal(epochs[0], 0);
  assert.equal(epochs.at(-1), 10000);
  const gap = (i) => epochs[i + 1] - epochs[i];
  assert.ok(gap(1) > 4 * gap(epochs.length - 2), `gaps ${gap(1)} (old) vs ${gap(epochs.length - 2)} (recent)`);
  run.dispose();
});

test("the site's worker can import relu-lab/history as the page lays it out", async () => {
  const out = await mkdtemp(join(tmpdir(), 'relu-lab-history-'));
  try {
    await buildSite({ out, quiet: true });
    const site = (f) => pathToFileURL(join(out, 'relu-lab', f)).href;
    const { load } = await import(site('index.js'));
    const { Run: SiteRun } = await import(site('history.js'));
    const lab = await load({ simd: true });
    const run = new SiteRun(lab, { data: { name: 'xor', samples: 40 }, network: { hidden: [3] } });
    run.trainEpoch();
    assert.equal(run.net.epoch, 1);
    run.dispose();
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test("a dead unit's certificate names the step after which it was dead on the data (brute force)", async () => {
  const lab = await labOf(true);
  const setup = { data: { name: 'circle', seed: 1 }, network: { hidden: [8, 8], seed: 1 }, train: { learningRate: 3 } };
  const run = new Run(lab, setup);
  for (let e = 0; e < 30; ++e) run.trainEpoch();
  const health = run.net.health(run.data);
  const dead = [];
  health.layers.forEach((L, l) => L.deadOnData.forEach((d, u) => d && dead.push([l, u])));
  assert.ok(dead.length > 0, 'learning rate 3 kills a unit');
  // brute force: every step from the start, the unit's liveness after it (dead on the data:
  // its largest pre-activation over the training points is ≤ 0)
  const net = lab.network(setup.network);
  const data = lab.dataset(setup.data);
  const lastDeath = new Map();
  const alive = (h) => dead.map(([l, u]) => !h.layers[l].deadOnData[u]);
  let was = alive(net.health(data));
  assert.ok(dead.length > 1, 'more than one unit dies');
  dead.forEach((k, i) => was[i] || lastDeath.set(k.join(), { clock: 0, epoch: 0, step: 0 })); // born dead
  for (let c = 1; c <= run.clock; ++c) {
    net.trainSteps(data, 1, run.train);
    const is = alive(net.health(data, { planeResolution: 2 }));
    dead.forEach((k, i) => was[i] && !is[i] && lastDeath.set(k.join(), { clock: c, epoch: net.epoch, step: net.step }));
    was = is;
  }
  const per = Math.ceil(data.trainSize / run.train.batchSize);
  // the brute force's moment as the certificate names it: the epoch in progress (from 1), its step
  const named = (w) => (w.clock === 0 ? [0, 0] : w.step === 0 ? [w.epoch, per] : [w.epoch + 1, w.step]);
  const h = run.health();
  for (const [l, u] of dead) {
    const want = lastDeath.get(`${l},${u}`);
    const got = h.layers[l].diedAt[u];
    assert.ok(got, `L${l} u${u}: health names when it died`);
    assert.deepEqual([got.clock, got.epoch, got.step], [want.clock, ...named(want)], `L${l} u${u}: health().diedAt`);
    assert.equal(h.layers[l].diedAtStep[u], named(want)[1], `L${l} u${u}: health().diedAtStep`);
  }
  for (const [l, u] of dead.filter(([l, u]) => lastDeath.get(`${l},${u}`).clock > 0).slice(0, 3)) {
    const cert = run.deathCertificate(l, u);
    const want = lastDeath.get(`${l},${u}`);
    assert.equal(cert.clock, want.clock, `L${l} u${u}: step clock`);
    assert.deepEqual([cert.epoch, cert.step], named(want));
    assert.equal(cert.histogramAfter.length, cert.histogramBefore.length);
    assert.ok(cert.openBefore > 0 && cert.biasAfter !== cert.biasBefore);
    // the open side's points, checked against the network just before the step (brute force again)
    const before = lab.network(setup.network);
    before.trainSteps(data, cert.clock - 1, run.train);
    const { x, y, label } = data.points('train');
    const open = [...x.keys()].filter((i) => before.trace({ x: x[i], y: y[i], label: label[i] }).layers[l].z[u] > 0);
    assert.deepEqual(
      cert.openPoints.map((p) => [p.x, p.y]),
      open.map((i) => [x[i], y[i]]),
    );
    assert.equal(cert.openBefore, open.length);
    before.dispose();
    assert.match(cert.sentence, new RegExp(`epoch ${cert.epoch}, step ${cert.step}.*learning rate 3`));
    console.log(`certificate L${l} u${u}: ${cert.sentence}`);
  }
  const live = health.layers.flatMap((L, l) => L.deadOnData.map((d, u) => [d, l, u])).find((x) => !x[0]);
  assert.equal(h.layers[live[1]].diedAtStep[live[2]], null, 'a live unit has no diedAtStep');
  assert.equal(
    run.deathCertificate(
      ...health.layers
        .flatMap((L, l) => L.deadOnData.map((d, u) => [d, l, u]))
        .find((x) => !x[0])
        .slice(1),
    ),
    null,
  );
  [net, data, run].forEach((x) => x.dispose());
});

test('bad input to every Run call is a TypeError or RangeError; nothing is logged or leaked', async () => {
  const lab = await labOf(true);
  const run = new Run(lab, { data: { name: 'xor', samples: 60 }, network: { hidden: [4, 3] } });
  run.trainEpoch();
  const before = { log: run.log.length, hash: parameterHash(run.net), live: lab.liveObjects() };
  const bad = [
    () => run.trainSteps(-1),
    () => run.trainSteps('3'),
    () => run.setTrain('epochs', 3),
    () => run.setTrain('learningRate', -1),
    () => run.setTrain('learningRate', '0.1'),
    () => run.setTrain('optimizer', 'bogus'),
    () => run.setWeight(0, 99, 0, 1),
    () => run.setWeight(0, 0, 0, NaN),
    () => run.setBias(5, 0, 1),
    () => run.setBias(0, 0, 1e9),
    () => run.addPoint(0, 0, 7),
    () => run.addPoint(1e9, 0, 0),
    () => run.addPoint(0, 0, 0, 'both'),
    () => run.removePoint(1e6),
    () => run.relabel(0, 1.5),
    () => run.removeNear(0, 0, -1),
    () => run.revive({ bogus: 1 }),
    () => run.reviveUnits([{ layer: 9, unit: 0 }]),
    () => run.setReluGradAtZero(0.3),
    () => run.setAlpha(0, 50),
    () => run.seek(run.clock + 1),
    () => run.seek(-1),
    () => run.branch(1.5),
    () => run.clockOfEpoch('x') ?? run.seek(null),
    () => run.deathCertificate(9, 0),
    () => run.deathCertificate(0, -1),
    () => run.health({ bogus: 1 }),
    () => run.health({ planeResolution: 0 }),
    () => new Run(lab, 'setup'),
    () => new Run(lab, { data: {}, bogus: 1 }),
    () => new Run(lab, { network: { hidden: [0] } }),
    () => new Run(lab, {}, { recent: 0 }),
    () => Run.replay(lab, null),
  ];
  for (const [i, call] of bad.entries()) {
    assert.throws(
      call,
      (e) => (e instanceof TypeError || e instanceof RangeError) && !/Aborted|unreachable/.test(e.message),
      `case ${i}: ${call}`,
    );
  }
  assert.equal(run.log.length, before.log, 'nothing refused was logged');
  assert.equal(parameterHash(run.net), before.hash);
  assert.equal(lab.liveObjects(), before.live, 'nothing leaked');
  run.trainEpoch(); // and the run still trains
  run.dispose();
});

test('a run can start from an imported model (its epoch first), and seeking in it is bit-identical', async () => {
  const lab = await labOf(true);
  const data = { name: 'spiral', samples: 120, seed: 4 };
  const before = new Run(lab, { data, network: { hidden: [6, 6], seed: 5 }, train: { learningRate: 0.3 } });
  for (let e = 0; e < 7; ++e) before.trainEpoch();
  const model = JSON.parse(JSON.stringify(before.net.toJSON())); // as a model file carries it
  const run = new Run(lab, { data, network: model, train: { learningRate: 0.3 } }, { recent: 2 });
  assert.deepEqual(run.start, { epoch: 7, clock: 0 }, 'the run begins at the model: epoch 7, clock 0');
  assert.equal(parameterHash(run.net), parameterHash(before.net));
  const live = new Map([[7, state(run.net, run.data)]]);
  for (let e = 0; e < 9; ++e) {
    run.trainEpoch();
    if (e === 4) run.setTrain('learningRate', 0.05);
    live.set(run.net.epoch, state(run.net, run.data));
  }
  assert.ok(run.snapshots.list.length < live.size, 'older snapshots were thinned out');
  for (const [epoch, want] of live) {
    const s = run.seek(run.clockOfEpoch(epoch));
    assert.deepEqual(state(s.net, s.data), want, `epoch ${epoch}`);
    (s.net.dispose(), s.data.dispose());
  }
  const replay = Run.replay(lab, JSON.parse(JSON.stringify(run.toJSON())));
  assert.equal(parameterHash(replay.net), parameterHash(run.net), 'and it replays from the model');
  [before, run, replay].forEach((x) => x.dispose());
});

test("run.health's diedAtStep is searched once and remembered (its cost printed)", async () => {
  const lab = await labOf(true);
  const run = new Run(lab, {
    data: { name: 'circle', seed: 1 },
    network: { hidden: [8, 8], seed: 1 },
    train: { learningRate: 3 },
  });
  for (let e = 0; e < 30; ++e) run.trainEpoch();
  let t = performance.now();
  const first = run.health();
  const cold = performance.now() - t;
  t = performance.now();
  const again = run.health();
  const warm = performance.now() - t;
  assert.deepEqual(
    again.layers.map((L) => L.diedAtStep),
    first.layers.map((L) => L.diedAtStep),
  );
  console.log(`run.health(): ${cold.toFixed(1)} ms the first time (the walks), ${warm.toFixed(1)} ms after`);
  run.dispose();
});
