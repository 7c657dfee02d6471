// measure.test.mjs — "Measure it yourself" in a lesson: the lesson's sweep runs in workers and
// draws one dot per seed and arm; its medians equal the committed lesson results for the same
// seeds (js/lesson-results.js, measured by npm run lessons:measure); Cancel stops it. And the
// revive lesson in the page: the ReDo twin ends with fewer dead units than the other, and both
// counts and accuracies are the npm module's on the lesson's seed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, openPlain, haveBrowser, artifacts } from './helpers.mjs';
import { LESSON_RESULTS, fillTemplate } from '../../js/lessons.js';
import { summarize } from '../../js/sweep.js';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium (apt-get install chromium)';
let env;
before(async () => {
  if (!skip) env = await setup();
});
after(async () => env?.close());

/** Open the lesson's Measure it yourself, run it on 10 seeds and wait for the end (done or error). */
async function measureTen(page) {
  await page.waitForSelector('.lesson-measure');
  await page.click('.lesson-measure summary');
  await page.fill('.lesson-measure .measure-seeds', '10');
  await page.click('.lesson-measure .measure-run');
  await page.waitForSelector('.lesson-measure[data-state="done"], .lesson-measure[data-state="error"]', {
    timeout: 120000,
  });
}

test('Measure it yourself on too-hot: one dot per seed, medians equal to the committed results', { skip }, async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.url}#lesson=too-hot`, {
    viewport: { width: 1440, height: 900 },
  });
  await measureTen(page);
  const r = await page.evaluate(() => ({
    state: document.querySelector('.lesson-measure').dataset.state,
    status: document.querySelector('.lesson-measure .measure-status').textContent,
    dots: [...document.querySelectorAll('.lesson-measure .dots-chart')].map((c) => [
      c.dataset.metric,
      Number(c.dataset.dots),
    ]),
    rows: [...document.querySelectorAll('.lesson-measure .measure-table tbody tr')].map((tr) => ({ ...tr.dataset })),
  }));
  assert.equal(r.state, 'done', r.status);
  const res = LESSON_RESULTS.lessons['too-hot'];
  const arms = Object.keys(res.arms);
  assert.deepEqual(
    r.dots,
    Object.keys(res.arms.hot.records).map((m) => [m, 10 * arms.length]),
  );
  assert.equal(r.rows.length, arms.length * 2);
  for (const row of r.rows) {
    const expected = summarize(res.arms[row.arm].records[row.metric].slice(0, 10)).median;
    assert.equal(Number(row.median), expected, `${row.arm} ${row.metric}: page median`);
    assert.equal(Number(row.committed), expected, `${row.arm} ${row.metric}: committed median shown`);
    assert.equal(Number(row.n), 10);
  }
  await page.locator('.lesson-measure').screenshot({ path: join(artifacts, 'measure-too-hot.png') });
  await page.screenshot({ path: join(artifacts, 'measure-too-hot-page.png'), fullPage: true });
  // Cancel: a long sweep stops, the panel says so, the page keeps working
  await page.fill('.lesson-measure .measure-seeds', '200');
  await page.click('.lesson-measure .measure-run');
  await page.waitForFunction(() => Number(document.querySelector('.lesson-measure .measure-bar').value) >= 3, null, {
    timeout: 60000,
  });
  await page.click('.lesson-measure .measure-cancel');
  await page.waitForSelector('.lesson-measure[data-state="cancelled"]', { timeout: 10000 });
  assert.match(await page.textContent('.lesson-measure .measure-status'), /Cancelled after \d+ runs/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Measure it yourself on a phone, and in the element', { skip }, async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.url}#lesson=vanishing`, {
    viewport: { width: 390, height: 844 },
  });
  await page.waitForSelector('.lesson-measure');
  await page.click('.lesson-measure summary');
  await page.fill('.lesson-measure .measure-seeds', '10');
  await page.click('.lesson-measure .measure-run');
  await page.waitForSelector('.lesson-measure[data-state="done"]', { timeout: 120000 });
  await page.locator('.lesson-measure').screenshot({ path: join(artifacts, 'measure-vanishing-phone.png') });
  const el = await page.evaluate(async () => {
    await import(new URL('src/element.js', location.href));
    const e = document.createElement('relu-lab');
    e.setAttribute('lesson', 'half-off');
    document.body.prepend(e);
    await e.step(0);
    const root = e.shadowRoot;
    root.querySelector('.lesson-measure').open = true;
    root.querySelector('.lesson-measure .measure-seeds').value = '10';
    root.querySelector('.lesson-measure .measure-run').click();
    for (let i = 0; i < 600 && root.querySelector('.lesson-measure').dataset.state !== 'done'; ++i)
      await new Promise((r) => setTimeout(r, 100));
    return {
      state: root.querySelector('.lesson-measure').dataset.state,
      dots: root.querySelector('.dots-chart').dataset.dots,
    };
  });
  assert.deepEqual(el, { state: 'done', dots: '10' });
  assert.deepEqual(problems, []);
  await context.close();
});

test(
  "the revive lesson in the page: the ReDo twin ends with fewer dead units, as the npm module on the lesson's seed",
  { skip },
  async () => {
    const { page, context, problems } = await openPage(env.browser, `${env.url}#lesson=revive`, {
      reducedMotion: 'reduce',
    });
    await page.waitForSelector('.lesson[data-lesson="revive"]');
    await page.click('.lesson-run');
    await page.waitForSelector('.lesson[data-state="done"]', { timeout: 120000 });
    const s = await page.evaluate(() => window.playground.state());
    const [without, withRedo] = s.models;
    assert.deepEqual([without.label, withRedo.label], ['without ReDo', 'with ReDo']);
    assert.ok(withRedo.deadUnits < without.deadUnits, `with ReDo ${withRedo.deadUnits}, without ${without.deadUnits}`);
    const res = LESSON_RESULTS.lessons.revive;
    const at = res.seeds.indexOf(res.seed);
    const units = res.arms.with.units;
    assert.equal(without.deadUnits, Math.round(res.arms.without.records.deadOnData[at] * units));
    assert.equal(withRedo.deadUnits, Math.round(res.arms.with.records.deadOnData[at] * units));
    assert.equal(without.metrics.testAccuracy, res.arms.without.records.testAccuracy[at]);
    assert.equal(withRedo.metrics.testAccuracy, res.arms.with.records.testAccuracy[at]);
    assert.ok(
      withRedo.metrics.testAccuracy > without.metrics.testAccuracy,
      'and the maps differ: ReDo changed the net',
    );
    await page.screenshot({ path: join(artifacts, 'lesson-revive-redo.png') });
    assert.deepEqual(problems, []);
    await context.close();
  },
);

test("the tutorial's numbers are slots filled from the lessons' committed results", { skip }, async () => {
  const {
    page,
    context,
    problems: errors,
  } = await openPlain(env.browser, `${env.url}tutorial.html`, {
    width: 1440,
    height: 900,
  });
  await page.waitForFunction(() => [...document.querySelectorAll('span.slot')].every((s) => s.textContent !== '…'));
  const slots = await page.evaluate(() =>
    [...document.querySelectorAll('span.slot')].map((s) => ({ ...s.dataset, text: s.textContent })),
  );
  assert.ok(slots.length >= 30, `${slots.length} slots`);
  for (const s of slots)
    assert.equal(s.text, fillTemplate(s.slot, LESSON_RESULTS.lessons[s.lesson]), `${s.lesson} ${s.slot}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("too-hot in the page: its run's numbers are the 'this seed' numbers its text states", { skip }, async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.url}#lesson=too-hot`, {
    reducedMotion: 'reduce',
  });
  await page.waitForSelector('.lesson[data-lesson="too-hot"]');
  await page.click('.lesson-run');
  await page.waitForSelector('.lesson[data-state="done"]', { timeout: 120000 });
  const r = await page.evaluate(() => ({
    models: window.playground.state().models,
    observation: document.querySelector('.lesson-observation').textContent,
  }));
  const res = LESSON_RESULTS.lessons['too-hot'];
  const at = res.seeds.indexOf(res.seed);
  const hot = r.models[0];
  assert.equal(hot.epoch, 10);
  assert.equal(hot.deadUnits, Math.round(res.arms.hot.records.deadOnData[at] * res.arms.hot.units));
  assert.equal(hot.metrics.testAccuracy, res.arms.hot.records.testAccuracy[at]);
  assert.ok(
    r.observation.includes(
      `this seed: ${hot.deadUnits} of ${hot.totalUnits} units, ${hot.metrics.testAccuracy.toFixed(2)}`,
    ),
    r.observation,
  );
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- the Folds lesson (issue 15): its region counts measured live ----
test('Measure it yourself on folds: the region counts per seed equal the committed results', { skip }, async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.url}#lesson=folds`, {
    viewport: { width: 1440, height: 900 },
  });
  await measureTen(page);
  const rows = await page.$$eval('.lesson-measure .measure-table tbody tr', (trs) =>
    trs.map((tr) => ({ ...tr.dataset })),
  );
  const res = LESSON_RESULTS.lessons.folds;
  const regions = rows.filter((row) => row.metric === 'regions');
  assert.deepEqual(
    regions.map((row) => row.arm),
    Object.keys(res.arms),
  );
  for (const row of regions) {
    const expected = summarize(res.arms[row.arm].records.regions.slice(0, 10)).median;
    assert.equal(Number(row.median), expected, `${row.arm}: page median`);
    assert.equal(Number(row.n), 10);
  }
  await page.locator('.lesson-measure').screenshot({ path: join(artifacts, 'measure-folds.png') });
  assert.deepEqual(problems, []);
  await context.close();
});
