// flavours.test.mjs — the SIMD and the scalar build train the same weights, report the same
// losses and health, and predict the same values, bit for bit: their kernels do the same float
// operations in the same order.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { ACTIVATIONS } from 'relu-lab';
import { gridPoints, labOf, maxDiff } from './helpers.mjs';

let simd, scalar;
before(async () => ([simd, scalar] = await Promise.all([labOf(true), labOf(false)])));

// Train 2-8-8-8-1 on the spiral (the W1 setup) and return its metrics, health, grid predictions
// and model.
function trained(lab, activation) {
  const data = lab.dataset({ name: 'spiral', samples: 500, seed: 1 });
  const net = lab.network({ hidden: [8, 8, 8], activation, seed: 1 });
  const metrics = net.train(data, { epochs: 100, learningRate: 0.03, batchSize: 10 });
  const out = { metrics, health: net.health(data), p: net.predict(gridPoints(64)), model: net.toJSON() };
  net.dispose();
  data.dispose();
  return out;
}

for (const activation of ACTIVATIONS) {
  test(`${activation}: a net trained in one build predicts the same in the other`, () => {
    const a = trained(simd, activation);
    const net = scalar.network(a.model);
    const { worst, at } = maxDiff(a.p, net.predict(gridPoints(64)));
    net.dispose();
    assert.equal(worst, 0, `max |simd − scalar| = ${worst} at point ${at}`);
  });

  test(`${activation}: training in each build gives the same weights, metrics, health and predictions`, () => {
    const a = trained(simd, activation),
      b = trained(scalar, activation);
    assert.deepEqual(a.model, b.model);
    assert.deepEqual(a.metrics, b.metrics); // losses and accuracies
    assert.deepEqual(a.health, b.health); // gradient norms, rates, histograms, …
    const { worst, at } = maxDiff(a.p, b.p);
    assert.equal(worst, 0, `max |simd − scalar| = ${worst} at point ${at}`);
  });
}
