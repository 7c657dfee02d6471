// export-code.test.mjs — the page's and the element's *Export → PyTorch / NumPy*: the text shown is
// exactly net.toCode's for the same model, data and training settings (rebuilt here in Node from
// the page's exported model and CSV), the download is that text, and the dialog is looked at
// (screenshots on desktop and phone, and in a <relu-lab> element's share panel).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { load } from 'relu-lab';
import { setup, openPage, haveBrowser, artifacts, step } from './helpers.mjs';
import { CSP } from '../../scripts/serve.mjs';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium (apt-get install chromium)';
let env, lab;
before(async () => {
  if (skip) return;
  env = await setup();
  lab = await load();
});
after(async () => env?.close());

// web/src/config.js trainOptions: the training settings the page runs with.
const trainOf = (c) => ({
  optimizer: c.optimizer,
  learningRate: c.learningRate,
  batchSize: c.batchSize,
  regularization: c.regularization,
  regularizationRate: c.regularization === 'none' ? 0 : c.regularizationRate,
});

// net.toCode in Node for the model the page runs: its JSON, its data as CSV, its settings (the
// page paused; called before the dialog opens, which is modal).
async function expected(page) {
  const model = await page.evaluate(() => window.playground.exportModel());
  const [csvFile] = await Promise.all([page.waitForEvent('download'), page.click('text=Export CSV')]);
  const config = (await page.evaluate(() => window.playground.state())).config;
  const net = lab.network(model);
  const data = lab.datasetFromCSV(await readFile(await csvFile.path(), 'utf8'), { extent: config.extent });
  const train = trainOf(config);
  const code = { pytorch: net.toCode('pytorch', { data, train }), numpy: net.toCode('numpy', { data, train }) };
  net.dispose();
  data.dispose();
  return { code };
}

test('the page: Export → PyTorch / NumPy shows and downloads exactly net.toCode', { skip }, async () => {
  const hash =
    '#dataset=xor&hidden=5,3&activation=prelu&batchNorm=true&optimizer=adam&regularization=l2&regularizationRate=0.003';
  const { page, context, problems } = await openPage(env.browser, `${env.url}${hash}`, {
    viewport: { width: 1440, height: 900 },
  });
  await step(page, 3);
  const want = await expected(page);
  await page.click('[data-control="exportCode"]');
  const area = page.locator('.export-code-dialog textarea');
  await area.waitFor();
  const pytorch = await area.inputValue();
  assert.equal(pytorch, want.code.pytorch, 'the PyTorch text differs from net.toCode');
  // the weights are in it as literals (their exactness is tests/js/export-code.test.mjs's)
  assert.match(pytorch, /"layers\.0\.weight": \[\n {8}\[-?\d/);
  assert.match(pytorch, /nn\.PReLU\(5\)/);
  assert.match(pytorch, /torch\.optim\.Adam\(/);
  await page.screenshot({ path: join(artifacts, 'export-code-pytorch.png') });

  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.click('.export-code-dialog >> text=Download .py'),
  ]);
  assert.equal(file.suggestedFilename(), 'relu_lab_model.py');
  assert.equal(await readFile(await file.path(), 'utf8'), pytorch, 'the download is not the text shown');

  await page.click('.export-code-dialog [data-target="numpy"]');
  await page.waitForFunction(() =>
    document.querySelector('.export-code-dialog textarea').value.includes('import numpy as np\n\n'),
  );
  assert.equal(await area.inputValue(), want.code.numpy, 'the NumPy text differs');
  assert.equal(await page.locator('.export-code-dialog [data-target="numpy"]').getAttribute('aria-pressed'), 'true');
  await page.click('.export-code-dialog >> text=Close');
  await page.locator('.export-code-dialog').waitFor({ state: 'detached' }); // the close event removes it
  assert.deepEqual(problems, []);
  await context.close();
});

test('the page on a phone: the dialog fits, and axe finds no serious violation in it', { skip }, async () => {
  const { page, context, problems } = await openPage(env.browser, env.url, { viewport: { width: 390, height: 844 } });
  await page.click('[data-control="exportCode"]');
  await page.locator('.export-code-dialog textarea').waitFor();
  const box = await page.locator('.export-code-dialog').boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 390, `the dialog spans ${box.x}…${box.x + box.width} of 390 px`);
  await page.screenshot({ path: join(artifacts, 'export-code-phone.png') });
  // evaluate() runs over the DevTools protocol, which the page's CSP does not govern
  await page.evaluate(await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(() =>
    window.axe
      .run('.export-code-dialog', { resultTypes: ['violations'] })
      .then((r) => r.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => v.id)),
  );
  assert.deepEqual(violations, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the <relu-lab> element: its share panel exports the code of its own model', { skip }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  // an empty page of the site, under the site's CSP, to put the element on (as embed-element.test.mjs)
  await context.route(`${env.url}blank.html`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      headers: { 'Content-Security-Policy': CSP },
      body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title><link rel="stylesheet" href="styles.css"><script type="module" src="src/element.js"></script></head><body></body></html>',
    }),
  );
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  await page.goto(`${env.url}blank.html`);
  await page.waitForFunction(() => customElements.get('relu-lab'));
  await page.evaluate(() => {
    const el = document.createElement('relu-lab');
    for (const [k, v] of Object.entries({ panels: 'out,share', controls: 'all', hidden: '4', activation: 'elu' }))
      el.setAttribute(k, v);
    el.id = 'export-me';
    document.body.prepend(el);
  });
  const el = page.locator('#export-me');
  // clicked at once: the export waits for the element's engine to load
  await el.locator('[data-control="exportCode"]').click();
  const area = el.locator('.export-code-dialog textarea');
  await area.waitFor();
  const code = await area.inputValue();
  assert.match(code, /nn\.Linear\(2, 4\)/);
  assert.match(code, /nn\.ELU\(/);
  assert.match(code, /def predict\(points\):/);
  await page.screenshot({ path: join(artifacts, 'export-code-element.png') });
  assert.deepEqual(problems, []);
  await context.close();
});
