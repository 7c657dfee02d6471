// leaks.test.mjs — 10,000 create → train one epoch → dispose cycles leave nothing behind: the
// live-object count returns to zero and the wasm heap grows by less than 1 MB.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { load } from 'relu-lab';
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
