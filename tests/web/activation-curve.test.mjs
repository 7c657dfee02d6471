// The activation panel draws the engine's own curves: f and f′ come from lab.activationCurve (the
// worker's `curve` request), one request per (activation, α, ReLU′(0)); the figure looks as it did
// when the page drew from a JS copy of the formulas (tests/web/baseline/activation-*.png were taken
// from that copy); before the engine has loaded the figure shows only its axes, with no error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { load } from '../../js/index.js';
import { setup, openPage, haveBrowser, artifacts } from './helpers.mjs';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium';
const baselineDir = join(dirname(fileURLToPath(import.meta.url)), 'baseline');
const lab = await load();
let env;
before(async () => {
  if (!skip) env = await setup();
});
after(async () => env?.close());

/** Counts the page's `curve` requests to its worker (runs before the page's scripts). */
function countCurveRequests() {
  window.__curves = [];
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, transfer) {
    if (message?.type === 'curve')
      window.__curves.push(`${message.activation}|${message.alpha}|${message.reluGradAtZero}`);
    return post.call(this, message, transfer);
  };
}

/** Pixels of the activation canvas in a colour (the curves are blue and orange; axes and labels grey). */
const coloured = (page) =>
  page.evaluate(() => {
    const c = document.querySelector('.act-canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4)
      if (d[i + 3] > 128 && Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 60) n++;
    return n;
  });

/** Apply a config and wait until the panel has painted the curve for it; returns that curve. */
async function show(page, config) {
  await page.evaluate((c) => window.playground.setConfig(c), config);
  await page.waitForFunction((name) => window.playground.activationCurve()?.activation === name, config.activation);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(() => window.playground.activationCurve());
}

test("the drawn leaky ReLU (α 0.3) is lab.activationCurve's, value for value", { skip }, async () => {
  const { page, problems, context } = await openPage(env.browser, `${env.url}#dataset=circle&hidden=4`);
  const c = await show(page, { activation: 'leaky_relu', alpha: 0.3, reluGradAtZero: '0.5' });
  assert.equal(c.alpha, 0.3);
  assert.equal(c.reluGradAtZero, 0.5);
  assert.equal(c.x[0], -4);
  assert.equal(c.x[200], 4);
  assert.equal(c.x[100], 0, 'x = 0 is a sample');
  const engine = lab.activationCurve('leaky_relu', c.x, { alpha: 0.3, reluGradAtZero: 0.5 });
  for (let i = 0; i < c.x.length; i++) {
    assert.equal(c.f[i], engine.f[i], `f(${c.x[i]}): page ${c.f[i]}, engine ${engine.f[i]}`);
    assert.equal(c.df[i], engine.df[i], `f′(${c.x[i]}): page ${c.df[i]}, engine ${engine.df[i]}`);
  }
  // the check can tell: the formula in float64 (what a JS copy computes) differs from the engine's float32
  assert.ok(
    c.x.some((x, i) => x < 0 && 0.3 * x !== c.f[i]),
    'a JS copy of the formula would not pass',
  );
  assert.ok(Math.abs(c.df[100] - 0.65) < 1e-6, `f′(0) = α + g0·(1 − α) = 0.65 (got ${c.df[100]})`);
  assert.match(
    await page.getAttribute('.act-figure', 'aria-label'),
    /0\.3 below 0 and 1 above; at 0 the page uses 0\.65/,
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test(
  'one curve request per (activation, α, ReLU′(0)): repaints and smooth activations reuse it',
  { skip },
  async () => {
    const { page, problems, context } = await openPage(env.browser, `${env.url}#dataset=circle&hidden=4`, {
      init: countCurveRequests,
    });
    await page.waitForFunction(() => window.playground.activationCurve()?.activation === 'relu');
    assert.deepEqual(await page.evaluate(() => window.__curves), ['relu|null|0']);
    await show(page, { activation: 'leaky_relu', alpha: 0.3 });
    await show(page, { activation: 'relu' });
    await show(page, { activation: 'leaky_relu', alpha: 0.3 });
    await page.setViewportSize({ width: 1100, height: 900 }); // a resize repaints from the cache
    await page.evaluate(() => window.playground.step(3));
    await show(page, { activation: 'tanh', reluGradAtZero: '0.5' });
    await show(page, { activation: 'tanh', reluGradAtZero: '1' }); // g0 changes nothing of a smooth curve
    await show(page, { activation: 'relu', reluGradAtZero: '1' });
    assert.deepEqual(await page.evaluate(() => window.__curves), [
      'relu|null|0',
      'leaky_relu|0.3|0',
      'tanh|null|0',
      'relu|null|1',
    ]);
    assert.deepEqual(problems, []);
    await context.close();
  },
);

test('the figure looks as it did when it was drawn from a JS copy of the formulas', { skip }, async (t) => {
  const { page, problems, context } = await openPage(env.browser, `${env.url}#dataset=circle&hidden=4`);
  const cases = [
    ['relu-g05', { activation: 'relu', reluGradAtZero: '0.5' }],
    ['leaky-a03', { activation: 'leaky_relu', alpha: 0.3, reluGradAtZero: '0' }],
    ['elu', { activation: 'elu', alpha: -1, reluGradAtZero: '1' }],
    ['tanh', { activation: 'tanh' }],
  ];
  for (const [name, config] of cases) {
    await show(page, config);
    const shot = PNG.sync.read(
      await page.locator('.act-figure').screenshot({ path: join(artifacts, `activation-${name}.png`) }),
    );
    const file = join(baselineDir, `activation-${name}.png`);
    if (!existsSync(file) || process.env.UPDATE_BASELINE === '1') {
      await writeFile(file, PNG.sync.write(shot));
      t.diagnostic(`baseline written: ${file}`);
      continue;
    }
    const base = PNG.sync.read(await readFile(file));
    assert.equal(`${shot.width}x${shot.height}`, `${base.width}x${base.height}`, `${name}: same size as the baseline`);
    const diff = new PNG({ width: base.width, height: base.height });
    const n = pixelmatch(base.data, shot.data, diff.data, base.width, base.height, { threshold: 0.1 });
    await writeFile(join(artifacts, `activation-${name}.diff.png`), PNG.sync.write(diff));
    assert.ok(n <= base.width * base.height * 0.002, `${name}: ${n} pixels differ (allowed 0.2 %)`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('before the engine has loaded, the panel shows its axes and no curve, without an error', { skip }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // hold the engine's module (fetched by the worker) until the panel has been looked at
  let release;
  const held = new Promise((r) => (release = r));
  let seen = 0;
  await context.route(/relu_lab_(simd|scalar)\.mjs$/, async (route) => {
    seen++;
    await held;
    await route.continue();
  });
  await page.goto(`${env.url}#dataset=circle&hidden=4&activation=leaky_relu`);
  await page.waitForFunction(
    () => window.playground && document.querySelector('.act-figure')?.getBoundingClientRect().width > 0,
  );
  await page.waitForFunction(() =>
    /loading/.test(document.querySelector('.act-figure').getAttribute('aria-label') ?? ''),
  );
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  assert.ok(seen > 0, 'the engine was asked for (and is held)');
  assert.equal(await page.evaluate(() => window.playground.activationCurve()), null, 'no curve yet');
  assert.equal(await coloured(page), 0, 'only the grey axes are drawn');
  release();
  await page.evaluate(() => window.playground.ready);
  await page.waitForFunction(() => window.playground.activationCurve()?.activation === 'leaky_relu');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.ok((await coloured(page)) > 200, 'then the curves');
  assert.doesNotMatch(await page.getAttribute('.act-figure', 'aria-label'), /loading/);
  assert.deepEqual(problems, []);
  await context.close();
});
