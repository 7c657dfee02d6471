// Regions mode and the trace (issue 15): the count the page shows is net.regions().count of the
// same network on the same grid; a dead unit's fold and its closed gate are said in words; Nudge
// moves every weight by exactly one SGD step on the traced point, and Undo puts every one back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { load } from '../../js/index.js';
import { setup, openPage, step, haveBrowser, artifacts } from './helpers.mjs';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium';
const lab = await load();
let env;
before(async () => {
  if (!skip) env = await setup();
});
after(async () => env?.close());

const exportModel = (page) => page.evaluate(() => window.playground.exportModel());

/** Wait until the page has stopped scrolling (a smooth scroll moves what a click would hit). */
async function settle(page) {
  let y = -1;
  for (let k = 0; k < 50; k++) {
    const now = await page.evaluate(() => scrollY);
    if (now === y) return;
    y = now;
    await page.waitForTimeout(100);
  }
}

test('Regions mode shows the count net.regions() gives for the same network and grid', { skip }, async () => {
  const { page, problems, context } = await openPage(
    env.browser,
    `${env.url}#dataset=spiral&hidden=8,8,8&activation=relu&regions=1&seed=1&dataSeed=1`,
  );
  await step(page, 15);
  const shown = await page.waitForSelector('.regions-count[data-count]');
  const count = Number(await shown.getAttribute('data-count'));
  const [width, height] = (await shown.getAttribute('data-grid')).split('x').map(Number);
  assert.match(await shown.textContent(), new RegExp(`^${count} linear regions visible$`));
  const net = lab.network(await exportModel(page));
  const r = net.regions({ width, height, domain: [-6, 6, -6, 6] });
  net.dispose();
  assert.ok(count > 1, `more than one region (${count})`);
  assert.equal(count, r.count, 'the page shows the engine’s count');
  await page.click('.hidden-unit[data-layer="1"][data-unit="2"]');
  await page.waitForFunction(() =>
    /Layer 2, unit 3’s fold is drawn in white/.test(document.querySelector('.regions-note').textContent),
  );
  const white = await page.evaluate(() => {
    const c = document.querySelector('.out .regions-layer');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) n += d[i] === 255 && d[i + 1] === 255 && d[i + 2] === 255 ? 1 : 0;
    return n;
  });
  assert.ok(white > 100, `the selected unit's fold is painted white (${white} pixels)`);
  await page.mouse.move(5, 5); // off the unit: its hover preview would cover the map
  await page.waitForSelector('.map:not(.previewing)');
  await page.screenshot({ path: join(artifacts, 'regions-spiral.png'), fullPage: false });
  await page.locator('.out').screenshot({ path: join(artifacts, 'regions-out-panel.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test(
  'a dead unit: its fold has left the data, and the trace shows its gate closed for every point',
  { skip },
  async () => {
    const { page, problems, context } = await openPage(
      env.browser,
      `${env.url}#dataset=circle&hidden=8,8&activation=relu&learningRate=3&regions=1&trace=1&seed=1&dataSeed=1`,
    );
    const s = await step(page, 30);
    let dead = null;
    s.health.layers.forEach((L, l) => L.deadOnData.forEach((d, u) => d && !dead && (dead = [l, u])));
    assert.ok(dead, 'the hot learning rate killed a unit');
    await page.click(`.hidden-unit[data-layer="${dead[0]}"][data-unit="${dead[1]}"]`);
    await page.waitForFunction(() =>
      /its fold has left the data, every training point is on its closed side/.test(
        document.querySelector('.regions-note').textContent,
      ),
    );
    // trace a spot on the map: a click in trace mode traces instead of adding a point (once the
    // smooth scroll that reveals the selected unit's panel has ended, with the map on screen:
    // clicking the unit may have scrolled it away)
    await settle(page);
    await page.locator('.out .map-overlay').scrollIntoViewIfNeeded();
    const box = await page.locator('.out .map-overlay').boundingBox();
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.4);
    const cell = page.locator(`.trace-unit[data-layer="${dead[0]}"][data-unit="${dead[1]}"]`);
    await cell.waitFor();
    assert.match(await cell.textContent(), /gate closed/);
    assert.match(
      await cell.textContent(),
      /closed for all \d+ training points: no gradient from any point reaches its weights/,
    );
    await page.click('.trace-backward');
    await page.waitForFunction(() => document.querySelector('.trace-backward').getAttribute('aria-pressed') === 'true');
    await page.waitForFunction(
      ([l, u]) =>
        /0: gate closed/.test(document.querySelector(`.trace-unit[data-layer="${l}"][data-unit="${u}"]`).textContent),
      dead,
    );
    await page.mouse.move(5, 5);
    await page.waitForSelector('.map:not(.previewing)');
    await page.screenshot({ path: join(artifacts, 'trace-dead-unit.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  },
);

test('Nudge moves every weight by exactly one SGD step on the traced point; Undo restores them', { skip }, async () => {
  const { page, problems, context } = await openPage(
    env.browser,
    `${env.url}#dataset=xor&hidden=6,4&activation=relu&learningRate=0.3&trace=1&seed=2&dataSeed=2`,
  );
  await step(page, 5);
  const box = await page.locator('.out .map-overlay').boundingBox();
  await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.25);
  const summary = await page.waitForSelector('.trace-summary[data-x]');
  const point = Object.fromEntries(
    await Promise.all(['x', 'y', 'label'].map(async (k) => [k, Number(await summary.getAttribute(`data-${k}`))])),
  );
  const m0 = await exportModel(page);
  await page.click('.trace-nudge');
  await page.waitForSelector('.trace-undo:not([disabled])');
  const m1 = await exportModel(page);

  // the expected step, from the model before it: w − lr·∂L/∂w in float32
  const net = lab.network(m0);
  const t = net.trace(point);
  net.dispose();
  const lr = Math.fround(0.3);
  let changed = 0;
  m0.layers.forEach((L, l) => {
    const inputs = L.W[0].length;
    L.W.forEach((row, u) =>
      row.forEach((w, i) => {
        const want = Math.fround(w - Math.fround(lr * t.grads[l].dW[u * inputs + i]));
        assert.equal(m1.layers[l].W[u][i], want, `W[${l}][${u}][${i}]`);
        if (want !== w) ++changed;
      }),
    );
    L.b.forEach((b, u) =>
      assert.equal(m1.layers[l].b[u], Math.fround(b - Math.fround(lr * t.grads[l].db[u])), `b[${l}][${u}]`),
    );
  });
  assert.ok(changed > 0, 'the nudge changed weights');
  assert.equal(m1.epoch, m0.epoch, 'a nudge is not an epoch');

  await page.click('.trace-undo');
  await page.waitForSelector('.trace-undo[disabled]');
  const m2 = await exportModel(page);
  assert.deepEqual(m2.layers, m0.layers, 'Undo restores every weight and bias exactly');
  await page.locator('.trace-panel').screenshot({ path: join(artifacts, 'trace-panel.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a phone and in the embed, Regions mode and the trace panel fit and work', { skip }, async () => {
  for (const [name, path, viewport] of [
    ['phone', '', { width: 390, height: 844 }],
    ['embed', 'embed.html', { width: 900, height: 700 }],
  ]) {
    const { page, problems, context } = await openPage(
      env.browser,
      `${env.url}${path}#dataset=circle&hidden=6,6&activation=relu&regions=true&trace=true&seed=4&dataSeed=4`,
      { viewport },
    );
    await step(page, 20);
    const shown = await page.waitForSelector('.regions-count[data-count]');
    assert.match(await shown.textContent(), /^\d+ linear regions visible$/);
    const overlay = page.locator('.out .map-overlay');
    const box = await overlay.boundingBox();
    await overlay.click({ position: { x: box.width * 0.5, y: box.height * 0.5 } }); // scrolls it into view
    await page.waitForSelector('.trace-summary[data-x]', { timeout: 10000 });
    // nothing wider than the viewport
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name}: the page scrolls sideways by ${overflow} px`);
    await page.screenshot({ path: join(artifacts, `regions-${name}.png`), fullPage: true });
    await page.locator('.out').screenshot({ path: join(artifacts, `regions-${name}-out.png`) });
    assert.deepEqual(problems, []);
    await context.close();
  }
});

// ---- the region count over epochs in the loss chart (issue 15) ----
test(
  'Regions mode: the loss chart draws the worker’s region count over epochs, on its own axis',
  { skip },
  async () => {
    const { page, problems, context } = await openPage(
      env.browser,
      `${env.url}#dataset=circle&hidden=8,8&activation=relu&regions=1&seed=2&dataSeed=2&learningRate=0.3`,
    );
    const chart = '.chart[aria-label^="Loss over epochs"]';
    const lastPoint = async (epoch) => {
      await page.waitForFunction(
        ([sel, e]) => document.querySelector(sel)?.dataset.regions?.endsWith(`@${e}`),
        [chart, epoch],
      );
      const [count, at] = (await page.getAttribute(chart, 'data-regions')).split('@').map(Number);
      return { count, at };
    };
    const counted = async () => {
      const shown = await page.waitForSelector('.regions-count[data-count]');
      const [width, height] = (await shown.getAttribute('data-grid')).split('x').map(Number);
      const net = lab.network(await exportModel(page));
      const r = net.regions({ width, height, domain: [-6, 6, -6, 6] });
      net.dispose();
      return r.count;
    };
    await step(page, 5);
    const early = await lastPoint(5);
    assert.equal(early.count, await counted(), 'epoch 5: the series ends at the engine’s count');
    await step(page, 25);
    const late = await lastPoint(30);
    assert.equal(late.count, await counted(), 'epoch 30: the series ends at the engine’s count');
    assert.match(await page.textContent(`${chart} ~ .chart-legend`), /linear regions visible \(right axis, count\)/);
    assert.match(await page.getAttribute(chart, 'aria-label'), /\d+ regions visible at epoch \d+/); // (refreshed once a second)
    await page
      .locator('.chart-wrap')
      .first()
      .screenshot({ path: join(artifacts, 'loss-chart-regions.png') });
    // without Regions mode there is no count series
    await page.evaluate(() => window.playground.setConfig({ regions: false }));
    await step(page, 1);
    await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.regions === '', chart);
    assert.deepEqual(problems, []);
    await context.close();
  },
);
