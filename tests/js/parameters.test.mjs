// parameters.test.mjs — net.layerParameters reads every layer, net.setWeight / net.setBias edit
// one value; a forward pass written in JS from layerParameters is the oracle for predict(), and
// edits survive toJSON() → lab.network(model).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { LIMITS } from 'relu-lab';
import { FLAVOURS, gridPoints, labOf, maxDiff } from './helpers.mjs';

const NET = { hidden: [3, 4], activation: 'relu', output: 'sigmoid', seed: 3 }; // 2-[3,4]-1
const XOR = { name: 'xor', samples: 200, seed: 3 };
const BN_EPSILON = 1e-5; // kBnEpsilon, cpp/engine/config.hpp: the oracle's only engine constant

const sig = (x) => 1 / (1 + Math.exp(-x));
const ACT = {
  relu: (z) => Math.max(0, z),
  leaky_relu: (z, a) => (z > 0 ? z : a * z),
  prelu: (z, a) => (z > 0 ? z : a * z),
  elu: (z, a) => (z >= 0 ? z : a * Math.expm1(z)),
  tanh: Math.tanh,
  linear: (z) => z,
};

/**
 * The network's output at (x, y) computed in JS from layerParameters (features x, y; hidden
 * activations of ACT; batch norm with the running statistics; a sigmoid head): { out, hidden }
 * where hidden[l] are layer l's activations.
 */
function forward(net, x, y) {
  const config = net.config;
  let a = [x, y];
  const hidden = [];
  for (let l = 0; l <= config.hidden.length; ++l) {
    const p = net.layerParameters(l);
    let z = Array.from({ length: p.units }, (_, u) => {
      let s = p.b[u];
      for (let i = 0; i < p.inputs; ++i) s += p.W[u * p.inputs + i] * a[i];
      return s;
    });
    if (l === config.hidden.length) return { out: sig(z[0]), logit: z[0], hidden };
    if (p.gamma) {
      z = z.map((v, u) => (p.gamma[u] * (v - p.runningMean[u])) / Math.sqrt(p.runningVar[u] + BN_EPSILON) + p.beta[u]);
    }
    a = z.map((v, u) => ACT[config.hidden[l].activation](v, p.alpha[u]));
    hidden.push(a);
  }
  throw new Error('unreachable');
}

/** predict() and the JS forward pass agree on a grid of points (sigmoid outputs, 1e-5). */
function assertForwardMatches(net, label) {
  const points = gridPoints(8);
  const got = net.predict(points);
  const want = Array.from(got, (_, i) => forward(net, points[2 * i], points[2 * i + 1]).out);
  const { worst, at } = maxDiff(got, want);
  assert.ok(worst < 1e-5, `${label}: predict ${got[at]} vs JS ${want[at]} at point ${at} (|Δ| = ${worst})`);
}

const allParameters = (net) => Array.from({ length: net.config.hidden.length + 1 }, (_, l) => net.layerParameters(l));

for (const { name: flavour, simd } of FLAVOURS) {
  describe(`layer parameters on the ${flavour} build`, () => {
    let lab, data;
    before(async () => {
      lab = await labOf(simd);
      data = lab.dataset(XOR);
    });
    after(() => {
      data.dispose();
      assert.equal(lab.liveObjects(), 0, 'every test disposes what it creates');
    });

    test('a 2-[3,4]-1 network has layers 2→3, 3→4 and the output layer 4→1', () => {
      const net = lab.network(NET);
      const layers = allParameters(net);
      assert.deepEqual(
        layers.map((p) => [p.inputs, p.units]),
        [
          [2, 3],
          [3, 4],
          [4, 1],
        ],
      );
      assert.deepEqual(
        layers.map((p) => [p.W.length, p.b.length]),
        [
          [6, 3],
          [12, 4],
          [4, 1],
        ],
      );
      assert.deepEqual(Object.keys(layers[0]), ['inputs', 'units', 'W', 'b', 'alpha']);
      assert.deepEqual(Object.keys(layers[2]), ['inputs', 'units', 'W', 'b'], 'the output layer has no α');
      assert.ok(layers.every((p) => p.W instanceof Float32Array && p.b instanceof Float32Array));
      assert.equal(
        layers.reduce((n, p) => n + p.W.length + p.b.length, 0),
        net.parameterCount,
        'W and b are every trainable parameter of a ReLU network (its α is fixed)',
      );
      assert.throws(() => net.layerParameters(3), {
        name: 'RangeError',
        message: 'net.layerParameters: layer must be an integer in [0, 2] (2: the output layer) (got 3)',
      });
      layers[0].W.fill(7);
      assert.notEqual(net.layerParameters(0).W[0], 7, 'copies, not views');
      net.dispose();
    });

    test("W and b are toJSON()'s layers, row-major; α and batch norm come along", () => {
      const net = lab.network({
        hidden: [{ units: 5, activation: 'prelu', batchNorm: true }, 3],
        output: 'softmax',
        classes: 3,
        seed: 4,
      });
      const three = lab.dataset({ name: 'blobs_k', classes: 3, samples: 90, seed: 4 });
      net.train(three, { epochs: 3, optimizer: 'adam' });
      const json = net.toJSON();
      allParameters(net).forEach((p, l) => {
        const m = json.layers[l];
        assert.deepEqual(Array.from(p.W), m.W.flat().map(Math.fround), `layer ${l} W`);
        const [u, i] = [p.units - 1, p.inputs - 1];
        assert.equal(p.W[u * p.inputs + i], Math.fround(m.W[u][i]), 'W[unit * inputs + input] is W[unit][input]');
        for (const k of ['b', 'gamma', 'beta', 'runningMean', 'runningVar']) {
          assert.deepEqual(p[k] && Array.from(p[k]), m[k]?.map(Math.fround), `layer ${l} ${k}`);
        }
        // The model saves α where it is learned (PReLU); a fixed α is the layer's config.
        const hidden = net.config.hidden[l];
        const alpha = m.alpha ?? (hidden && Array(p.units).fill(hidden.alpha));
        assert.deepEqual(p.alpha && Array.from(p.alpha), alpha?.map(Math.fround), `layer ${l} alpha`);
      });
      assert.deepEqual(Object.keys(net.layerParameters(0)), [
        'inputs',
        'units',
        'W',
        'b',
        'alpha',
        'gamma',
        'beta',
        'runningMean',
        'runningVar',
      ]);
      assert.equal(net.layerParameters(2).units, 3, 'softmax: one output unit per class');
      three.dispose();
      net.dispose();
    });

    test('a forward pass in JS from layerParameters reproduces predict()', () => {
      const relu = lab.network(NET);
      relu.train(data, { epochs: 5 });
      assertForwardMatches(relu, 'ReLU 2-[3,4]-1');
      const mixed = lab.network({
        hidden: [
          { units: 4, activation: 'tanh', batchNorm: true },
          { units: 3, activation: 'leaky_relu', alpha: 0.2 },
          { units: 3, activation: 'elu', alpha: 0.7 },
        ],
        seed: 5,
      });
      mixed.train(data, { epochs: 5, optimizer: 'adam' });
      assertForwardMatches(mixed, 'tanh + batch norm, leaky, elu');
      [relu, mixed].forEach((n) => n.dispose());
    });

    test('setWeight and setBias change exactly the value they name', () => {
      const net = lab.network(NET);
      const before = allParameters(net);
      net.setWeight(1, 2, 1, 0.375);
      net.setBias(0, 1, -1.5);
      net.setWeight(2, 0, 3, 1e-3);
      const want = structuredClone(before);
      want[1].W[2 * 3 + 1] = 0.375;
      want[0].b[1] = -1.5;
      want[2].W[3] = Math.fround(1e-3);
      assert.deepEqual(allParameters(net), want);
      net.dispose();
    });

    test('an output weight and bias change predict() as σ(b + Σ W·h) says', () => {
      const net = lab.network(NET);
      net.train(data, { epochs: 5 });
      const [x, y] = [1.5, -2];
      const { hidden, logit } = forward(net, x, y);
      const h = hidden[1];
      const j = h.findIndex((v) => v > 0.1);
      assert.ok(j >= 0, `a live unit in the last hidden layer at (${x}, ${y}): ${h}`);
      const { W, b } = net.layerParameters(2);
      const before = net.predict([x, y])[0];
      net.setWeight(2, 0, j, W[j] + 0.5); // the logit moves by 0.5·h[j]
      const moved = net.predict([x, y])[0];
      assert.ok(Math.abs(moved - sig(logit + 0.5 * h[j])) < 1e-5, `${moved} vs σ(${logit} + 0.5·${h[j]})`);
      assert.ok(Math.abs(moved - before) > 1e-3, 'the output moved');
      net.setBias(2, 0, b[0] - 2); // the logit moves by −2
      const shifted = net.predict([x, y])[0];
      assert.ok(Math.abs(shifted - sig(logit + 0.5 * h[j] - 2)) < 1e-5, `${shifted} vs σ(${logit} + 0.5·${h[j]} − 2)`);
      assertForwardMatches(net, 'after the edits');
      net.dispose();
    });

    test('a hidden weight set by hand feeds the whole forward pass', () => {
      const net = lab.network(NET);
      const before = net.predict(gridPoints(8));
      net.setWeight(0, 0, 1, -2.5);
      net.setBias(1, 3, 0.75);
      assert.notDeepEqual(net.predict(gridPoints(8)), before);
      assertForwardMatches(net, 'after editing hidden layers');
      net.dispose();
    });

    test('edits keep the epoch and training goes on from them', () => {
      const net = lab.network(NET);
      net.train(data, { epochs: 5, optimizer: 'adam' });
      net.setWeight(0, 0, 0, 0.5);
      net.setBias(2, 0, 0.25);
      assert.equal(net.epoch, 5);
      assert.equal(net.layerParameters(0).W[0], 0.5);
      const m = net.train(data, { epochs: 5, optimizer: 'adam' });
      assert.equal(m.epoch, 10);
      assert.equal(m.diverged, false);
      assert.notEqual(net.layerParameters(0).W[0], 0.5, 'training moved the edited weight on');
      net.dispose();
    });

    test('edits round-trip through toJSON() and lab.network(model)', () => {
      const net = lab.network(NET);
      net.train(data, { epochs: 3 });
      net.setWeight(1, 3, 2, -0.1);
      net.setBias(2, 0, 3.3);
      const json = net.toJSON();
      assert.equal(json.layers[1].W[3][2], Math.fround(-0.1));
      assert.equal(json.layers[2].b[0], Math.fround(3.3));
      const copy = lab.network(json);
      assert.deepEqual(allParameters(copy), allParameters(net));
      assert.deepEqual(copy.predict(gridPoints(16)), net.predict(gridPoints(16)));
      assert.equal(copy.epoch, 3);
      [net, copy].forEach((n) => n.dispose());
    });

    test("values stay below limits.divergedMagnitude, the bound the engine's loader enforces", () => {
      const net = lab.network(NET);
      const bound = LIMITS.divergedMagnitude;
      const largest = 999999.9375; // the largest float32 below 1e6
      assert.equal(Math.fround(largest), largest);
      assert.ok(largest < bound && Math.fround(bound) === bound);
      net.setWeight(2, 0, 0, largest);
      net.setBias(2, 0, -largest);
      const json = net.toJSON();
      assert.equal(json.layers[2].W[0][0], largest);
      lab.network(json).dispose(); // the engine takes what the facade allows…
      json.layers[2].W[0][0] = bound;
      assert.throws(() => lab.network(json), { name: 'RangeError', message: /magnitude below 1e6/ }); // …and no more
      for (const v of [bound, -bound, 999999.99, 1e9]) {
        assert.throws(
          () => net.setWeight(2, 0, 0, v),
          { name: 'RangeError', message: /^net\.setWeight: value must be/ },
          String(v),
        );
      }
      net.dispose();
    });

    test('bad indices and values are TypeError / RangeError naming them, and change nothing', () => {
      const net = lab.network(NET);
      net.train(data, { epochs: 5, optimizer: 'adam' });
      const params = allParameters(net),
        out = net.predict(gridPoints(8));
      const bad = [
        [
          () => net.setWeight(3, 0, 0, 1),
          RangeError,
          'net.setWeight: layer must be an integer in [0, 2] (2: the output layer) (got 3)',
        ],
        [
          () => net.setWeight(2, 1, 0, 1),
          RangeError,
          'net.setWeight: unit must be an integer in [0, 0] (the units of layer 2) (got 1)',
        ],
        [
          () => net.setWeight(1, 0, 3, 1),
          RangeError,
          'net.setWeight: input must be an integer in [0, 2] (the inputs of layer 1) (got 3)',
        ],
        [() => net.setWeight(0, 0, -1, 1), RangeError, /input must be an integer in \[0, 1\]/],
        [() => net.setWeight(0, 0.5, 0, 1), RangeError, /unit must be an integer in \[0, 2\]/],
        [() => net.setWeight('0', 0, 0, 1), TypeError, /layer must be an integer/],
        [() => net.setWeight(0, 0, 0), TypeError, /value must be a number in \(-1000000, 1000000\) \(got undefined\)/],
        [() => net.setWeight(0, 0, 0, NaN), RangeError, /value must be a number in \(-1000000, 1000000\) \(got NaN\)/],
        [() => net.setWeight(0, 0, 0, 1n), TypeError, /value/],
        [
          () => net.setBias(0, 3, 1),
          RangeError,
          'net.setBias: unit must be an integer in [0, 2] (the units of layer 0) (got 3)',
        ],
        [() => net.setBias(-1, 0, 1), RangeError, /^net\.setBias: layer must be an integer in \[0, 2\]/],
        [() => net.setBias(0, 0, Infinity), RangeError, /value/],
        [() => net.setBias(0, 0, '1'), TypeError, /value/],
      ];
      for (const [call, Kind, message] of bad) assert.throws(call, { name: Kind.name, message });
      assert.deepEqual(allParameters(net), params);
      assert.deepEqual(net.predict(gridPoints(8)), out);
      assert.equal(net.epoch, 5);
      assert.equal(net.train(data, { epochs: 5, optimizer: 'adam' }).diverged, false);
      net.dispose();
    });

    test('without hidden layers, layer 0 is the output layer', () => {
      const net = lab.network({ hidden: [], features: ['x', 'y', 'xy'], seed: 2 });
      const p = net.layerParameters(0);
      assert.deepEqual([p.inputs, p.units, p.W.length, 'alpha' in p], [3, 1, 3, false]);
      net.setWeight(0, 0, 2, 4);
      assert.equal(net.layerParameters(0).W[2], 4);
      assert.throws(() => net.layerParameters(1), {
        name: 'RangeError',
        message: /layer must be an integer in \[0, 0\] \(0: the output layer\)/,
      });
      net.dispose();
    });

    test('a disposed network refuses with an Error', () => {
      const net = lab.network(NET);
      net.dispose();
      for (const call of [() => net.layerParameters(0), () => net.setWeight(0, 0, 0, 1), () => net.setBias(0, 0, 1)]) {
        assert.throws(call, (e) => e.constructor === Error && /was disposed/.test(e.message));
      }
    });
  });
}
