// definitions.test.mjs — the README's *What the engine computes* states batch norm's ε, its
// running-statistics update and variance, the ½ and the batch mean of the square losses, and what
// L1 and L2 act on. Here one training step through the npm module is checked against a float64
// reference written from that prose, with ε and the momentum read from the README itself: when
// the text and the engine disagree, this fails (issue #19).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import { FLAVOURS, labOf } from './helpers.mjs';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const bnProse = /\*\*Batch norm\*\*[\s\S]*?serve evaluation\./.exec(readme)?.[0] ?? '';
/** ε and the running-statistics momentum as the README states them. */
function readmeBatchNorm() {
  const eps = /ε = ([\d.e-]+)/.exec(bnProse);
  const run = /running ← ([\d.]+)·running \+ ([\d.]+)·batch/.exec(bnProse);
  assert.ok(eps && run, `README's batch-norm paragraph states ε and the update: “${bnProse}”`);
  const keep = Number(run[1]);
  assert.ok(Math.abs(keep + Number(run[2]) - 1) < 1e-12, 'the two weights of the update add to 1');
  return { eps: Number(eps[1]), keep, biased: /biased batch variance\s+\(divided by n\)/.test(bnProse) };
}

const sig = (x) => 1 / (1 + Math.exp(-x));
const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;
/** |got − want| ≤ tol·(1 + |want|) for every element, naming the first that is not. */
function close(got, want, tol, what) {
  for (let i = 0; i < want.length; ++i)
    assert.ok(
      Math.abs(got[i] - want[i]) <= tol * (1 + Math.abs(want[i])),
      `${what}[${i}]: engine ${got[i]}, reference ${want[i]}`,
    );
}

// eight training points (two classes) and two test points; labels are 0/1 or regression values
const POINTS = [
  [-2.5, 1, 0, 0.4],
  [-1, -3, 1, -0.8],
  [0.5, 2, 0, 0.9],
  [3, -0.5, 1, 0.6],
  [1.5, 1.5, 0, -0.3],
  [-3.5, -1, 1, 0.7],
  [2, 3.5, 0, -0.5],
  [-0.5, -2, 1, -0.9],
];
function dataOf(lab, { regression = false } = {}) {
  const data = lab.emptyDataset(regression ? { regression: true } : {});
  for (const [x, y, c, r] of POINTS) data.add(x, y, regression ? r : c, 'train');
  data.add(1, 1, regression ? 0.5 : 1, 'test');
  data.add(-1, 2, 0, 'test');
  return data;
}
/** One full-batch SGD step: every training point in one minibatch, so the order cannot matter. */
const STEP = { learningRate: 0.5, batchSize: POINTS.length, optimizer: 'sgd' };

/**
 * The float64 reference of one training step of 2 → [2 linear units, batch norm] → sigmoid, from
 * the README's definitions: the batch statistics, the normalised values and the updates of γ, β,
 * the output bias and the running statistics.
 */
function batchNormStep(p0, p1, { eps, keep, biased }, lr) {
  const n = POINTS.length;
  const u = [0, 1].map((k) => POINTS.map(([x, y]) => p0.b[k] + p0.W[2 * k] * x + p0.W[2 * k + 1] * y));
  const m = u.map(mean);
  const v = u.map((col, k) => col.reduce((s, z) => s + (z - m[k]) ** 2, 0) / (biased ? n : n - 1));
  const zhat = u.map((col, k) => col.map((z) => (z - m[k]) / Math.sqrt(v[k] + eps)));
  const a = zhat.map((col, k) => col.map((z) => p0.gamma[k] * z + p0.beta[k]));
  // binary cross-entropy, a mean over the batch: ∂L/∂logit_p = (σ(logit_p) − y_p) / n
  const g = POINTS.map((pt, i) => (sig(p1.b[0] + p1.W[0] * a[0][i] + p1.W[1] * a[1][i]) - pt[2]) / n);
  const sum = (f) => g.reduce((s, gi, i) => s + gi * f(i), 0);
  return {
    zhat,
    gamma: [0, 1].map((k) => p0.gamma[k] - lr * p1.W[k] * sum((i) => zhat[k][i])),
    beta: [0, 1].map((k) => p0.beta[k] - lr * p1.W[k] * sum(() => 1)),
    outBias: p1.b[0] - lr * sum(() => 1),
    runningMean: [0, 1].map((k) => keep * p0.runningMean[k] + (1 - keep) * m[k]),
    runningVar: [0, 1].map((k) => keep * p0.runningVar[k] + (1 - keep) * v[k]),
  };
}

for (const { name, simd } of FLAVOURS) {
  describe(`the engine computes what the README says (${name})`, () => {
    test("batch norm: ε, the biased variance and the running statistics' momentum", async () => {
      const lab = await labOf(simd);
      const bn = readmeBatchNorm();
      const data = dataOf(lab);
      const net = lab.network({ hidden: [{ units: 2, activation: 'linear', batchNorm: true }], output: 'sigmoid' });
      // small weights make the batch variance (~1e-5) as large as ε, so ε changes ẑ a lot
      [
        [0, 1e-3],
        [0, -2e-3],
        [1, 3e-3],
        [1, 1e-3],
      ].forEach(([k, w], i) => net.setWeight(0, k, i % 2, w));
      net.setBias(0, 0, 0.5);
      net.setWeight(1, 0, 0, 2);
      net.setWeight(1, 0, 1, -3);
      const p0 = net.layerParameters(0);
      const p1 = net.layerParameters(1);
      const want = batchNormStep(p0, p1, bn, STEP.learningRate);
      net.trainSteps(data, 1, STEP);
      const q0 = net.layerParameters(0);
      close(q0.runningMean, want.runningMean, 1e-5, 'running mean');
      close(q0.runningVar, want.runningVar, 1e-5, 'running variance');
      close(q0.gamma, want.gamma, 1e-4, 'γ after the step (∂L/∂γ = mean of δ·ẑ)');
      close(q0.beta, want.beta, 1e-4, 'β after the step');
      close(net.layerParameters(1).b, [want.outBias], 1e-5, 'output bias (the loss is a mean over the batch)');
      // the check can fail: another ε, or the unbiased variance, moves γ far beyond the tolerance
      for (const other of [
        { ...bn, eps: bn.eps * 10 },
        { ...bn, eps: 0 },
        { ...bn, biased: !bn.biased },
      ]) {
        const off = batchNormStep(p0, p1, other, STEP.learningRate).gamma;
        const gap = Math.max(...off.map((g, k) => Math.abs(g - want.gamma[k])));
        assert.ok(gap > 10 * 1e-4 * 3, `the reference is sensitive to ${JSON.stringify(other)} (γ moves ${gap})`);
      }
      net.dispose();
      data.dispose();
    });

    test('the square losses carry a ½ and are means over the batch (linear and tanh heads)', async () => {
      const lab = await labOf(simd);
      for (const output of ['linear', 'tanh']) {
        const regression = output === 'linear';
        const data = dataOf(lab, { regression });
        const net = lab.network({ hidden: [], output });
        net.setWeight(0, 0, 0, 0.3);
        net.setWeight(0, 0, 1, -0.2);
        net.setBias(0, 0, 0.1);
        const target = POINTS.map((p) => (regression ? p[3] : p[2] > 0.5 ? 1 : -1));
        const out = (w, c, [x, y]) => (regression ? c + w[0] * x + w[1] * y : Math.tanh(c + w[0] * x + w[1] * y));
        // L = mean ½(out − t)²  →  ∂L/∂z = (out − t)·out′ / n
        const dz = POINTS.map((p, i) => {
          const o = out([0.3, -0.2], 0.1, p);
          return ((o - target[i]) * (regression ? 1 : 1 - o * o)) / POINTS.length;
        });
        const lr = STEP.learningRate;
        const w = [0.3, -0.2].map((w0, k) => w0 - lr * dz.reduce((t, d, i) => t + d * POINTS[i][k], 0));
        const c = 0.1 - lr * dz.reduce((t, d) => t + d, 0);
        const m = net.trainSteps(data, 1, STEP).metrics;
        const p = net.layerParameters(0);
        close(p.W, w, 1e-5, `${output}: weights after the step`);
        close(p.b, [c], 1e-5, `${output}: bias after the step`);
        const loss = mean(POINTS.map((pt, i) => 0.5 * (out(w, c, pt) - target[i]) ** 2));
        close([m.trainLoss], [loss], 1e-5, `${output}: the reported training loss, mean ½(out − t)²`);
        net.dispose();
        data.dispose();
      }
    });

    test('L1 and L2 act on every layer’s weights, never on biases, α, γ or β', async () => {
      const lab = await labOf(simd);
      const data = dataOf(lab);
      const base = lab.network({ hidden: [{ units: 3, activation: 'prelu', batchNorm: true }, 4], seed: 5 });
      const rate = 0.05;
      const layers = (net) => [0, 1, 2].map((l) => net.layerParameters(l));
      const before = layers(base);
      const plain = base.clone();
      plain.trainSteps(data, 1, STEP);
      for (const [regularization, grad] of [
        ['l2', (w) => rate * w], // rate·½Σw²  →  rate·w
        ['l1', (w) => rate * Math.sign(w)], // rate·Σ|w|  →  rate·sign(w)
      ]) {
        const net = base.clone();
        net.trainSteps(data, 1, { ...STEP, regularization, regularizationRate: rate });
        layers(net).forEach((p, l) => {
          const q = plain.layerParameters(l);
          const want = Array.from(q.W, (w, i) => w - STEP.learningRate * grad(before[l].W[i]));
          close(p.W, want, 1e-6, `${regularization}: layer ${l} W`);
          for (const k of ['b', 'alpha', 'gamma', 'beta'])
            if (p[k])
              assert.deepEqual(Array.from(p[k]), Array.from(q[k]), `${regularization} leaves layer ${l}'s ${k} alone`);
        });
        net.dispose();
      }
      for (const n of [base, plain]) n.dispose();
      data.dispose();
    });
  });
}
