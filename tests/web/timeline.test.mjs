// Time travel on the page (issue #17): paused after 40 epochs, dragging the timeline back to
// epoch 10 shows the map as it was then (the same pixels as a run stopped at epoch 10) and says
// "Viewing epoch 10 of 40"; Step and Play then branch the run from epoch 10.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, step, haveBrowser, artifacts } from './helpers.mjs';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium';
const URL_HASH = '#dataset=circle&hidden=8,8&learningRate=0.3&seed=1&dataSeed=1';
let env;
before(async () => {
  if (!skip) env = await setup();
});
after(async () => env?.close());

const mapPixels = (page) => page.$eval('.map-frame canvas', (c) => c.toDataURL());
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

test('dragging the timeline back shows the past map; Step and Play branch from there', { skip }, async () => {
  // the map a run stopped at epoch 10 paints
  const ref = await openPage(env.browser, `${env.url}${URL_HASH}`);
  await step(ref.page, 10);
  const at10 = await mapPixels(ref.page);
  await ref.context.close();

  const { page, problems, context } = await openPage(env.browser, `${env.url}${URL_HASH}`);
  let s = await step(page, 40);
  assert.equal(s.epoch, 40);
  await page.waitForSelector('.timeline:not([hidden])');
  const now = await mapPixels(page);
  assert.notEqual(now, at10, 'the map moved between epochs 10 and 40');

  await drag(page, 10);
  await page.waitForFunction(() =>
    /Viewing epoch 10 of 40/.test(document.querySelector('.timeline-label').textContent),
  );
  await page.waitForFunction((want) => document.querySelector('.map-frame canvas').toDataURL() === want, at10, {
    timeout: 5000,
  });
  assert.ok(await page.$eval('.playground', (el) => el.classList.contains('viewing-past')));
  await page.screenshot({ path: join(artifacts, 'timeline-past-desktop.png') });

  // back to now, then into the past again
  await page.click('.timeline-now');
  await page.waitForFunction((want) => document.querySelector('.map-frame canvas').toDataURL() === want, now);
  await drag(page, 10);
  await page.waitForFunction(() => /Viewing epoch 10/.test(document.querySelector('.timeline-label').textContent));

  // Step branches: epoch 11, not 41
  s = await step(page, 1);
  assert.equal(s.epoch, 11);
  assert.ok(!(await page.$eval('.playground', (el) => el.classList.contains('viewing-past'))));

  // the old branch is kept: switch to it (epoch 40) and back (epoch 11)
  await page.waitForSelector('.branch-list:not([hidden]) .branch-switch');
  await page.screenshot({ path: join(artifacts, 'timeline-branched-desktop.png') });
  await page.click('.branch-switch');
  await page.waitForFunction(() => window.playground.state().epoch === 40);
  // the other branch's map is the one at epoch 40
  await page.waitForFunction((want) => document.querySelector('.map-frame canvas').toDataURL() === want, now);
  await page.click('.branch-switch');
  await page.waitForFunction(() => window.playground.state().epoch === 11);

  // Play branches too: with a stop at epoch 8 the run at 11 is done, but from epoch 5 it trains to 8
  await page.evaluate(() => window.playground.setConfig({ stopAt: 8 }));
  await drag(page, 5);
  await page.waitForFunction(() => /Viewing epoch 5 of 11/.test(document.querySelector('.timeline-label').textContent));
  await page.evaluate(() => window.playground.play());
  await page.waitForFunction(() => window.playground.state().epoch === 8 && !window.playground.state().playing);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a phone the timeline and its "viewing" label fit the screen', { skip }, async () => {
  const { page, problems, context } = await openPage(env.browser, `${env.url}${URL_HASH}`, {
    viewport: { width: 390, height: 844 },
  });
  await step(page, 20);
  await page.waitForSelector('.timeline:not([hidden])');
  await drag(page, 3);
  await page.waitForFunction(() => /Viewing epoch 3 of 20/.test(document.querySelector('.timeline-label').textContent));
  const box = await page.$eval('.timeline', (el) => el.getBoundingClientRect().toJSON());
  assert.ok(box.right <= 390 + 0.5, `the timeline ends at x ${box.right}`);
  await page.$eval('.timeline', (el) => el.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: join(artifacts, 'timeline-past-phone.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test("a link carries the run's log: it replays to the same weights; a bad log is refused", { skip }, async () => {
  const a = await openPage(env.browser, `${env.url}${URL_HASH}`);
  await step(a.page, 10);
  await a.page.evaluate(() => window.playground.setConfig({ learningRate: 1 }));
  await step(a.page, 5);
  await a.page.evaluate(() => window.playground.revive(-1));
  await step(a.page, 3);
  await a.page.waitForFunction(() => document.querySelectorAll('.tl-intervention').length >= 2); // lr, Revive
  const want = await a.page.evaluate(() => window.playground.weightHash());
  const { href, note } = await a.page.evaluate(() => window.linkHref());
  assert.equal(note, '');
  assert.match(href, /&at=\d+&log=/);
  assert.match(href, /learningRate=0\.3/, "the link holds the set-up's learning rate; the log the change");
  await a.context.close();

  const b = await openPage(env.browser, href);
  await b.page.waitForFunction(() => window.playground.state().epoch === 18);
  assert.equal(await b.page.evaluate(() => window.playground.weightHash()), want);
  assert.equal((await b.page.evaluate(() => window.playground.state())).config.learningRate, 1);
  assert.deepEqual(b.problems, []);
  await b.context.close();

  const bad = href.replace(/log=[^&]*/, `log=${encodeURIComponent('[[0,"explode",1]]')}`);
  const c = await openPage(env.browser, bad);
  await c.page.waitForFunction(() =>
    /could not be replayed.*log\[0\]/.test(document.getElementById('toast').textContent),
  );
  assert.equal((await step(c.page, 2)).epoch, 2, 'the page still trains');
  await c.context.close();
});

test('selecting a dead unit shows its death certificate: an epoch and a step', { skip }, async () => {
  const { page, problems, context } = await openPage(
    env.browser,
    `${env.url}#dataset=circle&hidden=8,8&activation=relu&learningRate=3&seed=1&dataSeed=1`,
  );
  const s = await step(page, 30);
  let pick = null;
  s.health.layers.forEach((L, l) =>
    L.deadOnData.forEach((d, u) => d && L.diedAtEpoch[u] > 0 && !pick && (pick = { l, u, died: L.diedAtEpoch[u] })),
  );
  assert.ok(pick, 'learning rate 3 kills a unit');
  await page.waitForFunction(() => document.querySelectorAll('.tl-death').length > 0); // marked on the timeline
  await page.click(`.hidden-unit[data-layer="${pick.l}"][data-unit="${pick.u}"]`);
  await page.waitForSelector('.certificate:not([hidden])');
  const text = await page.textContent('.certificate');
  const m = /One step \(epoch (\d+), step (\d+)\) at learning rate 3/.exec(text);
  assert.ok(m, text);
  // the engine dates a death when it first sees it: the killing step is in that epoch or the next
  assert.ok([pick.died, pick.died + 1].includes(Number(m[1])), `epoch ${m[1]}, first seen dead at ${pick.died}`);
  assert.match(text, /Died atepoch \d+, step \d+/);
  await page.$eval('.certificate', (el) => el.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: join(artifacts, 'certificate-desktop.png') });
  await page.$eval('.timeline', (el) => el.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: join(artifacts, 'timeline-marks-desktop.png') });
  // the moment just before that step, then a branch there with a tenth of the learning rate
  const [, epoch, stepNo] = m.map(Number);
  await page.click('.cert-before');
  const before = stepNo > 1 ? `epoch ${epoch}, step ${stepNo - 1}` : `epoch ${epoch - 1}`;
  await page
    .waitForFunction(
      (want) => document.querySelector('.timeline-label').textContent.startsWith(`Viewing ${want} of 30`),
      before,
      { timeout: 5000 },
    )
    .catch(async (e) => {
      throw new Error(`${e.message}: label "${await page.textContent('.timeline-label')}", want ${before}`);
    });
  await page.click('.cert-branch');
  await page.waitForFunction(() => window.playground.state().config.learningRate === 0.3);
  assert.equal((await page.evaluate(() => window.playground.state())).epoch, epoch - 1);
  assert.deepEqual(problems, []);
  await context.close();
});
