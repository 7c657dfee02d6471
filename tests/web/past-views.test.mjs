// Issue #17 with issue 15's views: while the timeline shows a past epoch, the traced point's
// trace (the panel and the network view's marks) and Regions mode's count are the past model's —
// the very numbers the page showed at that epoch, and net.trace of the npm module on the model
// exported then — and say so; Back to now brings the present's back; Nudge there branches the run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { load } from '../../js/index.js';
import { setup, openPage, step, haveBrowser, artifacts } from './helpers.mjs';
import { formatNumber } from '../../web/src/format.js';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium';
const HASH = '#dataset=circle&hidden=8,8&activation=relu&learningRate=3&trace=1&regions=1&seed=3&dataSeed=1';
const lab = await load();
let env;
before(async () => {
  if (!skip) env = await setup();
});
after(async () => env?.close());

/** What the page shows of the trace: the panel's sentence and every hidden unit's exact z. */
const shownTrace = (page) =>
  page.evaluate(() => ({
    summary: document.querySelector('.trace-summary').textContent,
    epoch: document.querySelector('.trace-summary').dataset.epoch,
    z: [...document.querySelectorAll('.network .hidden-unit[data-z]')].map(
      (e) => `${e.dataset.layer},${e.dataset.unit}:${e.dataset.z}`,
    ),
  }));
const regionCount = (page) => page.$eval('.regions-count', (e) => Number(e.dataset.count));

async function drag(page, epoch) {
  await page.$eval(
    '.timeline-range',
    (el, e) => {
      el.value = String(e);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    epoch,
  );
}

/** Wait until every unit's z in the network view is `want`'s (the marks are redrawn at most every 200 ms). */
const waitZ = (page, want) =>
  page.waitForFunction(
    (w) =>
      JSON.stringify(
        [...document.querySelectorAll('.network .hidden-unit[data-z]')].map(
          (e) => `${e.dataset.layer},${e.dataset.unit}:${e.dataset.z}`,
        ),
      ) === w,
    JSON.stringify(want),
    { timeout: 10000 },
  );

test('a past epoch traces the point and counts the regions on the past model', { skip }, async () => {
  const { page, problems, context } = await openPage(env.browser, `${env.url}${HASH}`, {
    viewport: { width: 1440, height: 900 },
  });
  const at3 = await step(page, 3);
  assert.equal(at3.epoch, 3);
  await page.locator('.out .map-overlay').scrollIntoViewIfNeeded();
  const box = await page.locator('.out .map-overlay').boundingBox();
  await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.4);
  await page.waitForSelector('.trace-summary[data-x]');
  await page.waitForSelector('.network .hidden-unit[data-z]');
  const then = await shownTrace(page);
  assert.equal(then.z.length, 16);
  const count3 = await regionCount(page);
  assert.equal(count3, at3.regions.count);
  // the npm module's trace of the point on the model as it was at epoch 3
  const point = await page.$eval('.trace-summary', (e) => ({
    x: Number(e.dataset.x),
    y: Number(e.dataset.y),
    label: Number(e.dataset.label),
  }));
  const net = lab.network(await page.evaluate(() => window.playground.exportModel()));
  const t = net.trace(point);
  net.dispose();
  const npmZ = t.layers.flatMap((L, l) => Array.from(L.z, (z, u) => `${l},${u}:${z}`));

  // train on: the present's trace and count differ from epoch 3's
  const at40 = await step(page, 37);
  assert.equal(at40.epoch, 40);
  await page.waitForFunction((s) => document.querySelector('.trace-summary').textContent !== s, then.summary);
  await page.waitForFunction(
    (w) =>
      JSON.stringify([...document.querySelectorAll('.network .hidden-unit[data-z]')].map((e) => e.dataset.z)) !== w,
    JSON.stringify(then.z.map((v) => v.split(':')[1])),
  );
  await page.waitForTimeout(500); // the last frame's marks follow within 200 ms
  const present = await shownTrace(page);
  assert.notDeepEqual(present.z, then.z, 'the units moved between epochs 3 and 40');
  const count40 = await regionCount(page);
  assert.notEqual(count40, count3, 'the regions changed between epochs 3 and 40');

  // scrub back to epoch 3: the trace is epoch 3's, and says so
  await drag(page, 3);
  await page.waitForFunction(() => /Viewing epoch 3 of 40/.test(document.querySelector('.timeline-label').textContent));
  await page.waitForSelector('.trace-summary[data-epoch="3"]');
  await waitZ(page, then.z);
  const past = await shownTrace(page);
  assert.deepEqual(past.z, npmZ, "every unit's z is net.trace's on the epoch-3 model");
  assert.equal(past.summary, `At epoch 3 (the past): p${then.summary.slice(1)}`);
  const pred = Array.from(t.output.prediction, (v) => formatNumber(v, 3)).join(', ');
  assert.ok(past.summary.includes(`prediction ${pred}, loss ${formatNumber(t.output.loss, 3)}.`), past.summary);
  // Regions mode: epoch 3's count, named as the past
  assert.equal(await regionCount(page), count3);
  assert.match(await page.textContent('.regions-count'), /visible at epoch 3$/);
  await page.waitForFunction(() =>
    document.querySelector('.net-trace-legend').textContent.startsWith('At epoch 3 (the past). '),
  );
  await page.mouse.move(5, 5);
  await page.screenshot({ path: join(artifacts, 'past-views-trace-1440.png') });
  await page.locator('.trace-panel').screenshot({ path: join(artifacts, 'past-views-trace-panel.png') });

  // a view setting shows the same moment (no branch)
  await page.evaluate(() => window.playground.setConfig({ showTest: true }));
  assert.ok(await page.$eval('.playground', (el) => el.classList.contains('viewing-past')));
  assert.match(await page.textContent('.timeline-label'), /Viewing epoch 3 of 40/);
  await waitZ(page, then.z);

  // Back to now: the present's numbers again
  await page.click('.timeline-now');
  await page.waitForSelector('.trace-summary[data-epoch=""]');
  await waitZ(page, present.z);
  assert.equal((await shownTrace(page)).summary, present.summary);
  assert.equal(await regionCount(page), count40);
  assert.match(await page.textContent('.regions-count'), /visible$/);
  await page.waitForFunction(() => !/the past/.test(document.querySelector('.net-trace-legend').textContent));

  // Nudge while viewing epoch 3 branches the run there: the step is on epoch 3's model
  await drag(page, 3);
  await page.waitForSelector('.trace-summary[data-epoch="3"]');
  assert.match(await page.textContent('.trace-nudge'), /branching the run at epoch 3/);
  await page.click('.trace-nudge');
  await page.waitForFunction(() => /^Nudged/.test(document.querySelector('.trace-nudged').textContent));
  const s = await page.evaluate(() => window.playground.state());
  assert.equal(s.epoch, 3);
  assert.ok(!(await page.$eval('.playground', (el) => el.classList.contains('viewing-past'))));
  assert.ok((await page.textContent('.trace-nudged')).includes(`(its loss was ${formatNumber(t.output.loss, 3)})`));
  await page.waitForSelector('.branch-list:not([hidden]) .branch-switch');
  assert.deepEqual(problems, []);
  await context.close();
});
