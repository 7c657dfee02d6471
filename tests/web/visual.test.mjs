// Screenshots of the main states (saved to test-results/web/), and one pixel comparison of the map
// for a fixed seed and epoch against tests/web/baseline/ (written when missing or when
// UPDATE_BASELINE=1; then the test passes and says so).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { setup, openPage, step, haveBrowser, artifacts } from './helpers.mjs';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium';
const baselineDir = join(dirname(fileURLToPath(import.meta.url)), 'baseline');
let env;
before(async () => {
  if (!skip) env = await setup();
});
after(async () => env?.close());

test('the map of a seeded spiral at epoch 200 matches the baseline pixel for pixel', { skip }, async (t) => {
  const { page, problems, context } = await openPage(
    env.browser,
    `${env.url}#dataset=spiral&hidden=8,8,8&seed=1&dataSeed=1&learningRate=0.03`,
  );
  await step(page, 200);
  const shot = PNG.sync.read(
    await page.locator('.out .map-frame').screenshot({ path: join(artifacts, 'map-spiral-e200.png') }),
  );
  const file = join(baselineDir, 'map-spiral-e200.png');
  if (!existsSync(file) || process.env.UPDATE_BASELINE === '1') {
    await mkdir(baselineDir, { recursive: true });
    await writeFile(file, PNG.sync.write(shot));
    t.diagnostic(`baseline written: ${file}`);
  } else {
    const base = PNG.sync.read(await readFile(file));
    assert.equal(`${shot.width}x${shot.height}`, `${base.width}x${base.height}`, 'same size as the baseline');
    const diff = new PNG({ width: base.width, height: base.height });
    const n = pixelmatch(base.data, shot.data, diff.data, base.width, base.height, { threshold: 0.1 });
    await writeFile(join(artifacts, 'map-spiral-e200.diff.png'), PNG.sync.write(diff));
    assert.ok(n <= base.width * base.height * 0.002, `${n} pixels differ (allowed 0.2 %)`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('screenshots: four twins in compare mode, PReLU, z = 0 lines, a phone', { skip }, async () => {
  const { page, problems, context } = await openPage(
    env.browser,
    `${env.url}#dataset=spiral&hidden=8,8&learningRate=0.3&compare=true&compareBy=activation&twins=relu,leaky_relu,elu,tanh`,
  );
  await step(page, 150);
  const s = await page.evaluate(() => window.playground.state());
  assert.equal(s.models.length, 4, 'four twins');
  assert.deepEqual(
    s.models.map((m) => m.epoch),
    [150, 150, 150, 150],
    'trained in lockstep',
  );
  assert.equal(await page.locator('.twin').count(), 4);
  await page.screenshot({ path: join(artifacts, 'compare-4-twins.png'), fullPage: true });

  await page.evaluate(() =>
    window.playground.setConfig({
      compare: false,
      activation: 'prelu',
      zeroLines: true,
      dataset: 'circle',
      learningRate: 0.03,
      hidden: [6, 6],
    }),
  );
  await step(page, 100);
  assert.equal(await page.isVisible('.alpha-box'), true, 'PReLU: the learned α is plotted');
  await page.hover('.hidden-unit[data-layer="0"][data-unit="1"]');
  await page.waitForSelector('.map.previewing');
  await page.screenshot({ path: join(artifacts, 'prelu-zero-lines-preview.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();

  const phone = await openPage(env.browser, `${env.url}#dataset=xor&hidden=4,4`, {
    viewport: { width: 360, height: 780 },
  });
  await step(phone.page, 50);
  await phone.page.screenshot({ path: join(artifacts, 'phone.png'), fullPage: true });
  assert.deepEqual(phone.problems, []);
  await phone.context.close();
});
