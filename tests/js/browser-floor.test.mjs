// The README's minimum browser versions are what scripts/browser-floor.mjs computes from MDN's
// browser-compat-data over the features the page uses; every listed feature is still used; and
// no floor lies above the engines that tests/engines and tests/web actually run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { FEATURES, floors, table, usedIn } from '../../scripts/browser-floor.mjs';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

test('every feature in the browser-floor list is still used by the code (no stale entry)', () => {
  for (const f of FEATURES) assert.ok(usedIn(f).length > 0, `${f.name}: ${f.use} is found nowhere in ${f.where}`);
});

test("the README's table of minimum browser versions is the computed one", () => {
  const m = /<!-- browser-floor -->\n([\s\S]*?)\n<!-- \/browser-floor -->/.exec(readme);
  assert.ok(m, 'README.md has a <!-- browser-floor --> … <!-- /browser-floor --> block');
  assert.equal(m[1], table(), 'run `node scripts/browser-floor.mjs` and paste its table into README.md');
});

test('no floor is above the engines the suites run', () => {
  const major = (cmd) => Number(/(\d+)\./.exec(execFileSync(cmd, ['--version'], { encoding: 'utf8' }))[1]);
  const f = Object.fromEntries(floors().map((b) => [b.id, Number(b.floor)]));
  if (existsSync('/usr/bin/chromium')) assert.ok(f.chrome <= major('/usr/bin/chromium'), `Chrome ${f.chrome}`);
  if (existsSync('/usr/bin/firefox-esr')) assert.ok(f.firefox <= major('/usr/bin/firefox-esr'), `Firefox ${f.firefox}`);
  for (const b of floors()) assert.ok(b.floor !== null && b.setBy.length > 0, `${b.label}: ${JSON.stringify(b)}`);
});
