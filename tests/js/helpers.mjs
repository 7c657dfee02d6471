// helpers.mjs — shared by the node:test files: both builds, loaded once per process.
import { load } from 'relu-lab';

/** The two builds, by name. */
export const FLAVOURS = [
  { name: 'simd', simd: true },
  { name: 'scalar', simd: false },
];

const labs = new Map();
/** The lab of one build (loaded once, shared by the tests of a file). */
export function labOf(simd) {
  if (!labs.has(simd)) labs.set(simd, load({ simd }));
  return labs.get(simd);
}

/** [x0, y0, x1, y1, …] on an n × n grid over [-6, 6]². */
export function gridPoints(n = 16) {
  const p = new Float32Array(2 * n * n);
  for (let j = 0; j < n; ++j)
    for (let i = 0; i < n; ++i) p.set([-6 + (12 * (i + 0.5)) / n, 6 - (12 * (j + 0.5)) / n], 2 * (j * n + i));
  return p;
}

/** Largest |a[i] − b[i]|, and where. */
export function maxDiff(a, b) {
  let worst = 0,
    at = -1;
  for (let i = 0; i < a.length; ++i) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= worst)) ((worst = d), (at = i));
  }
  return { worst, at };
}
