// network-size.test.mjs — the form a big network takes (web/src/views/network-size.js, issue #18):
// its multiply-adds per point are the engine's weight count (so the map cap costs what it says),
// a capped map keeps its shape and stays within the budget or at the floor, a small net keeps
// every pixel, and the view's form switches at the stated widths and depths.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from 'relu-lab';
import { macsPerPoint, mapCap, sizeOf, MAP_MACS, MAP_MIN, WIDE, DEEP } from '../../web/src/views/network-size.js';

test('multiply-adds per point are the weights the engine holds (3 × 8, 20 × 8, 6 × 64)', async () => {
  const lab = await load();
  for (const hidden of [[8, 8, 8], Array(20).fill(8), Array(6).fill(64)]) {
    const net = lab.network({ hidden, seed: 1 });
    let weights = 0;
    for (let l = 0; l <= hidden.length; l++) weights += net.layerParameters(l).W.length;
    net.dispose();
    assert.equal(macsPerPoint({ features: ['x', 'y'], hidden }), weights, `hidden ${hidden.length} × ${hidden[0]}`);
  }
});

test('a map is shrunk, same shape, to the budget (or the floor); a small net keeps every pixel', () => {
  const full = { width: 388, height: 388 };
  assert.deepEqual(mapCap(full, macsPerPoint({ features: ['x', 'y'], hidden: [8, 8, 8] })), full);
  const per = macsPerPoint({ features: ['x', 'y'], hidden: Array(20).fill(8) });
  const c = mapCap(full, per);
  assert.equal(c.width, c.height);
  assert.ok(c.width < full.width && c.width * c.height * per <= MAP_MACS, `${c.width}² within the budget`);
  assert.ok((c.width + 2) * (c.height + 2) * per > MAP_MACS, 'and not smaller than it needs to be');
  const big = mapCap(full, macsPerPoint({ features: ['x', 'y'], hidden: Array(6).fill(64) }));
  assert.deepEqual(big, { width: MAP_MIN, height: MAP_MIN }, 'never below the floor');
  assert.deepEqual(mapCap({ width: 100, height: 100 }, 1e9), { width: 100, height: 100 }, 'never larger');
});

test('the view is compact past DEEP layers or WIDE units, with small multiples only when wide', () => {
  assert.equal(sizeOf([8, 8, 8]).compact, false);
  assert.equal(sizeOf(Array(DEEP + 1).fill(8)).compact, true);
  assert.equal(sizeOf(Array(DEEP + 1).fill(8)).wide, false);
  const wide = sizeOf([WIDE + 1]);
  assert.equal(wide.wide, true);
  assert.equal(wide.grid(64), 4, '64 units: a grid of 4 columns of 16');
  assert.equal(sizeOf([WIDE]).grid(WIDE), 1, 'a layer of 16 is one column');
});
