// axe-core finds no serious or critical violations, on a desktop and a 360-px phone, with dead units.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setup, openPage, step, haveBrowser, artifacts } from './helpers.mjs';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium';
const require = createRequire(import.meta.url);
let env;
let axeSource;
before(async () => {
  if (skip) return;
  env = await setup();
  axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
});
after(async () => env?.close());

async function axe(page) {
  // evaluate() runs over the DevTools protocol, which the page's CSP does not govern
  await page.evaluate(axeSource);
  const r = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

for (const [name, viewport] of [
  ['desktop', { width: 1400, height: 1000 }],
  ['phone', { width: 360, height: 740 }],
]) {
  test(`no serious or critical axe violations (${name})`, { skip }, async () => {
    const { page, problems, context } = await openPage(
      env.browser,
      `${env.url}#dataset=circle&hidden=8,8&learningRate=3`,
      { viewport },
    );
    await step(page, 20);
    await page.click('.hidden-unit[data-layer="0"][data-unit="0"]');
    assert.deepEqual(await axe(page), []);
    await page.screenshot({ path: join(artifacts, `a11y-${name}.png`), fullPage: true });
    if (name === 'phone') {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no horizontal page scroll on a phone (${overflow}px)`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('with prefers-reduced-motion the page does not autoplay', { skip }, async () => {
  const { page, context } = await openPage(env.browser, env.url, { reducedMotion: 'reduce' });
  await page.waitForTimeout(300);
  const s = await page.evaluate(() => window.playground.state());
  assert.equal(s.playing, false);
  assert.equal(s.epoch, 0);
  assert.ok(await page.evaluate(() => document.querySelector('.playground').classList.contains('reduced-motion')));
  await context.close();
});
