// network-links.test.mjs — the network view's batched link painter (web/src/views/network-links.js,
// issue #18) draws what its per-link twin draws: every link's curve once, in the stroke style the
// per-link painter gives it, in the same order of classes (weakest first), with one stroke per
// class and sign instead of one per link; pixel for pixel the same picture on a small net in
// Chromium; and on a 6 × 64 net a few dozen strokes where the per-link painter makes 20,000.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  paintLinks,
  paintLinksEach,
  linkClasses,
  linkStyle,
  linkClass,
  weightScale,
  CLASSES,
  STRONGEST,
  linkAt,
} from '../../web/src/views/network-links.js';
import { setup, haveBrowser, artifacts } from './helpers.mjs';

// The dense gaps' strips paint through an OffscreenCanvas and ImageData: node has neither, so they
// are recorded (what they draw is checked in the browser test and the screenshots).
globalThis.ImageData ??= class {
  constructor(w, h) {
    this.width = w;
    this.height = h;
    this.data = new Uint8ClampedArray(w * h * 4);
  }
};
globalThis.OffscreenCanvas ??= class {
  constructor(w, h) {
    this.width = w;
    this.height = h;
  }
  getContext() {
    return { putImageData() {} };
  }
};

/** A fake 2D context that records every stroke: its style, width and the curves of its path. */
function recorder() {
  const strokes = [];
  let path = [];
  let at = null;
  const ctx = {
    strokeStyle: '',
    lineWidth: 1,
    globalAlpha: 1,
    imageSmoothingEnabled: true,
    beginPath: () => (path = []),
    moveTo: (x, y) => (at = [x, y]),
    bezierCurveTo: (...p) => path.push([...at, ...p].map((v) => Math.round(v * 1000) / 1000).join(',')),
    stroke: () => strokes.push({ style: ctx.strokeStyle, width: ctx.lineWidth, curves: path }),
    drawImage: () => {},
    strokeRect: () => {},
  };
  return { ctx, strokes };
}

/** Node boxes [cx, cy, half width, ...] for columns of these sizes, 60 px apart, 20 px pitch. */
function columns(sizes) {
  return sizes.map((n, c) => Array.from({ length: n }, (_, k) => [30 + c * 60, 20 + k * 20, 8]));
}

/** Weights for layers of these sizes (inputs first), from a seeded generator. */
function net(sizes, seed = 1) {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  return sizes.slice(1).map((out, l) => ({
    W: Array.from({ length: out }, () => Float32Array.from({ length: sizes[l] }, () => rand() * 1.5)),
  }));
}

/** (curve, style) pairs of a recording, sorted: the same set means the same links, styled alike. */
const pairs = (strokes) => strokes.flatMap((s) => s.curves.map((c) => `${c}|${s.style}|${s.width}`)).sort();

test('the batched painter strokes every link once, styled as the per-link painter strokes it', () => {
  const sizes = [2, 6, 5, 1];
  const W = net(sizes);
  W[1].W[2][3] = NaN; // a non-finite weight is drawn (thin and red) by both
  const a = recorder(),
    b = recorder();
  paintLinks(a.ctx, W, columns(sizes));
  paintLinksEach(b.ctx, W, columns(sizes));
  const links = 2 * 6 + 6 * 5 + 5;
  assert.equal(b.strokes.length, links, 'the per-link painter: one stroke per link');
  assert.deepEqual(pairs(a.strokes), pairs(b.strokes), 'the same curves in the same styles');
  assert.ok(
    pairs(a.strokes).some((p) => p.includes('rgb(200, 0, 0)')),
    'the NaN weight is drawn red',
  );
  // one stroke per (class, sign) present, and the styles come in the same order in both
  const order = (strokes) => strokes.map((s) => `${s.style}|${s.width}`).filter((k, i, all) => all[i - 1] !== k);
  assert.deepEqual(order(a.strokes), order(b.strokes), 'classes painted in the same order');
  assert.equal(new Set(order(a.strokes)).size, a.strokes.length, 'one stroke per class and sign');
  assert.ok(a.strokes.length <= 2 * CLASSES + 2);
  // weakest first: the widths never shrink from one stroke to the next (the red ones come last)
  const widths = a.strokes.filter((s) => s.style !== 'rgb(200, 0, 0)').map((s) => s.width);
  assert.deepEqual(
    widths,
    [...widths].sort((x, y) => x - y),
    'the strongest links are on top',
  );
});

test('a 6 × 64 net: a few dozen strokes where the per-link painter makes one per link', () => {
  const sizes = [2, 64, 64, 64, 64, 64, 64, 1];
  const W = net(sizes, 7);
  const a = recorder(),
    b = recorder();
  paintLinks(a.ctx, W, columns(sizes));
  paintLinksEach(b.ctx, W, columns(sizes));
  const links = sizes.slice(1).reduce((n, out, l) => n + out * sizes[l], 0);
  // the dense gaps (64 × 64) are strips with their strongest links; the rest is batched
  const dense = 5;
  assert.ok(a.strokes.length <= 2 * CLASSES + 2 + dense * STRONGEST, `${a.strokes.length} strokes`);
  assert.ok(a.strokes.length * 100 < links, `${a.strokes.length} strokes for ${links} links`);
  const drawn = a.strokes.reduce((n, s) => n + s.curves.length, 0);
  assert.equal(drawn, 2 * 64 + 64 + dense * STRONGEST, 'every sparse link, and each strip`s strongest');
  assert.deepEqual(pairs(a.strokes), pairs(b.strokes), 'the same links as the per-link painter');
});

test('linkClasses says a repaint is needed only when a link would be drawn differently', () => {
  const W = net([2, 4, 1]);
  const first = linkClasses(W);
  assert.equal(first.changed, true, 'nothing painted yet');
  assert.equal(linkClasses(W, first.codes).changed, false, 'same weights: no repaint');
  const scale = weightScale(W);
  const w = W[0].W[1][0];
  // a nudge that keeps the weight in its class and sign changes nothing drawn
  const lo = (linkClass(w, scale) / CLASSES) * scale,
    hi = ((linkClass(w, scale) + 1) / CLASSES) * scale;
  W[0].W[1][0] = Math.sign(w) * (lo + hi) * 0.5;
  if (Math.abs(W[0].W[1][0]) < weightScale(W)) assert.equal(linkClasses(W, first.codes).changed, false);
  W[0].W[1][0] = -W[0].W[1][0]; // its sign: a new colour
  assert.equal(linkClasses(W, first.codes).changed, true, 'a sign flip is a repaint');
  const style = linkStyle(linkClass(W[0].W[1][0], scale), false);
  assert.match(style.strokeStyle, /^rgba\(230, 140, 30,/, 'negative weights are orange');
});

test('a click in a strip picks the weight of the cell under it', () => {
  const sizes = [2, 64, 64, 1];
  const W = net(sizes, 3);
  const cols = columns(sizes);
  // the strip of gap 1 (layer 1 → layer 2) spans the gap between columns 1 and 2, top to bottom
  const x0 = cols[1][0][0] + 8 + 4,
    x1 = cols[2][0][0] - 8 - 4;
  const top = 20 - 8,
    bottom = 20 + 63 * 20 + 8;
  const hit = linkAt(W, cols, x0 + (x1 - x0) * (10.5 / 64), top + (bottom - top) * (40.5 / 64));
  assert.deepEqual(hit, { layer: 1, unit: 40, input: 10 });
});

const MAX_DIFF = 6; // levels of 255, on white (measured: 4; a wrong style or order differs by tens)
const skip = haveBrowser ? false : 'needs /usr/bin/chromium';
let env;
before(async () => {
  if (!skip) env = await setup();
});
after(async () => env?.close());

test('in Chromium the batched and the per-link painter give the same pixels on a small net', { skip }, async () => {
  const context = await env.browser.newContext({ deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(`${env.url}favicon.svg`);
  const r = await page.evaluate(async () => {
    const m = await import('/src/views/network-links.js');
    // 2 inputs → 2 units → 1 output; links of one class never cross, so stroking them as one
    // path (one coverage) and one by one (two blends where they would overlap) agree
    const W = [{ W: [Float32Array.of(1, 0.3), Float32Array.of(0.6, 0.9)] }, { W: [Float32Array.of(0.5, -0.2)] }];
    const cols = [
      [
        [20, 30, 10],
        [20, 90, 10],
      ],
      [
        [120, 30, 10],
        [120, 90, 10],
      ],
      [[220, 60, 10]],
    ];
    const draw = (fn) => {
      const c = new OffscreenCanvas(240, 120);
      const ctx = c.getContext('2d');
      fn(ctx, W, cols);
      return ctx.getImageData(0, 0, 240, 120).data;
    };
    const a = draw(m.paintLinks),
      b = draw(m.paintLinksEach);
    // compared as seen on the panel's white: a canvas's stored colours are premultiplied, and
    // reading them back rounds a faint antialiased edge's colour differently by path; composited,
    // one path or many give the same shade to within MAX_DIFF levels
    let differ = 0,
      inked = 0,
      worst = 0;
    const onWhite = (d, i, c) => d[i + c] * (d[i + 3] / 255) + 255 * (1 - d[i + 3] / 255);
    for (let i = 0; i < a.length; i += 4) {
      if (a[i + 3]) inked++;
      let diff = 0;
      for (let c = 0; c < 3; c++) diff = Math.max(diff, Math.abs(onWhite(a, i, c) - onWhite(b, i, c)));
      worst = Math.max(worst, diff);
      if (diff > 0.5) differ++;
    }
    return { differ, inked, worst };
  });
  assert.ok(r.inked > 500, `the links were drawn (${r.inked} pixels)`);
  assert.ok(r.worst <= MAX_DIFF, `the most a pixel differs: ${r.worst.toFixed(1)} levels (${r.differ} differ at all)`);
  assert.ok(r.differ <= r.inked * 0.05, `${r.differ} of ${r.inked} drawn pixels differ at all (edges only)`);
  await page.screenshot({ path: join(artifacts, 'network-links-small.png') });
  await context.close();
});
