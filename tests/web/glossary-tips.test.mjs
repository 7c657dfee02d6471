// The glossary's toggletips (web/src/views/toggletip.js, issue #19): a term's definition is
// reached by a tap on a phone, by the keyboard, and inside <relu-lab>; it stays inside the
// viewport and is not clipped by the network view's scroller; Esc and a tap elsewhere close it.
// Screenshots: test-results/web/tip-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, openPlain, haveBrowser, artifacts } from './helpers.mjs';
import { GLOSSARY } from '../../web/src/glossary.js';

const skip = haveBrowser ? false : 'needs /usr/bin/chromium';
let env;
before(async () => {
  if (!skip) env = await setup();
});
after(async () => env?.close());

const definition = (term) => GLOSSARY.find((g) => g.term === term).text;

/** The tip's state: open, aria-expanded, its bubble's box and whether its centre shows the bubble. */
const tipState = (page, sel) =>
  page.evaluate(async (s) => {
    await new Promise((r) => requestAnimationFrame(() => r())); // placed at the next frame
    const button = document.querySelector(s);
    const bubble = document.getElementById(button.getAttribute('aria-controls'));
    const r = bubble.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {
      open: bubble.matches(':popover-open'),
      expanded: button.getAttribute('aria-expanded'),
      text: bubble.textContent,
      box: { left: r.left, right: r.right, top: r.top, bottom: r.bottom },
      onTop: !!hit && bubble.contains(hit),
      vw: document.documentElement.clientWidth,
      vh: innerHeight,
    };
  }, sel);

test(
  'on a 390 px touch screen a tap on a term shows its definition beside it; a tap elsewhere closes it',
  { skip },
  async () => {
    const context = await env.browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 1,
      hasTouch: true,
      isMobile: true,
    });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(env.url);
    await page.waitForFunction(() => window.playground);
    await page.evaluate(() => window.playground.ready);
    const tip = '[data-control="batchNorm"] .term-tip';
    await page.locator(tip).scrollIntoViewIfNeeded();
    const box = await page.locator(tip).boundingBox();
    assert.ok(box.width >= 24 && box.height >= 24, `a 24 px target (${box.width} × ${box.height})`);
    await page.tap(tip);
    let s = await tipState(page, tip);
    assert.equal(s.open, true, 'the tap opened it');
    assert.equal(s.expanded, 'true');
    assert.ok(s.text.includes(definition('Batch norm')), s.text);
    assert.ok(s.box.left >= 0 && s.box.right <= s.vw, `inside the screen's width: ${JSON.stringify(s.box)}`);
    assert.ok(s.box.top >= 0 && s.box.bottom <= s.vh, `inside the screen's height: ${JSON.stringify(s.box)}`);
    assert.ok(s.onTop, 'nothing covers it');
    assert.ok(Math.abs(s.box.top - (box.y + box.height)) < 12 || s.box.bottom <= box.y + 1, 'beside its button');
    await page.screenshot({ path: join(artifacts, 'tip-phone.png') });
    assert.equal(await page.evaluate(() => window.playground.state().playing), false, 'the tap did not play');
    await page.touchscreen.tap(20, 830 - 40);
    s = await tipState(page, tip);
    assert.equal(s.open, false, 'a tap elsewhere closed it');
    assert.equal(s.expanded, 'false');
    assert.deepEqual(problems, []);
    await context.close();
  },
);

test(
  'keyboard: Enter or Space on a focused tip opens it (and does not train), Esc closes it and keeps focus',
  { skip },
  async () => {
    const { page, context, problems } = await openPage(env.browser, env.url, {
      viewport: { width: 1440, height: 900 },
    });
    const tip = '.layer-head .term-tip';
    await page.focus(tip);
    await page.keyboard.press('Enter');
    let s = await tipState(page, tip);
    assert.equal(s.open, true, 'Enter opened it');
    for (const term of ['Dead unit (on the data)', 'Sparsity', '∇ (gradient norm)'])
      assert.ok(s.text.includes(definition(term)), `the layer head's tip defines ${term}`);
    assert.ok(s.onTop, 'not clipped by the network view');
    await page.screenshot({ path: join(artifacts, 'tip-desktop.png') });
    await page.keyboard.press('Escape');
    s = await tipState(page, tip);
    assert.equal(s.open, false, 'Esc closed it');
    assert.equal(
      await page.evaluate((sel) => document.activeElement === document.querySelector(sel), tip),
      true,
      'focus stays on the tip',
    );
    await page.keyboard.press(' ');
    s = await tipState(page, tip);
    assert.equal(s.open, true, 'Space on the focused tip opened it');
    assert.equal(await page.evaluate(() => window.playground.state().playing), false, 'and did not start training');
    await page.keyboard.press(' ');
    assert.equal((await tipState(page, tip)).open, false, 'Space again closes it');
    assert.deepEqual(problems, []);
    await context.close();
  },
);

test('inside <relu-lab> a tip opens in its shadow root, in the dark theme too', { skip }, async () => {
  const { page, context, problems } = await openPlain(env.browser, `${env.url}tutorial.html`, {
    width: 1100,
    height: 900,
  });
  await page.waitForFunction(() => customElements.get('relu-lab'));
  await page.evaluate(async () => {
    const el = document.querySelector('relu-lab');
    el.setAttribute('theme', 'dark');
    el.scrollIntoView();
    await el.step(1);
  });
  const open = await page.evaluate(async () => {
    const root = document.querySelector('relu-lab').shadowRoot;
    const button = root.querySelector('.term-tip');
    button.click();
    await new Promise((r) => requestAnimationFrame(r));
    const bubble = root.getElementById(button.getAttribute('aria-controls'));
    return {
      open: bubble.matches(':popover-open'),
      text: bubble.textContent,
      bg: getComputedStyle(bubble).backgroundColor,
    };
  });
  assert.equal(open.open, true);
  assert.ok(open.text.length > 20, open.text);
  assert.notEqual(open.bg, 'rgb(255, 255, 255)', 'the dark theme reaches the bubble');
  await page.screenshot({ path: join(artifacts, 'tip-element.png') });
  assert.deepEqual(problems, []);
  await context.close();
});
