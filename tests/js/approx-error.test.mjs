// README's approximation-error table is what `node bench/approx-error.mjs --table` measures, and
// its definitions name the engine's constants as the source has them (issue #19: "every
// approximation below 4e-7" was typed, and GELU and SiLU went past it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { measure, table, ceil2 } from '../../bench/approx-error.mjs';
import { labOf } from './helpers.mjs';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const source = (f) => readFileSync(new URL(`../../cpp/engine/${f}`, import.meta.url), 'utf8');

test('ceil2 rounds up to two digits', () => {
  assert.equal(ceil2(3.2467e-7), '3.3e-7');
  assert.equal(ceil2(4e-4), '4e-4');
  assert.equal(ceil2(9.96e-3), '1e-2');
});

test("README's table is the measured errors, rounded up, in both builds", async () => {
  const stated = /<!-- approx-error:begin -->\n([\s\S]*?)\n<!-- approx-error:end -->/.exec(readme)?.[1];
  assert.ok(stated, 'README has the table between its markers');
  const simd = table(measure(await labOf(true)));
  const scalar = table(measure(await labOf(false)));
  assert.equal(scalar, simd, 'both builds compute the same bits');
  assert.equal(stated, simd, 'README and the engine disagree: paste `node bench/approx-error.mjs --table`');
});

test("README's definitions use the engine's constants", () => {
  const net = source('network.cpp');
  const eps = /kBnEpsilon = ([\d.e-]+)f/.exec(source('config.hpp'))[1];
  const momentum = /kBnMomentum = ([\d.]+)f/.exec(net)[1];
  const grid = /plane_resolution = (\d+);/.exec(source('network.hpp'))[1];
  assert.match(readme, new RegExp(`ε = ${eps.replace('.', '\\.')}`));
  assert.match(readme, new RegExp(`running ← ${momentum.replace('.', '\\.')}·running`));
  assert.match(readme, new RegExp(`${grid} × ${grid} grid`));
  // the gradients the README states for L1 and L2 are the update's (network.cpp step)
  assert.match(net, /g\) \+= l2 \* w \+ l1 \* xt::sign\(w\)/);
  assert.match(readme, /rate·sign\(w\)/);
});
