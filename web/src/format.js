// format.js — the one number formatter of the page (issue #19: "2.6e-4" beside "0.002", a
// gradient of 0.004 shown as "0"). Significant digits, not decimal places: a small number keeps
// its first digits, a big one is never cut short of its integer part. Also an output range
// written as mathematics, with a bracket where the bound is reached ("[0, ∞)" for ReLU).

/** Below this magnitude (and not 0), numbers read as 2.6e-5. */
const TINY = 1e-4;
/** From this magnitude, numbers read as 1.2e9. */
const HUGE = 1e9;

/**
 * v with `sig` significant digits: 0.68234 → "0.682", 0.004 → "0.004", 0.0041234 → "0.00412",
 * 1234.5 → "1235", 2.6e-5 → "2.6e-5"; trailing zeros dropped; null or NaN → "—"; ±∞ → "∞".
 */
export function formatNumber(v, sig = 3) {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (typeof v !== 'number') v = Number(v);
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < TINY || a >= HUGE) {
    const [m, e] = v.toExponential(Math.max(0, Math.min(sig, 3) - 1)).split('e');
    return `${Number(m)}e${Number(e)}`;
  }
  const before = Math.floor(Math.log10(a)) + 1; // digits before the point (≤ 0 below 1)
  const decimals = Math.min(20, Math.max(0, sig - before));
  const s = Number(v.toFixed(decimals)).toString();
  return s === '-0' ? '0' : s;
}

// Activations whose lowest value is reached (ReLU's 0 at every x ≤ 0; GELU's and SiLU's minimum
// at one x): their range opens with "[". Every other bound is an asymptote or infinite ("(").
// tests/js/format.test.mjs checks this list against the engine's own curves.
export const LOW_BOUND_REACHED = new Set(['relu', 'gelu', 'silu']);

/** An activation's output range: "[0, ∞)", "(−1, 1)", "(−∞, ∞)". */
export function formatRange(name, lo, hi) {
  const open = LOW_BOUND_REACHED.has(name) && Number.isFinite(lo) ? '[' : '(';
  const num = (v) => (v === -Infinity ? '−∞' : formatNumber(v).replace(/^-/, '−'));
  return `${open}${num(lo)}, ${num(hi)})`;
}

/**
 * The engine's formula as mathematics, not code (issue #19): "x > 0 ? x : αx" reads
 * "x if x > 0, αx otherwise"; a trailing note in brackets stays; any other formula is as given.
 */
export function formatFormula(formula) {
  const m = /^(.+?) \? (.+?) : (.+?)( \([^()]*\))?$/.exec(String(formula ?? ''));
  return m ? `${m[2]} if ${m[1]}, ${m[3]} otherwise${m[4] ?? ''}` : String(formula ?? '');
}

/** Round tick values from 0 to max: about `count` of them, steps of 1, 2 or 5 × 10ⁿ (whole for epochs). */
export function niceTicks(max, count = 5, whole = true) {
  if (!(max > 0)) return [0];
  const raw = max / Math.max(1, count);
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(
    whole ? 1 : 0,
    [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw),
  );
  const ticks = [];
  for (let v = 0; v <= max + 1e-9 * step; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}
