// Trace mode in the network view (issue 15): a dead unit's mark in the network view shows its
// closed gate and, with Backward, |∂L/∂z| 0; the links are drawn by what they carry for the
// traced point (|a·w|, read back from what the painter drew); hovering a region lights exactly the
// units whose z > 0 there (net.trace of the npm module on the same network and point); dragging
// moves the traced point and the panel's numbers; the Step sequence ends in Nudge's weights.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { load } from '../../js/index.js';
import { setup, openPage, openPlain, step, haveBrowser, artifacts } from './helpers.mjs';
import { linkClass } from '../../web/src/views/network-links.js';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium';
const lab = await load();
let env;
before(async () => {
  if (!skip) env = await setup();
});
after(async () => env?.close());

const exportModel = (page) => page.evaluate(() => window.playground.exportModel());
const tracedPoint = async (page) =>
  page.evaluate(() => {
    const d = document.querySelector('.trace-summary').dataset;
    return { x: Number(d.x), y: Number(d.y), label: Number(d.label) };
  });

/** Click the map at fractions (fx, fy) of its side (a click traces in trace mode). */
async function traceAt(page, fx, fy) {
  await page.locator('.out .map-overlay').scrollIntoViewIfNeeded();
  const box = await page.locator('.out .map-overlay').boundingBox();
  await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
  await page.waitForSelector('.trace-summary[data-x]');
  await page.waitForSelector('.network .hidden-unit[data-gate]');
}

test('a dead unit in the network view: its gate is closed, and with Backward its |∂L/∂z| is 0', { skip }, async () => {
  const { page, problems, context } = await openPage(
    env.browser,
    `${env.url}#dataset=circle&hidden=8,8&activation=relu&learningRate=3&trace=1&seed=1&dataSeed=1`,
    { viewport: { width: 1440, height: 900 } },
  );
  const s = await step(page, 30);
  let dead = null;
  s.health.layers.forEach((L, l) => L.deadOnData.forEach((d, u) => d && !dead && (dead = [l, u])));
  assert.ok(dead, 'the hot learning rate killed a unit');
  await traceAt(page, 0.3, 0.4);
  const unit = page.locator(`.network .hidden-unit[data-layer="${dead[0]}"][data-unit="${dead[1]}"]`);
  assert.equal(await unit.getAttribute('data-gate'), 'closed');
  assert.ok(Number(await unit.getAttribute('data-z')) <= 0, 'its z is ≤ 0');
  const mark = page.locator('.trace-mark').filter({ has: page.locator('.trace-gate', { hasText: 'closed' }) });
  assert.ok((await mark.count()) >= 1, 'a closed gate is marked "closed" in the network view');
  // every unit's gate in the network view is the engine's gate for this point
  const net = lab.network(await exportModel(page));
  const t = net.trace(await tracedPoint(page));
  net.dispose();
  const gates = await page.$$eval('.network .hidden-unit[data-gate]', (els) =>
    els.map((e) => [Number(e.dataset.layer), Number(e.dataset.unit), e.dataset.gate]),
  );
  assert.equal(gates.length, 16);
  for (const [l, u, g] of gates) assert.equal(g, t.layers[l].gate[u] === 1 ? 'open' : 'closed', `gate ${l},${u}`);

  await page.click('.trace-backward');
  await page.waitForFunction(
    ([l, u]) =>
      document.querySelector(`.network .hidden-unit[data-layer="${l}"][data-unit="${u}"]`).dataset.dldz === '0',
    dead,
  );
  const text = await unit.locator('xpath=..').locator('.trace-mark-value').textContent();
  assert.equal(text, '0: gate closed');
  assert.equal(await page.getAttribute('.network', 'data-link-kind'), 'backward');
  await page.mouse.move(5, 5);
  await page.screenshot({ path: join(artifacts, 'trace-view-backward-1440.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('in trace mode each link is drawn by the signal it carries, |a·w|', { skip }, async () => {
  const { page, problems, context } = await openPage(
    env.browser,
    `${env.url}#dataset=xor&hidden=6,4&activation=relu&features=x,y,xy&trace=1&seed=3&dataSeed=3`,
  );
  await step(page, 10);
  await traceAt(page, 0.65, 0.3);
  await page.waitForFunction(() => document.querySelector('.network').dataset.linkKind === 'forward');
  const drawn = await page.evaluate(() => Array.from(document.querySelector('.network').traceCodes()));
  const model = await exportModel(page);
  const point = await tracedPoint(page);
  const net = lab.network(model);
  const t = net.trace(point);
  net.dispose();
  // a of each layer's inputs: the features x, y, xy, then the hidden activations
  const a = [[point.x, point.y, point.x * point.y], ...t.layers.map((L) => L.a)];
  const signal = model.layers.map((L, l) => L.W.map((row, o) => row.map((w, i) => a[l][i] * w)));
  const top = Math.max(...signal.flat(2).map(Math.abs));
  const want = signal.flat(2).map((v) => linkClass(v / top, 1) * 2 + (v / top >= 0 ? 1 : 0));
  assert.equal(drawn.length, want.length);
  assert.deepEqual(drawn, want, 'each link is drawn in the class of its |a·w|');
  // and that is not the weights' own picture: some link is drawn differently from its |w|
  const wTop = Math.max(1, ...model.layers.flatMap((L) => L.W.flat().map(Math.abs)));
  const byWeight = model.layers.flatMap((L) => L.W.flat().map((w) => linkClass(w, wTop) * 2 + (w >= 0 ? 1 : 0)));
  assert.notDeepEqual(drawn, byWeight);
  // a link out of a closed gate carries nothing: its class is the faintest
  const closed = t.layers[0].gate.findIndex((g) => g === 0);
  if (closed >= 0) {
    const offset = model.layers[0].W.flat().length;
    for (let o = 0; o < model.layers[1].W.length; o++)
      assert.equal(drawn[offset + o * model.layers[1].W[o].length + closed] >> 1, 0, `link from closed unit ${closed}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('hovering a region lights exactly the units whose z > 0 there', { skip }, async () => {
  const { page, problems, context } = await openPage(
    env.browser,
    `${env.url}#dataset=spiral&hidden=8,8&activation=relu&regions=1&seed=4&dataSeed=4`,
  );
  await step(page, 10);
  await page.evaluate(() => window.playground.pause());
  const shown = await page.waitForSelector('.regions-count[data-count]');
  const [W, H] = (await shown.getAttribute('data-grid')).split('x').map(Number);
  const model = await exportModel(page);
  const net = lab.network(model);
  const r = net.regions({ width: W, height: H, domain: [-6, 6, -6, 6] });
  // pixels well inside regions (no fold within two pixels), one in each of several regions
  const picks = new Map();
  for (let j = 4; j < H - 4; j += 3)
    for (let i = 4; i < W - 4; i += 3) {
      const id = r.ids[j * W + i];
      let inside = true;
      for (let dj = -2; dj <= 2; dj++) for (let di = -2; di <= 2; di++) inside &&= r.ids[(j + dj) * W + i + di] === id;
      if (inside && !picks.has(id)) picks.set(id, [i, j]);
    }
  assert.ok(picks.size >= 3, `several regions to hover (${picks.size})`);
  const box = await page.locator('.out .map-overlay').boundingBox();
  let checked = 0;
  for (const [i, j] of [...picks.values()].slice(0, 4)) {
    const x = -6 + ((i + 0.5) / W) * 12,
      y = 6 - ((j + 0.5) / H) * 12;
    const t = net.trace({ x, y, label: 0 });
    const want = t.layers.flatMap((L) => Array.from(L.z, (z) => (z > 0 ? 'open' : 'closed')));
    await page.mouse.move(box.x + ((i + 0.5) / W) * box.width, box.y + ((j + 0.5) / H) * box.height);
    await page.waitForSelector('.network.region-lit');
    const lit = await page.$$eval('.network .hidden-unit', (els) => els.map((e) => e.dataset.regionGate));
    assert.deepEqual(lit, want, `the lit gates at pixel (${i}, ${j})`);
    checked += want.includes('open') && want.includes('closed') ? 1 : 0;
  }
  assert.ok(checked >= 1, 'at least one hovered region has open and closed gates');
  net.dispose();
  await page.mouse.move(box.x - 20, box.y - 20);
  await page.waitForSelector('.network:not(.region-lit)');
  // hovering a unit picks its fold out on the map (not only selecting it)
  await page.hover('.hidden-unit[data-layer="1"][data-unit="2"]');
  await page.waitForFunction(() =>
    /Layer 2, unit 3’s fold is drawn in white/.test(document.querySelector('.regions-note').textContent),
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('dragging moves the traced point, and the panel and network follow', { skip }, async () => {
  const { page, problems, context } = await openPage(
    env.browser,
    `${env.url}#dataset=xor&hidden=6,4&activation=relu&trace=1&seed=2&dataSeed=2`,
  );
  await step(page, 5);
  await traceAt(page, 0.2, 0.2);
  const p0 = await tracedPoint(page);
  const text0 = await page.textContent('.trace-summary');
  const box = await page.locator('.out .map-overlay').boundingBox();
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
  await page.mouse.down();
  for (let k = 1; k <= 10; k++)
    await page.mouse.move(box.x + box.width * (0.2 + k * 0.05), box.y + box.height * (0.2 + k * 0.05));
  await page.mouse.up();
  // the trace follows the pointer frame by frame; it ends where the pointer was let go
  await page
    .waitForFunction(() => Math.abs(Number(document.querySelector('.trace-summary').dataset.x) - 2.4) < 0.2, null, {
      timeout: 5000,
    })
    .catch(() => {});
  const p1 = await tracedPoint(page);
  assert.ok(
    Math.abs(p1.x - 0.7 * 12 + 6) < 0.2 && Math.abs(p1.y - (6 - 0.7 * 12)) < 0.2,
    `dragged to (${p1.x}, ${p1.y})`,
  );
  assert.equal(p1.label, p0.label, 'a drag keeps the label');
  // a screen reader hears where the drag ended and the point's pass there, once
  await page.waitForFunction(() =>
    /^Tracing the point at x .*hidden gates open; prediction .*, loss /.test(
      document.querySelector('.status').textContent,
    ),
  );
  assert.notEqual(await page.textContent('.trace-summary'), text0);
  // the network view shows the engine's gates at the new point
  const net = lab.network(await exportModel(page));
  const t = net.trace(p1);
  net.dispose();
  await page.waitForFunction(
    (z) => Number(document.querySelector('.hidden-unit[data-layer="0"][data-unit="0"]').dataset.z) === z,
    t.layers[0].z[0],
  );
  // the keyboard: the crosshair's arrow keys move the traced point too
  await page.focus('.out .map-frame');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((x1) => Number(document.querySelector('.trace-summary').dataset.x) !== x1, p1.x);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Step sequence walks forward, loss, backward, update and ends in Nudge’s weights', { skip }, async () => {
  const { page, problems, context } = await openPage(
    env.browser,
    `${env.url}#dataset=xor&hidden=6,4&activation=relu&learningRate=0.3&trace=1&seed=2&dataSeed=2`,
  );
  await step(page, 5);
  await traceAt(page, 0.7, 0.25);
  const m0 = await exportModel(page);
  const sentences = [];
  for (const stage of ['forward', 'loss', 'backward', 'update']) {
    await page.click('.trace-step');
    await page.waitForSelector(`.trace-steps[data-stage="${stage}"]`);
    await page.waitForSelector(`.network[data-stage="${stage}"]`);
    sentences.push(await page.textContent('.trace-stage-text'));
    assert.equal(await page.getAttribute('.trace-stage.current', 'data-stage'), stage);
  }
  const net0 = lab.network(m0);
  const k = net0
    .trace(await tracedPoint(page))
    .layers.flatMap((L) => [...L.gate])
    .filter((g) => g === 1).length;
  net0.dispose();
  assert.match(
    sentences[0],
    new RegExp(`^Forward: .* ${k} of 10 hidden gates are open`),
    'the sentence counts the open gates',
  );
  assert.match(sentences[1], /^Loss: .*loss is /);
  assert.match(sentences[2], /^Backward: /);
  assert.match(sentences[3], /^Update: every weight and bias moved by −0\.3 × its gradient/);
  await page.waitForFunction(() => document.querySelector('.network').dataset.linkKind === 'nudge');
  const stepped = await exportModel(page);
  assert.notDeepEqual(stepped.layers, m0.layers, 'the update changed weights');
  await page.click('.trace-undo');
  await page.waitForSelector('.trace-undo[disabled]');
  assert.deepEqual((await exportModel(page)).layers, m0.layers, 'Undo puts them back');
  await page.click('.trace-nudge');
  await page.waitForSelector('.trace-undo:not([disabled])');
  assert.deepEqual((await exportModel(page)).layers, stepped.layers, 'Step’s update is exactly Nudge');
  await page.locator('.trace-panel').screenshot({ path: join(artifacts, 'trace-steps-panel.png') });
  await page.locator('.network').screenshot({ path: join(artifacts, 'trace-view-nudge.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a phone a touch drag moves the traced point; the embed and <relu-lab> trace too', { skip }, async () => {
  const context = await env.browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  await page.goto(`${env.url}#dataset=xor&hidden=6,4&activation=relu&trace=1&seed=2&dataSeed=2`);
  await page.waitForFunction(() => window.playground);
  await page.evaluate(() => window.playground.ready);
  await step(page, 5);
  const overlay = page.locator('.out .map-overlay');
  await overlay.scrollIntoViewIfNeeded();
  const box = await overlay.boundingBox();
  await page.touchscreen.tap(box.x + box.width * 0.3, box.y + box.height * 0.3);
  await page.waitForSelector('.trace-summary[data-x]');
  const p0 = await tracedPoint(page);
  // a touch drag through the DevTools protocol (Playwright's touchscreen only taps)
  const cdp = await context.newCDPSession(page);
  const at = (f) => [{ x: box.x + box.width * f, y: box.y + box.height * f }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0.3) });
  for (let k = 1; k <= 8; k++)
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(0.3 + k * 0.05) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await page
    .waitForFunction(() => Math.abs(Number(document.querySelector('.trace-summary').dataset.x) - 2.4) < 0.2, null, {
      timeout: 5000,
    })
    .catch(() => {});
  const p1 = await tracedPoint(page);
  assert.ok(
    Math.abs(p1.x - 2.4) < 0.2 && Math.abs(p1.y + 2.4) < 0.2,
    `touch-dragged from ${p0.x} to (${p1.x}, ${p1.y})`,
  );
  assert.equal(p1.label, p0.label);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the phone page scrolls sideways by ${overflow} px`);
  await page.click('.trace-backward');
  await page.locator('.network').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(artifacts, 'trace-view-phone.png') });
  assert.deepEqual(problems, []);
  await context.close();

  // the iframe embed: the same page code
  const embed = await openPage(
    env.browser,
    `${env.url}embed.html#dataset=circle&hidden=6,6&activation=relu&learningRate=3&trace=1&seed=1&dataSeed=1`,
    { viewport: { width: 900, height: 700 } },
  );
  await step(embed.page, 20);
  await traceAt(embed.page, 0.35, 0.4);
  await embed.page.click('.trace-backward');
  await embed.page.waitForSelector('.network .hidden-unit[data-dldz]');
  await embed.page.screenshot({ path: join(artifacts, 'trace-view-embed.png'), fullPage: true });
  assert.deepEqual(embed.problems, []);
  await embed.context.close();

  // <relu-lab trace="true">: its shadow root gets the same trace mode
  const {
    page: ep,
    context: el,
    problems: errors,
  } = await openPlain(env.browser, `${env.url}tutorial.html`, { width: 1280, height: 900 });
  await ep.evaluate(() => {
    const e = document.createElement('relu-lab');
    e.id = 'traced';
    e.setAttribute('dataset', 'xor');
    e.setAttribute('trace', 'true');
    e.setAttribute('panels', 'network,output');
    document.body.prepend(e);
  });
  await ep.waitForFunction(() => document.querySelector('#traced').state?.epoch !== undefined);
  const map = ep.locator('#traced .out .map-overlay');
  await map.scrollIntoViewIfNeeded();
  const b = await map.boundingBox();
  await ep.mouse.click(b.x + b.width * 0.7, b.y + b.height * 0.3);
  await ep.waitForSelector('#traced .network .hidden-unit[data-gate]');
  const gates = await ep.$$eval('#traced .network .hidden-unit', (els) => els.map((x) => x.dataset.gate));
  assert.ok(gates.every((g) => g === 'open' || g === 'closed') && gates.length > 0, `gates in the element: ${gates}`);
  await ep.locator('#traced').screenshot({ path: join(artifacts, 'trace-view-element.png') });
  assert.deepEqual(errors, []);
  await el.close();
});
