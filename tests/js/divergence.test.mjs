// divergence.test.mjs — a learning rate far too large stops training with diverged: true, keeps the
// last finite weights (finite predictions and maps, a model that loads back), and the same network
// trains again at a sane learning rate.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { FLAVOURS, gridPoints, labOf } from './helpers.mjs';

const SPIRAL_NET = { hidden: [8, 8, 8] }; // 2-8-8-8-1 relu; the facade's defaults otherwise
const SANE = { epochs: 300, learningRate: 0.01, optimizer: 'adam' };

const allFinite = (a) => Array.prototype.every.call(a, Number.isFinite);

// The network is usable: finite outputs everywhere, and its JSON gives the same network back.
function assertUsable(lab, net, what) {
  const points = gridPoints(16);
  const p = net.predict(points);
  assert.ok(allFinite(p), `${what}: a prediction is not finite`);
  assert.ok(allFinite(net.decisionMap({ width: 32, height: 32 })), `${what}: the decision map is not finite`);
  for (const layer of net.unitMaps({ width: 8, height: 8 }).layers) {
    for (const unit of layer) assert.ok(allFinite(unit), `${what}: a unit map is not finite`);
  }
  const json = net.toJSON();
  const copy = lab.network(JSON.parse(JSON.stringify(json)));
  assert.deepEqual(copy.predict(points), p, `${what}: the model does not load back the same`);
  copy.dispose();
  return json;
}

for (const { name, simd } of FLAVOURS) {
  describe(`divergence on the ${name} build`, () => {
    test('a diverged epoch is rolled back: the last finite weights kept, training resumes', async () => {
      const lab = await labOf(simd);
      const data = lab.dataset({ name: 'spiral' });
      const net = lab.network(SPIRAL_NET);
      net.train(data, { epochs: 5 });
      const kept = assertUsable(lab, net, 'after 5 sane epochs');
      const m = net.train(data, { epochs: 50, learningRate: 1e4 });
      console.log(`divergence (${name}): learning rate 10000 on spiral →`, JSON.stringify(m));
      assert.equal(m.diverged, true);
      assert.equal(m.epoch, 5, 'the diverged epoch is not counted, and training stopped there');
      assert.equal(net.epoch, 5);
      assert.ok(Number.isFinite(m.trainLoss) && Number.isFinite(m.testLoss), 'the metrics are of the kept weights');
      assert.deepEqual(assertUsable(lab, net, 'after diverging'), kept, 'the last finite weights are kept');
      const again = net.train(data, SANE);
      assert.equal(again.diverged, false);
      assert.ok(again.testAccuracy >= 0.9, `test accuracy ${again.testAccuracy} after ${SANE.epochs} sane epochs`);
      net.dispose();
      data.dispose();
    });

    test('a regression network at learning rate 10 diverges at once and keeps its initial weights', async () => {
      const lab = await labOf(simd);
      const data = lab.dataset({ name: 'regress_plane' });
      const net = lab.network({ ...SPIRAL_NET, output: 'linear' });
      const initial = net.toJSON();
      const m = net.trainEpoch(data, { learningRate: 10 });
      assert.equal(m.diverged, true);
      assert.equal(m.epoch, 0);
      assert.deepEqual(assertUsable(lab, net, 'after diverging'), initial);
      const again = net.train(data, { epochs: 50, learningRate: 0.01 });
      assert.equal(again.diverged, false);
      assert.ok(again.testLoss < m.testLoss / 4, `test loss ${m.testLoss} → ${again.testLoss}`);
      net.dispose();
      data.dispose();
    });

    test('learning rate 10 on spiral, epoch by epoch: the network stays finite and loads back', async () => {
      const lab = await labOf(simd);
      const data = lab.dataset({ name: 'spiral' });
      const net = lab.network(SPIRAL_NET);
      for (let e = 0; e < 20; ++e) {
        const m = net.trainEpoch(data, { learningRate: 10 });
        assert.ok(Number.isFinite(m.trainLoss) && Number.isFinite(m.testLoss), `epoch ${e}: ${JSON.stringify(m)}`);
        if (m.diverged) break;
      }
      assertUsable(lab, net, 'after learning rate 10');
      net.dispose();
      data.dispose();
    });

    // At learning rate 10, SGD blows the weights up to ~1e8 in the first epoch with a finite loss
    // (every ReLU dies); the engine counts weights beyond kDivergedMagnitude as divergence.
    test('learning rate 10 on spiral stops with diverged: true, and the net trains again', async () => {
      const lab = await labOf(simd);
      const data = lab.dataset({ name: 'spiral' });
      const net = lab.network(SPIRAL_NET);
      const m = net.train(data, { epochs: 100, learningRate: 10 });
      console.log(`divergence (${name}): learning rate 10 on spiral →`, JSON.stringify(m));
      assertUsable(lab, net, 'after learning rate 10');
      assert.equal(m.diverged, true, 'learning rate 10 on spiral did not report diverged');
      assert.ok(m.epoch < 100, `training did not stop (epoch ${m.epoch})`);
      const again = net.train(data, SANE);
      assert.ok(again.testAccuracy >= 0.9, `test accuracy ${again.testAccuracy} after ${SANE.epochs} sane epochs`);
      net.dispose();
      data.dispose();
    });

    // Weights that overflow to ±∞ and NaN in the forward pass (a hostile model file) are refused
    // by the engine's loader: |w| must stay below the divergence bound, 1e6.
    test('a model with huge finite weights is refused, or predicts finite values', async () => {
      const lab = await labOf(simd);
      const model = lab.network({ hidden: [4, 4] });
      const json = model.toJSON();
      model.dispose();
      for (const l of json.layers) {
        l.W = l.W.map((row) => row.map((_, i) => (i % 2 ? -3e38 : 3e38)));
        l.b = l.b.map(() => 3e38);
      }
      let net;
      try {
        net = lab.network(json);
      } catch (e) {
        assert.equal(e.constructor, RangeError, e.message);
        return;
      }
      try {
        assertUsable(lab, net, 'a model of huge weights');
      } finally {
        net.dispose();
      }
    });
  });
}
