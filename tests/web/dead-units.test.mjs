// A circle run with ReLU at learning rate 3 kills units: state() reports them, the network view
// marks the same units dead (not by colour alone), and the loss chart lists when they died.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, step, haveBrowser, artifacts } from './helpers.mjs';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium';
let env;
before(async () => {
  if (!skip) env = await setup();
});
after(async () => env?.close());

test('a hot learning rate on the circle leaves dead units, marked in the view and on the chart', { skip }, async () => {
  const { page, problems, context } = await openPage(
    env.browser,
    `${env.url}#dataset=circle&hidden=8,8&activation=relu&learningRate=3&seed=1&dataSeed=1`,
  );
  const s = await step(page, 30);
  const dead = [];
  s.health.layers.forEach((L, l) => L.deadOnData.forEach((d, u) => d && dead.push({ l, u, epoch: L.diedAtEpoch[u] })));
  assert.ok(dead.length > 0, 'state() reports dead units');
  assert.equal(s.health.deadUnits, dead.length);

  // the same units, and only those, are marked dead in the network view
  const marked = await page.$$eval('.hidden-unit', (els) =>
    els.map((b) => ({
      l: +b.dataset.layer,
      u: +b.dataset.unit,
      dead: b.dataset.deadOnData === 'true',
      hatched: getComputedStyle(b, '::after').backgroundImage.includes('repeating-linear-gradient'),
      label: b.getAttribute('aria-label'),
      badge: b.parentElement.querySelector('.badge').textContent,
    })),
  );
  for (const m of marked) {
    const isDead = dead.some((d) => d.l === m.l && d.u === m.u);
    assert.equal(m.dead, isDead, `layer ${m.l} unit ${m.u}: view ${m.dead}, state ${isDead}`);
    if (isDead) {
      assert.ok(m.hatched, 'a dead unit is hatched');
      assert.match(m.badge, /dead/, 'and labelled in text');
      assert.match(m.label, /dead on the data/, 'and says so to assistive technology');
    }
  }
  // each layer says "k of n dead"
  for (const [l, L] of s.health.layers.entries()) {
    const text = await page.textContent(`.dead-count[data-layer="${l}"]`);
    assert.match(text, new RegExp(`^${L.deadOnData.filter(Boolean).length} of ${L.units} dead`));
  }
  // the loss chart lists each death with its epoch
  const deaths = await page.$$eval('.deaths li[data-epoch]', (els) =>
    els.map((li) => ({ l: +li.dataset.layer, u: +li.dataset.unit, epoch: +li.dataset.epoch })),
  );
  for (const d of dead) {
    assert.ok(
      deaths.some((x) => x.l === d.l && x.u === d.u && x.epoch === d.epoch),
      `the chart marks L${d.l} u${d.u} at epoch ${d.epoch}`,
    );
  }
  await page.screenshot({ path: join(artifacts, 'circle-lr3-dead.png'), fullPage: true });

  // ReDo brings them back
  const revived = await page.evaluate(() => window.playground.revive(-1));
  assert.equal(revived, dead.length);
  const after = await page.evaluate(() => window.playground.state());
  assert.equal(after.health.deadUnits, 0, 'no unit dead right after reviving');
  assert.deepEqual(problems, []);
  await context.close();
});

test('selecting a unit shows its pre-activation histogram with the zero line', { skip }, async () => {
  const { page, problems, context } = await openPage(env.browser, `${env.url}#dataset=circle&hidden=8,8`);
  await step(page, 5);
  await page.click('.hidden-unit[data-layer="0"][data-unit="2"]');
  await page.waitForSelector('.inspector-body:not([hidden])');
  assert.match(await page.textContent('.inspector .panel-sub'), /Layer 1, unit 3/);
  assert.match(await page.getAttribute('.hist', 'aria-label'), /below 0/);
  assert.equal(await page.locator('.weight-grid input').count(), 3, 'a bias and two weights (inputs x, y)');
  assert.deepEqual(problems, []);
  await context.close();
});
