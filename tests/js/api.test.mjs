// api.test.mjs — the public API of relu-lab, through the package's public name, on both builds.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { ACTIVATIONS, DATASETS, load, version } from 'relu-lab';
import { FLAVOURS, gridPoints, labOf } from './helpers.mjs';

const XOR = { name: 'xor', samples: 400, noise: 0, trainFraction: 0.5, seed: 1 };
const XOR_NET = { hidden: [8, 8], activation: 'relu', output: 'sigmoid', seed: 1 };
const XOR_TRAIN = { epochs: 60, learningRate: 0.03, batchSize: 10, optimizer: 'sgd' };

for (const { name, simd } of FLAVOURS) {
  describe(`the ${name} build`, () => {
    let lab;
    before(async () => (lab = await labOf(simd)));
    after(() => assert.equal(lab.liveObjects(), 0, 'every test disposes what it creates'));

    test('load() reports the build, the version and the engine tables', () => {
      assert.equal(lab.simd, simd);
      assert.equal(lab.version, version);
      assert.deepEqual(
        lab.activations.map((a) => a.name),
        ACTIVATIONS,
      );
      const relu = lab.activations.find((a) => a.name === 'relu');
      assert.equal(relu.formula, 'max(0, x)');
      assert.deepEqual(relu.range, [0, Infinity]);
      assert.equal(relu.reluFamily, true);
      assert.equal(lab.activations.find((a) => a.name === 'prelu').learnedAlpha, true);
      assert.deepEqual(
        lab.datasets.map((d) => d.name),
        DATASETS,
      );
      assert.deepEqual(
        lab.datasets.find((d) => d.name === 'spiral_k'),
        { name: 'spiral_k', regression: false, classes: null },
      );
      assert.deepEqual(
        lab.datasets.find((d) => d.name === 'regress_plane'),
        { name: 'regress_plane', regression: true, classes: 0 },
      );
      assert.ok(Object.isFrozen(lab.activations) && Object.isFrozen(lab));
    });

    test('a generated dataset splits its points and hands out copies', () => {
      const data = lab.dataset({ name: 'spiral', samples: 500, noise: 0, trainFraction: 0.5, seed: 1 });
      assert.equal(data.name, 'spiral');
      assert.equal(data.trainSize + data.testSize, 500);
      assert.equal(data.trainSize, 250);
      assert.equal(data.classes, 2);
      assert.equal(data.regression, false);
      assert.equal(data.extent, 6);
      const p = data.points();
      assert.ok(p.x instanceof Float32Array && p.y instanceof Float32Array && p.label instanceof Float32Array);
      assert.equal(p.x.length, 250);
      assert.ok(p.label.every((l) => l === 0 || l === 1));
      p.x.fill(99);
      assert.notEqual(data.points().x[0], 99, 'the returned arrays are copies');
      assert.equal(data.points('test').x.length, 250);
      data.dispose();
    });

    test('the same seed gives the same dataset; another seed another', () => {
      const a = lab.dataset({ name: 'circle', seed: 3 }),
        b = lab.dataset({ name: 'circle', seed: 3 });
      const c = lab.dataset({ name: 'circle', seed: 4 });
      assert.deepEqual(a.points().x, b.points().x);
      assert.notDeepEqual(a.points().x, c.points().x);
      [a, b, c].forEach((d) => d.dispose());
    });

    test('a 2-8-8-1 ReLU network learns XOR to at least 95 % test accuracy', () => {
      const data = lab.dataset(XOR);
      const net = lab.network(XOR_NET);
      const m = net.train(data, XOR_TRAIN);
      assert.deepEqual(Object.keys(m), ['epoch', 'trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy', 'diverged']);
      assert.equal(m.epoch, 60);
      assert.equal(net.epoch, 60);
      assert.equal(m.diverged, false);
      assert.ok(m.testAccuracy >= 0.95, `test accuracy ${m.testAccuracy}`);
      assert.ok(m.trainLoss < 0.3, `train loss ${m.trainLoss}`);
      net.dispose();
      data.dispose();
    });

    test('trainEpoch advances one epoch; train({ epochs: 0 }) only evaluates', () => {
      const data = lab.dataset(XOR);
      const net = lab.network(XOR_NET);
      const m1 = net.trainEpoch(data, { learningRate: 0.03 });
      assert.equal(m1.epoch, 1);
      assert.equal(net.trainEpoch(data).epoch, 2);
      const m0 = net.train(data, { epochs: 0 });
      assert.equal(m0.epoch, 2);
      assert.deepEqual(net.evaluate(data), m0);
      net.dispose();
      data.dispose();
    });

    test('predict gives P(class 1) per point; decisionMap the same on pixel centres', () => {
      const data = lab.dataset(XOR);
      const net = lab.network(XOR_NET);
      net.train(data, XOR_TRAIN);
      const p = net.predict(new Float32Array([3, 3, -3, 3, 3, -3, -3, -3]));
      assert.ok(p instanceof Float32Array);
      assert.equal(p.length, 4);
      assert.ok(p.every((v) => v >= 0 && v <= 1));
      assert.ok(p[0] > 0.5 && p[3] > 0.5 && p[1] < 0.5 && p[2] < 0.5, `xor: ${p}`);
      assert.deepEqual(net.predict([3, 3, -3, 3, 3, -3, -3, -3]), p, 'arrays of numbers work too');
      const map = net.decisionMap({ width: 16, height: 16, domain: [-6, 6, -6, 6] });
      assert.equal(map.length, 256);
      assert.deepEqual(map, net.predict(gridPoints(16)));
      assert.equal(net.decisionMap().length, 256 * 256, 'default 256 × 256');
      const out = new Float32Array(256).fill(NaN);
      assert.equal(net.decisionMap({ width: 16, height: 16, domain: [-6, 6, -6, 6] }, out), out, 'out is returned');
      assert.deepEqual(out, map, 'out holds the same values');
      assert.equal(net.predict([]).length, 0);
      net.dispose();
      data.dispose();
    });

    test('softmax gives k probabilities per point that sum to 1', () => {
      const data = lab.dataset({ name: 'spiral_k', classes: 3, samples: 300, seed: 2 });
      assert.equal(data.classes, 3);
      const net = lab.network({ hidden: [16, 16], output: 'softmax', classes: 3, seed: 2 });
      assert.equal(net.outputs, 3);
      const m = net.train(data, { epochs: 20, optimizer: 'adam', learningRate: 0.01 });
      assert.ok(m.trainAccuracy > 1 / 3, `accuracy ${m.trainAccuracy}`);
      const p = net.predict([1, 2, -3, 0.5]);
      assert.equal(p.length, 6);
      assert.ok(Math.abs(p[0] + p[1] + p[2] - 1) < 1e-5 && Math.abs(p[3] + p[4] + p[5] - 1) < 1e-5);
      assert.equal(net.decisionMap({ width: 8, height: 4 }).length, 8 * 4 * 3);
      net.dispose();
      data.dispose();
    });

    test('regression: a linear head, accuracy null', () => {
      const data = lab.dataset({ name: 'regress_plane', samples: 200, seed: 1 });
      assert.equal(data.regression, true);
      assert.equal(data.classes, 0);
      const net = lab.network({ hidden: [8], output: 'linear' });
      const first = net.train(data, { epochs: 1, learningRate: 0.01 });
      const m = net.train(data, { epochs: 30, learningRate: 0.01 });
      assert.equal(m.trainAccuracy, null);
      assert.equal(m.testAccuracy, null);
      assert.ok(m.trainLoss < first.trainLoss, `${m.trainLoss} < ${first.trainLoss}`);
      net.dispose();
      data.dispose();
    });

    test('every engine option reaches the engine and shows in the config', () => {
      const net = lab.network({
        features: ['x', 'y', 'x2', 'y2', 'xy', 'sinx', 'siny'],
        hidden: [{ units: 5, activation: 'leaky_relu', alpha: 0.2, batchNorm: true }, 3, { activation: 'prelu' }],
        activation: 'elu',
        alpha: null,
        batchNorm: false,
        output: 'tanh',
        classes: 2,
        init: 'xavier_uniform',
        initScale: 0.3,
        biasInit: 0.1,
        reluGradAtZero: 0.5,
        seed: 7,
      });
      const c = net.config;
      assert.deepEqual(c.features, ['x', 'y', 'x2', 'y2', 'xy', 'sinx', 'siny']);
      assert.deepEqual(
        c.hidden.map((l) => [l.units, l.activation, l.batchNorm]),
        [
          [5, 'leaky_relu', true],
          [3, 'elu', false],
          [8, 'prelu', false],
        ],
      );
      assert.ok(Math.abs(c.hidden[0].alpha - 0.2) < 1e-7);
      assert.equal(c.hidden[1].alpha, 1, "elu's default α");
      assert.equal(c.hidden[2].alpha, 0.25, "prelu's default α");
      assert.deepEqual([c.output, c.init, c.reluGradAtZero, c.seed], ['tanh', 'xavier_uniform', 0.5, 7]);
      assert.equal(net.hiddenUnits, 16);
      assert.ok(net.parameterCount > 0);
      const data = lab.dataset({ name: 'circle', samples: 100 });
      for (const train of [
        { optimizer: 'momentum', momentum: 0.5, regularization: 'l2', regularizationRate: 0.001 },
        { optimizer: 'adam', beta1: 0.8, beta2: 0.99, epsilon: 1e-7, regularization: 'l1', regularizationRate: 0.001 },
      ]) {
        const m = net.train(data, { epochs: 2, batchSize: 7, learningRate: 0.01, ...train });
        assert.ok(Number.isFinite(m.trainLoss) && !m.diverged);
      }
      net.setAlpha(0, 0.05);
      assert.ok(Math.abs(net.config.hidden[0].alpha - 0.05) < 1e-7);
      net.setAlpha(0, null);
      assert.ok(Math.abs(net.config.hidden[0].alpha - 0.01) < 1e-7, "null: leaky_relu's default");
      net.setReluGradAtZero(1);
      assert.equal(net.config.reluGradAtZero, 1);
      net.dispose();
      data.dispose();
    });

    test('health reports dead units, rates, dormancy, sparsity and gradient norms', () => {
      const data = lab.dataset(XOR);
      const net = lab.network({ hidden: [8, 8, 8], seed: 1 });
      net.train(data, { epochs: 3 });
      const h = net.health(data);
      assert.equal(h.totalUnits, 24);
      assert.equal(h.layers.length, 3);
      const l = h.layers[0];
      assert.equal(l.activation, 'relu');
      assert.equal(l.units, 8);
      for (const k of ['deadOnData', 'deadOnPlane', 'dormant'])
        assert.ok(
          l[k].every((v) => typeof v === 'boolean'),
          k,
        );
      for (const k of ['activationRate', 'dormancy', 'meanAbs']) assert.ok(Array.isArray(l[k]) && l[k].length === 8, k);
      assert.ok(l.activationRate.every((r) => r >= 0 && r <= 1));
      assert.ok(l.sparsity >= 0 && l.sparsity <= 1);
      assert.ok(l.gradientNorm > 0);
      assert.ok(l.diedAtEpoch.every((e) => e === null || Number.isInteger(e)));
      assert.equal(l.histogram.length, 8 * lab.limits.histogramBins);
      assert.equal(
        h.deadUnits,
        h.layers.reduce((n, x) => n + x.deadCount, 0),
      );
      net.dispose();
      data.dispose();
    });

    test('units with all-negative pre-activations are reported dead, and revive brings them back', () => {
      const data = lab.dataset(XOR);
      const net = lab.network({ hidden: [8], biasInit: -100, seed: 1 });
      const h = net.health(data);
      assert.equal(h.deadUnits, 8);
      assert.deepEqual(h.layers[0].deadOnData, Array(8).fill(true));
      assert.deepEqual(h.layers[0].diedAtEpoch, Array(8).fill(0), 'born dead at epoch 0');
      assert.equal(h.layers[0].sparsity, 1);
      assert.equal(net.revive(data), 8);
      assert.ok(net.health(data).deadUnits < 8);
      assert.equal(net.reviveUnits([{ layer: 0, unit: 3 }]), 1);
      assert.equal(net.revive(data, { criterion: 'dormant', dormancyTau: 0, layer: 0 }) >= 0, true);
      net.dispose();
      data.dispose();
    });

    test('unitMaps gives one width × height map per hidden unit', () => {
      const net = lab.network({ hidden: [3, 2] });
      const u = net.unitMaps({ width: 8, height: 4 });
      assert.equal(u.width, 8);
      assert.deepEqual(u.domain, [-6, 6, -6, 6]);
      assert.deepEqual(
        u.layers.map((l) => l.length),
        [3, 2],
      );
      assert.ok(u.layers.flat().every((m) => m instanceof Float32Array && m.length === 32));
      assert.ok(
        u.layers[0][0].every((v) => v >= 0),
        'ReLU outputs are never negative',
      );
      net.dispose();
    });

    test('points can be added, removed, relabelled and removed near a spot', () => {
      const data = lab.emptyDataset({ classes: 3 });
      assert.equal(data.name, null);
      assert.equal(data.trainSize, 0);
      data.add(1, 1, 2);
      data.add(-1, 2, 0);
      data.add(0.5, 0.5, 1, 'test');
      assert.deepEqual([data.trainSize, data.testSize], [2, 1]);
      data.relabel(0, 1);
      assert.deepEqual(Array.from(data.points().label), [1, 0]);
      data.remove(1);
      assert.equal(data.trainSize, 1);
      assert.equal(data.removeNear(0.6, 0.6, 0.5), true);
      assert.equal(data.testSize, 0);
      assert.equal(data.removeNear(5, 5, 0.1), false);
      const reg = lab.emptyDataset({ regression: true, extent: 2 });
      reg.add(2, -2, -0.5);
      assert.deepEqual([reg.classes, reg.extent, reg.points().label[0]], [0, 2, -0.5]);
      data.dispose();
      reg.dispose();
    });

    test('dispose frees, counts, and is safe to repeat; Symbol.dispose does the same', () => {
      const before = lab.liveObjects();
      const data = lab.dataset(XOR);
      const net = lab.network(XOR_NET);
      assert.equal(lab.liveObjects(), before + 2);
      net[Symbol.dispose]();
      assert.equal(net.disposed, true);
      net.dispose();
      data.dispose();
      assert.equal(lab.liveObjects(), before);
      assert.throws(() => net.predict([0, 0]), { name: 'Error', message: /net\.predict: this Network was disposed/ });
      assert.throws(() => data.trainSize, { message: /data\.trainSize: this Dataset was disposed/ });
    });
  });
}

test('load({ simd: false }) picks the scalar build; load() picks SIMD on Node 20', async () => {
  assert.equal((await load({ simd: false })).simd, false);
  assert.equal((await load()).simd, true);
});
