// activation-curve.test.mjs — lab.activationCurve gives the engine's f and f′ of every activation
// in the schema, checked against a plain JS reference (float64) with a stated tolerance, with the
// ReLU′(0) convention and α applied as the engine's table documents (cpp/engine/activations.hpp).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { ACTIVATIONS, LIMITS } from 'relu-lab';
import { FLAVOURS, labOf } from './helpers.mjs';

// |engine − reference| ≤ TOL · max(1, |reference|): the engine computes in float32 with a rational
// tanh and a polynomial exp (absolute error < 4e-7, fastmath.hpp). RANGE goes well past the
// playground's [-6, 6] into saturation, where GELU′ multiplies any error of 1 − tanh² by ~x³/10
// (tanh saturates to exactly ±1 there, so it must be 0).
const TOL = 1e-5;
const RANGE = 20;

// The derivative at a kink between slopes `left` and `right`: left + g0 · (right − left).
const kink = (x, left, right, g0) => (x > 0 ? right : x < 0 ? left : left + g0 * (right - left));
const sig = (x) => 1 / (1 + Math.exp(-x));
const K = Math.sqrt(2 / Math.PI),
  C = 0.044715;
const leaky = { f: (x, a) => (x > 0 ? x : a * x), df: (x, a, g0) => kink(x, a, 1, g0) };
const REFERENCE = {
  relu: { f: (x) => Math.max(0, x), df: (x, a, g0) => kink(x, 0, 1, g0) },
  leaky_relu: leaky,
  prelu: leaky,
  elu: {
    f: (x, a) => (x >= 0 ? x : a * Math.expm1(x)),
    df: (x, a, g0) => (x < 0 ? a * Math.exp(x) : kink(x, a, 1, g0)),
  },
  gelu: {
    f: (x) => 0.5 * x * (1 + Math.tanh(K * (x + C * x ** 3))),
    df: (x) => {
      const t = Math.tanh(K * (x + C * x ** 3));
      return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * K * (1 + 3 * C * x * x);
    },
  },
  silu: { f: (x) => x * sig(x), df: (x) => sig(x) * (1 + x * (1 - sig(x))) },
  softplus: { f: (x) => Math.max(0, x) + Math.log1p(Math.exp(-Math.abs(x))), df: sig },
  sigmoid: { f: sig, df: (x) => sig(x) * (1 - sig(x)) },
  tanh: { f: Math.tanh, df: (x) => 1 - Math.tanh(x) ** 2 },
  linear: { f: (x) => x, df: () => 1 },
};

/** xs from −RANGE to RANGE in steps of 1/16: 0 and the kinks' neighbours included exactly. */
const XS = Float32Array.from({ length: 32 * RANGE + 1 }, (_, i) => -RANGE + i / 16);

/** The first value out of tolerance, as a message; null when all agree. */
function mismatch(what, xs, got, want) {
  for (let i = 0; i < xs.length; ++i) {
    if (!(Math.abs(got[i] - want[i]) <= TOL * Math.max(1, Math.abs(want[i])))) {
      return `${what} at x = ${xs[i]}: engine ${got[i]}, reference ${want[i]} (first of the mismatches)`;
    }
  }
  return null;
}

function checkCurve(lab, name, alpha, g0, xs = XS) {
  const options = {};
  if (alpha !== undefined) options.alpha = alpha;
  if (g0 !== undefined) options.reluGradAtZero = g0;
  const { f, df } = lab.activationCurve(name, xs, options);
  const a = alpha ?? lab.activations.find((x) => x.name === name).defaultAlpha;
  const ref = REFERENCE[name];
  const label = `${name} (α = ${a}, g0 = ${g0 ?? 0})`;
  assert.equal(f.length, xs.length);
  assert.equal(df.length, xs.length);
  const bad =
    mismatch(
      `${label} f`,
      xs,
      f,
      Array.from(xs, (x) => ref.f(x, Math.fround(a))),
    ) ??
    mismatch(
      `${label} f′`,
      xs,
      df,
      Array.from(xs, (x) => ref.df(x, Math.fround(a), g0 ?? 0)),
    );
  assert.equal(bad, null, bad);
}

for (const { name: flavour, simd } of FLAVOURS) {
  describe(`lab.activationCurve on the ${flavour} build`, () => {
    let lab;
    before(async () => (lab = await labOf(simd)));

    test("the reference covers exactly the schema's activations", () => {
      assert.deepEqual(Object.keys(REFERENCE).sort(), [...ACTIVATIONS].sort());
    });

    test('every activation matches the JS reference on [-20, 20] with its default α', () => {
      for (const name of ACTIVATIONS) checkCurve(lab, name);
    });

    test('at 0 the ReLU family takes left + g0·(right − left) for each reluGradAtZero; elsewhere g0 changes nothing', () => {
      const xs = [-1e-3, 0, 1e-3];
      for (const name of ['relu', 'leaky_relu', 'prelu', 'elu']) {
        const a = lab.activations.find((x) => x.name === name).defaultAlpha;
        for (const g0 of [0, 0.5, 1]) {
          const { f, df } = lab.activationCurve(name, xs, { reluGradAtZero: g0 });
          assert.equal(f[1], 0, `${name}(0)`);
          assert.ok(Math.abs(df[1] - (a + g0 * (1 - a))) < 1e-7, `${name}′(0) with g0 = ${g0}: ${df[1]}`);
          assert.equal(df[2], 1, `${name}′(0.001) with g0 = ${g0}`);
          checkCurve(lab, name, undefined, g0);
        }
      }
      const at0 = (g0) => lab.activationCurve('relu', [0], { reluGradAtZero: g0 }).df[0];
      assert.deepEqual([at0(0), at0(0.5), at0(1)], [0, 0.5, 1]);
      assert.equal(lab.activationCurve('relu', [0]).df[0], 0, "the default is the network's default, 0");
    });

    test('α is the leak of leaky_relu and prelu and the scale of elu; null means the default', () => {
      for (const name of ['leaky_relu', 'prelu', 'elu']) {
        for (const alpha of [0, 0.3, 2, 10]) checkCurve(lab, name, alpha);
        const def = lab.activationCurve(name, XS);
        assert.deepEqual(lab.activationCurve(name, XS, { alpha: null }), def);
        const a = lab.activations.find((x) => x.name === name).defaultAlpha;
        assert.deepEqual(lab.activationCurve(name, XS, { alpha: a }), def);
        assert.notDeepEqual(lab.activationCurve(name, XS, { alpha: a + 0.5 }), def, `${name}: α is used`);
      }
      assert.equal(lab.activationCurve('leaky_relu', [-2], { alpha: 0.3 }).f[0], Math.fround(-0.6));
      // Activations without α ignore it.
      assert.deepEqual(lab.activationCurve('tanh', XS, { alpha: 5 }), lab.activationCurve('tanh', XS));
    });

    test('stays finite out to ±limits.maxCoordinate', () => {
      const xs = [-LIMITS.maxCoordinate, -100, 100, LIMITS.maxCoordinate];
      for (const name of ACTIVATIONS) {
        const { f, df } = lab.activationCurve(name, xs);
        assert.ok([...f, ...df].every(Number.isFinite), `${name}: ${f} / ${df}`);
      }
    });

    test('takes arrays and typed arrays, and returns fresh Float32Array copies', () => {
      const a = lab.activationCurve('tanh', [-1, 0, 1]);
      assert.ok(a.f instanceof Float32Array && a.df instanceof Float32Array);
      assert.deepEqual(Object.keys(a), ['f', 'df']);
      assert.deepEqual(lab.activationCurve('tanh', Float64Array.of(-1, 0, 1)), a);
      assert.deepEqual(lab.activationCurve('tanh', Int8Array.of(-1, 0, 1)), a);
      a.f.fill(9);
      assert.notEqual(lab.activationCurve('tanh', [1]).f[0], 9);
      const none = lab.activationCurve('relu', []);
      assert.equal(none.f.length + none.df.length, 0);
    });

    test('the SIMD and scalar builds give the same bits', async () => {
      const other = await labOf(!simd);
      for (const name of ACTIVATIONS) {
        assert.deepEqual(
          lab.activationCurve(name, XS, { reluGradAtZero: 0.5 }),
          other.activationCurve(name, XS, { reluGradAtZero: 0.5 }),
          name,
        );
      }
    });

    test('bad input is a TypeError or RangeError naming the field', () => {
      const bad = [
        [['relux', [0]], RangeError, /^lab\.activationCurve: activation must be one of "relu", /],
        [[undefined, [0]], TypeError, /activation must be one of .* \(got undefined\)/],
        [['relu', [0, 1, 2, NaN]], RangeError, /xs\[3\] must be a finite number \(got NaN\)/],
        [['relu', [0, '1']], TypeError, /xs\[1\] must be a number \(got "1"\)/],
        [['relu', [0, -2 * LIMITS.maxCoordinate]], RangeError, /xs\[1\] must be a number in \[-10000, 10000\]/],
        [['relu', new Float32Array(LIMITS.maxPredictPoints + 1)], RangeError, /xs must be at most 2097152 values long/],
        [['relu', new BigInt64Array(1)], TypeError, /xs must be a Float32Array or array of numbers/],
        [['relu', new DataView(new ArrayBuffer(4))], TypeError, /xs must be/],
        [['relu', [0], { alpha: -0.1 }], RangeError, /alpha must be a number in \[0, 10\] or null \(got -0.1\)/],
        [['relu', [0], { reluGradAtZero: 0.25 }], RangeError, /reluGradAtZero must be one of 0, 0.5, 1 \(got 0.25\)/],
        [['relu', [0], { reluGradAtZero: '1' }], TypeError, /reluGradAtZero/],
        [['relu', [0], { slope: 1 }], TypeError, /unknown option "slope"; allowed: alpha, reluGradAtZero/],
        [['relu', [0], 0.5], TypeError, /options must be a plain object/],
      ];
      for (const [args, Kind, message] of bad) {
        assert.throws(
          () => lab.activationCurve(...args),
          (e) => e.constructor === Kind && message.test(e.message),
          `activationCurve(${args.map(String).join(', ')})`,
        );
      }
      checkCurve(lab, 'relu'); // and the lab works on
    });
  });
}
