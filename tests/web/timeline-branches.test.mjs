// Time travel on the page, part two (issue #17): a dead unit's certificate rings the training
// points still on its open side and jumps to a minibatch step ("viewing epoch e, step s"; Alt+←
// and the step buttons move one step); old branches are listed, and "Compare side by side" opens
// this branch and an old one as twins whose weights are the two branches' (parameter hashes);
// the timeline then moves both twins; an imported model begins a run that can be scrubbed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, step, haveBrowser, artifacts } from './helpers.mjs';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium';
const HOT = '#dataset=circle&hidden=8,8&activation=relu&learningRate=3&seed=1&dataSeed=1';
const CALM = '#dataset=circle&hidden=8,8&learningRate=0.3&seed=1&dataSeed=1';
let env;
before(async () => {
  if (!skip) env = await setup();
});
after(async () => env?.close());

const label = (page) => page.textContent('.timeline-label');
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
const until = (page, re) =>
  page.waitForFunction((src) => new RegExp(src).test(document.querySelector('.timeline-label').textContent), re.source);

// the first unit that died during training (not at initialisation)
function deadUnit(s) {
  let pick = null;
  s.health.layers.forEach((L, l) =>
    L.deadOnData.forEach((d, u) => d && L.diedAtEpoch[u] > 0 && !pick && (pick = { l, u })),
  );
  return pick;
}

for (const [device, viewport] of [
  ['desktop', { width: 1440, height: 900 }],
  ['phone', { width: 390, height: 844 }],
]) {
  test(`the certificate rings its open-side points and jumps to a step (${device})`, { skip }, async () => {
    const { page, problems, context } = await openPage(env.browser, `${env.url}${HOT}`, { viewport });
    const s = await step(page, 30);
    const pick = deadUnit(s);
    assert.ok(pick, 'learning rate 3 kills a unit');
    await page.click(`.hidden-unit[data-layer="${pick.l}"][data-unit="${pick.u}"]`);
    await page.waitForSelector('.certificate:not([hidden])');
    const text = await page.textContent('.certificate');
    const [, epoch, stepNo] = /Died atepoch (\d+), step (\d+)/.exec(text).map(Number);
    const open = Number(/Points on its open side just before(\d+)/.exec(text)[1]);
    assert.ok(open > 0, text);
    // the rings: one per open point, drawn over the map
    await page.waitForFunction((n) => document.querySelectorAll('.open-side-rings .ring').length === n, open);
    assert.equal(await page.$eval('.open-side-rings', (el) => el.dataset.count), String(open));
    const ring = await page.$eval('.open-side-rings .ring', (c) => c.getBoundingClientRect().toJSON());
    const frame = await page.$eval('.out .map-frame', (el) => el.getBoundingClientRect().toJSON());
    assert.ok(ring.left >= frame.left - 8 && ring.right <= frame.right + 8, 'a ring is on the map');
    await page.$eval('.out .map-frame', (el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: join(artifacts, `certificate-rings-${device}.png`) });
    await page.$eval('.certificate', (el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: join(artifacts, `certificate-${device}.png`) });

    // "after it": the very step, named as the certificate names it (the map is painted a frame later)
    const changed = (from) =>
      page.waitForFunction((old) => document.querySelector('.map-frame canvas').toDataURL() !== old, from);
    const present = await mapPixels(page);
    await page.click('.cert-after');
    await until(page, new RegExp(`^Viewing epoch ${epoch}, step ${stepNo} of 30`));
    await changed(present);
    const afterMap = await mapPixels(page);
    // Alt+← is one minibatch step back: the moment before it
    await page.focus('.timeline-range');
    await page.keyboard.press('Alt+ArrowLeft');
    if (stepNo > 1) await until(page, new RegExp(`^Viewing epoch ${epoch}, step ${stepNo - 1} of 30`));
    else await until(page, new RegExp(`^Viewing epoch ${epoch - 1} of 30`));
    await changed(afterMap); // that step changed the map
    // the step button goes on by one: the map is the "after" map again, to the pixel
    await page.click('.timeline-step:nth-of-type(2)');
    await until(page, new RegExp(`step ${stepNo} of 30`));
    await page.waitForFunction((want) => document.querySelector('.map-frame canvas').toDataURL() === want, afterMap);
    assert.ok(await page.$eval('.playground', (el) => el.classList.contains('viewing-past')));
    await page.$eval('.timeline', (el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: join(artifacts, `timeline-step-${device}.png`) });
    // inside epoch 1 the dead units are not "born dead" (they died in steps already taken)
    if (stepNo > 0 && epoch === 1) assert.ok(await page.$eval('.born-dead', (el) => el.hidden), 'no born-dead note');
    // the timeline's death marks name the step, as the certificate does
    const titles = await page.$$eval('.tl-death', (ms) => ms.map((m) => m.title));
    assert.ok(
      titles.some((t) => t.includes(`died at epoch ${epoch}, step ${stepNo}`)),
      titles.join(' | '),
    );
    // the rings stay while the certificate is shown
    assert.equal(await page.$$eval('.open-side-rings .ring', (r) => r.length), open);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test(
  'old branches are listed; "Compare side by side" opens two twins with the branches\' weights',
  { skip },
  async () => {
    const { page, problems, context } = await openPage(env.browser, `${env.url}${CALM}`, {
      viewport: { width: 1440, height: 900 },
    });
    await step(page, 20);
    await page.waitForSelector('.timeline:not([hidden])');
    await drag(page, 8);
    await until(page, /Viewing epoch 8 of 20/);
    await page.evaluate(() => window.playground.setConfig({ learningRate: 1 })); // branches at epoch 8
    await step(page, 6);
    await page.waitForSelector('.branch-list:not([hidden]) .branch-compare');
    const before = await page.evaluate(() => window.playground.weightHashes());
    assert.equal(before.models.length, 1);
    assert.equal(before.others.length, 1, 'the branch left at epoch 20 is kept');
    assert.notEqual(before.models[0], before.others[0]);
    assert.match(await page.textContent('.branch-list'), /original, epoch 20/);

    await page.click('.branch-compare');
    await page.waitForFunction(() => document.querySelectorAll('.compare:not([hidden]) .twin').length === 2);
    const twins = await page.evaluate(() => window.playground.weightHashes());
    assert.deepEqual(twins.models, [before.models[0], before.others[0]], 'twin 1 is this branch, twin 2 the original');
    const st = await page.evaluate(() => window.playground.state());
    assert.deepEqual(
      st.models.map((m) => m.epoch),
      [14, 20],
    );
    assert.match(await page.textContent('.compare'), /branch 1.*original/s);
    await page.$eval('.compare', (el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: join(artifacts, 'branch-compare-desktop.png') });

    // the timeline moves both twins: at epoch 5 they are the same run (the branch was made at 8)
    await drag(page, 5);
    await until(page, /Viewing epoch 5 of 14 \(every twin\)/);
    const maps = await page.$$eval('.twin .map-frame canvas.map-regions', (cs) => cs.map((c) => c.toDataURL()));
    assert.equal(maps.length, 2);
    assert.equal(maps[0], maps[1], 'before the branch point the twins are one run');
    await page.click('.timeline-now');
    await page.waitForFunction(() => {
      const cs = [...document.querySelectorAll('.twin .map-frame canvas.map-regions')];
      return cs.length === 2 && cs[0].toDataURL() !== cs[1].toDataURL();
    });

    // unticking Compare goes back to one model: this branch, with the original listed again
    await page.evaluate(() => window.playground.setConfig({ compare: false }));
    await page.waitForSelector('.branch-list:not([hidden])');
    const back = await page.evaluate(() => window.playground.weightHashes());
    assert.deepEqual(back, before);
    assert.deepEqual(problems, []);
    await context.close();
  },
);

test('on a phone the branch twins fit the screen', { skip }, async () => {
  const { page, problems, context } = await openPage(env.browser, `${env.url}${CALM}`, {
    viewport: { width: 390, height: 844 },
  });
  await step(page, 12);
  await page.waitForSelector('.timeline:not([hidden])');
  await drag(page, 4);
  await until(page, /Viewing epoch 4 of 12/);
  await step(page, 3);
  await page.click('.branch-compare');
  await page.waitForFunction(() => document.querySelectorAll('.compare:not([hidden]) .twin').length === 2);
  const box = await page.$eval('.compare', (el) => el.getBoundingClientRect().toJSON());
  assert.ok(box.right <= 390 + 0.5, `the twins end at x ${box.right}`);
  await page.$eval('.compare', (el) => el.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: join(artifacts, 'branch-compare-phone.png') });
  await page.$eval('.branch-list, .timeline', (el) => el.scrollIntoView({ block: 'center' }));
  assert.deepEqual(problems, []);
  await context.close();
});

test('an imported model begins a run that can be scrubbed, to the same pixels', { skip }, async () => {
  const a = await openPage(env.browser, `${env.url}${CALM}`);
  await step(a.page, 12);
  const model = await a.page.evaluate(() => window.playground.exportModel());
  await a.context.close();

  const { page, problems, context } = await openPage(env.browser, `${env.url}${CALM}`);
  await page.evaluate((m) => window.playground.importModel(m), model);
  assert.equal((await page.evaluate(() => window.playground.state())).epoch, 12);
  await step(page, 2);
  const at14 = await mapPixels(page);
  await step(page, 4);
  await page.waitForSelector('.timeline:not([hidden])');
  assert.equal(await page.$eval('.timeline-range', (el) => el.min), '12', 'the timeline begins at the model');
  await drag(page, 14);
  await until(page, /Viewing epoch 14 of 18/);
  await page.waitForFunction((want) => document.querySelector('.map-frame canvas').toDataURL() === want, at14);
  // and Step branches from there
  assert.equal((await step(page, 1)).epoch, 15);
  assert.deepEqual(problems, []);
  await context.close();
});
