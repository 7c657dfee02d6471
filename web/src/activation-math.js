// activation-math.js — f and f′ of each activation, for DRAWING the activation panel only.
// Hazard: this repeats the engine's activation table (cpp/engine/activations.hpp) in JS because
// the facade exposes names, formulas and ranges but no way to evaluate a curve. It never feeds
// training; if the facade gains lab.activationCurve(), use it and delete this file.

const sig = (x) => 1 / (1 + Math.exp(-x));
const K = 0.7978845608;
const C = 0.044715;

/** { f(x, α), df(x, α, g0) } by activation name; g0 = the value taken for f′ at the kink. */
export const CURVES = {
  relu: { f: (x) => Math.max(0, x), df: (x, a, g0) => (x > 0 ? 1 : x < 0 ? 0 : g0), kink: true },
  leaky_relu: { f: (x, a) => (x > 0 ? x : a * x), df: (x, a, g0) => (x > 0 ? 1 : x < 0 ? a : a + (1 - a) * g0), kink: true },
  prelu: { f: (x, a) => (x > 0 ? x : a * x), df: (x, a, g0) => (x > 0 ? 1 : x < 0 ? a : a + (1 - a) * g0), kink: true },
  elu: { f: (x, a) => (x >= 0 ? x : a * (Math.exp(x) - 1)), df: (x, a, g0) => (x > 0 ? 1 : x < 0 ? a * Math.exp(x) : a + (1 - a) * g0), kink: true },
  gelu: {
    f: (x) => 0.5 * x * (1 + Math.tanh(K * (x + C * x ** 3))),
    df: (x) => {
      const t = Math.tanh(K * (x + C * x ** 3));
      return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * K * (1 + 3 * C * x * x);
    },
  },
  silu: { f: (x) => x * sig(x), df: (x) => sig(x) * (1 + x * (1 - sig(x))) },
  softplus: { f: (x) => Math.log1p(Math.exp(-Math.abs(x))) + Math.max(0, x), df: (x) => sig(x) },
  sigmoid: { f: sig, df: (x) => sig(x) * (1 - sig(x)) },
  tanh: { f: Math.tanh, df: (x) => 1 - Math.tanh(x) ** 2 },
  linear: { f: (x) => x, df: () => 1 },
};
