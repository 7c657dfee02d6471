// Every dataset trains; clicking the map adds a point (shift: the other class), alt-click removes
// one; the CSV export of the points imports back to the same points; a model exports and imports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { setup, openPage, step, haveBrowser } from './helpers.mjs';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium';
let env;
before(async () => {
  if (!skip) env = await setup();
});
after(async () => env?.close());

const counts = (page) =>
  page.evaluate(() => {
    const d = document.querySelector('.out .map-frame').getAttribute('aria-label');
    return Number(/(\d+) training points/.exec(d)?.[1]);
  });

test('every dataset (two-class, multi-class, regression) trains with no error', { skip }, async () => {
  const { page, problems, context } = await openPage(env.browser, env.url);
  for (const dataset of [
    'circle',
    'xor',
    'gauss',
    'spiral',
    'moons',
    'spiral_k',
    'blobs_k',
    'regress_plane',
    'regress_gauss',
  ]) {
    await page.evaluate((d) => window.playground.setConfig({ dataset: d }), dataset);
    const s = await step(page, 5);
    assert.equal(s.error, null, `${dataset}: ${s.error}`);
    assert.ok(Number.isFinite(s.metrics.testLoss), `${dataset}: a finite test loss`);
    assert.equal(
      s.config.output,
      dataset.startsWith('regress') ? 'linear' : ['spiral_k', 'blobs_k'].includes(dataset) ? 'softmax' : 'sigmoid',
    );
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('click adds a point, shift-click the other class, alt-click removes one', { skip }, async () => {
  const { page, problems, context } = await openPage(env.browser, `${env.url}#dataset=gauss&samples=100`);
  await step(page, 1);
  const n0 = await counts(page);
  const box = await page.locator('.out .map-overlay').boundingBox();
  await page.mouse.click(box.x + 20, box.y + 20);
  await page.keyboard.down('Shift');
  await page.mouse.click(box.x + 40, box.y + 20);
  await page.keyboard.up('Shift');
  await step(page, 1);
  assert.equal(await counts(page), n0 + 2);
  await page.keyboard.down('Alt');
  await page.mouse.click(box.x + 20, box.y + 20);
  await page.keyboard.up('Alt');
  await step(page, 1);
  assert.equal(await counts(page), n0 + 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('CSV export imports back, and a trained model exports and imports', { skip }, async () => {
  const { page, problems, context } = await openPage(env.browser, `${env.url}#dataset=moons&samples=120`);
  await step(page, 10);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Export CSV')]);
  const csv = await readFile(await download.path(), 'utf8');
  assert.match(csv, /^x,y,label,split\n/);
  assert.equal(csv.trim().split('\n').length, 121);
  await page.setInputFiles('.csv input[type="file"]', {
    name: 'points.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  // importing data resets the networks: epoch 0, same 60 training points
  await page.waitForFunction(() => window.playground.state().epoch === 0);
  assert.equal(await counts(page), 60);

  const trained = await step(page, 12);
  const [model] = await Promise.all([page.waitForEvent('download'), page.click('text=Export model')]);
  const json = await readFile(await model.path(), 'utf8');
  assert.equal(JSON.parse(json).format, 'relu-lab-model');
  assert.equal(JSON.parse(json).epoch, 12);
  await page.reload(); // a fresh page, so the model comes only from the file
  await page.waitForFunction(() => window.playground);
  await page.evaluate(() => window.playground.ready);
  await page.setInputFiles('.csv input[type="file"]', {
    name: 'points.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await page.waitForFunction(() => window.playground.state().epoch === 0);
  await page.setInputFiles('.model-io input[type="file"]', {
    name: 'model.json',
    mimeType: 'application/json',
    buffer: Buffer.from(json),
  });
  await page.waitForFunction(() => window.playground.state().epoch === 12);
  const imported = await page.evaluate(() => window.playground.state());
  assert.ok(
    Math.abs(imported.metrics.testLoss - trained.metrics.testLoss) < 1e-6,
    'the imported model has the same weights (same test loss)',
  );
  assert.deepEqual(problems, []);
  await context.close();
});
