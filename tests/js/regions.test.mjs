// regions.test.mjs — net.regions and net.trace (issue 15). A float64 forward written here from
// layerParameters is the oracle: trace's gradients equal central finite differences of that
// point's loss for every activation and head, its gates are z > 0, its prediction is predict()'s;
// regions' ids are the same in both builds and agree with trace's gates.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { FLAVOURS, labOf } from './helpers.mjs';

const BN_EPSILON = 1e-5; // kBnEpsilon, cpp/engine/config.hpp: the oracle's only engine constant
const sig = (x) => 1 / (1 + Math.exp(-x));
const ACT = {
  relu: (z) => Math.max(0, z),
  leaky_relu: (z, a) => (z > 0 ? z : a * z),
  prelu: (z, a) => (z > 0 ? z : a * z),
  elu: (z, a) => (z >= 0 ? z : a * Math.expm1(z)),
  gelu: (z) => 0.5 * z * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (z + 0.044715 * z ** 3))),
  silu: (z) => z * sig(z),
  softplus: (z) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))),
  sigmoid: sig,
  tanh: Math.tanh,
  linear: (z) => z,
};
const KINKED = new Set(['relu', 'leaky_relu', 'prelu', 'elu']);

// The point's loss in float64 from a copy of every layer's parameters (features x, y), and every
// hidden z (to keep finite differences off the kinks).
function lossOf(params, config, x, y, label) {
  let a = [x, y];
  const zs = [];
  for (let l = 0; l < params.length; ++l) {
    const p = params[l];
    let z = Array.from({ length: p.units }, (_, u) => {
      let s = p.b[u];
      for (let i = 0; i < p.inputs; ++i) s += p.W[u * p.inputs + i] * a[i];
      return s;
    });
    if (p.gamma) {
      z = z.map((v, u) => (p.gamma[u] * (v - p.runningMean[u])) / Math.sqrt(p.runningVar[u] + BN_EPSILON) + p.beta[u]);
    }
    if (l === params.length - 1) return { loss: headLoss(config, z, label), zs };
    zs.push(z);
    const f = ACT[config.hidden[l].activation];
    a = z.map((v, u) => f(v, p.alpha[u]));
  }
}

function headLoss({ output }, z, label) {
  if (output === 'sigmoid') return -Math.log(label > 0.5 ? sig(z[0]) : 1 - sig(z[0]));
  if (output === 'tanh') return 0.5 * (Math.tanh(z[0]) - (label > 0.5 ? 1 : -1)) ** 2;
  if (output === 'linear') return 0.5 * (z[0] - label) ** 2;
  const m = Math.max(...z);
  return Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0)) + m - z[label];
}

const HEADS = [
  { output: 'sigmoid', data: { name: 'xor', samples: 200, seed: 4 } },
  { output: 'tanh', data: { name: 'circle', samples: 200, seed: 4 } },
  { output: 'softmax', classes: 3, data: { name: 'blobs_k', classes: 3, samples: 200, seed: 4 } },
  { output: 'linear', data: { name: 'regress_plane', samples: 200, seed: 4 } },
];
// Every activation appears in some layer; batch norm in one layer of each net.
const STACKS = [
  ['relu', 'tanh', 'prelu'],
  ['leaky_relu', 'elu', 'gelu'],
  ['silu', 'softplus', 'sigmoid'],
  ['linear', 'relu', 'relu'],
];

for (const { name, simd } of FLAVOURS) {
  describe(`regions and traces on the ${name} build`, () => {
    let lab;
    before(async () => {
      lab = await labOf(simd);
    });
    after(() => assert.equal(lab.liveObjects(), 0));

    test('trace gradients equal central finite differences of the point loss, every activation and head', () => {
      for (const head of HEADS)
        STACKS.forEach((stack, s) => {
          const data = lab.dataset(head.data);
          const net = lab.network({
            hidden: stack.map((activation, l) => ({ units: 5, activation, batchNorm: l === 1 })),
            output: head.output,
            classes: head.classes ?? 2,
            seed: 10 + s,
          });
          net.train(data, { epochs: 3, learningRate: 0.05 }); // non-trivial weights and BN statistics
          const config = net.config;
          const params = Array.from({ length: config.hidden.length + 1 }, (_, l) => net.layerParameters(l));
          const copy = params.map((p) => ({ ...p, W: Float64Array.from(p.W), b: Float64Array.from(p.b) }));
          const pts = data.points();
          let checked = 0;
          for (let i = 0; i < pts.x.length && checked < 3; ++i) {
            const [x, y, label] = [pts.x[i], pts.y[i], pts.label[i]];
            const ref = lossOf(copy, config, x, y, label);
            const kinkedNear = ref.zs.some((z, l) => KINKED.has(stack[l]) && z.some((v) => Math.abs(v) < 1e-2));
            if (kinkedNear) continue;
            const t = net.trace({ x, y, label });
            const what = `${head.output} ${stack} point ${i}`;
            assert.ok(
              Math.abs(t.output.loss - ref.loss) <= 1e-4 * (1 + ref.loss),
              `${what}: loss ${t.output.loss} vs ${ref.loss}`,
            );
            t.layers.forEach((L, l) =>
              L.gate.forEach((g, u) => assert.equal(g, L.z[u] > 0 ? 1 : 0, `${what} gate ${l}.${u}`)),
            );
            const pred = net.predict([x, y]);
            pred.forEach((p, k) => assert.ok(Math.abs(p - t.output.prediction[k]) < 1e-5, `${what}: prediction`));
            const h = 1e-5;
            copy.forEach((p, l) => {
              for (const [key, grad] of [
                ['W', t.grads[l].dW],
                ['b', t.grads[l].db],
              ]) {
                assert.equal(grad.length, p[key].length, `${what}: ${key} of layer ${l}`);
                for (let k = 0; k < p[key].length; ++k) {
                  const keep = p[key][k];
                  p[key][k] = keep + h;
                  const up = lossOf(copy, config, x, y, label).loss;
                  p[key][k] = keep - h;
                  const down = lossOf(copy, config, x, y, label).loss;
                  p[key][k] = keep;
                  const fd = (up - down) / (2 * h);
                  assert.ok(
                    Math.abs(grad[k] - fd) <= 2e-4 + 2e-3 * Math.abs(fd),
                    `${what}: d${key}[${l}][${k}] ${grad[k]} vs finite difference ${fd}`,
                  );
                }
              }
            });
            ++checked;
          }
          assert.equal(checked, 3, `${head.output} ${stack}: three points away from the kinks`);
          net.dispose();
          data.dispose();
        });
    });

    test('a gate closed at a point passes no gradient to that unit from it', () => {
      const net = lab.network({ hidden: [6, 6], seed: 2 });
      let closed = 0;
      for (const [x, y] of [
        [1, 2],
        [-3, 0.5],
        [4, -4],
        [0.2, -1],
      ]) {
        const t = net.trace({ x, y, label: 1 });
        t.layers.forEach((L, l) =>
          L.gate.forEach((g, u) => {
            if (g) return;
            ++closed;
            assert.ok(L.dLdz[u] === 0, `dL/dz of closed unit ${l}.${u}: ${L.dLdz[u]}`); // ±0
            assert.ok(t.grads[l].db[u] === 0);
          }),
        );
      }
      assert.ok(closed > 0);
      net.dispose();
    });

    test('region ids agree with the gates of a trace at each pixel centre', () => {
      const net = lab.network({ hidden: [8, 8], seed: 6 });
      const r = net.regions({ width: 24, height: 20, domain: [-6, 6, -5, 5], gates: true });
      const units = 16;
      assert.equal(r.gates.length, r.count * units);
      assert.equal(r.linear, true);
      assert.ok(r.count > 5);
      let next = 0;
      for (let j = 0; j < r.height; ++j)
        for (let i = 0; i < r.width; ++i) {
          const id = r.ids[j * r.width + i];
          assert.ok(id <= next, 'first-appearance order');
          if (id === next) ++next;
          const x = -6 + (12 * (i + 0.5)) / r.width,
            y = 5 - (10 * (j + 0.5)) / r.height;
          const t = net.trace({ x: Math.fround(x), y: Math.fround(y) });
          const gates = t.layers.flatMap((L) => Array.from(L.gate));
          assert.deepEqual(gates, Array.from(r.gates.subarray(id * units, (id + 1) * units)), `pixel ${i}, ${j}`);
        }
      assert.equal(next, r.count);
      net.dispose();
    });

    test('linear is false for curved activations, and the ids are the same in both builds', async () => {
      const other = await labOf(!simd);
      for (const activation of ['relu', 'gelu', 'tanh']) {
        const nets = [lab, other].map((l) => l.network({ hidden: [10, 10, 10], activation, seed: 8 }));
        const [a, b] = nets.map((n) => n.regions({ width: 96, height: 96 }));
        assert.equal(a.linear, activation === 'relu');
        assert.equal(a.count, b.count);
        assert.deepEqual(a.ids, b.ids);
        assert.deepEqual(a.foldLayer, b.foldLayer);
        nets.forEach((n) => n.dispose());
      }
    });

    test("a trace label outside the head's classes is a RangeError naming label", () => {
      const net = lab.network({ hidden: [3] });
      assert.throws(() => net.trace({ label: 2 }), { name: 'RangeError', message: /net\.trace: label/ });
      assert.throws(() => net.trace({ label: 0.5 }), { name: 'RangeError', message: /label/ });
      assert.throws(() => net.trace({ z: 1 }), { name: 'TypeError', message: /z/ });
      net.dispose();
    });
  });
}
