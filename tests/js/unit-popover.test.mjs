// The selected unit's popover's words and numbers (web/src/views/unit-popover.js): z's range read
// from the engine's histogram (32 bins over ±8) and the status sentence for each kind of unit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zRange, unitStatus } from '../../web/src/views/unit-popover.js';

const bins = (filled) => Uint32Array.from({ length: 32 }, (_, i) => (filled.includes(i) ? 3 : 0));

test("z's range is the edges of the first and last non-empty bins; the end bins are open", () => {
  assert.equal(zRange(bins([])), null, 'no points');
  assert.deepEqual(zRange(bins([9, 12, 16])), [-3.5, 0.5]); // bin i spans [−8 + i/2, −7.5 + i/2)
  assert.deepEqual(zRange(bins([0, 20])), [-Infinity, 2.5], 'the first bin also holds everything below −8');
  assert.deepEqual(zRange(bins([5, 31])), [-5.5, Infinity], 'the last bin also holds everything above 8');
});

test('the status says born dead, dead since, dormant or alive, and why', () => {
  const L = {
    activation: 'relu',
    activationRate: [0, 0, 0.4, 0.6],
    deadOnData: [true, true, false, false],
    deadOnPlane: [true, false, false, false],
    diedAtEpoch: [0, 12, null, null],
    dormant: [false, false, true, false],
    dormancy: [0, 0, 0.05, 1],
  };
  const s = [0, 1, 2, 3].map((u) => unitStatus(L, u, 20));
  assert.deepEqual(
    s.map((x) => x.label),
    ['Born dead on the data', 'Dead since epoch 12 on the data', 'Dormant', 'Alive'],
  );
  assert.match(s[0].why, /z is ≤ 0 for every training point.*dead on the whole plane too/);
  assert.match(s[1].why, /alive elsewhere on the plane/);
  assert.match(s[2].why, /0\.05 of its layer's mean.*40 % of points/);
  assert.match(s[3].why, /open for 60 % of the training points/);
  // a saturating unit is "dead" when inactive: its derivative, not its sign, is the reason
  assert.match(unitStatus({ ...L, activation: 'tanh' }, 1, 20).why, /derivative is below 1 % of its maximum/);
});
