// heap.test.mjs — the hot loops do not grow the wasm heap (issue #6): after one warm-up call
// (workspaces are sized once), 10,000 W1 minibatch steps (400 epochs of 25 batches, one
// trainEpoch call each, as a page does per frame) and 200 W2 maps (new arrays, and into one caller buffer) leave the reserved heap and the
// bytes allocated exactly where they were, in both builds.
// What this proves and what it does not: lab.memory() reports the heap's size and the bytes in
// use between calls, so a leak or a growing buffer fails here; a malloc + free inside one call
// (e.g. the binding's one output vector per decisionMap) nets to zero and is not seen.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { FLAVOURS, labOf } from './helpers.mjs';

const TRAIN = { learningRate: 0.03, batchSize: 10, optimizer: 'sgd' };
const W2 = { width: 256, height: 256, domain: [-6, 6, -6, 6] };

for (const { name, simd } of FLAVOURS) {
  test(`${name}: 10,000 W1 steps and 200 W2 maps do not grow the wasm heap`, async () => {
    const lab = await labOf(simd);
    const data = lab.dataset({ name: 'spiral', samples: 500, noise: 0, trainFraction: 0.5, seed: 1 });
    const net = lab.network({ hidden: [8, 8, 8], activation: 'relu', seed: 1 });
    try {
      net.trainEpoch(data, TRAIN);
      net.decisionMap(W2);
      const before = lab.memory();

      const epochs = 10000 / (data.trainSize / TRAIN.batchSize);
      assert.equal(epochs, 400);
      for (let e = 0; e < epochs; ++e) net.trainEpoch(data, TRAIN);
      const afterTrain = lab.memory();
      assert.equal(net.epoch, epochs + 1);

      const out = new Float32Array(W2.width * W2.height);
      for (let i = 0; i < 200; ++i) (net.decisionMap(W2), net.decisionMap(W2, out));
      const afterMaps = lab.memory();

      assert.deepEqual(afterTrain, before, 'wasm heap after 10,000 training steps');
      assert.deepEqual(afterMaps, before, 'wasm heap after 200 decision maps');
    } finally {
      net.dispose();
      data.dispose();
    }
  });
}
