// network-links.js — the links between the network view's columns: painting them (coloured by
// sign, sized by |weight|) and finding the one under a click. Pure functions of the weights and
// the nodes' boxes (network-geometry.js); no DOM, no state. Not here: the tiles painted over the
// links (network-tiles.js), the click listener and what an edit does (network-view.js).
// A link is a cubic Bézier from the right edge of its input node to the left edge of its unit,
// both control points at the middle x; painting and hit-testing walk the links in one order
// (forEachLink), so a later link is painted over an earlier one and, at equal distance, the
// earlier one is picked.
import { ORANGE, BLUE, rgb } from '../palette.js';

const HIT_RADIUS = 6; // css px from a link's sampled curve that still counts as a click on it
const HIT_SAMPLES = 16; // segments of the curve sampled by the hit test

/**
 * fn(l, o, i, w, f, t) for each link of weights (the layers' { W }, W[o][i]: input i → unit o)
 * between columns[l] and columns[l + 1] (node boxes; the last layer's units all go to the one
 * output node), skipping a link whose node is not there.
 */
function forEachLink(weights, columns, fn) {
  for (let l = 0; l < weights.length && l + 1 < columns.length; l++) {
    const from = columns[l];
    const to = columns[l + 1];
    const W = weights[l].W;
    const isOut = l === weights.length - 1;
    for (let o = 0; o < W.length; o++) {
      const t = isOut ? to[0] : to[o];
      if (!t) continue;
      for (let i = 0; i < W[o].length; i++) {
        const f = from[i];
        if (!f) continue;
        fn(l, o, i, W[o][i], f, t);
      }
    }
  }
}

/** Paint every link; a non-finite weight is drawn thin and red. */
export function paintLinks(ctx, weights, columns) {
  let maxW = 1e-6;
  for (const L of weights)
    for (const row of L.W) for (const w of row) if (Math.abs(w) > maxW && Number.isFinite(w)) maxW = Math.abs(w);
  const scale = Math.max(1, maxW);
  forEachLink(weights, columns, (l, o, i, w, f, t) => {
    const a = Math.min(1, Math.abs(w) / scale);
    ctx.strokeStyle = Number.isFinite(w) ? rgb(w >= 0 ? BLUE : ORANGE, 0.25 + 0.65 * a) : 'rgb(200, 0, 0)';
    ctx.lineWidth = 0.5 + 4 * a;
    const x0 = f[0] + f[2],
      x1 = t[0] - t[2],
      mx = (x0 + x1) / 2;
    ctx.beginPath();
    ctx.moveTo(x0, f[1]);
    ctx.bezierCurveTo(mx, f[1], mx, t[1], x1, t[1]);
    ctx.stroke();
  });
}

/** The link nearest to (px, py) within HIT_RADIUS → { layer, unit, input }, or null. */
export function linkAt(weights, columns, px, py) {
  let best = null;
  forEachLink(weights, columns, (l, o, i, w, f, t) => {
    const x0 = f[0] + f[2],
      x1 = t[0] - t[2],
      mx = (x0 + x1) / 2;
    for (let s = 0; s <= HIT_SAMPLES; s++) {
      const k = s / HIT_SAMPLES,
        m = 1 - k;
      const bx = m * m * m * x0 + 3 * m * m * k * mx + 3 * m * k * k * mx + k * k * k * x1;
      const by = m * m * m * f[1] + 3 * m * m * k * f[1] + 3 * m * k * k * t[1] + k * k * k * t[1];
      const d = Math.hypot(bx - px, by - py);
      if (d < HIT_RADIUS && (!best || d < best.d)) best = { d, layer: l, unit: o, input: i };
    }
  });
  return best && { layer: best.layer, unit: best.unit, input: best.input };
}
