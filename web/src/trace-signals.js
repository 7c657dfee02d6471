// trace-signals.js — what the network view draws for one traced point, as numbers (issue 15):
// the signal each link carries forward (a_i·w_oi), the gradient it carries back
// (w_oi·∂L/∂z_o), a nudge's change of each weight, and the sentence that tells each stage of
// the Step sequence. Pure functions of the worker's trace and weights: no DOM, no engine.
// The link values come out as "pseudo-weights" ({ W: rows } per layer, like the view's weights)
// scaled so that the largest is ±1: the network view's batched link painter (network-links.js)
// then draws them by class and sign exactly as it draws weights, so trace mode costs no new
// painter and no more strokes.
import { fmt } from './dom.js';

/** The value of each input feature at (x, y), in the order the network reads them. */
export function inputValues(x, y, features) {
  const v = { x, y, x2: x * x, y2: y * y, xy: x * y, sinx: Math.sin(x), siny: Math.sin(y) };
  return features.map((f) => {
    if (!(f in v)) throw new RangeError(`inputValues: unknown feature ${JSON.stringify(f)}`);
    return v[f];
  });
}

/** Rows (units × inputs) of f(o, i, w) over weights[l].W, divided by their largest |value| over all layers. */
function scaled(weights, f) {
  let top = 0;
  const layers = weights.map(({ W }, l) =>
    W.map((row, o) =>
      Float64Array.from(row, (w, i) => {
        const v = f(l, o, i, w);
        if (Number.isFinite(v)) top = Math.max(top, Math.abs(v));
        return v;
      }),
    ),
  );
  if (top > 0) for (const L of layers) for (const row of L) for (let i = 0; i < row.length; i++) row[i] /= top;
  return { links: layers.map((W) => ({ W })), top };
}

/**
 * Forward: the signal each link carries for this point, a_i·w_oi (a: the inputs' values for the
 * first layer, the previous hidden layer's activations after it) → { links, top }; top is the
 * largest |a·w| (links are that divided by top).
 */
export function forwardLinks(trace, weights, inputs) {
  const a = [inputs, ...trace.layers.map((L) => L.a)];
  return scaled(weights, (l, o, i, w) => a[l][i] * w);
}

/**
 * Backward: the gradient each link carries back to its input, w_oi·∂L/∂z_o (∂L/∂z of the unit it
 * feeds; the output's for the last layer) → { links, top }.
 */
export function backwardLinks(trace, weights) {
  const d = [...trace.layers.map((L) => L.dLdz), trace.output.dLdz];
  return scaled(weights, (l, o, i, w) => w * d[l][o]);
}

/** A nudge's change of every weight (steps[l].dW: lr·∂L/∂w, row-major; the weight moved by −that). */
export function deltaLinks(steps, weights) {
  return scaled(weights, (l, o, i) => -steps[l].dW[o * weights[l].W[o].length + i]);
}

/** The open gates of a region's row of `gates` (count × hidden units), split per layer. */
export function regionGates(regions, id, units) {
  const U = units.reduce((a, b) => a + b, 0);
  const row = regions.gates.subarray(id * U, (id + 1) * U);
  let k = 0;
  return units.map((n) => Array.from({ length: n }, () => row[k++] === 1));
}

/** The region id under domain point (x, y) on a regions grid over [−e, e]² (null outside it). */
export function regionAt(regions, x, y, e) {
  const i = Math.floor(((x + e) / (2 * e)) * regions.width);
  const j = Math.floor(((e - y) / (2 * e)) * regions.height);
  if (i < 0 || j < 0 || i >= regions.width || j >= regions.height) return null;
  return regions.ids[j * regions.width + i];
}

/** What a screen reader hears once a traced point's pass has come: its gates, prediction and loss. */
export function traceSentence(trace) {
  const { open, all } = gateCount(trace);
  const pred = Array.from(trace.output.prediction, (v) => fmt(v)).join(', ');
  return `${open} of ${all} hidden gates open; prediction ${pred}, loss ${fmt(trace.output.loss)}.`;
}

export const STAGES = ['forward', 'loss', 'backward', 'update'];

/** Open gates and units over the hidden layers of a trace. */
function gateCount(trace) {
  let open = 0,
    all = 0;
  for (const L of trace.layers)
    for (const g of L.gate) {
      open += g === 1 ? 1 : 0;
      all++;
    }
  return { open, all };
}

/** The hidden unit with the largest |∂L/∂z| → { l, u, v } (v 0 when no gradient reaches any). */
function largestGradient(trace) {
  let best = { l: 0, u: 0, v: 0 };
  trace.layers.forEach((L, l) =>
    L.dLdz.forEach((d, u) => {
      if (Math.abs(d) > best.v) best = { l, u, v: Math.abs(d) };
    }),
  );
  return best;
}

/**
 * The one sentence that explains a Step stage, generated from this trace's numbers. stage: one of
 * STAGES; nudge: { steps, learningRate } after the update (its largest change is named).
 */
export function stageSentence(stage, trace, { learningRate, nudge = null } = {}) {
  const { open, all } = gateCount(trace);
  const { x, y, label } = trace.point;
  const out = trace.output;
  if (stage === 'forward')
    return `Forward: the point (${fmt(x)}, ${fmt(y)}) flows through the network; ${open} of ${all} hidden gates are open (z > 0) and pass it on, the ${all - open} closed ones pass 0.`;
  if (stage === 'loss')
    return `Loss: the network predicts ${Array.from(out.prediction, (v) => fmt(v)).join(', ')} for label ${fmt(label)}, so this point's loss is ${fmt(out.loss)}.`;
  if (stage === 'backward') {
    const g = largestGradient(trace);
    const where = g.v > 0 ? `; the largest |∂L/∂z| is ${fmt(g.v)}, at layer ${g.l + 1} unit ${g.u + 1}` : '';
    return `Backward: ∂L/∂z flows from the output back through the ${open} open gates only; the ${all - open} closed gates stop it (0: gate closed)${where}.`;
  }
  if (stage === 'update') {
    let best = { v: 0, l: 0, bias: false };
    for (const [l, s] of (nudge?.steps ?? []).entries()) {
      s.dW.forEach((v, k) => Math.abs(v) > best.v && (best = { v: Math.abs(v), l, k, bias: false }));
      s.db.forEach((v, k) => Math.abs(v) > best.v && (best = { v: Math.abs(v), l, k, bias: true }));
    }
    const layer = best.l === trace.layers.length ? 'the output layer' : `layer ${best.l + 1}`;
    const what =
      best.v > 0 ? `; the largest change was ${fmt(best.v)}, of a ${best.bias ? 'bias' : 'weight'} in ${layer}` : '';
    return `Update: every weight and bias moved by −${fmt(learningRate)} × its gradient for this point (one SGD step, undoable)${what}.`;
  }
  throw new RangeError(`stageSentence: stage must be one of ${STAGES.join(', ')}, got ${JSON.stringify(stage)}`);
}
