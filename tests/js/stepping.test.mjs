// stepping.test.mjs — net.trainSteps and net.clone through the npm API, in both builds: steps
// add up to trainEpoch to the bit (SGD, momentum, Adam, batch norm), a clone goes on exactly as
// its original, and each is independent of the other.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parameterHash } from 'relu-lab/history';
import { FLAVOURS, labOf } from './helpers.mjs';

const SETUPS = [
  { name: 'sgd', net: { hidden: [8, 6] }, train: { learningRate: 0.3, batchSize: 9 } },
  { name: 'momentum', net: { hidden: [8, 6] }, train: { optimizer: 'momentum', learningRate: 0.1, batchSize: 9 } },
  { name: 'adam', net: { hidden: [8, 6] }, train: { optimizer: 'adam', learningRate: 0.01, batchSize: 9 } },
  {
    name: 'adam with batch norm',
    net: { hidden: [8, 6], batchNorm: true },
    train: { optimizer: 'adam', learningRate: 0.01, batchSize: 9 },
  },
];

// What later training or a learner can read back: the parameters' bits, health (died-at
// epochs, gradient norms, histograms) and both sets' metrics.
function state(net, data) {
  const h = net.health(data);
  return {
    hash: parameterHash(net),
    epoch: net.epoch,
    step: net.step,
    stepsTaken: net.stepsTaken,
    metrics: net.evaluate(data),
    health: h.layers.map((l) => ({ died: l.diedAtEpoch, norm: l.gradientNorm, histogram: Array.from(l.histogram) })),
  };
}

for (const { name, simd } of FLAVOURS) {
  test(`k steps then m steps equal one trainEpoch, metrics included (${name})`, async () => {
    const lab = await labOf(simd);
    const data = lab.dataset({ name: 'spiral', samples: 200, noise: 0.1, seed: 3 });
    for (const s of SETUPS) {
      const whole = lab.network({ ...s.net, seed: 4 });
      const stepped = lab.network({ ...s.net, seed: 4 });
      const per = Math.ceil(data.trainSize / s.train.batchSize);
      for (let e = 0; e < 3; ++e) {
        const k = [5, 0, per][e];
        const a = whole.trainEpoch(data, s.train);
        const r1 = stepped.trainSteps(data, k, s.train);
        assert.equal(r1.steps, k);
        assert.equal(r1.stepsPerEpoch, per);
        const r2 = stepped.trainSteps(data, per - k, s.train);
        const b = (k === per ? r1 : r2).metrics;
        assert.deepEqual(b, a, `${s.name}, epoch ${e + 1}: metrics`);
        assert.deepEqual(state(stepped, data), state(whole, data), `${s.name}, epoch ${e + 1}`);
      }
      whole.dispose();
      stepped.dispose();
    }
    data.dispose();
  });

  test(`a clone taken mid-epoch trains to the same bits as its original (${name})`, async () => {
    const lab = await labOf(simd);
    const data = lab.dataset({ name: 'circle', samples: 150, noise: 0.1, seed: 5 });
    for (const s of SETUPS) {
      const net = lab.network({ ...s.net, seed: 6 });
      net.train(data, { ...s.train, epochs: 2 });
      net.trainSteps(data, 3, s.train);
      const twin = net.clone();
      assert.deepEqual(state(twin, data), state(net, data), `${s.name}: at the clone`);
      for (const t of [net, twin]) {
        t.trainSteps(data, 40, s.train);
        t.trainEpoch(data, s.train);
      }
      assert.deepEqual(state(twin, data), state(net, data), `${s.name}: after training both`);
      // independent: a change to one leaves the other
      const before = parameterHash(twin),
        epoch = twin.epoch;
      net.setBias(0, 0, 3);
      net.trainEpoch(data, s.train);
      assert.equal(parameterHash(twin), before, `${s.name}: the clone moved with its original`);
      net.dispose();
      assert.equal(twin.epoch, epoch);
      twin.dispose();
    }
    data.dispose();
  });

  test(`trainSteps reports the epoch, the step and the clock (${name})`, async () => {
    const lab = await labOf(simd);
    const data = lab.dataset({ name: 'xor', samples: 100, seed: 1 });
    const net = lab.network({ hidden: [4], seed: 1 });
    const per = Math.ceil(data.trainSize / 10);
    assert.ok(per < 12 && 12 % per !== 0, `${per} steps an epoch: the test wants 12 to end inside one`);
    const r = net.trainSteps(data, 12, { batchSize: 10 });
    assert.deepEqual(
      { ...r, metrics: r.metrics && r.metrics.epoch },
      {
        steps: 12,
        epoch: Math.floor(12 / per),
        step: 12 % per,
        stepsPerEpoch: per,
        stepsLeft: per - (12 % per),
        metrics: Math.floor(12 / per),
      },
    );
    assert.equal(net.step, 12 % per);
    assert.equal(net.stepsTaken, 12);
    assert.equal(net.trainSteps(data, 0).steps, 0);
    net.dispose();
    data.dispose();
  });
}
