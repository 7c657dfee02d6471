// death-marks.test.mjs — the loss chart's death marks (web/src/views/death-marks.js, issue #18):
// deaths whose marks would touch stack into one mark with a count; no two marks (cross plus
// count) overlap, and the counts add up to every death.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stackDeaths } from '../../web/src/views/death-marks.js';

const width = (t) => 6 * t.length; // a 10 px font's digits are about 6 px wide

/** The css px a stack covers: its cross (±3 px) and its count. */
const extent = (s) => [s.x - 3, s.x + 3 + (s.n > 1 ? 4 + width(String(s.n)) : 0)];

test('deaths a pixel apart stack into one mark whose count is all of them', () => {
  // 93 deaths over epochs 0–40 on a 300 px chart: the case that printed "××93"
  const counts = Array.from({ length: 41 }, (_, e) => [e, e % 3 === 0 ? 5 : 1]).filter(([, n]) => n);
  const total = counts.reduce((a, [, n]) => a + n, 0);
  const x = (e) => 34 + (e / 40) * 258;
  const stacks = stackDeaths(counts, x, width);
  assert.equal(
    stacks.reduce((a, s) => a + s.n, 0),
    total,
    'every death is counted once',
  );
  assert.ok(stacks.length < counts.length, `${stacks.length} marks for ${counts.length} epochs`);
  for (let i = 1; i < stacks.length; i++) {
    const [, prevEnd] = extent(stacks[i - 1]);
    const [start] = extent(stacks[i]);
    assert.ok(start >= prevEnd, `mark ${i} (x ${stacks[i].x}) starts after mark ${i - 1} ends (${prevEnd})`);
  }
  // a stack names the epochs it covers, in order
  for (const s of stacks) assert.ok(s.from <= s.to);
});

test('deaths far apart keep a mark each', () => {
  const stacks = stackDeaths(
    [
      [10, 1],
      [200, 2],
      [400, 1],
    ],
    (e) => e,
    width,
  );
  assert.deepEqual(
    stacks.map((s) => [s.x, s.n]),
    [
      [10, 1],
      [200, 2],
      [400, 1],
    ],
  );
});
