// The playground loads cleanly, trains a seeded spiral to ≥ 90 % test accuracy, and its map changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, step, haveBrowser, artifacts } from './helpers.mjs';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium (apt-get install chromium)';
let env;
before(async () => {
  if (!skip) env = await setup();
});
after(async () => env?.close());

/** A cheap fingerprint of the map canvas's pixels. */
const mapPixels = (page) =>
  page.evaluate(() => {
    const c = document.querySelector('.out .map-regions');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let h = 0;
    for (let i = 0; i < d.length; i += 7) h = (h * 31 + d[i]) | 0;
    return { h, w: c.width };
  });

test('the page loads with no console error and no failed request', { skip }, async () => {
  const { page, problems, context } = await openPage(env.browser, env.url);
  await page.waitForSelector('.hidden-unit');
  assert.equal(await page.locator('.hidden-unit').count(), 24, 'three hidden layers of 8 units by default');
  await page.screenshot({ path: join(artifacts, 'default.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a seeded spiral run reaches at least 90 % test accuracy and the map changes as it trains', { skip }, async () => {
  const { page, problems, context } = await openPage(
    env.browser,
    `${env.url}#dataset=spiral&hidden=8,8,8&activation=relu&learningRate=0.03&batchSize=10&seed=1&dataSeed=1&noise=0`,
  );
  const before = await mapPixels(page);
  assert.ok(before.w >= 300, `the map is painted at device-pixel resolution (got ${before.w} px)`);
  let s = await step(page, 20);
  const early = await mapPixels(page);
  assert.notEqual(early.h, before.h, 'the map pixels change after 20 epochs');
  s = await step(page, 580);
  assert.equal(s.epoch, 600);
  assert.ok(s.metrics.testAccuracy >= 0.9, `test accuracy ${s.metrics.testAccuracy} ≥ 0.9`);
  const late = await mapPixels(page);
  assert.notEqual(late.h, early.h, 'the map pixels change as it trains');
  await page.screenshot({ path: join(artifacts, 'spiral-trained.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('training while playing keeps going and pause stops it', { skip }, async () => {
  const { page, problems, context } = await openPage(env.browser, `${env.url}#dataset=circle&epochsPerFrame=5`);
  await page.evaluate(() => window.playground.play());
  await page.waitForFunction(() => window.playground.state().epoch >= 50);
  await page.evaluate(() => window.playground.pause());
  const e1 = await page.evaluate(() => window.playground.state().epoch);
  await page.waitForTimeout(300);
  const e2 = await page.evaluate(() => window.playground.state().epoch);
  assert.ok(e2 - e1 <= 5, `at most the frame in flight finishes after pause (${e1} → ${e2})`);
  assert.deepEqual(problems, []);
  await context.close();
});
