// sweep-panel.test.mjs — the playground's Sweep panel: a sweep from the URL hash runs in workers,
// draws one dot per run, gives the records lab.sweep gives in Node for the same set-up, writes
// itself back into the hash, exports CSV, shows a heatmap for two fields, and a click on a dot
// opens exactly that run in the playground (which then trains to the same numbers).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, haveBrowser, artifacts } from './helpers.mjs';
import { load } from '../../js/index.js';
import { sweepSpec, sweepFromText } from '../../web/src/sweep-setup.js';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium (apt-get install chromium)';
let env;
before(async () => {
  if (!skip) env = await setup();
});
after(async () => env?.close());

const SWEEP = 'learningRate:0.03/3|seeds:10|epochs:10|measure:deadOnData/testAccuracy';
const HASH = `dataset=circle&hidden=8,8&init=uniform&initScale=0.5&biasInit=0.1&output=tanh&sweep=${encodeURIComponent(SWEEP)}`;

test('a sweep from the URL runs in workers, equals lab.sweep, and a dot opens its run', { skip }, async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.url}#${HASH}`, {
    viewport: { width: 1440, height: 900 },
  });
  assert.equal(
    await page.evaluate(() => document.querySelector('.sweep-panel').open),
    true,
    'open: the URL has a sweep',
  );
  assert.match(await page.evaluate(() => location.hash), /sweep=learningRate%3A0\.03%2F3/, 'the hash keeps the sweep');
  await page.click('.sweep-run');
  await page.waitForSelector('.sweep-panel[data-state="done"]', { timeout: 120000 });
  const r = await page.evaluate(() => ({
    config: window.playground.state().config,
    records: window.sweepPanel.records,
    dots: [...document.querySelectorAll('.sweep-panel .dots-chart')].map((c) => Number(c.dataset.dots)),
  }));
  assert.deepEqual(r.dots, [20, 20]);
  const lab = await load();
  const node = await lab.sweep(sweepSpec(r.config, sweepFromText(SWEEP)), { workers: 1 });
  assert.deepEqual(r.records, node.records, 'the page sweep gives the records of lab.sweep in Node');
  await page.locator('.sweep-panel').screenshot({ path: join(artifacts, 'sweep-panel.png') });

  // click the dot of learning rate 3, seed 4 on the dead-units chart
  const rec = r.records.find((x) => x.cell === 1 && x.seed === 4);
  const at = await page.evaluate(async (record) => {
    const { dotPosition } = await import(new URL('src/views/dots-chart.js', location.href));
    const canvas = document.querySelector('.sweep-panel .dots-chart[data-metric="deadOnData"] canvas');
    const box = canvas.getBoundingClientRect();
    const groups = [0, 1].map((cell) => ({
      points: window.sweepPanel.records.filter((x) => x.cell === cell).map((x) => ({ value: x.metrics.deadOnData })),
      stated: null,
    }));
    const p = dotPosition('deadOnData', groups, box.width, record.cell, record);
    return { x: box.left + p.x, y: box.top + p.y };
  }, rec);
  await page.mouse.click(at.x, at.y);
  await page.waitForFunction(() => /seed=4&/.test(location.hash) && window.playground.state().config.seed === 4);
  const config = await page.evaluate(() => window.playground.state().config);
  assert.equal(config.learningRate, 3);
  assert.equal(config.dataSeed, 4);
  assert.equal(config.stopAt, 10);
  const s = await page.evaluate(() => window.playground.step(10));
  assert.equal(s.epoch, 10);
  assert.equal(s.health.deadUnits / s.health.totalUnits, rec.metrics.deadOnData, 'the opened run trains to the dot');
  assert.equal(s.metrics.testAccuracy, rec.metrics.testAccuracy);
  assert.deepEqual(problems, []);
  await context.close();
});

test('two fields, on a phone: a heatmap of medians; CSV export has one line per run', { skip }, async () => {
  const two = 'learningRate:0.03/3;activation:relu/tanh|seeds:10|epochs:10|measure:deadOnData';
  const { page, context, problems } = await openPage(
    env.browser,
    `${env.url}#dataset=circle&sweep=${encodeURIComponent(two)}`,
    { viewport: { width: 390, height: 844 } },
  );
  await page.click('.sweep-run');
  await page.waitForSelector('.sweep-panel[data-state="done"]', { timeout: 120000 });
  const cells = await page.evaluate(() =>
    [...document.querySelectorAll('.sweep-heatmap td')].map((td) => Number(td.dataset.median)),
  );
  assert.equal(cells.length, 4);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.sweep-csv')]);
  const text = await (await import('node:fs/promises')).readFile(await download.path(), 'utf8');
  const lines = text.trim().split('\n');
  assert.equal(lines[0], 'learningRate,activation,seed,units,epoch,deadOnData');
  assert.equal(lines.length, 1 + 40);
  await page.locator('.sweep-panel').screenshot({ path: join(artifacts, 'sweep-heatmap-phone.png') });
  assert.deepEqual(problems, []);
  await context.close();
});
