#!/usr/bin/env node
// approx-error.mjs — how far the engine's activations (float32, fast tanh / sigmoid / exp) are from
// the same formulas in float64, per activation, for f and f′: the largest absolute error over
// x in [−20, 20], and the largest relative error where |exact| ≥ 1e-3 (below that a relative
// error says more about float32 than about the kernel). README's "Approximation errors" table is
// this command's output rounded up to two digits; tests/js/approx-error.test.mjs fails when the
// two disagree. Both builds compute the same bits (the test checks that too).
// Usage: node bench/approx-error.mjs [--scalar] [--table]   → one JSON line per activation, or
//        README's table
import { load } from 'relu-lab';

const sigmoid = (z) => 1 / (1 + Math.exp(-z));
const K = Math.sqrt(2 / Math.PI);
const C = 0.044715;
/** The exact (float64) f and f′ of each activation the engine approximates; alpha: its default. */
export const EXACT = {
  tanh: { f: Math.tanh, df: (z) => 1 - Math.tanh(z) ** 2 },
  sigmoid: { f: sigmoid, df: (z) => sigmoid(z) * (1 - sigmoid(z)) },
  softplus: { f: (z) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))), df: sigmoid },
  silu: { f: (z) => z * sigmoid(z), df: (z) => sigmoid(z) * (1 + z * (1 - sigmoid(z))) },
  gelu: {
    f: (z) => 0.5 * z * (1 + Math.tanh(K * (z + C * z ** 3))),
    df: (z) => {
      const t = Math.tanh(K * (z + C * z ** 3));
      return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * K * (1 + 3 * C * z * z);
    },
  },
  elu: { f: (z, a) => (z >= 0 ? z : a * Math.expm1(z)), df: (z, a) => (z > 0 ? 1 : a * Math.exp(z)) },
};

/** x in [−20, 20]: a uniform grid plus a dense one on [−1, 1] (where the cancellations are). */
export function grid() {
  const xs = [];
  for (let i = 0; i <= 400000; i++) xs.push(-20 + i / 10000);
  for (let i = 1; i <= 20000; i++) xs.push(-(10 ** (-6 + (6 * i) / 20000)), 10 ** (-6 + (6 * i) / 20000));
  return Float32Array.from(xs);
}

/** { name, f: { abs, rel }, df: { abs, rel } } per approximated activation, in the engine's float32. */
export function measure(lab) {
  const xs = grid();
  return Object.entries(EXACT).map(([name, exact]) => {
    const alpha = lab.activations.find((a) => a.name === name).defaultAlpha;
    const got = lab.activationCurve(name, xs);
    const err = (values, fn) => {
      let abs = 0;
      let rel = 0;
      for (let i = 0; i < xs.length; i++) {
        if (xs[i] === 0) continue; // a kink's value is a choice, not an approximation
        const e = fn(xs[i], alpha);
        const d = Math.abs(values[i] - e);
        abs = Math.max(abs, d);
        if (Math.abs(e) >= 1e-3) rel = Math.max(rel, d / Math.abs(e));
      }
      return { abs, rel };
    };
    return { name, f: err(got.f, exact.f), df: err(got.df, exact.df) };
  });
}

/** v rounded up to two significant digits, as text: 3.247e-7 → "3.3e-7". */
export function ceil2(v) {
  if (v === 0) return '0';
  const e = Math.floor(Math.log10(v));
  const m = Math.ceil((v / 10 ** e) * 10 - 1e-9) / 10;
  return m >= 10 ? `1e${e + 1}` : `${m}e${e}`;
}

/** README's table: every bound is the measurement rounded up. */
export function table(rows) {
  const head = ['| activation | f: absolute | f: relative | f′: absolute | f′: relative |', '|---|---|---|---|---|'];
  const line = (r) => `| ${r.name} | ${ceil2(r.f.abs)} | ${ceil2(r.f.rel)} | ${ceil2(r.df.abs)} | ${ceil2(r.df.rel)} |`;
  return [...head, ...rows.map(line)].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const lab = await load({ simd: !process.argv.includes('--scalar') });
  const rows = measure(lab);
  if (process.argv.includes('--table')) console.log(table(rows));
  else for (const r of rows) console.log(JSON.stringify({ bench: 'approx-error', simd: lab.simd, ...r }));
}
