// flavours.test.mjs — the SIMD and the scalar build give the same predictions within 1e-5.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { ACTIVATIONS } from 'relu-lab';
import { gridPoints, labOf, maxDiff } from './helpers.mjs';

const TOLERANCE = 1e-5;
let simd, scalar;
before(async () => ([simd, scalar] = await Promise.all([labOf(true), labOf(false)])));

// Train 2-8-8-8-1 on the spiral (the W1 setup) and return its grid predictions and its model.
function trained(lab, activation) {
  const data = lab.dataset({ name: 'spiral', samples: 500, seed: 1 });
  const net = lab.network({ hidden: [8, 8, 8], activation, seed: 1 });
  net.train(data, { epochs: 100, learningRate: 0.03, batchSize: 10 });
  const out = { p: net.predict(gridPoints(64)), model: net.toJSON() };
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
    assert.ok(worst <= TOLERANCE, `max |simd − scalar| = ${worst} at point ${at}`);
  });

  test(`${activation}: training in each build gives the same predictions`, () => {
    const { worst, at } = maxDiff(trained(simd, activation).p, trained(scalar, activation).p);
    assert.ok(worst <= TOLERANCE, `max |simd − scalar| = ${worst} at point ${at}`);
  });
}
