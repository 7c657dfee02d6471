// The page's one number formatter and its ranges and formulas (web/src/format.js, issue #19).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNumber, formatRange, formatFormula, niceTicks, LOW_BOUND_REACHED } from '../../web/src/format.js';
import { labOf } from './helpers.mjs';

test('significant digits: small numbers keep their first digits, never "0"', () => {
  const cases = [
    [0.68234, '0.682'],
    [0.004, '0.004'],
    [0.0041234, '0.00412'],
    [0.00026, '0.00026'],
    [2.6e-5, '2.6e-5'],
    [1e-5, '1e-5'],
    [-0.8, '-0.8'],
    [1234.5, '1235'],
    [0.1 + 0.2, '0.3'],
    [3e12, '3e12'],
    [0, '0'],
    [-0, '0'],
    [NaN, '—'],
    [null, '—'],
    [Infinity, '∞'],
    [-Infinity, '−∞'],
  ];
  for (const [v, want] of cases) assert.equal(formatNumber(v), want, `formatNumber(${v})`);
  assert.equal(formatNumber(0.0041234, 2), '0.0041');
  assert.equal(formatNumber(0.004, 2), '0.004', 'a gradient of 0.004 is not "0"');
});

test('ranges: a bracket where the bound is reached', () => {
  assert.equal(formatRange('relu', 0, Infinity), '[0, ∞)');
  assert.equal(formatRange('sigmoid', 0, 1), '(0, 1)');
  assert.equal(formatRange('tanh', -1, 1), '(−1, 1)');
  assert.equal(formatRange('leaky_relu', -Infinity, Infinity), '(−∞, ∞)');
});

test('formulas read as mathematics, not code', () => {
  assert.equal(formatFormula('x > 0 ? x : αx'), 'x if x > 0, αx otherwise');
  assert.equal(formatFormula('x ≥ 0 ? x : α(eˣ − 1)'), 'x if x ≥ 0, α(eˣ − 1) otherwise');
  assert.equal(formatFormula('x > 0 ? x : αx (α learned per unit)'), 'x if x > 0, αx otherwise (α learned per unit)');
  assert.equal(formatFormula('max(0, x)'), 'max(0, x)');
});

test("which lower bounds are reached agrees with the engine's curves", async () => {
  const lab = await labOf(true);
  const xs = Float32Array.from({ length: 4001 }, (_, i) => -20 + i / 100);
  for (const a of lab.activations) {
    const [lo] = a.range;
    if (!Number.isFinite(lo)) continue;
    const { f } = lab.activationCurve(a.name, xs);
    // an asymptote is not reached on x in [−3, 3] (tanh(−3) is 0.005 above −1); a reached bound
    // is, to the 3 digits the engine's table gives it in (GELU's −0.17)
    const nearMiddle = Math.min(...f.slice(1700, 2301));
    const reached = Math.abs(nearMiddle - lo) <= 1e-3 * Math.max(1, Math.abs(lo));
    assert.equal(
      LOW_BOUND_REACHED.has(a.name),
      reached,
      `${a.name}: lowest ${nearMiddle} on [−3, 3], range from ${lo}`,
    );
  }
});

test('epoch ticks are round numbers from 0, about as many as asked', () => {
  assert.deepEqual(niceTicks(200, 5), [0, 50, 100, 150, 200]);
  assert.deepEqual(niceTicks(23, 5), [0, 5, 10, 15, 20]);
  assert.deepEqual(niceTicks(4, 5), [0, 1, 2, 3, 4]);
  assert.deepEqual(niceTicks(1, 5), [0, 1], 'whole epochs only');
  assert.deepEqual(niceTicks(0), [0]);
});
