// The selected unit's popover (web/src/views/unit-popover.js, issue #19: selecting a unit only
// drew a focus ring; its panel was below the fold): beside the unit, without moving the page; its
// status and numbers are the engine's health for that unit, kept current while training; "More"
// brings the Selected unit panel into view; Esc, × and a click elsewhere close it; the keyboard
// opens it with the focus inside and gets the focus back on the unit; on a phone it is a bottom
// sheet that leaves the decision map in view; in <relu-lab> and the iframe embed too.
// Screenshots: test-results/web/popover-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, openPlain, haveBrowser, artifacts } from './helpers.mjs';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium';
let env;
before(async () => {
  if (!skip) env = await setup();
});
after(async () => env?.close());

/** The popover's state in root (a document or a shadow root, found by a selector on the page). */
const popState = (page, host = null) =>
  page.evaluate(async (hostSel) => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const root = hostSel ? document.querySelector(hostSel).shadowRoot : document;
    const p = root.querySelector('.unit-popover');
    const r = p.getBoundingClientRect();
    const dd = [...p.querySelectorAll('.unit-pop-numbers dd')].map((d) => d.textContent);
    const map = p.querySelector('canvas').getContext('2d').getImageData(0, 0, 88, 88).data;
    return {
      open: p.matches(':popover-open'),
      box: { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width },
      title: p.querySelector('.unit-pop-title').textContent,
      status: p.querySelector('.unit-pop-status').textContent,
      why: p.querySelector('.unit-pop-why').textContent,
      activeOn: dd[0],
      painted: map.some((v, i) => i % 4 === 3 && v > 0),
      more: !p.querySelector('.unit-pop-more').hidden,
      cert: !p.querySelector('.unit-pop-cert').hidden,
      sheet: p.classList.contains('sheet'),
      focused: p.contains(root.activeElement),
      vw: document.documentElement.clientWidth,
      vh: innerHeight,
      scrollX: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  }, host);

const unitBox = (page, l, u) => page.locator(`.hidden-unit[data-layer="${l}"][data-unit="${u}"]`).boundingBox();
/** The first unit state() reports dead on the data, and the first alive one. */
const units = (page) =>
  page.evaluate(() => {
    const out = { dead: null, alive: null };
    window.playground.state().health.layers.forEach((L, l) =>
      L.deadOnData.forEach((d, u) => {
        if (d) out.dead ??= [l, u];
        else if (!L.dormant[u]) out.alive ??= [l, u];
      }),
    );
    return out;
  });

test(
  'desktop: the popover opens beside the unit, says why it is dead, and the page does not move',
  { skip },
  async () => {
    const { page, context, problems } = await openPage(env.browser, env.url, {
      viewport: { width: 1440, height: 900 },
    });
    const { dead, alive } = await units(page);
    assert.ok(dead && alive, 'the default net has a dead unit (born dead) and an alive one');
    const y0 = await page.evaluate(() => scrollY);
    await page.click(`.hidden-unit[data-layer="${dead[0]}"][data-unit="${dead[1]}"]`);
    let s = await popState(page);
    assert.equal(s.open, true);
    assert.equal(await page.evaluate(() => scrollY), y0, 'no page jump');
    const b = await unitBox(page, ...dead);
    assert.ok(s.box.left >= b.x + b.width || s.box.right <= b.x, 'beside the unit, not over it');
    assert.ok(s.box.top < b.y + b.height && s.box.bottom > b.y, 'level with the unit');
    assert.ok(s.box.left >= 0 && s.box.right <= s.vw && s.box.top >= 0 && s.box.bottom <= s.vh, 'inside the viewport');
    assert.equal(s.title, `Layer ${dead[0] + 1}, unit ${dead[1] + 1} · relu`);
    assert.match(s.status, /^Born dead on the data$/, 'at epoch 0 it was born dead');
    assert.match(s.why, /z is ≤ 0 for every training point/);
    assert.equal(s.activeOn, '0 % of points');
    assert.ok(s.more, '"More" is offered');
    assert.equal(s.cert, false, 'no "How it died" for a unit born dead: no step killed it');
    await page.mouse.move(5, 5); // the unit's hover preview off the map, for the picture
    await page.screenshot({ path: join(artifacts, 'popover-desktop.png') });
    // an alive unit: its numbers follow training
    await page.click(`.hidden-unit[data-layer="${alive[0]}"][data-unit="${alive[1]}"]`);
    s = await popState(page);
    assert.equal(s.status, 'Alive');
    assert.ok(s.painted, 'its map is drawn');
    await page.evaluate(() => window.playground.step(30));
    s = await popState(page);
    const rate = await page.evaluate(([l, u]) => window.playground.state().health.layers[l].activationRate[u], alive);
    assert.equal(s.activeOn, `${Math.round(rate * 100)} % of points`, 'the numbers of the last frame');
    // Esc closes it; the selection stays
    await page.keyboard.press('Escape');
    assert.equal((await popState(page)).open, false, 'Esc closed it');
    // "More" brings the Selected unit panel into view
    await page.click(`.hidden-unit[data-layer="${alive[0]}"][data-unit="${alive[1]}"]`); // deselect
    await page.click(`.hidden-unit[data-layer="${alive[0]}"][data-unit="${alive[1]}"]`);
    assert.equal((await popState(page)).open, true);
    await page.click('.unit-pop-more');
    await page.waitForFunction(() => {
      const r = document.querySelector('.insp').getBoundingClientRect();
      return r.top >= 0 && r.top + 80 <= innerHeight;
    });
    assert.equal((await popState(page)).open, false, '"More" closes the popover');
    // a click elsewhere closes it
    await page.evaluate(() => scrollTo(0, 0));
    await page.click(`.hidden-unit[data-layer="${dead[0]}"][data-unit="${dead[1]}"]`);
    assert.equal((await popState(page)).open, true);
    await page.click('.panel.out h2, .out .panel-title');
    assert.equal((await popState(page)).open, false, 'a click elsewhere closed it');
    assert.deepEqual(problems, []);
    await context.close();
  },
);

test(
  'keyboard: Enter on a unit opens the popover with the focus in it; Esc gives the focus back',
  { skip },
  async () => {
    const { page, context, problems } = await openPage(env.browser, env.url, {
      viewport: { width: 1440, height: 900 },
    });
    await page.focus('.hidden-unit[data-layer="0"][data-unit="0"]');
    await page.keyboard.press('Shift+Tab'); // focus by the keyboard (:focus-visible), then back
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    let s = await popState(page);
    assert.equal(s.open, true);
    assert.equal(s.focused, true, 'the focus is in the popover');
    await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate(() => document.activeElement.closest('.unit-popover') !== null),
      true,
      'Tab reaches its buttons',
    );
    await page.keyboard.press('Escape');
    s = await popState(page);
    assert.equal(s.open, false);
    assert.equal(
      await page.evaluate(() => document.activeElement.matches('.hidden-unit[data-layer="0"][data-unit="0"]')),
      true,
      'the focus is back on the unit',
    );
    assert.deepEqual(problems, []);
    await context.close();
  },
);

test('phone 390 × 844: a bottom sheet that leaves the decision map in view, no sideways scroll', { skip }, async () => {
  const context = await env.browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    hasTouch: true,
    isMobile: true,
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${env.url}#hidden=3,3&dataset=xor`);
  await page.waitForFunction(() => window.playground);
  await page.evaluate(() => window.playground.ready);
  // scroll so that the map's lower part and the first unit are both on screen
  await page.evaluate(() => {
    const unit = document.querySelector('.hidden-unit').getBoundingClientRect();
    scrollBy(0, unit.bottom - innerHeight + 40);
  });
  const map = () => page.evaluate(() => document.querySelector('.out .map-regions').getBoundingClientRect().toJSON());
  const m = await map();
  await page.tap('.hidden-unit');
  const s = await popState(page);
  assert.equal(s.open, true);
  assert.equal(s.sheet, true, 'a bottom sheet');
  assert.ok(Math.abs(s.box.width - s.vw) < 1 && s.box.left === 0, 'the full width');
  assert.ok(Math.abs(s.box.bottom - s.vh) < 1, 'at the bottom');
  assert.equal(s.scrollX, 0, 'no horizontal overflow');
  console.log(
    `# phone: map ${Math.round(m.top)}–${Math.round(m.bottom)}, sheet ${Math.round(s.box.top)}–${Math.round(s.box.bottom)}`,
  );
  await page.screenshot({ path: join(artifacts, 'popover-phone.png') });
  await page.tap('.unit-pop-close');
  assert.equal((await popState(page)).open, false, '× closes it');
  // with the map on screen (a unit selected from elsewhere: the next unit by the keyboard, the
  // scripting API) the sheet takes only the room below the map
  await page.evaluate(() => {
    const r = document.querySelector('.out .map-regions').getBoundingClientRect();
    scrollBy(0, r.top - 90);
    document.querySelectorAll('.hidden-unit')[1].click();
  });
  const t = await popState(page);
  const shown = await map();
  assert.ok(shown.top >= 0 && shown.bottom <= t.vh, 'the map is on screen');
  assert.equal(t.open, true);
  assert.ok(
    t.box.top >= shown.bottom - 1,
    `the sheet (top ${t.box.top}) leaves the map (bottom ${shown.bottom}) in view`,
  );
  console.log(
    `# phone: map ${Math.round(shown.top)}–${Math.round(shown.bottom)}, sheet ${Math.round(t.box.top)}–${Math.round(t.box.bottom)}`,
  );
  await page.screenshot({ path: join(artifacts, 'popover-phone-map.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('in <relu-lab> (no Selected unit panel) and in the iframe embed the popover opens too', { skip }, async () => {
  const { page, context, problems } = await openPlain(env.browser, `${env.url}tutorial.html`, {
    width: 1000,
    height: 800,
  });
  await page.waitForFunction(() => customElements.get('relu-lab'));
  await page.evaluate(async () => {
    const el = document.querySelector('relu-lab');
    el.scrollIntoView();
    await el.step(1);
  });
  await page.evaluate(() => document.querySelector('relu-lab').shadowRoot.querySelector('.hidden-unit').click());
  const s = await popState(page, 'relu-lab');
  assert.equal(s.open, true, 'open in the shadow root');
  assert.equal(s.more, false, 'no "More" where the element shows no Selected unit panel');
  await page.screenshot({ path: join(artifacts, 'popover-element.png') });
  // the iframe embed (its default panels: the network and the map)
  await page.goto(`${env.url}embed.html#dataset=spiral&hidden=8,8&panels=net,out`);
  await page.waitForFunction(() => window.playground);
  await page.evaluate(() => window.playground.ready);
  await page.click('.hidden-unit');
  const e = await popState(page);
  assert.equal(e.open, true, 'open in the embed');
  assert.ok(e.box.right <= e.vw && e.box.bottom <= e.vh, 'inside the frame');
  await page.screenshot({ path: join(artifacts, 'popover-embed.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a unit killed by training: "How it died" shows its death certificate', { skip }, async () => {
  const { page, context, problems } = await openPage(
    env.browser,
    `${env.url}#dataset=circle&hidden=8,8&learningRate=3&seed=1&dataSeed=1`,
    { viewport: { width: 1440, height: 900 } },
  );
  await page.evaluate(() => window.playground.step(30));
  const dead = await page.evaluate(() => {
    const layers = window.playground.state().health.layers;
    for (const [l, L] of layers.entries())
      for (let u = 0; u < L.units; u++) if (L.deadOnData[u] && L.diedAtEpoch[u] > 0) return [l, u, L.diedAtEpoch[u]];
    return null;
  });
  assert.ok(dead, 'learning rate 3 kills a unit after epoch 0');
  await page.click(`.hidden-unit[data-layer="${dead[0]}"][data-unit="${dead[1]}"]`);
  const s = await popState(page);
  assert.equal(s.status, `Dead since epoch ${dead[2]} on the data`);
  assert.equal(s.cert, true);
  await page.click('.unit-pop-cert');
  await page.waitForFunction(() => {
    const c = document.querySelector('.certificate');
    const r = c.getBoundingClientRect();
    return !c.hidden && r.top >= 0 && r.top < innerHeight;
  });
  assert.deepEqual(problems, []);
  await context.close();
});
