// palette.test.mjs — the map painters (web/src/palette.js, pure functions: no browser needed)
// write, pixel for pixel, what a plain per-byte reading of their documentation writes: each
// output value's place on the diverging ramp, NaN neutral, softmax by winning class.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { CLASS_COLORS, DIVERGING, paintOutput, paintUnit } from '../../web/src/palette.js';

// The oracle: one pixel at a time, four bytes each, the ramp index clamped as a number.
const MID = [246, 246, 244];
function ramp(rgba, o, t) {
  const j = Math.max(0, Math.min(255, Math.floor(t * 255))) * 4;
  for (let c = 0; c < 4; c++) rgba[o + c] = DIVERGING[j + c];
}
function oracleOutput(out, n, k, head, { discretize = false, range = 1 } = {}) {
  const rgba = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    if (k > 1) {
      let best = 0;
      for (let c = 1; c < k; c++) if (out[i * k + c] > out[i * k + best]) best = c;
      const col = CLASS_COLORS[best % CLASS_COLORS.length];
      const a = discretize ? 0.7 : Math.max(0, Math.min(1, (out[i * k + best] - 1 / k) / (1 - 1 / k))) * 0.85;
      for (let c = 0; c < 3; c++) rgba[i * 4 + c] = MID[c] + (col[c] - MID[c]) * a;
      rgba[i * 4 + 3] = 255;
      continue;
    }
    let t = out[i];
    if (head === 'tanh') t = (t + 1) / 2;
    else if (head === 'linear') t = t / (2 * range) + 0.5;
    if (Number.isNaN(t)) t = 0.5;
    if (discretize) t = head === 'linear' ? Math.round(t * 8) / 8 : t > 0.5 ? 0.85 : 0.15;
    ramp(rgba, i * 4, t);
  }
  return rgba;
}

// Values over and past every head's range, the kinks of the ramp, and the non-finite ones.
function values(n, k, seed) {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const special = [NaN, Infinity, -Infinity, 0, -0, 0.5, 1, -1, 1e12, -1e12, 3e38, 1 / 255, 254.5 / 255];
  return Float32Array.from({ length: n * k }, (_, i) =>
    i < special.length ? special[i] : rand() * (i % 3 ? 1.2 : 40),
  );
}

test('paintOutput writes the documented colour of every value, for every head and option', () => {
  const n = 4099; // not a multiple of anything the painters might unroll by
  for (const [head, k] of [
    ['sigmoid', 1],
    ['tanh', 1],
    ['linear', 1],
    ['softmax', 3],
    ['softmax', 8],
  ])
    for (const opts of [{}, { discretize: true }, { range: 3 }, { discretize: true, range: 0.7 }]) {
      const out = values(n, k, 7 + k);
      const got = paintOutput(out, n, 1, k, head, new Uint8ClampedArray(n * 4), opts);
      assert.deepEqual(got, oracleOutput(out, n, k, head, opts), `${head} ${JSON.stringify(opts)}`);
    }
});

test('paintUnit colours a unit by its own largest finite |a|, NaN white', () => {
  const n = 1031;
  const vals = values(n + 5, 1, 3);
  const offset = 5;
  const got = paintUnit(vals, offset, n, new Uint8ClampedArray(n * 4));
  let m = 1e-6;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(vals[offset + i]);
    if (a > m && a < Infinity) m = a;
  }
  const want = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    const t = vals[offset + i] / m;
    ramp(want, i * 4, Number.isNaN(t) ? 0.5 : t * 0.5 + 0.5);
  }
  assert.deepEqual(got, want);
});

test('a value too large for a 32-bit index still lands at the end of the ramp', () => {
  // (t · 255) | 0 wraps past 2³¹: a regression output of 1e12 was painted orange, not blue.
  const rgba = paintOutput(new Float32Array([1e12, Infinity, -1e12]), 3, 1, 1, 'linear', new Uint8ClampedArray(12));
  assert.deepEqual([...rgba.subarray(0, 4)], [...DIVERGING.subarray(255 * 4, 256 * 4)]);
  assert.deepEqual([...rgba.subarray(4, 8)], [...DIVERGING.subarray(255 * 4, 256 * 4)]);
  assert.deepEqual([...rgba.subarray(8, 12)], [...DIVERGING.subarray(0, 4)]);
});
