// network-links.js — the links between the network view's columns: painting them (coloured by
// sign, sized by |weight|) and finding the one under a click. Pure functions of the weights and
// the nodes' boxes (network-geometry.js); no DOM, no state. Not here: the tiles painted over the
// links (network-tiles.js), the click listener and what an edit does (network-view.js).
// A link is a cubic Bézier from the right edge of its input node to the left edge of its unit,
// both control points at the middle x.
//
// Cost (issue #18): one stroke per link was 46 % of the main thread at 6 × 64 (20,000+ links a
// frame). So a link's |weight| is quantised to one of CLASSES drawn classes (its width and
// opacity), and all links of one sign and class are one path and one stroke: at most
// 2 · CLASSES + 1 strokes, weakest class first so the strongest are on top. The quantised classes
// are also what says whether the picture changed (linkClasses: the view repaints only then).
// A gap between two wide columns (more than DENSE links) is not drawn link by link at all: it is
// summarised as a weight-matrix strip (rows: the units on the right, columns: the inputs on the
// left) with only its STRONGEST links drawn over it. paintLinksEach is the plain per-link painter
// the batched one is tested against (tests/web/network-links.test.mjs).
import { ORANGE, BLUE, rgb, DIVERGING } from '../palette.js';

const HIT_RADIUS = 6; // css px from a link's sampled curve that still counts as a click on it
const HIT_SAMPLES = 16; // segments of the curve sampled by the hit test
export const CLASSES = 8; // drawn |weight| classes: widths 0.5 … 4.5 px, opacity 0.25 … 0.9
export const DENSE = 256; // links in a gap above which it is drawn as a strip (16 × 16)
export const STRONGEST = 24; // links drawn over a strip
const NON_FINITE = 255; // the class of a NaN or infinite weight (drawn thin and red)

/** The scale of |weight| that maps to the widest class: the largest finite |w|, at least 1. */
export function weightScale(weights) {
  let maxW = 1e-6;
  for (const L of weights)
    for (const row of L.W) for (const w of row) if (Math.abs(w) > maxW && Number.isFinite(w)) maxW = Math.abs(w);
  return Math.max(1, maxW);
}

/** A weight's drawn class: 0 … CLASSES − 1 by |w| / scale, NON_FINITE for NaN or ±∞. */
export function linkClass(w, scale) {
  if (!Number.isFinite(w)) return NON_FINITE;
  return Math.min(CLASSES - 1, Math.floor((Math.abs(w) / scale) * CLASSES));
}

/** The stroke of a link of class c and sign (w ≥ 0) → { strokeStyle, lineWidth }. */
export function linkStyle(c, positive) {
  if (c === NON_FINITE) return { strokeStyle: 'rgb(200, 0, 0)', lineWidth: 0.5 };
  const a = (c + 0.5) / CLASSES;
  return { strokeStyle: rgb(positive ? BLUE : ORANGE, 0.25 + 0.65 * a), lineWidth: 0.5 + 4 * a };
}

/**
 * Every weight's drawn code (class · 2 + 1 when w ≥ 0), layer by layer, written into `into` (a
 * Uint16Array, reused when its length fits) → { codes, changed }: changed says whether any link
 * would now be drawn differently from what `into` held (so the view can skip the repaint).
 */
export function linkClasses(weights, into = null) {
  let n = 0;
  for (const L of weights) for (const row of L.W) n += row.length;
  const fresh = !into || into.length !== n;
  const codes = fresh ? new Uint16Array(n) : into;
  const scale = weightScale(weights);
  let k = 0;
  let changed = fresh;
  for (const L of weights)
    for (const row of L.W)
      for (const w of row) {
        const code = linkClass(w, scale) * 2 + (w >= 0 ? 1 : 0);
        if (codes[k] !== code) {
          codes[k] = code;
          changed = true;
        }
        k++;
      }
  return { codes, changed };
}

/** Whether the gap between columns `from` and `to` is drawn as a strip (too many links). */
export const isDense = (from, to, isOut) => from.length * (isOut ? 1 : to.length) > DENSE;

/**
 * fn(l, o, i, w, f, t) for each link of weights (the layers' { W }, W[o][i]: input i → unit o)
 * between columns[l] and columns[l + 1] (node boxes; the last layer's units all go to the one
 * output node), skipping a link whose node is not there, and (dense: false) the links of dense gaps.
 */
function forEachLink(weights, columns, fn, { dense = true } = {}) {
  for (let l = 0; l < weights.length && l + 1 < columns.length; l++) {
    const from = columns[l];
    const to = columns[l + 1];
    const W = weights[l].W;
    const isOut = l === weights.length - 1;
    if (!dense && isDense(from, to, isOut)) continue;
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

/** Add link f → t (node boxes) to the current path. */
function curve(ctx, f, t) {
  const x0 = f[0] + f[2],
    x1 = t[0] - t[2],
    mx = (x0 + x1) / 2;
  ctx.moveTo(x0, f[1]);
  ctx.bezierCurveTo(mx, f[1], mx, t[1], x1, t[1]);
}

/** The batches' order: weakest class first (strongest on top), then the non-finite ones. */
const ORDER = [...Array.from({ length: CLASSES * 2 }, (_, k) => k), NON_FINITE * 2, NON_FINITE * 2 + 1];

/** The links to draw one by one, grouped by code: Map(code → [[f, t], …]); dense gaps left out. */
function batches(weights, columns, scale) {
  const groups = new Map();
  forEachLink(
    weights,
    columns,
    (l, o, i, w, f, t) => {
      const code = linkClass(w, scale) * 2 + (w >= 0 ? 1 : 0);
      if (!groups.has(code)) groups.set(code, []);
      groups.get(code).push([f, t]);
    },
    { dense: false },
  );
  return groups;
}

/**
 * The reference painter: every link on its own stroke, in the batched painter's order (class by
 * class, weakest first; in link order within a class). Dense gaps are drawn as by paintLinks.
 */
export function paintLinksEach(ctx, weights, columns) {
  const scale = weightScale(weights);
  const groups = batches(weights, columns, scale);
  for (const code of ORDER)
    for (const [f, t] of groups.get(code) ?? []) {
      Object.assign(ctx, linkStyle(code >> 1, (code & 1) === 1));
      ctx.beginPath();
      curve(ctx, f, t);
      ctx.stroke();
    }
  paintDense(ctx, weights, columns, scale);
}

/** Paint every link: one path and one stroke per sign and class; dense gaps as strips. */
export function paintLinks(ctx, weights, columns) {
  const scale = weightScale(weights);
  const groups = batches(weights, columns, scale);
  for (const code of ORDER) {
    const list = groups.get(code);
    if (!list) continue;
    Object.assign(ctx, linkStyle(code >> 1, (code & 1) === 1));
    ctx.beginPath();
    for (const [f, t] of list) curve(ctx, f, t);
    ctx.stroke();
  }
  paintDense(ctx, weights, columns, scale);
}

/** The x range of a column's nodes: [left edge, right edge]. */
function edges(col) {
  let lo = Infinity,
    hi = -Infinity;
  for (const b of col) {
    if (!b) continue;
    lo = Math.min(lo, b[0] - b[2]);
    hi = Math.max(hi, b[0] + b[2]);
  }
  return [lo, hi];
}

/** A dense gap's ends (the columns' facing edges) and its strip's box { x, y, w, h }. */
function stripBox(from, to) {
  const [, x0] = edges(from);
  const [x1] = edges(to);
  let top = Infinity,
    bottom = -Infinity;
  for (const b of [...from, ...to]) {
    top = Math.min(top, b[1] - b[2]);
    bottom = Math.max(bottom, b[1] + b[2]);
  }
  return { x0, x1, box: { x: x0 + 4, y: top, w: Math.max(4, x1 - x0 - 8), h: bottom - top } };
}

/**
 * The dense gaps: each a weight-matrix strip in the gap (W's rows top to bottom, its columns left
 * to right, on the diverging scale of the tiles; 0 white) and its STRONGEST links over it, drawn
 * from the left column's right edge to the right column's left edge at their nodes' heights.
 */
function paintDense(ctx, weights, columns, scale) {
  for (let l = 0; l < weights.length && l + 1 < columns.length; l++) {
    const from = columns[l];
    const to = columns[l + 1];
    const isOut = l === weights.length - 1;
    if (!isDense(from, to, isOut) || !from.length || !to.length) continue;
    const W = weights[l].W;
    const { x0, x1, box } = stripBox(from, to);
    paintStrip(ctx, W, scale, box);
    const strongest = [];
    for (let o = 0; o < W.length; o++)
      for (let i = 0; i < W[o].length; i++) {
        const w = W[o][i];
        if (!from[i] || !(isOut ? to[0] : to[o])) continue;
        const m = Number.isFinite(w) ? Math.abs(w) : Infinity;
        if (strongest.length < STRONGEST || m > strongest[0].m) {
          strongest.push({ m, w, o, i });
          strongest.sort((a, b) => a.m - b.m); // ≤ STRONGEST + 1 entries
          if (strongest.length > STRONGEST) strongest.shift();
        }
      }
    for (const { w, o, i } of strongest) {
      Object.assign(ctx, linkStyle(linkClass(w, scale), w >= 0));
      const f = from[i],
        t = isOut ? to[0] : to[o];
      ctx.beginPath();
      curve(ctx, [x0, f[1], 0], [x1, t[1], 0]);
      ctx.stroke();
    }
  }
}

/** W (rows of inputs) as an image in `box`, through a small canvas the size of W. */
function paintStrip(ctx, W, scale, box) {
  const rows = W.length,
    cols = W[0]?.length ?? 0;
  if (!rows || !cols) return;
  const img = new ImageData(cols, rows);
  for (let o = 0; o < rows; o++)
    for (let i = 0; i < cols; i++) {
      const w = W[o][i];
      const t = Number.isFinite(w) ? Math.max(0, Math.min(1, 0.5 + w / scale / 2)) : 0.5;
      img.data.set(DIVERGING.subarray(Math.floor(t * 255) * 4, Math.floor(t * 255) * 4 + 4), (o * cols + i) * 4);
    }
  const c = new OffscreenCanvas(cols, rows);
  c.getContext('2d').putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.globalAlpha = 0.85;
  ctx.drawImage(c, box.x, box.y, box.w, box.h);
  ctx.globalAlpha = 1;
  ctx.imageSmoothingEnabled = true;
  ctx.strokeStyle = '#b9bfcb';
  ctx.lineWidth = 1;
  ctx.strokeRect(box.x - 0.5, box.y - 0.5, box.w + 1, box.h + 1);
}

/**
 * The link nearest to (px, py) within HIT_RADIUS → { layer, unit, input }, or null; in a dense
 * gap's strip, the weight of the cell under the point (its row is the unit, its column the input).
 */
export function linkAt(weights, columns, px, py) {
  for (let l = 0; l < weights.length && l + 1 < columns.length; l++) {
    const isOut = l === weights.length - 1;
    if (!isDense(columns[l], columns[l + 1], isOut) || !columns[l].length || !columns[l + 1].length) continue;
    const { box } = stripBox(columns[l], columns[l + 1]);
    const W = weights[l].W;
    const u = (px - box.x) / box.w,
      v = (py - box.y) / box.h;
    if (u >= 0 && u < 1 && v >= 0 && v < 1)
      return { layer: l, unit: Math.floor(v * W.length), input: Math.floor(u * W[0].length) };
  }
  let best = null;
  forEachLink(
    weights,
    columns,
    (l, o, i, w, f, t) => {
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
    },
    { dense: false },
  );
  return best && { layer: best.layer, unit: best.unit, input: best.input };
}

/**
 * Details on demand over dense gaps: every link into and out of unit `focus` = [layer, unit]
 * (hovered or focused), drawn on top, each on its own stroke (at most a few hundred).
 */
export function paintUnitLinks(ctx, weights, columns, [fl, fu]) {
  const scale = weightScale(weights);
  const draw = (l, o, i) => {
    const isOut = l === weights.length - 1;
    const f = columns[l]?.[i],
      t = isOut ? columns[l + 1]?.[0] : columns[l + 1]?.[o];
    const w = weights[l]?.W[o]?.[i];
    if (!f || !t || w === undefined || !isDense(columns[l], columns[l + 1], isOut)) return;
    Object.assign(ctx, linkStyle(Math.max(2, linkClass(w, scale)), w >= 0));
    ctx.beginPath();
    curve(ctx, f, t);
    ctx.stroke();
  };
  // its inputs (layer fl's row fu), then the units it feeds (column fu of layer fl + 1)
  weights[fl]?.W[fu]?.forEach((_, i) => draw(fl, fu, i));
  weights[fl + 1]?.W.forEach((_, o) => draw(fl + 1, o, fu));
}
