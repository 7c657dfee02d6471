// activation-curves.js — the samples of f and f′ that the activation panel draws, from the
// engine's one table of activations (lab.activationCurve, asked through the worker's `curve`
// request): the page keeps no copy of the formulas. Curves are cached per (activation, α,
// ReLU′(0)), so a repaint (a resize, the same config again) never asks the worker twice.
// What it is not: a view (it draws nothing), nor a way to evaluate anything that trains.

export const X_MIN = -4;
export const X_MAX = 4;
export const STEPS = 200; // the grid has STEPS + 1 points; x = 0 is one of them (i = STEPS / 2)

/** Where the probes around the kink at 0 sit in XS: just left of 0, just right of 0, and −1. */
export const PROBE = { left: STEPS + 1, right: STEPS + 2, minusOne: STEPS + 3 };

/** The x of every sample: the grid X_MIN … X_MAX, then the probes. */
export const XS = Float32Array.from({ length: STEPS + 4 }, (_, i) =>
  i <= STEPS ? X_MIN + (i / STEPS) * (X_MAX - X_MIN) : [-1e-6, 1e-6, -1][i - STEPS - 1],
);

const MAX_ENTRIES = 64; // α has a slider: dragging it asks for many curves; keep the recent ones

/**
 * request({ activation, xs, alpha, reluGradAtZero }) → Promise<{ f, df }> (the worker's `curve`);
 * onReady(): a curve asked for earlier has arrived (the panel repaints if it is still the one shown).
 */
export function createCurveCache(request, onReady) {
  const cache = new Map(); // key → curve, or null while its request is in flight

  /**
   * The curve of one activation, or null until the engine has answered (the request is sent on
   * the first call). α: null for the activation's default or when it has none; g0 only matters
   * at a kink, so callers pass 0 for smooth activations (one entry per curve, not per setting).
   */
  function get(activation, alpha, g0) {
    const key = `${activation}|${alpha}|${g0}`;
    if (cache.has(key)) return cache.get(key);
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value);
    cache.set(key, null);
    request({ activation, xs: XS.slice(), alpha, reluGradAtZero: g0 }).then(
      ({ f, df }) => {
        cache.set(key, { activation, alpha, reluGradAtZero: g0, x: XS, f, df });
        onReady();
      },
      () => cache.delete(key),
    ); // a failed request (engine stopped or not started) is asked again later
    return null;
  }

  return { get };
}
