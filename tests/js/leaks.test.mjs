// leaks.test.mjs — 10,000 create → train one epoch → dispose cycles leave nothing behind: the
// live-object count returns to zero and the wasm heap grows by less than 1 MB.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { load } from 'relu-lab';
import { Run } from 'relu-lab/history'; // time travel
import { FLAVOURS } from './helpers.mjs';

const CYCLES = 10000;
const WARM_UP = 100; // the first cycles may grow caches (allocator bins, iostream locale)

// The cycles rotate through kinds of network and data so that every kind of buffer is made.
const KINDS = [
  { data: { name: 'xor', samples: 60 }, net: { hidden: [8, 8] }, train: {} },
  { data: { name: 'spiral', samples: 60 }, net: { hidden: [8, 8, 8], batchNorm: true }, train: { optimizer: 'adam' } },
  {
    data: { name: 'blobs_k', classes: 3, samples: 60 },
    net: { hidden: [6], output: 'softmax', classes: 3, activation: 'prelu' },
    train: { optimizer: 'momentum', regularization: 'l2', regularizationRate: 0.01 },
  },
  {
    data: { name: 'regress_plane', samples: 60 },
    net: { hidden: [4, 4], output: 'linear', activation: 'tanh' },
    train: { batchSize: 32, regularization: 'l1', regularizationRate: 0.001 },
  },
];

for (const { name, simd } of FLAVOURS)
  test(`${CYCLES} create → train one epoch → dispose cycles leak nothing (${name})`, async () => {
    const lab = await load({ simd });
    const cycle = (i) => {
      const kind = KINDS[i % KINDS.length];
      const data = lab.dataset({ ...kind.data, seed: i });
      const net = lab.network({ ...kind.net, seed: i });
      const m = net.trainEpoch(data, kind.train);
      assert.ok(Number.isFinite(m.trainLoss), `cycle ${i}: loss ${m.trainLoss}`);
      // net.toCode (export as PyTorch / NumPy code): toJSON and toCSV inside, every tenth cycle
      if (i % 10 === 0) {
        const code = net.toCode(i % 20 ? 'numpy' : 'pytorch', { data, train: kind.train });
        assert.ok(code.includes('def predict('), `cycle ${i}: toCode wrote no predict`);
      }
      // regions and traces (issue 15): their workspaces and copies are freed with the call
      assert.ok(net.regions({ width: 16, height: 12, gates: i % 2 === 0 }).count >= 1);
      assert.ok(Number.isFinite(net.trace({ x: 0.5, y: -1, label: i % 2 }).output.loss));
      net.dispose();
      data.dispose();
    };
    for (let i = 0; i < WARM_UP; ++i) cycle(i);
    assert.equal(lab.liveObjects(), 0);
    const before = lab.memory();
    const t0 = performance.now();
    for (let i = WARM_UP; i < WARM_UP + CYCLES; ++i) cycle(i);
    const ms = performance.now() - t0;
    const after = lab.memory();
    const used = after.usedBytes - before.usedBytes,
      heap = after.heapBytes - before.heapBytes;
    console.log(
      `leaks (${name}): ${CYCLES} cycles in ${(ms / 1000).toFixed(1)} s; live objects ${lab.liveObjects()};` +
        ` engine allocations ${before.usedBytes} → ${after.usedBytes} bytes (${used >= 0 ? '+' : ''}${used});` +
        ` wasm heap ${before.heapBytes} → ${after.heapBytes} bytes (+${heap})`,
    );
    assert.equal(lab.liveObjects(), 0);
    assert.ok(used < 1 << 20, `engine allocations grew by ${used} bytes`);
    assert.ok(heap < 1 << 20, `the wasm heap grew by ${heap} bytes`);
    assert.equal(used, 0, 'every byte allocated in a cycle is freed by its dispose()');
  });

// ---- time travel: clone, trainSteps, and a Run's snapshots, seeks and branches ----

const TT_CYCLES = 2000;
for (const { name, simd } of FLAVOURS)
  test(`${TT_CYCLES} trainSteps → clone → seek → branch → dispose cycles leak nothing (${name})`, async () => {
    const lab = await load({ simd });
    const cycle = (i) => {
      const kind = KINDS[i % KINDS.length];
      const data = lab.dataset({ ...kind.data, seed: i });
      const net = lab.network({ ...kind.net, seed: i });
      net.trainSteps(data, 3 + (i % 5), kind.train);
      const twin = net.clone();
      twin.trainSteps(data, 4, kind.train);
      twin.dispose();
      net.dispose();
      data.dispose();
      if (i % 20 === 0) {
        const run = new Run(lab, { data: kind.data, network: kind.net, train: kind.train }, { recent: 2 });
        for (let e = 0; e < 6; ++e) run.trainEpoch();
        run.setBias(0, 0, 0.5);
        const s = run.seek(run.clockOfEpoch(3));
        s.net.dispose();
        s.data.dispose();
        const h = run.health(); // diedAtStep: the walks through a seek each
        h.layers.forEach((L, l) => L.deadOnData.forEach((d, u) => d && run.deathCertificate(l, u)));
        const imported = new Run(lab, { data: kind.data, network: run.net.toJSON(), train: kind.train });
        imported.trainEpoch();
        imported.dispose();
        const b = run.branch(run.clockOfEpoch(2));
        b.trainSteps(5);
        run.dispose();
        b.dispose();
      }
    };
    for (let i = 0; i < WARM_UP; ++i) cycle(i);
    assert.equal(lab.liveObjects(), 0);
    const before = lab.memory();
    for (let i = WARM_UP; i < WARM_UP + TT_CYCLES; ++i) cycle(i);
    const after = lab.memory();
    const used = after.usedBytes - before.usedBytes;
    console.log(`leaks, time travel (${name}): live objects ${lab.liveObjects()}; engine allocations +${used} bytes`);
    assert.equal(lab.liveObjects(), 0);
    assert.equal(used, 0, 'every byte a clone, a Run or a seek allocates is freed');
  });
// ---- sweeps (lab.sweep, issue 16) ----
// Twenty sweeps, every other one cancelled after its first record: every worker is gone after
// each, the workers reported no live object, and the caller's lab (which checks each cell once
// before the workers start) holds nothing and did not grow.
test('20 sweeps, half of them cancelled, leave no worker and no live object', async () => {
  const lab = await load();
  const spec = { dataset: { samples: 60 }, network: { hidden: [4] }, epochs: 200, seeds: 6, measure: ['testLoss'] };
  await lab.sweep({ ...spec, seeds: 1 }, { workers: 1 }); // warm-up
  const before = lab.memory().usedBytes;
  for (let i = 0; i < 20; ++i) {
    const ac = new AbortController();
    const p = lab.sweep(spec, { workers: 2, signal: ac.signal, onProgress: () => i % 2 && ac.abort() });
    if (i % 2) await assert.rejects(p, (e) => e.name === 'AbortError');
    else assert.equal((await p).live, 0);
    assert.equal(lab.liveWorkers(), 0, `sweep ${i}: a worker is still running`);
    assert.equal(lab.liveObjects(), 0, `sweep ${i}: live objects`);
  }
  assert.equal(lab.memory().usedBytes - before, 0, 'the caller lab allocated nothing it kept');
});

// options.worker (a bundled app's entry, here a factory of worker_threads Workers): the same.
test('10 sweeps on workers made by options.worker, half cancelled, leave no worker and no live object', async () => {
  const { Worker } = await import('node:worker_threads');
  const url = new URL(import.meta.resolve('relu-lab/sweep-worker'));
  const lab = await load();
  const spec = { dataset: { samples: 60 }, network: { hidden: [4] }, epochs: 200, seeds: 4, measure: ['testLoss'] };
  let made = 0;
  for (let i = 0; i < 10; ++i) {
    const ac = new AbortController();
    const worker = () => (++made, new Worker(url));
    const p = lab.sweep(spec, { workers: 2, worker, signal: ac.signal, onProgress: () => i % 2 && ac.abort() });
    if (i % 2) await assert.rejects(p, (e) => e.name === 'AbortError');
    else assert.equal((await p).live, 0);
    assert.equal(lab.liveWorkers(), 0, `sweep ${i}: a worker is still running`);
    assert.equal(lab.liveObjects(), 0, `sweep ${i}: live objects`);
  }
  assert.equal(made, 20, "every sweep ran on the factory's workers");
});
// ---- end sweeps ----
